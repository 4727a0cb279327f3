// Reading and presenting plans and plan versions, shared by the plan, version
// and workflow use cases: scoped selects, row locks, and the JSON a client
// gets back.
import type { Selectable } from "kysely";
import { describeActor } from "../audit/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import type { Database, DatabaseTransaction } from "../platform/database/schema.ts";
import { insertTenantRow } from "../platform/database/tenant-rows.ts";
import { findInTenant, selectInTenant } from "../platform/database/tenant-scope.ts";
import { conflict, notFound, validationFailed } from "../platform/errors.ts";
import type { JsonPath } from "../pricing/index.ts";
import { loadCatalogReferences } from "./catalog-references.ts";
import type { Plan, PlanVersion, PlanVersionStatus } from "./plan-schemas.ts";
import { checkPlanVersionContent, type PlanVersionContent } from "./plan-version-content.ts";
import type { PlanTable, PlanVersionTable } from "./tables.ts";
import { statusesAt } from "./version-in-effect.ts";

export type PlanRow = Selectable<PlanTable>;
export type PlanVersionRow = Selectable<PlanVersionTable>;

export function selectPlans(database: Database, scope: TenantScope) {
  return selectInTenant(database, scope, "plans");
}

export function selectPlanVersions(database: Database, scope: TenantScope) {
  return selectInTenant(database, scope, "plan_versions");
}

/**
 * The plan, locked for the rest of the transaction: every change to a plan's
 * versions takes this lock first, so that two writers cannot both take the
 * next version number or both open a draft.
 */
export async function lockPlan(
  transaction: DatabaseTransaction,
  scope: TenantScope,
  planId: string,
): Promise<PlanRow> {
  return findInTenant(transaction, scope, "plans", planId, "plan", { lock: true });
}

export async function findPlan(database: Database, scope: TenantScope, planId: string): Promise<PlanRow> {
  return findInTenant(database, scope, "plans", planId, "plan");
}

export async function planVersionRows(
  database: Database,
  scope: TenantScope,
  planId: string,
): Promise<PlanVersionRow[]> {
  return selectPlanVersions(database, scope)
    .where("plan_id", "=", planId)
    .orderBy("version", "asc")
    .execute();
}

export function findVersionRow(
  rows: readonly PlanVersionRow[],
  plan: PlanRow,
  version: number,
): PlanVersionRow {
  const row = rows.find((candidate) => candidate.version === version);
  if (!row) throw notFound(`version of plan ${plan.code} numbered`, String(version));
  return row;
}

export function contentOf(row: PlanVersionRow): PlanVersionContent {
  return {
    currency: row.currency,
    interval: row.billing_interval as PlanVersionContent["interval"],
    interval_count: row.interval_count,
    trial_days: row.trial_days,
    minimum_commitment: row.minimum_commitment,
    charges: row.charges,
    currency_prices: row.currency_prices,
    entitlements: row.entitlements,
    pricing_units: row.pricing_units,
    allowances: row.allowances,
  };
}

/** The columns that hold a version's content, for an insert or an update. */
export function contentColumns(content: PlanVersionContent) {
  return {
    currency: content.currency,
    billing_interval: content.interval,
    interval_count: content.interval_count,
    trial_days: content.trial_days,
    minimum_commitment: content.minimum_commitment,
    charges: JSON.stringify(content.charges),
    currency_prices: JSON.stringify(content.currency_prices),
    entitlements: JSON.stringify(content.entitlements),
    pricing_units: JSON.stringify(content.pricing_units),
    allowances: JSON.stringify(content.allowances),
  };
}

/**
 * Writes version `version` of the plan as a new draft with `content`, copied
 * from version `copiedFrom` (null for a plan's first version), created by the
 * context's actor.
 */
export function insertDraftVersion(
  transaction: DatabaseTransaction,
  context: RequestContext,
  draft: { planId: string; version: number; content: PlanVersionContent; copiedFrom: number | null },
  now: Date,
): Promise<PlanVersionRow> {
  return insertTenantRow(transaction, context, "plan_versions", "planVersion", now, {
    plan_id: draft.planId,
    version: draft.version,
    state: "draft",
    ...contentColumns(draft.content),
    copied_from_version: draft.copiedFrom,
    effective_from: null,
    created_by: describeActor(context.actor).id,
    created_at: now,
    updated_at: now,
  });
}

/** Refuses content that breaks a rule, naming each bad field under `path`. */
export async function validateContent(
  database: Database,
  scope: TenantScope,
  content: PlanVersionContent,
  path: JsonPath = [],
): Promise<void> {
  const errors = checkPlanVersionContent(content, await loadCatalogReferences(database, scope), path);
  if (errors.length > 0) throw validationFailed(errors);
}

export function versionPath(field: string): JsonPath {
  return [field];
}

/** A published or retired version never changes: every write on it is refused the same way. */
export function ensureNotPublished(plan: PlanRow, row: PlanVersionRow): void {
  if (row.state === "published" || row.state === "retired") {
    throw conflict(
      "plan_version_immutable",
      `Version ${row.version} of plan ${plan.code} is ${row.state} and never changes. ` +
        `Create a new version with POST /v1/plans/${plan.id}/versions to change it.`,
    );
  }
}

function statusMap(rows: readonly PlanVersionRow[], now: Date): Map<number, PlanVersionStatus> {
  return statusesAt(
    rows.map((row) => ({
      version: row.version,
      state: row.state,
      effectiveFrom: row.effective_from,
      retiredAt: row.retired_at,
    })),
    now,
  );
}

export function presentVersion(plan: PlanRow, row: PlanVersionRow, status: PlanVersionStatus): PlanVersion {
  return {
    id: row.id,
    plan_id: plan.id,
    plan_code: plan.code,
    version: row.version,
    state: row.state,
    status,
    ...contentOf(row),
    copied_from_version: row.copied_from_version,
    effective_from: row.effective_from?.toISOString() ?? null,
    created_by: row.created_by,
    submitted_by: row.submitted_by,
    submitted_at: row.submitted_at?.toISOString() ?? null,
    approved_by: row.approved_by,
    approved_at: row.approved_at?.toISOString() ?? null,
    published_at: row.published_at?.toISOString() ?? null,
    retired_at: row.retired_at?.toISOString() ?? null,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

/** A version as the caller sees it now, its status worked out from its plan's other versions. */
export function presentVersionAmong(
  plan: PlanRow,
  rows: readonly PlanVersionRow[],
  row: PlanVersionRow,
  now: Date,
): PlanVersion {
  // The row may be newer than the list (just updated): its own state counts.
  const current = rows.some((candidate) => candidate.id === row.id)
    ? rows.map((candidate) => (candidate.id === row.id ? row : candidate))
    : [...rows, row];
  return presentVersion(plan, row, statusMap(current, now).get(row.version) ?? "draft");
}

export function presentPlan(plan: PlanRow, rows: readonly PlanVersionRow[], now: Date): Plan {
  const statuses = statusMap(rows, now);
  return {
    id: plan.id,
    code: plan.code,
    name: plan.name,
    description: plan.description,
    versions: rows.map((row) => ({
      version: row.version,
      state: row.state,
      status: statuses.get(row.version) ?? "draft",
      effective_from: row.effective_from?.toISOString() ?? null,
    })),
    created_at: plan.created_at.toISOString(),
    updated_at: plan.updated_at.toISOString(),
  };
}
