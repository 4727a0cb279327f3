// HTTP routes for API keys: /v1/api-keys. Admin keys only.
import { Type } from "typebox";
import { roles } from "../platform/auth/roles.ts";
import { decodeCursor, PageOf, PageQuery, toPage } from "../platform/http/pagination.ts";
import { Nullable, StringEnum, standardErrorResponses, Timestamp } from "../platform/http/schemas.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import { createApiKey, getApiKey, listApiKeys, revokeApiKey, rotateApiKey } from "./api-keys.ts";

const RoleSchema = StringEnum(roles, { description: "what the key may do" });

const ApiKeySchema = Type.Object({
  id: Type.String({ examples: ["key_01JDQ9ZK4M8T2V6XQ3R7B5N1HC"] }),
  name: Type.String(),
  role: RoleSchema,
  environment: StringEnum(["test", "live"]),
  prefix: Type.String({ description: "the first characters of the key, to tell keys apart" }),
  created_at: Timestamp,
  expires_at: Nullable(Timestamp),
  revoked_at: Nullable(Timestamp),
  last_used_at: Nullable(Timestamp),
  rotated_from_key_id: Nullable(Type.String()),
});

const NewApiKeySchema = Type.Object({
  api_key: ApiKeySchema,
  secret: Type.String({ description: "the key itself; shown only in this response" }),
});

const KeyIdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

export function registerApiKeyRoutes(app: FairbillApp): void {
  const tags = ["API keys"];
  const config = { permission: "keys:manage" as const };

  app.post(
    "/api-keys",
    {
      config,
      schema: {
        tags,
        summary: "Create an API key in the caller's environment",
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 200 }),
            role: RoleSchema,
            expires_at: Type.Optional(Timestamp),
          },
          { additionalProperties: false },
        ),
        response: { 201: NewApiKeySchema, ...standardErrorResponses },
      },
    },
    async (request, reply) => {
      const created = await createApiKey(request.context, {
        name: request.body.name,
        role: request.body.role,
        expiresAt: request.body.expires_at === undefined ? undefined : new Date(request.body.expires_at),
      });
      return reply.code(201).send({ api_key: created.apiKey, secret: created.secret });
    },
  );

  app.get(
    "/api-keys",
    {
      config,
      schema: {
        tags,
        summary: "List the API keys of the caller's environment (prefixes only)",
        querystring: Type.Object(PageQuery, { additionalProperties: false }),
        response: { 200: PageOf(ApiKeySchema), ...standardErrorResponses },
      },
    },
    async (request) => {
      const limit = request.query.limit ?? 20;
      const keys = await listApiKeys(request.context, { limit, afterId: decodeCursor(request.query.cursor) });
      return toPage(keys, limit, (key) => key);
    },
  );

  app.get(
    "/api-keys/:id",
    {
      config,
      schema: {
        tags,
        summary: "Read an API key",
        params: KeyIdParams,
        response: { 200: ApiKeySchema, ...standardErrorResponses },
      },
    },
    async (request) => getApiKey(request.context, request.params.id),
  );

  app.post(
    "/api-keys/:id/rotate",
    {
      config,
      schema: {
        tags,
        summary: "Replace a key by a new one with the same name and role",
        params: KeyIdParams,
        body: Type.Optional(
          Type.Object(
            {
              previous_key_valid_for_seconds: Type.Optional(
                Type.Integer({
                  minimum: 0,
                  maximum: 7 * 24 * 3600,
                  description: "how long the old key keeps working; 0 (the default) revokes it at once",
                }),
              ),
            },
            { additionalProperties: false },
          ),
        ),
        response: { 201: NewApiKeySchema, ...standardErrorResponses },
      },
    },
    async (request, reply) => {
      const rotated = await rotateApiKey(request.context, request.params.id, {
        previousKeyValidForSeconds: request.body?.previous_key_valid_for_seconds ?? 0,
      });
      return reply.code(201).send({ api_key: rotated.apiKey, secret: rotated.secret });
    },
  );

  app.post(
    "/api-keys/:id/revoke",
    {
      config,
      schema: {
        tags,
        summary: "Revoke a key: it stops working at once",
        params: KeyIdParams,
        response: { 200: ApiKeySchema, ...standardErrorResponses },
      },
    },
    async (request) => revokeApiKey(request.context, request.params.id),
  );
}
