// What Lago's pricing becomes in Fairbill, worked out without touching either
// (pure): billable metrics become meters (their filter keys the meter's
// groups), plans become plans with a charge per Lago charge (standard,
// package, graduated, volume and percentage models; a charge's filters a
// dimensional charge priced per combination of values, the charge's own
// price the default), the subscription fee a fixed charge, the minimum
// commitment and trial carried over. Whatever has no exact equivalent (a
// model Fairbill lacks, free units per event, a recurring metric) is refused
// with the reason, and so is every plan that depends on it.
import type {
  BillableMetricObject,
  ChargeObject,
  ChargeProperties,
  PlanObject,
} from "lago-javascript-client";
import type { CatalogFile } from "../catalog/index.ts";
import { Decimal, findCurrency, fromMinorUnits } from "../core/index.ts";
import type { CreateMeterInput } from "../metering/index.ts";
import type { MeterStep, PlanStep, Refusal } from "./import-step-types.ts";

type CatalogPlanVersion = NonNullable<CatalogFile["plans"]>[number]["versions"][number];
type Result<Value> = { value: Value } | { refusal: string };

const codePattern = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;
const allFilterValues = "__ALL_FILTER_VALUES__";

const aggregations: Record<string, CreateMeterInput["aggregation"]> = {
  count_agg: "count",
  sum_agg: "sum",
  max_agg: "max",
  unique_count_agg: "unique_count",
  latest_agg: "latest",
  weighted_sum_agg: "weighted_sum",
};

const intervals: Record<string, { interval: string; interval_count: number }> = {
  weekly: { interval: "week", interval_count: 1 },
  monthly: { interval: "month", interval_count: 1 },
  quarterly: { interval: "quarter", interval_count: 1 },
  semiannual: { interval: "month", interval_count: 6 },
  yearly: { interval: "year", interval_count: 1 },
};

/** A Lago amount (a decimal string) as a Fairbill price; undefined when it is not one. */
function price(amount: string | number | null | undefined): string | undefined {
  if (amount === null || amount === undefined || !/^[0-9]+(\.[0-9]+)?$/.test(String(amount)))
    return undefined;
  return new Decimal(amount).toFixed();
}

function isSet(value: string | number | null | undefined): boolean {
  return value !== null && value !== undefined && !new Decimal(value).isZero();
}

function refusal(source: { sourceType: string; sourceId: string; record: unknown }, reason: string): Refusal {
  return { ...source, kind: "refusal", outcome: "refused", reason };
}

export function meterStepOf(metric: BillableMetricObject): MeterStep | Refusal {
  const source = { sourceType: "billable_metric", sourceId: metric.code, record: metric };
  const aggregation = aggregations[metric.aggregation_type];
  if (aggregation === undefined) {
    return refusal(
      source,
      `aggregation ${metric.aggregation_type} has no equivalent among Fairbill's meters`,
    );
  }
  if (metric.recurring) {
    return refusal(
      source,
      "a recurring metric: Lago carries its value from one period to the next, and a Fairbill meter counts each period afresh",
    );
  }
  if (metric.expression !== undefined && metric.expression !== null && metric.expression !== "") {
    return refusal(
      source,
      `computes its value with the expression "${metric.expression}", which a meter cannot`,
    );
  }
  if (metric.rounding_function !== undefined && metric.rounding_function !== null) {
    return refusal(source, `rounds its value (${metric.rounding_function}), which a meter does not`);
  }
  if (!codePattern.test(metric.code) || metric.code.length > 100) {
    return refusal(source, `code "${metric.code}" cannot be a meter code (letters, digits and _ . : -)`);
  }
  const groups = (metric.filters ?? []).map((filter) => filter.key);
  if (groups.length > 5) {
    return refusal(source, `filters on ${groups.length} properties: a meter groups usage by at most 5`);
  }
  const property = metric.field_name ?? null;
  if (aggregation !== "count" && (property === null || property === "")) {
    return refusal(source, `a ${metric.aggregation_type} metric without its field_name`);
  }
  return {
    ...source,
    kind: "meter",
    input: {
      code: metric.code,
      name: metric.name.slice(0, 200),
      ...(metric.description ? { description: metric.description.slice(0, 2000) } : {}),
      event_name: metric.code,
      aggregation,
      ...(aggregation === "count" ? {} : { property }),
      ...(groups.length === 0 ? {} : { group_by: groups }),
    },
  };
}

function tiersOf(
  ranges: { to_value: number | null; per_unit_amount: string; flat_amount: string }[] | undefined,
): Result<Record<string, unknown>[]> {
  if (ranges === undefined || ranges.length === 0) return { refusal: "its ranges are missing" };
  const tiers: Record<string, unknown>[] = [];
  for (const range of ranges) {
    const unitPrice = price(range.per_unit_amount);
    const flatFee = price(range.flat_amount);
    if (unitPrice === undefined || flatFee === undefined) {
      return { refusal: `a range with amounts ${range.per_unit_amount} and ${range.flat_amount}` };
    }
    tiers.push({
      up_to: range.to_value === null ? null : String(range.to_value),
      unit_price: unitPrice,
      ...(new Decimal(flatFee).isZero() ? {} : { flat_fee: flatFee }),
    });
  }
  return { value: tiers };
}

/** The price fields of a charge model's properties (a charge's own, or one filter's). */
function priceOf(
  model: ChargeObject["charge_model"],
  properties: ChargeProperties,
  aggregation: string,
): Result<Record<string, unknown>> {
  if ((properties.grouped_by ?? []).length > 0 || (properties.pricing_group_keys ?? []).length > 0) {
    return {
      refusal: `priced per group of ${[...(properties.grouped_by ?? []), ...(properties.pricing_group_keys ?? [])].join(", ")}: Fairbill prices by filters, not by groups`,
    };
  }
  switch (model) {
    case "standard": {
      const unitPrice = price(properties.amount);
      if (unitPrice === undefined) return { refusal: `amount ${properties.amount} is not a price` };
      return { value: { model: "per_unit", unit_price: unitPrice } };
    }
    case "package": {
      const packagePrice = price(properties.amount);
      if (
        packagePrice === undefined ||
        properties.package_size === undefined ||
        properties.package_size <= 0
      ) {
        return { refusal: `a package of ${properties.package_size} for ${properties.amount}` };
      }
      return {
        value: {
          model: "package",
          package_size: String(properties.package_size),
          package_price: packagePrice,
          ...(isSet(properties.free_units) ? { free_units: String(properties.free_units) } : {}),
        },
      };
    }
    case "graduated":
    case "volume": {
      const tiers = tiersOf(model === "graduated" ? properties.graduated_ranges : properties.volume_ranges);
      return "refusal" in tiers ? tiers : { value: { model, tiers: tiers.value } };
    }
    case "percentage":
      return percentagePriceOf(properties, aggregation);
    default:
      return { refusal: `Fairbill has no ${model} charge model` };
  }
}

function percentagePriceOf(
  properties: ChargeProperties,
  aggregation: string,
): Result<Record<string, unknown>> {
  if (aggregation !== "sum") {
    return { refusal: `a percentage of a ${aggregation} metric: Fairbill takes a percentage of a sum` };
  }
  if (isSet(properties.free_units_per_events) || isSet(properties.free_units_per_total_aggregation)) {
    return {
      refusal:
        "free units per event or per amount: Fairbill's percentage charge takes its fee on every event",
    };
  }
  const rate = price(properties.rate);
  if (rate === undefined) return { refusal: `rate ${properties.rate} is not a percentage` };
  const bounds = {
    fixed_fee: properties.fixed_amount,
    per_transaction_min: properties.per_transaction_min_amount,
    per_transaction_max: properties.per_transaction_max_amount,
  };
  const fields: Record<string, string> = { rate };
  for (const [field, amount] of Object.entries(bounds)) {
    if (amount === null || amount === undefined) continue;
    const value = price(amount);
    if (value === undefined) return { refusal: `${field} ${amount} is not an amount` };
    if (field !== "fixed_fee" || !new Decimal(value).isZero()) fields[field] = value;
  }
  return { value: { model: "percentage", ...fields } };
}

/** The combinations a filter prices (each of its values, for each key), or why it cannot be priced per combination. */
function combinationsOf(
  values: Record<string, string[]>,
  dimensions: readonly string[],
): Result<Record<string, string>[]> {
  let combinations: Record<string, string>[] = [{}];
  for (const dimension of dimensions) {
    const listed = values[dimension] ?? [];
    if (listed.includes(allFilterValues)) {
      return { refusal: `a filter on every value of ${dimension}: Fairbill prices listed values` };
    }
    combinations = combinations.flatMap((combination) =>
      listed.map((value) => ({ ...combination, [dimension]: value })),
    );
  }
  return { value: combinations };
}

/** A Lago charge with filters as a charge priced by dimension, or why it cannot be one. */
function dimensionalChargeOf(
  charge: ChargeObject,
  aggregation: string,
  defaultPrice: Record<string, unknown>,
): Result<Record<string, unknown>> {
  const dimensions = [...new Set(charge.filters.flatMap((filter) => Object.keys(filter.values)))].sort();
  if (dimensions.length > 2) {
    return { refusal: `filters on ${dimensions.join(", ")}: Fairbill prices by at most two properties` };
  }
  const prices: Record<string, unknown>[] = [];
  for (const filter of charge.filters) {
    const keys = Object.keys(filter.values).sort();
    if (keys.join(",") !== dimensions.join(",")) {
      return {
        refusal: `filters on different properties (${keys.join(", ")} and ${dimensions.join(", ")}): Fairbill prices each combination of the same properties`,
      };
    }
    const filterPrice = priceOf(charge.charge_model, filter.properties, aggregation);
    if ("refusal" in filterPrice) return { refusal: `a filter: ${filterPrice.refusal}` };
    const combinations = combinationsOf(filter.values, dimensions);
    if ("refusal" in combinations) return combinations;
    for (const match of combinations.value) prices.push({ match, ...filterPrice.value });
  }
  return { value: { model: "dimensional", dimensions, prices, default: defaultPrice } };
}

/** A Lago charge as a Fairbill charge, or why it has no exact equivalent. */
function chargeOf(
  charge: ChargeObject,
  id: string,
  meterAggregations: ReadonlyMap<string, string>,
): Result<Record<string, unknown>> {
  const aggregation = meterAggregations.get(charge.billable_metric_code);
  if (aggregation === undefined) {
    return { refusal: `its billable metric ${charge.billable_metric_code} could not be imported` };
  }
  if (!charge.invoiceable) {
    return { refusal: "not invoiceable (paid without an invoice): Fairbill invoices every charge" };
  }
  if (charge.min_amount_cents > 0) {
    return {
      refusal: `a minimum of ${charge.min_amount_cents} cents on the charge: Fairbill's minimums are per plan`,
    };
  }
  if (charge.prorated) return { refusal: "prorated usage: Fairbill does not prorate usage charges" };
  if (charge.applied_pricing_unit !== undefined && charge.applied_pricing_unit !== null) {
    return { refusal: `priced in the pricing unit ${charge.applied_pricing_unit.code}` };
  }
  if (charge.pay_in_advance && aggregation !== "count" && aggregation !== "sum") {
    return {
      refusal: `paid in advance on a ${aggregation} metric: Fairbill bills in advance on count and sum meters only`,
    };
  }
  const own = priceOf(charge.charge_model, charge.properties, aggregation);
  if ("refusal" in own) return own;
  const priced = charge.filters.length === 0 ? own : dimensionalChargeOf(charge, aggregation, own.value);
  if ("refusal" in priced) return priced;
  return {
    value: {
      id,
      type: "usage",
      meter: charge.billable_metric_code,
      ...(charge.pay_in_advance ? { timing: "in_advance" } : {}),
      ...priced.value,
    },
  };
}

/** Each charge's id in the plan: its code (or its metric's), numbered when a plan prices a metric twice. */
function chargeIds(charges: readonly ChargeObject[]): string[] {
  const seen = new Map<string, number>();
  return charges.map((charge) => {
    const base = charge.code && codePattern.test(charge.code) ? charge.code : charge.billable_metric_code;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base}_${count}`;
  });
}

/** Each Lago charge's id in its Fairbill plan, by Lago's charge id: an old invoice's fee names its charge so. */
export function chargeIdsByLagoId(plans: readonly PlanObject[]): Map<string, string> {
  const ids = new Map<string, string>();
  for (const plan of plans) {
    const charges = plan.charges ?? [];
    chargeIds(charges).forEach((id, index) => {
      ids.set((charges[index] as ChargeObject).lago_id, id);
    });
  }
  return ids;
}

function planContentOf(
  plan: PlanObject,
  meterAggregations: ReadonlyMap<string, string>,
): Result<CatalogPlanVersion> {
  const interval = intervals[plan.interval];
  if (interval === undefined) return { refusal: `interval ${plan.interval} has no equivalent` };
  const currency = findCurrency(plan.amount_currency);
  if (currency === undefined)
    return { refusal: `currency ${plan.amount_currency} is not an ISO 4217 currency` };
  if (plan.bill_charges_monthly) {
    return {
      refusal:
        "bills its usage monthly on a longer plan: a Fairbill plan bills all its charges on one interval",
    };
  }
  if ((plan.usage_thresholds ?? []).length > 0) {
    return { refusal: "progressive billing thresholds: Fairbill sets them per subscription, not per plan" };
  }
  if ((plan.fixed_charges ?? []).length > 0) {
    return { refusal: "fixed charges beside the subscription fee: import them as charges by hand" };
  }
  const trialDays = plan.trial_period ?? 0;
  if (!Number.isInteger(trialDays))
    return { refusal: `a trial of ${trialDays} days: Fairbill counts trials in whole days` };
  const commitment = plan.minimum_commitment;
  if (
    commitment !== undefined &&
    commitment !== null &&
    commitment.interval !== undefined &&
    commitment.interval !== plan.interval
  ) {
    return { refusal: `a ${commitment.interval} minimum commitment on a ${plan.interval} plan` };
  }
  const charges: Record<string, unknown>[] = [];
  if (plan.amount_cents > 0) {
    charges.push({
      id: "subscription_fee",
      type: "fixed",
      amount: fromMinorUnits(plan.amount_cents, currency.code).toFixed(),
      timing: plan.pay_in_advance ? "in_advance" : "in_arrears",
    });
  }
  const lagoCharges = plan.charges ?? [];
  const ids = chargeIds(lagoCharges);
  const refusals: string[] = [];
  lagoCharges.forEach((charge, index) => {
    const result = chargeOf(charge, ids[index] as string, meterAggregations);
    if ("refusal" in result)
      refusals.push(`charge ${ids[index]} (${charge.charge_model}): ${result.refusal}`);
    else charges.push(result.value);
  });
  if (refusals.length > 0) return { refusal: refusals.join("; ") };
  if (charges.length === 0) return { refusal: "no subscription fee and no charges: nothing to bill" };
  return {
    value: {
      currency: currency.code,
      ...interval,
      trial_days: trialDays,
      ...(commitment && commitment.amount_cents > 0
        ? { minimum_commitment: fromMinorUnits(commitment.amount_cents, currency.code).toFixed() }
        : {}),
      charges,
    } as CatalogPlanVersion,
  };
}

export function planStepOf(
  plan: PlanObject,
  meterAggregations: ReadonlyMap<string, string>,
): PlanStep | Refusal {
  const source = { sourceType: "plan", sourceId: plan.code, record: plan };
  if (!codePattern.test(plan.code) || plan.code.length > 100) {
    return refusal(source, `code "${plan.code}" cannot be a plan code (letters, digits and _ . : -)`);
  }
  const content = planContentOf(plan, meterAggregations);
  if ("refusal" in content) return refusal(source, content.refusal);
  const catalog: CatalogFile = {
    version: 1,
    plans: [
      {
        code: plan.code,
        name: plan.name.slice(0, 200),
        description: (plan.description ? plan.description : `Imported from Lago plan ${plan.code}`).slice(
          0,
          2000,
        ),
        versions: [content.value],
      },
    ],
  };
  return { ...source, kind: "plan", code: plan.code, catalog };
}
