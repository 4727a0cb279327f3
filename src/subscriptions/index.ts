// The front door of subscriptions: subscriptions and their timelines (plan
// changes, cancellations, pauses), price overrides, and what billing reads
// about them.
// Other domains import only from here; everything else in the folder is private to it.
export {
  applyOverrides,
  type EffectiveOverride,
  overridesOfPlan,
  slotOf,
  toRateChange,
} from "./apply-overrides.ts";
export {
  type BillableSubscription,
  billableSubscriptionsOf,
  billableSubscriptionsOfCustomers,
  billSubscriptionsFrom,
  customersBilledProgressively,
  customersDueForBilling,
  customersWithSubscriptionsToBill,
  markSubscriptionBilled,
  markSubscriptionsBilled,
} from "./billable-subscriptions.ts";
export { planVersionsInForce, subscriptionCustomerOf } from "./customer-subscriptions.ts";
export { makeApprovedPlanChange } from "./plan-change-approvals.ts";
export { choosePlanVersion } from "./plan-choice.ts";
export {
  migratedSubscriptionChanges,
  moveSubscriptionsToVersion,
  type PlanMigrationTerms,
  type PlannedMove,
  planMigrationMoves,
  type RevertedMove,
  revertMigratedChanges,
} from "./plan-migration-moves.ts";
export { registerPriceOverrideRoutes } from "./price-override-routes.ts";
export { type PriceOverrideDocument, PriceOverrideDocumentSchema } from "./price-override-schemas.ts";
export {
  overrideFitProblems,
  priceOverridesOfSubscriptions,
  subscriptionPriceOverrides,
} from "./price-overrides.ts";
export {
  cancelSubscription,
  changePlan,
  planChangeApproval,
  planChangeOf,
} from "./subscription-changes.ts";
export { pauseSubscription } from "./subscription-pauses.ts";
export { quantityChangeOf } from "./subscription-quantities.ts";
export { registerSubscriptionRoutes } from "./subscription-routes.ts";
export {
  ChangePlanBody,
  type ChangePlanInput,
  ChangeQuantityBody,
  type ChangeQuantityInput,
  SubscriptionIdParams,
  SubscriptionSchema,
  type SubscriptionView,
} from "./subscription-schemas.ts";
export { loadTimelines, selectSubscriptions } from "./subscription-store.ts";
export { pauseAt, planVersionAt, trialEndOf } from "./subscription-timeline.ts";
export { subscriptionWebhookEvents } from "./subscription-webhook-events.ts";
export { createSubscription, getSubscription, listSubscriptions } from "./subscriptions.ts";
export type { MigrationTiming } from "./tables.ts";
export { subscriptionWarehouseRows } from "./warehouse-rows.ts";
