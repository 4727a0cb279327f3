// One page of a cursor-paged list, read the way every list route pages:
// newest first by id, after the id the cursor names, and one row more than
// the limit so that the route can tell whether a next page exists.
import { type SelectQueryBuilder, type SqlBool, sql } from "kysely";

/** The page a list use case is asked for: up to `limit` rows after the row with id `afterId`. */
export type PageRequest = { limit: number; afterId: string | undefined };

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
