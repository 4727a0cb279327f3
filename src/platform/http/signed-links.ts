// Signed links as a kind of caller: the customer portal's links and the
// partners' statement links each open one object (a customer, a partner) of
// one environment until they expire. Issuing one signs a token (see
// signing-secrets.ts for its format and secrets); its routes take the token in
// "Authorization: <scheme> <token>" and answer as the link's object, never as
// an API key, and every token that is not good (malformed, signed with another
// secret, expired, or naming an object no longer there) gets the same 401.
import type { FastifyRequest } from "fastify";
import { realTimeOf } from "../clock.ts";
import type { Actor, RequestContext, TenantScope } from "../context.ts";
import type { Database } from "../database/schema.ts";
import { databaseOfTenant } from "../database/tenant-sessions.ts";
import { forbidden, unauthorized } from "../errors.ts";
import {
  findSigningSecret,
  signatureMatches,
  signingSecretOf,
  signToken,
} from "../secrets/signing-secrets.ts";
import type { CallerAuthenticator } from "./authentication.ts";

/** A kind of signed link: its tokens' prefix, the claim naming its object, and the table of its environments' secrets. */
export type SignedLinkKind = {
  /** Starts every token, so that one pasted into a ticket says what it is ("fbp_"). */
  prefix: string;
  subjectClaim: "customer_id" | "partner_id";
  secretTable: string;
  /** The secret's name in the error when it cannot be made ("portal secret"). */
  secretName: string;
};

/** What a link's callers are told: how to send its token, and that a token is not good. */
export type SignedLinkCallers = {
  scheme: string;
  /** No Authorization header at all. */
  missing: string;
  /** An API key ("Bearer"), refused even when valid: the link's routes answer for its one object only. */
  apiKey: string;
  /** Another scheme, or no token after it. */
  malformed: string;
  invalidToken: string;
  /** Who the object the token names acts as; undefined when it is gone (archived, deleted). */
  actorOf: (database: Database, scope: TenantScope, subjectId: string) => Promise<Actor | undefined>;
};

type LinkClaims = { subjectId: string; environmentId: string; expiresAt: number };

/** A token for the link to `subjectId`, signed with the environment's secret (made on first use); it expires in `lifetimeSeconds`. */
export async function issueLinkToken(
  context: RequestContext,
  link: SignedLinkKind,
  subjectId: string,
  lifetimeSeconds: number,
): Promise<{ token: string; expiresAt: Date }> {
  // A link expires in real time, whatever the environment's test clock reads.
  const now = realTimeOf(context.clock).now();
  const expiresAt = Math.floor(now.getTime() / 1000) + lifetimeSeconds;
  const secret = await signingSecretOf(context.database, link.secretTable, context, now, link.secretName);
  const claims = { [link.subjectClaim]: subjectId, environment_id: context.environmentId, exp: expiresAt };
  return { token: signToken(link.prefix, claims, secret), expiresAt: new Date(expiresAt * 1000) };
}

/** Authenticates the callers of a kind of link as its object, acting as `callers.actorOf` says. */
export function signedLinkAuthenticator(
  link: SignedLinkKind,
  callers: SignedLinkCallers,
): CallerAuthenticator {
  return async (request, services) => {
    const claims = await verifiedClaims(services.database, link, linkTokenOf(request, callers));
    if (claims === undefined) throw unauthorized(callers.invalidToken);
    const scope = await services.findEnvironment(claims.environmentId);
    if (scope === undefined) throw unauthorized(callers.invalidToken);
    // Expiry is read in real time, as the link was issued, whatever a test clock reads.
    const clock = realTimeOf(await services.clockFor(scope));
    if (clock.now().getTime() >= claims.expiresAt * 1000) throw unauthorized(callers.invalidToken);
    const database = databaseOfTenant(services.database, scope);
    const actor = await callers.actorOf(database, scope, claims.subjectId);
    if (actor === undefined) throw unauthorized(callers.invalidToken);
    return {
      ...scope,
      database,
      actor,
      requestId: request.id,
      reason: undefined,
      clock,
      logger: request.log,
    };
  };
}

function linkTokenOf(request: FastifyRequest, callers: SignedLinkCallers): string {
  const header = request.headers.authorization;
  if (header === undefined || header.trim() === "") throw unauthorized(callers.missing);
  const match = /^(\S+)\s+(\S+)\s*$/.exec(header);
  if (match?.[1]?.toLowerCase() === "bearer") throw forbidden(callers.apiKey);
  if (match?.[1]?.toLowerCase() !== callers.scheme.toLowerCase() || match[2] === undefined) {
    throw unauthorized(callers.malformed);
  }
  return match[2];
}

const base64url = /^[A-Za-z0-9_-]+$/;

/** The claims of a token of `link` whose signature checks out under its environment's secret; else undefined. */
async function verifiedClaims(
  database: Database,
  link: SignedLinkKind,
  token: string,
): Promise<LinkClaims | undefined> {
  if (!token.startsWith(link.prefix) || token.length > 2048) return undefined;
  const [encodedClaims, encodedSignature, ...rest] = token.slice(link.prefix.length).split(".");
  if (encodedClaims === undefined || encodedSignature === undefined || rest.length > 0) return undefined;
  if (!base64url.test(encodedClaims) || !base64url.test(encodedSignature)) return undefined;
  let fields: Record<string, unknown>;
  try {
    fields = JSON.parse(Buffer.from(encodedClaims, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
  if (typeof fields !== "object" || fields === null) return undefined;
  const { [link.subjectClaim]: subjectId, environment_id: environmentId, exp: expiresAt } = fields;
  if (
    typeof subjectId !== "string" ||
    typeof environmentId !== "string" ||
    typeof expiresAt !== "number" ||
    !Number.isSafeInteger(expiresAt)
  ) {
    return undefined;
  }
  const secret = await findSigningSecret(database, link.secretTable, environmentId);
  if (secret === undefined) return undefined;
  if (!signatureMatches(encodedClaims, Buffer.from(encodedSignature, "base64url"), secret)) return undefined;
  return { subjectId, environmentId, expiresAt };
}
