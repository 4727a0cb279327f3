// The customer portal at /portal/: what one customer of the seller sees
// through a signed link — usage to date, the cost so far and its forecast,
// its plan (switched or cancelled where the seller allows), credits and wallet
// top-ups, invoices (paid here with the card on file), the payment method,
// billing details and spending alerts. One page of sections, so it reads
// on a phone and inside the seller's app (an iframe) alike. It is headed by
// the seller's logo and name in the seller's colours: the server gives the
// colours checked for WCAG AA (the text colour on the primary colour, an
// accent colour readable on white), set here as CSS variables.
import { useQuery } from "@tanstack/react-query";
import { type CSSProperties, useState } from "react";
import type { PortalProfile } from "../api/resources.ts";
import { SignedLinkPage } from "../ui/signed-link-page.tsx";
import { PortalAlerts } from "./portal-alerts.tsx";
import { PortalAllowances } from "./portal-allowances.tsx";
import { portalQuery, setPortalToken } from "./portal-api.ts";
import { PortalBillingDetails } from "./portal-billing-details.tsx";
import { PortalChildren } from "./portal-children.tsx";
import { PortalCost } from "./portal-cost.tsx";
import { PortalCredits } from "./portal-credits.tsx";
import { PortalInvoices } from "./portal-invoices.tsx";
import { PortalPaymentMethod } from "./portal-payment-method.tsx";
import { PortalPlan } from "./portal-plan.tsx";
import { type PortalSession, takePortalSession } from "./portal-session.ts";
import { PortalUsage } from "./portal-usage.tsx";
import "./portal.css";

export default function PortalApp() {
  const [session] = useState<PortalSession | undefined>(() => {
    const taken = takePortalSession();
    if (taken) setPortalToken(taken.token);
    return taken;
  });
  if (!session) {
    return (
      <main id="main" className="portal">
        <h1>Billing portal</h1>
        <p>
          This page opens from a link that your provider gives you. Go back to their app and open Billing
          again to get a new link.
        </p>
      </main>
    );
  }
  return <SignedInPortal session={session} />;
}

function SignedInPortal({ session }: { session: PortalSession }) {
  const me = useQuery(portalQuery("/v1/portal/me"));
  return (
    <SignedLinkPage
      title="Billing portal"
      owner={me}
      loadingLabel="Opening your billing portal…"
      afterError={session.returnUrl && <a href={session.returnUrl}>Back to your account</a>}
    >
      {(profile) => (
        <main id="main" className="portal" style={brandStyle(profile.seller)}>
          <SellerBand seller={profile.seller} />
          <header className="portal-header">
            <h1>Billing{profile.name ? ` for ${profile.name}` : ""}</h1>
            {session.returnUrl && (
              <a className="portal-back" href={session.returnUrl}>
                Back to your account
              </a>
            )}
          </header>
          <PortalCost profile={profile} />
          <PortalUsage profile={profile} />
          <PortalPlan profile={profile} />
          <PortalCredits profile={profile} />
          <PortalAllowances profile={profile} />
          <PortalInvoices profile={profile} />
          <PortalChildren profile={profile} />
          <PortalPaymentMethod />
          <PortalBillingDetails />
          <PortalAlerts profile={profile} />
        </main>
      )}
    </SignedLinkPage>
  );
}

type Seller = PortalProfile["seller"];

/**
 * The seller's colours as the portal's CSS variables: the accent colour
 * (readable on white) for links and primary buttons, whose text is white;
 * the primary colour and the text colour that reads on it for the band.
 */
function brandStyle(seller: Seller): CSSProperties {
  const variables: Record<string, string> = {};
  if (seller.accent_color !== null) {
    variables["--primary"] = seller.accent_color;
    variables["--primary-hover"] = `color-mix(in srgb, ${seller.accent_color} 85%, black)`;
  }
  if (seller.primary_color !== null && seller.primary_text_color !== null) {
    variables["--brand-background"] = seller.primary_color;
    variables["--brand-text"] = seller.primary_text_color;
  }
  return variables as CSSProperties;
}

/** The seller's logo and name; the logo is decoration beside the name, so it says nothing more. */
function SellerBand({ seller }: { seller: Seller }) {
  return (
    <div className={seller.primary_color === null ? "portal-brand" : "portal-brand portal-brand-colored"}>
      {seller.logo_url !== null && <img className="portal-brand-logo" src={seller.logo_url} alt="" />}
      <span className="portal-brand-name">{seller.name}</span>
    </div>
  );
}
