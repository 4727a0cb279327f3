// What a plan version holds, as JSON: its priced content in the pricing
// language (currency, billing interval, minimum commitment, charges and prices
// in other currencies: src/pricing, the same schemas a scenario's plans use,
// so that the billing core and `fairbill simulate` read the same thing), and
// the catalog's own trial and entitlements. The same schemas validate API
// bodies and catalog.yaml and name the OpenAPI document's components; the
// rules that need more than a schema sit on PlanVersionContentSchema
// (plan-version-rules.ts).
import { type Static, type TOptional, type TProperties, Type } from "typebox";
import type { FieldError } from "../platform/errors.ts";
import { NonNegativeDecimalString, Nullable } from "../platform/http/schemas.ts";
import {
  Allowances,
  ChargesV2,
  type ChargeV2Document,
  Code,
  type JsonPath,
  PlanPricingUnits,
  pricedContentFields,
  ruleProblems,
  withRules,
} from "../pricing/index.ts";
import { type CatalogReferences, contentRules } from "./plan-version-rules.ts";

const EntitlementSchema = Type.Object(
  {
    feature: Code,
    value: Type.Optional(Type.Unknown({ description: "a static feature's configuration value" })),
    limit: Type.Optional(Nullable(NonNegativeDecimalString)),
  },
  {
    additionalProperties: false,
    title: "PlanEntitlement",
    description:
      "boolean features: the code alone; static: value; metered: limit per period (null is unlimited)",
  },
);
export type EntitlementDocument = Static<typeof EntitlementSchema>;

const contentFields = {
  currency: pricedContentFields.currency,
  interval: pricedContentFields.interval,
  interval_count: pricedContentFields.interval_count,
  trial_days: Type.Integer({ minimum: 0, maximum: 3650 }),
  minimum_commitment: pricedContentFields.minimum_commitment,
  // Version 2 of the pricing language: dimensional prices, in-advance usage, quantities on fixed charges.
  charges: ChargesV2,
  currency_prices: pricedContentFields.currency_prices,
  entitlements: Type.Array(EntitlementSchema, { maxItems: 200 }),
  // Section 4 of the pricing language: custom units (with their worth in each currency of the price
  // books), and allowances of them granted each period.
  pricing_units: PlanPricingUnits,
  allowances: Allowances,
};

export const PlanVersionContentSchema = withRules(
  Type.Object(contentFields, {
    additionalProperties: false,
    description:
      "what a plan version sells: billing interval, trial, minimum commitment, charges, prices in other currencies, entitlements, and allowances of custom pricing units",
  }),
  ...contentRules,
);
export type PlanVersionContent = Static<typeof PlanVersionContentSchema>;
export type { ChargeV2Document as ChargeDocument };

/** Every problem the rules find in a version's content (the schema has passed), each with its JSON path under `path`. */
export function checkPlanVersionContent(
  content: PlanVersionContent,
  references: CatalogReferences,
  path: JsonPath = [],
): FieldError[] {
  return ruleProblems(PlanVersionContentSchema, content, references, path);
}

/** The content of a first version: currency, interval and charges; the rest has defaults. */
export const newPlanVersionContentFields = {
  currency: contentFields.currency,
  interval: contentFields.interval,
  charges: contentFields.charges,
  interval_count: Type.Optional(contentFields.interval_count),
  trial_days: Type.Optional(contentFields.trial_days),
  minimum_commitment: Type.Optional(contentFields.minimum_commitment),
  currency_prices: Type.Optional(contentFields.currency_prices),
  entitlements: Type.Optional(contentFields.entitlements),
  pricing_units: Type.Optional(contentFields.pricing_units),
  allowances: Type.Optional(contentFields.allowances),
};
const NewPlanVersionContent = Type.Object(newPlanVersionContentFields);
export type NewPlanVersionContent = Static<typeof NewPlanVersionContent>;

/** Every field of a version's content, each optional: what an edit of a draft (or a new draft) changes. */
export const planVersionContentChangeFields = eachOptional(contentFields);
const PlanVersionContentChange = Type.Object(planVersionContentChangeFields);
export type PlanVersionContentChange = Static<typeof PlanVersionContentChange>;

function eachOptional<Fields extends TProperties>(
  fields: Fields,
): { [Field in keyof Fields]: TOptional<Fields[Field]> } {
  return Object.fromEntries(
    Object.entries(fields).map(([field, schema]) => [field, Type.Optional(schema)]),
  ) as { [Field in keyof Fields]: TOptional<Fields[Field]> };
}

export function withDefaults(content: NewPlanVersionContent): PlanVersionContent {
  return {
    currency: content.currency,
    interval: content.interval,
    interval_count: content.interval_count ?? 1,
    trial_days: content.trial_days ?? 0,
    minimum_commitment: content.minimum_commitment ?? null,
    charges: content.charges,
    currency_prices: content.currency_prices ?? [],
    entitlements: content.entitlements ?? [],
    pricing_units: content.pricing_units ?? [],
    allowances: content.allowances ?? [],
  };
}

/** `base` with the fields that `change` gives replaced. */
export function changeContent(
  base: PlanVersionContent,
  change: PlanVersionContentChange,
): PlanVersionContent {
  return {
    currency: change.currency ?? base.currency,
    interval: change.interval ?? base.interval,
    interval_count: change.interval_count ?? base.interval_count,
    trial_days: change.trial_days ?? base.trial_days,
    minimum_commitment:
      change.minimum_commitment === undefined ? base.minimum_commitment : change.minimum_commitment,
    charges: change.charges ?? base.charges,
    currency_prices: change.currency_prices ?? base.currency_prices,
    entitlements: change.entitlements ?? base.entitlements,
    pricing_units: change.pricing_units ?? base.pricing_units,
    allowances: change.allowances ?? base.allowances,
  };
}
