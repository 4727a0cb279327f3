// Subscriptions as a table: plan in force, status, current period and next
// billing date, each linked to its page (and to its customer, where the
// table lists several customers' subscriptions).

import type { Subscription } from "../../api/resources.ts";
import { formatDateTime, formatPeriodBound } from "../../format/date-format.ts";
import { Link } from "../../routing/link.tsx";
import { customerPath, planVersionPath, subscriptionPath } from "../../routing/routes.ts";
import { DataTable } from "../../ui/data-table.tsx";
import type { ListView } from "../../ui/list-view.tsx";
import { SubscriptionStatusBadge } from "./subscription-status.tsx";

export function SubscriptionTable({
  subscriptions,
  label,
  showCustomer,
  view,
}: {
  subscriptions: Subscription[];
  label: string;
  showCustomer: boolean;
  /** Sorted by a column and cut into pages (the subscription list). */
  view?: ListView;
}) {
  return (
    <DataTable
      label={label}
      rows={subscriptions}
      rowKey={(subscription) => subscription.id}
      {...(view ? { view } : {})}
      columns={[
        {
          header: "Subscription",
          cell: (subscription) => (
            <>
              <Link to={subscriptionPath(subscription.id)}>{subscription.id}</Link>
              {subscription.external_id && <span className="actor-id">{subscription.external_id}</span>}
            </>
          ),
        },
        showCustomer && {
          header: "Customer",
          sort: {
            key: "customer",
            value: (subscription) => ({ kind: "text", value: subscription.customer_id }),
          },
          cell: (subscription) => (
            <Link to={customerPath(subscription.customer_id)}>{subscription.customer_id}</Link>
          ),
        },
        {
          header: "Plan",
          sort: {
            key: "plan",
            value: (subscription) => ({ kind: "text", value: subscription.current_plan.plan_code }),
          },
          cell: ({ current_plan: plan, currency, billing }) => (
            <>
              <Link to={planVersionPath(plan.plan_id, plan.version)}>
                {plan.plan_code} v{plan.version}
              </Link>
              <span className="actor-id">
                {currency}, {billing}
              </span>
            </>
          ),
        },
        {
          header: "Status",
          sort: { key: "status", value: (subscription) => ({ kind: "text", value: subscription.status }) },
          cell: (subscription) => <SubscriptionStatusBadge status={subscription.status} />,
        },
        {
          header: "Current period",
          cell: (subscription) =>
            subscription.current_period_start && subscription.current_period_end
              ? `${formatPeriodBound(subscription.current_period_start, subscription.timezone)} – ${formatPeriodBound(subscription.current_period_end, subscription.timezone)}`
              : "—",
        },
        {
          header: "Next billing",
          sort: {
            key: "next_billing",
            value: (subscription) => ({ kind: "instant", value: subscription.next_billing_at }),
          },
          cell: (subscription) =>
            subscription.next_billing_at ? formatDateTime(subscription.next_billing_at) : "—",
        },
      ]}
    />
  );
}
