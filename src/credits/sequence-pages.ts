// Pages of ledgers, newest first by the order entries were written in (their
// `sequence`), not by id: entries written in the same millisecond must keep
// their order, since each one's balance_after follows from the one before.
// A customer's two ledgers (its credit ledger and its customer balance's
// entries) are read a page at a time by customerLedgerPage.
import { type Selectable, type SelectQueryBuilder, type SqlBool, sql } from "kysely";
import { getCustomer } from "../customers/index.ts";
import type { RequestContext } from "../platform/context.ts";
import type { DatabaseSchema } from "../platform/database/schema.ts";
import { selectInTenant } from "../platform/database/tenant-scope.ts";
import { validationFailed } from "../platform/errors.ts";
import { decodeCursor, toPage } from "../platform/http/pagination.ts";

/** The sequence after which the next page starts, or undefined for the first page. */
function sequenceAfter(cursor: string | undefined): number | undefined {
  const after = decodeCursor(cursor);
  if (after === undefined) return undefined;
  if (!/^[0-9]{1,15}$/.test(after)) {
    throw validationFailed([{ path: "query.cursor", message: "is not a cursor this API returned" }]);
  }
  return Number(after);
}

/**
 * `query` narrowed to the page the cursor asks for: newest first by
 * sequence, after the cursor's sequence, `limit + 1` rows (for toSequencePage).
 */
function newestSequenceFirst<Tables, From extends keyof Tables, Row>(
  query: SelectQueryBuilder<Tables, From, Row>,
  page: { limit: number; cursor: string | undefined },
): SelectQueryBuilder<Tables, From, Row> {
  const sequence = sql.ref("sequence");
  const ordered = query.orderBy(sequence, "desc").limit(page.limit + 1);
  const after = sequenceAfter(page.cursor);
  return after === undefined ? ordered : ordered.where(sql<SqlBool>`${sequence} < ${after}`);
}

/** A page from rows fetched with `limit + 1`, newest first; the cursor names the last row's sequence. */
function toSequencePage<Row extends { sequence: number }, Item>(
  rows: Row[],
  limit: number,
  present: (row: Row) => Item,
): { data: Item[]; next_cursor: string | null } {
  const keyed = rows.map((row) => ({ id: String(row.sequence), row }));
  return toPage(keyed, limit, ({ row }) => present(row));
}

type CustomerLedgerTable = "credit_ledger_entries" | "customer_balance_entries";

/** One of a customer's ledgers: the table of its entries, and how the API presents an entry. */
export type CustomerLedger<Table extends CustomerLedgerTable, Item> = {
  table: Table;
  present: (row: Selectable<DatabaseSchema[Table]>) => Item;
};

/**
 * A page of the customer's entries in `ledger`, newest first, of those whose
 * columns equal the filters given; a 404 when there is no such customer.
 */
export async function customerLedgerPage<Table extends CustomerLedgerTable, Item>(
  context: RequestContext,
  ledger: CustomerLedger<Table, Item>,
  customerId: string,
  filters: Partial<Record<keyof DatabaseSchema[Table] & string, string>>,
  page: { limit: number; cursor: string | undefined },
): Promise<{ data: Item[]; next_cursor: string | null }> {
  await getCustomer(context, customerId);
  const table: CustomerLedgerTable = ledger.table;
  const customerEntries = selectInTenant(context.database, context, table).where(
    "customer_id",
    "=",
    customerId,
  );
  let query = newestSequenceFirst(customerEntries, page);
  for (const [column, value] of Object.entries(filters)) {
    if (value !== undefined) query = query.where(sql.ref(column), "=", value);
  }
  const rows = (await query.execute()) as (Selectable<DatabaseSchema[Table]> & { sequence: number })[];
  return toSequencePage(rows, page.limit, ledger.present);
}
