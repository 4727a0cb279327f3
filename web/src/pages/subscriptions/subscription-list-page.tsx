// Subscriptions, newest first, filtered by status or customer (kept in the
// address), with their plan in force, period and next billing date.
import type { QueryOf } from "../../api/resources.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import type { FilterField } from "../../ui/filter-form.tsx";
import {
  customerIdFilter,
  FilteredListPage,
  statusFilter,
  useFilteredList,
} from "../../ui/filtered-list-page.tsx";
import { useListView } from "../../ui/list-view.tsx";
import { subscriptionStatusLabels } from "./subscription-status.tsx";
import { SubscriptionTable } from "./subscription-table.tsx";

type SubscriptionQuery = QueryOf<"/v1/subscriptions">;

const filterFields: FilterField<keyof SubscriptionQuery>[] = [
  statusFilter(subscriptionStatusLabels),
  customerIdFilter,
];

/** The columns the API sorts by, with its field for each (the others order the loaded rows). */
const apiSorts = { next_billing: "next_billing_at" };

export function SubscriptionListPage() {
  const session = useSignedInSession();
  const view = useListView(25, apiSorts);
  const filteredList = useFilteredList("/v1/subscriptions", filterFields, 100, view);

  return (
    <FilteredListPage
      title="Subscriptions"
      subtitle="Customers on plans: what each pays for, and when it is billed next."
      create={can(session, "billing:write") && { to: "/subscriptions/new", label: "New subscription" }}
      basePath="/subscriptions"
      filteredList={filteredList}
      noun={["subscription", "subscriptions"]}
      view={view}
      csv={{
        header: [
          "id",
          "external_id",
          "customer_id",
          "plan",
          "version",
          "status",
          "currency",
          "next_billing_at",
        ],
        row: (subscription) => [
          subscription.id,
          subscription.external_id ?? "",
          subscription.customer_id,
          subscription.current_plan.plan_code,
          String(subscription.current_plan.version),
          subscription.status,
          subscription.currency,
          subscription.next_billing_at ?? "",
        ],
      }}
    >
      {(subscriptions) => (
        <SubscriptionTable
          subscriptions={subscriptions}
          label="Subscriptions table"
          showCustomer
          view={view}
        />
      )}
    </FilteredListPage>
  );
}
