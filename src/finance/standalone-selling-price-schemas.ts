// Request and response bodies of standalone selling prices.
import { type Static, Type } from "typebox";
import { Code } from "../catalog/index.ts";
import { CurrencyCode, NonNegativeDecimalString, Nullable, PrefixedId } from "../platform/http/schemas.ts";
import { StrictObject } from "../platform/http/validation.ts";

export const StandaloneSellingPriceSchema = Type.Object({
  id: PrefixedId("ssp"),
  product: Nullable(Type.String({ description: "the product's code, for a price set per product" })),
  plan: Nullable(Type.String({ description: "the plan's code, for a price set per charge" })),
  charge: Nullable(Type.String({ description: "the charge's id in that plan" })),
  currency: Type.String(),
  amount: Type.String({ description: "what it sells for on its own, per billing period of the charge" }),
  updated_by: Type.String(),
  updated_at: Type.String(),
});
export type StandaloneSellingPriceView = Static<typeof StandaloneSellingPriceSchema>;

export const SetStandaloneSellingPriceBody = StrictObject({
  product: Type.Optional({ ...Code, description: "a product's code (or give plan and charge)" }),
  plan: Type.Optional({ ...Code, description: "a plan's code, with charge" }),
  charge: Type.Optional({ ...Code, description: "the id of one of the plan's charges, with plan" }),
  currency: CurrencyCode,
  amount: { ...NonNegativeDecimalString, description: "per billing period of the charge, in the currency" },
});
export type SetStandaloneSellingPriceInput = Static<typeof SetStandaloneSellingPriceBody>;

export const StandaloneSellingPriceListQuery = StrictObject({
  currency: Type.Optional(CurrencyCode),
});
export type StandaloneSellingPriceFilters = Static<typeof StandaloneSellingPriceListQuery>;
