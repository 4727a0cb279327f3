// The review trail of changes that go through approval: each submission,
// approval, rejection and comment, with who made it: the key or session used
// and the person behind it. Other domains record their steps here (catalog
// plan versions today) and call `ensureApproverIsNotAuthor` so that nobody
// approves their own change, whatever keys or sessions they use.
import type { Selectable } from "kysely";
import { type ActorDescription, actorOfRow, describeActor } from "../audit/index.ts";
import type { Person, RequestContext, TenantScope } from "../platform/context.ts";
import type { Database, DatabaseTransaction } from "../platform/database/schema.ts";
import { insertTenantRow } from "../platform/database/tenant-rows.ts";
import { inTenant, selectInTenant } from "../platform/database/tenant-scope.ts";
import { FairbillError } from "../platform/errors.ts";
import type { ApprovalAction, ApprovalTable } from "./tables.ts";

export type ApprovalStep = {
  id: string;
  action: ApprovalAction;
  actor: { type: string; id: string; role: string | null; person: Person | null };
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
  const row = await insertTenantRow(transaction, context, "approvals", "approval", context.clock.now(), {
    object_type: step.objectType,
    object_id: step.objectId,
    action: step.action,
    actor_type: actor.type,
    actor_id: actor.id,
    actor_role: actor.role,
    actor_person_id: actor.person?.id ?? null,
    actor_person_name: actor.person?.name ?? null,
    comment: step.comment,
    created_at: context.clock.now(),
  });
  return presentApprovalStep(row);
}

/** An object's review trail, oldest step first. */
export async function listApprovalSteps(
  database: Database,
  scope: TenantScope,
  objectType: string,
  objectId: string,
): Promise<ApprovalStep[]> {
  const rows = await selectInTenant(database, scope, "approvals")
    .where("object_type", "=", objectType)
    .where("object_id", "=", objectId)
    .orderBy("position", "asc")
    .execute();
  return rows.map(presentApprovalStep);
}

/**
 * Refuses an approval by the person who submitted the change, whichever key
 * or session either of them used (a second key of the author's own, a
 * rotated key, a service account the author owns): a second person must look
 * at every change that needs approval. The author is the person of the
 * object's latest submission in its review trail.
 */
export async function ensureApproverIsNotAuthor(
  database: Database,
  context: RequestContext,
  objectType: string,
  objectId: string,
): Promise<void> {
  const submission = await database
    .selectFrom("approvals")
    .select(["actor_id", "actor_person_id", "actor_person_name"])
    .where(inTenant(context))
    .where("object_type", "=", objectType)
    .where("object_id", "=", objectId)
    .where("action", "=", "submitted")
    .orderBy("position", "desc")
    .limit(1)
    .executeTakeFirst();
  if (submission === undefined) return;
  const approver = describeActor(context.actor);
  if (isSamePerson({ personId: submission.actor_person_id, actorId: submission.actor_id }, approver)) {
    const author = submission.actor_person_name ?? submission.actor_id;
    throw new FairbillError({
      code: "approver_is_author",
      status: 403,
      detail: `${author} submitted this change and cannot approve it, with any key or session: another person must.`,
    });
  }
}

/**
 * Whether `actor` is the person who authored a change: the same person when
 * the author's is known, else (a step taken before there were people) the
 * same key.
 */
export function isSamePerson(
  author: { personId: string | null; actorId: string },
  actor: ActorDescription,
): boolean {
  return author.personId !== null ? actor.person?.id === author.personId : actor.id === author.actorId;
}

function presentApprovalStep(row: Selectable<ApprovalTable>): ApprovalStep {
  return {
    id: row.id,
    action: row.action,
    actor: actorOfRow(row),
    comment: row.comment,
    created_at: row.created_at.toISOString(),
  };
}
