// Customers: search and filters (kept in the address, so a filtered list can
// be shared or reloaded), a table, and "Load more" over the API's cursor.
import type { QueryOf } from "../../api/resources.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { Link } from "../../routing/link.tsx";
import { customerPath } from "../../routing/routes.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { DataTable } from "../../ui/data-table.tsx";
import type { FilterField } from "../../ui/filter-form.tsx";
import { archivedFilter, FilteredListPage, useFilteredList } from "../../ui/filtered-list-page.tsx";
import { useListView } from "../../ui/list-view.tsx";

type CustomerQuery = QueryOf<"/v1/customers">;

const filterFields: FilterField<keyof CustomerQuery>[] = [
  { name: "search", label: "Search", kind: "search", hint: "Part of the name, email or external id." },
  { name: "country", label: "Country", kind: "code" },
  { name: "currency", label: "Currency", kind: "code" },
  archivedFilter("Status", ["Active", "Archived"]),
];

/** The columns the API sorts by, with its field for each (the others order the loaded rows). */
const apiSorts = { name: "name", external_id: "external_id", email: "email", created: "created_at" };

export function CustomerListPage() {
  const session = useSignedInSession();
  const view = useListView(20, apiSorts);
  const filteredList = useFilteredList("/v1/customers", filterFields, 100, view);

  return (
    <FilteredListPage
      title="Customers"
      subtitle="The accounts you bill, with their billing details."
      create={can(session, "customers:write") && { to: "/customers/new", label: "New customer" }}
      basePath="/customers"
      filteredList={filteredList}
      noun={["customer", "customers"]}
      view={view}
      empty={{
        clearShows: "every customer",
        hint: <p>Create one with the New customer button, or through the API (POST /v1/customers).</p>,
      }}
      csv={{
        header: ["id", "external_id", "name", "email", "country", "currency", "created_at"],
        row: (customer) => [
          customer.id,
          customer.external_id,
          customer.name ?? "",
          customer.email ?? "",
          customer.country ?? "",
          customer.currency ?? "",
          customer.created_at,
        ],
      }}
    >
      {(customers) => (
        <DataTable
          label="Customers table"
          rows={customers}
          rowKey={(customer) => customer.id}
          view={view}
          columns={[
            {
              header: "Name",
              sort: {
                key: "name",
                value: (customer) => ({ kind: "text", value: customer.name ?? customer.external_id }),
              },
              cell: (customer) => (
                <Link to={customerPath(customer.id)}>{customer.name ?? customer.external_id}</Link>
              ),
            },
            {
              header: "External id",
              sort: {
                key: "external_id",
                value: (customer) => ({ kind: "text", value: customer.external_id }),
              },
              cell: (customer) => <code>{customer.external_id}</code>,
            },
            {
              header: "Email",
              sort: { key: "email", value: (customer) => ({ kind: "text", value: customer.email }) },
              cell: (customer) => customer.email ?? "—",
            },
            {
              header: "Country",
              sort: { key: "country", value: (customer) => ({ kind: "text", value: customer.country }) },
              cell: (customer) => customer.country ?? "—",
            },
            {
              header: "Currency",
              sort: { key: "currency", value: (customer) => ({ kind: "text", value: customer.currency }) },
              cell: (customer) => customer.currency ?? "—",
            },
            {
              header: "Created",
              sort: {
                key: "created",
                value: (customer) => ({ kind: "instant", value: customer.created_at }),
              },
              cell: (customer) => formatDateTime(customer.created_at),
            },
          ]}
        />
      )}
    </FilteredListPage>
  );
}
