// A subscription's status at the time of the request, as a badge.
import type { SubscriptionStatus } from "../../api/resources.ts";

export const subscriptionStatusLabels: Record<SubscriptionStatus, string> = {
  scheduled: "Scheduled",
  trialing: "Trialing",
  active: "Active",
  paused: "Paused",
  canceling: "Canceling",
  ended: "Ended",
};

const badgeClasses: Record<SubscriptionStatus, string> = {
  scheduled: "badge badge-scheduled",
  trialing: "badge",
  active: "badge badge-success",
  paused: "badge badge-warning",
  canceling: "badge badge-warning",
  ended: "badge badge-muted",
};

export function SubscriptionStatusBadge({ status }: { status: SubscriptionStatus }) {
  return <span className={badgeClasses[status]}>{subscriptionStatusLabels[status]}</span>;
}
