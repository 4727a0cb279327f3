// The steps an import applies, whatever system it reads (Stripe, Lago): each
// one a source record and what it becomes in Fairbill, or a refusal with the
// reason. The mappings (stripe-mapping.ts, lago-mapping.ts) work them out
// without touching either system; import-steps.ts applies them.
import type { CatalogFile } from "../catalog/index.ts";
import type { CreateCouponInput } from "../coupons/index.ts";
import type { CreateCustomerInput } from "../customers/index.ts";
import type { CreateMeterInput } from "../metering/index.ts";

/** A record of the source, as the report names it. */
export type SourceRecord = { sourceType: string; sourceId: string; record: unknown };

export type MeterStep = SourceRecord & { kind: "meter"; input: CreateMeterInput };
export type PlanStep = SourceRecord & { kind: "plan"; code: string; catalog: CatalogFile };
export type CouponStep = SourceRecord & {
  kind: "coupon";
  input: CreateCouponInput;
  /** The plans (by their source ids) it is limited to, given to the coupon once they are imported. */
  planSourceIds?: string[];
};
export type CustomerStep = SourceRecord & { kind: "customer"; input: CreateCustomerInput };
export type BalanceStep = SourceRecord & {
  kind: "customer_balance";
  customerSourceId: string;
  currency: string;
  /** Credit owed to the customer, in the currency's major unit. */
  amount: string;
};
export type SubscriptionStep = SourceRecord & {
  kind: "subscription";
  customerSourceId: string;
  /** The source type of the plan's record (Stripe: price_set; Lago: plan). */
  planSourceType: string;
  planSourceId: string;
  startAt: string;
  trialDays: number | null;
  billing: "anniversary" | "calendar";
  currency: string;
  quantities: Record<string, number>;
  metadata: Record<string, string>;
  /** The old system invoiced every period starting up to here: Fairbill bills from the next one (null: none yet). */
  billedThrough: string | null;
  nextBillingAt: string | null;
};
export type RedemptionStep = SourceRecord & {
  kind: "redemption";
  couponSourceId: string;
  customerSourceId: string;
  /** The subscription the discount is on (null: on the customer). */
  subscriptionSourceId: string | null;
};
export type WalletStep = SourceRecord & {
  kind: "wallet";
  customerSourceId: string;
  currency: string;
  name: string;
  /** Credits per unit of the currency. */
  rate: string;
  metadata: Record<string, string>;
};
export type WalletCreditsStep = SourceRecord & {
  kind: "wallet_credits";
  walletSourceId: string;
  /** The credits left in the old system's wallet, brought over as one grant. */
  credits: string;
  expiresAt: string | null;
};
export type OldInvoiceLine = {
  /** The charge it bills, as the old system names it (its billable metric's code, or subscription). */
  chargeCode: string;
  description: string | null;
  quantity: string | null;
  unitPrice: string | null;
  /** In the currency's major unit, before tax. */
  amount: string;
  tax: string;
};
export type OldInvoiceStep = SourceRecord & {
  kind: "old_invoice";
  customerSourceId: string;
  number: string;
  issuedAt: string;
  periodStart: string;
  periodEnd: string;
  currency: string;
  /** In the currency's major unit, as the old system stated them. */
  total: string;
  tax: string;
  lines: OldInvoiceLine[];
};
export type Refusal = SourceRecord & { kind: "refusal"; outcome: "refused" | "skipped"; reason: string };

export type ImportStep =
  | MeterStep
  | PlanStep
  | CouponStep
  | CustomerStep
  | BalanceStep
  | SubscriptionStep
  | RedemptionStep
  | WalletStep
  | WalletCreditsStep
  | OldInvoiceStep
  | Refusal;
