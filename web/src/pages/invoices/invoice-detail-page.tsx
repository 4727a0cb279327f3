// One invoice: number and status, seller and buyer, every line with the
// engine's explanation, the totals and what is paid, credited and left; the
// PDF; its payments and dunning; and the steps its status allows: finalize a draft, void
// an unpaid final invoice, or correct a final one with a credit note (the
// only way).
import { api } from "../../api/api-client.ts";
import { usePagedList } from "../../api/queries.ts";
import type { Invoice, InvoiceParty } from "../../api/resources.ts";
import { answer } from "../../api/typed-client.ts";
import { localityLines } from "../../format/address-format.ts";
import { formatDateTime, formatPeriodBound } from "../../format/date-format.ts";
import { formatMoney } from "../../format/decimal-format.ts";
import { Link } from "../../routing/link.tsx";
import { customerPath, subscriptionPath } from "../../routing/routes.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { useActionOutcome } from "../../ui/confirm-dialog.tsx";
import { DataTable } from "../../ui/data-table.tsx";
import { Detail } from "../../ui/detail.tsx";
import { DownloadButton } from "../../ui/download-button.tsx";
import { OutcomeMessage } from "../../ui/outcome-message.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { PagedListView } from "../../ui/paged-list-view.tsx";
import { DetailsPanel, Panel } from "../../ui/panel.tsx";
import { CreditNotePdfButton } from "../finance-documents/credit-note-pdf-button.tsx";
import { ExternalLinksPanel } from "../integrations/external-links.tsx";
import { type InvoiceAction, InvoiceActionDialog } from "./invoice-action-dialog.tsx";
import { InvoiceDunning } from "./invoice-dunning.tsx";
import { InvoiceLinesTable, linesBySection, shownLine } from "./invoice-lines-table.tsx";
import { InvoicePayments } from "./invoice-payments.tsx";
import { InvoiceStatusBadge } from "./invoice-status.tsx";
import { invoiceName } from "./invoice-table.tsx";
import { useQuantityDisplayDecimals } from "./quantity-display-decimals.ts";

const outcomes: Record<InvoiceAction, string> = {
  finalize: "The invoice is final: it has its number and no longer changes.",
  void: "The invoice is void. Its number stays on record.",
  "credit-note": "The credit note is issued.",
  uncollectible: "The invoice is marked uncollectible; its dunning stops.",
};

/** The page of one invoice, once it is read (the router reads it). */
export function InvoiceDetailPage({ invoice }: { invoice: Invoice }) {
  const session = useSignedInSession();
  const action = useActionOutcome(outcomes);
  const displayDecimals = useQuantityDisplayDecimals();
  const money = (amount: string) => formatMoney(amount, invoice.currency, invoice.locale);
  const writable = can(session, "billing:write");
  // Credit notes and write-offs are finance's; finalizing and voiding are billing operations'.
  const financeWritable = can(session, "finance:write");
  const final = invoice.status !== "draft" && invoice.status !== "void";
  const unpaid = invoice.amount_paid === "0" || /^0(\.0+)?$/.test(invoice.amount_paid);
  const sectioned = linesBySection(invoice);

  return (
    <>
      <PageHeader
        title={`Invoice ${invoiceName(invoice)}`}
        subtitle={
          <>
            <InvoiceStatusBadge invoice={invoice} /> <strong>{money(invoice.amount_remaining)}</strong> to pay
            of {money(invoice.total)}
          </>
        }
        actions={
          <>
            <DownloadButton
              download={() =>
                answer(
                  api.GET("/v1/invoices/{id}/pdf", { params: { path: { id: invoice.id } }, parseAs: "blob" }),
                )
              }
              fileName={`${invoice.number ?? `draft-${invoice.id}`}.pdf`}
              label="Download PDF"
            />
            {writable && invoice.status === "draft" && (
              <button type="button" className="button button-primary" onClick={() => action.ask("finalize")}>
                Finalize
              </button>
            )}
            {financeWritable && final && (
              <button type="button" className="button" onClick={() => action.ask("credit-note")}>
                Issue a credit note
              </button>
            )}
            {financeWritable && (invoice.status === "open" || invoice.status === "partially_paid") && (
              <button type="button" className="button" onClick={() => action.ask("uncollectible")}>
                Mark uncollectible
              </button>
            )}
            {writable && (invoice.status === "open" || invoice.status === "uncollectible") && unpaid && (
              <button type="button" className="button button-danger" onClick={() => action.ask("void")}>
                Void
              </button>
            )}
          </>
        }
      />
      <OutcomeMessage message={action.outcome} />
      <div className="panels">
        <DetailsPanel title="Details">
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
          <Detail term="Issued">{formatDateTime(invoice.issued_at, invoice.locale, invoice.timezone)}</Detail>
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
        </DetailsPanel>
        <DetailsPanel title="Seller and buyer">
          <Detail term="Seller">{invoice.seller && <Party party={invoice.seller} />}</Detail>
          <Detail term="Buyer">{invoice.buyer && <Party party={invoice.buyer} />}</Detail>
        </DetailsPanel>
      </div>
      <Panel title="Lines">
        {invoice.tax_details?.note && <p className="notice">{invoice.tax_details.note}</p>}
        <InvoiceLinesTable
          lines={sectioned.lines.map(shownLine)}
          invoiceTotals={invoice}
          currency={invoice.currency}
          timeZone={invoice.timezone}
          locale={invoice.locale}
          label="Invoice lines"
          displayDecimals={displayDecimals}
          sections={sectioned.sections}
        />
        <dl className="details section-gap">
          <Detail term="Paid">{money(invoice.amount_paid)}</Detail>
          <Detail term="Credited">{money(invoice.amount_credited)}</Detail>
          <Detail term="Left to pay">{money(invoice.amount_remaining)}</Detail>
        </dl>
      </Panel>
      {final && <ExternalLinksPanel object={{ object_type: "invoice", object_id: invoice.id }} />}
      {final && <CreditNotes invoice={invoice} />}
      {invoice.status !== "draft" && (
        <>
          <InvoicePayments invoice={invoice} canRecord={can(session, "finance:write")} />
          <InvoiceDunning invoice={invoice} />
        </>
      )}
      {action.asking && <InvoiceActionDialog action={action.asking} invoice={invoice} {...action.closing} />}
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
      {(address ? localityLines(address, party.country) : party.country ? [party.country] : []).map(
        (line) => (
          <span key={line} className="address-line">
            {line}
          </span>
        ),
      )}
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
  const list = usePagedList("/v1/credit-notes", { params: { query: { invoice_id: invoice.id, limit: 20 } } });
  const money = (amount: string, currency: string) => formatMoney(amount, currency, invoice.locale);
  return (
    <Panel title="Credit notes">
      <PagedListView list={list} noun={["credit note", "credit notes"]} empty="No credit notes.">
        {(notes) => (
          <DataTable
            label="Credit notes table"
            rows={notes}
            rowKey={(note) => note.id}
            columns={[
              {
                header: "Credit note",
                cell: (note) => (
                  <>
                    {note.number}
                    <span className="actor-id">{formatDateTime(note.issued_at, invoice.locale)}</span>
                  </>
                ),
              },
              {
                header: "Reason",
                cell: (note) => (
                  <>
                    {note.reason.replace(/_/g, " ")}
                    {note.memo && <span className="actor-id">{note.memo}</span>}
                  </>
                ),
              },
              { header: "Total", numeric: true, cell: (note) => money(note.total, note.currency) },
              {
                header: "Applied",
                cell: (note) =>
                  `${money(note.applied_to_invoice, note.currency)} to the invoice, ${money(note.credited_to_balance, note.currency)} to the customer's balance`,
              },
              {
                header: <span className="visually-hidden">Document</span>,
                className: "row-actions",
                cell: (note) => <CreditNotePdfButton note={note} />,
              },
            ]}
          />
        )}
      </PagedListView>
    </Panel>
  );
}
