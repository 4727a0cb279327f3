// Customers: search and filters (kept in the address, so a filtered list can
// be shared or reloaded), a table, and "Load more" over the API's cursor.
import { type FormEvent, useState } from "react";
import type { Customer } from "../../api/api-types.ts";
import { usePagedList } from "../../api/use-api.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { Link } from "../../routing/link.tsx";
import { navigate, useLocation } from "../../routing/router.ts";
import { customerPath } from "../../routing/routes.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { SelectField, TextField } from "../../ui/form-field.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../ui/states.tsx";
import { TableScroll } from "../../ui/table-scroll.tsx";

const filterNames = ["search", "country", "currency", "archived"] as const;
type Filters = Record<(typeof filterNames)[number], string>;

function filtersOf(query: URLSearchParams): Filters {
  return {
    search: query.get("search") ?? "",
    country: query.get("country") ?? "",
    currency: query.get("currency") ?? "",
    archived: query.get("archived") === "true" ? "true" : "",
  };
}

function queryOf(filters: Filters): URLSearchParams {
  const query = new URLSearchParams();
  for (const name of filterNames) {
    const value = filters[name].trim();
    if (value !== "")
      query.set(name, name === "country" || name === "currency" ? value.toUpperCase() : value);
  }
  return query;
}

export function CustomerListPage() {
  const session = useSignedInSession();
  const { query } = useLocation();
  const applied = filtersOf(query);
  const apiQuery = queryOf(applied);
  apiQuery.set("limit", "20");
  const list = usePagedList<Customer>(`/v1/customers?${apiQuery.toString()}`);
  const filtered = queryOf(applied).size > 0;

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
      <CustomerFilters key={query.toString()} initial={applied} />
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
          <div className="list-footer">
            <p role="status" aria-live="polite">
              Showing {list.state.data.length} {list.state.data.length === 1 ? "customer" : "customers"}
              {list.hasMore ? "; more are available." : "."}
            </p>
            {list.hasMore && (
              <button type="button" className="button" onClick={list.loadMore} disabled={list.loadingMore}>
                {list.loadingMore ? "Loading…" : "Load more"}
              </button>
            )}
          </div>
          {list.loadMoreError && <ErrorState error={list.loadMoreError} onRetry={list.loadMore} />}
        </>
      )}
    </>
  );
}

function CustomerFilters({ initial }: { initial: Filters }) {
  const [filters, setFilters] = useState(initial);
  const set = (name: keyof Filters) => (value: string) =>
    setFilters((previous) => ({ ...previous, [name]: value }));

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const query = queryOf(filters).toString();
    navigate(query === "" ? "/customers" : `/customers?${query}`);
  };

  return (
    <search>
      <form className="filters" onSubmit={apply} aria-label="Filter customers">
        <TextField
          label="Search"
          type="search"
          name="search"
          hint="Part of the name, email or external id."
          value={filters.search}
          onValueChange={set("search")}
        />
        <TextField
          label="Country"
          name="country"
          value={filters.country}
          onValueChange={set("country")}
          maxLength={2}
          className="input-short"
        />
        <TextField
          label="Currency"
          name="currency"
          value={filters.currency}
          onValueChange={set("currency")}
          maxLength={3}
          className="input-short"
        />
        <SelectField
          label="Status"
          name="archived"
          value={filters.archived}
          onValueChange={set("archived")}
          options={[
            { value: "", label: "Active" },
            { value: "true", label: "Archived" },
          ]}
        />
        <div className="filters-actions">
          <button type="submit" className="button">
            Apply filters
          </button>
        </div>
      </form>
    </search>
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
