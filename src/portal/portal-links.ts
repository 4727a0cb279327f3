// Issuing a customer's portal link, and revoking every link of the
// environment by rotating its secret. The seller's app asks for a link when
// its user opens "Billing", and sends the browser there (or frames it).

import { recordAuditEvent } from "../audit/index.ts";
import { getCustomer } from "../customers/index.ts";
import type { RequestContext } from "../platform/context.ts";
import { conflict, validationFailed } from "../platform/errors.ts";
import { issueLinkToken } from "../platform/http/signed-links.ts";
import type { CreatePortalLinkInput, PortalLink } from "./portal-schemas.ts";
import { portalLinks, replacePortalSecret } from "./portal-tokens.ts";

// An hour: long enough to look around, short enough that a forwarded link soon stops working.
const defaultLinkLifetimeSeconds = 3600;

/**
 * A signed link to the portal of one customer. `portalBaseUrl` is where the
 * portal page is served (`https://billing.example.com/portal/`); the token
 * travels in the fragment, which browsers never send to a server or in a
 * Referer header.
 */
export async function createPortalLink(
  context: RequestContext,
  customerId: string,
  input: CreatePortalLinkInput,
  portalBaseUrl: string,
): Promise<PortalLink> {
  const customer = await getCustomer(context, customerId);
  if (customer.archived_at !== null) {
    throw conflict("customer_archived", `Customer ${customerId} is archived; it has no portal.`);
  }
  const returnUrl = input.return_url === undefined ? undefined : checkedReturnUrl(input.return_url);
  const lifetime = input.expires_in_seconds ?? defaultLinkLifetimeSeconds;
  const { token, expiresAt } = await issueLinkToken(context, portalLinks, customer.id, lifetime);
  const fragment = new URLSearchParams({ token });
  if (returnUrl !== undefined) fragment.set("return_url", returnUrl);
  const link: PortalLink = {
    // The organization tells the page which sites may frame it (its frame policy); the token stays in the fragment.
    url: `${portalBaseUrl}?${new URLSearchParams({ organization: context.organizationId })}#${fragment.toString()}`,
    token,
    customer_id: customer.id,
    expires_at: expiresAt.toISOString(),
  };
  await context.database.transaction().execute(async (transaction) => {
    // The token itself is a credential: the log keeps only who got a link until when.
    await recordAuditEvent(transaction, context, {
      action: "portal_link.created",
      objectType: "customer",
      objectId: customer.id,
      before: null,
      after: { expires_at: link.expires_at, return_url: returnUrl ?? null },
    });
  });
  return link;
}

/** Revokes every portal link of the environment: links issued from now on use a new secret. */
export async function rotatePortalSecret(context: RequestContext): Promise<{ rotated_at: string }> {
  const now = context.clock.now();
  await context.database.transaction().execute(async (transaction) => {
    await replacePortalSecret(transaction, context, now);
    await recordAuditEvent(transaction, context, {
      action: "portal_secret.rotated",
      objectType: "environment",
      objectId: context.environmentId,
      before: null,
      after: { rotated_at: now.toISOString() },
    });
  });
  return { rotated_at: now.toISOString() };
}

// The portal's "back" link: only a web address, never javascript: or data:.
function checkedReturnUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw validationFailed([{ path: "$.return_url", message: "is not an absolute URL" }]);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw validationFailed([{ path: "$.return_url", message: "must be an http or https URL" }]);
  }
  return url.toString();
}
