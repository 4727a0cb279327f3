// Invoices, newest first, filtered by status, customer, subscription or
// issue date (kept in the address); unfiltered, with revenue by month.
import { usePagedList } from "../../api/queries.ts";
import type { QueryOf } from "../../api/resources.ts";
import { Link } from "../../routing/link.tsx";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { FilteredEmptyState, type FilterField, FilterForm, useFilters } from "../../ui/filter-form.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { PagedListView } from "../../ui/paged-list-view.tsx";
import { invoiceStatusLabels } from "./invoice-status.tsx";
import { InvoiceTable } from "./invoice-table.tsx";
import { RevenuePanel } from "./revenue-panel.tsx";

type InvoiceQuery = QueryOf<"/v1/invoices">;

const filterFields: FilterField<keyof InvoiceQuery>[] = [
  {
    name: "status",
    label: "Status",
    options: [
      { value: "", label: "Any status" },
      ...Object.entries(invoiceStatusLabels).map(([value, label]) => ({ value, label })),
    ],
  },
  { name: "customer_id", label: "Customer id", hint: "cus_…" },
  { name: "subscription_id", label: "Subscription id", hint: "sub_…" },
  { name: "issued_from", label: "Issued from", kind: "instant" },
  { name: "issued_to", label: "Issued before", kind: "instant" },
];

export function InvoiceListPage() {
  const session = useSignedInSession();
  const filters = useFilters<InvoiceQuery>(filterFields);
  const list = usePagedList("/v1/invoices", { params: { query: { ...filters.query, limit: 50 } } });

  return (
    <>
      <PageHeader
        title="Invoices"
        subtitle="Every invoice, draft or final, with what is still to be paid."
        actions={
          can(session, "billing:write") && (
            <Link to="/invoices/new" className="button button-primary">
              New one-off invoice
            </Link>
          )
        }
      />
      {!filters.filtered && <RevenuePanel />}
      <FilterForm basePath="/invoices" fields={filterFields} label="Filter invoices" />
      <PagedListView
        list={list}
        noun={["invoice", "invoices"]}
        loadingLabel="Loading invoices…"
        empty={
          <FilteredEmptyState
            filtered={filters.filtered}
            noMatch="No invoice matches these filters."
            none="No invoices yet."
          />
        }
      >
        {(invoices) => <InvoiceTable invoices={invoices} label="Invoices table" showCustomer />}
      </PagedListView>
    </>
  );
}
