// The approval policy of an environment: whether publishing a catalog change
// needs a second person's approval, and which other changes do (credit
// grants, coupons and price overrides above set amounts, plan migrations,
// rollouts: see approval-limits.ts). Without a stored policy, the live
// environment requires approval of plan versions and the test environment
// lets them be published directly, so that experiments are quick and real
// prices are always reviewed; nothing else needs approval until an admin says
// so. Tightening the policy applies at once; loosening it is itself a change
// that a second admin (another person) must approve.

import type { Selectable } from "kysely";
import type { Static } from "typebox";
import { describeActor, recordAuditEvent, recordSettingsUpdate } from "../audit/index.ts";
import type { EnvironmentKind } from "../organizations/index.ts";
import { loadOrganization } from "../organizations/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import type { Database, DatabaseTransaction } from "../platform/database/schema.ts";
import {
  insertTenantRow,
  updateTenantRow,
  writeEnvironmentSettings,
} from "../platform/database/tenant-rows.ts";
import { findInTenant, selectInTenant } from "../platform/database/tenant-scope.ts";
import { conflict, FairbillError } from "../platform/errors.ts";
import { loosens, noApprovalRequired } from "./approval-limits.ts";
import { isSamePerson } from "./approvals.ts";
import type { ApprovalPolicyChangeSchema, ApprovalRequiredFor } from "./governance-schemas.ts";
import type { ApprovalPolicyChangeTable } from "./tables.ts";

export type ApprovalPolicy = {
  environment: EnvironmentKind;
  /** True when a plan version must be submitted and approved by another person before it is published. */
  publish_requires_approval: boolean;
  /** The changes besides plan versions that need another person's approval. */
  approval_required_for: ApprovalRequiredFor;
  /** True while no policy was set and the environment's default applies. */
  is_default: boolean;
  updated_at: string | null;
  /** A loosening that waits for a second admin. */
  pending_change: ApprovalPolicyChangeView | null;
};

export type ApprovalPolicyChangeView = Static<typeof ApprovalPolicyChangeSchema>;

export type ApprovalPolicySettings = {
  publish_requires_approval: boolean;
  approval_required_for: ApprovalRequiredFor;
};

/** What a PATCH sends: the settings to change; the rest stay as they are. */
export type ApprovalPolicyChange = Partial<ApprovalPolicySettings>;

export async function getApprovalPolicy(context: RequestContext): Promise<ApprovalPolicy> {
  return withPendingChange(context.database, context, await readApprovalPolicy(context.database, context));
}

async function withPendingChange(
  database: Database,
  scope: TenantScope,
  policy: Omit<ApprovalPolicy, "pending_change"> | ApprovalPolicy,
): Promise<ApprovalPolicy> {
  const pending = await selectInTenant(database, scope, "approval_policy_changes")
    .where("state", "=", "pending")
    .orderBy("id", "desc")
    .executeTakeFirst();
  return { ...policy, pending_change: pending ? presentChange(pending) : null };
}

/** The policy that applies in an environment, stored or default. Works inside a transaction too. */
export async function readApprovalPolicy(
  database: Database,
  scope: TenantScope,
): Promise<Omit<ApprovalPolicy, "pending_change">> {
  const environment = await environmentKindOf(database, scope);
  const row = await selectInTenant(database, scope, "approval_policies").executeTakeFirst();
  if (!row) {
    return {
      environment,
      publish_requires_approval: environment === "live",
      approval_required_for: noApprovalRequired,
      is_default: true,
      updated_at: null,
    };
  }
  return {
    environment,
    publish_requires_approval: row.publish_requires_approval,
    approval_required_for: row.approval_required_for ?? noApprovalRequired,
    is_default: false,
    updated_at: row.updated_at.toISOString(),
  };
}

/**
 * Changes the policy: at once when it asks for more review, else as a change
 * that waits for another admin (`approveApprovalPolicyChange`).
 */
export async function updateApprovalPolicy(
  context: RequestContext,
  change: ApprovalPolicyChange,
): Promise<ApprovalPolicy> {
  const current = await readApprovalPolicy(context.database, context);
  const proposed: ApprovalPolicySettings = {
    publish_requires_approval: change.publish_requires_approval ?? current.publish_requires_approval,
    approval_required_for: change.approval_required_for ?? current.approval_required_for,
  };
  if (
    (current.publish_requires_approval && !proposed.publish_requires_approval) ||
    loosens(current.approval_required_for, proposed.approval_required_for)
  ) {
    return proposeLoosening(context, proposed);
  }
  return context.database.transaction().execute(async (transaction) => {
    await applyPolicy(transaction, context, proposed);
    return withPendingChange(transaction, context, await readApprovalPolicy(transaction, context));
  });
}

async function proposeLoosening(
  context: RequestContext,
  change: ApprovalPolicySettings,
): Promise<ApprovalPolicy> {
  const now = context.clock.now();
  const proposer = describeActor(context.actor);
  return context.database.transaction().execute(async (transaction) => {
    const policy = await withPendingChange(
      transaction,
      context,
      await readApprovalPolicy(transaction, context),
    );
    if (policy.pending_change !== null) {
      throw conflict(
        "approval_policy_change_pending",
        `Change ${policy.pending_change.id} to the approval policy waits for a second admin: approve or reject it first.`,
      );
    }
    const row = await insertTenantRow(
      transaction,
      context,
      "approval_policy_changes",
      "approvalPolicyChange",
      now,
      {
        publish_requires_approval: change.publish_requires_approval,
        approval_required_for: JSON.stringify(change.approval_required_for),
        state: "pending",
        proposed_by_actor_id: proposer.id,
        proposed_by_person_id: proposer.person?.id ?? null,
        proposed_by_person_name: proposer.person?.name ?? null,
        reason: context.reason ?? null,
        created_at: now,
      },
    );
    const proposed = presentChange(row);
    await recordAuditEvent(transaction, context, {
      action: "approval_policy.change_proposed",
      objectType: "approval_policy_change",
      objectId: row.id,
      before: null,
      after: proposed,
    });
    return { ...policy, pending_change: proposed };
  });
}

/** Another admin approves a pending loosening of the policy, which applies it. */
export async function approveApprovalPolicyChange(
  context: RequestContext,
  id: string,
): Promise<ApprovalPolicy> {
  return decide(context, id, "applied");
}

/** An admin (the proposer too) rejects a pending change; the policy stays as it is. */
export async function rejectApprovalPolicyChange(
  context: RequestContext,
  id: string,
): Promise<ApprovalPolicy> {
  return decide(context, id, "rejected");
}

async function decide(
  context: RequestContext,
  id: string,
  state: "applied" | "rejected",
): Promise<ApprovalPolicy> {
  const decider = describeActor(context.actor);
  const now = context.clock.now();
  return context.database.transaction().execute(async (transaction) => {
    const row = await findInTenant(
      transaction,
      context,
      "approval_policy_changes",
      id,
      "approval policy change",
      {
        lock: true,
      },
    );
    if (row.state !== "pending") {
      throw conflict(
        "approval_policy_change_decided",
        `Change ${id} to the approval policy was ${row.state} already.`,
      );
    }
    const author = { personId: row.proposed_by_person_id, actorId: row.proposed_by_actor_id };
    if (state === "applied" && isSamePerson(author, decider)) {
      throw new FairbillError({
        code: "approver_is_author",
        status: 403,
        detail: `${row.proposed_by_person_name ?? row.proposed_by_actor_id} proposed this change to the approval policy and cannot approve it, with any key or session: another admin must.`,
      });
    }
    const decided = await updateTenantRow(transaction, context, "approval_policy_changes", id, {
      state,
      decided_by_person_id: decider.person?.id ?? null,
      decided_by_person_name: decider.person?.name ?? decider.id,
      decided_at: now,
    });
    await recordAuditEvent(transaction, context, {
      action: state === "applied" ? "approval_policy.change_approved" : "approval_policy.change_rejected",
      objectType: "approval_policy_change",
      objectId: id,
      before: presentChange(row),
      after: presentChange(decided),
    });
    if (state === "applied") {
      await applyPolicy(transaction, context, {
        publish_requires_approval: row.publish_requires_approval,
        approval_required_for: row.approval_required_for ?? noApprovalRequired,
      });
    }
    return withPendingChange(transaction, context, await readApprovalPolicy(transaction, context));
  });
}

async function applyPolicy(
  transaction: DatabaseTransaction,
  context: RequestContext,
  change: ApprovalPolicySettings,
): Promise<void> {
  const before = await readApprovalPolicy(transaction, context);
  const now = context.clock.now();
  await writeEnvironmentSettings(transaction, context, "approval_policies", {
    publish_requires_approval: change.publish_requires_approval,
    approval_required_for: JSON.stringify(change.approval_required_for),
    updated_at: now,
  });
  const after = await readApprovalPolicy(transaction, context);
  await recordSettingsUpdate(transaction, context, "approval_policy", before, after);
}

function presentChange(row: Selectable<ApprovalPolicyChangeTable>): ApprovalPolicyChangeView {
  return {
    id: row.id,
    publish_requires_approval: row.publish_requires_approval,
    approval_required_for: row.approval_required_for ?? noApprovalRequired,
    state: row.state,
    proposed_by:
      row.proposed_by_person_id === null
        ? null
        : { id: row.proposed_by_person_id, name: row.proposed_by_person_name ?? row.proposed_by_person_id },
    decided_by:
      row.decided_by_person_name === null
        ? null
        : { id: row.decided_by_person_id ?? "", name: row.decided_by_person_name },
    reason: row.reason,
    created_at: row.created_at.toISOString(),
    decided_at: row.decided_at?.toISOString() ?? null,
  };
}

async function environmentKindOf(database: Database, scope: TenantScope): Promise<EnvironmentKind> {
  const organization = await loadOrganization(database, scope.organizationId);
  return organization.environments.live === scope.environmentId ? "live" : "test";
}
