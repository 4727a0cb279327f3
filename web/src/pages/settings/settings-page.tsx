// The environment's settings: the seller and invoice settings printed on
// every invoice, the payment provider, and what customers may change
// themselves in the portal. Each part is editable by the
// people whose role may change it, and read-only for everyone else.
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { PaymentProviderSettings } from "./payment-provider-settings.tsx";
import { PortalSelfServeSettings } from "./portal-self-serve-settings.tsx";
import { SellerSettings } from "./seller-settings-form.tsx";

export function SettingsPage() {
  const session = useSignedInSession();
  return (
    <>
      <PageHeader
        title="Settings"
        subtitle="Who invoices and how invoices are numbered, when they fall due, and how payments are collected."
      />
      <SellerSettings writable={can(session, "finance:write")} />
      <PaymentProviderSettings writable={can(session, "settings:manage")} />
      <PortalSelfServeSettings writable={can(session, "billing:write")} />
    </>
  );
}
