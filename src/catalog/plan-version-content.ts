// What a plan version holds, as JSON: its charges (in the charge shape of the
// scenario format, so that the billing core and `fairbill simulate` read the
// same thing), billing interval, trial, minimum commitment, prices in other
// currencies and entitlements. The same schemas validate API bodies and
// catalog.yaml; the rules that need more than a schema are in
// plan-version-rules.ts.
import { type Static, Type } from "typebox";
import { CurrencyCode, NonNegativeDecimalString, Nullable, StringEnum } from "../platform/http/schemas.ts";
import { INTERVALS } from "../simulation/index.ts";

/** A code that names a catalog object (plan, product, feature, charge, meter) in a way people can type. */
export const Code = Type.String({
  minLength: 1,
  maxLength: 100,
  pattern: "^[A-Za-z0-9][A-Za-z0-9_.:-]*$",
  description: "letters, digits and _ . : - (such as api_calls)",
});

const Price = NonNegativeDecimalString;

/** A number of units: a JSON number or a decimal string. */
const Quantity = Type.Union([
  Type.Number({ minimum: 0 }),
  Type.String({
    pattern: "^(0|[1-9][0-9]{0,17})(\\.[0-9]{1,20})?$",
    description: "a number of units such as 1000",
  }),
]);

export const TierSchema = Type.Object(
  {
    up_to: Nullable(Quantity),
    unit_price: Price,
    flat_fee: Type.Optional(Price),
  },
  { additionalProperties: false, description: "up_to is inclusive, and null on the last tier" },
);
export type TierDocument = Static<typeof TierSchema>;

const Tiers = Type.Array(TierSchema, { minItems: 1, maxItems: 100 });

export const chargeModels = ["per_unit", "package", "graduated", "volume", "percentage"] as const;

/** The price fields of each charge model: what another currency's price book may set. */
export const priceFieldsByModel: Record<(typeof chargeModels)[number] | "fixed", readonly string[]> = {
  fixed: ["amount"],
  per_unit: ["unit_price"],
  package: ["package_price"],
  graduated: ["tiers"],
  volume: ["tiers"],
  percentage: ["rate", "fixed_fee", "per_transaction_min", "per_transaction_max"],
};

const priceFields = {
  amount: Type.Optional(Price),
  unit_price: Type.Optional(Price),
  package_price: Type.Optional(Price),
  tiers: Type.Optional(Tiers),
  rate: Type.Optional(Price),
  fixed_fee: Type.Optional(Price),
  per_transaction_min: Type.Optional(Price),
  per_transaction_max: Type.Optional(Price),
};

const ChargeSchema = Type.Object(
  {
    id: Code,
    type: StringEnum(["fixed", "usage"]),
    product: Type.Optional(Code),
    timing: Type.Optional(StringEnum(["in_advance", "in_arrears"])),
    prorate: Type.Optional(Type.Boolean()),
    meter: Type.Optional(Code),
    model: Type.Optional(StringEnum(chargeModels)),
    free_units: Type.Optional(Quantity),
    package_size: Type.Optional(Quantity),
    ...priceFields,
  },
  {
    additionalProperties: false,
    description:
      "fixed: amount, timing, prorate. usage: meter and model, with per_unit: unit_price, free_units; " +
      "package: package_size, package_price, free_units; graduated and volume: tiers; " +
      "percentage: rate, fixed_fee, per_transaction_min, per_transaction_max. product: a product code.",
  },
);
export type ChargeDocument = Static<typeof ChargeSchema>;

const ChargePriceSchema = Type.Object(
  { id: Code, ...priceFields },
  {
    additionalProperties: false,
    description: "the price fields of the charge with this id, in this currency",
  },
);
export type ChargePriceDocument = Static<typeof ChargePriceSchema>;

const PriceBookSchema = Type.Object(
  {
    currency: CurrencyCode,
    minimum_commitment: Type.Optional(Nullable(Price)),
    charges: Type.Array(ChargePriceSchema, { maxItems: 200 }),
  },
  { additionalProperties: false },
);
export type PriceBookDocument = Static<typeof PriceBookSchema>;

const EntitlementSchema = Type.Object(
  {
    feature: Code,
    value: Type.Optional(Type.Unknown({ description: "a static feature's configuration value" })),
    limit: Type.Optional(Nullable(NonNegativeDecimalString)),
  },
  {
    additionalProperties: false,
    description:
      "boolean features: the code alone; static: value; metered: limit per period (null is unlimited)",
  },
);
export type EntitlementDocument = Static<typeof EntitlementSchema>;

const contentFields = {
  currency: CurrencyCode,
  interval: StringEnum(INTERVALS),
  interval_count: Type.Integer({ minimum: 1, maximum: 120 }),
  trial_days: Type.Integer({ minimum: 0, maximum: 3650 }),
  minimum_commitment: Nullable(Price),
  charges: Type.Array(ChargeSchema, { maxItems: 200 }),
  currency_prices: Type.Array(PriceBookSchema, { maxItems: 50 }),
  entitlements: Type.Array(EntitlementSchema, { maxItems: 200 }),
};

export const PlanVersionContentSchema = Type.Object(contentFields, { additionalProperties: false });
export type PlanVersionContent = Static<typeof PlanVersionContentSchema>;

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
};
const NewPlanVersionContent = Type.Object(newPlanVersionContentFields);
export type NewPlanVersionContent = Static<typeof NewPlanVersionContent>;

/** Every field of a version's content, each optional: what an edit of a draft (or a new draft) changes. */
export const planVersionContentChangeFields = {
  currency: Type.Optional(contentFields.currency),
  interval: Type.Optional(contentFields.interval),
  interval_count: Type.Optional(contentFields.interval_count),
  trial_days: Type.Optional(contentFields.trial_days),
  minimum_commitment: Type.Optional(contentFields.minimum_commitment),
  charges: Type.Optional(contentFields.charges),
  currency_prices: Type.Optional(contentFields.currency_prices),
  entitlements: Type.Optional(contentFields.entitlements),
};
const PlanVersionContentChange = Type.Object(planVersionContentChangeFields);
export type PlanVersionContentChange = Static<typeof PlanVersionContentChange>;

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
  };
}
