// Invoices as a table: number (or draft), customer, status, dates and
// amounts, each linked to its page.

import type { Invoice } from "../../api/resources.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { formatMoney } from "../../format/decimal-format.ts";
import { Link } from "../../routing/link.tsx";
import { customerPath, invoicePath } from "../../routing/routes.ts";
import { TableScroll } from "../../ui/table-scroll.tsx";
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
    <TableScroll label={label}>
      <table className="stacked-on-phone">
        <thead>
          <tr>
            <th scope="col">Invoice</th>
            {showCustomer && <th scope="col">Customer</th>}
            <th scope="col">Status</th>
            <th scope="col">Issued</th>
            <th scope="col">Due</th>
            <th scope="col" className="numeric">
              Total
            </th>
            <th scope="col" className="numeric">
              Remaining
            </th>
          </tr>
        </thead>
        <tbody>
          {invoices.map((invoice) => (
            <tr key={invoice.id}>
              <th scope="row">
                <Link to={invoicePath(invoice.id)}>{invoiceName(invoice)}</Link>
                <span className="actor-id">{invoice.origin.replace("_", "-")}</span>
              </th>
              {showCustomer && (
                <td data-label="Customer">
                  <Link to={customerPath(invoice.customer_id)}>
                    {invoice.buyer?.name ?? invoice.customer_id}
                  </Link>
                </td>
              )}
              <td data-label="Status">
                <InvoiceStatusBadge status={invoice.status} />
              </td>
              <td data-label="Issued">{formatDateTime(invoice.issued_at)}</td>
              <td data-label="Due">{invoice.due_at ? formatDateTime(invoice.due_at) : "—"}</td>
              <td data-label="Total" className="numeric">
                {formatMoney(invoice.total, invoice.currency)}
              </td>
              <td data-label="Remaining" className="numeric">
                {formatMoney(invoice.amount_remaining, invoice.currency)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
