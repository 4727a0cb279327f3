// Plan versions: reading them, opening a new draft (a copy of the latest or of
// a given version, with changes), editing or discarding a draft, and the diff
// between two versions. A plan has at most one open version (a draft or one
// pending approval) at a time, so that reviewers always know which change is
// next; published versions are never edited.
import { recordAuditEvent, recordObjectChange } from "../audit/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import { isUniqueViolation } from "../platform/database/errors.ts";
import type { Database, DatabaseTransaction } from "../platform/database/schema.ts";
import { updateTenantRow } from "../platform/database/tenant-rows.ts";
import { inTenant } from "../platform/database/tenant-scope.ts";
import { conflict, validationFailed } from "../platform/errors.ts";
import { decodeCursor, encodeCursor } from "../platform/http/pagination.ts";
import type { CreatePlanVersionInput, PlanVersion, UpdatePlanVersionInput } from "./plan-schemas.ts";
import {
  contentColumns,
  contentOf,
  ensureNotPublished,
  findPlan,
  findVersionRow,
  insertDraftVersion,
  lockPlan,
  type PlanRow,
  type PlanVersionRow,
  planVersionRows,
  presentVersionAmong,
  validateContent,
} from "./plan-store.ts";
import {
  changeContent,
  type PlanVersionContent,
  type PlanVersionContentChange,
} from "./plan-version-content.ts";
import { diffPlanVersions, type VersionChange } from "./plan-version-diff.ts";
import { pickVersionInEffect } from "./version-in-effect.ts";

export async function listPlanVersions(
  context: RequestContext,
  planId: string,
  page: { limit: number; cursor: string | undefined },
): Promise<{ data: PlanVersion[]; next_cursor: string | null }> {
  const plan = await findPlan(context.database, context, planId);
  const rows = await planVersionRows(context.database, context, planId);
  const cursor = decodeCursor(page.cursor);
  const beforeVersion = cursor === undefined ? Number.POSITIVE_INFINITY : Number(cursor);
  if (Number.isNaN(beforeVersion)) {
    throw validationFailed([{ path: "query.cursor", message: "is not a cursor this API returned" }]);
  }
  const newestFirst = rows.filter((row) => row.version < beforeVersion).reverse();
  const pageRows = newestFirst.slice(0, page.limit);
  const last = pageRows.at(-1);
  const now = context.clock.now();
  return {
    data: pageRows.map((row) => presentVersionAmong(plan, rows, row, now)),
    next_cursor: newestFirst.length > page.limit && last ? encodeCursor(String(last.version)) : null,
  };
}

/**
 * The version of a plan in effect at `at` (its status as of `at`), or
 * undefined when none is: not published by then, or retired. For the
 * subscriptions domain; two indexed reads.
 */
export async function versionInEffect(
  database: Database,
  scope: TenantScope,
  planId: string,
  at: Date,
): Promise<PlanVersion | undefined> {
  const plan = await findPlan(database, scope, planId);
  const rows = await planVersionRows(database, scope, planId);
  const picked = pickVersionInEffect(
    rows.map((row) => ({
      row,
      version: row.version,
      state: row.state,
      effectiveFrom: row.effective_from,
      retiredAt: row.retired_at,
    })),
    at,
  );
  return picked === undefined ? undefined : presentVersionAmong(plan, rows, picked.row, at);
}

export async function getPlanVersion(
  context: RequestContext,
  planId: string,
  version: number,
): Promise<PlanVersion> {
  const plan = await findPlan(context.database, context, planId);
  const rows = await planVersionRows(context.database, context, planId);
  return presentVersionAmong(plan, rows, findVersionRow(rows, plan, version), context.clock.now());
}

/** Opens a draft: a copy of `from_version` (the latest when left out) with the given fields changed. */
export async function createPlanVersion(
  context: RequestContext,
  planId: string,
  input: CreatePlanVersionInput,
): Promise<PlanVersion> {
  const { from_version: fromVersion, reason: _reason, ...change } = input;
  return context.database.transaction().execute(async (transaction) => {
    const plan = await lockPlan(transaction, context, planId);
    const rows = await planVersionRows(transaction, context, planId);
    const base = fromVersion === undefined ? rows.at(-1) : findVersionRow(rows, plan, fromVersion);
    if (base === undefined) throw new Error(`Plan ${plan.id} has no version to copy.`);
    return openDraft(transaction, context, plan, rows, base, change, "plan_version.created");
  });
}

/**
 * Inserts a new draft copied from `base` with `change` applied. Shared by new
 * versions, rollbacks and catalog apply; the caller holds the plan's lock.
 */
export async function openDraft(
  transaction: DatabaseTransaction,
  context: RequestContext,
  plan: PlanRow,
  rows: readonly PlanVersionRow[],
  base: PlanVersionRow,
  change: PlanVersionContentChange,
  action: string,
): Promise<PlanVersion> {
  const open = rows.find((row) => row.state === "draft" || row.state === "pending_approval");
  if (open) {
    throw conflict(
      "plan_has_open_version",
      `Version ${open.version} of plan ${plan.code} is ${open.state === "draft" ? "a draft" : "pending approval"}: ` +
        "edit, publish, reject or discard it before opening another.",
    );
  }
  const content = changeContent(contentOf(base), change);
  await validateContent(transaction, context, content);
  const now = context.clock.now();
  const nextVersion = (rows.at(-1)?.version ?? 0) + 1;
  try {
    const row = await insertDraftVersion(
      transaction,
      context,
      { planId: plan.id, version: nextVersion, content, copiedFrom: base.version },
      now,
    );
    const presented = presentVersionAmong(plan, rows, row, now);
    await recordAuditEvent(transaction, context, {
      action,
      objectType: "plan_version",
      objectId: row.id,
      before: null,
      after: presented,
    });
    return presented;
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw conflict("plan_has_open_version", `Plan ${plan.code} already has an open version.`);
    }
    throw error;
  }
}

export async function updatePlanVersion(
  context: RequestContext,
  planId: string,
  version: number,
  input: UpdatePlanVersionInput,
): Promise<PlanVersion> {
  const { reason: _reason, ...change } = input;
  return context.database.transaction().execute(async (transaction) => {
    const plan = await lockPlan(transaction, context, planId);
    const rows = await planVersionRows(transaction, context, planId);
    const row = findVersionRow(rows, plan, version);
    return editDraft(transaction, context, plan, rows, row, change);
  });
}

/** Changes a draft's content in place; the caller holds the plan's lock. */
async function editDraft(
  transaction: DatabaseTransaction,
  context: RequestContext,
  plan: PlanRow,
  rows: readonly PlanVersionRow[],
  row: PlanVersionRow,
  change: PlanVersionContentChange,
): Promise<PlanVersion> {
  ensureDraft(plan, row);
  const now = context.clock.now();
  const content = changeContent(contentOf(row), change);
  await validateContent(transaction, context, content);
  const updated = await updateTenantRow(transaction, context, "plan_versions", row.id, {
    ...contentColumns(content),
    updated_at: now,
  });
  const after = presentVersionAmong(plan, rows, updated, now);
  await recordObjectChange(
    transaction,
    context,
    "plan_version",
    "updated",
    presentVersionAmong(plan, rows, row, now),
    after,
  );
  return after;
}

/** Discards a draft; a published version is kept forever, and one pending approval is rejected first. */
export async function discardPlanVersion(
  context: RequestContext,
  planId: string,
  version: number,
): Promise<PlanVersion> {
  return context.database.transaction().execute(async (transaction) => {
    const plan = await lockPlan(transaction, context, planId);
    const rows = await planVersionRows(transaction, context, planId);
    const row = findVersionRow(rows, plan, version);
    ensureDraft(plan, row);
    const now = context.clock.now();
    const before = presentVersionAmong(plan, rows, row, now);
    await transaction.deleteFrom("plan_versions").where(inTenant(context)).where("id", "=", row.id).execute();
    await recordObjectChange(transaction, context, "plan_version", "discarded", before, null);
    return before;
  });
}

export async function diffPlanVersionsOf(
  context: RequestContext,
  planId: string,
  fromVersion: number,
  toVersion: number,
): Promise<{ plan_id: string; from_version: number; to_version: number; changes: VersionChange[] }> {
  const plan = await findPlan(context.database, context, planId);
  const rows = await planVersionRows(context.database, context, planId);
  const before: PlanVersionContent = contentOf(findVersionRow(rows, plan, fromVersion));
  const after: PlanVersionContent = contentOf(findVersionRow(rows, plan, toVersion));
  return {
    plan_id: plan.id,
    from_version: fromVersion,
    to_version: toVersion,
    changes: diffPlanVersions(before, after),
  };
}

function ensureDraft(plan: PlanRow, row: PlanVersionRow): void {
  ensureNotPublished(plan, row);
  if (row.state === "pending_approval") {
    throw conflict(
      "plan_version_pending_approval",
      `Version ${row.version} of plan ${plan.code} is pending approval: a reviewer must approve or reject it ` +
        "before it can change.",
    );
  }
}
