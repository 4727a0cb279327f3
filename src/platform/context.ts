// What a use case needs to know about the call it serves, passed in as an
// argument rather than imported: the database, whose data it is (organization
// and environment), who asks (the actor), the request id for the logs and the
// audit trail, the reason given for a change, and the clock.
import type { FastifyBaseLogger } from "fastify";
import type { Role } from "./auth/roles.ts";
import type { Clock } from "./clock.ts";
import type { Database } from "./database/schema.ts";
import { databaseOfTenant } from "./database/tenant-sessions.ts";

export type TenantScope = { organizationId: string; environmentId: string };

/**
 * The person accountable for what a key or a session does: a user, or for a
 * key of a service account, the user who owns it (a service account that no
 * person owns, such as a key made by the CLI, answers for itself).
 */
export type Person = { id: string; name: string };

export type Actor =
  | { type: "api_key"; apiKeyId: string; role: Role; person: Person }
  | { type: "session"; sessionId: string; role: Role; person: Person }
  /** Work no key or session asked for; `person` when it concerns one (a sign-in attempt on their account). */
  | { type: "system"; name: string; person?: Person }
  | { type: "portal"; customerId: string }
  /** A partner reading its settlement statements through a signed link. */
  | { type: "partner"; partnerId: string };

export type Logger = Pick<FastifyBaseLogger, "info" | "warn" | "error" | "debug">;

export type RequestContext = TenantScope & {
  database: Database;
  actor: Actor;
  requestId: string | undefined;
  /** Why the caller makes this change, from the `Fairbill-Reason` header; kept in the audit log. */
  reason: string | undefined;
  clock: Clock;
  logger: Logger;
};

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} };

/** A context for work that no HTTP request started: the CLI, jobs, tests. */
export function systemContext(
  options: TenantScope & {
    database: Database;
    clock: Clock;
    actorName: string;
    logger?: Logger;
    reason?: string;
  },
): RequestContext {
  return {
    organizationId: options.organizationId,
    environmentId: options.environmentId,
    // Row-level security shows the work nothing of another tenant's.
    database: databaseOfTenant(options.database, options),
    actor: { type: "system", name: options.actorName },
    requestId: undefined,
    reason: options.reason,
    clock: options.clock,
    logger: options.logger ?? silentLogger,
  };
}
