// The front door of pricing: the pricing language. The schemas of meters,
// charges (fixed and each usage model), tiers, price books and a plan
// version's priced content, the rules beside them that a schema cannot say,
// the checking of a document against both, and the conversion of a checked
// document to the billing core's types. The API, the scenario format and
// catalog-as-code all validate with it; the OpenAPI document names its schemas.
// Other domains import only from here; everything else in the folder is private to it.

export type { PricingContext } from "./charge-models.ts";
export {
  type ChargeDocument,
  type ChargeKind,
  type ChargePricesDocument,
  Charges,
  chargeDefaults,
  chargeKinds,
  kindOf,
  type PriceBookDocument,
  priceBooksFitCharges,
  pricedContentFields,
} from "./charges.ts";
export { ChargesV2, type ChargeV2Document, toCoreCharges, toCorePlanVersionV2 } from "./charges-v2.ts";
export { tagDimensionalCharges } from "./dimensional-prices.ts";
export {
  type Checked,
  checkDocument,
  describeValue,
  discriminatedUnion,
  formatPath,
  isPlainObject,
  type JsonPath,
  type Rule,
  type RuleRun,
  refine,
  ruleProblems,
  withMessage,
  withRules,
} from "./document-checks.ts";
export {
  Code,
  CurrencyCode,
  Interval,
  IntervalCount,
  listUniqueBy,
  Price,
} from "./fields.ts";
export { type JsonValue, priceDetails, priceInWords } from "./line-explanations.ts";
export {
  Aggregation,
  EventName,
  Meter,
  type MeterDocument,
  MeterFilters,
  PropertyName,
  toCoreMeter,
} from "./meters.ts";
export {
  type AllowanceDocument,
  Allowances,
  checkPlanUnits,
  checkRolloverCap,
  checkUnitCurrencies,
  PlanPricingUnits,
  type PricingUnitDocument,
  PricingUnits,
  toCoreAllowance,
  toCorePricingUnit,
  toCoreRollover,
  unitsByCode,
} from "./pricing-units.ts";
export { Tier, type TierDocument, Tiers, toCoreTiers } from "./tiers.ts";
