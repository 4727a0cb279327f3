// One customer: its fields, edit and archive, its subscriptions, invoices,
// credits and coupons, usage and alerts, entitlements and price overrides,
// its links in the connected systems, and its audit history.

import { useState } from "react";
import { api, reasonHeader } from "../../api/api-client.ts";
import { apiQuery, useApiMutation } from "../../api/queries.ts";
import type { Customer } from "../../api/resources.ts";
import { localityLines } from "../../format/address-format.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { Link } from "../../routing/link.tsx";
import { customerPath } from "../../routing/routes.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { confirming, ReasonDialog } from "../../ui/confirm-dialog.tsx";
import { Detail } from "../../ui/detail.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { DetailsPanel } from "../../ui/panel.tsx";
import { ExternalLinksPanel } from "../integrations/external-links.tsx";
import { CustomerAlerts } from "./customer-alerts.tsx";
import { CustomerAuditHistory } from "./customer-audit-history.tsx";
import { CustomerCoupons } from "./customer-coupons.tsx";
import { CustomerCredits } from "./customer-credits.tsx";
import { CustomerEntitlementsPanel } from "./customer-entitlements.tsx";
import { CustomerInvoices } from "./customer-invoices.tsx";
import { CustomerPortalLink } from "./customer-portal-link.tsx";
import { CustomerPriceOverrides } from "./customer-price-overrides.tsx";
import { CustomerSubscriptions } from "./customer-subscriptions.tsx";
import { CustomerUsage } from "./customer-usage.tsx";

/** The page of one customer, once it is read (the router reads it). */
export function CustomerDetailPage({ customer }: { customer: Customer }) {
  const session = useSignedInSession();
  const writable = can(session, "customers:write");
  return (
    <>
      <PageHeader
        title={customer.name ?? customer.external_id}
        subtitle={
          <>
            <code>{customer.id}</code>
            {customer.archived_at && (
              <span className="badge badge-muted">Archived {formatDateTime(customer.archived_at)}</span>
            )}
          </>
        }
        actions={
          writable && (
            <>
              <Link to={`${customerPath(customer.id)}/edit`} className="button">
                Edit
              </Link>
              {customer.archived_at === null && <ArchiveButton customer={customer} />}
            </>
          )
        }
      />
      <div className="panels">
        <DetailsPanel title="Details">
          <Detail term="External id">
            <code>{customer.external_id}</code>
          </Detail>
          <Detail term="Billing email">{customer.email}</Detail>
          <Detail term="Country">{customer.country}</Detail>
          <Detail term="Currency">{customer.currency}</Detail>
          <Detail term="Time zone">{customer.timezone}</Detail>
          <Detail term="Locale">{customer.locale}</Detail>
          <Detail term="Parent customer">
            {customer.parent_customer_id && (
              <Link to={customerPath(customer.parent_customer_id)}>{customer.parent_customer_id}</Link>
            )}
          </Detail>
          <Detail term="Created">{formatDateTime(customer.created_at)}</Detail>
          <Detail term="Updated">{formatDateTime(customer.updated_at)}</Detail>
        </DetailsPanel>
        <DetailsPanel title="Billing">
          <Detail term="Billing address">
            {customer.billing_address && <Address address={customer.billing_address} />}
          </Detail>
          <Detail term="Tax ids">
            {customer.tax_ids.length > 0 && (
              <ul className="plain-list">
                {customer.tax_ids.map((taxId) => (
                  <li key={`${taxId.type}:${taxId.value}`}>
                    {taxId.value} <span className="muted">({taxId.type})</span>
                  </li>
                ))}
              </ul>
            )}
          </Detail>
          <Detail term="Payment terms">
            {customer.invoice_settings.net_payment_terms_days !== undefined &&
              `${customer.invoice_settings.net_payment_terms_days} days`}
          </Detail>
          <Detail term="Grace period">
            {customer.invoice_settings.grace_period_days !== undefined &&
              `${customer.invoice_settings.grace_period_days} days`}
          </Detail>
          <Detail term="Invoice footer">{customer.invoice_settings.footer}</Detail>
          <Detail term="Metadata">
            {Object.keys(customer.metadata).length > 0 && (
              <ul className="plain-list">
                {Object.entries(customer.metadata).map(([key, value]) => (
                  <li key={key}>
                    <code>{key}</code>: {value}
                  </li>
                ))}
              </ul>
            )}
          </Detail>
        </DetailsPanel>
      </div>
      <ExternalLinksPanel object={{ object_type: "customer", object_id: customer.id }} />
      {can(session, "billing:read") && (
        <CustomerSubscriptions
          customerId={customer.id}
          writable={can(session, "billing:write") && customer.archived_at === null}
        />
      )}
      {can(session, "billing:read") && (
        <CustomerInvoices
          customerId={customer.id}
          writable={can(session, "billing:write") && customer.archived_at === null}
        />
      )}
      {can(session, "billing:read") && (
        <CustomerCredits
          customer={customer}
          writable={can(session, "billing:write") && customer.archived_at === null}
        />
      )}
      {can(session, "billing:read") && (
        <CustomerCoupons
          customerId={customer.id}
          locale={customer.locale}
          writable={can(session, "billing:write") && customer.archived_at === null}
        />
      )}
      {can(session, "billing:write") && customer.archived_at === null && (
        <CustomerPortalLink customerId={customer.id} />
      )}
      {can(session, "events:read") && can(session, "meters:read") && <CustomerUsage customer={customer} />}
      {can(session, "billing:read") && (
        <CustomerAlerts
          customerId={customer.id}
          locale={customer.locale}
          currency={customer.currency}
          writable={can(session, "billing:write") && customer.archived_at === null}
        />
      )}
      {can(session, "catalog:read") && <CustomerEntitlementsPanel customerId={customer.id} />}
      {can(session, "catalog:read") && <CustomerPriceOverrides customer={customer} />}
      {can(session, "audit:read") && <CustomerAuditHistory customerId={customer.id} />}
    </>
  );
}

function Address({ address }: { address: NonNullable<Customer["billing_address"]> }) {
  const lines = [address.line1, address.line2, ...localityLines(address)].filter(
    (line) => line !== undefined && line !== "",
  );
  return (
    <address>
      {lines.map((line) => (
        <span key={line} className="address-line">
          {line}
        </span>
      ))}
    </address>
  );
}

function ArchiveButton({ customer }: { customer: Customer }) {
  const [open, setOpen] = useState(false);
  const archive = useApiMutation({
    call: (reason: string) =>
      api.POST("/v1/customers/{id}/archive", {
        params: { path: { id: customer.id }, header: reasonHeader(reason) },
      }),
    invalidates: ["/v1/customers"],
    answers: apiQuery("/v1/customers/{id}", { params: { path: { id: customer.id } } }),
    onSuccess: () => setOpen(false),
  });

  return (
    <>
      <button type="button" className="button button-danger" onClick={() => setOpen(true)}>
        Archive
      </button>
      <ReasonDialog
        open={open}
        title={`Archive ${customer.name ?? customer.external_id}?`}
        confirmLabel="Archive customer"
        {...confirming(archive)}
        onCancel={() => setOpen(false)}
      >
        <p>
          An archived customer keeps its history and invoices but is no longer billed anew. It disappears from
          the default customer list.
        </p>
      </ReasonDialog>
    </>
  );
}
