// A partner's external sales: transactions its own system reports (a
// marketplace's or a point of sale's export), uploaded as a CSV file on the
// documented template (docs/partners.md) or sent as JSON rows, and recorded
// once per external id: the same transaction sent again is skipped, the same
// external id with other values refused. Every bad row is named by its row
// and column (CSV) or its JSON path; in atomic mode (the default) one bad row
// refuses the upload and nothing is written.
import { Type } from "typebox";
import { recordObjectChange } from "../audit/index.ts";
import { Decimal } from "../core/index.ts";
import type { RequestContext } from "../platform/context.ts";
import {
  type CsvProblem,
  type CsvTemplateSpec,
  checkCsvText,
  describeProblem,
} from "../platform/csv-files.ts";
import { insertTenantRow } from "../platform/database/tenant-rows.ts";
import { selectInTenant } from "../platform/database/tenant-scope.ts";
import { type FieldError, validationFailed } from "../platform/errors.ts";
import { withReason } from "../platform/http/reason.ts";
import {
  type ExternalSaleUploadView,
  type RecordExternalSalesInput,
  type SaleRowInput,
  saleFields,
} from "./external-sale-schemas.ts";
import { findPartner } from "./partners.ts";

const template: CsvTemplateSpec = {
  name: "external sales",
  columns: Type.Object(saleFields),
  required: Object.keys(saleFields),
  uniqueColumn: "external_id",
  rowProblems: (cells, row) =>
    instantOf(cells.date as string) === null
      ? [{ row, column: "date", message: "is not a day of the calendar" }]
      : [],
};

/** The instant of a sale's date (a day is its start in UTC); null for a day the calendar has not. */
function instantOf(date: string): number | null {
  const instant = Date.parse(date.length === 10 ? `${date}T00:00:00Z` : date);
  if (Number.isNaN(instant)) return null;
  return new Date(instant).toISOString().slice(0, 10) === date.slice(0, 10) || date.length > 10
    ? instant
    : null;
}

/** A transaction to record, with where it came from. */
type Candidate = { source: string; path: string; sale: SaleRowInput };
/** A refused transaction: where it is, and each of its problems as an API error. */
type Refusal = { source: string; externalId: string | null; errors: FieldError[] };

function candidatesOfCsv(text: string): { candidates: Candidate[]; refusals: Refusal[] } {
  const checked = checkCsvText(template, text);
  const byRow = new Map<number, CsvProblem[]>();
  for (const problem of checked.problems)
    byRow.set(problem.row, [...(byRow.get(problem.row) ?? []), problem]);
  const refusals = [...byRow].map(([row, problems]) => ({
    source: `row ${row}`,
    externalId: checked.cellsByRow.get(row)?.external_id ?? null,
    errors: problems.map((problem) => ({ path: "$.csv", message: describeProblem(problem) })),
  }));
  const candidates = checked.rows.map((row) => ({
    source: `row ${row.row}`,
    path: "$.csv",
    sale: row.cells as SaleRowInput,
  }));
  return { candidates, refusals };
}

function candidatesOfRows(rows: readonly SaleRowInput[]): { candidates: Candidate[]; refusals: Refusal[] } {
  const candidates: Candidate[] = [];
  const refusals: Refusal[] = [];
  const firstIndex = new Map<string, number>();
  rows.forEach((sale, index) => {
    const source = `$.transactions[${index}]`;
    const errors: FieldError[] = [];
    const first = firstIndex.get(sale.external_id);
    if (first !== undefined)
      errors.push({ path: `${source}.external_id`, message: `repeats $.transactions[${first}]` });
    else firstIndex.set(sale.external_id, index);
    if (instantOf(sale.date) === null)
      errors.push({ path: `${source}.date`, message: "is not a day of the calendar" });
    if (errors.length > 0) refusals.push({ source, externalId: sale.external_id, errors });
    else candidates.push({ source, path: source, sale });
  });
  return { candidates, refusals };
}

const sameSale = (
  stored: {
    occurred_at: Date;
    customer_reference: string;
    external_item: string;
    quantity: string;
    amount: string;
    currency: string;
  },
  sale: SaleRowInput,
) =>
  stored.occurred_at.getTime() === instantOf(sale.date) &&
  stored.customer_reference === sale.customer_reference &&
  stored.external_item === sale.item &&
  new Decimal(stored.quantity).equals(sale.quantity) &&
  new Decimal(stored.amount).equals(sale.amount) &&
  stored.currency === sale.currency;

export async function recordExternalSales(
  context: RequestContext,
  partnerId: string,
  input: RecordExternalSalesInput,
): Promise<ExternalSaleUploadView> {
  if ((input.csv === undefined) === (input.transactions === undefined)) {
    throw validationFailed([
      {
        path: input.csv === undefined ? "$.transactions" : "$.csv",
        message: "give either csv or transactions",
      },
    ]);
  }
  const atomic = input.atomic ?? true;
  const reasoned = withReason(context, input.reason);
  return context.database.transaction().execute(async (transaction) => {
    await findPartner(transaction, context, partnerId);
    const { candidates, refusals } =
      input.csv !== undefined ? candidatesOfCsv(input.csv) : candidatesOfRows(input.transactions ?? []);
    const stored = new Map(
      (
        await selectInTenant(transaction, context, "partner_external_sales")
          .where("partner_id", "=", partnerId)
          .where(
            "external_id",
            "in",
            candidates.length === 0 ? [""] : candidates.map((candidate) => candidate.sale.external_id),
          )
          .execute()
      ).map((row) => [row.external_id, row]),
    );
    const records: ExternalSaleUploadView["records"] = [];
    const toCreate: Candidate[] = [];
    for (const candidate of candidates) {
      const before = stored.get(candidate.sale.external_id);
      if (before === undefined) toCreate.push(candidate);
      else if (sameSale(before, candidate.sale))
        records.push({
          source: candidate.source,
          external_id: candidate.sale.external_id,
          outcome: "skipped",
          external_sale_id: before.id,
          reason: `recorded before as ${before.id}`,
        });
      else
        refusals.push({
          source: candidate.source,
          externalId: candidate.sale.external_id,
          errors: [
            {
              path: candidate.path === "$.csv" ? "$.csv" : `${candidate.path}.external_id`,
              message: `${candidate.source === candidate.path ? "" : `${candidate.source}, column external_id: `}was recorded as ${before.id} with other values`,
            },
          ],
        });
    }
    if (atomic && refusals.length > 0) {
      throw validationFailed(
        refusals.flatMap((refusal) => refusal.errors),
        `${refusals.length} transaction${refusals.length === 1 ? "" : "s"} of the upload ${refusals.length === 1 ? "has" : "have"} problems: nothing was recorded.`,
      );
    }
    const now = context.clock.now();
    for (const candidate of toCreate) {
      const { sale } = candidate;
      const row = await insertTenantRow(transaction, context, "partner_external_sales", "externalSale", now, {
        partner_id: partnerId,
        external_id: sale.external_id,
        occurred_at: new Date(instantOf(sale.date) as number),
        customer_reference: sale.customer_reference,
        external_item: sale.item,
        quantity: sale.quantity,
        amount: sale.amount,
        currency: sale.currency,
        created_at: now,
      });
      records.push({
        source: candidate.source,
        external_id: sale.external_id,
        outcome: "created",
        external_sale_id: row.id,
        reason: null,
      });
    }
    const created = records.filter((record) => record.outcome === "created");
    if (created.length > 0) {
      // One audit entry per upload, naming the sales it recorded.
      const recorded = { id: partnerId, external_sale_ids: created.map((record) => record.external_sale_id) };
      await recordObjectChange(transaction, reasoned, "partner", "external_sales_recorded", null, recorded);
    }
    for (const refusal of refusals)
      records.push({
        source: refusal.source,
        external_id: refusal.externalId,
        outcome: "refused",
        external_sale_id: null,
        reason: refusal.errors.map((error) => error.message).join("; "),
      });
    const order = (source: string) => Number(source.match(/\d+/)?.[0] ?? 0);
    records.sort((left, right) => order(left.source) - order(right.source));
    const count = (outcome: string) => records.filter((record) => record.outcome === outcome).length;
    return { created: count("created"), skipped: count("skipped"), refused: count("refused"), records };
  });
}
