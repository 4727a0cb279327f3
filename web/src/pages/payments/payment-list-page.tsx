// Payments and their refunds, newest first or sorted by a column, filtered by
// status or customer (kept in the address): each with its customer by name,
// its invoice, how it was made, and why it failed when it did. The invoices
// of failed payments chosen in the table can be charged again together.
import type { ListItem } from "../../api/queries.ts";
import type { QueryOf } from "../../api/resources.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { formatMoney } from "../../format/decimal-format.ts";
import { Link } from "../../routing/link.tsx";
import { customerPath, invoicePath } from "../../routing/routes.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { DataTable } from "../../ui/data-table.tsx";
import type { FilterField } from "../../ui/filter-form.tsx";
import {
  customerIdFilter,
  FilteredListPage,
  invoiceIdFilter,
  statusFilter,
  useFilteredList,
} from "../../ui/filtered-list-page.tsx";
import { useListView } from "../../ui/list-view.tsx";
import { useCustomerNames } from "../customers/customer-names.ts";
import { useExternalLinkCells } from "../integrations/external-links.tsx";
import { type BulkTarget, InvoiceBulkActions, useRowSelection } from "../invoices/invoice-bulk-actions.tsx";

type PaymentQuery = QueryOf<"/v1/payments">;

const statusLabels = { pending: "Pending", succeeded: "Succeeded", failed: "Failed" } as const;

const filterFields: FilterField<keyof PaymentQuery>[] = [
  statusFilter(statusLabels),
  customerIdFilter,
  invoiceIdFilter,
];

const methodLabels: Record<string, string> = {
  card: "Card",
  bank_transfer: "Bank transfer",
  cheque: "Cheque",
  cash: "Cash",
  other: "Other",
};

/** The columns the API sorts by, with its field for each (the others order the loaded rows). */
const apiSorts = { received: "received_at", status: "status", amount: "amount" };

type Payment = ListItem<"/v1/payments">;

/** A payment as the bulk retry sees it: a failed one asks for its invoice to be charged again. */
function paymentTarget(payment: Payment): BulkTarget {
  return {
    invoiceId: payment.invoice_id,
    name: `Invoice ${payment.invoice_id}`,
    actions: payment.status === "failed" ? ["collect"] : [],
  };
}

export function PaymentListPage() {
  const session = useSignedInSession();
  const selection = useRowSelection<Payment>(
    "payment",
    (payment) => `payment ${payment.id} of invoice ${payment.invoice_id}`,
  );
  const view = useListView(25, apiSorts);
  const filteredList = useFilteredList("/v1/payments", filterFields, 100, view);
  const customerName = useCustomerNames();
  const externalLinks = useExternalLinkCells(
    "payment",
    (filteredList.list.data ?? []).map((payment) => payment.id),
  );

  return (
    <FilteredListPage
      title="Payments"
      subtitle="Every payment recorded or collected, with its refunds and why a failed one failed."
      basePath="/payments"
      filteredList={filteredList}
      noun={["payment", "payments"]}
      view={view}
      csv={{
        header: [
          "id",
          "received_at",
          "customer",
          "invoice_id",
          "status",
          "method",
          "currency",
          "amount",
          "amount_refunded",
        ],
        row: (payment) => [
          payment.id,
          payment.received_at ?? payment.created_at,
          customerName(payment.customer_id),
          payment.invoice_id,
          payment.status,
          payment.method,
          payment.currency,
          payment.amount,
          payment.amount_refunded,
        ],
      }}
    >
      {(payments) => (
        <>
          <InvoiceBulkActions
            targets={payments.map(paymentTarget)}
            chosen={payments.filter((payment) => selection.selected.has(payment.id)).map(paymentTarget)}
            clear={selection.clear}
            offered={["collect"]}
            noun={["payment", "payments"]}
          />
          <DataTable
            label="Payments table"
            rows={payments}
            rowKey={(payment) => payment.id}
            view={view}
            {...(can(session, "finance:write") ? { selection } : {})}
            columns={[
              {
                header: "Payment",
                sort: {
                  key: "received",
                  value: (payment) => ({ kind: "instant", value: payment.received_at ?? payment.created_at }),
                },
                cell: (payment) => (
                  <>
                    {formatDateTime(payment.received_at ?? payment.created_at)}
                    <span className="actor-id">{payment.id}</span>
                  </>
                ),
              },
              {
                header: "Customer",
                sort: {
                  key: "customer",
                  value: (payment) => ({ kind: "text", value: customerName(payment.customer_id) }),
                },
                cell: (payment) => (
                  <Link to={customerPath(payment.customer_id)}>{customerName(payment.customer_id)}</Link>
                ),
              },
              {
                header: "Invoice",
                cell: (payment) => <Link to={invoicePath(payment.invoice_id)}>{payment.invoice_id}</Link>,
              },
              {
                header: "Status",
                sort: { key: "status", value: (payment) => ({ kind: "text", value: payment.status }) },
                cell: (payment) => (
                  <>
                    {statusLabels[payment.status]}
                    {payment.failure?.message && <span className="actor-id">{payment.failure.message}</span>}
                  </>
                ),
              },
              ...(externalLinks === undefined
                ? []
                : [
                    {
                      header: "In connected systems",
                      cell: (payment: { id: string }) => externalLinks(payment.id),
                    },
                  ]),
              {
                header: "Method",
                cell: (payment) =>
                  `${methodLabels[payment.method] ?? payment.method}${payment.provider === "stripe" ? " via Stripe" : ""}`,
              },
              {
                header: "Amount",
                numeric: true,
                sort: { key: "amount", value: (payment) => ({ kind: "decimal", value: payment.amount }) },
                cell: (payment) => formatMoney(payment.amount, payment.currency),
              },
              {
                header: "Refunded",
                numeric: true,
                cell: (payment) =>
                  Number(payment.amount_refunded) === 0
                    ? "—"
                    : formatMoney(payment.amount_refunded, payment.currency),
              },
            ]}
          />
        </>
      )}
    </FilteredListPage>
  );
}
