// The review trail of changes that go through approval: each submission,
// approval, rejection and comment, with who made it. Other domains record
// their steps here (catalog plan versions today) and call
// `ensureApproverIsNotAuthor` so that nobody approves their own change.
import type { Selectable } from "kysely";
import { describeActor } from "../audit/index.ts";
import type { Actor, RequestContext, TenantScope } from "../platform/context.ts";
import type { Database, DatabaseTransaction } from "../platform/database/schema.ts";
import { inTenant } from "../platform/database/tenant-scope.ts";
import { FairbillError } from "../platform/errors.ts";
import { newId } from "../platform/ids.ts";
import type { ApprovalAction, ApprovalTable } from "./tables.ts";

export type ApprovalStep = {
  id: string;
  action: ApprovalAction;
  actor: { type: string; id: string; role: string | null };
  comment: string | null;
  created_at: string;
};

export type ApprovalStepInput = {
  objectType: string;
  objectId: string;
  action: ApprovalAction;
  comment: string | null;
};

/** Adds a step to an object's review trail. Call it in the transaction that makes the change. */
export async function recordApprovalStep(
  transaction: DatabaseTransaction,
  context: RequestContext,
  step: ApprovalStepInput,
): Promise<ApprovalStep> {
  const actor = describeActor(context.actor);
  const row = await transaction
    .insertInto("approvals")
    .values({
      id: newId("approval", context.clock.now()),
      organization_id: context.organizationId,
      environment_id: context.environmentId,
      object_type: step.objectType,
      object_id: step.objectId,
      action: step.action,
      actor_type: actor.type,
      actor_id: actor.id,
      actor_role: actor.role,
      comment: step.comment,
      created_at: context.clock.now(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return presentApprovalStep(row);
}

/** An object's review trail, oldest step first. */
export async function listApprovalSteps(
  database: Database,
  scope: TenantScope,
  objectType: string,
  objectId: string,
): Promise<ApprovalStep[]> {
  const rows = await database
    .selectFrom("approvals")
    .selectAll()
    .where(inTenant(scope))
    .where("object_type", "=", objectType)
    .where("object_id", "=", objectId)
    .orderBy("position", "asc")
    .execute();
  return rows.map(presentApprovalStep);
}

/**
 * Refuses an approval by the same key holder who submitted the change: a
 * second person must look at every change that needs approval.
 */
export function ensureApproverIsNotAuthor(approver: Actor, authorActorId: string | null): void {
  if (authorActorId !== null && describeActor(approver).id === authorActorId) {
    throw new FairbillError({
      code: "approver_is_author",
      status: 403,
      detail: `${authorActorId} submitted this change and cannot approve it: another key holder must.`,
    });
  }
}

function presentApprovalStep(row: Selectable<ApprovalTable>): ApprovalStep {
  return {
    id: row.id,
    action: row.action,
    actor: { type: row.actor_type, id: row.actor_id, role: row.actor_role },
    comment: row.comment,
    created_at: row.created_at.toISOString(),
  };
}
