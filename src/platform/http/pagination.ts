// Cursor pagination, the same on every list route: `?limit=&cursor=`, newest
// first, and `next_cursor` in the answer until the last page. The cursor is
// the id of the last object returned, wrapped so callers treat it as opaque.
import { type TObject, type TSchema, Type } from "typebox";
import { validationFailed } from "../errors.ts";

export const PageQuery = {
  limit: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 100, default: 20, description: "page size, 1 to 100" }),
  ),
  cursor: Type.Optional(Type.String({ maxLength: 200, description: "next_cursor of the previous page" })),
};

/** A list route's query: its filters (if any) with `limit` and `cursor`, and nothing else. */
export function PagedQuery<Filters extends TObject>(filters?: Filters) {
  return Type.Object({ ...filters?.properties, ...PageQuery }, { additionalProperties: false });
}

/** `limit` and `cursor` as a list route's query holds them. */
export type PageQueryValues = { limit?: number; cursor?: string };

export function PageOf<Item extends TSchema>(item: Item) {
  return Type.Object({
    data: Type.Array(item),
    next_cursor: Type.Union([Type.String(), Type.Null()], {
      description: "pass as cursor to get the next page",
    }),
  });
}

export function encodeCursor(lastId: string): string {
  return Buffer.from(JSON.stringify({ after: lastId })).toString("base64url");
}

/** The id after which the next page starts, or undefined for the first page. */
export function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  try {
    const decoded = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as { after?: unknown };
    if (typeof decoded.after === "string") return decoded.after;
  } catch {
    // Falls through to the error below.
  }
  throw validationFailed([{ path: "query.cursor", message: "is not a cursor this API returned" }]);
}

/**
 * Builds a page from rows fetched with `limit + 1` (the extra row tells that a
 * next page exists).
 */
export function toPage<Row extends { id: string }, Item>(
  rows: Row[],
  limit: number,
  present: (row: Row) => Item,
): { data: Item[]; next_cursor: string | null } {
  const pageRows = rows.slice(0, limit);
  const last = pageRows.at(-1);
  return {
    data: pageRows.map(present),
    next_cursor: rows.length > limit && last ? encodeCursor(last.id) : null,
  };
}
