// Subscriptions, newest first, filtered by status or customer (kept in the
// address), with their plan in force, period and next billing date.
import { usePagedList } from "../../api/queries.ts";
import type { QueryOf } from "../../api/resources.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { type FilterField, useFilters } from "../../ui/filter-form.tsx";
import { FilteredListPage } from "../../ui/filtered-list-page.tsx";
import { subscriptionStatusLabels } from "./subscription-status.tsx";
import { SubscriptionTable } from "./subscription-table.tsx";

type SubscriptionQuery = QueryOf<"/v1/subscriptions">;

const filterFields: FilterField<keyof SubscriptionQuery>[] = [
  {
    name: "status",
    label: "Status",
    options: [
      { value: "", label: "Any status" },
      ...Object.entries(subscriptionStatusLabels).map(([value, label]) => ({ value, label })),
    ],
  },
  { name: "customer_id", label: "Customer id", hint: "cus_…" },
];

export function SubscriptionListPage() {
  const session = useSignedInSession();
  const filters = useFilters<SubscriptionQuery>(filterFields);
  const list = usePagedList("/v1/subscriptions", { params: { query: { ...filters.query, limit: 50 } } });

  return (
    <FilteredListPage
      title="Subscriptions"
      subtitle="Customers on plans: what each pays for, and when it is billed next."
      create={can(session, "billing:write") && { to: "/subscriptions/new", label: "New subscription" }}
      basePath="/subscriptions"
      fields={filterFields}
      filtered={filters.filtered}
      list={list}
      noun={["subscription", "subscriptions"]}
    >
      {(subscriptions) => (
        <SubscriptionTable subscriptions={subscriptions} label="Subscriptions table" showCustomer />
      )}
    </FilteredListPage>
  );
}
