// Pages of what a run met, in the order it met it: an import's records and a
// parallel run's invoices are keyed by their position, and a cursor is the
// last position of the page before.
import { type SelectQueryBuilder, type SqlBool, sql } from "kysely";
import { validationFailed } from "../platform/errors.ts";
import { decodeCursor, encodeCursor } from "../platform/http/pagination.ts";

/** The position `cursor` continues after (none for the first page); a cursor that holds none is refused at $.cursor. */
function positionAfter(cursor: string | undefined): number | undefined {
  const after = decodeCursor(cursor);
  if (after === undefined) return undefined;
  const position = Number(after);
  if (!Number.isInteger(position)) {
    throw validationFailed([{ path: "$.cursor", message: "is not a cursor of this list" }]);
  }
  return position;
}

/** The first `limit` rows (of `limit + 1` read), and the cursor to the rest when there are more. */
function positionPage<Row extends { position: number }>(
  rows: readonly Row[],
  limit: number,
): { page: Row[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    page,
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(String(last.position)) : null,
  };
}

/**
 * The page of `query`'s rows (one run's, narrowed as the caller asks) in
 * position order after `request.cursor`: `request.limit` rows, 100 unless
 * given, and the cursor to the rest when there are more.
 */
export async function readPositionPage<Tables, From extends keyof Tables, Row extends { position: number }>(
  query: SelectQueryBuilder<Tables, From, Row>,
  request: { limit?: number | undefined; cursor?: string | undefined },
): Promise<{ page: Row[]; nextCursor: string | null }> {
  const limit = request.limit ?? 100;
  const after = positionAfter(request.cursor);
  const position = sql.ref("position");
  const ordered = query.orderBy(position).limit(limit + 1);
  const rows = await (after === undefined
    ? ordered
    : ordered.where(sql<SqlBool>`${position} > ${after}`)
  ).execute();
  return positionPage(rows, limit);
}
