// Whose rows a database connection may touch. Every connection the
// application takes is switched to the application role (application-role.ts)
// and told its tenant in the session settings the row-level security policies
// read: the organization and environment of the request or job it serves, or
// "all tenants" for the work that spans them (the job queue, the bill run's
// schedule, finding the key or session a request carries). A connection is
// set up again whenever it is lent to another tenant than the one it last
// served, so each query or transaction runs with the tenant of the handle it
// was sent through, and a query that forgets its tenant filter sees only its
// own tenant's rows.
import type { TenantScope } from "../context.ts";
import { applicationRole } from "./application-role.ts";
import type { Database } from "./schema.ts";

export type SessionTenant = TenantScope | "all tenants";

export type SessionSettings = {
  /** Equal for two tenants exactly when their settings are equal: a connection set up for one serves the other as it is. */
  key: string;
  statement: string;
  parameters: string[];
};

const settingsStatement =
  "select set_config('role', $1, false), set_config('fairbill.organization_id', $2, false), " +
  "set_config('fairbill.environment_id', $3, false), set_config('fairbill.all_tenants', $4, false)";

export function sessionSettingsOf(tenant: SessionTenant): SessionSettings {
  const parameters =
    tenant === "all tenants"
      ? [applicationRole, "", "", "on"]
      : [applicationRole, tenant.organizationId, tenant.environmentId, "off"];
  return { key: parameters.join("\u0000"), statement: settingsStatement, parameters };
}

/** Back to the connecting user (the tables' owner), for migrations. */
export const ownerSessionStatement = "reset role";

// The handle of each open database (bound to all tenants) knows how to make
// the handle of one tenant: `databaseOfTenant` asks it.
const tenantDatabaseMakers = new WeakMap<Database, (scope: TenantScope) => Database>();
const allTenantDatabases = new WeakMap<Database, Database>();
const rememberedTenants = 256;

/**
 * Registers how `allTenants` (a handle's own database) makes a database bound
 * to one tenant; the last `rememberedTenants` are kept and reused.
 */
export function registerTenantDatabases(
  allTenants: Database,
  makeTenantDatabase: (scope: TenantScope) => Database,
): void {
  const made = new Map<string, Database>();
  const tenantDatabase = (scope: TenantScope): Database => {
    const key = `${scope.organizationId}\u0000${scope.environmentId}`;
    const known = made.get(key);
    if (known !== undefined) return known;
    const database = makeTenantDatabase(scope);
    // A tenant's database gives another tenant's too (a job of one environment that starts work in another).
    tenantDatabaseMakers.set(database, tenantDatabase);
    allTenantDatabases.set(database, allTenants);
    made.set(key, database);
    const oldest = made.keys().next().value;
    if (made.size > rememberedTenants && oldest !== undefined) made.delete(oldest);
    return database;
  };
  tenantDatabaseMakers.set(allTenants, tenantDatabase);
}

/**
 * The database of one tenant: the same connections as `database`, but each
 * query and transaction sent through it runs with the tenant's settings, so
 * row-level security shows it no other tenant's rows. A database that is not
 * a handle's own (a transaction already under way) is returned as it is.
 */
export function databaseOfTenant(database: Database, scope: TenantScope): Database {
  const make = tenantDatabaseMakers.get(database);
  return make === undefined ? database : make(scope);
}

/**
 * The database across every tenant that `database` (a tenant's) was made
 * from: for the few lookups that must span organizations on purpose, such as
 * whether an email address already has an account anywhere on the server.
 */
export function databaseAcrossTenants(database: Database): Database {
  return allTenantDatabases.get(database) ?? database;
}
