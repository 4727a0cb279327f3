// The filter every query of a domain's own tables carries: the rows of one
// organization's environment. Written once so that a query says what else it
// looks for, and so that no query forgets either column.
import { type RawBuilder, type SqlBool, sql } from "kysely";
import type { TenantScope } from "../context.ts";

/**
 * `organization_id` and `environment_id` equal to the scope's, as one
 * condition for `.where(...)` of a select, update or delete. Name the table
 * when the query joins another one that has the same columns.
 */
export function inTenant(scope: TenantScope, table?: string): RawBuilder<SqlBool> {
  const column = (name: string) => sql.ref(table === undefined ? name : `${table}.${name}`);
  return sql<SqlBool>`(${column("organization_id")} = ${scope.organizationId} and ${column("environment_id")} = ${scope.environmentId})`;
}
