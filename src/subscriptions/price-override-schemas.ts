// The JSON shapes of customer-specific price overrides on the API.
import { type Static, Type } from "typebox";
import { BodyWithReason } from "../platform/http/reason.ts";
import {
  DateTimeString,
  NonNegativeDecimalString,
  Nullable,
  PrefixedId,
  StringEnum,
  Timestamp,
} from "../platform/http/schemas.ts";
import { StrictObject } from "../platform/http/validation.ts";
import { Code, Tier as TierSchema } from "../pricing/index.ts";

const overrideTypes = [
  "unit_price",
  "package_price",
  "tiers",
  "amount",
  "rate",
  "percentage_discount",
] as const;
export type OverrideType = (typeof overrideTypes)[number];

export const PriceOverrideDocumentSchema = StrictObject({
  type: StringEnum(overrideTypes, {
    description:
      "unit_price (per_unit charges), package_price (package), tiers (graduated, volume), amount (fixed), " +
      "rate (percentage), or percentage_discount (any charge, on top of any price override)",
  }),
  unit_price: Type.Optional(NonNegativeDecimalString),
  package_price: Type.Optional(NonNegativeDecimalString),
  tiers: Type.Optional(Type.Array(TierSchema, { minItems: 1, maxItems: 100 })),
  amount: Type.Optional(NonNegativeDecimalString),
  rate: Type.Optional(NonNegativeDecimalString),
  percent: Type.Optional({
    ...NonNegativeDecimalString,
    description: "percent off, more than 0 and at most 100",
  }),
});
export type PriceOverrideDocument = Static<typeof PriceOverrideDocumentSchema>;

const SubscriptionId = Type.String({
  minLength: 1,
  maxLength: 64,
  description: "the subscription the override applies to (subscriptions refer to it by this id)",
});

export const CreatePriceOverrideBody = BodyWithReason({
  subscription_id: SubscriptionId,
  plan_code: Code,
  charge_id: Code,
  override: PriceOverrideDocumentSchema,
  effective_from: DateTimeString("not in the past"),
  effective_until: Type.Optional(DateTimeString("exclusive; open-ended when left out")),
});
export type CreatePriceOverrideInput = Static<typeof CreatePriceOverrideBody>;

export const PriceOverrideSchema = Type.Object({
  id: PrefixedId("ovr"),
  customer_id: Type.String(),
  subscription_id: Type.String(),
  plan_id: Type.String(),
  plan_code: Type.String(),
  charge_id: Type.String(),
  slot: StringEnum(["price", "discount"], {
    description: "a price override and a discount on the same charge apply together, the discount last",
  }),
  version: Type.Integer({
    description: "numbered per subscription, charge and slot; the later version wins",
  }),
  override: PriceOverrideDocumentSchema,
  effective_from: Timestamp,
  effective_until: Nullable(Timestamp),
  created_at: Timestamp,
});
export type PriceOverride = Static<typeof PriceOverrideSchema>;

export const PriceOverrideListQuery = StrictObject({
  subscription_id: Type.Optional(SubscriptionId),
  plan_code: Type.Optional(Code),
});
export type PriceOverrideFilters = Static<typeof PriceOverrideListQuery>;
