// A customer's subscriptions that a form narrows something to (a coupon, an
// alert): first the choice of none, then each subscription by its plan.
import type { Subscription } from "../../api/resources.ts";

export function subscriptionOptions(
  subscriptions: readonly Subscription[] | undefined,
  noneLabel: string,
): { value: string; label: string }[] {
  return [
    { value: "", label: noneLabel },
    ...(subscriptions ?? []).map((subscription) => ({
      value: subscription.id,
      label: `Only ${subscription.current_plan.plan_code} (${subscription.id})`,
    })),
  ];
}
