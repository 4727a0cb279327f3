// Sessions of people signed in to the console: a random token in an HttpOnly
// cookie (stored hashed), a CSRF token that writes must repeat in a header,
// an idle timeout and an absolute lifetime. A person lists their sessions and
// revokes any of them; a password reset revokes them all.
import type { Selectable } from "kysely";
import { loadOrganization } from "../organizations/index.ts";
import type { RequestContext } from "../platform/context.ts";
import { newestFirstPage } from "../platform/database/list-pages.ts";
import type { Database } from "../platform/database/schema.ts";
import { FairbillError, notFound } from "../platform/errors.ts";
import type { SessionPrincipal } from "../platform/http/principal.ts";
import { newId } from "../platform/ids.ts";
import { roleIn } from "./memberships.ts";
import { hashToken, newToken, tokenMatches } from "./secrets.ts";
import type { SessionTable } from "./tables.ts";
import type { UserRow } from "./users.ts";

/** A session ends this long after it started, however active. */
export const sessionLifetimeSeconds = 7 * 24 * 60 * 60;
/** A session unused for this long ends. */
const idleTimeoutMilliseconds = 12 * 60 * 60 * 1000;
// Writing last_seen_at on every request would turn each read into a write.
const lastSeenResolutionMilliseconds = 60_000;

export type SessionView = {
  id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  user_agent: string | null;
  ip_address: string | null;
  current: boolean;
};

export type StartedSession = { session: Selectable<SessionTable>; token: string; csrfToken: string };

export async function startSession(
  database: Database,
  user: UserRow,
  options: {
    now: Date;
    userAgent: string | undefined;
    ipAddress: string | undefined;
    enrolmentRequired: boolean;
  },
): Promise<StartedSession> {
  const token = newToken();
  const csrfToken = newToken();
  const session = await database
    .insertInto("sessions")
    .values({
      id: newId("session", options.now),
      organization_id: user.organization_id,
      user_id: user.id,
      token_hash: hashToken(token),
      csrf_token_hash: hashToken(csrfToken),
      second_factor_enrolment_required: options.enrolmentRequired,
      user_agent: options.userAgent?.slice(0, 500) ?? null,
      ip_address: options.ipAddress ?? null,
      created_at: options.now,
      last_seen_at: options.now,
      expires_at: new Date(options.now.getTime() + sessionLifetimeSeconds * 1000),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { session, token, csrfToken };
}

/**
 * The principal of a session token, acting in the environment asked for, or
 * by default in live where the person has a role there, else in test.
 */
export async function authenticateSessionToken(
  database: Database,
  token: string,
  environment: "test" | "live" | undefined,
  now: Date,
): Promise<SessionPrincipal | undefined> {
  const row = await database
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select([
      "sessions.id",
      "sessions.user_id",
      "sessions.organization_id",
      "sessions.csrf_token_hash",
      "sessions.second_factor_enrolment_required",
      "sessions.last_seen_at",
      "sessions.expires_at",
      "sessions.revoked_at",
      "users.display_name",
      "users.disabled_at",
    ])
    .where("sessions.token_hash", "=", hashToken(token))
    .executeTakeFirst();
  if (
    !row ||
    row.revoked_at !== null ||
    row.disabled_at !== null ||
    row.expires_at <= now ||
    now.getTime() - row.last_seen_at.getTime() > idleTimeoutMilliseconds
  ) {
    return undefined;
  }
  if (now.getTime() - row.last_seen_at.getTime() > lastSeenResolutionMilliseconds) {
    await database.updateTable("sessions").set({ last_seen_at: now }).where("id", "=", row.id).execute();
  }
  const organization = await loadOrganization(database, row.organization_id);
  const environmentKind =
    environment ??
    ((await roleIn(database, organization.environments.live, row.user_id)) !== undefined ? "live" : "test");
  const environmentId = organization.environments[environmentKind];
  const role = await roleIn(database, environmentId, row.user_id);
  if (role === undefined) {
    throw new FairbillError({
      code: "no_role_in_environment",
      status: 403,
      detail: `You have no role in the ${environmentKind} environment: ask an admin of it to give you one.`,
    });
  }
  return {
    credential: { type: "session", id: row.id },
    person: { id: row.user_id, name: row.display_name },
    organizationId: row.organization_id,
    environmentId,
    environmentKind,
    role,
    csrfTokenMatches: (sent) => tokenMatches(sent, row.csrf_token_hash),
    secondFactorEnrolmentRequired: row.second_factor_enrolment_required,
  };
}

/** The caller's own sessions that are still open, newest first. */
export async function listOwnSessions(
  context: RequestContext,
  page: { limit: number; afterId: string | undefined },
): Promise<SessionView[]> {
  const person = personOfCaller(context);
  const now = context.clock.now();
  const sessions = context.database
    .selectFrom("sessions")
    .selectAll()
    .where("user_id", "=", person)
    .where("organization_id", "=", context.organizationId)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", now);
  const rows = await newestFirstPage(sessions, page).execute();
  return rows.map((row) => presentSession(row, context));
}

export async function revokeOwnSession(context: RequestContext, sessionId: string): Promise<SessionView> {
  const person = personOfCaller(context);
  const row = await context.database
    .updateTable("sessions")
    .set({ revoked_at: context.clock.now() })
    .where("id", "=", sessionId)
    .where("user_id", "=", person)
    .where("organization_id", "=", context.organizationId)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw notFound("session", sessionId);
  return presentSession(row, context);
}

/** Ends every open session of a user (a password reset, a person disabled), but the one given. */
export async function revokeSessionsOf(
  database: Database,
  userId: string,
  now: Date,
  except?: string,
): Promise<void> {
  let query = database
    .updateTable("sessions")
    .set({ revoked_at: now })
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null);
  if (except !== undefined) query = query.where("id", "!=", except);
  await query.execute();
}

/** The user id of the person signed in, or of the key's holder. */
export function personOfCaller(context: RequestContext): string {
  const actor = context.actor;
  if (actor.type === "session") return actor.person.id;
  if (actor.type === "api_key") return actor.person.id;
  throw new Error(`${actor.type} callers have no account.`);
}

function presentSession(row: Selectable<SessionTable>, context: RequestContext): SessionView {
  return {
    id: row.id,
    created_at: row.created_at.toISOString(),
    last_seen_at: row.last_seen_at.toISOString(),
    expires_at: row.expires_at.toISOString(),
    user_agent: row.user_agent,
    ip_address: row.ip_address,
    current: context.actor.type === "session" && context.actor.sessionId === row.id,
  };
}
