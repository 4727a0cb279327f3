// The customer's invoices, newest first, each with its PDF, and a Pay button
// on an open one that charges the card on file (once, however often it is
// pressed: the server keeps one payment per attempt). On a phone the rows
// stack, each cell beside its column's name.
import { useQuery } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { useApiMutation } from "../api/queries.ts";
import type { Invoice, PortalProfile } from "../api/resources.ts";
import { answer } from "../api/typed-client.ts";
import { formatMoney } from "../format/decimal-format.ts";
import { DataTable } from "../ui/data-table.tsx";
import { DownloadButton } from "../ui/download-button.tsx";
import { Panel } from "../ui/panel.tsx";
import { ResourceView } from "../ui/resource-view.tsx";
import { portalApi, portalQuery } from "./portal-api.ts";
import { usePortalPaymentMethods } from "./portal-payment-method.tsx";

const statusLabels: Record<Invoice["status"], string> = {
  draft: "Draft",
  open: "Due",
  paid: "Paid",
  partially_paid: "Partly paid",
  uncollectible: "Unpaid",
  void: "Void",
};

/** The day an invoice was issued, in the customer's time zone: the time of day tells a customer nothing. */
export function issuedOn(instant: string, profile: PortalProfile): string {
  return new Intl.DateTimeFormat(profile.locale, { dateStyle: "medium", timeZone: profile.timezone }).format(
    new Date(instant),
  );
}

export function PortalInvoices({ profile }: { profile: PortalProfile }) {
  const invoices = useQuery(portalQuery("/v1/portal/invoices", { params: { query: { limit: 50 } } }));
  const methods = usePortalPaymentMethods();
  const hasCard = methods.data?.data.some((method) => method.is_default) ?? false;
  const [outcome, setOutcome] = useState<{ text: string; failed: boolean } | undefined>();
  return (
    <Panel
      title="Invoices"
      actions={
        <div className="portal-actions">
          <DownloadButton
            download={() => answer(portalApi.GET("/v1/portal/statement.pdf", { parseAs: "blob" }))}
            fileName="statement.pdf"
            label="Statement of account (PDF)"
            small
          />
          <DownloadButton
            download={() => answer(portalApi.GET("/v1/portal/statement", { parseAs: "blob" }))}
            fileName={`statement-${profile.currency ?? "account"}.csv`}
            label="Statement of account (CSV)"
            small
          />
        </div>
      }
    >
      {outcome && (
        <p className={outcome.failed ? "form-error" : "outcome"} role={outcome.failed ? "alert" : "status"}>
          {outcome.text}
        </p>
      )}
      <ResourceView resource={invoices} loadingLabel="Loading your invoices…" empty={<p>No invoices yet.</p>}>
        {({ data }) => (
          <PortalInvoiceTable
            label="Invoices"
            invoices={data}
            profile={profile}
            actions={(invoice) => (
              <div className="portal-actions">
                <PdfButton invoice={invoice} />
                {(invoice.status === "open" || invoice.status === "partially_paid") && (
                  <PayButton invoice={invoice} profile={profile} hasCard={hasCard} onOutcome={setOutcome} />
                )}
              </div>
            )}
          />
        )}
      </ResourceView>
    </Panel>
  );
}

type InvoiceRow = Pick<Invoice, "id" | "number" | "issued_at" | "status" | "total" | "currency">;

/** Invoices as the portal shows them (the customer's own, a child account's): number, day, status, total, actions. */
export function PortalInvoiceTable<Row extends InvoiceRow>({
  label,
  invoices,
  profile,
  actions,
}: {
  label: string;
  invoices: Row[];
  profile: PortalProfile;
  actions: (invoice: Row) => ReactNode;
}) {
  return (
    <DataTable
      label={label}
      rowHeaders={false}
      rows={invoices}
      rowKey={(invoice) => invoice.id}
      columns={[
        { header: "Invoice", cell: (invoice) => invoice.number },
        {
          header: "Issued",
          className: "nowrap",
          cell: (invoice) => issuedOn(invoice.issued_at, profile),
        },
        { header: "Status", cell: (invoice) => statusLabels[invoice.status] },
        {
          header: "Total",
          numeric: true,
          cell: (invoice) => formatMoney(invoice.total, invoice.currency, profile.locale),
        },
        { header: <span className="visually-hidden">Actions</span>, label: "Actions", cell: actions },
      ]}
    />
  );
}

export function PdfButton({ invoice }: { invoice: Pick<Invoice, "id" | "number"> }) {
  const name = invoice.number ?? invoice.id;
  return (
    <DownloadButton
      download={() =>
        answer(
          portalApi.GET("/v1/portal/invoices/{id}/pdf", {
            params: { path: { id: invoice.id } },
            parseAs: "blob",
          }),
        )
      }
      fileName={`${name}.pdf`}
      label="PDF"
      accessibleName={`Download invoice ${name} as PDF`}
      small
    />
  );
}

function PayButton({
  invoice,
  profile,
  hasCard,
  onOutcome,
}: {
  invoice: Invoice;
  profile: PortalProfile;
  hasCard: boolean;
  onOutcome: (outcome: { text: string; failed: boolean }) => void;
}) {
  const name = invoice.number ?? invoice.id;
  const due = formatMoney(invoice.amount_due, invoice.currency, profile.locale);
  const pay = useApiMutation({
    call: () => portalApi.POST("/v1/portal/invoices/{id}/pay", { params: { path: { id: invoice.id } } }),
    invalidates: ["/v1/portal/invoices", "/v1/portal/upcoming-invoice"],
    onSuccess: ({ invoice: after, payment }) => {
      if (payment?.status === "failed") {
        onOutcome({ text: `Invoice ${name} was not paid: ${payment.failure_message}`, failed: true });
      } else if (payment?.status === "pending") {
        onOutcome({
          text: `Payment of invoice ${name} is on its way; it shows as paid once it clears.`,
          failed: false,
        });
      } else if (after.status === "paid") {
        onOutcome({ text: `Invoice ${name} is paid. Thank you.`, failed: false });
      }
    },
  });
  return (
    <>
      <button
        type="button"
        className="button button-small button-primary"
        onClick={() => pay.mutate()}
        disabled={!hasCard || pay.isPending || pay.isSuccess}
        aria-label={`Pay ${due} for invoice ${name}`}
        title={hasCard ? undefined : "Add a card under Payment method to pay here"}
      >
        {pay.isPending ? "Paying…" : `Pay ${due}`}
      </button>
      {pay.error && (
        <span className="form-error" role="alert">
          {pay.error.detail}
        </span>
      )}
    </>
  );
}
