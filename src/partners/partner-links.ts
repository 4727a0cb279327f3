// A partner's statement links: billing operations issue one (POST
// /v1/partners/{id}/statement-links) and send it to the partner, who reads
// their approved statements with it and downloads them as CSV or PDF. The
// token names one partner of one environment and when it stops working,
// signed with HMAC-SHA256 under the environment's partner-link secret, which
// is stored sealed with the organization's data key (encryption at rest);
// nothing about a link is stored. A token reaches the /v1/partner-view routes
// only, and they answer for its partner, never for an id from the request.
import { recordAuditEvent } from "../audit/index.ts";
import type { RequestContext } from "../platform/context.ts";
import {
  issueLinkToken,
  type SignedLinkKind,
  signedLinkAuthenticator,
} from "../platform/http/signed-links.ts";
import type { SecretColumns } from "../platform/secrets/envelope.ts";
import type { CreatePartnerLinkInput, PartnerLink } from "./partner-schemas.ts";
import { findPartner } from "./partners.ts";

// A week: a statement is read and downloaded in the days after it is sent.
const defaultLinkLifetimeSeconds = 7 * 24 * 3600;

/** The column of the partner links' signing secrets, sealed at rest: what `fairbill secrets rotate` seals anew. */
export const partnerLinkSecretColumns: SecretColumns = {
  table: "partner_link_secrets",
  idColumns: ["environment_id"],
  columns: ["secret"],
};

/** The partners' statement links: a token names one partner. */
const partnerLinks: SignedLinkKind = {
  // Partner tokens start with this, so that one pasted into a ticket says what it is.
  prefix: "fbpl_",
  subjectClaim: "partner_id",
  secretTable: partnerLinkSecretColumns.table,
  secretName: "partner-link secret",
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
  const lifetime = input.expires_in_seconds ?? defaultLinkLifetimeSeconds;
  const { token, expiresAt } = await issueLinkToken(context, partnerLinks, partner.id, lifetime);
  const link: PartnerLink = {
    url: `${pageBaseUrl}#${new URLSearchParams({ token })}`,
    token,
    partner_id: partner.id,
    expires_at: expiresAt.toISOString(),
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

const sendTheToken = 'Send the statement link\'s token in the header "Authorization: Partner <token>".';

/** The partner a link's token names, acting as the actor `partner`. */
export const authenticatePartnerCaller = signedLinkAuthenticator(partnerLinks, {
  scheme: "Partner",
  missing: sendTheToken,
  apiKey: 'These routes take a partner link\'s token, not an API key: send "Authorization: Partner <token>".',
  malformed: sendTheToken,
  invalidToken:
    "This statement link is not valid: it has expired or was changed. Ask your contact for a new link.",
  actorOf: async (database, scope, partnerId) => {
    const partner = await findPartner(database, scope, partnerId).catch(() => undefined);
    return partner === undefined ? undefined : { type: "partner", partnerId: partner.id };
  },
});
