// Disputes, newest first, filtered by status or customer (kept in the
// address): who disputed which invoice for how much and why, and how each
// was resolved (credited with a credit note, or rejected with a note).
import type { QueryOf } from "../../api/resources.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { formatMoney } from "../../format/decimal-format.ts";
import { Link } from "../../routing/link.tsx";
import { customerPath, invoicePath } from "../../routing/routes.ts";
import { DataTable } from "../../ui/data-table.tsx";
import type { FilterField } from "../../ui/filter-form.tsx";
import {
  customerIdFilter,
  FilteredListPage,
  invoiceIdFilter,
  statusFilter,
  useFilteredList,
} from "../../ui/filtered-list-page.tsx";
import { useCustomerNames } from "../customers/customer-names.ts";

type DisputeQuery = QueryOf<"/v1/disputes">;

const statusLabels = { open: "Open", credited: "Credited", rejected: "Rejected" } as const;

const filterFields: FilterField<keyof DisputeQuery>[] = [
  statusFilter(statusLabels),
  customerIdFilter,
  invoiceIdFilter,
];

export function DisputeListPage() {
  const filteredList = useFilteredList("/v1/disputes", filterFields, 50);
  const customerName = useCustomerNames();

  return (
    <FilteredListPage
      title="Disputes"
      subtitle="Invoices a customer contested, and how each dispute was resolved."
      basePath="/disputes"
      filteredList={filteredList}
      noun={["dispute", "disputes"]}
      csv={{
        header: [
          "id",
          "opened_at",
          "customer",
          "invoice_id",
          "status",
          "reason",
          "currency",
          "amount",
          "resolved_at",
        ],
        row: (dispute) => [
          dispute.id,
          dispute.opened_at,
          customerName(dispute.customer_id),
          dispute.invoice_id,
          dispute.status,
          dispute.reason,
          dispute.currency,
          dispute.amount,
          dispute.resolved_at ?? "",
        ],
      }}
    >
      {(disputes) => (
        <DataTable
          label="Disputes table"
          rows={disputes}
          rowKey={(dispute) => dispute.id}
          columns={[
            { header: "Opened", cell: (dispute) => formatDateTime(dispute.opened_at) },
            {
              header: "Customer",
              cell: (dispute) => (
                <Link to={customerPath(dispute.customer_id)}>{customerName(dispute.customer_id)}</Link>
              ),
            },
            {
              header: "Invoice",
              cell: (dispute) => <Link to={invoicePath(dispute.invoice_id)}>{dispute.invoice_id}</Link>,
            },
            { header: "Reason", cell: (dispute) => dispute.reason },
            {
              header: "Status",
              cell: (dispute) => (
                <>
                  {statusLabels[dispute.status]}
                  {dispute.resolved_at && (
                    <span className="actor-id">{formatDateTime(dispute.resolved_at)}</span>
                  )}
                </>
              ),
            },
            {
              header: "Amount",
              numeric: true,
              cell: (dispute) => formatMoney(dispute.amount, dispute.currency),
            },
          ]}
        />
      )}
    </FilteredListPage>
  );
}
