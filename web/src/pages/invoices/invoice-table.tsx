// Invoices as a table: number (or draft), customer, status, dates and
// amounts, each linked to its page.
import type { Invoice } from "../../api/resources.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { formatMoney } from "../../format/decimal-format.ts";
import { Link } from "../../routing/link.tsx";
import { customerPath, invoicePath } from "../../routing/routes.ts";
import { DataTable, type TableSelection } from "../../ui/data-table.tsx";
import type { ListView } from "../../ui/list-view.tsx";
import { InvoiceStatusBadge } from "./invoice-status.tsx";

export function invoiceName(invoice: Pick<Invoice, "number" | "id">): string {
  return invoice.number ?? `Draft ${invoice.id}`;
}

export function InvoiceTable({
  invoices,
  label,
  showCustomer,
  view,
  selection,
}: {
  invoices: Invoice[];
  label: string;
  showCustomer: boolean;
  /** Sorted by a column and cut into pages (the invoice list). */
  view?: ListView;
  /** Rows chosen for a bulk action (the invoice list). */
  selection?: TableSelection<Invoice>;
}) {
  return (
    <DataTable
      label={label}
      rows={invoices}
      rowKey={(invoice) => invoice.id}
      {...(view ? { view } : {})}
      {...(selection ? { selection } : {})}
      columns={[
        {
          header: "Invoice",
          sort: { key: "number", value: (invoice) => ({ kind: "text", value: invoiceName(invoice) }) },
          cell: (invoice) => (
            <>
              <Link to={invoicePath(invoice.id)}>{invoiceName(invoice)}</Link>
              <span className="actor-id">{invoice.origin.replace("_", "-")}</span>
            </>
          ),
        },
        showCustomer && {
          header: "Customer",
          sort: {
            key: "customer",
            value: (invoice) => ({ kind: "text", value: invoice.buyer?.name ?? invoice.customer_id }),
          },
          cell: (invoice) => (
            <Link to={customerPath(invoice.customer_id)}>{invoice.buyer?.name ?? invoice.customer_id}</Link>
          ),
        },
        {
          header: "Status",
          sort: { key: "status", value: (invoice) => ({ kind: "text", value: invoice.status }) },
          cell: (invoice) => <InvoiceStatusBadge invoice={invoice} />,
        },
        {
          header: "Issued",
          sort: { key: "issued", value: (invoice) => ({ kind: "instant", value: invoice.issued_at }) },
          cell: (invoice) => formatDateTime(invoice.issued_at),
        },
        {
          header: "Due",
          sort: { key: "due", value: (invoice) => ({ kind: "instant", value: invoice.due_at }) },
          cell: (invoice) => (invoice.due_at ? formatDateTime(invoice.due_at) : "—"),
        },
        {
          header: "Total",
          numeric: true,
          sort: { key: "total", value: (invoice) => ({ kind: "decimal", value: invoice.total }) },
          cell: (invoice) => formatMoney(invoice.total, invoice.currency),
        },
        {
          header: "Remaining",
          numeric: true,
          sort: {
            key: "remaining",
            value: (invoice) => ({ kind: "decimal", value: invoice.amount_remaining }),
          },
          cell: (invoice) => formatMoney(invoice.amount_remaining, invoice.currency),
        },
      ]}
    />
  );
}
