// Which sites may show an organization's customer portal in a frame: the
// CSP frame-ancestors of the portal page. By default any site may (the
// portal is made to be framed in the seller's app, and the link's token, not
// the framing page, grants access); an organization narrows it to its own
// app's origins, or to none.
import { recordAuditEvent } from "../audit/index.ts";
import type { RequestContext } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import type { PortalFramePolicy, UpdatePortalFramePolicyInput } from "./portal-schemas.ts";

/** The origins that may frame the organization's portal; undefined for any site. */
export async function portalFrameAncestorsOf(
  database: Database,
  organizationId: string,
): Promise<string[] | undefined> {
  const row = await database
    .selectFrom("portal_frame_policies")
    .select("frame_ancestors")
    .where("organization_id", "=", organizationId)
    .executeTakeFirst();
  return row?.frame_ancestors;
}

/** The CSP frame-ancestors source list for `origins` (undefined: any site). */
export function frameAncestorsDirective(origins: string[] | undefined): string {
  if (origins === undefined) return "frame-ancestors *";
  return origins.length === 0 ? "frame-ancestors 'none'" : `frame-ancestors ${origins.join(" ")}`;
}

export async function getPortalFramePolicy(context: RequestContext): Promise<PortalFramePolicy> {
  const row = await context.database
    .selectFrom("portal_frame_policies")
    .selectAll()
    .where("organization_id", "=", context.organizationId)
    .executeTakeFirst();
  return {
    frame_ancestors: row?.frame_ancestors ?? null,
    updated_at: row === undefined ? null : new Date(row.updated_at).toISOString(),
  };
}

export async function updatePortalFramePolicy(
  context: RequestContext,
  input: UpdatePortalFramePolicyInput,
): Promise<PortalFramePolicy> {
  const now = context.clock.now();
  const origins = input.frame_ancestors === null ? null : [...new Set(input.frame_ancestors)];
  return context.database.transaction().execute(async (transaction) => {
    const before = await getPortalFramePolicy({ ...context, database: transaction });
    if (origins === null) {
      await transaction
        .deleteFrom("portal_frame_policies")
        .where("organization_id", "=", context.organizationId)
        .execute();
    } else {
      await transaction
        .insertInto("portal_frame_policies")
        .values({
          organization_id: context.organizationId,
          frame_ancestors: JSON.stringify(origins),
          updated_at: now,
        })
        .onConflict((conflict) =>
          conflict
            .column("organization_id")
            .doUpdateSet({ frame_ancestors: JSON.stringify(origins), updated_at: now }),
        )
        .execute();
    }
    const after: PortalFramePolicy = {
      frame_ancestors: origins,
      updated_at: origins === null ? null : now.toISOString(),
    };
    await recordAuditEvent(transaction, context, {
      action: "portal_frame_policy.updated",
      objectType: "organization",
      objectId: context.organizationId,
      before,
      after,
    });
    return after;
  });
}
