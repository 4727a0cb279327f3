// People and service accounts. A person signs in with an email and a
// password (and a second factor); a service account holds API keys for a
// program and is owned by the person who answers for it. Every key and every
// session acts for a person, which is what four-eyes and the audit log name.
import type { Selectable } from "kysely";
import type { ApiKeyOwner } from "../organizations/index.ts";
import type { Person, RequestContext, TenantScope } from "../platform/context.ts";
import { ChangeCache } from "../platform/database/change-cache.ts";
import { announceChange } from "../platform/database/change-notifications.ts";
import { isUniqueViolation } from "../platform/database/errors.ts";
import type { Database, DatabaseTransaction } from "../platform/database/schema.ts";
import { conflict, notFound } from "../platform/errors.ts";
import { newId } from "../platform/ids.ts";
import type { UserTable } from "./tables.ts";

export type UserRow = Selectable<UserTable>;

const keyHoldersTopic = "key_holders";

/**
 * The holders of API keys already looked up (disabled or not, and who answers
 * for them), by organization and user, so that a request's key costs no
 * query; disabling or enabling a user announces itself (announceKeyHolderChanged)
 * and every process drops the organization's entries. Names never change.
 */
export const keyHolderCache = new ChangeCache<{ disabled: boolean; person: Person }>(keyHoldersTopic);

/** Tells every process, when `transaction` commits, that a user of the organization was disabled or enabled. */
export function announceKeyHolderChanged(
  transaction: DatabaseTransaction,
  context: RequestContext,
): Promise<void> {
  return announceChange(transaction, context.database, {
    topic: keyHoldersTopic,
    scope: context.organizationId,
  });
}

/** Email addresses are compared and stored in lowercase. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function insertPerson(
  database: Database,
  organizationId: string,
  person: { email: string; name: string; passwordHash: string | null; emailVerifiedAt: Date | null },
  now: Date,
): Promise<UserRow> {
  try {
    return await database
      .insertInto("users")
      .values({
        id: newId("user", now),
        organization_id: organizationId,
        kind: "person",
        email: normalizeEmail(person.email),
        display_name: person.name,
        password_hash: person.passwordHash,
        email_verified_at: person.emailVerifiedAt,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw conflict("email_taken", `Someone already has an account with ${normalizeEmail(person.email)}.`, [
      { path: "$.email", message: "is already taken" },
    ]);
  }
}

export async function insertServiceAccount(
  database: Database,
  organizationId: string,
  account: { name: string; ownerUserId: string | null },
  now: Date,
): Promise<UserRow> {
  return database
    .insertInto("users")
    .values({
      id: newId("serviceAccount", now),
      organization_id: organizationId,
      kind: "service_account",
      display_name: account.name,
      owner_user_id: account.ownerUserId,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findPersonByEmail(database: Database, email: string): Promise<UserRow | undefined> {
  return database
    .selectFrom("users")
    .selectAll()
    .where("email", "=", normalizeEmail(email))
    .where("kind", "=", "person")
    .executeTakeFirst();
}

/** A user of the organization, or 404. */
export async function loadUser(database: Database, organizationId: string, userId: string): Promise<UserRow> {
  const row = await database
    .selectFrom("users")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .where("id", "=", userId)
    .executeTakeFirst();
  if (!row) throw notFound(userId.startsWith("sva_") ? "service account" : "user", userId);
  return row;
}

/**
 * The person who answers for a user: the user, or the owner of a service
 * account (a service account nobody owns answers for itself).
 */
export async function accountablePerson(database: Database, user: UserRow): Promise<Person> {
  if (user.kind === "service_account" && user.owner_user_id !== null) {
    const owner = await database
      .selectFrom("users")
      .select(["id", "display_name"])
      .where("id", "=", user.owner_user_id)
      .executeTakeFirst();
    if (owner) return { id: owner.id, name: owner.display_name };
  }
  return { id: user.id, name: user.display_name };
}

/** Whether the organization has anyone who can sign in yet (the first start offers a link until it does). */
export async function organizationHasPeople(database: Database, scope: Pick<TenantScope, "organizationId">) {
  const row = await database
    .selectFrom("users")
    .select("id")
    .where("organization_id", "=", scope.organizationId)
    .where("kind", "=", "person")
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The display names of users by id (for lists that name people). */
export async function userNames(
  database: Database,
  userIds: readonly string[],
): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await database
    .selectFrom("users")
    .select(["id", "display_name"])
    .where("id", "in", [...new Set(userIds)])
    .execute();
  return new Map(rows.map((row) => [row.id, row.display_name]));
}

/** The owners of API keys by user id: each user's name and kind, and the person who answers for them. */
export async function keyOwners(
  database: Database,
  userIds: readonly string[],
): Promise<Map<string, ApiKeyOwner>> {
  if (userIds.length === 0) return new Map();
  const rows = await database
    .selectFrom("users")
    .leftJoin("users as owners", "owners.id", "users.owner_user_id")
    .select([
      "users.id",
      "users.kind",
      "users.display_name",
      "owners.id as owner_id",
      "owners.display_name as owner_name",
    ])
    .where("users.id", "in", [...new Set(userIds)])
    .execute();
  return new Map(
    rows.map((row) => [
      row.id,
      {
        id: row.id,
        kind: row.kind,
        name: row.display_name,
        person:
          row.owner_id === null
            ? { id: row.id, name: row.display_name }
            : { id: row.owner_id, name: row.owner_name ?? row.owner_id },
      },
    ]),
  );
}
