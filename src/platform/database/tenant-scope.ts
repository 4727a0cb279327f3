// Every row carries its organization and environment, and every query is
// scoped by both. `.where(inTenant(scope))` writes that condition in one call,
// so that a query's own conditions stand out beside it.
import { type ExpressionBuilder, sql } from "kysely";
import type { TenantScope } from "../context.ts";

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
