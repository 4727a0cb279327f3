// Matching a partner's external sales against its statements' lines, worked by hand.
import { describe, expect, it } from "vitest";
import { currencyFor } from "../currency.ts";
import { Decimal } from "../decimal.ts";
import { type ExternalSale, matchExternalSales, type SettledItem } from "./external-sales.ts";

const usd = currencyFor("USD");
const january = { start: Date.UTC(2030, 0, 1), end: Date.UTC(2030, 1, 1) };
const settled = (customerId: string, plan: string, amount: string): SettledItem => ({
  settlementId: "stl_january",
  ...january,
  customerId,
  product: null,
  plan,
  charge: "platform",
  amount: new Decimal(amount),
});
const sale = (id: string, fields: Partial<ExternalSale> = {}): ExternalSale => ({
  id,
  occurredAt: Date.UTC(2030, 0, 15),
  customerId: "cus_alpha",
  customerReference: "alpha",
  externalItem: "PRO-MONTHLY",
  item: { kind: "plan", code: "pro" },
  amount: new Decimal("100.00"),
  currency: "USD",
  ...fields,
});

describe("external sales against settlement lines", () => {
  const lines = [settled("cus_alpha", "pro", "100.00"), settled("cus_beta", "pro", "60.00")];

  it("matches a sale whose customer, item, month and amount a statement line covers", () => {
    expect(matchExternalSales([sale("a")], lines, usd)).toEqual([
      { saleId: "a", settlementId: "stl_january", reason: null, difference: null },
    ]);
  });

  it("matches two sales of one customer, item and month that add up to the line", () => {
    const halves = [
      sale("b1", { customerId: "cus_beta", amount: new Decimal("25") }),
      sale("b2", { customerId: "cus_beta", amount: new Decimal("35.00") }),
    ];
    expect(matchExternalSales(halves, lines, usd).map((match) => match.reason)).toEqual([null, null]);
  });

  it("names each reason a sale is unmatched, and by how much an amount differs", () => {
    const matches = matchExternalSales(
      [
        sale("unknown", { customerId: null, customerReference: "gamma" }),
        sale("unmapped", { item: null, externalItem: "GIFT-CARD" }),
        sale("euros", { currency: "EUR" }),
        sale("february", { occurredAt: Date.UTC(2030, 1, 3) }),
        sale("charge", { item: { kind: "charge", code: "seats" } }),
        sale("short", { customerId: "cus_beta", amount: new Decimal("48.50") }),
      ],
      lines,
      usd,
    );
    expect(
      matches.map((match) => [match.saleId, match.reason?.code, match.difference?.toFixed(2) ?? null]),
    ).toEqual([
      ["unknown", "unknown_customer", null],
      ["unmapped", "no_mapping", null],
      ["euros", "currency_differs", null],
      ["february", "no_settlement_line", null],
      ["charge", "no_settlement_line", null],
      ["short", "amount_differs", "-11.50"],
    ]);
    expect(matches[5]?.reason?.message).toBe(
      "the amount differs by -11.50: the partner's sales of this customer, item and month total 48.50, the settlement line covers 60.00",
    );
    expect(matches[1]?.reason?.message).toContain('"GIFT-CARD"');
  });
});
