// Cursor pagination, the same on every list route: `?limit=&cursor=`, newest
// first, and `next_cursor` in the answer until the last page. The cursor is
// the id of the last object returned, wrapped so callers treat it as opaque.
// A list that can be sorted (`?sort=name`, `?sort=-total`) puts the sort and
// the last object's sort value in its cursor too, so that the next page goes
// on in the same order after the same row, and a cursor of another order is refused.
import { type TObject, type TSchema, Type } from "typebox";
import type { PageRequest, PageSort } from "../database/list-pages.ts";
import { validationFailed } from "../errors.ts";
import { StringEnum } from "./schemas.ts";

export const PageQuery = {
  limit: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 100, default: 20, description: "page size, 1 to 100" }),
  ),
  cursor: Type.Optional(Type.String({ maxLength: 1000, description: "next_cursor of the previous page" })),
};

/**
 * The `sort` parameter of a list that can be sorted by `fields`: a field for
 * ascending, a field after "-" for descending; ties go by id the same way.
 */
export function SortQuery<const Fields extends readonly string[]>(fields: Fields) {
  const values = fields.flatMap((field) => [field, `-${field}`]);
  return Type.Optional(
    StringEnum(values as unknown as readonly `${"" | "-"}${Fields[number]}`[], {
      description:
        `the order: ${fields.join(", ")} ascending, or descending after a "-" (-${fields[0]}); ` +
        "ties by id the same way; without it newest first. Keep it the same while following next_cursor.",
    }),
  );
}

/** A list route's query: its filters (if any) with `limit` and `cursor` (and `sort`, when it has sort fields). */
export function PagedQuery<Filters extends TObject>(filters?: Filters, sorts?: readonly string[]) {
  // The sort's values are the route's; the query's static type leaves it out (the route reads it through pageRequestOf).
  const sort: object = sorts === undefined || sorts.length === 0 ? {} : { sort: SortQuery(sorts) };
  return Type.Object({ ...filters?.properties, ...PageQuery, ...sort }, { additionalProperties: false });
}

/** `limit`, `cursor` and `sort` as a list route's query holds them. */
export type PageQueryValues = { limit?: number; cursor?: string; sort?: string };

export function PageOf<Item extends TSchema>(item: Item) {
  return Type.Object({
    data: Type.Array(item),
    next_cursor: Type.Union([Type.String(), Type.Null()], {
      description: "pass as cursor to get the next page",
    }),
  });
}

type CursorContent = { after: string; sort?: string; key?: string };

export function encodeCursor(lastId: string, sorted?: { sort: string; key: string }): string {
  const content: CursorContent = sorted === undefined ? { after: lastId } : { after: lastId, ...sorted };
  return Buffer.from(JSON.stringify(content)).toString("base64url");
}

function readCursor(cursor: string): CursorContent {
  try {
    const decoded = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as Partial<CursorContent>;
    if (
      typeof decoded.after === "string" &&
      (decoded.sort === undefined || typeof decoded.sort === "string") &&
      (decoded.key === undefined || typeof decoded.key === "string")
    ) {
      return decoded as CursorContent;
    }
  } catch {
    // Falls through to the error below.
  }
  throw validationFailed([{ path: "query.cursor", message: "is not a cursor this API returned" }]);
}

/** The id after which the next page starts, or undefined for the first page. */
export function decodeCursor(cursor: string | undefined): string | undefined {
  return cursor === undefined ? undefined : readCursor(cursor).after;
}

/** The page a list route's query asks for: its size, where it starts, and its order (`sort`). */
export function pageRequestOf(query: PageQueryValues): PageRequest {
  const limit = query.limit ?? 20;
  const cursor = query.cursor === undefined ? undefined : readCursor(query.cursor);
  if (cursor !== undefined && cursor.sort !== query.sort) {
    const made = cursor.sort === undefined ? "the list newest first" : `sort=${cursor.sort}`;
    throw validationFailed([
      {
        path: "query.cursor",
        message: `was made for ${made}; ask the next page with the same sort, or start again without a cursor`,
      },
    ]);
  }
  if (query.sort === undefined) return { limit, afterId: cursor?.after };
  const descending = query.sort.startsWith("-");
  const sort: PageSort = {
    field: descending ? query.sort.slice(1) : query.sort,
    descending,
    afterKey: cursor?.key,
  };
  return { limit, afterId: cursor?.after, sort };
}

/** The `sort` value of a page request, as the query wrote it ("-total"). */
function sortText(sort: PageSort): string {
  return `${sort.descending ? "-" : ""}${sort.field}`;
}

/**
 * Builds a page from rows fetched with `limit + 1` (the extra row tells that a
 * next page exists). A sorted page's rows carry `page_sort_key` (see
 * sortedPage), which its next cursor holds.
 */
export function toPage<Row extends { id: string; page_sort_key?: string | null }, Item>(
  rows: Row[],
  limit: number,
  present: (row: Row) => Item,
  sort?: PageSort,
): { data: Item[]; next_cursor: string | null } {
  const pageRows = rows.slice(0, limit);
  const last = pageRows.at(-1);
  const lastKey = last?.page_sort_key;
  return {
    data: pageRows.map(present),
    next_cursor:
      rows.length > limit && last
        ? encodeCursor(
            last.id,
            sort === undefined || lastKey === undefined || lastKey === null
              ? undefined
              : { sort: sortText(sort), key: lastKey },
          )
        : null,
  };
}

/** A row as it was before sortedPage added its sort value (what a list answers). */
export function withoutSortKey<Row extends object>(row: Row): Omit<Row, "page_sort_key"> {
  const { page_sort_key: _sortKey, ...rest } = row as Row & { page_sort_key?: unknown };
  return rest;
}
