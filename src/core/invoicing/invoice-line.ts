// An invoice line and the explanation it carries: where the amount came from.
import type { Aggregation } from "../catalog.ts";
import type { Decimal } from "../decimal.ts";
import type { Instant } from "../instant.ts";
import type { PriceBreakdown } from "../pricing/price-usage.ts";
import type { ProrationFactor } from "../proration.ts";

export type LineKind =
  | "fixed"
  | "usage"
  | "proration_credit"
  | "minimum_true_up"
  | "quantity_change"
  | "usage_in_advance"
  | "commit"
  | "commit_true_up";

export type FixedLineDetails = {
  readonly kind: "fixed";
  readonly planCode: string;
  readonly timing: "in_advance" | "in_arrears";
  /** The charge's amount for a full period. */
  readonly fullAmount: Decimal;
  /** Days billed over days in the full period; 1/1 when the charge is not prorated. */
  readonly proration: ProrationFactor;
};

export type UsageLineDetails = {
  readonly kind: "usage";
  readonly planCode: string;
  readonly meterCode: string;
  readonly aggregation: Aggregation;
  readonly eventCount: number;
  readonly quantity: Decimal;
  /** The quantity is not a finite decimal (see UsageAggregate); it prints with at most 12 decimal places. */
  readonly quantityIsInexact: boolean;
  readonly price: PriceBreakdown;
};

export type ProrationCreditDetails = {
  readonly kind: "proration_credit";
  readonly planCode: string;
  readonly fullAmount: Decimal;
  /** The unused days credited over days in the full period. */
  readonly proration: ProrationFactor;
};

export type MinimumTrueUpDetails = {
  readonly kind: "minimum_true_up";
  readonly planCode: string;
  readonly minimumCommitment: Decimal;
  readonly proration: ProrationFactor;
  /** The minimum for the segment, rounded. */
  readonly proratedMinimum: Decimal;
  /** What the plan's lines for the segment add up to, net of proration credits. */
  readonly charges: Decimal;
};

/** A fixed charge's quantity changed inside a period billed in advance (scenario format v2, V9). */
export type QuantityChangeDetails = {
  readonly kind: "quantity_change";
  readonly planCode: string;
  readonly fullAmount: Decimal;
  readonly previousQuantity: number;
  readonly newQuantity: number;
  /** The rest of the period from the change, over days in the full period; 1/1 when not prorated. */
  readonly proration: ProrationFactor;
};

/** A prepaid commit invoiced, whole or one instalment (scenario format v2, V29). */
export type CommitLineDetails = {
  readonly kind: "commit";
  /** The plan the subscription was on when the line was issued. */
  readonly planCode: string;
  readonly commitId: string;
  /** The commit's amount for the term. */
  readonly commitment: Decimal;
  /** Which instalment of how many; 1 of 1 up front. */
  readonly instalment: number;
  readonly instalments: number;
};

/** A postpaid commit's shortfall at the end of a term (V32). */
export type CommitTrueUpDetails = {
  readonly kind: "commit_true_up";
  /** The plan the subscription was on when the line was issued. */
  readonly planCode: string;
  readonly commitId: string;
  readonly commitment: Decimal;
  /** What the term's lines add up to, commit lines aside. */
  readonly spend: Decimal;
};

export type LineDetails =
  | FixedLineDetails
  | UsageLineDetails
  | ProrationCreditDetails
  | MinimumTrueUpDetails
  | QuantityChangeDetails
  | CommitLineDetails
  | CommitTrueUpDetails;

/** A usage line priced in a pricing unit, and what the plan's allowance of that unit paid of it (V23). */
export type LineAllowance = {
  /** The pricing unit's code. */
  readonly unit: string;
  /** Digits the unit's amounts are printed with. */
  readonly decimals: number;
  /** The line's cost in the unit, rounded to its decimals. */
  readonly unitCost: Decimal;
  /** Units drawn from the allowance. */
  readonly applied: Decimal;
};

/**
 * The charge of the line that gives back, on a period's own invoice, what the
 * period's progressive invoices billed early. Coupons measure the period's
 * charges without it (billing rule 28).
 */
export const PROGRESSIVE_BILLING_CREDIT = "progressive_billing_credit";

export type InvoiceLine = {
  /** The charge's id; the plan's code on a minimum true-up. */
  readonly charge: string;
  readonly kind: LineKind;
  readonly periodStart: Instant;
  readonly periodEnd: Instant;
  readonly quantity: Decimal;
  /** Rounded to the currency's minor unit. */
  readonly amount: Decimal;
  readonly details: LineDetails;
  /** On a dimensional charge's line: its combination, each value in its compared form (null: none). */
  readonly dimensions?: Readonly<Record<string, string | null>>;
  /** On a dimensional charge's line priced by the charge's default rather than a listed entry. */
  readonly pricedBy?: "default";
  /** On a usage line priced in a pricing unit: its cost in the unit and the allowance drawn. */
  readonly allowance?: LineAllowance;
  /** The subscription the line bills, on an invoice of several: a coupon redeemed for one reads it. */
  readonly subscriptionId?: string;
};
