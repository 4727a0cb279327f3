// The scenario format, version 1 (shared/spec/scenario.md), as a TypeBox
// schema built from the pricing language's meters, plans and charges, with
// the scenario's own parts (subscription, changes, coupons, credit grants,
// tax, events) and the rules that tie them together. An optional field that
// holds null counts as left out.
import { type Static, type TProperties, type TSchema, Type } from "typebox";
import { formatInstant, parseInstant } from "../core/index.ts";
import { StringEnum } from "../platform/http/schemas.ts";
import {
  Allowances,
  Charges,
  ChargesV2,
  Code,
  CurrencyCode,
  checkPlanUnits,
  describeValue,
  discriminatedUnion,
  Interval,
  IntervalCount,
  isPlainObject,
  type JsonPath,
  listUniqueBy,
  Meter,
  Price,
  PricingUnits,
  type Rule,
  unitsByCode,
  withMessage,
  withRules,
} from "../pricing/index.ts";
import { contractFitsScenario, ScenarioContract } from "./scenario-contract.ts";
import {
  Instant,
  instantOf,
  MinorUnitAmount,
  NonEmptyText,
  Percent,
  PlanReference,
  type ScenarioContext,
  TimeZone,
} from "./scenario-fields.ts";
import { Quantities, QuantityChange, quantitiesFitCharges } from "./scenario-quantities.ts";

const planFields = {
  code: Code,
  interval: Interval,
  interval_count: Type.Optional(IntervalCount),
  minimum_commitment: Type.Optional(Price),
};

const Plan = Type.Object(
  { ...planFields, charges: Charges },
  { additionalProperties: false, title: "ScenarioPlan" },
);

/** A plan of version 2: its charges may be priced by dimension or in a unit, and it may grant allowances. */
const PlanV2 = Type.Object(
  { ...planFields, charges: ChargesV2, allowances: Type.Optional(Allowances) },
  { additionalProperties: false },
);

/** Every plan's allowances and charges fit the scenario's pricing units (V20–V22). */
const pricingUnitsFitPlans: Rule<ScenarioContext> = (value, path, run) => {
  if (!isPlainObject(value) || !Array.isArray(value.plans)) return;
  const units = unitsByCode(value.pricing_units);
  value.plans.forEach((plan, index) => {
    if (isPlainObject(plan)) checkPlanUnits(plan, [...path, "plans", index], units, run);
  });
};

const subscriptionFields = {
  plan: PlanReference,
  start: Instant,
  billing: Type.Optional(StringEnum(["anniversary", "calendar"])),
  trial_days: Type.Optional(Type.Integer({ minimum: 0, maximum: 36_600 })),
};

const Subscription = Type.Object(subscriptionFields, { additionalProperties: false });

/** Version 2: the fixed charges' quantities at the start (V8). */
const SubscriptionV2 = Type.Object(
  { ...subscriptionFields, quantities: Type.Optional(Quantities) },
  { additionalProperties: false },
);

const PlanChange = Type.Object(
  { type: Type.Literal("change_plan"), at: Instant, plan: PlanReference },
  { additionalProperties: false },
);
const Cancellation = Type.Object(
  { type: Type.Literal("cancel"), at: Instant, mode: StringEnum(["immediate", "period_end"]) },
  { additionalProperties: false },
);
const Change = discriminatedUnion("type", [PlanChange, Cancellation]);

/** Version 2: a fixed charge's quantity changes too (V9). */
const ChangeV2 = discriminatedUnion("type", [PlanChange, Cancellation, QuantityChange]);

const couponFields = {
  id: NonEmptyText,
  duration: StringEnum(["once", "repeating", "forever"]),
  invoices: Type.Optional(Type.Integer({ minimum: 1 })),
};

/** `invoices` belongs to, and is required by, a `repeating` coupon. */
const couponDurationRule: Rule = (value, path, run) => {
  if (!run.isValid(path) || !isPlainObject(value)) return;
  if (value.duration === "repeating" && value.invoices === undefined) {
    run.report([...path, "invoices"], "is required for a repeating coupon");
  } else if (value.duration !== "repeating" && value.invoices !== undefined) {
    run.report(
      [...path, "invoices"],
      `only a repeating coupon takes invoices (this one is ${String(value.duration)})`,
    );
  }
};

const Coupon = discriminatedUnion("type", [
  withRules(
    Type.Object(
      { ...couponFields, type: Type.Literal("percentage"), percent: Percent },
      { additionalProperties: false },
    ),
    couponDurationRule,
  ),
  withRules(
    Type.Object(
      { ...couponFields, type: Type.Literal("fixed"), amount: Price },
      { additionalProperties: false },
    ),
    couponDurationRule,
  ),
]);

const CreditGrant = withRules(
  Type.Object(
    {
      id: NonEmptyText,
      // Grants are spent in whole minor units (billing rule 18).
      amount: MinorUnitAmount,
      effective_at: Instant,
      expires_at: Type.Optional(Instant),
      priority: Type.Integer(),
    },
    { additionalProperties: false },
  ),
  (value, path, run) => {
    if (!run.isValid(path) || !isPlainObject(value) || typeof value.expires_at !== "string") return;
    const effectiveAt = parseInstant(String(value.effective_at));
    const expiresAt = parseInstant(value.expires_at);
    if (effectiveAt === undefined || expiresAt === undefined || expiresAt > effectiveAt) return;
    run.report(
      [...path, "expires_at"],
      `must be after effective_at (${formatInstant(effectiveAt)}), not ${formatInstant(expiresAt)}`,
    );
  },
);

const eventFields = {
  id: NonEmptyText,
  name: NonEmptyText,
  timestamp: Instant,
  // Free-form by design: an object schema without fields, so that nothing
  // walks its keys; null is "none", said by the schema so that an event
  // needs no pass that leaves nulls out.
  properties: Type.Optional(
    Type.Unsafe<Record<string, unknown> | null>({
      type: ["object", "null"],
      description: "the event's properties, read by the meters",
    }),
  ),
};

/** One usage event. Its properties are checked against the meters when it is aggregated. */
export const ScenarioEvent = Type.Object(eventFields, {
  additionalProperties: false,
  title: "ScenarioEvent",
});

/** Version 2: when the service received the event, which decides the window that bills it in advance (V15). */
export const ScenarioEventV2 = withRules(
  Type.Object({ ...eventFields, received_at: Type.Optional(Instant) }, { additionalProperties: false }),
  (value, path, run) => {
    if (!isPlainObject(value) || typeof value.received_at !== "string") return;
    if (!run.isValid([...path, "received_at"]) || !run.isValid([...path, "timestamp"])) return;
    const timestamp = parseInstant(String(value.timestamp));
    const receivedAt = parseInstant(value.received_at);
    if (timestamp !== undefined && receivedAt !== undefined && receivedAt < timestamp) {
      run.report([...path, "received_at"], `must not be before the timestamp (${formatInstant(timestamp)})`);
    }
  },
);
export type ScenarioEventDocument = Static<typeof ScenarioEventV2>;

/**
 * The event as it is when it is plainly valid: no fields but the event's
 * (`received_at` in version 2 only), `id` and `name` non-empty strings, a
 * `timestamp` (and a `received_at` not before it) that parse, `properties` an
 * object. The schema and its rules accept every such event unchanged; any
 * other is left to them (undefined), so that they name each problem. Checked
 * by hand because it runs once per event of a stream, where the schema's
 * general walk cost as much as the billing itself.
 */
export function plainlyValidEvent(value: unknown, version: 1 | 2): ScenarioEventDocument | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const event = value as Record<string, unknown>;
  for (const key in event) {
    if (!Object.hasOwn(event, key)) return undefined;
    switch (key) {
      case "id":
      case "name":
      case "timestamp":
      case "properties":
        break;
      case "received_at":
        if (version === 2) break;
        return undefined;
      default:
        return undefined;
    }
  }
  const { id, name, timestamp, properties, received_at: receivedAt } = event;
  if (typeof id !== "string" || id.length === 0 || typeof name !== "string" || name.length === 0) {
    return undefined;
  }
  if (typeof timestamp !== "string") return undefined;
  if (
    properties !== undefined &&
    (typeof properties !== "object" || properties === null || Array.isArray(properties))
  ) {
    return undefined;
  }
  const at = instantOf(timestamp);
  if (at === undefined) return undefined;
  if (receivedAt !== undefined) {
    if (typeof receivedAt !== "string") return undefined;
    const received = parseInstant(receivedAt);
    if (received === undefined || received < at) return undefined;
  }
  return event as ScenarioEventDocument;
}

const Version = withMessage(
  Type.Literal(1),
  (value) => `must be 1 or 2 (the versions of the scenario format), not ${describeValue(value)}`,
);

function instantAt(document: Record<string, unknown>, path: JsonPath): number | undefined {
  let current: unknown = document;
  for (const key of path) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return typeof current === "string" ? parseInstant(current) : undefined;
}

/**
 * Changes apply in the order of `at`; none may come before the subscription
 * starts or after a cancellation (billing rule 16). Reported at the change.
 */
const changesInOrder: Rule = (value, path, run) => {
  if (!isPlainObject(value) || !Array.isArray(value.changes)) return;
  if (!run.isValid([...path, "subscription"]) || !run.isValid([...path, "changes"])) return;
  const start = instantAt(value, ["subscription", "start"]);
  if (start === undefined) return;
  let cancellation: { index: number; at: number } | undefined;
  const inTimeOrder = value.changes
    .map((change, index) => ({
      change: change as { type: string },
      at: instantAt(value, ["changes", index, "at"]) ?? 0,
      index,
    }))
    .sort((left, right) => left.at - right.at);
  for (const { change, at, index } of inTimeOrder) {
    const changePath = [...path, "changes", index];
    if (at < start) {
      run.report(
        [...changePath, "at"],
        `is before the subscription starts (${formatInstant(start)}): ${formatInstant(at)}`,
      );
    } else if (cancellation !== undefined) {
      run.report(
        changePath,
        `comes after the cancellation at $.changes[${cancellation.index}] (${formatInstant(cancellation.at)})`,
      );
    }
    if (change.type === "cancel" && cancellation === undefined) cancellation = { index, at };
  }
};

// A simulation answers in seconds, also over HTTP: ten years of daily billing
// is about 3,650 periods. Beyond this many the request is refused up front.
const MAXIMUM_SIMULATED_PERIODS = 10_000;
// The shortest length of each interval unit, in days, for a cheap upper bound on the period count.
const SHORTEST_UNIT_DAYS = { day: 1, week: 7, month: 28, quarter: 89, year: 365 } as const;
const DAY_MILLISECONDS = 86_400_000;

/** Refuses a `bill_until` so far away that the shortest plan would bill more periods than the limit. */
const billingSpanBounded: Rule = (value, path, run) => {
  if (!isPlainObject(value) || !Array.isArray(value.plans) || value.plans.length === 0) return;
  if (!["subscription", "plans", "bill_until"].every((field) => run.isValid([...path, field]))) return;
  const start = instantAt(value, ["subscription", "start"]);
  const billUntil = instantAt(value, ["bill_until"]);
  if (start === undefined || billUntil === undefined) return;
  const plans = value.plans as { interval: keyof typeof SHORTEST_UNIT_DAYS; interval_count?: number }[];
  const shortestPeriodDays = Math.min(
    ...plans.map((plan) => SHORTEST_UNIT_DAYS[plan.interval] * (plan.interval_count ?? 1)),
  );
  const spanDays = (billUntil - start) / DAY_MILLISECONDS;
  if (spanDays / shortestPeriodDays <= MAXIMUM_SIMULATED_PERIODS) return;
  run.report(
    [...path, "bill_until"],
    `would bill up to ${Math.ceil(spanDays / shortestPeriodDays)} periods; a simulation bills at most ${MAXIMUM_SIMULATED_PERIODS}: choose an earlier bill_until`,
  );
};

/** The parts in which the versions of the format differ. */
type VersionParts<
  VersionSchema extends TSchema,
  PlanSchema extends TSchema,
  SubscriptionSchema extends TSchema,
  ChangeSchema extends TSchema,
> = {
  readonly version: VersionSchema;
  readonly plan: PlanSchema;
  readonly subscription: SubscriptionSchema;
  readonly change: ChangeSchema;
  /** Rules of the whole document that only this version needs. */
  readonly rules: readonly Rule<ScenarioContext>[];
  /** Fields of the whole document that only this version has. */
  readonly fields: TProperties;
};

const version1Parts = {
  version: Version,
  plan: Plan,
  subscription: Subscription,
  change: Change,
  rules: [],
  fields: {},
};
const version2Parts = {
  version: Type.Literal(2),
  plan: PlanV2,
  subscription: SubscriptionV2,
  change: ChangeV2,
  rules: [quantitiesFitCharges, contractFitsScenario, pricingUnitsFitPlans],
  fields: {
    // Windows in which usage billed in advance is invoiced (V15).
    instant_window_minutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 1440 })),
    // Custom units prices and allowances are written in (section 4).
    pricing_units: Type.Optional(PricingUnits),
    // A contract: term, renewal, ramps, rate card and commits (section 5).
    contract: Type.Optional(ScenarioContract),
  },
};

function scenarioSchema<
  Events extends TSchema,
  VersionSchema extends TSchema,
  PlanSchema extends TSchema,
  SubscriptionSchema extends TSchema,
  ChangeSchema extends TSchema,
>(
  parts: VersionParts<VersionSchema, PlanSchema, SubscriptionSchema, ChangeSchema>,
  events: Events,
  options: { title?: string; description: string },
) {
  return withRules(
    Type.Object(
      {
        version: parts.version,
        currency: CurrencyCode,
        timezone: Type.Optional(TimeZone),
        meters: listUniqueBy(Meter, "code", "meter code"),
        plans: listUniqueBy(parts.plan, "code", "plan code"),
        subscription: parts.subscription,
        changes: Type.Optional(Type.Array(parts.change)),
        coupons: Type.Optional(listUniqueBy(Coupon, "id", "coupon id")),
        credit_grants: Type.Optional(listUniqueBy(CreditGrant, "id", "credit grant id")),
        tax: Type.Optional(Type.Object({ rate: Price }, { additionalProperties: false })),
        events,
        bill_until: Instant,
        ...parts.fields,
        // For the checker (shared/scenarios/check.py); the simulator skips them.
        description: Type.Optional(Type.Unknown()),
        expected: Type.Optional(Type.Unknown()),
        expected_error: Type.Optional(Type.Unknown()),
      },
      { additionalProperties: false, ...options },
    ),
    changesInOrder,
    billingSpanBounded,
    ...parts.rules,
  );
}

const VERSION_1 =
  "a billing scenario, format version 1: meters, plans, a subscription and its changes, coupons, credit grants, tax and usage events";
const VERSION_2 =
  "a billing scenario, format version 2 (docs/scenario-format-v2.md): version 1 with prices by dimension, seat quantities, usage billed in advance, pricing units with allowances, and a contract with ramps, a rate card and commits";

/** A whole scenario document, events included: what the OpenAPI document shows. */
export const Scenario = scenarioSchema(version1Parts, Type.Array(ScenarioEvent), {
  title: "Scenario",
  description: VERSION_1,
});
export type ScenarioDocument = Static<typeof Scenario>;

const StreamedEvents = Type.Optional(Type.Array(Type.Unknown()));
const ListedEvents = Type.Array(Type.Unknown());
const StreamedScenarioHeaderV1 = scenarioSchema(version1Parts, StreamedEvents, { description: VERSION_1 });
const StreamedScenarioHeaderV2 = scenarioSchema(version2Parts, StreamedEvents, {
  description: VERSION_2,
});

/**
 * The schemas of each version of the format: a header whose events are
 * listed (a scenario file), or whose events (if any) follow it as a stream;
 * either way they are checked one at a time (see simulate-scenario.ts).
 */
export const scenarioSchemas = {
  1: {
    header: scenarioSchema(version1Parts, ListedEvents, { description: VERSION_1 }),
    streamedHeader: StreamedScenarioHeaderV1,
  },
  2: {
    header: scenarioSchema(version2Parts, ListedEvents, { description: VERSION_2 }),
    streamedHeader: StreamedScenarioHeaderV2,
  },
} as const;

/** A checked header of either version (version 1 is a subset of version 2). */
export type ScenarioHeaderDocument =
  | Static<typeof StreamedScenarioHeaderV1>
  | Static<typeof StreamedScenarioHeaderV2>;

/** What the document defines that other parts of it refer to, read before it is checked. */
export function scenarioContext(document: unknown): ScenarioContext {
  const root = isPlainObject(document) ? document : {};
  const meterAggregations = new Map<string, unknown>();
  const planCodes = new Set<string>();
  for (const meter of Array.isArray(root.meters) ? root.meters.filter(isPlainObject) : []) {
    if (typeof meter.code === "string" && !meterAggregations.has(meter.code)) {
      meterAggregations.set(meter.code, meter.aggregation);
    }
  }
  for (const plan of Array.isArray(root.plans) ? root.plans.filter(isPlainObject) : []) {
    if (typeof plan.code === "string") planCodes.add(plan.code);
  }
  return {
    meterAggregations,
    planCodes,
    currencyCode: typeof root.currency === "string" ? root.currency : undefined,
  };
}

/** The meters of a scenario, checked on their own (to read events by when the rest is wrong). */
export const ScenarioMeters = listUniqueBy(Meter, "code", "meter code");
