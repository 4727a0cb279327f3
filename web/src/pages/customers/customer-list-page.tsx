// Customers: search and filters (kept in the address, so a filtered list can
// be shared or reloaded), a table, and "Load more" over the API's cursor.

import type { Customer } from "../../api/resources.ts";
import { usePagedList } from "../../api/use-api.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { Link } from "../../routing/link.tsx";
import { useLocation } from "../../routing/router.ts";
import { customerPath } from "../../routing/routes.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { apiQuery, type FilterField, FilterForm, filterValues, hasFilters } from "../../ui/filter-form.tsx";
import { ListFooter } from "../../ui/list-footer.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../ui/states.tsx";
import { TableScroll } from "../../ui/table-scroll.tsx";

const filterFields: FilterField[] = [
  { name: "search", label: "Search", kind: "search", hint: "Part of the name, email or external id." },
  { name: "country", label: "Country", kind: "code" },
  { name: "currency", label: "Currency", kind: "code" },
  {
    name: "archived",
    label: "Status",
    options: [
      { value: "", label: "Active" },
      { value: "true", label: "Archived" },
    ],
  },
];

export function CustomerListPage() {
  const session = useSignedInSession();
  const { query } = useLocation();
  const listQuery = apiQuery(query, filterFields);
  listQuery.set("limit", "20");
  const list = usePagedList<Customer>(`/v1/customers?${listQuery.toString()}`);
  const filtered = hasFilters(query, filterFields);

  return (
    <>
      <PageHeader
        title="Customers"
        subtitle="The accounts you bill, with their billing details."
        actions={
          can(session, "customers:write") && (
            <Link to="/customers/new" className="button button-primary">
              New customer
            </Link>
          )
        }
      />
      <FilterForm
        key={query.toString()}
        basePath="/customers"
        fields={filterFields}
        label="Filter customers"
        initial={filterValues(query, filterFields)}
      />
      {list.state.status === "loading" && <LoadingState label="Loading customers…" />}
      {list.state.status === "error" && <ErrorState error={list.state.error} onRetry={list.reload} />}
      {list.state.status === "ready" && list.state.data.length === 0 && (
        <EmptyState title={filtered ? "No customer matches these filters." : "No customers yet."}>
          {filtered ? (
            <p>
              <Link to="/customers">Clear the filters</Link> to see every customer.
            </p>
          ) : (
            <p>Create one with the New customer button, or through the API (POST /v1/customers).</p>
          )}
        </EmptyState>
      )}
      {list.state.status === "ready" && list.state.data.length > 0 && (
        <>
          <CustomerTable customers={list.state.data} />
          <ListFooter list={list} noun={["customer", "customers"]} />
        </>
      )}
    </>
  );
}

function CustomerTable({ customers }: { customers: Customer[] }) {
  return (
    <TableScroll label="Customers table">
      <table className="stacked-on-phone">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">External id</th>
            <th scope="col">Email</th>
            <th scope="col">Country</th>
            <th scope="col">Currency</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {customers.map((customer) => (
            <tr key={customer.id}>
              <th scope="row">
                <Link to={customerPath(customer.id)}>{customer.name ?? customer.external_id}</Link>
              </th>
              <td data-label="External id">
                <code>{customer.external_id}</code>
              </td>
              <td data-label="Email">{customer.email ?? "—"}</td>
              <td data-label="Country">{customer.country ?? "—"}</td>
              <td data-label="Currency">{customer.currency ?? "—"}</td>
              <td data-label="Created">{formatDateTime(customer.created_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
