// What an environment's customers may change themselves in the portal (issue
// 19): the plans they may switch a subscription to, by code, and whether they
// may cancel one (at the end of its period only, as Stripe's customer portal
// does by default). Until a billing operator sets it, nothing is allowed.
import { recordAuditEvent } from "../audit/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { writeEnvironmentSettings } from "../platform/database/tenant-rows.ts";
import { selectInTenant } from "../platform/database/tenant-scope.ts";
import type {
  PortalSelfServeSettings,
  UpdatePortalSelfServeSettingsInput,
} from "./portal-self-serve-schemas.ts";

export async function readPortalSelfServeSettings(
  database: Database,
  scope: TenantScope,
): Promise<PortalSelfServeSettings> {
  const row = await selectInTenant(database, scope, "portal_self_serve_settings").executeTakeFirst();
  return {
    plan_codes: row?.plan_codes ?? [],
    cancellation: row?.cancellation ?? "not_allowed",
    updated_at: row === undefined ? null : new Date(row.updated_at).toISOString(),
  };
}

export function getPortalSelfServeSettings(context: RequestContext): Promise<PortalSelfServeSettings> {
  return readPortalSelfServeSettings(context.database, context);
}

/** Sets the fields given; the others stay as they are. */
export async function updatePortalSelfServeSettings(
  context: RequestContext,
  input: UpdatePortalSelfServeSettingsInput,
): Promise<PortalSelfServeSettings> {
  const now = context.clock.now();
  return context.database.transaction().execute(async (transaction) => {
    const before = await readPortalSelfServeSettings(transaction, context);
    const planCodes = input.plan_codes === undefined ? before.plan_codes : [...new Set(input.plan_codes)];
    const cancellation = input.cancellation ?? before.cancellation;
    await writeEnvironmentSettings(transaction, context, "portal_self_serve_settings", {
      plan_codes: JSON.stringify(planCodes),
      cancellation,
      updated_at: now,
    });
    const after: PortalSelfServeSettings = {
      plan_codes: planCodes,
      cancellation,
      updated_at: now.toISOString(),
    };
    await recordAuditEvent(transaction, context, {
      action: "portal_self_serve_settings.updated",
      objectType: "environment",
      objectId: context.environmentId,
      before,
      after,
    });
    return after;
  });
}
