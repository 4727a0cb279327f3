// Subscriptions as a table: plan in force, status, current period and next
// billing date, each linked to its page (and to its customer, where the
// table lists several customers' subscriptions).

import type { Subscription } from "../../api/resources.ts";
import { formatDateTime, formatPeriodBound } from "../../format/date-format.ts";
import { Link } from "../../routing/link.tsx";
import { customerPath, planVersionPath, subscriptionPath } from "../../routing/routes.ts";
import { TableScroll } from "../../ui/table-scroll.tsx";
import { SubscriptionStatusBadge } from "./subscription-status.tsx";

export function SubscriptionTable({
  subscriptions,
  label,
  showCustomer,
}: {
  subscriptions: Subscription[];
  label: string;
  showCustomer: boolean;
}) {
  return (
    <TableScroll label={label}>
      <table className="stacked-on-phone">
        <thead>
          <tr>
            <th scope="col">Subscription</th>
            {showCustomer && <th scope="col">Customer</th>}
            <th scope="col">Plan</th>
            <th scope="col">Status</th>
            <th scope="col">Current period</th>
            <th scope="col">Next billing</th>
          </tr>
        </thead>
        <tbody>
          {subscriptions.map((subscription) => (
            <tr key={subscription.id}>
              <th scope="row">
                <Link to={subscriptionPath(subscription.id)}>{subscription.id}</Link>
                {subscription.external_id && <span className="actor-id">{subscription.external_id}</span>}
              </th>
              {showCustomer && (
                <td data-label="Customer">
                  <Link to={customerPath(subscription.customer_id)}>{subscription.customer_id}</Link>
                </td>
              )}
              <td data-label="Plan">
                <Link
                  to={planVersionPath(subscription.current_plan.plan_id, subscription.current_plan.version)}
                >
                  {subscription.current_plan.plan_code} v{subscription.current_plan.version}
                </Link>
                <span className="actor-id">
                  {subscription.currency}, {subscription.billing}
                </span>
              </td>
              <td data-label="Status">
                <SubscriptionStatusBadge status={subscription.status} />
              </td>
              <td data-label="Current period">
                {subscription.current_period_start && subscription.current_period_end
                  ? `${formatPeriodBound(subscription.current_period_start, subscription.timezone)} – ${formatPeriodBound(subscription.current_period_end, subscription.timezone)}`
                  : "—"}
              </td>
              <td data-label="Next billing">
                {subscription.next_billing_at ? formatDateTime(subscription.next_billing_at) : "—"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
