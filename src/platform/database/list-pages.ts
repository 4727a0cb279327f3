// One page of a cursor-paged list, read the way every list route pages:
// newest first by id, after the id the cursor names, and one row more than
// the limit so that the route can tell whether a next page exists. A list
// that lets its caller choose the order (`?sort=-total`) pages by that
// field, then by id in the same direction, after the field's value and the
// id the cursor carries (keyset pagination, so ties never repeat or skip).
import { type RawBuilder, type SelectQueryBuilder, type SqlBool, sql } from "kysely";

/** The order a caller chose: a field of the list's own sort columns, ascending unless descending. */
export type PageSort = {
  field: string;
  descending: boolean;
  /** The sort value of the row the cursor names, as PostgreSQL writes it as text; none on the first page. */
  afterKey: string | undefined;
};

/** The page a list use case is asked for: up to `limit` rows after the row with id `afterId`, in `sort`'s order. */
export type PageRequest = { limit: number; afterId: string | undefined; sort?: PageSort | undefined };

/**
 * A field a list sorts by: the SQL expression (never null: coalesce a nullable
 * column to where its nulls belong) and its type, to read a cursor's value back.
 */
export type SortColumn = { expression: RawBuilder<unknown>; type: "text" | "numeric" | "timestamptz" };

/** A row of a sortable list: its sort value as text, for the cursor of the next page (null unsorted). */
export type SortKeyed = { page_sort_key: string | null };

/**
 * `query` narrowed to the page: ordered by `idColumn` descending, after
 * `page.afterId`, `limit + 1` rows. Name the column with its table when the
 * query joins another table that has an id.
 */
export function newestFirstPage<Tables, From extends keyof Tables, Row>(
  query: SelectQueryBuilder<Tables, From, Row>,
  page: PageRequest,
  idColumn = "id",
): SelectQueryBuilder<Tables, From, Row> {
  const id = sql.ref(idColumn);
  const ordered = query.orderBy(id, "desc").limit(page.limit + 1);
  return page.afterId === undefined ? ordered : ordered.where(sql<SqlBool>`${id} < ${page.afterId}`);
}

/**
 * `query` narrowed to the page in the order `page.sort` asks (by one of
 * `columns`, then by id the same way), or newest first without one; each row
 * carries `page_sort_key`, its sort value as text, for the next page's cursor.
 */
export function sortedPage<Tables, From extends keyof Tables, Row>(
  query: SelectQueryBuilder<Tables, From, Row>,
  page: PageRequest,
  columns: Readonly<Record<string, SortColumn>>,
  idColumn = "id",
): SelectQueryBuilder<Tables, From, Row & SortKeyed> {
  const sort = page.sort;
  if (sort === undefined) {
    return newestFirstPage(query, page, idColumn).select(
      sql<string | null>`null::text`.as("page_sort_key"),
    ) as unknown as SelectQueryBuilder<Tables, From, Row & SortKeyed>;
  }
  const column = columns[sort.field];
  if (column === undefined) throw new Error(`The list has no sort column "${sort.field}".`);
  const id = sql.ref(idColumn);
  const direction = sort.descending ? "desc" : "asc";
  let ordered = query
    .select(sql<string>`(${column.expression})::text`.as("page_sort_key"))
    .orderBy(column.expression, direction)
    .orderBy(id, direction)
    .limit(page.limit + 1) as unknown as SelectQueryBuilder<Tables, From, Row & SortKeyed>;
  if (page.afterId !== undefined && sort.afterKey !== undefined) {
    const after = sql`(cast(${sort.afterKey} as ${sql.raw(column.type)}), ${page.afterId})`;
    ordered = ordered.where(
      sort.descending
        ? sql<SqlBool>`(${column.expression}, ${id}) < ${after}`
        : sql<SqlBool>`(${column.expression}, ${id}) > ${after}`,
    );
  }
  return ordered;
}
