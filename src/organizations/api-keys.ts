// API keys: made (the secret shown once), listed by prefix, rotated, revoked,
// and checked on every request. Each key belongs to one environment of one
// organization, carries one role, and belongs to a user (a person or a
// service account, which people owns): a key made through the API belongs to
// whoever made it, so a second key, or a rotated one, is the same holder.
import { recordAuditEvent, recordCreation, recordObjectChange } from "../audit/index.ts";
import type { Role } from "../platform/auth/roles.ts";
import { realTimeOf } from "../platform/clock.ts";
import type { RequestContext } from "../platform/context.ts";
import { ChangeCache } from "../platform/database/change-cache.ts";
import { announceChange } from "../platform/database/change-notifications.ts";
import { newestFirstPage, type PageRequest } from "../platform/database/list-pages.ts";
import type { Database, DatabaseTransaction } from "../platform/database/schema.ts";
import { insertTenantRow, updateTenantRow } from "../platform/database/tenant-rows.ts";
import { selectInTenant } from "../platform/database/tenant-scope.ts";
import { FairbillError, notFound, validationFailed } from "../platform/errors.ts";
import { generateApiKeySecret, hashApiKeySecret, looksLikeApiKey } from "./api-key-secrets.ts";
import { environmentKindOf } from "./organizations.ts";
import type { EnvironmentKind } from "./tables.ts";

export type ApiKey = {
  id: string;
  name: string;
  role: Role;
  environment: EnvironmentKind;
  prefix: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
  rotated_from_key_id: string | null;
  /** The person or service account the key belongs to. */
  user_id: string;
};

/** What a valid key stands for; people adds the person it answers to. */
export type AuthenticatedApiKey = {
  apiKeyId: string;
  userId: string;
  organizationId: string;
  environmentId: string;
  environmentKind: EnvironmentKind;
  role: Role;
};

export type NewApiKey = { apiKey: ApiKey; secret: string };

export type CreateApiKeyInput = {
  name: string;
  role: Role;
  expiresAt?: Date | undefined;
  /** Whose key it is; by default the user behind the caller's key or session. */
  userId?: string | undefined;
};

// Writing last_used_at on every request would turn each read into a write.
const lastUsedResolutionMilliseconds = 60_000;

/**
 * Keys already looked up, by the hash of their secret, so that a request's
 * key costs no query: a revocation or rotation announces itself in its
 * transaction and every process then drops every cached key (they change
 * rarely). Expiry is checked on every request against the cached expiry.
 * Unknown secrets are never cached.
 */
const apiKeysTopic = "api_keys";
const everyKey = "every key";
type CachedKey = {
  id: string;
  organization_id: string;
  environment_id: string;
  role: Role;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
  user_id: string;
  kind: EnvironmentKind;
};
const apiKeyCache = new ChangeCache<CachedKey | undefined>(apiKeysTopic);

/** Tells every process, when `transaction` commits, to forget the keys it has looked up. */
function announceApiKeysChanged(transaction: DatabaseTransaction, context: RequestContext): Promise<void> {
  return announceChange(transaction, context.database, { topic: apiKeysTopic, scope: everyKey });
}

export async function createApiKey(context: RequestContext, input: CreateApiKeyInput): Promise<NewApiKey> {
  // Keys expire in real time, whatever the environment's test clock reads.
  const now = realTimeOf(context.clock).now();
  if (input.expiresAt !== undefined && input.expiresAt <= now) {
    throw validationFailed([{ path: "$.expires_at", message: "must be in the future" }]);
  }
  const expiresAt = notOutlivingCaller(input.expiresAt ?? null, await callerKeyExpiry(context));
  const environmentKind = await environmentKindOf(context.database, context);
  const userId = input.userId ?? (await userBehindCaller(context));
  return context.database.transaction().execute(async (transaction) => {
    const generated = generateApiKeySecret(environmentKind);
    const row = await insertTenantRow(transaction, context, "api_keys", "apiKey", now, {
      name: input.name,
      role: input.role,
      prefix: generated.prefix,
      secret_hash: generated.hash,
      created_at: now,
      expires_at: expiresAt,
      user_id: userId,
    });
    const apiKey = presentApiKey(row, environmentKind);
    await recordCreation(transaction, context, "api_key", apiKey);
    return { apiKey, secret: generated.secret };
  });
}

export async function listApiKeys(context: RequestContext, page: PageRequest): Promise<ApiKey[]> {
  const environmentKind = await environmentKindOf(context.database, context);
  const query = newestFirstPage(selectInTenant(context.database, context, "api_keys"), page);
  const rows = await query.execute();
  return rows.map((row) => presentApiKey(row, environmentKind));
}

export async function getApiKey(context: RequestContext, id: string): Promise<ApiKey> {
  const row = await selectInTenant(context.database, context, "api_keys")
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw notFound("API key", id);
  return presentApiKey(row, await environmentKindOf(context.database, context));
}

export async function revokeApiKey(context: RequestContext, id: string): Promise<ApiKey> {
  const before = await getApiKey(context, id);
  if (before.revoked_at !== null) return before;
  if (context.actor.type === "api_key" && context.actor.apiKeyId === id) {
    throw new FairbillError({
      code: "cannot_revoke_own_key",
      status: 409,
      detail: "A key cannot revoke itself; use another admin key, or rotate this one.",
    });
  }
  return context.database.transaction().execute(async (transaction) => {
    const row = await updateTenantRow(transaction, context, "api_keys", id, {
      revoked_at: context.clock.now(),
    });
    await announceApiKeysChanged(transaction, context);
    const after = presentApiKey(row, before.environment);
    await recordObjectChange(transaction, context, "api_key", "revoked", before, after);
    return after;
  });
}

/**
 * Makes a new key with the same name and role, and retires the old one: at
 * once, or after a grace period so that running services can switch over.
 */
export async function rotateApiKey(
  context: RequestContext,
  id: string,
  options: { previousKeyValidForSeconds: number },
): Promise<NewApiKey> {
  const previous = await getApiKey(context, id);
  if (previous.revoked_at !== null) {
    throw new FairbillError({ code: "api_key_revoked", status: 409, detail: `API key ${id} is revoked.` });
  }
  const now = realTimeOf(context.clock).now();
  const expiresAt = notOutlivingCaller(
    previous.expires_at === null ? null : new Date(previous.expires_at),
    await callerKeyExpiry(context),
  );
  const generated = generateApiKeySecret(previous.environment);
  return context.database.transaction().execute(async (transaction) => {
    const row = await insertTenantRow(transaction, context, "api_keys", "apiKey", now, {
      name: previous.name,
      role: previous.role,
      prefix: generated.prefix,
      secret_hash: generated.hash,
      created_at: now,
      expires_at: expiresAt,
      rotated_from_key_id: id,
      user_id: previous.user_id,
    });
    const retirement =
      options.previousKeyValidForSeconds > 0
        ? { expires_at: new Date(now.getTime() + options.previousKeyValidForSeconds * 1000) }
        : { revoked_at: now };
    const previousRow = await updateTenantRow(transaction, context, "api_keys", id, retirement);
    await announceApiKeysChanged(transaction, context);
    const apiKey = presentApiKey(row, previous.environment);
    await recordAuditEvent(transaction, context, {
      action: "api_key.rotated",
      objectType: "api_key",
      objectId: id,
      before: previous,
      after: presentApiKey(previousRow, previous.environment),
    });
    await recordCreation(transaction, context, "api_key", apiKey);
    return { apiKey, secret: generated.secret };
  });
}

/** When the caller's own key expires (a key inside its rotation grace period), or null. */
async function callerKeyExpiry(context: RequestContext): Promise<Date | null> {
  if (context.actor.type !== "api_key") return null;
  const row = await context.database
    .selectFrom("api_keys")
    .select("expires_at")
    .where("environment_id", "=", context.environmentId)
    .where("id", "=", context.actor.apiKeyId)
    .executeTakeFirst();
  return row?.expires_at ?? null;
}

/** A key made by a key that expires expires no later than it: a key in its grace period cannot make one that lasts. */
function notOutlivingCaller(requested: Date | null, callerExpiry: Date | null): Date | null {
  if (callerExpiry === null) return requested;
  return requested === null || requested > callerExpiry ? callerExpiry : requested;
}

/** What a key stands for, or undefined for a key that is unknown, revoked or expired. */
export async function authenticateApiKey(
  database: Database,
  secret: string,
  now: Date,
): Promise<AuthenticatedApiKey | undefined> {
  if (!looksLikeApiKey(secret)) return undefined;
  const secretHash = hashApiKeySecret(secret);
  const row = await apiKeyCache
    .readMany(
      database,
      everyKey,
      [secretHash],
      async () => new Map([[secretHash, await findKeyBySecretHash(database, secretHash)]]),
      (key) => key !== undefined,
    )
    .then((found) => found.get(secretHash));
  if (!row || row.revoked_at !== null || (row.expires_at !== null && row.expires_at <= now)) return undefined;
  if (
    row.last_used_at === null ||
    now.getTime() - row.last_used_at.getTime() > lastUsedResolutionMilliseconds
  ) {
    await database.updateTable("api_keys").set({ last_used_at: now }).where("id", "=", row.id).execute();
    // The cached key (when it is) remembers the write, so the next one waits its minute too.
    row.last_used_at = now;
  }
  return {
    apiKeyId: row.id,
    userId: row.user_id,
    organizationId: row.organization_id,
    environmentId: row.environment_id,
    environmentKind: row.kind,
    role: row.role,
  };
}

function findKeyBySecretHash(database: Database, secretHash: string): Promise<CachedKey | undefined> {
  return database
    .selectFrom("api_keys")
    .innerJoin("environments", "environments.id", "api_keys.environment_id")
    .select([
      "api_keys.id",
      "api_keys.organization_id",
      "api_keys.environment_id",
      "api_keys.role",
      "api_keys.expires_at",
      "api_keys.revoked_at",
      "api_keys.last_used_at",
      "api_keys.user_id",
      "environments.kind",
    ])
    .where("api_keys.secret_hash", "=", secretHash)
    .executeTakeFirst();
}

/** The user a new key made by this caller belongs to: the person signed in, or the holder of the calling key. */
async function userBehindCaller(context: RequestContext): Promise<string> {
  const actor = context.actor;
  if (actor.type === "session") return actor.person.id;
  if (actor.type === "api_key") {
    const key = await context.database
      .selectFrom("api_keys")
      .select("user_id")
      .where("id", "=", actor.apiKeyId)
      .executeTakeFirstOrThrow();
    return key.user_id;
  }
  throw new Error(
    `A key made by ${actor.type} must name the user it belongs to: use createServiceAccountKey of people for a key that no person makes.`,
  );
}

/** The users that hold keys in this environment, by key id (for listing keys with their owner). */
export async function apiKeyHolders(
  context: RequestContext,
  apiKeyIds: readonly string[],
): Promise<Map<string, string>> {
  if (apiKeyIds.length === 0) return new Map();
  const rows = await context.database
    .selectFrom("api_keys")
    .select(["id", "user_id"])
    .where("environment_id", "=", context.environmentId)
    .where("id", "in", apiKeyIds)
    .execute();
  return new Map(rows.map((row) => [row.id, row.user_id]));
}

type ApiKeyRow = {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
  rotated_from_key_id: string | null;
  user_id: string;
};

function presentApiKey(row: ApiKeyRow, environment: EnvironmentKind): ApiKey {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    environment,
    prefix: row.prefix,
    created_at: row.created_at.toISOString(),
    expires_at: row.expires_at?.toISOString() ?? null,
    revoked_at: row.revoked_at?.toISOString() ?? null,
    last_used_at: row.last_used_at?.toISOString() ?? null,
    rotated_from_key_id: row.rotated_from_key_id,
    user_id: row.user_id,
  };
}
