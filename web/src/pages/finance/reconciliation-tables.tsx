// The tables of a reconciliation: usage differences, usage counts per meter
// and customer, and receivables (in total, per customer, and the invoices
// whose recorded payments disagree with their payment records).
import type { ReactNode } from "react";
import type { ReceivableFigures, Reconciliation, UsageDifference, UsageRow } from "../../api/resources.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { formatMoney } from "../../format/decimal-format.ts";
import { Link } from "../../routing/link.tsx";
import { customerPath, invoicePath } from "../../routing/routes.ts";
import { type Column, DataTable } from "../../ui/data-table.tsx";
import { Panel } from "../../ui/panel.tsx";
import { EmptyState } from "../../ui/states.tsx";
import { categoryBadgeClass, categoryLabels, causeLabel } from "./difference-text.ts";

function CustomerCell({ externalId, customerId }: { externalId: string; customerId: string | null }) {
  if (customerId === null) return <>{externalId}</>;
  return <Link to={customerPath(customerId)}>{externalId}</Link>;
}

function meterText(meter: string | null, eventName: string | null): string {
  if (meter !== null) return meter;
  return eventName === null ? "—" : `No meter (event "${eventName}")`;
}

function DifferenceCause({ difference }: { difference: UsageDifference }) {
  return (
    <>
      {causeLabel(difference.cause)}{" "}
      <span className={categoryBadgeClass(difference.category)}>{categoryLabels[difference.category]}</span>
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
    </>
  );
}

export function DifferencesTable({ differences }: { differences: UsageDifference[] }) {
  if (differences.length === 0) return <EmptyState title="No usage differences: every event was billed." />;
  return (
    <DataTable
      label="Usage differences table"
      rows={differences}
      rowKey={(difference) =>
        `${difference.cause} ${difference.customer_external_id} ${difference.meter ?? difference.event_name} ${difference.invoice_line_id ?? ""}`
      }
      columns={[
        { header: "Cause", cell: (difference) => <DifferenceCause difference={difference} /> },
        {
          header: "Customer",
          cell: (difference) => (
            <CustomerCell externalId={difference.customer_external_id} customerId={difference.customer_id} />
          ),
        },
        { header: "Meter", cell: (difference) => meterText(difference.meter, difference.event_name) },
        { header: "Events", numeric: true, cell: (difference) => difference.events },
        {
          header: "Amount",
          numeric: true,
          cell: (difference) =>
            difference.amount !== null && difference.currency !== null
              ? formatMoney(difference.amount, difference.currency)
              : "Not priced",
        },
      ]}
    />
  );
}

type UsageCount =
  | "events_ingested"
  | "events_attributed"
  | "events_matched"
  | "events_billed"
  | "events_unbilled";

const usageCounts: [UsageCount, string][] = [
  ["events_ingested", "Ingested"],
  ["events_attributed", "Attributed"],
  ["events_matched", "Matched"],
  ["events_billed", "Billed"],
  ["events_unbilled", "Unbilled"],
];

export function UsageRowsTable({ rows }: { rows: UsageRow[] }) {
  if (rows.length === 0) return <EmptyState title="No events in this month." />;
  return (
    <DataTable
      label="Usage by meter and customer table"
      rows={rows}
      rowKey={(row) => `${row.customer_external_id} ${row.meter ?? ""} ${row.event_name ?? ""}`}
      columns={[
        {
          header: "Customer",
          cell: (row) => <CustomerCell externalId={row.customer_external_id} customerId={row.customer_id} />,
        },
        { header: "Meter", cell: (row) => meterText(row.meter, row.event_name) },
        ...usageCounts.map(
          ([key, header]): Column<UsageRow> => ({ header, numeric: true, cell: (row) => row[key] }),
        ),
      ]}
    />
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
    <DataTable
      label={label}
      rows={rows}
      rowKey={rowKey}
      columns={[
        { header: firstColumn, cell: rowHeader },
        ...receivableColumns.map(
          ([key, header]): Column<Row> => ({
            header,
            numeric: true,
            cell: (row) => formatMoney(row[key], row.currency),
          }),
        ),
      ]}
    />
  );
}

export function ReceivablesSection({ receivables }: { receivables: Reconciliation["receivables"] }) {
  return (
    <Panel title="Invoices, payments and receivables">
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
          <DataTable
            label="Receivable differences table"
            rows={receivables.differences}
            rowKey={(difference) => `${difference.invoice_id} ${difference.cause}`}
            columns={[
              {
                header: "Invoice",
                cell: (difference) => (
                  <Link to={invoicePath(difference.invoice_id)}>
                    {difference.invoice_number ?? difference.invoice_id}
                  </Link>
                ),
              },
              {
                header: "Cause",
                cell: (difference) => (
                  <>
                    {causeLabel(difference.cause)}
                    <span className="actor-id">{difference.description}</span>
                  </>
                ),
              },
              {
                header: "Customer",
                cell: (difference) => (
                  <Link to={customerPath(difference.customer_id)}>{difference.customer_id}</Link>
                ),
              },
              {
                header: "Recorded",
                numeric: true,
                cell: (difference) => formatMoney(difference.recorded, difference.currency),
              },
              {
                header: "Expected",
                numeric: true,
                cell: (difference) => formatMoney(difference.expected, difference.currency),
              },
            ]}
          />
        </>
      )}
    </Panel>
  );
}
