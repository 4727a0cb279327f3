// Changes refused until another person approves them: credit grants, coupons
// and price overrides above the amounts an organization sets, plan
// migrations and rollouts (see approval-limits.ts). The domain that makes
// the change wraps it in `withApproval`. The first time, the change is
// refused (409 approval_required) and a pending request records what was
// asked and by whom; another person (never the author, whatever keys or
// sessions either uses) approves or rejects it. Sending the same request
// again then makes the change and marks the approval used, in the change's
// transaction, so that one approval makes one change. A plan change is made
// on approval instead: the approval publishes ApprovalRequestApproved and the
// subscriptions domain makes it then. Each step is in the audit log and sent
// as a webhook event.
import { createHash } from "node:crypto";
import type { Selectable } from "kysely";
import { describeActor, recordCreation, recordObjectChange } from "../audit/index.ts";
import { publishEvent } from "../notifications/index.ts";
import { canonicalJson } from "../platform/canonical-json.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import { newestFirstPage } from "../platform/database/list-pages.ts";
import type { Database, DatabaseTransaction } from "../platform/database/schema.ts";
import { updateTenantRow } from "../platform/database/tenant-rows.ts";
import { findInTenant, selectInTenant } from "../platform/database/tenant-scope.ts";
import { conflict, FairbillError } from "../platform/errors.ts";
import { publishDomainEvent } from "../platform/events/domain-events.ts";
import { newId } from "../platform/ids.ts";
import { type ApprovalSubject, approvalRequiredBecause } from "./approval-limits.ts";
import { readApprovalPolicy } from "./approval-policy.ts";
import { isSamePerson } from "./approvals.ts";
import { ApprovalRequestApproved } from "./governance-events.ts";
import type { ApprovalRequestKind, ApprovalRequestView } from "./governance-schemas.ts";
import {
  approvalRequestApproved,
  approvalRequestCreated,
  approvalRequestRejected,
} from "./governance-webhook-events.ts";
import type { ApprovalRequestState, ApprovalRequestTable } from "./tables.ts";

/** A change that may need approval, as the domain that makes it describes it. */
export type GuardedChange = {
  subject: ApprovalSubject;
  /** What the change does, for the approver: "Grant 5000.00 USD of promotional credit to cus_…". */
  summary: string;
  /** The customer or plan the change is made on. */
  targetId: string | null;
  /** The request as sent: sending the same again after approval makes the change. */
  request: Record<string, unknown>;
  /** Why this change goes to another person whatever the policy says (a contract from a deal won in a CRM). */
  alwaysReviewed?: string;
  /**
   * The change is made by its domain when another person approves it (on the
   * ApprovalRequestApproved event), not by sending the request again.
   */
  madeOnApproval?: boolean;
};

/** Called by the change, in its transaction, once it has checked its input and made its object. */
export type SpendApproval = (transaction: DatabaseTransaction, objectId: string) => Promise<void>;

/** Thrown by SpendApproval when no approval covers the change: the change's transaction rolls back. */
class ApprovalMissing extends Error {}

/**
 * Makes a change that may need another person's approval. `make` checks its
 * input and writes in its own transaction, and calls `spend` there with the
 * object it made: when the policy lets the change through, that does
 * nothing; when another person approved this very request, it marks the
 * approval used (one approval, one change); otherwise it rolls the change
 * back, and the change is refused (409), recording a pending request the
 * first time. Bad input is answered as such before any approval is asked.
 */
export async function withApproval<Made>(
  context: RequestContext,
  change: GuardedChange,
  make: (spend: SpendApproval) => Promise<Made>,
): Promise<Made> {
  const policy = await readApprovalPolicy(context.database, context);
  const because =
    change.alwaysReviewed ?? approvalRequiredBecause(policy.approval_required_for, change.subject);
  if (because === undefined) return make(async () => {});
  const fingerprint = fingerprintOf(change);
  const earlier = await selectInTenant(context.database, context, "approval_requests")
    .where("fingerprint", "=", fingerprint)
    .where("state", "in", ["approved", "pending"])
    .orderBy("id", "asc")
    .execute();
  const approved = earlier.find((row) => row.state === "approved");
  if (approved !== undefined) {
    return make((transaction, objectId) => spendApproval(transaction, context, approved.id, objectId));
  }
  try {
    return await make(async () => {
      throw new ApprovalMissing();
    });
  } catch (error) {
    if (!(error instanceof ApprovalMissing)) throw error;
  }
  const pending = earlier.find((row) => row.state === "pending");
  if (pending !== undefined) {
    throw conflict(
      "approval_pending",
      change.madeOnApproval === true
        ? `This change waits for another person's approval (approval request ${pending.id}); it is made when they approve it.`
        : `This change waits for another person's approval (approval request ${pending.id}); send it again once it is approved.`,
    );
  }
  const created = await createRequest(context, change, fingerprint);
  throw conflict(
    "approval_required",
    change.madeOnApproval === true
      ? `The approval policy sends ${because} to another person: approval request ${created.id} was made, and the change is made when another person approves it.`
      : `The approval policy sends ${because} to another person: approval request ${created.id} was made. Once another person approves it, send this request again to make the change.`,
  );
}

/** The state of an approval request, read in `database` (a transaction that is about to use it). */
export async function approvalRequestState(
  database: Database,
  scope: TenantScope,
  id: string,
): Promise<ApprovalRequestState | undefined> {
  const row = await selectInTenant(database, scope, "approval_requests")
    .where("id", "=", id)
    .executeTakeFirst();
  return row?.state;
}

/** The approval requests of this kind still waiting for a person, about these targets, oldest first. */
export async function pendingApprovalRequests(
  database: Database,
  scope: TenantScope,
  kind: ApprovalRequestKind,
  targetIds: readonly string[],
): Promise<ApprovalRequestView[]> {
  if (targetIds.length === 0) return [];
  const rows = await selectInTenant(database, scope, "approval_requests")
    .where("kind", "=", kind)
    .where("state", "=", "pending")
    .where("target_id", "in", [...targetIds])
    .orderBy("id", "asc")
    .execute();
  return rows.map(presentApprovalRequest);
}

/** The newest approval request made for this very change (in any state), if one was made. */
export async function approvalRequestFor(
  context: RequestContext,
  change: GuardedChange,
): Promise<{ id: string; state: ApprovalRequestState } | undefined> {
  return selectInTenant(context.database, context, "approval_requests")
    .where("fingerprint", "=", fingerprintOf(change))
    .orderBy("id", "desc")
    .executeTakeFirst();
}

/** Marks an approved request used by the change that made `objectId`, in that change's transaction. */
export async function spendApproval(
  transaction: DatabaseTransaction,
  context: RequestContext,
  approvalRequestId: string,
  objectId: string,
): Promise<void> {
  const now = context.clock.now();
  const before = await selectInTenant(transaction, context, "approval_requests")
    .where("id", "=", approvalRequestId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  if (before.state !== "approved") {
    throw conflict(
      "approval_used",
      `Approval request ${before.id} was ${before.state} meanwhile: one approval makes one change.`,
    );
  }
  const used = await updateTenantRow(transaction, context, "approval_requests", before.id, {
    state: "used",
    used_for_object_id: objectId,
    used_at: now,
  });
  await recordObjectChange(
    transaction,
    context,
    "approval_request",
    "used",
    presentApprovalRequest(before),
    presentApprovalRequest(used),
  );
}

async function createRequest(
  context: RequestContext,
  change: GuardedChange,
  fingerprint: string,
): Promise<ApprovalRequestView> {
  const now = context.clock.now();
  const author = describeActor(context.actor);
  return context.database.transaction().execute(async (transaction) => {
    const row = await transaction
      .insertInto("approval_requests")
      .values({
        id: newId("approvalRequest", now),
        organization_id: context.organizationId,
        environment_id: context.environmentId,
        kind: change.subject.kind,
        state: "pending",
        summary: change.summary,
        target_id: change.targetId,
        request: JSON.stringify(change.request),
        fingerprint,
        requested_by_actor_id: author.id,
        requested_by_person_id: author.person?.id ?? null,
        requested_by_person_name: author.person?.name ?? null,
        reason: context.reason ?? null,
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const view = presentApprovalRequest(row);
    await recordCreation(transaction, context, "approval_request", view);
    await publishEvent(transaction, context, approvalRequestCreated, view);
    return view;
  });
}

export async function listApprovalRequests(
  context: RequestContext,
  filters: { state?: ApprovalRequestState | undefined; kind?: ApprovalRequestView["kind"] | undefined },
  page: { limit: number; afterId: string | undefined },
): Promise<ApprovalRequestView[]> {
  let query = newestFirstPage(selectInTenant(context.database, context, "approval_requests"), page);
  if (filters.state !== undefined) query = query.where("state", "=", filters.state);
  if (filters.kind !== undefined) query = query.where("kind", "=", filters.kind);
  return (await query.execute()).map(presentApprovalRequest);
}

export async function getApprovalRequest(context: RequestContext, id: string): Promise<ApprovalRequestView> {
  const row = await findInTenant(context.database, context, "approval_requests", id, "approval request");
  return presentApprovalRequest(row);
}

/** Another person approves a pending request: its author may now make the change. */
export function approveApprovalRequest(
  context: RequestContext,
  id: string,
  comment: string | undefined,
): Promise<ApprovalRequestView> {
  return decide(context, id, "approved", comment);
}

/** A person (the author too, to withdraw it) rejects a pending request. */
export function rejectApprovalRequest(
  context: RequestContext,
  id: string,
  comment: string | undefined,
): Promise<ApprovalRequestView> {
  return decide(context, id, "rejected", comment);
}

async function decide(
  context: RequestContext,
  id: string,
  state: "approved" | "rejected",
  comment: string | undefined,
): Promise<ApprovalRequestView> {
  const decider = describeActor(context.actor);
  const now = context.clock.now();
  return context.database.transaction().execute(async (transaction) => {
    const row = await findInTenant(transaction, context, "approval_requests", id, "approval request", {
      lock: true,
    });
    if (row.state !== "pending") {
      throw conflict("approval_request_decided", `Approval request ${id} was ${row.state} already.`);
    }
    const author = { personId: row.requested_by_person_id, actorId: row.requested_by_actor_id };
    if (state === "approved" && isSamePerson(author, decider)) {
      throw new FairbillError({
        code: "approver_is_author",
        status: 403,
        detail: `${row.requested_by_person_name ?? row.requested_by_actor_id} asked for this change and cannot approve it, with any key or session: another person must.`,
      });
    }
    const decided = await updateTenantRow(transaction, context, "approval_requests", id, {
      state,
      decided_by_actor_id: decider.id,
      decided_by_person_id: decider.person?.id ?? null,
      decided_by_person_name: decider.person?.name ?? null,
      decision_comment: comment ?? null,
      decided_at: now,
    });
    const view = presentApprovalRequest(decided);
    await recordObjectChange(
      transaction,
      context,
      "approval_request",
      state,
      presentApprovalRequest(row),
      view,
    );
    await publishEvent(
      transaction,
      context,
      state === "approved" ? approvalRequestApproved : approvalRequestRejected,
      view,
    );
    if (state === "approved") {
      await publishDomainEvent(
        transaction,
        context,
        ApprovalRequestApproved,
        { approval_request_id: view.id, kind: view.kind, target_id: view.target_id, request: view.request },
        now,
      );
    }
    return view;
  });
}

function fingerprintOf(change: GuardedChange): string {
  return createHash("sha256")
    .update(canonicalJson({ kind: change.subject.kind, target: change.targetId, request: change.request }))
    .digest("hex");
}

function presentApprovalRequest(row: Selectable<ApprovalRequestTable>): ApprovalRequestView {
  const person = (id: string | null, name: string | null) => (id === null ? null : { id, name: name ?? id });
  return {
    id: row.id,
    kind: row.kind,
    state: row.state,
    summary: row.summary,
    target_id: row.target_id,
    request: row.request,
    requested_by: person(row.requested_by_person_id, row.requested_by_person_name),
    reason: row.reason,
    decided_by: person(row.decided_by_person_id, row.decided_by_person_name),
    decision_comment: row.decision_comment,
    decided_at: row.decided_at?.toISOString() ?? null,
    used_for_object_id: row.used_for_object_id,
    used_at: row.used_at?.toISOString() ?? null,
    created_at: row.created_at.toISOString(),
  };
}
