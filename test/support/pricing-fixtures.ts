// The prices catalog and billing tests are written against, named once: the
// "pro" plan's base fee and graduated API calls, its EUR price book, and the
// small metered plan whose invoices the invoicing and alert tests work out
// by hand (49.00 in advance, two calls free, then 1.50 a call).
import type { Charge, PlanVersionBody, PriceBook } from "./api-types.ts";

/** A fixed fee a period (49.00 unless told), the base of most test plans. */
export function baseFee(amount = "49.00") {
  return { id: "base", type: "fixed", amount } satisfies Charge;
}

/** Images on meter `images` priced in a pricing unit: 4 credits an image (the scenario format's section 4 example). */
export function imagesAtFourCredits() {
  return {
    id: "images",
    type: "usage",
    meter: "images",
    model: "per_unit",
    unit_price: "4",
    unit: "credits",
  } satisfies Charge;
}

/** A fixed fee a period and calls on meter `calls` at one price each: the plan of the bill-run and backtest tests. */
export function feeAndPerCall(fee: string, perCall: string) {
  return [
    { id: "base", type: "fixed", amount: fee },
    { id: "calls", type: "usage", meter: "calls", model: "per_unit", unit_price: perCall },
  ] satisfies Charge[];
}

/** Graduated calls on meter `api_calls`: 1,000 free, then `secondTierPrice` each up to 10,000, then 0.001. */
export function graduatedCalls(secondTierPrice = "0.002") {
  return {
    id: "calls",
    type: "usage",
    meter: "api_calls",
    model: "graduated",
    tiers: [
      { up_to: 1000, unit_price: "0" },
      { up_to: 10000, unit_price: secondTierPrice },
      { up_to: null, unit_price: "0.001" },
    ],
  } satisfies Charge;
}

/** The pro plan's prices in EUR: 45.00 base, calls at 0.0018 then 0.0009, a minimum of 90.00. */
export function euroPriceBook() {
  return {
    currency: "EUR",
    minimum_commitment: "90.00",
    charges: [
      { id: "base", amount: "45.00" },
      {
        id: "calls",
        tiers: [
          { up_to: 1000, unit_price: "0" },
          { up_to: 10000, unit_price: "0.0018" },
          { up_to: null, unit_price: "0.0009" },
        ],
      },
    ],
  } satisfies PriceBook;
}

/**
 * The metered plan of the invoicing and alert tests: 49.00 a month in
 * advance and calls on meter `calls`, graduated: two free, then 1.50 each.
 */
export function meteredCallsVersion() {
  return {
    currency: "USD",
    interval: "month",
    charges: [
      { id: "base", type: "fixed", amount: "49.00", timing: "in_advance" },
      {
        id: "calls",
        type: "usage",
        meter: "calls",
        model: "graduated",
        tiers: [
          { up_to: 2, unit_price: "0" },
          { up_to: null, unit_price: "1.50" },
        ],
      },
    ],
  } satisfies PlanVersionBody;
}

/** The meters charge documents are checked against, by code: `calls` counted, `payments` summed. */
export const meterAggregations = new Map<string, unknown>([
  ["calls", "count"],
  ["payments", "sum"],
]);
