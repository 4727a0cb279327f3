// A partner's statement links: billing operations issue one (POST
// /v1/partners/{id}/statement-links) and send it to the partner, who reads
// their approved statements with it and downloads them as CSV or PDF. The
// token names one partner of one environment and when it stops working,
// signed with HMAC-SHA256 under the environment's partner-link secret, which
// is stored sealed with the organization's data key (encryption at rest);
// nothing about a link is stored. A token reaches the /v1/partner-view routes
// only, and they answer for its partner, never for an id from the request.
import type { FastifyRequest } from "fastify";
import { recordAuditEvent } from "../audit/index.ts";
import { realTimeOf } from "../platform/clock.ts";
import type { RequestContext } from "../platform/context.ts";
import { databaseOfTenant } from "../platform/database/tenant-sessions.ts";
import { forbidden, unauthorized } from "../platform/errors.ts";
import type { CallerAuthenticator } from "../platform/http/authentication.ts";
import type { SecretColumns } from "../platform/secrets/envelope.ts";
import {
  findSigningSecret,
  signatureMatches,
  signingSecretOf,
  signToken,
} from "../platform/secrets/signing-secrets.ts";
import type { CreatePartnerLinkInput, PartnerLink } from "./partner-schemas.ts";
import { findPartner } from "./partners.ts";

// A week: a statement is read and downloaded in the days after it is sent.
const defaultLinkLifetimeSeconds = 7 * 24 * 3600;

// Partner tokens start with this, so that one pasted into a ticket says what it is.
const tokenPrefix = "fbpl_";

type PartnerTokenClaims = { partnerId: string; environmentId: string; expiresAt: number };

function signPartnerToken(claims: PartnerTokenClaims, secret: string): string {
  return signToken(
    tokenPrefix,
    { partner_id: claims.partnerId, environment_id: claims.environmentId, exp: claims.expiresAt },
    secret,
  );
}

/** The claims of a token whose signature checks out under `secretOf` its environment; else undefined. */
async function verifiedClaims(
  token: string,
  secretOf: (environmentId: string) => Promise<string | undefined>,
): Promise<PartnerTokenClaims | undefined> {
  const match = /^fbpl_([A-Za-z0-9_-]{1,1500})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (match === null) return undefined;
  const [, encodedClaims = "", encodedSignature = ""] = match;
  let fields: { partner_id?: unknown; environment_id?: unknown; exp?: unknown };
  try {
    fields = JSON.parse(Buffer.from(encodedClaims, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
  if (
    typeof fields.partner_id !== "string" ||
    typeof fields.environment_id !== "string" ||
    typeof fields.exp !== "number" ||
    !Number.isSafeInteger(fields.exp)
  ) {
    return undefined;
  }
  const secret = await secretOf(fields.environment_id);
  if (secret === undefined) return undefined;
  if (!signatureMatches(encodedClaims, Buffer.from(encodedSignature, "base64url"), secret)) return undefined;
  return { partnerId: fields.partner_id, environmentId: fields.environment_id, expiresAt: fields.exp };
}

/** The column of the partner links' signing secrets, sealed at rest: what `fairbill secrets rotate` seals anew. */
export const partnerLinkSecretColumns: SecretColumns = {
  table: "partner_link_secrets",
  idColumns: ["environment_id"],
  columns: ["secret"],
};

/**
 * A signed link to a partner's statements. `pageBaseUrl` is where the
 * statements page is served (`https://billing.example.com/partner/`); the
 * token travels in the fragment, which browsers never send to a server.
 */
export async function createPartnerLink(
  context: RequestContext,
  partnerId: string,
  input: CreatePartnerLinkInput,
  pageBaseUrl: string,
): Promise<PartnerLink> {
  const partner = await findPartner(context.database, context, partnerId);
  // A link expires in real time, whatever the environment's test clock reads.
  const now = realTimeOf(context.clock).now();
  const expiresAt =
    Math.floor(now.getTime() / 1000) + (input.expires_in_seconds ?? defaultLinkLifetimeSeconds);
  const secret = await signingSecretOf(
    context.database,
    partnerLinkSecretColumns.table,
    context,
    now,
    "partner-link secret",
  );
  const token = signPartnerToken(
    { partnerId: partner.id, environmentId: context.environmentId, expiresAt },
    secret,
  );
  const link: PartnerLink = {
    url: `${pageBaseUrl}#${new URLSearchParams({ token })}`,
    token,
    partner_id: partner.id,
    expires_at: new Date(expiresAt * 1000).toISOString(),
  };
  await context.database.transaction().execute(async (transaction) => {
    // The token itself is a credential: the log keeps only who got a link until when.
    await recordAuditEvent(transaction, context, {
      action: "partner_link.created",
      objectType: "partner",
      objectId: partner.id,
      before: null,
      after: { expires_at: link.expires_at },
    });
  });
  return link;
}

const invalidToken =
  "This statement link is not valid: it has expired or was changed. Ask your contact for a new link.";

function partnerTokenOf(request: FastifyRequest): string {
  const header = request.headers.authorization;
  const match = /^(\S+)\s+(\S+)\s*$/.exec(header ?? "");
  if (match?.[1]?.toLowerCase() === "bearer") {
    // An API key is refused here even when valid: these routes answer for one partner only.
    throw forbidden(
      'These routes take a partner link\'s token, not an API key: send "Authorization: Partner <token>".',
    );
  }
  if (match?.[1]?.toLowerCase() !== "partner" || match[2] === undefined) {
    throw unauthorized('Send the statement link\'s token in the header "Authorization: Partner <token>".');
  }
  return match[2];
}

/** The partner a link's token names, acting as the actor `partner`. */
export const authenticatePartnerCaller: CallerAuthenticator = async (request, services) => {
  const claims = await verifiedClaims(partnerTokenOf(request), (environmentId) =>
    findSigningSecret(services.database, partnerLinkSecretColumns.table, environmentId),
  );
  if (claims === undefined) throw unauthorized(invalidToken);
  const scope = await services.findEnvironment(claims.environmentId);
  if (scope === undefined) throw unauthorized(invalidToken);
  // Expiry is read in real time, as the link was issued, whatever a test clock reads.
  const clock = realTimeOf(await services.clockFor(scope));
  if (clock.now().getTime() >= claims.expiresAt * 1000) throw unauthorized(invalidToken);
  const database = databaseOfTenant(services.database, scope);
  const partner = await findPartner(database, scope, claims.partnerId).catch(() => undefined);
  if (partner === undefined) throw unauthorized(invalidToken);
  return {
    ...scope,
    database,
    actor: { type: "partner", partnerId: partner.id },
    requestId: request.id,
    reason: undefined,
    clock,
    logger: request.log,
  };
};
