// Invoices as a table: number (or draft), customer, status, dates and
// amounts, each linked to its page.
import type { Invoice } from "../../api/resources.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { formatMoney } from "../../format/decimal-format.ts";
import { Link } from "../../routing/link.tsx";
import { customerPath, invoicePath } from "../../routing/routes.ts";
import { DataTable } from "../../ui/data-table.tsx";
import { InvoiceStatusBadge } from "./invoice-status.tsx";

export function invoiceName(invoice: Pick<Invoice, "number" | "id">): string {
  return invoice.number ?? `Draft ${invoice.id}`;
}

export function InvoiceTable({
  invoices,
  label,
  showCustomer,
}: {
  invoices: Invoice[];
  label: string;
  showCustomer: boolean;
}) {
  return (
    <DataTable
      label={label}
      rows={invoices}
      rowKey={(invoice) => invoice.id}
      columns={[
        {
          header: "Invoice",
          cell: (invoice) => (
            <>
              <Link to={invoicePath(invoice.id)}>{invoiceName(invoice)}</Link>
              <span className="actor-id">{invoice.origin.replace("_", "-")}</span>
            </>
          ),
        },
        showCustomer && {
          header: "Customer",
          cell: (invoice) => (
            <Link to={customerPath(invoice.customer_id)}>{invoice.buyer?.name ?? invoice.customer_id}</Link>
          ),
        },
        { header: "Status", cell: (invoice) => <InvoiceStatusBadge invoice={invoice} /> },
        { header: "Issued", cell: (invoice) => formatDateTime(invoice.issued_at) },
        { header: "Due", cell: (invoice) => (invoice.due_at ? formatDateTime(invoice.due_at) : "—") },
        { header: "Total", numeric: true, cell: (invoice) => formatMoney(invoice.total, invoice.currency) },
        {
          header: "Remaining",
          numeric: true,
          cell: (invoice) => formatMoney(invoice.amount_remaining, invoice.currency),
        },
      ]}
    />
  );
}
