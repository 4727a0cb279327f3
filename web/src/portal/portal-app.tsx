// The customer portal at /portal/: what one customer of the seller sees
// through a signed link — usage to date, the cost so far and its forecast,
// its plan (switched or cancelled where the seller allows), credits and wallet
// top-ups, invoices (paid here with the card on file), the payment method,
// billing details and spending alerts. One page of sections, so it reads
// on a phone and inside the seller's app (an iframe) alike.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
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
        <main id="main" className="portal">
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
