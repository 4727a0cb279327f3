// HTTP routes for API keys: /v1/api-keys. Admin keys only. Each key is shown
// with its owner by name: the person, or the service account and the person
// who answers for it. Owners are users, which people keeps; the composition
// root passes in how to name them.
import { Type } from "typebox";
import { roles } from "../platform/auth/roles.ts";
import type { Database } from "../platform/database/schema.ts";
import { defineRoutes } from "../platform/http/routes.ts";
import { Name, Nullable, PrefixedId, StringEnum, Timestamp } from "../platform/http/schemas.ts";
import type { FairbillApp, RouteModule } from "../platform/http/server.ts";
import { StrictObject } from "../platform/http/validation.ts";
import { type ApiKey, createApiKey, getApiKey, listApiKeys, revokeApiKey, rotateApiKey } from "./api-keys.ts";

const RoleSchema = StringEnum(roles, { description: "what the key may do" });

const ApiKeySchema = Type.Object({
  id: PrefixedId("key"),
  name: Type.String(),
  role: RoleSchema,
  environment: StringEnum(["test", "live"]),
  prefix: Type.String({ description: "the first characters of the key, to tell keys apart" }),
  created_at: Timestamp,
  expires_at: Nullable(Timestamp),
  revoked_at: Nullable(Timestamp),
  last_used_at: Nullable(Timestamp),
  rotated_from_key_id: Nullable(Type.String()),
  user_id: Type.String({
    description:
      "the person (usr_…) or service account (sva_…) the key belongs to; a key made here belongs to the caller",
  }),
  owner: Type.Object(
    {
      id: Type.String(),
      kind: StringEnum(["person", "service_account"]),
      name: Type.String({ description: "the person's or the service account's name" }),
      person: Type.Object(
        { id: Type.String(), name: Type.String() },
        { description: "who answers for the key: the person, or the owner of the service account" },
      ),
    },
    { title: "ApiKeyOwner" },
  ),
});

export type ApiKeyOwner = {
  id: string;
  kind: "person" | "service_account";
  name: string;
  person: { id: string; name: string };
};

/** The owners of keys by user id (people answers). */
export type ApiKeyOwners = (
  database: Database,
  userIds: readonly string[],
) => Promise<Map<string, ApiKeyOwner>>;

const NewApiKeySchema = Type.Object({
  api_key: ApiKeySchema,
  secret: Type.String({ description: "the key itself; shown only in this response" }),
});

export function apiKeyRoutes(ownersOf: ApiKeyOwners): RouteModule {
  return (app) => registerApiKeyRoutes(app, ownersOf);
}

function registerApiKeyRoutes(app: FairbillApp, ownersOf: ApiKeyOwners): void {
  const access = "keys:manage";
  const withOwners = async (database: Database, keys: ApiKey[]) => {
    const owners = await ownersOf(
      database,
      keys.map((key) => key.user_id),
    );
    return keys.map((key) => ({
      ...key,
      owner: owners.get(key.user_id) ?? {
        id: key.user_id,
        kind: "service_account" as const,
        name: key.user_id,
        person: { id: key.user_id, name: key.user_id },
      },
    }));
  };
  const withOwner = async (database: Database, key: ApiKey) => {
    const [owned] = await withOwners(database, [key]);
    if (owned === undefined) throw new Error("withOwners answers one key for each it is given");
    return owned;
  };
  const routes = defineRoutes(app, { tags: ["API keys"], read: access, write: access });

  routes.write(
    "POST /api-keys",
    {
      operationId: "createApiKey",
      summary: "Create an API key in the caller's environment",
      body: StrictObject({
        name: Name,
        role: RoleSchema,
        expires_at: Type.Optional(Timestamp),
      }),
      response: NewApiKeySchema,
      status: 201,
    },
    async ({ context, body }) => {
      const expiresAt = body.expires_at === undefined ? undefined : new Date(body.expires_at);
      const created = await createApiKey(context, { name: body.name, role: body.role, expiresAt });
      return { api_key: await withOwner(context.database, created.apiKey), secret: created.secret };
    },
  );

  routes.list(
    "GET /api-keys",
    {
      operationId: "listApiKeys",
      summary: "List the API keys of the caller's environment (prefixes only)",
      item: ApiKeySchema,
    },
    async ({ context }, _filters, page) => withOwners(context.database, await listApiKeys(context, page)),
  );

  routes.readById(
    "GET /api-keys/:id",
    {
      operationId: "getApiKey",
      summary: "Read an API key",
      response: ApiKeySchema,
    },
    async (context, id) => withOwner(context.database, await getApiKey(context, id)),
  );

  routes.writeById(
    "POST /api-keys/:id/rotate",
    {
      operationId: "rotateApiKey",
      summary: "Replace a key by a new one with the same name and role",
      body: Type.Optional(
        StrictObject({
          previous_key_valid_for_seconds: Type.Optional(
            Type.Integer({
              minimum: 0,
              maximum: 7 * 24 * 3600,
              description: "how long the old key keeps working; 0 (the default) revokes it at once",
            }),
          ),
        }),
      ),
      response: NewApiKeySchema,
      status: 201,
    },
    async (context, id, body) => {
      const rotated = await rotateApiKey(context, id, {
        previousKeyValidForSeconds: body?.previous_key_valid_for_seconds ?? 0,
      });
      return { api_key: await withOwner(context.database, rotated.apiKey), secret: rotated.secret };
    },
  );

  routes.writeById(
    "POST /api-keys/:id/revoke",
    {
      operationId: "revokeApiKey",
      summary: "Revoke a key: it stops working at once",
      response: ApiKeySchema,
    },
    async (context, id) => withOwner(context.database, await revokeApiKey(context, id)),
  );
}
