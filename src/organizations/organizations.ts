// Organizations and their two environments. The first start of a server (and
// any command that needs a tenant) finds or creates the default organization.
import { sql } from "kysely";
import type { Clock } from "../platform/clock.ts";
import type { TenantScope } from "../platform/context.ts";
import type { Database, DatabaseTransaction } from "../platform/database/schema.ts";
import { FairbillError } from "../platform/errors.ts";
import { newId } from "../platform/ids.ts";
import type { EnvironmentKind } from "./tables.ts";

export type Organization = {
  id: string;
  name: string;
  environments: Record<EnvironmentKind, string>;
};

export async function createOrganization(
  database: Database,
  name: string,
  clock: Clock,
): Promise<Organization> {
  return database.transaction().execute((transaction) => insertOrganization(transaction, name, clock));
}

async function insertOrganization(
  transaction: DatabaseTransaction,
  name: string,
  clock: Clock,
): Promise<Organization> {
  const now = clock.now();
  const organizationId = newId("organization", now);
  const environments = { test: newId("environment", now), live: newId("environment", now) };
  await transaction
    .insertInto("organizations")
    .values({ id: organizationId, name, created_at: now })
    .execute();
  await transaction
    .insertInto("environments")
    .values([
      { id: environments.test, organization_id: organizationId, kind: "test", created_at: now },
      { id: environments.live, organization_id: organizationId, kind: "live", created_at: now },
    ])
    .execute();
  return { id: organizationId, name, environments };
}

// An arbitrary constant shared by every Fairbill process: "org1" in ASCII.
const defaultOrganizationLockKey = 0x6f726731;

/**
 * The oldest organization, created with the given name when there is none.
 * Several servers starting together on an empty database create one: the
 * look and the insert happen in one transaction under an advisory lock, so
 * the second process waits, then finds the first one's organization
 * (`created` is true for exactly one of them).
 */
export async function findOrCreateDefaultOrganization(
  database: Database,
  clock: Clock,
  name = "My organization",
): Promise<{ organization: Organization; created: boolean }> {
  const found = await oldestOrganizationId(database);
  if (found !== undefined) return { organization: await loadOrganization(database, found), created: false };
  const { organizationId, created } = await database.transaction().execute(async (transaction) => {
    await sql`select pg_advisory_xact_lock(${defaultOrganizationLockKey})`.execute(transaction);
    const existing = await oldestOrganizationId(transaction);
    if (existing !== undefined) return { organizationId: existing, created: false };
    return { organizationId: (await insertOrganization(transaction, name, clock)).id, created: true };
  });
  return { organization: await loadOrganization(database, organizationId), created };
}

async function oldestOrganizationId(database: Database): Promise<string | undefined> {
  const oldest = await database
    .selectFrom("organizations")
    .select("id")
    .orderBy("created_at", "asc")
    .orderBy("id", "asc")
    .executeTakeFirst();
  return oldest?.id;
}

export async function loadOrganization(database: Database, organizationId: string): Promise<Organization> {
  const organization = await database
    .selectFrom("organizations")
    .select(["id", "name"])
    .where("id", "=", organizationId)
    .executeTakeFirst();
  if (!organization) {
    throw new FairbillError({ code: "not_found", status: 404, detail: `No organization ${organizationId}.` });
  }
  const rows = await database
    .selectFrom("environments")
    .select(["id", "kind"])
    .where("organization_id", "=", organizationId)
    .execute();
  const test = rows.find((row) => row.kind === "test");
  const live = rows.find((row) => row.kind === "live");
  if (!test || !live) throw new Error(`Organization ${organizationId} lacks its test or live environment.`);
  return { id: organization.id, name: organization.name, environments: { test: test.id, live: live.id } };
}

/** The organization and id of an environment, or undefined when there is no such environment. */
export async function findEnvironmentScope(
  database: Database,
  environmentId: string,
): Promise<TenantScope | undefined> {
  const environment = await database
    .selectFrom("environments")
    .select(["id", "organization_id"])
    .where("id", "=", environmentId)
    .executeTakeFirst();
  return environment === undefined
    ? undefined
    : { organizationId: environment.organization_id, environmentId: environment.id };
}

/** Every environment of every organization (the bill run's schedule ticks each one). */
export async function allEnvironmentScopes(database: Database): Promise<TenantScope[]> {
  const environments = await database.selectFrom("environments").select(["id", "organization_id"]).execute();
  return environments.map((environment) => ({
    organizationId: environment.organization_id,
    environmentId: environment.id,
  }));
}

/** What an environment is (test or live) and its organization's name: the defaults of its settings. */
export async function describeEnvironment(
  database: Database,
  environmentId: string,
): Promise<{ kind: EnvironmentKind; organizationName: string }> {
  const environment = await database
    .selectFrom("environments")
    .innerJoin("organizations", "organizations.id", "environments.organization_id")
    .select(["environments.kind", "organizations.name"])
    .where("environments.id", "=", environmentId)
    .executeTakeFirstOrThrow();
  return { kind: environment.kind, organizationName: environment.name };
}

/** Whether the scope's environment is its organization's test or live one. */
export async function environmentKindOf(database: Database, scope: TenantScope): Promise<EnvironmentKind> {
  const environment = await database
    .selectFrom("environments")
    .select("kind")
    .where("id", "=", scope.environmentId)
    .where("organization_id", "=", scope.organizationId)
    .executeTakeFirstOrThrow();
  return environment.kind;
}
