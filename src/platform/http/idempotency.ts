// `Idempotency-Key` on every POST: the first request with a key is executed and
// its response kept (48 hours); a repeat with the same body gets that response
// again, marked `Idempotent-Replayed: true`; a repeat with another body, or
// while the first is still running, gets a 409 that says so. A 5xx is not kept,
// so the client may retry it.
import { createHash } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { sql } from "kysely";
import { canonicalJson } from "../canonical-json.ts";
import type { RequestContext } from "../context.ts";
import type { Database, DefaultedTimestamp } from "../database/schema.ts";
import { conflict, validationFailed } from "../errors.ts";

declare module "../database/schema.ts" {
  interface DatabaseSchema {
    idempotency_keys: IdempotencyKeyTable;
  }
}

type IdempotencyKeyTable = {
  organization_id: string;
  environment_id: string;
  key: string;
  fingerprint: string;
  state: "in_progress" | "completed";
  response_status: number | null;
  response_content_type: string | null;
  response_body: string | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
};

type PendingKey = { environmentId: string; key: string };

declare module "fastify" {
  interface FastifyRequest {
    idempotencyKey: PendingKey | undefined;
  }
}

const keyRetentionHours = 48;
// A request still marked in progress after this long died with its process;
// a retry may take its key over.
const abandonedAfterSeconds = 120;

/**
 * On the embedded database one process holds the data folder, so a request
 * still marked in progress when a process starts died with the one before it:
 * its key is released at start, and a retry is served at once instead of a
 * 409 until the key counts as abandoned.
 */
export async function releaseKeysOfEndedProcess(database: Database): Promise<number> {
  const released = await database
    .deleteFrom("idempotency_keys")
    .where("state", "=", "in_progress")
    .executeTakeFirst();
  return Number(released.numDeletedRows);
}

export function registerIdempotency(app: FastifyInstance, database: Database): void {
  app.decorateRequest("idempotencyKey", undefined);

  app.addHook("preHandler", async (request, reply) => {
    const caller = request.method === "POST" ? callerKeysOf(request) : undefined;
    if (caller === undefined) return;
    const header = request.headers["idempotency-key"];
    if (header === undefined) return;
    const sent = Array.isArray(header) ? header[0] : header;
    if (sent === undefined || sent.length === 0 || sent.length > 255) {
      throw validationFailed([
        { path: "header.idempotency-key", message: "must be 1 to 255 characters long" },
      ]);
    }
    const { organizationId, environmentId } = caller;
    const key = `${caller.prefix}${sent}`;
    const fingerprint = fingerprintOf(request);
    const inserted = await database
      .insertInto("idempotency_keys")
      .values({
        organization_id: organizationId,
        environment_id: environmentId,
        key,
        fingerprint,
        state: "in_progress",
      })
      .onConflict((conflicting) => conflicting.columns(["environment_id", "key"]).doNothing())
      .returning("key")
      .executeTakeFirst();
    if (inserted) {
      request.idempotencyKey = { environmentId, key };
      return;
    }
    const existing = await database
      .selectFrom("idempotency_keys")
      .selectAll()
      .select(sql<number>`extract(epoch from now() - updated_at)`.as("age_seconds"))
      .where("environment_id", "=", environmentId)
      .where("key", "=", key)
      .executeTakeFirstOrThrow();
    if (existing.fingerprint !== fingerprint) {
      throw conflict(
        "idempotency_key_reused",
        `The Idempotency-Key "${sent}" was already used with a different request; use a new key for a new request.`,
      );
    }
    if (existing.state === "completed" && existing.response_status !== null) {
      return reply
        .code(existing.response_status)
        .header("idempotent-replayed", "true")
        .type(existing.response_content_type ?? "application/json")
        .send(existing.response_body ?? "");
    }
    if (Number(existing.age_seconds) < abandonedAfterSeconds) {
      throw conflict(
        "idempotency_request_in_progress",
        `A request with the Idempotency-Key "${sent}" is still being processed; retry in a moment.`,
      );
    }
    await database
      .updateTable("idempotency_keys")
      .set({ updated_at: new Date() })
      .where("environment_id", "=", environmentId)
      .where("key", "=", key)
      .execute();
    request.idempotencyKey = { environmentId, key };
  });

  app.addHook("onSend", async (request, reply, payload) => {
    const pending = request.idempotencyKey;
    if (pending === undefined) return payload;
    request.idempotencyKey = undefined;
    const body =
      typeof payload === "string" ? payload : Buffer.isBuffer(payload) ? payload.toString("utf8") : null;
    if (reply.statusCode >= 500 || body === null) {
      await database
        .deleteFrom("idempotency_keys")
        .where("environment_id", "=", pending.environmentId)
        .where("key", "=", pending.key)
        .execute();
      return payload;
    }
    await database
      .updateTable("idempotency_keys")
      .set({
        state: "completed",
        response_status: reply.statusCode,
        response_content_type: String(reply.getHeader("content-type") ?? "application/json"),
        response_body: withoutSecrets(body),
        updated_at: new Date(),
      })
      .where("environment_id", "=", pending.environmentId)
      .where("key", "=", pending.key)
      .execute();
    return payload;
  });
}

/**
 * The answer as kept for a replay: a secret shown once (a new API key, a
 * webhook signing secret) is never stored, so whoever replays the key later,
 * with another key of the environment, gets the answer without it.
 */
function withoutSecrets(body: string): string {
  if (!body.includes('"secret"')) return body;
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed) || !("secret" in parsed)) {
      return body;
    }
    const { secret: _shownOnce, ...rest } = parsed as Record<string, unknown>;
    return JSON.stringify(rest);
  } catch {
    return body;
  }
}

/** Deletes keys older than the retention period; the server calls it every hour. */
export async function purgeExpiredIdempotencyKeys(database: Database): Promise<void> {
  await database
    .deleteFrom("idempotency_keys")
    .where(sql<boolean>`created_at < now() - make_interval(hours => ${keyRetentionHours})`)
    .execute();
}

/**
 * Whose keys a request's key is among: the environment's for an API key or a
 * session; one portal customer's own for a portal token (its routes set the
 * context instead of a principal), so two customers' keys never meet.
 */
function callerKeysOf(
  request: FastifyRequest,
): { organizationId: string; environmentId: string; prefix: string } | undefined {
  if (request.principal !== undefined) {
    const { organizationId, environmentId } = request.principal;
    return { organizationId, environmentId, prefix: "" };
  }
  const context: RequestContext | undefined = request.context;
  if (context?.actor.type !== "portal") return undefined;
  const { organizationId, environmentId } = context;
  return { organizationId, environmentId, prefix: `portal:${context.actor.customerId}:` };
}

function fingerprintOf(request: FastifyRequest): string {
  return createHash("sha256")
    .update(`${request.method} ${request.url}\n${canonicalJson(request.body ?? null)}`)
    .digest("hex");
}
