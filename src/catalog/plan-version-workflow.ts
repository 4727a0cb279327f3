// The life of a plan version after drafting: submit for approval, approve
// (which publishes it) or reject (back to draft), comment, publish directly
// where the environment's approval policy allows, retire, and roll back by
// copying an earlier version into a new draft that takes the same path. Each
// step is one transaction with its audit entry and, for review steps, its
// entry in the approvals trail.

import type { Updateable } from "kysely";
import { describeActor, recordAuditEvent } from "../audit/index.ts";
import type { ApprovalAction } from "../governance/index.ts";
import {
  type ApprovalStep,
  ensureApproverIsNotAuthor,
  listApprovalSteps,
  readApprovalPolicy,
  recordApprovalStep,
} from "../governance/index.ts";
import { queueEmail } from "../notifications/index.ts";
import { environmentAdmins } from "../people/index.ts";
import type { RequestContext } from "../platform/context.ts";
import type { DatabaseTransaction } from "../platform/database/schema.ts";
import { updateTenantRow } from "../platform/database/tenant-rows.ts";
import { conflict, FairbillError, validationFailed } from "../platform/errors.ts";
import { publishDomainEvent } from "../platform/events/domain-events.ts";
import { PlanVersionSubmitted } from "./catalog-events.ts";
import type {
  ApprovePlanVersionInput,
  PlanVersion,
  PlanVersionCommentInput,
  PublishPlanVersionInput,
  RollbackPlanInput,
  SubmitPlanVersionInput,
} from "./plan-schemas.ts";
import {
  ensureNotPublished,
  findPlan,
  findVersionRow,
  lockPlan,
  type PlanRow,
  type PlanVersionRow,
  planVersionRows,
  presentVersionAmong,
} from "./plan-store.ts";
import { openDraft } from "./plan-versions.ts";
import { announcePlanVersionChanged } from "./published-versions.ts";
import type { PlanVersionTable } from "./tables.ts";

const reviewObjectType = "plan_version";

type VersionInTransaction = {
  transaction: DatabaseTransaction;
  plan: PlanRow;
  rows: PlanVersionRow[];
  row: PlanVersionRow;
};

async function withLockedVersion<Result>(
  context: RequestContext,
  planId: string,
  version: number,
  work: (locked: VersionInTransaction) => Promise<Result>,
): Promise<Result> {
  return context.database.transaction().execute(async (transaction) => {
    const plan = await lockPlan(transaction, context, planId);
    const rows = await planVersionRows(transaction, context, planId);
    return work({ transaction, plan, rows, row: findVersionRow(rows, plan, version) });
  });
}

/** Moves a draft to pending approval, with the date it should take effect once approved. */
export async function submitPlanVersion(
  context: RequestContext,
  planId: string,
  version: number,
  input: SubmitPlanVersionInput,
): Promise<PlanVersion> {
  const requested = input.effective_from === undefined ? null : notInThePast(context, input.effective_from);
  return withLockedVersion(context, planId, version, async (locked) => {
    const { plan, row } = locked;
    ensureNotPublished(plan, row);
    if (row.state !== "draft") {
      throw conflict(
        "plan_version_not_draft",
        `Version ${row.version} of plan ${plan.code} is already pending approval.`,
      );
    }
    await publishDomainEvent(
      locked.transaction,
      context,
      PlanVersionSubmitted,
      { plan_id: plan.id, plan_version_id: row.id, version: row.version },
      context.clock.now(),
    );
    return transition(context, locked, {
      set: {
        state: "pending_approval",
        effective_from: requested,
        submitted_by: describeActor(context.actor).id,
        submitted_at: context.clock.now(),
      },
      auditAction: "plan_version.submitted",
      reviewStep: { action: "submitted", comment: input.comment },
    });
  });
}

/**
 * Approves a version pending approval, which publishes it: effective from the
 * date given here, else the one asked for at submission, else now (a date
 * that has passed meanwhile becomes now). The approver must be another
 * person than the one who submitted it, whatever keys or sessions they use.
 */
export async function approvePlanVersion(
  context: RequestContext,
  planId: string,
  version: number,
  input: ApprovePlanVersionInput,
): Promise<PlanVersion> {
  const given = input.effective_from === undefined ? undefined : notInThePast(context, input.effective_from);
  return withLockedVersion(context, planId, version, async (locked) => {
    const { plan, rows, row } = locked;
    ensureNotPublished(plan, row);
    ensurePending(plan, row);
    await ensureApproverIsNotAuthor(locked.transaction, context, reviewObjectType, row.id);
    const now = context.clock.now();
    const requested = row.effective_from !== null && row.effective_from > now ? row.effective_from : now;
    const effectiveFrom = given ?? requested;
    ensureAfterScheduledVersions(plan, rows, row, effectiveFrom, now);
    return transition(context, locked, {
      set: {
        state: "published",
        effective_from: effectiveFrom,
        approved_by: describeActor(context.actor).id,
        approved_at: now,
        published_at: now,
      },
      auditAction: "plan_version.approved",
      reviewStep: { action: "approved", comment: input.comment },
    });
  });
}

/** Sends a version pending approval back to draft, with the reviewer's comment saying why. */
export async function rejectPlanVersion(
  context: RequestContext,
  planId: string,
  version: number,
  input: PlanVersionCommentInput,
): Promise<PlanVersion> {
  return withLockedVersion(context, planId, version, async (locked) => {
    const { plan, row } = locked;
    ensureNotPublished(plan, row);
    ensurePending(plan, row);
    return transition(context, locked, {
      set: { state: "draft", effective_from: null, submitted_by: null, submitted_at: null },
      auditAction: "plan_version.rejected",
      reviewStep: { action: "rejected", comment: input.comment },
    });
  });
}

/** A comment on a draft or on a version under review; published versions are closed to comments too. */
export async function commentOnPlanVersion(
  context: RequestContext,
  planId: string,
  version: number,
  comment: string,
): Promise<ApprovalStep> {
  return withLockedVersion(context, planId, version, async ({ transaction, plan, row }) => {
    ensureNotPublished(plan, row);
    const step = await recordApprovalStep(transaction, context, {
      objectType: reviewObjectType,
      objectId: row.id,
      action: "commented",
      comment,
    });
    await recordAuditEvent(transaction, context, {
      action: "plan_version.commented",
      objectType: reviewObjectType,
      objectId: row.id,
      before: null,
      after: { plan_id: plan.id, version: row.version, comment },
    });
    return step;
  });
}

export async function listPlanVersionReview(
  context: RequestContext,
  planId: string,
  version: number,
): Promise<ApprovalStep[]> {
  const plan = await findPlan(context.database, context, planId);
  const row = findVersionRow(await planVersionRows(context.database, context, planId), plan, version);
  return listApprovalSteps(context.database, context, reviewObjectType, row.id);
}

/**
 * Publishes a draft (or a version pending approval) without a review, which
 * only an environment whose approval policy does not require one allows.
 */
export async function publishPlanVersion(
  context: RequestContext,
  planId: string,
  version: number,
  input: PublishPlanVersionInput,
): Promise<PlanVersion> {
  const given = input.effective_from === undefined ? undefined : notInThePast(context, input.effective_from);
  return withLockedVersion(context, planId, version, async (locked) => {
    const { transaction, plan, rows, row } = locked;
    ensureNotPublished(plan, row);
    const policy = await readApprovalPolicy(transaction, context);
    const breakingGlass = policy.publish_requires_approval && input.break_glass === true;
    if (policy.publish_requires_approval && !breakingGlass) {
      throw conflict(
        "approval_required",
        `The ${policy.environment} environment's approval policy requires approval: submit version ${row.version} ` +
          `with POST /v1/plans/${plan.id}/versions/${row.version}/submit and have another person approve it ` +
          "(an admin may publish at once with break_glass and a reason; every admin is told).",
      );
    }
    if (breakingGlass) ensureBreakGlassAllowed(context);
    const now = context.clock.now();
    const effectiveFrom = given ?? now;
    ensureAfterScheduledVersions(plan, rows, row, effectiveFrom, now);
    const published = await transition(context, locked, {
      set: { state: "published", effective_from: effectiveFrom, published_at: now },
      auditAction: breakingGlass ? "plan_version.break_glass_published" : "plan_version.published",
    });
    if (breakingGlass) {
      await announceBreakGlass(transaction, context, {
        change: `version ${row.version} of plan ${plan.code}`,
        environment: policy.environment,
      });
    }
    return published;
  });
}

/**
 * Retires a published version: from now on it is not in effect for anything
 * new. Its content never changes; retiring one that is only scheduled cancels
 * the schedule.
 */
export async function retirePlanVersion(
  context: RequestContext,
  planId: string,
  version: number,
): Promise<PlanVersion> {
  return withLockedVersion(context, planId, version, async (locked) => {
    const { plan, row } = locked;
    if (row.state === "retired") {
      throw conflict(
        "plan_version_immutable",
        `Version ${row.version} of plan ${plan.code} is already retired.`,
      );
    }
    if (row.state !== "published") {
      throw conflict(
        "plan_version_not_published",
        `Version ${row.version} of plan ${plan.code} is ${row.state === "draft" ? "a draft" : "pending approval"}; ` +
          "only a published version can be retired (discard or reject the others).",
      );
    }
    return transition(context, locked, {
      set: { state: "retired", retired_at: context.clock.now() },
      auditAction: "plan_version.retired",
    });
  });
}

/**
 * Rolls a plan back to an earlier version's pricing: a new draft with that
 * version's content, which is submitted, approved and published like any
 * other. No version is changed or removed.
 */
export async function rollbackPlan(
  context: RequestContext,
  planId: string,
  input: RollbackPlanInput,
): Promise<PlanVersion> {
  return context.database.transaction().execute(async (transaction) => {
    const plan = await lockPlan(transaction, context, planId);
    const rows = await planVersionRows(transaction, context, planId);
    const target = findVersionRow(rows, plan, input.to_version);
    if (target.state !== "published" && target.state !== "retired") {
      throw validationFailed([
        {
          path: "$.to_version",
          message: `version ${target.version} was never published; roll back to a published or retired version`,
        },
      ]);
    }
    return openDraft(transaction, context, plan, rows, target, {}, "plan_version.rollback_drafted");
  });
}

/**
 * Moves a version to its next state in the version's transaction: the row's
 * new fields, the entry in the review trail for review steps, and the audit
 * entry with the version before and after (and the comment, when one is given).
 */
async function transition(
  context: RequestContext,
  { transaction, plan, rows, row }: VersionInTransaction,
  change: {
    set: Updateable<PlanVersionTable>;
    auditAction: string;
    reviewStep?: { action: ApprovalAction; comment: string | undefined };
  },
): Promise<PlanVersion> {
  const now = context.clock.now();
  const updated = await updateTenantRow(transaction, context, "plan_versions", row.id, {
    ...change.set,
    updated_at: now,
  });
  await announcePlanVersionChanged(transaction, context);
  const comment = change.reviewStep?.comment;
  if (change.reviewStep !== undefined) {
    await recordApprovalStep(transaction, context, {
      objectType: reviewObjectType,
      objectId: row.id,
      action: change.reviewStep.action,
      comment: comment ?? null,
    });
  }
  const presented = presentVersionAmong(plan, rows, updated, now);
  await recordAuditEvent(transaction, context, {
    action: change.auditAction,
    objectType: reviewObjectType,
    objectId: updated.id,
    before: presentVersionAmong(plan, rows, row, now),
    after: comment === undefined ? presented : { ...presented, comment },
  });
  return presented;
}

/** A break-glass publish is an admin's, and says why. */
function ensureBreakGlassAllowed(context: RequestContext): void {
  const actor = context.actor;
  const role = actor.type === "api_key" || actor.type === "session" ? actor.role : undefined;
  if (role !== "admin") {
    throw new FairbillError({
      code: "break_glass_not_allowed",
      status: 403,
      detail: "Only an admin may publish without the approval the policy requires.",
    });
  }
  if (context.reason === undefined) {
    throw validationFailed(
      [{ path: "$.reason", message: "is required to publish without approval (break_glass)" }],
      "Say why this version cannot wait for a second person's approval: every admin will read it.",
    );
  }
}

/** Every admin of the environment is emailed about a publish that skipped approval. */
async function announceBreakGlass(
  transaction: DatabaseTransaction,
  context: RequestContext,
  what: { change: string; environment: string },
): Promise<void> {
  const publisher = describeActor(context.actor).person?.name ?? describeActor(context.actor).id;
  for (const admin of await environmentAdmins(transaction, context)) {
    await queueEmail(transaction, context, {
      template: "break_glass_publish",
      to: admin.email,
      data: {
        person: admin,
        published_by: publisher,
        change: what.change,
        environment: what.environment,
        reason: context.reason ?? "",
        at: context.clock.now().toISOString(),
      },
    });
  }
}

function ensurePending(plan: PlanRow, row: PlanVersionRow): void {
  if (row.state !== "pending_approval") {
    throw conflict(
      "plan_version_not_pending",
      `Version ${row.version} of plan ${plan.code} is a draft, not pending approval: submit it first.`,
    );
  }
}

/**
 * A version published to take effect before another one already scheduled
 * would be in effect only until the older pricing takes over: almost always a
 * mistake, so it is refused.
 */
function ensureAfterScheduledVersions(
  plan: PlanRow,
  rows: readonly PlanVersionRow[],
  row: PlanVersionRow,
  effectiveFrom: Date,
  now: Date,
): void {
  for (const other of rows) {
    if (other.id === row.id || other.state !== "published" || other.effective_from === null) continue;
    if (other.effective_from > now && other.effective_from > effectiveFrom) {
      throw conflict(
        "effective_from_before_scheduled_version",
        `Version ${other.version} of plan ${plan.code} is scheduled to take effect at ` +
          `${other.effective_from.toISOString()}; publish at or after that date, or retire version ${other.version} first.`,
        [{ path: "$.effective_from", message: `must not be before ${other.effective_from.toISOString()}` }],
      );
    }
  }
}

function notInThePast(context: RequestContext, text: string): Date {
  const instant = new Date(text);
  if (instant < context.clock.now()) {
    throw validationFailed([
      {
        path: "$.effective_from",
        message: "is in the past: published prices never change what was already billed",
      },
    ]);
  }
  return instant;
}
