// A customer's subscriptions, with a way to subscribe the customer to a plan.

import type { Subscription } from "../../api/resources.ts";
import { usePagedList } from "../../api/use-api.ts";
import { Link } from "../../routing/link.tsx";
import { ListFooter } from "../../ui/list-footer.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../ui/states.tsx";
import { SubscriptionTable } from "../subscriptions/subscription-table.tsx";

export function CustomerSubscriptions({ customerId, writable }: { customerId: string; writable: boolean }) {
  const list = usePagedList<Subscription>(
    `/v1/subscriptions?customer_id=${encodeURIComponent(customerId)}&limit=20`,
  );
  return (
    <section className="panel" aria-labelledby="customer-subscriptions-title">
      <div className="panel-heading">
        <h2 id="customer-subscriptions-title">Subscriptions</h2>
        {writable && (
          <Link
            to={`/subscriptions/new?customer_id=${encodeURIComponent(customerId)}`}
            className="button button-small"
          >
            New subscription
          </Link>
        )}
      </div>
      {list.state.status === "loading" && <LoadingState label="Loading subscriptions…" />}
      {list.state.status === "error" && <ErrorState error={list.state.error} onRetry={list.reload} />}
      {list.state.status === "ready" && list.state.data.length === 0 && (
        <EmptyState title="No subscriptions." />
      )}
      {list.state.status === "ready" && list.state.data.length > 0 && (
        <SubscriptionTable
          subscriptions={list.state.data}
          label="Customer subscriptions table"
          showCustomer={false}
        />
      )}
      <ListFooter list={list} noun={["subscription", "subscriptions"]} />
    </section>
  );
}
