// Invoices, newest first or sorted by a column (by the API), filtered by
// status (overdue too), days overdue, customer, subscription or issue date
// (kept in the address); with receivables by age, and unfiltered, revenue by
// month. Invoices chosen in the table can be finalized, charged again or
// reminded together.
import type { QueryOf } from "../../api/resources.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import type { FilterField } from "../../ui/filter-form.tsx";
import {
  customerIdFilter,
  FilteredListPage,
  statusFilter,
  useFilteredList,
} from "../../ui/filtered-list-page.tsx";
import { labelOptions } from "../../ui/form-field.tsx";
import { useListView } from "../../ui/list-view.tsx";
import { AgeingPanel, ageingLabels } from "./ageing-panel.tsx";
import { InvoiceBulkActions, invoiceTarget, useRowSelection } from "./invoice-bulk-actions.tsx";
import { invoiceStatusLabels } from "./invoice-status.tsx";
import { InvoiceTable, invoiceName } from "./invoice-table.tsx";
import { RevenuePanel } from "./revenue-panel.tsx";

type InvoiceQuery = QueryOf<"/v1/invoices">;

const filterFields: FilterField<keyof InvoiceQuery>[] = [
  statusFilter(invoiceStatusLabels, [{ value: "overdue", label: "Overdue" }]),
  {
    name: "ageing",
    label: "Days overdue",
    options: [{ value: "", label: "Any" }, ...labelOptions(ageingLabels)],
  },
  customerIdFilter,
  { name: "subscription_id", label: "Subscription id", hint: "sub_…" },
  { name: "issued_from", label: "Issued from", kind: "instant" },
  { name: "issued_to", label: "Issued before", kind: "instant" },
];

/** The columns the API sorts by, with its field for each (the customer's name orders the loaded rows). */
const apiSorts = { number: "number", status: "status", issued: "issued_at", due: "due_at", total: "total" };

export function InvoiceListPage() {
  const session = useSignedInSession();
  const view = useListView(25, apiSorts);
  const filteredList = useFilteredList("/v1/invoices", filterFields, 100, view);
  const selection = useRowSelection("invoice", invoiceName);

  return (
    <FilteredListPage
      title="Invoices"
      subtitle="Every invoice, draft or final, with what is still to be paid."
      create={can(session, "billing:write") && { to: "/invoices/new", label: "New one-off invoice" }}
      beforeFilters={
        <>
          <AgeingPanel />
          {!filteredList.filtered && <RevenuePanel />}
        </>
      }
      basePath="/invoices"
      filteredList={filteredList}
      noun={["invoice", "invoices"]}
      view={view}
      csv={{
        header: [
          "id",
          "number",
          "customer",
          "status",
          "issued_at",
          "due_at",
          "currency",
          "total",
          "amount_remaining",
        ],
        row: (invoice) => [
          invoice.id,
          invoice.number ?? "",
          invoice.buyer?.name ?? invoice.customer_id,
          invoice.status,
          invoice.issued_at ?? "",
          invoice.due_at ?? "",
          invoice.currency,
          invoice.total,
          invoice.amount_remaining,
        ],
      }}
    >
      {(invoices) => (
        <>
          <InvoiceBulkActions
            targets={invoices.map(invoiceTarget)}
            chosen={invoices.filter((invoice) => selection.selected.has(invoice.id)).map(invoiceTarget)}
            clear={selection.clear}
          />
          <InvoiceTable
            invoices={invoices}
            label="Invoices table"
            showCustomer
            view={view}
            {...(can(session, "billing:write") || can(session, "finance:write") ? { selection } : {})}
          />
        </>
      )}
    </FilteredListPage>
  );
}
