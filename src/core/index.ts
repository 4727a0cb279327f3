// The billing engine's public API: what the live service, the bill run, the
// upcoming-invoice preview and the simulator call. Everything here is pure:
// plain data in, plain data out, time passed as an argument.

export {
  type BillingRequest,
  billSubscription,
  createUsageAccumulator,
  scheduleBilling,
} from "./bill-subscription.ts";
export type { BillingAlignment, BillingInterval, BillingPeriod, IntervalUnit } from "./billing-periods.ts";
export { type BillingSchedule, type PlanSegment, planBillingSchedule } from "./billing-schedule.ts";
export {
  type Aggregation,
  BillingInputError,
  type Catalog,
  type Charge,
  createCatalog,
  type FixedCharge,
  type Meter,
  type MeterFilter,
  type PercentagePricing,
  type PlanVersion,
  type PricingModel,
  type Tier,
  type UsageCharge,
} from "./catalog.ts";
export { type Currency, currencyFor, findCurrency, UnknownCurrencyError } from "./currency.ts";
export { Decimal, formatQuantity } from "./decimal.ts";
export { formatInstant, type Instant, parseInstant } from "./instant.ts";
export type { Coupon, CreditGrant, TaxRate } from "./invoicing/adjustments.ts";
export { computeInvoices, linesByIssueInstant } from "./invoicing/compute-invoices.ts";
export type { InvoiceLine, LineDetails, LineKind } from "./invoicing/invoice-line.ts";
export {
  type AccountState,
  type AccountTerms,
  type Invoice,
  openingAccountState,
  settleInvoice,
} from "./invoicing/invoice-totals.ts";
export { fitsMinorUnit, formatAmount, roundToMinorUnit } from "./money.ts";
export { transactionFee } from "./pricing/percentage.ts";
export { type PriceBreakdown, priceUsage, type UsagePrice } from "./pricing/price-usage.ts";
export { priceQuantity } from "./pricing/quantity-pricing.ts";
export type { ProrationFactor } from "./proration.ts";
export type { Cancellation, PlanChange, Subscription, SubscriptionChange } from "./subscription.ts";
export { isValidTimeZone } from "./time-zone.ts";
export { type InvalidUsageEvent, UsageAccumulator } from "./usage/usage-accumulator.ts";
export type { UsageEvent } from "./usage/usage-event.ts";
export {
  type UsageAggregate,
  type UsageAggregates,
  type UsageWindow,
  usageWindowKey,
  usageWindowsFor,
} from "./usage/usage-windows.ts";
