// Test matrices: a plan's saved scenarios (the scenario format of `fairbill
// simulate`, expected invoices included), run on a version of the plan by
// pricing each scenario's plan of the same code with that version, through
// the simulator (the core engine). A run records, per scenario, which expected
// invoices change and by how much, line by line. Submitting a version for
// approval runs the matrix (the catalog's plan_version.submitted event); the
// approval view puts the version's diff, its latest matrix run and its latest
// backtest side by side.
import type { Selectable } from "kysely";
import { describeActor, recordAuditEvent, recordObjectChange } from "../audit/index.ts";
import {
  diffPlanVersionsOf,
  findPlan,
  getPlanVersion,
  type PlanVersionRecord,
  PlanVersionSubmitted,
  planVersionRows,
  planVersionsByIds,
} from "../catalog/index.ts";
import {
  type ComparableLine,
  compareInvoiceLines,
  currencyFor,
  Decimal,
  formatAmount,
  type InvoiceComparison,
} from "../core/index.ts";
import { publishEvent } from "../notifications/index.ts";
import type { RequestContext } from "../platform/context.ts";
import type { Database, DatabaseTransaction } from "../platform/database/schema.ts";
import { newTenantRow } from "../platform/database/tenant-rows.ts";
import { selectInTenant } from "../platform/database/tenant-scope.ts";
import { type FieldError, validationFailed } from "../platform/errors.ts";
import { subscribe } from "../platform/events/domain-events.ts";
import { type OutputInvoice, simulateScenario } from "../simulation/index.ts";
import { latestBacktestOfVersion } from "./backtests.ts";
import type { TestMatrixRunTable, TestMatrixRunTrigger } from "./tables.ts";
import type {
  ApprovalView,
  PutTestMatrixInput,
  TestMatrix,
  TestMatrixRun,
  TestMatrixScenario,
  TestMatrixScenarioResult,
} from "./test-matrix-schemas.ts";
import { testMatrixRunRecorded, testMatrixUpdated } from "./test-matrix-webhook-events.ts";

type ScenarioDocument = { currency?: unknown; plans?: unknown; expected?: { invoices?: unknown } };
type ExpectedLine = {
  charge?: string;
  kind?: string;
  period_start?: string;
  period_end?: string;
  amount?: string;
};
type ExpectedInvoice = { issued_at?: string; total?: string; lines?: ExpectedLine[] };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The plan's matrix (no scenarios when none was saved). */
export async function getTestMatrix(context: RequestContext, planId: string): Promise<TestMatrix> {
  const plan = await findPlan(context.database, context, planId);
  const row = await matrixRow(context.database, context, plan.id);
  return {
    plan_id: plan.id,
    scenarios: row?.scenarios ?? [],
    updated_by: row?.updated_by ?? null,
    updated_at: row?.updated_at.toISOString() ?? null,
  };
}

async function matrixRow(database: Database, context: RequestContext, planId: string) {
  return selectInTenant(database, context, "plan_test_matrices")
    .where("plan_id", "=", planId)
    .executeTakeFirst();
}

/**
 * Saves the plan's matrix, replacing the one before. Each scenario must
 * simulate as written and have a plan with the plan's code and expected
 * invoices; every problem is named by its path.
 */
export async function putTestMatrix(
  context: RequestContext,
  planId: string,
  input: PutTestMatrixInput,
): Promise<TestMatrix> {
  const plan = await findPlan(context.database, context, planId);
  const errors: FieldError[] = [];
  input.scenarios.forEach((entry, index) => {
    errors.push(...scenarioProblems(entry.scenario, plan.code, `$.scenarios[${index}].scenario`));
  });
  if (errors.length > 0) throw validationFailed(errors);
  const now = context.clock.now();
  const scenarios: TestMatrixScenario[] = input.scenarios.map((entry) => ({
    name: entry.name,
    scenario: entry.scenario,
  }));
  return context.database.transaction().execute(async (transaction) => {
    const before = await matrixRow(transaction, context, plan.id);
    const values = {
      organization_id: context.organizationId,
      environment_id: context.environmentId,
      plan_id: plan.id,
      scenarios: JSON.stringify(scenarios),
      updated_by: describeActor(context.actor).id,
      updated_at: now,
    };
    await transaction
      .insertInto("plan_test_matrices")
      .values(values)
      .onConflict((conflicting) =>
        conflicting
          .columns(["environment_id", "plan_id"])
          .doUpdateSet({ scenarios: values.scenarios, updated_by: values.updated_by, updated_at: now }),
      )
      .execute();
    const matrix: TestMatrix = {
      plan_id: plan.id,
      scenarios,
      updated_by: values.updated_by,
      updated_at: now.toISOString(),
    };
    await recordAuditEvent(transaction, context, {
      action: "test_matrix.updated",
      objectType: "plan_test_matrix",
      objectId: plan.id,
      before: before === undefined ? null : { plan_id: plan.id, scenarios: before.scenarios },
      after: matrix,
    });
    await publishEvent(transaction, context, testMatrixUpdated, matrix);
    return matrix;
  });
}

function scenarioProblems(scenario: unknown, planCode: string, path: string): FieldError[] {
  const simulated = simulateScenario(scenario);
  if (!simulated.ok) {
    return simulated.errors.map((error) => ({
      path: `${path}${error.path.slice(1)}`,
      message: error.message,
    }));
  }
  const document = scenario as ScenarioDocument;
  const errors: FieldError[] = [];
  const plans = Array.isArray(document.plans) ? document.plans : [];
  if (!plans.some((candidate) => isObject(candidate) && candidate.code === planCode)) {
    errors.push({
      path: `${path}.plans`,
      message: `must have a plan with the code "${planCode}", which a run prices with the version under test`,
    });
  }
  if (!isObject(document.expected) || !Array.isArray(document.expected.invoices)) {
    errors.push({
      path: `${path}.expected.invoices`,
      message: "is required: the invoices the scenario expects",
    });
  }
  return errors;
}

/** The scenario with its plan of the plan's code priced as the version prices it. */
function withVersion(scenario: unknown, version: PlanVersionRecord): unknown {
  const document = scenario as Record<string, unknown>;
  const plans = (document.plans as Record<string, unknown>[]).map((plan) =>
    plan.code !== version.planCode
      ? plan
      : {
          code: plan.code,
          interval: version.content.interval,
          interval_count: version.content.interval_count,
          ...(version.content.minimum_commitment === null
            ? {}
            : { minimum_commitment: version.content.minimum_commitment }),
          charges: version.content.charges,
        },
  );
  return { ...document, plans };
}

function lineKey(line: ExpectedLine): string {
  const instant = (text: string | undefined) => (text === undefined ? "" : new Date(text).toISOString());
  return [line.charge, line.kind, instant(line.period_start), instant(line.period_end)].join("|");
}

function comparableLines(lines: readonly ExpectedLine[] | undefined): ComparableLine<ExpectedLine>[] {
  return (lines ?? []).map((line) => ({
    key: lineKey(line),
    amount: new Decimal(line.amount ?? "0"),
    reference: line,
  }));
}

function totalOf(invoice: { total?: string } | undefined): ComparableLine<null>[] {
  return invoice?.total === undefined
    ? []
    : [{ key: "total", amount: new Decimal(invoice.total), reference: null }];
}

/** One scenario priced with the version, its invoices compared with those it expects. */
function runScenario(entry: TestMatrixScenario, version: PlanVersionRecord): TestMatrixScenarioResult {
  const document = entry.scenario as ScenarioDocument;
  const listed: unknown[] = Array.isArray(document.expected?.invoices) ? document.expected.invoices : [];
  const expected = listed.filter((invoice): invoice is ExpectedInvoice => isObject(invoice));
  const failed = (errors: FieldError[]): TestMatrixScenarioResult => ({
    name: entry.name,
    status: "failed",
    expected_invoices: expected.length,
    changed_invoices: [],
    errors,
  });
  if (document.currency !== version.content.currency) {
    return failed([
      {
        path: "$.currency",
        message: `the scenario bills in ${String(document.currency)}; version ${version.version} prices in ${version.content.currency}`,
      },
    ]);
  }
  const simulated = simulateScenario(withVersion(entry.scenario, version));
  if (!simulated.ok) return failed([...simulated.errors]);
  const currency = currencyFor(version.content.currency);
  const money = (amount: Decimal) => formatAmount(amount, currency);
  const instant = (text: string | undefined) => (text === undefined ? "" : new Date(text).toISOString());
  const actualByDate = new Map(
    simulated.output.invoices.map((invoice) => [instant(invoice.issued_at), invoice]),
  );
  const dates = [
    ...new Set([...expected.map((invoice) => instant(invoice.issued_at)), ...actualByDate.keys()]),
  ].sort();
  const changed: TestMatrixScenarioResult["changed_invoices"] = [];
  for (const date of dates) {
    const wanted = expected.find((invoice) => instant(invoice.issued_at) === date);
    const actual: OutputInvoice | undefined = actualByDate.get(date);
    const lines: InvoiceComparison<ExpectedLine> = compareInvoiceLines(
      comparableLines(wanted?.lines),
      comparableLines(actual?.lines),
    );
    const total = compareInvoiceLines(totalOf(wanted), totalOf(actual));
    const movedLines = lines.lines.filter(
      (line) => line.billed === null || line.wouldBe === null || !line.difference.isZero(),
    );
    if (movedLines.length === 0 && total.difference.isZero() && wanted !== undefined && actual !== undefined)
      continue;
    changed.push({
      issued_at: date,
      expected_total: wanted?.total ?? null,
      actual_total: actual?.total ?? null,
      difference: money(total.difference),
      lines: movedLines.map((line) => {
        const either = (line.billed ?? line.wouldBe)?.reference as ExpectedLine;
        return {
          charge: either.charge ?? null,
          kind: either.kind ?? null,
          period_start: either.period_start ?? null,
          period_end: either.period_end ?? null,
          expected_amount: line.billed === null ? null : money(line.billed.amount),
          actual_amount: line.wouldBe === null ? null : money(line.wouldBe.amount),
          difference: money(line.difference),
        };
      }),
    });
  }
  return {
    name: entry.name,
    status: changed.length === 0 ? "unchanged" : "changed",
    expected_invoices: expected.length,
    changed_invoices: changed,
    errors: [],
  };
}

function presentRun(row: Selectable<TestMatrixRunTable>): TestMatrixRun {
  return {
    id: row.id,
    plan_id: row.plan_id,
    plan_version_id: row.plan_version_id,
    version: row.version,
    trigger: row.trigger,
    scenarios_total: row.scenarios_total,
    scenarios_changed: row.scenarios_changed,
    scenarios_failed: row.scenarios_failed,
    invoices_changed: row.invoices_changed,
    results: row.results,
    created_by: row.created_by,
    created_at: row.created_at.toISOString(),
  };
}

/**
 * Runs the plan's matrix on the version inside `transaction` and records the
 * run (audited, announced); null when the plan has no saved scenario.
 */
async function recordMatrixRun(
  transaction: DatabaseTransaction,
  context: RequestContext,
  planVersionId: string,
  trigger: TestMatrixRunTrigger,
): Promise<TestMatrixRun | null> {
  const version = (await planVersionsByIds(transaction, context, [planVersionId])).get(planVersionId);
  if (version === undefined) throw new Error(`plan version ${planVersionId} vanished while being read`);
  const matrix = await matrixRow(transaction, context, version.planId);
  if (matrix === undefined || matrix.scenarios.length === 0) return null;
  const results = matrix.scenarios.map((entry) => runScenario(entry, version));
  const row = await transaction
    .insertInto("test_matrix_runs")
    .values({
      ...newTenantRow(context, "testMatrixRun", context.clock.now()),
      plan_id: version.planId,
      plan_version_id: version.id,
      version: version.version,
      trigger,
      scenarios_total: results.length,
      scenarios_changed: results.filter((result) => result.status === "changed").length,
      scenarios_failed: results.filter((result) => result.status === "failed").length,
      invoices_changed: results.reduce((sum, result) => sum + result.changed_invoices.length, 0),
      results: JSON.stringify(results),
      created_by: describeActor(context.actor).id,
      created_at: context.clock.now(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const run = presentRun(row);
  await recordObjectChange(transaction, context, "test_matrix_run", "recorded", null, run);
  await publishEvent(transaction, context, testMatrixRunRecorded, run);
  return run;
}

/** Runs the plan's matrix on one of its versions now; a 409 when the plan has no saved scenario. */
export async function runTestMatrix(
  context: RequestContext,
  planId: string,
  version: number,
): Promise<TestMatrixRun> {
  const planVersion = await getPlanVersion(context, planId, version);
  const run = await context.database
    .transaction()
    .execute((transaction) => recordMatrixRun(transaction, context, planVersion.id, "requested"));
  if (run === null) {
    throw validationFailed(
      [
        {
          path: "path.id",
          message: "the plan has no test matrix: save one with PUT /v1/plans/{id}/test-matrix",
        },
      ],
      "The plan has no test matrix to run.",
    );
  }
  return run;
}

/** The runs of the plan's matrix on one version, newest first. */
export async function listTestMatrixRuns(
  context: RequestContext,
  planId: string,
  version: number,
): Promise<TestMatrixRun[]> {
  const planVersion = await getPlanVersion(context, planId, version);
  const rows = await selectInTenant(context.database, context, "test_matrix_runs")
    .where("plan_version_id", "=", planVersion.id)
    .orderBy("id", "desc")
    .limit(100)
    .execute();
  return rows.map(presentRun);
}

/** Submitting a version for approval runs the plan's test matrix on it. */
export const runTestMatrixOnSubmission = subscribe(
  PlanVersionSubmitted,
  "backtests.run_test_matrix",
  async (context, event) => {
    await recordMatrixRun(context.database, context, event.data.plan_version_id, "submitted");
  },
);

/** The version, its diff against the version in effect, its latest matrix run and backtest, side by side. */
export async function approvalView(
  context: RequestContext,
  planId: string,
  version: number,
): Promise<ApprovalView> {
  const planVersion = await getPlanVersion(context, planId, version);
  const rows = await planVersionRows(context.database, context, planVersion.plan_id);
  // The version in effect now, else the latest published one before it.
  const compared =
    rows
      .filter(
        (row) =>
          row.id !== planVersion.id &&
          row.state === "published" &&
          row.effective_from !== null &&
          row.effective_from <= context.clock.now(),
      )
      .at(-1) ?? rows.filter((row) => row.id !== planVersion.id && row.state === "published").at(-1);
  const [latestRun] = await listTestMatrixRuns(context, planId, version);
  return {
    plan_version: planVersion,
    diff:
      compared === undefined
        ? null
        : await diffPlanVersionsOf(context, planVersion.plan_id, compared.version, planVersion.version),
    test_matrix_run: latestRun ?? null,
    backtest: await latestBacktestOfVersion(context, planVersion.id),
  };
}
