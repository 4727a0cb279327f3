// A customer's subscriptions, with a way to subscribe the customer to a plan.
import { usePagedList } from "../../api/queries.ts";
import { Link } from "../../routing/link.tsx";
import { PagedListView } from "../../ui/paged-list-view.tsx";
import { Panel } from "../../ui/panel.tsx";
import { SubscriptionTable } from "../subscriptions/subscription-table.tsx";

export function CustomerSubscriptions({ customerId, writable }: { customerId: string; writable: boolean }) {
  const list = usePagedList("/v1/subscriptions", {
    params: { query: { customer_id: customerId, limit: 20 } },
  });
  return (
    <Panel
      title="Subscriptions"
      actions={
        writable && (
          <Link
            to={`/subscriptions/new?customer_id=${encodeURIComponent(customerId)}`}
            className="button button-small"
          >
            New subscription
          </Link>
        )
      }
    >
      <PagedListView list={list} noun={["subscription", "subscriptions"]} empty="No subscriptions.">
        {(subscriptions) => (
          <SubscriptionTable
            subscriptions={subscriptions}
            label="Customer subscriptions table"
            showCustomer={false}
          />
        )}
      </PagedListView>
    </Panel>
  );
}
