// The work of a CSV import: check the file against its template
// (csv-templates.ts), then each row that passed against what is stored (the
// customer and plan a subscription names), and apply the rows through the
// domains' use cases. In atomic mode a file with any problem imports nothing:
// its bad rows are refused with their problems and every other row is
// skipped, saying why. A row imported before (by its external id) is skipped,
// so a file imported twice creates nothing the second time.
import { findPlanIdByCode } from "../catalog/index.ts";
import { createCustomer, findCustomerByExternalId } from "../customers/index.ts";
import type { RequestContext } from "../platform/context.ts";
import { type CsvProblem, type CsvRow, describeProblem } from "../platform/csv-files.ts";
import { createSubscription } from "../subscriptions/index.ts";
import { type CsvObject, checkCsvFile, customerInputOf, quantitiesOf } from "./csv-templates.ts";
import { importsAwaitCutOver } from "./cut-over-switch.ts";
import { creating, type ImportState, type StepResult } from "./import-steps.ts";

/** A source record's outcome as the report keeps it (a CSV row, a usage file's line). */
export type RecordResult = StepResult & { sourceType: string; sourceId: string; record: unknown };

/** The problems of a checked row against what is stored: the customer and plan a subscription names. */
async function referenceProblems(
  context: RequestContext,
  object: CsvObject,
  row: CsvRow,
): Promise<CsvProblem[]> {
  if (object !== "subscriptions") return [];
  const problems: CsvProblem[] = [];
  const customerExternalId = row.cells.customer_external_id as string;
  if ((await findCustomerByExternalId(context.database, context, customerExternalId)) === undefined) {
    problems.push({
      row: row.row,
      column: "customer_external_id",
      message: `no customer has external id "${customerExternalId}"`,
    });
  }
  const planCode = row.cells.plan_code as string;
  if ((await findPlanIdByCode(context.database, context, planCode)) === undefined) {
    problems.push({ row: row.row, column: "plan_code", message: `no plan has code "${planCode}"` });
  }
  return problems;
}

async function applyRow(
  context: RequestContext,
  state: ImportState,
  object: CsvObject,
  row: CsvRow,
): Promise<StepResult> {
  const externalId = row.cells.external_id as string;
  const reference = {
    sourceType: object === "customers" ? "customer" : "subscription",
    sourceId: externalId,
  };
  const known = state.references.get(`${reference.sourceType}:${externalId}`);
  if (known !== undefined && known !== "")
    return { outcome: "skipped", fairbillId: known, reason: `imported before as ${known}` };
  if (object === "customers") {
    const existing = await findCustomerByExternalId(context.database, context, externalId);
    if (existing !== undefined) {
      return {
        outcome: "skipped",
        fairbillId: existing.id,
        reason: `customer with external id ${externalId} exists already`,
      };
    }
    return creating(
      context,
      state,
      reference,
      async () => (await createCustomer(context, customerInputOf(row.cells))).id,
    );
  }
  const cells = row.cells;
  return creating(context, state, reference, async () => {
    const customer = await findCustomerByExternalId(
      context.database,
      context,
      cells.customer_external_id as string,
    );
    const planId = await findPlanIdByCode(context.database, context, cells.plan_code as string);
    if (customer === undefined || planId === undefined)
      throw new Error(`Row ${row.row}'s references vanished while it was imported.`);
    const quantities = quantitiesOf(cells.quantities);
    const subscription = await createSubscription(
      context,
      {
        customer_id: customer.id,
        plan_id: planId,
        start_at: cells.start_at as string,
        external_id: externalId,
        ...(cells.plan_version === undefined ? {} : { plan_version: Number(cells.plan_version) }),
        ...(cells.trial_days === undefined ? {} : { trial_days: Number(cells.trial_days) }),
        ...(cells.currency === undefined ? {} : { currency: cells.currency }),
        ...(Object.keys(quantities).length === 0 ? {} : { quantities }),
      },
      { awaitsCutOver: await importsAwaitCutOver(context) },
    );
    return subscription.id;
  });
}

/** Every row's outcome, in the file's order, and how many there are. */
export async function importCsvFile(
  context: RequestContext,
  state: ImportState,
  file: { object: CsvObject; text: string; atomic: boolean },
  onRecord: (result: RecordResult, total: number) => Promise<void>,
): Promise<void> {
  const checked = checkCsvFile(file.object, file.text);
  const problems = [...checked.problems];
  const goodRows: CsvRow[] = [];
  for (const row of checked.rows) {
    const found = await referenceProblems(context, file.object, row);
    if (found.length > 0) problems.push(...found);
    else goodRows.push(row);
  }
  const sourceType = `${file.object}.csv`;
  const problemsByRow = new Map<number, CsvProblem[]>();
  for (const problem of problems)
    problemsByRow.set(problem.row, [...(problemsByRow.get(problem.row) ?? []), problem]);
  const total = checked.rowCount + (problemsByRow.has(1) ? 1 : 0);
  // A problem of the header (row 1) is a record of its own: no row can be read without it.
  const header = problemsByRow.get(1);
  if (header !== undefined) {
    await onRecord(
      {
        sourceType,
        sourceId: "row 1",
        record: null,
        outcome: "refused",
        fairbillId: null,
        reason: header.map(describeProblem).join("; "),
      },
      total,
    );
  }
  const refuseAll = file.atomic && problems.length > 0;
  const rowsByNumber = new Map(checked.rows.map((row) => [row.row, row]));
  for (let number = 2; number < checked.rowCount + 2; number++) {
    const rowProblems = problemsByRow.get(number);
    const row = rowsByNumber.get(number);
    const base = { sourceType, sourceId: `row ${number}`, record: checked.cellsByRow.get(number) ?? null };
    if (rowProblems !== undefined) {
      await onRecord(
        {
          ...base,
          outcome: "refused",
          fairbillId: null,
          reason: rowProblems.map(describeProblem).join("; "),
        },
        total,
      );
    } else if (refuseAll || row === undefined || !goodRows.includes(row)) {
      const reason =
        header !== undefined
          ? "not read: the header has problems"
          : `not imported: the file has ${problems.length} problem${problems.length === 1 ? "" : "s"} and the import is atomic`;
      await onRecord({ ...base, outcome: "skipped", fairbillId: null, reason }, total);
    } else {
      const result = await applyRow(context, state, file.object, row);
      await onRecord(
        {
          ...base,
          ...result,
          reason: result.outcome === "refused" ? `row ${number}: ${result.reason}` : result.reason,
        },
        total,
      );
    }
  }
}
