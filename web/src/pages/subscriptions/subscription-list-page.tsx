// Subscriptions, newest first, filtered by status or customer (kept in the
// address), with their plan in force, period and next billing date.

import type { Subscription } from "../../api/resources.ts";
import { usePagedList } from "../../api/use-api.ts";
import { Link } from "../../routing/link.tsx";
import { useLocation } from "../../routing/router.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { apiQuery, type FilterField, FilterForm, filterValues, hasFilters } from "../../ui/filter-form.tsx";
import { ListFooter } from "../../ui/list-footer.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../ui/states.tsx";
import { subscriptionStatusLabels } from "./subscription-status.tsx";
import { SubscriptionTable } from "./subscription-table.tsx";

const filterFields: FilterField[] = [
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
  const { query } = useLocation();
  const listQuery = apiQuery(query, filterFields);
  listQuery.set("limit", "50");
  const list = usePagedList<Subscription>(`/v1/subscriptions?${listQuery.toString()}`);
  const filtered = hasFilters(query, filterFields);

  return (
    <>
      <PageHeader
        title="Subscriptions"
        subtitle="Customers on plans: what each pays for, and when it is billed next."
        actions={
          can(session, "billing:write") && (
            <Link to="/subscriptions/new" className="button button-primary">
              New subscription
            </Link>
          )
        }
      />
      <FilterForm
        key={query.toString()}
        basePath="/subscriptions"
        fields={filterFields}
        label="Filter subscriptions"
        initial={filterValues(query, filterFields)}
      />
      {list.state.status === "loading" && <LoadingState label="Loading subscriptions…" />}
      {list.state.status === "error" && <ErrorState error={list.state.error} onRetry={list.reload} />}
      {list.state.status === "ready" && list.state.data.length === 0 && (
        <EmptyState title={filtered ? "No subscription matches these filters." : "No subscriptions yet."} />
      )}
      {list.state.status === "ready" && list.state.data.length > 0 && (
        <SubscriptionTable subscriptions={list.state.data} label="Subscriptions table" showCustomer />
      )}
      <ListFooter list={list} noun={["subscription", "subscriptions"]} />
    </>
  );
}
