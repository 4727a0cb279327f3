// What every new row starts with: its own prefixed id, and the organization
// and environment it belongs to (every row carries both, and every query is
// scoped by them: tenant-scope.ts); the insert and the update of such a row;
// and the write of an environment's one row of settings.

import { type Insertable, type InsertObject, type Selectable, sql, type UpdateObject } from "kysely";
import type { TenantScope } from "../context.ts";
import { type IdKind, newId } from "../ids.ts";
import type { Database, DatabaseSchema, DatabaseTransaction, TenantRowColumns } from "./schema.ts";
import { inTenant } from "./tenant-scope.ts";

/** The id, organization and environment columns of a new row of `kind`, made at `now`. */
export function newTenantRow(scope: TenantScope, kind: IdKind, now: Date): TenantRowColumns {
  return { id: newId(kind, now), organization_id: scope.organizationId, environment_id: scope.environmentId };
}

/** The tables whose rows belong to a tenant: each opens with the columns of newTenantRow. */
type TenantTable = {
  [Table in keyof DatabaseSchema]: DatabaseSchema[Table] extends TenantRowColumns ? Table : never;
}[keyof DatabaseSchema];

/**
 * Inserts a new row of `kind` into `table` for the tenant of `scope`: its id,
 * organization and environment from newTenantRow, the rest from `columns`.
 * Answers the row as stored, with the columns the database filled in.
 */
export function insertTenantRow<Table extends TenantTable>(
  database: Database | DatabaseTransaction,
  scope: TenantScope,
  table: Table,
  kind: IdKind,
  now: Date,
  columns: Omit<Insertable<DatabaseSchema[Table]>, keyof TenantRowColumns>,
): Promise<Selectable<DatabaseSchema[Table]>> {
  const row = { ...newTenantRow(scope, kind, now), ...columns } as InsertObject<DatabaseSchema, Table>;
  return database.insertInto(table).values(row).returningAll().executeTakeFirstOrThrow() as Promise<
    Selectable<DatabaseSchema[Table]>
  >;
}

/**
 * Sets `columns` on the row of `table` with this id in the tenant of `scope`.
 * Answers the row as stored; throws when there is no such row (its callers
 * have read it first).
 */
export function updateTenantRow<Table extends TenantTable>(
  database: Database | DatabaseTransaction,
  scope: TenantScope,
  table: Table,
  id: string,
  columns: UpdateObject<DatabaseSchema, Table>,
): Promise<Selectable<DatabaseSchema[Table]>> {
  return database
    .updateTable(table as TenantTable)
    .set(columns as UpdateObject<DatabaseSchema, TenantTable>)
    .where(inTenant(scope))
    .where((builder) => builder(sql.ref("id"), "=", id))
    .returningAll()
    .executeTakeFirstOrThrow() as Promise<Selectable<DatabaseSchema[Table]>>;
}

/** The tables whose rows belong to an environment: a settings table among them holds one row per environment. */
type EnvironmentTable = {
  [Table in keyof DatabaseSchema]: DatabaseSchema[Table] extends Omit<TenantRowColumns, "id"> ? Table : never;
}[keyof DatabaseSchema];

/**
 * Writes the environment's one row of a settings table (unique by
 * environment_id): `columns` on the row there is, or a new row with them.
 */
export async function writeEnvironmentSettings<Table extends EnvironmentTable>(
  database: Database | DatabaseTransaction,
  scope: TenantScope,
  table: Table,
  columns: Omit<Insertable<DatabaseSchema[Table]>, "organization_id" | "environment_id">,
): Promise<void> {
  const row = {
    ...columns,
    organization_id: scope.organizationId,
    environment_id: scope.environmentId,
  } as InsertObject<DatabaseSchema, Table>;
  await database
    .insertInto(table)
    .values(row)
    .onConflict((conflicting) => conflicting.column("environment_id" as never).doUpdateSet(columns as never))
    .execute();
}
