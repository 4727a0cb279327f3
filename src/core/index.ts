// The billing engine's public API: what the live service, the bill run, the
// upcoming-invoice preview and the simulator call. Everything here is pure:
// plain data in, plain data out, time passed as an argument. Exports are
// tagged @public: the callers that will use them (bill run, previews) are
// written against this API, so the dead-code check must not drop them.

/** @public */
export { allocateAmount } from "./allocation.ts";
export { allowanceUsedPercent } from "./allowances/allowance-use.ts";
/** @public */
export {
  type BillingRequest,
  billSubscription,
  createUsageAccumulator,
  scheduleBilling,
} from "./bill-subscription.ts";
/** @public */
export type { BillingAlignment, BillingInterval, BillingPeriod, IntervalUnit } from "./billing-periods.ts";
/** @public */
export { billingPeriods } from "./billing-periods.ts";
/** @public */
export { type BillingSchedule, type PlanSegment, planBillingSchedule } from "./billing-schedule.ts";
/** @public */
/** @public */
export {
  type Aggregation,
  type Allowance,
  BillingInputError,
  type Catalog,
  type Charge,
  type ChargeDimensions,
  type CombinationPrice,
  createCatalog,
  type FixedCharge,
  type Meter,
  type MeterFilter,
  needsNumericProperty,
  type PercentagePricing,
  type PlanVersion,
  type PricingModel,
  type PricingUnit,
  type Tier,
  type UsageCharge,
} from "./catalog.ts";
/** @public */
export {
  type ComparisonSummary,
  type CurrencyTotals,
  type CustomerMovement,
  customerMovement,
  type HistogramBucket,
  summarizeMovements,
} from "./comparison/comparison-summary.ts";
/** @public */
export {
  type ComparableLine,
  compareInvoiceLines,
  type InvoiceComparison,
  type LineDifference,
} from "./comparison/invoice-comparison.ts";
export {
  type CurrencyRevenueImpact,
  migrationRevenueImpact,
  type NextInvoiceChange,
} from "./comparison/migration-impact.ts";
/** @public */
export { type CommitAmountChange, changeCommitAmount } from "./contracts/commit-amendment.ts";
/** @public */
export {
  type CommitBalance,
  type CommitDraw,
  type CommitLedger,
  type ContractBilling,
  closeEndedTerms,
  drawCommits,
  drawGivenBack,
  giveBackCommitDraws,
  openingCommitLedger,
  resumeCommitLedger,
} from "./contracts/commit-ledger.ts";
/** @public */
export { commitLines, commitTrueUpLines } from "./contracts/commit-lines.ts";
/** @public */
export { type CommitBalanceReport, commitBalanceReport } from "./contracts/commit-report.ts";
/** @public */
export {
  type Commit,
  type CommitPaidKind,
  type CommitRollover,
  type CommitTopUp,
  type Contract,
  type ContractPhase,
  type ContractTerm,
  type ContractTermState,
  changeContractTerm,
  contractTerms,
  type PostpaidCommit,
  type PrepaidCommit,
  type PriceReplacement,
  type RateCardEntry,
  type SharedSpend,
  subscriptionUnderContract,
  type TermChange,
  type TermChangeRequest,
} from "./contracts/contract.ts";
/** @public */
export { planWithRateCard } from "./contracts/rate-card.ts";
/** @public */
export {
  type CreditsReturned,
  creditsReturnedBy,
  type GrantLedgerMovement,
  grantAmountUsed,
} from "./credits/grant-usage.ts";
export { walletCreditsOf, walletCreditValue } from "./credits/wallet-credits.ts";
export { type AccountFigures, accountFigures } from "./crm/account-figures.ts";
/** @public */
export { type Currency, currencyFor, findCurrency, UnknownCurrencyError } from "./currency.ts";
/** @public */
/** @public */
export {
  canonicalDecimalText,
  DEFAULT_QUANTITY_DISPLAY_DECIMALS,
  Decimal,
  displayQuantity,
  formatQuantity,
  isNumericText,
  isPlainDecimal,
  maxDecimal,
  minDecimal,
  ONE,
  ONE_HUNDRED,
  sumDecimals,
  ZERO,
} from "./decimal.ts";
/** @public */
export {
  convertAmount,
  convertBalancedEntry,
  type DateRange,
  datesRepricedBy,
  type ExchangeRate,
  type RateInForce,
  rateInForce,
} from "./exchange-rates.ts";
/** @public */
export {
  type AmountMetric,
  type ArmMetrics,
  type ExperimentArmFacts,
  type ExperimentCustomerFacts,
  experimentArmMetrics,
  type RateMetric,
} from "./experiments/arm-metrics.ts";
/** @public */
export {
  type ComparisonEstimate,
  compareMeans,
  compareProportions,
  type MeanEstimate,
  meanEstimate,
  type ProportionEstimate,
  proportionEstimate,
  sampleSizeForMean,
  sampleSizeForProportion,
} from "./experiments/arm-statistics.ts";
/** @public */
export {
  type CohortDraft,
  type CohortGuardrails,
  cohortGuardrailBreaches,
  type DraftAnomaly,
  draftAnomalies,
  draftMovement,
  type GuardrailBreach,
  type PaymentRecord,
} from "./guardrails/draft-guardrails.ts";
/** @public */
export {
  type InvoiceSection,
  invoiceSections,
  type PoolCover,
  type PoolMember,
  type PoolShare,
  poolUsage,
  withoutPooledUsage,
} from "./hierarchies/account-hierarchies.ts";
/** @public */
/** @public */
export { formatInstant, type Instant, parseInstant } from "./instant.ts";
/** @public */
export type { Coupon, CreditGrant, TaxRate } from "./invoicing/adjustments.ts";
/** @public */
export { computeInvoices, linesByIssueInstant } from "./invoicing/compute-invoices.ts";
/** @public */
export {
  type CreditableInvoice,
  type CreditNoteAmounts,
  type CreditNoteOutcome,
  type CreditNoteRequest,
  computeCreditNote,
  type EarlierCreditNoteLine,
} from "./invoicing/credit-notes.ts";
/** @public */
export type { InvoiceLine, LineAllowance, LineDetails, LineKind } from "./invoicing/invoice-line.ts";
/** @public */
export {
  applyToInvoice,
  type InvoiceSettlement,
  invoiceAmountRemaining,
  type LostDisputeSplit,
  type ProviderRefundSplit,
  type RefundSources,
  type RefundSplit,
  splitLostDispute,
  splitProviderRefund,
  splitRefund,
} from "./invoicing/invoice-settlement.ts";
/** @public */
export {
  type AccountState,
  type AccountTerms,
  type AllowanceSummary,
  amountBeforeTax,
  type EarlierProgressiveDiscounts,
  type Invoice,
  openingAccountState,
  settleInvoice,
} from "./invoicing/invoice-totals.ts";
/** @public */
export { type OneOffLinePrice, priceOneOffLines } from "./invoicing/one-off-lines.ts";
/** @public */
export {
  type ProgressiveInvoiceLines,
  type ProgressivelyBilled,
  type ProgressivelyDiscounted,
  progressiveBillingCredit,
  progressiveInvoiceLines,
  progressivelyBilledByCharge,
  progressivelyDiscountedByCoupon,
  settleProgressiveInvoice,
} from "./invoicing/progressive-billing.ts";
/** @public */
export { changePreviewDifference } from "./invoicing/proration-preview.ts";
/** @public */
export {
  type AgeingBucket,
  ageingBucketOf,
  ageingBuckets,
  ageReceivables,
  daysOverdue,
  daysOverdueRange,
} from "./invoicing/receivables-ageing.ts";
export { fromMinorUnits, toMinorUnits } from "./minor-units.ts";
/** @public */
export { fitsMinorUnit, formatAmount, roundToMinorUnit } from "./money.ts";
/** @public */
export {
  causeOfDifference,
  type DifferenceCause,
  type InvoiceLevelAmounts,
  type InvoiceMatch,
  type LineMatch,
  matchInvoices,
  type ParallelRunSummary,
  type ShadowInvoice,
  type ShadowLine,
  shadowInvoiceOf,
  summarizeParallelRun,
} from "./parallel-run/shadow-comparison.ts";
/** @public */
export { transactionFee } from "./pricing/percentage.ts";
/** @public */
export {
  type PriceBreakdown,
  priceUsage,
  type UsagePrice,
  usageChargeAmount,
} from "./pricing/price-usage.ts";
/** @public */
export { priceQuantity } from "./pricing/quantity-pricing.ts";
/** @public */
export { scaleChargePrices } from "./pricing/scale-prices.ts";
/** @public */
/** @public */
export { formatProrationFactor, type ProrationFactor, WHOLE_PERIOD } from "./proration.ts";
export type { ContractCredit } from "./revenue/contract-credits.ts";
/** @public */
export {
  type ContractAccount,
  type ContractInvoice,
  type ContractJournalLine,
  type ContractJournalMonth,
  contractJournal,
} from "./revenue/contract-journal.ts";
export {
  type ContractCommitTerm,
  type ContractFeeLine,
  type ContractRevenueInvoice,
  type ContractRevenueSchedule,
  contractRevenueSchedule,
} from "./revenue/contract-revenue-schedule.ts";
export { fixedFeeEarnedBy } from "./revenue/fixed-fee-accrual.ts";
/** @public */
export {
  allocateInvoiceRevenue,
  allocateTransactionPrice,
  InvalidObligationError,
  type InvoiceRevenueLine,
  type ObligationAllocation,
  type ObligationPrice,
  type TransactionPriceAllocation,
} from "./revenue/obligation-allocation.ts";
/** @public */
export {
  type Draw,
  type ObligationPattern,
  obligationSchedule,
  type RevenueEntry,
  type ScheduledObligation,
  type VariableConsideration,
} from "./revenue/obligation-schedule.ts";
/** @public */
export { type PrepaidCreditMovement, prepaidCreditReleases } from "./revenue/prepaid-credit-releases.ts";
export {
  type CommittedFee,
  committedMrr,
  type MonthOfMrr,
  monthsInInterval,
  mrrMovements,
  trailingAverage,
} from "./revenue/recurring-revenue.ts";
/** @public */
export { daysServed, localMonthOf, type ServiceMonth, serviceMonths } from "./revenue/service-months.ts";
export { monthEndAccrual } from "./revenue/usage-accrual.ts";
export {
  type ExternalSale,
  type MappedItem,
  matchExternalSales,
  type SaleMatch,
  type SettledItem,
  type UnmatchedReason,
} from "./settlements/external-sales.ts";
/** @public */
export {
  type AgreementTerms,
  type CoveredItem,
  computeSettlement,
  type InvoiceFact as SettlementInvoiceFact,
  type SettlementFacts,
  type SettlementLine,
  type SettlementLineKind,
  type SettlementStatement,
} from "./settlements/partner-settlement.ts";
export {
  type AccountStatement,
  accountStatement,
  type StatementEntry,
  type StatementLine,
} from "./statements/account-statement.ts";
/** @public */
export type {
  Cancellation,
  PlanChange,
  QuantityChange,
  Subscription,
  SubscriptionChange,
} from "./subscription.ts";
/** @public */
/** @public */
export { addLocalDays, isValidTimeZone, localDate, startOfLocalDate, toZonedDateTime } from "./time-zone.ts";
/** @public */
export {
  combinationKey,
  combinationOf,
  compareCombinationValues,
  dimensionValue,
} from "./usage/dimensions.ts";
/** @public */
export { ExactSum, numericText } from "./usage/exact-sum.ts";
/** @public */
export {
  type MeterDefinitionSpan,
  readsWindowValue,
  spanAt,
} from "./usage/meter-history.ts";
/** @public */
export { type InvalidUsageEvent, UsageAccumulator } from "./usage/usage-accumulator.ts";
/** @public */
export type { UsageEvent } from "./usage/usage-event.ts";
/** @public */
export {
  meterFilterOf,
  type NumericValue,
  ownProperty,
  propertyValueKey,
  readNumericValue,
  toDecimal,
} from "./usage/usage-event.ts";
/** @public */
export {
  type UsageAggregate,
  type UsageAggregates,
  type UsageWindow,
  usageWindowKey,
  usageWindowsFor,
} from "./usage/usage-windows.ts";
