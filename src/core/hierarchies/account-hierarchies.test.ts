// Pooling a parent's and its children's usage before tiers, and the sections
// of a consolidated invoice, worked by hand.
import { describe, expect, it } from "vitest";
import type { Meter, TieredPricing } from "../catalog.ts";
import { Decimal } from "../decimal.ts";
import { priceQuantity } from "../pricing/quantity-pricing.ts";
import { type UsageAggregate, type UsageWindow, usageWindowKey } from "../usage/usage-windows.ts";
import { invoiceSections, type PoolMember, poolUsage, withoutPooledUsage } from "./account-hierarchies.ts";

const d = (value: string) => new Decimal(value);
const meter = (code: string, aggregation: Meter["aggregation"]): Meter => ({
  code,
  eventName: code,
  aggregation,
  ...(aggregation === "count" ? {} : { property: "value" }),
  filters: [],
});
const meters = new Map([
  ["api_calls", meter("api_calls", "sum")],
  ["seats_peak", meter("seats_peak", "max")],
  ["visitors", meter("visitors", "unique_count")],
]);
const start = Date.UTC(2026, 0, 1);
const end = Date.UTC(2026, 1, 1);
const windowOf = (meterCode: string): UsageWindow => ({
  key: usageWindowKey({ meterCode }, start, end),
  meterCode,
  start,
  end,
  fullPeriodStart: start,
  fullPeriodEnd: end,
});
const member = (customerId: string, usage: Record<string, UsageAggregate>): PoolMember => ({
  customerId,
  usage: new Map(Object.entries(usage).map(([code, aggregate]) => [windowOf(code).key, aggregate])),
});
const used = (quantity: string, eventCount: number): UsageAggregate => ({
  quantity: d(quantity),
  eventCount,
});

// 0–1,000 calls at 0.10, 1,001–5,000 at 0.05, above 5,000 at 0.02.
const graduated: TieredPricing = {
  model: "graduated",
  tiers: [
    { upTo: d("1000"), unitPrice: d("0.10"), flatFee: d("0") },
    { upTo: d("5000"), unitPrice: d("0.05"), flatFee: d("0") },
    { upTo: null, unitPrice: d("0.02"), flatFee: d("0") },
  ],
};

describe("poolUsage", () => {
  const members = [
    member("cus_parent", { api_calls: used("300", 3) }),
    member("cus_north", { api_calls: used("800", 8) }),
    member("cus_south", { api_calls: used("1500", 15) }),
    member("cus_west", { api_calls: used("2600", 26) }),
  ];

  it("sums the members' usage before the tiers price it", () => {
    const window = windowOf("api_calls");
    const pooled = poolUsage(members, [window], meters);
    const aggregate = pooled.usage.get(window.key) as UsageAggregate;
    expect(aggregate.quantity.toFixed()).toBe("5200");
    expect(aggregate.eventCount).toBe(52);
    // Pooled: 1,000 × 0.10 = 100.00; 4,000 × 0.05 = 200.00; 200 × 0.02 = 4.00; 304.00 in all.
    expect(priceQuantity(graduated, aggregate.quantity).amount.toFixed(2)).toBe("304.00");
    // Each on its own: 30.00 + 80.00 + (100.00 + 25.00) + (100.00 + 80.00) = 415.00.
    const separately = members.reduce(
      (sum, { usage }) => sum.plus(priceQuantity(graduated, usage.get(window.key)!.quantity).amount),
      d("0"),
    );
    expect(separately.toFixed(2)).toBe("415.00");
    expect(
      pooled.shares.get(window.key)?.map((share) => [share.customerId, share.quantity.toFixed()]),
    ).toEqual([
      ["cus_parent", "300"],
      ["cus_north", "800"],
      ["cus_south", "1500"],
      ["cus_west", "2600"],
    ]);
  });

  it("counts a member without usage in the window as zero", () => {
    const window = windowOf("api_calls");
    const pooled = poolUsage([...members, member("cus_east", {})], [window], meters);
    expect(pooled.usage.get(window.key)?.quantity.toFixed()).toBe("5200");
    expect(pooled.shares.get(window.key)?.at(-1)).toEqual({
      customerId: "cus_east",
      quantity: d("0"),
      eventCount: 0,
    });
  });

  it("takes the largest of the members' maxima", () => {
    const window = windowOf("seats_peak");
    const pooled = poolUsage(
      [
        member("cus_parent", { seats_peak: used("12", 4) }),
        member("cus_north", { seats_peak: used("30", 2) }),
      ],
      [window],
      meters,
    );
    expect(pooled.usage.get(window.key)?.quantity.toFixed()).toBe("30");
    expect(pooled.usage.get(window.key)?.eventCount).toBe(6);
  });

  it("adds the combinations of a dimensional window", () => {
    const window = windowOf("api_calls");
    const withCombination = (quantity: string) => ({
      ...used(quantity, 1),
      combinations: new Map([["eu", { values: ["eu"], aggregate: used(quantity, 1) }]]),
    });
    const pooled = poolUsage(
      [
        member("cus_parent", { api_calls: withCombination("5") }),
        member("cus_north", { api_calls: withCombination("7") }),
      ],
      [window],
      meters,
    );
    expect(pooled.usage.get(window.key)?.combinations?.get("eu")?.aggregate.quantity.toFixed()).toBe("12");
  });

  it("refuses a meter whose aggregates cannot be added up", () => {
    expect(() => poolUsage(members, [windowOf("visitors")], meters)).toThrow(/cannot be pooled/);
  });
});

describe("invoiceSections", () => {
  it("puts the parent's lines first, then one section per child, subtotals tying to the total", () => {
    const lines = [
      { id: "1", billedCustomerId: "cus_north", amount: d("49.00") },
      { id: "2", billedCustomerId: null, amount: d("304.00") },
      { id: "3", billedCustomerId: "cus_south", amount: d("49.00") },
      { id: "4", billedCustomerId: "cus_north", amount: d("-10.50") },
      { id: "5", billedCustomerId: "cus_west", amount: d("49.00") },
    ];
    const sections = invoiceSections(lines);
    expect(
      sections.map((section) => [
        section.billedCustomerId,
        section.lines.map((line) => line.id),
        section.subtotal.toFixed(2),
      ]),
    ).toEqual([
      [null, ["2"], "304.00"],
      ["cus_north", ["1", "4"], "38.50"],
      ["cus_south", ["3"], "49.00"],
      ["cus_west", ["5"], "49.00"],
    ]);
    const total = sections.reduce((sum, section) => sum.plus(section.subtotal), d("0"));
    expect(total.toFixed(2)).toBe("440.50");
  });

  it("has no empty section for a parent without lines of its own", () => {
    const sections = invoiceSections([{ billedCustomerId: "cus_north", amount: d("1.00") }]);
    expect(sections.map((section) => section.billedCustomerId)).toEqual(["cus_north"]);
  });
});

describe("a child's own usage of a meter its parent's pool prices", () => {
  const day = 86_400_000;
  const calls = windowOf("api_calls");
  const peak = windowOf("seats_peak");

  it("reads nothing of a window the pool covers whole, and all of a meter it does not pool", () => {
    const unpooled = withoutPooledUsage([calls, peak], [{ meterCode: "api_calls", start, end }], meters);
    expect(unpooled.pieces.map((piece) => [piece.meterCode, piece.start, piece.end])).toEqual([
      ["seats_peak", start, end],
    ]);
    const usage = unpooled.combine(new Map([[unpooled.pieces[0]?.key as string, used("7", 2)]]));
    expect(usage.get(calls.key)).toEqual(used("0", 0));
    expect(usage.get(peak.key)).toEqual(used("7", 2));
  });

  it("reads the parts a pool starting and ending within the window leaves, and sums them", () => {
    // The pool prices calls from the 11th to the 21st: the child's own subscription bills
    // its calls of the 1st to the 10th (300) and of the 21st to the month's end (150).
    const covers = [{ meterCode: "api_calls", start: start + 10 * day, end: start + 20 * day }];
    const unpooled = withoutPooledUsage([calls], covers, meters);
    expect(unpooled.pieces.map((piece) => [piece.start, piece.end, piece.fullPeriodEnd])).toEqual([
      [start, start + 10 * day, end],
      [start + 20 * day, end, end],
    ]);
    const read = new Map([
      [unpooled.pieces[0]?.key as string, used("300", 3)],
      [unpooled.pieces[1]?.key as string, used("150", 1)],
    ]);
    expect(unpooled.combine(read).get(calls.key)).toEqual(used("450", 4));
  });
});
