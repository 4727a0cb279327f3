// The scenario format, version 1 (shared/spec/scenario.md), as schemas. The
// schemas that refer to other parts of the document (a charge's meter, a
// subscription's plan) are built per document, around the codes it defines.
import { type Currency, type Decimal, formatInstant } from "../core/index.ts";
import { currency, decimalText, quantity, reference, timestamp, timeZone } from "./scenario-fields.ts";
import {
  anyObject,
  anyValue,
  array,
  boolean,
  childPath,
  describe,
  type Field,
  INVALID,
  IssueCollector,
  integer,
  isPlainObject,
  type JsonPath,
  literal,
  nonEmptyText,
  nullable,
  type ObjectOf,
  object,
  objectFields,
  oneOf,
  optional,
  type Parsed,
  ROOT,
  record,
  refine,
  required,
  type Schema,
  variants,
} from "./schema.ts";

export const AGGREGATIONS = ["count", "sum", "max", "unique_count", "latest", "weighted_sum"] as const;
export const INTERVALS = ["day", "week", "month", "quarter", "year"] as const;

/** Keys a scenario file may carry for the checker; the simulator skips them. */
const CHECKER_FIELDS = ["description", "expected", "expected_error"];

/** What the document defines that other parts of it refer to, read before validation. */
export type ScenarioReferences = {
  /** Each meter code with its `aggregation` as written (not yet validated). */
  readonly meterAggregations: ReadonlyMap<string, unknown>;
  readonly planCodes: ReadonlySet<string>;
  readonly currency: Currency | undefined;
};

function codesOf(list: unknown, field: string): unknown[] {
  return Array.isArray(list) ? list.filter(isPlainObject).map((element) => element[field]) : [];
}

export function collectReferences(
  document: unknown,
  parsedCurrency: Currency | undefined,
): ScenarioReferences {
  const root = isPlainObject(document) ? document : {};
  const meterAggregations = new Map<string, unknown>();
  if (Array.isArray(root.meters)) {
    for (const meter of root.meters.filter(isPlainObject)) {
      if (typeof meter.code === "string" && !meterAggregations.has(meter.code)) {
        meterAggregations.set(meter.code, meter.aggregation);
      }
    }
  }
  const planCodes = new Set(
    codesOf(root.plans, "code").filter((code): code is string => typeof code === "string"),
  );
  return { meterAggregations, planCodes, currency: parsedCurrency };
}

const amount = decimalText();

const filterValue: Schema<string | number | boolean> = (value, path, issues) => {
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  issues.report(path, `must be a string, number or boolean, not ${describe(value)}`);
  return INVALID;
};

export const meter = refine(
  object({
    code: required(nonEmptyText),
    event_name: required(nonEmptyText),
    aggregation: required(oneOf(AGGREGATIONS)),
    property: optional(nonEmptyText),
    filters: optional(record(array(filterValue, { nonEmpty: true }))),
  }),
  (parsed, path, issues) => {
    if (parsed.aggregation === "count" && parsed.property !== undefined) {
      issues.report(childPath(path, "property"), "a count meter counts events and takes no property");
      return false;
    }
    if (parsed.aggregation !== "count" && parsed.property === undefined) {
      issues.report(childPath(path, "property"), `is required for a ${parsed.aggregation} meter`);
      return false;
    }
    return true;
  },
);

const tier = object({
  up_to: required(nullable(quantity({ positive: true }))),
  unit_price: required(amount),
  flat_fee: optional(amount),
});

const tierList = array(tier, { nonEmpty: true });

/** A tier's `up_to` as written, when it can be compared: a bound, null, or undefined when unreadable. */
function rawBound(rawTier: unknown): Decimal | null | undefined {
  if (!isPlainObject(rawTier)) return undefined;
  const bound = rawTier.up_to;
  if (bound === null) return null;
  const parsed = quantity({ positive: true })(bound, ROOT, new IssueCollector());
  return parsed === INVALID ? undefined : parsed;
}

/**
 * Bounds strictly increasing, only the last tier unbounded (`up_to: null`).
 * Checked on the bounds as written, so that the order is reported even when a
 * tier is wrong in another way (a negative price).
 */
function checkTierOrder(rawTiers: readonly unknown[], path: JsonPath, issues: IssueCollector): boolean {
  let valid = true;
  let previous: Decimal | undefined;
  for (const [index, rawTier] of rawTiers.entries()) {
    const upTo = rawBound(rawTier);
    const isLast = index === rawTiers.length - 1;
    if (upTo === null && !isLast) {
      issues.report(path, `only the last tier may have "up_to": null (tier ${index} has it)`);
      valid = false;
    } else if (upTo !== null && upTo !== undefined && isLast) {
      issues.report(path, `the last tier must have "up_to": null (it has ${upTo.toString()})`);
      valid = false;
    }
    if (upTo === null || upTo === undefined) continue;
    if (previous !== undefined && upTo.lessThanOrEqualTo(previous)) {
      issues.report(
        path,
        `tiers are out of order: "up_to" must increase strictly, and tier ${index} has ${upTo.toString()} after ${previous.toString()}`,
      );
      valid = false;
    }
    previous = upTo;
  }
  return valid;
}

export const tiers: Schema<Parsed<typeof tierList>> = (value, path, issues) => {
  const parsed = tierList(value, path, issues);
  const ordered = Array.isArray(value) ? checkTierOrder(value, path, issues) : true;
  return ordered ? parsed : INVALID;
};

export function chargeSchemas(references: ScenarioReferences) {
  const usageFields = {
    id: required(nonEmptyText),
    type: required(literal("usage")),
    meter: required(reference("meter", new Set(references.meterAggregations.keys()))),
    // Usage is measured over a period, so it can only be billed when the period ends.
    timing: optional(oneOf(["in_arrears"], "usage is billed at the end of its period")),
    // Usage charges are never prorated; the field is accepted for symmetry with fixed charges.
    prorate: optional(boolean),
  };
  const percentage = refine(
    object({
      ...usageFields,
      model: required(literal("percentage")),
      rate: required(amount),
      fixed_fee: optional(amount),
      per_transaction_min: optional(amount),
      per_transaction_max: optional(amount),
    }),
    (parsed, path, issues) => {
      let valid = true;
      const aggregation = references.meterAggregations.get(parsed.meter);
      if (aggregation !== "sum") {
        issues.report(
          childPath(path, "meter"),
          `a percentage charge needs a sum meter, and meter ${describe(parsed.meter)} is ${describe(aggregation)}`,
        );
        valid = false;
      }
      const { per_transaction_min: minimum, per_transaction_max: maximum } = parsed;
      if (minimum !== undefined && maximum !== undefined && minimum.greaterThan(maximum)) {
        issues.report(childPath(path, "per_transaction_max"), "must not be below per_transaction_min");
        valid = false;
      }
      return valid;
    },
  );
  const usage = variants("model", {
    per_unit: object({
      ...usageFields,
      model: required(literal("per_unit")),
      unit_price: required(amount),
      free_units: optional(quantity({ positive: false })),
    }),
    package: object({
      ...usageFields,
      model: required(literal("package")),
      package_size: required(quantity({ positive: true })),
      package_price: required(amount),
      free_units: optional(quantity({ positive: false })),
    }),
    graduated: object({ ...usageFields, model: required(literal("graduated")), tiers: required(tiers) }),
    volume: object({ ...usageFields, model: required(literal("volume")), tiers: required(tiers) }),
    percentage,
  });
  const fixed = object({
    id: required(nonEmptyText),
    type: required(literal("fixed")),
    amount: required(amount),
    timing: optional(oneOf(["in_advance", "in_arrears"])),
    prorate: optional(boolean),
  });
  return variants("type", { fixed, usage });
}

function planSchema(references: ScenarioReferences) {
  return object({
    code: required(nonEmptyText),
    interval: required(oneOf(INTERVALS)),
    // The bounds keep period arithmetic inside the calendar's range.
    interval_count: optional(integer({ min: 1, max: 1_000 })),
    minimum_commitment: optional(amount),
    charges: required(array(chargeSchemas(references), { uniqueBy: { field: "id", label: "charge id" } })),
  });
}

function subscriptionSchema(references: ScenarioReferences) {
  return object({
    plan: required(reference("plan", references.planCodes)),
    start: required(timestamp),
    billing: optional(oneOf(["anniversary", "calendar"])),
    trial_days: optional(integer({ min: 0, max: 36_600 })),
  });
}

function changeSchema(references: ScenarioReferences) {
  return variants("type", {
    change_plan: object({
      type: required(literal("change_plan")),
      at: required(timestamp),
      plan: required(reference("plan", references.planCodes)),
    }),
    cancel: object({
      type: required(literal("cancel")),
      at: required(timestamp),
      mode: required(oneOf(["immediate", "period_end"])),
    }),
  });
}

const couponFields = {
  id: required(nonEmptyText),
  duration: required(oneOf(["once", "repeating", "forever"])),
  invoices: optional(integer({ min: 1 })),
};

/** `invoices` belongs to, and is required by, a `repeating` coupon. */
function checkCouponDuration(
  parsed: { duration: "once" | "repeating" | "forever"; invoices?: number },
  path: JsonPath,
  issues: IssueCollector,
): boolean {
  if (parsed.duration === "repeating" && parsed.invoices === undefined) {
    issues.report(childPath(path, "invoices"), "is required for a repeating coupon");
    return false;
  }
  if (parsed.duration !== "repeating" && parsed.invoices !== undefined) {
    issues.report(
      childPath(path, "invoices"),
      `only a repeating coupon takes invoices (this one is ${parsed.duration})`,
    );
    return false;
  }
  return true;
}

const coupon = variants("type", {
  percentage: refine(
    object({
      ...couponFields,
      type: required(literal("percentage")),
      percent: required(decimalText({ max: 100 })),
    }),
    checkCouponDuration,
  ),
  fixed: refine(
    object({ ...couponFields, type: required(literal("fixed")), amount: required(amount) }),
    checkCouponDuration,
  ),
});

function creditGrantSchema(references: ScenarioReferences) {
  return refine(
    object({
      id: required(nonEmptyText),
      // Grants are spent in whole minor units (billing rule 18).
      amount: required(
        references.currency === undefined ? amount : decimalText({ minorUnitOf: references.currency }),
      ),
      effective_at: required(timestamp),
      expires_at: optional(timestamp),
      priority: required(integer()),
    }),
    (parsed, path, issues) => {
      if (parsed.expires_at !== undefined && parsed.expires_at <= parsed.effective_at) {
        issues.report(
          childPath(path, "expires_at"),
          `must be after effective_at (${formatInstant(parsed.effective_at)}), not ${formatInstant(parsed.expires_at)}`,
        );
        return false;
      }
      return true;
    },
  );
}

/** One usage event. Its properties are checked against the meters when it is aggregated. */
export const eventSchema = object({
  id: required(nonEmptyText),
  name: required(nonEmptyText),
  timestamp: required(timestamp),
  properties: optional(anyObject),
});
export type ScenarioEvent = Parsed<typeof eventSchema>;

const versionOne: Schema<1> = (value, path, issues) => {
  if (value === 1) return 1;
  issues.report(path, `must be 1 (the only version of the scenario format), not ${describe(value)}`);
  return INVALID;
};

function headerShape(references: ScenarioReferences, eventsField: Field<unknown[]>) {
  return {
    version: required(versionOne),
    currency: required(currency),
    timezone: optional(timeZone),
    meters: required(array(meter, { uniqueBy: { field: "code", label: "meter code" } })),
    plans: required(array(planSchema(references), { uniqueBy: { field: "code", label: "plan code" } })),
    subscription: required(subscriptionSchema(references)),
    changes: optional(array(changeSchema(references))),
    coupons: optional(array(coupon, { uniqueBy: { field: "id", label: "coupon id" } })),
    credit_grants: optional(
      array(creditGrantSchema(references), { uniqueBy: { field: "id", label: "credit grant id" } }),
    ),
    tax: optional(object({ rate: required(amount) })),
    // Events are validated one by one as they stream in (see simulate-scenario.ts).
    events: eventsField,
    bill_until: required(timestamp),
  };
}

/**
 * Changes apply in the order of `at`; none may come before the subscription
 * starts or after a cancellation (billing rule 16). Reported at the change.
 */
function checkChangeOrder(
  fields: Partial<ScenarioDocument>,
  path: JsonPath,
  issues: IssueCollector,
): boolean {
  const { subscription, changes } = fields;
  if (subscription === undefined || changes === undefined) return true;
  let valid = true;
  let cancellation: { index: number; at: number } | undefined;
  const inTimeOrder = changes
    .map((change, index) => ({ change, index }))
    .sort((left, right) => left.change.at - right.change.at);
  for (const { change, index } of inTimeOrder) {
    const changePath = childPath(childPath(path, "changes"), index);
    if (change.at < subscription.start) {
      issues.report(
        childPath(changePath, "at"),
        `is before the subscription starts (${formatInstant(subscription.start)}): ${formatInstant(change.at)}`,
      );
      valid = false;
    } else if (cancellation !== undefined) {
      issues.report(
        changePath,
        `comes after the cancellation at $.changes[${cancellation.index}] (${formatInstant(cancellation.at)})`,
      );
      valid = false;
    }
    if (change.type === "cancel" && cancellation === undefined) cancellation = { index, at: change.at };
  }
  return valid;
}

// A simulation answers in seconds, also over HTTP: ten years of daily billing
// is about 3,650 periods. Beyond this many the request is refused up front.
const MAXIMUM_SIMULATED_PERIODS = 10_000;
// The shortest length of each interval unit, in days, for a cheap upper bound on the period count.
const SHORTEST_UNIT_DAYS = { day: 1, week: 7, month: 28, quarter: 89, year: 365 } as const;
const DAY_MILLISECONDS = 86_400_000;

/** Refuses a `bill_until` so far away that the shortest plan would bill more periods than the limit. */
function checkBillingSpan(
  fields: Partial<ScenarioDocument>,
  path: JsonPath,
  issues: IssueCollector,
): boolean {
  const { subscription, plans, bill_until: billUntil } = fields;
  if (subscription === undefined || plans === undefined || billUntil === undefined || plans.length === 0)
    return true;
  const shortestPeriodDays = Math.min(
    ...plans.map((plan) => SHORTEST_UNIT_DAYS[plan.interval] * (plan.interval_count ?? 1)),
  );
  const spanDays = (billUntil - subscription.start) / DAY_MILLISECONDS;
  if (spanDays / shortestPeriodDays <= MAXIMUM_SIMULATED_PERIODS) return true;
  issues.report(
    childPath(path, "bill_until"),
    `would bill up to ${Math.ceil(spanDays / shortestPeriodDays)} periods; a simulation bills at most ${MAXIMUM_SIMULATED_PERIODS}: choose an earlier bill_until`,
  );
  return false;
}

/**
 * Validates a scenario document, events excepted (they are checked one at a
 * time as they stream in). Returns the fields that are valid even when others
 * are not, so that the caller can still check the events against the meters.
 */
export function scenarioSchema(references: ScenarioReferences, options: { eventsRequired: boolean }) {
  const events = array(anyValue);
  const eventsField = options.eventsRequired ? required(events) : optional(events);
  const validateFields = objectFields(headerShape(references, eventsField), {
    ignoredFields: CHECKER_FIELDS,
  });
  return (value: unknown, path: JsonPath, issues: IssueCollector) => {
    const result = validateFields(value, path, issues);
    if (result === INVALID) return INVALID;
    const ordered = checkChangeOrder(result.fields, path, issues);
    const bounded = checkBillingSpan(result.fields, path, issues);
    return { valid: result.valid && ordered && bounded, fields: result.fields };
  };
}

export type ScenarioDocument = ObjectOf<ReturnType<typeof headerShape>>;
export type ScenarioMeter = Parsed<typeof meter>;
export type ScenarioPlan = Parsed<ReturnType<typeof planSchema>>;
export type ScenarioCharge = ScenarioPlan["charges"][number];
export type ScenarioChange = Parsed<ReturnType<typeof changeSchema>>;
export type ScenarioCoupon = Parsed<typeof coupon>;
export type ScenarioCreditGrant = Parsed<ReturnType<typeof creditGrantSchema>>;
