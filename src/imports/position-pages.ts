// Pages of what a run met, in the order it met it: an import's records and a
// parallel run's invoices are keyed by their position, and a cursor is the
// last position of the page before.
import { validationFailed } from "../platform/errors.ts";
import { decodeCursor, encodeCursor } from "../platform/http/pagination.ts";

/** The position `cursor` continues after (none for the first page); a cursor that holds none is refused at $.cursor. */
export function positionAfter(cursor: string | undefined): number | undefined {
  const after = decodeCursor(cursor);
  if (after === undefined) return undefined;
  const position = Number(after);
  if (!Number.isInteger(position)) {
    throw validationFailed([{ path: "$.cursor", message: "is not a cursor of this list" }]);
  }
  return position;
}

/** The first `limit` rows (of `limit + 1` read), and the cursor to the rest when there are more. */
export function positionPage<Row extends { position: number }>(
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
