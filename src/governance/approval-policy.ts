// The approval policy of an environment: whether publishing a catalog change
// needs a second person's approval. Without a stored policy, the live
// environment requires approval and the test environment lets changes be
// published directly, so that experiments are quick and real prices are
// always reviewed.

import { recordAuditEvent } from "../audit/index.ts";
import type { EnvironmentKind } from "../organizations/index.ts";
import { loadOrganization } from "../organizations/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import "./tables.ts";
import { inTenant } from "../platform/database/tenant-scope.ts";

export type ApprovalPolicy = {
  environment: EnvironmentKind;
  /** True when a plan version must be submitted and approved by another key before it is published. */
  publish_requires_approval: boolean;
  /** True while no policy was set and the environment's default applies. */
  is_default: boolean;
  updated_at: string | null;
};

export type ApprovalPolicyChange = { publish_requires_approval: boolean };

export async function getApprovalPolicy(context: RequestContext): Promise<ApprovalPolicy> {
  return readApprovalPolicy(context.database, context);
}

/** The policy that applies in an environment, stored or default. Works inside a transaction too. */
export async function readApprovalPolicy(database: Database, scope: TenantScope): Promise<ApprovalPolicy> {
  const environment = await environmentKindOf(database, scope);
  const row = await database
    .selectFrom("approval_policies")
    .selectAll()
    .where(inTenant(scope))
    .executeTakeFirst();
  if (!row) {
    return {
      environment,
      publish_requires_approval: environment === "live",
      is_default: true,
      updated_at: null,
    };
  }
  return {
    environment,
    publish_requires_approval: row.publish_requires_approval,
    is_default: false,
    updated_at: row.updated_at.toISOString(),
  };
}

export async function updateApprovalPolicy(
  context: RequestContext,
  change: ApprovalPolicyChange,
): Promise<ApprovalPolicy> {
  return context.database.transaction().execute(async (transaction) => {
    const before = await readApprovalPolicy(transaction, context);
    const now = context.clock.now();
    await transaction
      .insertInto("approval_policies")
      .values({
        environment_id: context.environmentId,
        organization_id: context.organizationId,
        publish_requires_approval: change.publish_requires_approval,
        updated_at: now,
      })
      .onConflict((conflicting) =>
        conflicting
          .column("environment_id")
          .doUpdateSet({ publish_requires_approval: change.publish_requires_approval, updated_at: now }),
      )
      .execute();
    const after = await readApprovalPolicy(transaction, context);
    await recordAuditEvent(transaction, context, {
      action: "approval_policy.updated",
      objectType: "approval_policy",
      objectId: context.environmentId,
      before,
      after,
    });
    return after;
  });
}

async function environmentKindOf(database: Database, scope: TenantScope): Promise<EnvironmentKind> {
  const organization = await loadOrganization(database, scope.organizationId);
  return organization.environments.live === scope.environmentId ? "live" : "test";
}
