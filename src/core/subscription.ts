// A subscription's timeline as the engine sees it: where it starts, on which
// plan, how its periods align, and what changes later. Plain data.
import type { BillingAlignment } from "./billing-periods.ts";
import type { Instant } from "./instant.ts";

export type PlanChange = {
  readonly type: "change_plan";
  readonly at: Instant;
  readonly planCode: string;
};

export type Cancellation = {
  readonly type: "cancel";
  readonly at: Instant;
  /** `immediate` ends the subscription at `at`; `period_end` at the end of the period containing `at`. */
  readonly mode: "immediate" | "period_end";
};

export type SubscriptionChange = PlanChange | Cancellation;

/** A new quantity of a fixed charge from `at` on (scenario format v2, V9). */
export type QuantityChange = {
  readonly at: Instant;
  readonly chargeId: string;
  /** A whole number of units, 0 or more. */
  readonly quantity: number;
};

export type Subscription = {
  readonly planCode: string;
  readonly start: Instant;
  /** IANA zone in which periods and proration days are counted. */
  readonly timeZone: string;
  readonly alignment: BillingAlignment;
  /** Local calendar days billed nothing; the first period starts when they end. */
  readonly trialDays: number;
  /** In order of `at` (ties in the order they were made); none before `start`, none after a cancellation. */
  readonly changes: readonly SubscriptionChange[];
  /** Each fixed charge's quantity at the start, by charge id; absent: 1 (V8). */
  readonly quantities?: ReadonlyMap<string, number>;
  /** In order of `at` (ties in the order they were made); none before `start`, none after a cancellation. */
  readonly quantityChanges?: readonly QuantityChange[];
  /** Length of the windows in which usage billed in advance is invoiced (V15); absent: 60. */
  readonly instantWindowMinutes?: number;
};
