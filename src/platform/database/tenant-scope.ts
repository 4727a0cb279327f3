// Every row carries its organization and environment, and every query is
// scoped by both. `.where(inTenant(scope))` writes that condition in one call,
// so that a query's own conditions stand out beside it; `selectInTenant`
// starts the most common read: every column of a table, in the tenant;
// `findInTenant` reads one row by its id, or answers 404; and
// `childRowsInTenant` reads the rows that belong to a few parents, in order.
import { type ExpressionBuilder, type Selectable, type SelectQueryBuilder, sql } from "kysely";
import type { TenantScope } from "../context.ts";
import { notFound } from "../errors.ts";
import type { Database, DatabaseSchema } from "./schema.ts";

/**
 * The condition "in this organization and environment", for `where` on any
 * table (they all have both columns); `table` names the table or its alias
 * where a join makes the columns ambiguous.
 */
export function inTenant(scope: TenantScope, table?: string) {
  const column = (name: string) => sql.ref(table === undefined ? name : `${table}.${name}`);
  return <DB, TB extends keyof DB>(builder: ExpressionBuilder<DB, TB>) =>
    builder.and([
      builder(column("organization_id"), "=", scope.organizationId),
      builder(column("environment_id"), "=", scope.environmentId),
    ]);
}

/** Every column of the rows of `table` in the tenant of `scope`: the start of a scoped read. */
export function selectInTenant<Table extends keyof DatabaseSchema & string>(
  database: Database,
  scope: TenantScope,
  table: Table,
): SelectQueryBuilder<DatabaseSchema, Table, Selectable<DatabaseSchema[Table]>> {
  const query = database
    .selectFrom(table as keyof DatabaseSchema & string)
    .selectAll()
    .where(inTenant(scope));
  return query as unknown as SelectQueryBuilder<DatabaseSchema, Table, Selectable<DatabaseSchema[Table]>>;
}

/**
 * The row of `table` with this id in the tenant of `scope`, locked for the
 * rest of the transaction when `options.lock` is set; a 404 naming it as `what`
 * ("dispute", "integration connection") when there is none.
 */
export async function findInTenant<Table extends keyof DatabaseSchema & string>(
  database: Database,
  scope: TenantScope,
  table: Table,
  id: string,
  what: string,
  options: { lock?: boolean } = {},
): Promise<Selectable<DatabaseSchema[Table]>> {
  const query = selectInTenant(database, scope, table).where((builder) => builder(sql.ref("id"), "=", id));
  const row = await (options.lock ? query.forUpdate() : query).executeTakeFirst();
  if (row === undefined) throw notFound(what, id);
  return row as Selectable<DatabaseSchema[Table]>;
}

/**
 * The rows of `table` in the tenant of `scope` whose `parentColumn` is one of
 * `parentIds`, by parent, then by `orderColumn` within each parent (an
 * invoice's lines by position, a subscription's changes by sequence).
 */
export async function childRowsInTenant<Table extends keyof DatabaseSchema & string>(
  database: Database,
  scope: TenantScope,
  table: Table,
  children: {
    parentColumn: keyof DatabaseSchema[Table] & string;
    parentIds: readonly string[];
    orderColumn: keyof DatabaseSchema[Table] & string;
  },
): Promise<Selectable<DatabaseSchema[Table]>[]> {
  if (children.parentIds.length === 0) return [];
  const parent = sql.ref(children.parentColumn);
  const rows = await selectInTenant(database, scope, table)
    .where((builder) => builder(parent, "in", [...children.parentIds]))
    .orderBy(parent)
    .orderBy(sql.ref(children.orderColumn))
    .execute();
  return rows as unknown as Selectable<DatabaseSchema[Table]>[];
}
