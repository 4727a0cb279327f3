// One invoice: number and status, seller and buyer, every line with the
// engine's explanation, the totals and what is paid, credited and left; the
// PDF; its payments; and the steps its status allows: finalize a draft, void
// an unpaid final invoice, or correct a final one with a credit note (the
// only way).
import { useState } from "react";
import { apiRequest } from "../../api/api-client.ts";
import type { CreditNote, Invoice, InvoiceParty } from "../../api/resources.ts";
import { useApiResource, usePagedList } from "../../api/use-api.ts";
import { formatDateTime, formatPeriodBound } from "../../format/date-format.ts";
import { formatMoney } from "../../format/decimal-format.ts";
import { Link } from "../../routing/link.tsx";
import { customerPath, subscriptionPath } from "../../routing/routes.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { DownloadButton } from "../../ui/download-button.tsx";
import { OutcomeMessage } from "../../ui/outcome-message.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../ui/states.tsx";
import { TableScroll } from "../../ui/table-scroll.tsx";
import { Detail } from "../catalog/version-content-view.tsx";
import { type InvoiceAction, InvoiceActionDialog } from "./invoice-action-dialog.tsx";
import { InvoiceLinesTable } from "./invoice-lines-table.tsx";
import { InvoicePayments } from "./invoice-payments.tsx";
import { InvoiceStatusBadge } from "./invoice-status.tsx";
import { invoiceName } from "./invoice-table.tsx";

const outcomes: Record<InvoiceAction, string> = {
  finalize: "The invoice is final: it has its number and no longer changes.",
  void: "The invoice is void. Its number stays on record.",
  "credit-note": "The credit note is issued.",
  uncollectible: "The invoice is marked uncollectible; its dunning stops.",
};

export function InvoiceDetailPage({ invoiceId }: { invoiceId: string }) {
  const session = useSignedInSession();
  const request = useApiResource<Invoice>(`/v1/invoices/${encodeURIComponent(invoiceId)}`);
  const [action, setAction] = useState<InvoiceAction | undefined>();
  const [outcome, setOutcome] = useState("");
  const [notesGeneration, setNotesGeneration] = useState(0);

  if (request.state.status !== "ready") {
    return (
      <>
        <PageHeader title="Invoice" />
        {request.state.status === "loading" && <LoadingState label="Loading the invoice…" />}
        {request.state.status === "error" && (
          <ErrorState error={request.state.error} onRetry={request.reload} />
        )}
      </>
    );
  }
  const invoice = request.state.data;
  const money = (amount: string) => formatMoney(amount, invoice.currency, invoice.locale);
  const writable = can(session, "billing:write");
  const final = invoice.status !== "draft" && invoice.status !== "void";
  const unpaid = invoice.amount_paid === "0" || /^0(\.0+)?$/.test(invoice.amount_paid);

  return (
    <>
      <PageHeader
        title={`Invoice ${invoiceName(invoice)}`}
        subtitle={
          <>
            <InvoiceStatusBadge status={invoice.status} /> <strong>{money(invoice.amount_remaining)}</strong>{" "}
            to pay of {money(invoice.total)}
          </>
        }
        actions={
          <>
            <DownloadButton
              path={`/v1/invoices/${encodeURIComponent(invoice.id)}/pdf`}
              fileName={`${invoice.number ?? `draft-${invoice.id}`}.pdf`}
              label="Download PDF"
            />
            {writable && invoice.status === "draft" && (
              <button type="button" className="button button-primary" onClick={() => setAction("finalize")}>
                Finalize
              </button>
            )}
            {writable && final && (
              <button type="button" className="button" onClick={() => setAction("credit-note")}>
                Issue a credit note
              </button>
            )}
            {writable && (invoice.status === "open" || invoice.status === "partially_paid") && (
              <button type="button" className="button" onClick={() => setAction("uncollectible")}>
                Mark uncollectible
              </button>
            )}
            {writable && (invoice.status === "open" || invoice.status === "uncollectible") && unpaid && (
              <button type="button" className="button button-danger" onClick={() => setAction("void")}>
                Void
              </button>
            )}
          </>
        }
      />
      <OutcomeMessage message={outcome} />
      <div className="panels">
        <section className="panel" aria-labelledby="invoice-details-title">
          <h2 id="invoice-details-title">Details</h2>
          <dl className="details">
            <Detail term="Customer">
              <Link to={customerPath(invoice.customer_id)}>{invoice.buyer?.name ?? invoice.customer_id}</Link>
            </Detail>
            <Detail term="Subscriptions">
              {invoice.subscription_ids.length > 0 && (
                <ul className="plain-list">
                  {invoice.subscription_ids.map((id) => (
                    <li key={id}>
                      <Link to={subscriptionPath(id)}>{id}</Link>
                    </li>
                  ))}
                </ul>
              )}
            </Detail>
            <Detail term="Issued">
              {formatDateTime(invoice.issued_at, invoice.locale, invoice.timezone)}
            </Detail>
            <Detail term="Period">
              {invoice.period_start &&
                invoice.period_end &&
                `${formatPeriodBound(invoice.period_start, invoice.timezone, invoice.locale)} – ${formatPeriodBound(invoice.period_end, invoice.timezone, invoice.locale)}`}
            </Detail>
            <Detail term="Due">
              {invoice.due_at && formatDateTime(invoice.due_at, invoice.locale, invoice.timezone)}
            </Detail>
            <Detail term="Finalized">
              {invoice.finalized_at && formatDateTime(invoice.finalized_at, invoice.locale, invoice.timezone)}
            </Detail>
            {invoice.voided_at && (
              <Detail term="Voided">
                {formatDateTime(invoice.voided_at, invoice.locale, invoice.timezone)}: {invoice.void_reason}
              </Detail>
            )}
            <Detail term="Memo">{invoice.memo}</Detail>
          </dl>
        </section>
        <section className="panel" aria-labelledby="invoice-parties-title">
          <h2 id="invoice-parties-title">Seller and buyer</h2>
          <dl className="details">
            <Detail term="Seller">{invoice.seller && <Party party={invoice.seller} />}</Detail>
            <Detail term="Buyer">{invoice.buyer && <Party party={invoice.buyer} />}</Detail>
          </dl>
        </section>
      </div>
      <section className="panel" aria-labelledby="invoice-lines-title">
        <h2 id="invoice-lines-title">Lines</h2>
        {invoice.tax_details?.note && <p className="notice">{invoice.tax_details.note}</p>}
        <InvoiceLinesTable
          lines={invoice.lines}
          invoiceTotals={invoice}
          currency={invoice.currency}
          timeZone={invoice.timezone}
          locale={invoice.locale}
          label="Invoice lines"
        />
        <dl className="details section-gap">
          <Detail term="Paid">{money(invoice.amount_paid)}</Detail>
          <Detail term="Credited">{money(invoice.amount_credited)}</Detail>
          <Detail term="Left to pay">{money(invoice.amount_remaining)}</Detail>
        </dl>
      </section>
      {final && <CreditNotes key={notesGeneration} invoice={invoice} />}
      {invoice.status !== "draft" && (
        <InvoicePayments
          key={`payments-${notesGeneration}`}
          invoice={invoice}
          canRecord={can(session, "finance:write")}
          onChanged={() => {
            // Read the invoice anew in place: its status and amounts follow the payment.
            apiRequest<Invoice>("GET", `/v1/invoices/${encodeURIComponent(invoice.id)}`).then(
              request.replace,
              request.reload,
            );
          }}
        />
      )}
      {action && (
        <InvoiceActionDialog
          action={action}
          invoice={invoice}
          onCancel={() => setAction(undefined)}
          onDone={(updated) => {
            setAction(undefined);
            request.replace(updated);
            setOutcome(outcomes[action]);
            setNotesGeneration((generation) => generation + 1);
          }}
        />
      )}
    </>
  );
}

function Party({ party }: { party: InvoiceParty }) {
  const address = party.address;
  return (
    <address>
      {party.name && <span className="address-line">{party.name}</span>}
      {address?.line1 && <span className="address-line">{address.line1}</span>}
      {address?.line2 && <span className="address-line">{address.line2}</span>}
      {(address?.postal_code || address?.city) && (
        <span className="address-line">{[address.postal_code, address.city].filter(Boolean).join(" ")}</span>
      )}
      {party.country && <span className="address-line">{party.country}</span>}
      {party.email && <span className="address-line">{party.email}</span>}
      {party.tax_ids.map((taxId) => (
        <span key={`${taxId.type}:${taxId.value}`} className="address-line">
          {taxId.value} <span className="muted">({taxId.type})</span>
        </span>
      ))}
    </address>
  );
}

function CreditNotes({ invoice }: { invoice: Invoice }) {
  const list = usePagedList<CreditNote>(
    `/v1/credit-notes?invoice_id=${encodeURIComponent(invoice.id)}&limit=20`,
  );
  return (
    <section className="panel" aria-labelledby="credit-notes-title">
      <h2 id="credit-notes-title">Credit notes</h2>
      {list.state.status === "loading" && <LoadingState label="Loading credit notes…" />}
      {list.state.status === "error" && <ErrorState error={list.state.error} onRetry={list.reload} />}
      {list.state.status === "ready" && list.state.data.length === 0 && (
        <EmptyState title="No credit notes." />
      )}
      {list.state.status === "ready" && list.state.data.length > 0 && (
        <TableScroll label="Credit notes table">
          <table className="stacked-on-phone">
            <thead>
              <tr>
                <th scope="col">Credit note</th>
                <th scope="col">Reason</th>
                <th scope="col" className="numeric">
                  Total
                </th>
                <th scope="col">Applied</th>
                <th scope="col">
                  <span className="visually-hidden">Document</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.state.data.map((note) => (
                <tr key={note.id}>
                  <th scope="row">
                    {note.number}
                    <span className="actor-id">{formatDateTime(note.issued_at, invoice.locale)}</span>
                  </th>
                  <td data-label="Reason">
                    {note.reason.replace(/_/g, " ")}
                    {note.memo && <span className="actor-id">{note.memo}</span>}
                  </td>
                  <td data-label="Total" className="numeric">
                    {formatMoney(note.total, note.currency, invoice.locale)}
                  </td>
                  <td data-label="Applied">
                    {formatMoney(note.applied_to_invoice, note.currency, invoice.locale)} to the invoice,{" "}
                    {formatMoney(note.credited_to_balance, note.currency, invoice.locale)} to the customer's
                    balance
                  </td>
                  <td className="row-actions">
                    <DownloadButton
                      path={`/v1/credit-notes/${encodeURIComponent(note.id)}/pdf`}
                      fileName={`${note.number}.pdf`}
                      label={`PDF of ${note.number}`}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
