// Request and response bodies of exchange rates.
import { type Static, Type } from "typebox";
import { CurrencyCode, Nullable, PrefixedId, StringEnum } from "../platform/http/schemas.ts";
import { StrictObject } from "../platform/http/validation.ts";

const RateDate = Type.String({
  pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
  description: "the date from which the rate is in force, YYYY-MM-DD",
  examples: ["2026-01-31"],
});

const RateText = Type.String({
  pattern: "^(0|[1-9][0-9]{0,11})(\\.[0-9]{1,12})?$",
  description: 'units of quote for one unit of base, such as "1.0842"',
  examples: ["1.0842"],
});

export const ExchangeRateSchema = Type.Object({
  id: PrefixedId("fxr"),
  base: Type.String(),
  quote: Type.String(),
  date: Type.String(),
  rate: Type.String(),
  source: StringEnum(["entered", "provider"]),
  created_by: Type.String(),
  created_at: Type.String(),
});
export type ExchangeRateView = Static<typeof ExchangeRateSchema>;

export const EnterExchangeRateBody = StrictObject({
  base: CurrencyCode,
  quote: CurrencyCode,
  date: RateDate,
  rate: RateText,
});
export type EnterExchangeRateInput = Static<typeof EnterExchangeRateBody>;

export const FetchExchangeRateBody = StrictObject({
  base: CurrencyCode,
  quote: CurrencyCode,
  date: RateDate,
});
export type FetchExchangeRateInput = Static<typeof FetchExchangeRateBody>;

export const ExchangeRateListQuery = StrictObject({
  base: Type.Optional(CurrencyCode),
  quote: Type.Optional(CurrencyCode),
});
export type ExchangeRateFilters = Static<typeof ExchangeRateListQuery>;

/** A rate a report in the reporting currency used. */
export const RateUsedSchema = Type.Object({
  from: Type.String(),
  to: Type.String(),
  on: Type.String({ description: "the date converted" }),
  rate: Type.String(),
  rate_date: Nullable(
    Type.String({ description: "the date of the stored rate used; null for the same currency" }),
  ),
  inverted: Type.Boolean({ description: "true when the stored rate is the other way round (1 ÷ rate)" }),
});
