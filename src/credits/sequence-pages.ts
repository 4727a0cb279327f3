// Pages of ledgers, newest first by the order entries were written in (their
// `sequence`), not by id: entries written in the same millisecond must keep
// their order, since each one's balance_after follows from the one before.
import { type SelectQueryBuilder, type SqlBool, sql } from "kysely";
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
export function newestSequenceFirst<Tables, From extends keyof Tables, Row>(
  query: SelectQueryBuilder<Tables, From, Row>,
  page: { limit: number; cursor: string | undefined },
): SelectQueryBuilder<Tables, From, Row> {
  const sequence = sql.ref("sequence");
  const ordered = query.orderBy(sequence, "desc").limit(page.limit + 1);
  const after = sequenceAfter(page.cursor);
  return after === undefined ? ordered : ordered.where(sql<SqlBool>`${sequence} < ${after}`);
}

/** A page from rows fetched with `limit + 1`, newest first; the cursor names the last row's sequence. */
export function toSequencePage<Row extends { sequence: number }, Item>(
  rows: Row[],
  limit: number,
  present: (row: Row) => Item,
): { data: Item[]; next_cursor: string | null } {
  const keyed = rows.map((row) => ({ id: String(row.sequence), row }));
  return toPage(keyed, limit, ({ row }) => present(row));
}
