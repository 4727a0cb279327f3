// The tables of a reconciliation: usage differences, usage counts per meter
// and customer, and receivables (in total, per customer, and the invoices
// whose recorded payments disagree with their payment records).
import type { ReactNode } from "react";
import type { ReceivableFigures, Reconciliation, UsageDifference, UsageRow } from "../../api/resources.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { formatMoney } from "../../format/decimal-format.ts";
import { Link } from "../../routing/link.tsx";
import { customerPath, invoicePath } from "../../routing/routes.ts";
import { EmptyState } from "../../ui/states.tsx";
import { TableScroll } from "../../ui/table-scroll.tsx";
import { categoryBadgeClass, categoryLabels, causeLabel } from "./difference-text.ts";

function CustomerCell({ externalId, customerId }: { externalId: string; customerId: string | null }) {
  if (customerId === null) return <>{externalId}</>;
  return <Link to={customerPath(customerId)}>{externalId}</Link>;
}

function meterText(meter: string | null, eventName: string | null): string {
  if (meter !== null) return meter;
  return eventName === null ? "—" : `No meter (event "${eventName}")`;
}

export function DifferencesTable({ differences }: { differences: UsageDifference[] }) {
  if (differences.length === 0) return <EmptyState title="No usage differences: every event was billed." />;
  return (
    <TableScroll label="Usage differences table">
      <table className="stacked-on-phone">
        <thead>
          <tr>
            <th scope="col">Cause</th>
            <th scope="col">Customer</th>
            <th scope="col">Meter</th>
            <th scope="col" className="numeric">
              Events
            </th>
            <th scope="col" className="numeric">
              Amount
            </th>
          </tr>
        </thead>
        <tbody>
          {differences.map((difference) => (
            <tr
              key={`${difference.cause} ${difference.customer_external_id} ${difference.meter ?? difference.event_name} ${difference.invoice_line_id ?? ""}`}
            >
              <th scope="row">
                {causeLabel(difference.cause)}{" "}
                <span className={categoryBadgeClass(difference.category)}>
                  {categoryLabels[difference.category]}
                </span>
                <span className="actor-id">{difference.description}</span>
                <span className="actor-id">
                  {formatDateTime(difference.first_event_at)}
                  {difference.events > 1 && ` to ${formatDateTime(difference.last_event_at)}`}
                </span>
                <span className="actor-id">Priced at: {difference.price_basis}</span>
                {difference.invoice_id !== null && (
                  <span className="actor-id">
                    Invoice{" "}
                    <Link to={invoicePath(difference.invoice_id)}>
                      {difference.invoice_number ?? difference.invoice_id}
                    </Link>
                  </span>
                )}
              </th>
              <td data-label="Customer">
                <CustomerCell
                  externalId={difference.customer_external_id}
                  customerId={difference.customer_id}
                />
              </td>
              <td data-label="Meter">{meterText(difference.meter, difference.event_name)}</td>
              <td data-label="Events" className="numeric">
                {difference.events}
              </td>
              <td data-label="Amount" className="numeric">
                {difference.amount !== null && difference.currency !== null
                  ? formatMoney(difference.amount, difference.currency)
                  : "Not priced"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export function UsageRowsTable({ rows }: { rows: UsageRow[] }) {
  if (rows.length === 0) return <EmptyState title="No events in this month." />;
  return (
    <TableScroll label="Usage by meter and customer table">
      <table className="stacked-on-phone">
        <thead>
          <tr>
            <th scope="col">Customer</th>
            <th scope="col">Meter</th>
            <th scope="col" className="numeric">
              Ingested
            </th>
            <th scope="col" className="numeric">
              Attributed
            </th>
            <th scope="col" className="numeric">
              Matched
            </th>
            <th scope="col" className="numeric">
              Billed
            </th>
            <th scope="col" className="numeric">
              Unbilled
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.customer_external_id} ${row.meter ?? ""} ${row.event_name ?? ""}`}>
              <th scope="row">
                <CustomerCell externalId={row.customer_external_id} customerId={row.customer_id} />
              </th>
              <td data-label="Meter">{meterText(row.meter, row.event_name)}</td>
              <td data-label="Ingested" className="numeric">
                {row.events_ingested}
              </td>
              <td data-label="Attributed" className="numeric">
                {row.events_attributed}
              </td>
              <td data-label="Matched" className="numeric">
                {row.events_matched}
              </td>
              <td data-label="Billed" className="numeric">
                {row.events_billed}
              </td>
              <td data-label="Unbilled" className="numeric">
                {row.events_unbilled}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

const receivableColumns: [keyof Omit<ReceivableFigures, "currency">, string][] = [
  ["opening_receivable", "Opening"],
  ["invoiced", "Invoiced"],
  ["voided", "Voided"],
  ["credit_notes", "Credit notes"],
  ["payments", "Payments"],
  ["refunds", "Refunds"],
  ["chargebacks", "Chargebacks"],
  ["closing_receivable", "Closing"],
  ["outstanding_now", "Outstanding now"],
];

function ReceivableTable<Row extends ReceivableFigures>({
  label,
  firstColumn,
  rows,
  rowKey,
  rowHeader,
}: {
  label: string;
  firstColumn: string;
  rows: Row[];
  rowKey: (row: Row) => string;
  rowHeader: (row: Row) => ReactNode;
}) {
  return (
    <TableScroll label={label}>
      <table className="stacked-on-phone">
        <thead>
          <tr>
            <th scope="col">{firstColumn}</th>
            {receivableColumns.map(([key, heading]) => (
              <th key={key} scope="col" className="numeric">
                {heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              <th scope="row">{rowHeader(row)}</th>
              {receivableColumns.map(([key, heading]) => (
                <td key={key} data-label={heading} className="numeric">
                  {formatMoney(row[key], row.currency)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export function ReceivablesSection({ receivables }: { receivables: Reconciliation["receivables"] }) {
  return (
    <section className="panel" aria-labelledby="receivables-title">
      <h2 id="receivables-title">Invoices, payments and receivables</h2>
      <p className="field-hint">
        {receivables.source === "payments"
          ? "Payments come from the payment records."
          : "Payments come from what the invoices say was paid (no payment records)."}
      </p>
      {receivables.totals.length === 0 ? (
        <EmptyState title="No invoices or payments in this month." />
      ) : (
        <>
          <h3>Totals</h3>
          <ReceivableTable
            label="Receivable totals table"
            firstColumn="Currency"
            rows={receivables.totals}
            rowKey={(row) => row.currency}
            rowHeader={(row) => row.currency}
          />
          <h3>Per customer</h3>
          <ReceivableTable
            label="Receivables per customer table"
            firstColumn="Customer"
            rows={receivables.customers}
            rowKey={(row) => `${row.customer_id} ${row.currency}`}
            rowHeader={(row) => <Link to={customerPath(row.customer_id)}>{row.customer_id}</Link>}
          />
        </>
      )}
      {receivables.differences.length > 0 && (
        <>
          <h3>Invoices that disagree with their payments</h3>
          <TableScroll label="Receivable differences table">
            <table className="stacked-on-phone">
              <thead>
                <tr>
                  <th scope="col">Invoice</th>
                  <th scope="col">Cause</th>
                  <th scope="col">Customer</th>
                  <th scope="col" className="numeric">
                    Recorded
                  </th>
                  <th scope="col" className="numeric">
                    Expected
                  </th>
                </tr>
              </thead>
              <tbody>
                {receivables.differences.map((difference) => (
                  <tr key={`${difference.invoice_id} ${difference.cause}`}>
                    <th scope="row">
                      <Link to={invoicePath(difference.invoice_id)}>
                        {difference.invoice_number ?? difference.invoice_id}
                      </Link>
                    </th>
                    <td data-label="Cause">
                      {causeLabel(difference.cause)}
                      <span className="actor-id">{difference.description}</span>
                    </td>
                    <td data-label="Customer">
                      <Link to={customerPath(difference.customer_id)}>{difference.customer_id}</Link>
                    </td>
                    <td data-label="Recorded" className="numeric">
                      {formatMoney(difference.recorded, difference.currency)}
                    </td>
                    <td data-label="Expected" className="numeric">
                      {formatMoney(difference.expected, difference.currency)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
    </section>
  );
}
