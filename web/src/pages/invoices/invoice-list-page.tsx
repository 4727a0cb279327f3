// Invoices, newest first, filtered by status, customer, subscription or
// issue date (kept in the address); unfiltered, with revenue by month.

import type { Invoice } from "../../api/resources.ts";
import { usePagedList } from "../../api/use-api.ts";
import { Link } from "../../routing/link.tsx";
import { useLocation } from "../../routing/router.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { apiQuery, type FilterField, FilterForm, filterValues, hasFilters } from "../../ui/filter-form.tsx";
import { ListFooter } from "../../ui/list-footer.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../ui/states.tsx";
import { invoiceStatusLabels } from "./invoice-status.tsx";
import { InvoiceTable } from "./invoice-table.tsx";
import { RevenuePanel } from "./revenue-panel.tsx";

const filterFields: FilterField[] = [
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
  const { query } = useLocation();
  const listQuery = apiQuery(query, filterFields);
  listQuery.set("limit", "50");
  const list = usePagedList<Invoice>(`/v1/invoices?${listQuery.toString()}`);
  const filtered = hasFilters(query, filterFields);

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
      {!filtered && <RevenuePanel />}
      <FilterForm
        key={query.toString()}
        basePath="/invoices"
        fields={filterFields}
        label="Filter invoices"
        initial={filterValues(query, filterFields)}
      />
      {list.state.status === "loading" && <LoadingState label="Loading invoices…" />}
      {list.state.status === "error" && <ErrorState error={list.state.error} onRetry={list.reload} />}
      {list.state.status === "ready" && list.state.data.length === 0 && (
        <EmptyState title={filtered ? "No invoice matches these filters." : "No invoices yet."} />
      )}
      {list.state.status === "ready" && list.state.data.length > 0 && (
        <InvoiceTable invoices={list.state.data} label="Invoices table" showCustomer />
      )}
      <ListFooter list={list} noun={["invoice", "invoices"]} />
    </>
  );
}
