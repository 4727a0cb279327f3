import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fixedInvoiceLine } from "../../../test/support/invoice-lines.ts";
import { currencyFor } from "../currency.ts";
import { Decimal, sumDecimals, ZERO } from "../decimal.ts";
import type { Coupon, CreditGrant } from "./adjustments.ts";
import type { InvoiceLine } from "./invoice-line.ts";
import {
  type AccountState,
  type AccountTerms,
  openingAccountState,
  settleInvoice,
} from "./invoice-totals.ts";

const USD = currencyFor("USD");
const DAY = 86_400_000;

function line(amount: string): InvoiceLine {
  return fixedInvoiceLine(amount, { charge: "fee", planCode: "p", periodEnd: DAY });
}

/** Settles invoices of the given line amounts one after another, issued a day apart. */
function settleAll(terms: Partial<AccountTerms>, invoices: string[][]) {
  const fullTerms: AccountTerms = { currency: USD, coupons: [], creditGrants: [], ...terms };
  let state: AccountState = openingAccountState(fullTerms.creditGrants);
  return invoices.map((amounts, index) => {
    const settled = settleInvoice({
      issuedAt: index * DAY,
      lines: amounts.map(line),
      terms: fullTerms,
      state,
    });
    state = settled.state;
    const { subtotal, discount, credits, tax, total, balanceApplied, amountDue } = settled.invoice;
    return Object.fromEntries(
      Object.entries({ subtotal, discount, credits, tax, total, balanceApplied, amountDue }).map(
        ([name, value]) => [name, value.toFixed(2)],
      ),
    );
  });
}

const percentage = (
  id: string,
  percent: string,
  duration: Coupon["duration"] = { type: "forever" },
): Coupon => ({
  id,
  discount: { type: "percentage", percent: new Decimal(percent) },
  duration,
});
const fixed = (id: string, amount: string, duration: Coupon["duration"] = { type: "forever" }): Coupon => ({
  id,
  discount: { type: "fixed", amount: new Decimal(amount) },
  duration,
});
const grant = (
  id: string,
  amount: string,
  priority: number,
  window: { from?: number; to?: number } = {},
): CreditGrant => ({
  id,
  amount: new Decimal(amount),
  effectiveAt: window.from ?? 0,
  ...(window.to === undefined ? {} : { expiresAt: window.to }),
  priority,
});

describe("discounts", () => {
  it("apply coupons in order, each on what the previous left and rounded on its own", () => {
    const [invoice] = settleAll(
      { coupons: [percentage("a", "10"), fixed("b", "5.00"), percentage("c", "33.333")] },
      [["100.00"]],
    );
    // 10.00, then 5.00, then 33.333 % of 85.00 = 28.33305 → 28.33
    expect(invoice?.discount).toBe("43.33");
  });

  it("never take more than what remains, and skip a non-positive subtotal", () => {
    const invoices = settleAll({ coupons: [fixed("big", "500.00")] }, [["30.00"], ["-10.00"]]);
    expect(invoices.map((invoice) => invoice.discount)).toEqual(["30.00", "0.00"]);
  });

  it("count repeating coupons over invoices with a positive subtotal only (rule 17)", () => {
    const coupons = [
      percentage("first", "100"),
      percentage("second", "50", { type: "repeating", invoices: 2 }),
    ];
    const invoices = settleAll({ coupons }, [["10.00"], ["0.00"], ["10.00"], ["10.00"]]);
    // The second coupon counts invoices 1 and 3 although the first left it nothing to take.
    expect(invoices.map((invoice) => invoice.discount)).toEqual(["10.00", "0.00", "10.00", "10.00"]);
    const alone = settleAll({ coupons: [coupons[1]!] }, [["10.00"], ["-1.00"], ["10.00"], ["10.00"]]);
    expect(alone.map((invoice) => invoice.discount)).toEqual(["5.00", "0.00", "5.00", "0.00"]);
  });
});

describe("credit grants", () => {
  it("are used by priority, then earliest expiry, then order listed, and carry over", () => {
    const creditGrants = [
      grant("late", "50.00", 1),
      grant("soon", "5.00", 1, { to: 10 * DAY }),
      grant("urgent", "3.00", 0),
    ];
    const invoices = settleAll({ creditGrants }, [["10.00"], ["100.00"], ["100.00"]]);
    expect(invoices.map((invoice) => invoice.credits)).toEqual(["10.00", "48.00", "0.00"]);
  });

  it("apply only from effective_at and until before expires_at", () => {
    const creditGrants = [grant("window", "100.00", 0, { from: DAY, to: 2 * DAY })];
    const invoices = settleAll({ creditGrants }, [["10.00"], ["10.00"], ["10.00"]]);
    expect(invoices.map((invoice) => invoice.credits)).toEqual(["0.00", "10.00", "0.00"]);
  });

  it("come after discounts", () => {
    const [invoice] = settleAll({ coupons: [fixed("c", "8.00")], creditGrants: [grant("g", "5.00", 0)] }, [
      ["10.00"],
    ]);
    expect(invoice).toMatchObject({ discount: "8.00", credits: "2.00", total: "0.00" });
  });
});

describe("tax and balance", () => {
  it("taxes what remains after discounts and credits, negative amounts too, rounded half away from zero", () => {
    const invoices = settleAll({ tax: { percent: new Decimal("20") } }, [["10.05"], ["-10.05"]]);
    expect(invoices.map((invoice) => [invoice.tax, invoice.total])).toEqual([
      ["2.01", "12.06"],
      ["-2.01", "-12.06"],
    ]);
  });

  it("turns a negative total into balance used by later positive totals, never its own (rule 19)", () => {
    const invoices = settleAll({}, [["-30.00"], ["10.00"], ["50.00"], ["5.00"]]);
    expect(invoices.map((invoice) => [invoice.balanceApplied, invoice.amountDue])).toEqual([
      ["0.00", "0.00"],
      ["10.00", "0.00"],
      ["20.00", "30.00"],
      ["0.00", "5.00"],
    ]);
  });
});

describe("totals (property)", () => {
  const cents = (min: number, max: number) =>
    fc.integer({ min, max }).map((value) => new Decimal(value).dividedBy(100).toFixed(2));
  const terms = fc.record({
    coupons: fc.array(
      fc.oneof(
        fc
          .record({ percent: fc.integer({ min: 0, max: 100 }), invoices: fc.integer({ min: 1, max: 3 }) })
          .map(({ percent, invoices }) =>
            percentage(`p${percent}`, String(percent), { type: "repeating", invoices }),
          ),
        cents(0, 5_000).map((amount) => fixed(`f${amount}`, amount)),
      ),
      { maxLength: 3 },
    ),
    grants: fc.array(fc.tuple(cents(0, 10_000), fc.integer({ min: 0, max: 2 })), { maxLength: 3 }),
    tax: fc.integer({ min: 0, max: 2_500 }),
  });
  const invoices = fc.array(fc.array(cents(-20_000, 20_000), { maxLength: 4 }), {
    minLength: 1,
    maxLength: 6,
  });

  it("total = subtotal − discount − credits + tax, subtotal = Σ lines, amount due = max(0, total − balance applied)", () => {
    fc.assert(
      fc.property(terms, invoices, (generated, lineAmounts) => {
        const accountTerms: AccountTerms = {
          currency: USD,
          coupons: generated.coupons.map((coupon, index) => ({ ...coupon, id: `${coupon.id}-${index}` })),
          creditGrants: generated.grants.map(([amount, priority], index) =>
            grant(`g${index}`, amount, priority),
          ),
          tax: { percent: new Decimal(generated.tax).dividedBy(100) },
        };
        let state = openingAccountState(accountTerms.creditGrants);
        for (const [index, amounts] of lineAmounts.entries()) {
          const settled = settleInvoice({
            issuedAt: index * DAY,
            lines: amounts.map(line),
            terms: accountTerms,
            state,
          });
          const invoice = settled.invoice;
          expect(invoice.subtotal.equals(sumDecimals(invoice.lines.map((entry) => entry.amount)))).toBe(true);
          expect(invoice.discount.equals(sumDecimals(invoice.discounts.map((entry) => entry.amount)))).toBe(
            true,
          );
          expect(
            invoice.credits.equals(sumDecimals(invoice.creditsApplied.map((entry) => entry.amount))),
          ).toBe(true);
          expect(
            invoice.total.equals(
              invoice.subtotal.minus(invoice.discount).minus(invoice.credits).plus(invoice.tax),
            ),
          ).toBe(true);
          expect(
            invoice.amountDue.equals(Decimal.max(ZERO, invoice.total.minus(invoice.balanceApplied))),
          ).toBe(true);
          for (const figure of [
            invoice.discount,
            invoice.credits,
            invoice.tax,
            invoice.total,
            invoice.amountDue,
          ]) {
            expect(figure.decimalPlaces()).toBeLessThanOrEqual(2);
          }
          expect(
            invoice.discount.plus(invoice.credits).lessThanOrEqualTo(Decimal.max(ZERO, invoice.subtotal)),
          ).toBe(true);
          state = settled.state;
        }
      }),
    );
  });
});

describe("inclusive tax (rule 23)", () => {
  const inclusive = (percent: string) => ({ tax: { percent: new Decimal(percent), inclusive: true } });

  it("takes the tax out of the taxable amount and adds nothing to the total", () => {
    const invoices = settleAll(inclusive("20"), [["120.00"], ["10.05"], ["-10.05"]]);
    // 10.05 × 20 / 120 = 1.675 → 1.68, rounded half away from zero like every amount.
    expect(invoices.map((invoice) => [invoice.tax, invoice.total, invoice.amountDue])).toEqual([
      ["20.00", "120.00", "120.00"],
      ["1.68", "10.05", "10.05"],
      ["-1.68", "-10.05", "0.00"],
    ]);
  });

  it("applies to what remains after discounts and credits", () => {
    const [invoice] = settleAll(
      { ...inclusive("25"), coupons: [fixed("c", "20.00")], creditGrants: [grant("g", "5.00", 0)] },
      [["150.00"]],
    );
    // taxable 125.00, of which 125 × 25 / 125 = 25.00 is tax.
    expect(invoice).toMatchObject({ discount: "20.00", credits: "5.00", tax: "25.00", total: "125.00" });
  });

  it("leaves an exclusive rate as it was", () => {
    const [exclusive] = settleAll({ tax: { percent: new Decimal("20"), inclusive: false } }, [["100.00"]]);
    expect(exclusive).toMatchObject({ tax: "20.00", total: "120.00" });
  });
});

/** A fixed line of `planCode`, or a usage line of `meterCode` when one is given. */
function lineOf(amount: string, planCode: string, meterCode?: string): InvoiceLine {
  const base = line(amount);
  if (meterCode === undefined) {
    return {
      ...base,
      details: {
        kind: "fixed",
        planCode,
        timing: "in_advance",
        fullAmount: base.amount,
        proration: { days: 1, fullDays: 1 },
      },
    };
  }
  return {
    ...base,
    charge: meterCode,
    kind: "usage",
    details: {
      kind: "usage",
      planCode,
      meterCode,
      aggregation: "count",
      eventCount: 1,
      quantity: new Decimal(1),
      quantityIsInexact: false,
      price: { model: "percentage", rate: ZERO, fixedFee: new Decimal(amount), transactions: 1 },
    },
  };
}

const limitedTo = (coupon: Coupon, planCodes: string[], meterCodes: string[]): Coupon => ({
  ...coupon,
  appliesTo: { planCodes, meterCodes },
});

/** Settles invoices of the given lines one after another, with the coupons alone. */
function settleLines(coupons: Coupon[], invoices: InvoiceLine[][]) {
  const terms: AccountTerms = { currency: USD, coupons, creditGrants: [] };
  let state: AccountState = openingAccountState([]);
  return invoices.map((lines, index) => {
    const settled = settleInvoice({ issuedAt: index * DAY, lines, terms, state });
    state = settled.state;
    return {
      discounts: settled.invoice.discounts.map((entry) => `${entry.couponId}:${entry.amount.toFixed(2)}`),
      counts: Object.fromEntries(state.couponInvoiceCounts),
    };
  });
}

describe("coupons limited to plans or meters (rule 22)", () => {
  const mixed = [
    lineOf("40.00", "pro"),
    lineOf("25.00", "pro", "api_calls"),
    lineOf("15.00", "pro", "storage"),
    lineOf("20.00", "addon"),
  ];

  it("take their share of the eligible lines only", () => {
    const [invoice] = settleLines(
      [
        limitedTo(percentage("plan", "10"), ["addon"], []),
        limitedTo(percentage("meter", "50"), [], ["api_calls"]),
        limitedTo(fixed("either", "100.00"), ["addon"], ["storage"]),
      ],
      [mixed],
    );
    // 10 % of 20.00; 50 % of 25.00 = 12.50; the fixed 100.00 stops at the 35.00 of addon + storage.
    expect(invoice?.discounts).toEqual(["plan:2.00", "meter:12.50", "either:35.00"]);
  });

  it("never take more than earlier coupons left of the subtotal", () => {
    const [invoice] = settleLines(
      [fixed("first", "90.00"), limitedTo(percentage("pro", "100"), ["pro"], [])],
      [mixed],
    );
    // The pro lines add up to 80.00, but only 10.00 of the 100.00 subtotal remains.
    expect(invoice?.discounts).toEqual(["first:90.00", "pro:10.00"]);
  });

  it("with both lists empty apply to the whole invoice, as an unrestricted coupon", () => {
    const [invoice] = settleLines([limitedTo(percentage("all", "10"), [], [])], [mixed]);
    expect(invoice?.discounts).toEqual(["all:10.00"]);
  });

  it("count an invoice only when their eligible lines add up to more than zero", () => {
    const coupon = limitedTo(fixed("addon", "5.00", { type: "repeating", invoices: 2 }), ["addon"], []);
    const invoices = settleLines(
      [percentage("everything", "100"), coupon],
      [
        [lineOf("50.00", "pro")],
        [lineOf("50.00", "pro"), lineOf("20.00", "addon")],
        [lineOf("50.00", "pro"), lineOf("-20.00", "addon")],
        [lineOf("20.00", "addon")],
        [lineOf("20.00", "addon")],
      ],
    );
    // Invoice 1 has no addon line; invoice 3's addon lines are negative. Invoice 2 counts although the
    // first coupon left nothing (as rule 17 for any coupon); invoice 4 is the second, invoice 5 is past it.
    expect(invoices.map((invoice) => invoice.discounts)).toEqual([
      ["everything:50.00"],
      ["everything:70.00", "addon:0.00"],
      ["everything:30.00"],
      ["everything:20.00", "addon:0.00"],
      ["everything:20.00"],
    ]);
    expect(invoices.map((invoice) => invoice.counts.addon ?? 0)).toEqual([0, 1, 1, 2, 3]);
  });
});

describe("coupons redeemed for one subscription (rule 22)", () => {
  const of = (subscriptionId: string, line: InvoiceLine): InvoiceLine => ({ ...line, subscriptionId });
  const forSubscription = (coupon: Coupon, subscriptionId: string, meterCodes: string[] = []): Coupon => ({
    ...coupon,
    appliesTo: { planCodes: [], meterCodes, subscriptionIds: [subscriptionId] },
  });
  // Two subscriptions on the same plan, billed on one invoice: A 10.00 and 10.00 of calls, B the same.
  const twoSubscriptions = [
    of("sub_a", lineOf("10.00", "pro")),
    of("sub_a", lineOf("10.00", "pro", "api_calls")),
    of("sub_b", lineOf("10.00", "pro")),
    of("sub_b", lineOf("10.00", "pro", "api_calls")),
  ];

  it("take their share of that subscription's lines only, also when another is on the same plan", () => {
    const [invoice] = settleLines(
      [
        forSubscription(percentage("half", "50"), "sub_a"),
        forSubscription(percentage("calls", "10"), "sub_b", ["api_calls"]),
      ],
      [twoSubscriptions],
    );
    // 50 % of A's 20.00; 10 % of B's 10.00 of calls.
    expect(invoice?.discounts).toEqual(["half:10.00", "calls:1.00"]);
  });

  it("take, for a child account's coupon on its parent's invoice, their share of the child's subscriptions' lines (rule 31)", () => {
    const child: Coupon = {
      ...fixed("child", "25.00"),
      appliesTo: { planCodes: [], meterCodes: [], subscriptionIds: ["sub_a", "sub_b"] },
    };
    const [invoice] = settleLines(
      [child],
      [
        [
          of("parent", lineOf("100.00", "pro")),
          of("sub_a", lineOf("10.00", "pro")),
          of("sub_b", lineOf("5.00", "pro")),
        ],
      ],
    );
    // 25.00 off, at most the child's 15.00; nothing of the parent's 100.00.
    expect(invoice?.discounts).toEqual(["child:15.00"]);
  });

  it("count an invoice only when the subscription's picked lines add up to more than zero", () => {
    const calls = forSubscription(fixed("calls", "5.00", { type: "repeating", invoices: 1 }), "sub_a", [
      "api_calls",
    ]);
    const invoices = settleLines(
      [calls],
      [
        [of("sub_a", lineOf("10.00", "pro")), of("sub_b", lineOf("10.00", "pro", "api_calls"))],
        twoSubscriptions,
      ],
    );
    expect(invoices.map((invoice) => invoice.discounts)).toEqual([[], ["calls:5.00"]]);
  });

  it("give on an invoice of several subscriptions what they give on their subscription's lines alone (property)", () => {
    const plans = ["basic", "pro"];
    const ownedLine = fc
      .record({
        amount: fc.integer({ min: 0, max: 20_000 }),
        plan: fc.constantFrom(...plans),
        meter: fc.option(fc.constantFrom("api_calls", "storage"), { nil: undefined }),
        subscriptionId: fc.constantFrom("sub_a", "sub_b"),
      })
      .map(({ amount, plan, meter, subscriptionId }) =>
        of(subscriptionId, lineOf(new Decimal(amount).dividedBy(100).toFixed(2), plan, meter)),
      );
    const coupon = fc.record({
      percent: fc.integer({ min: 1, max: 100 }),
      planCodes: fc.subarray(plans),
      meterCodes: fc.subarray(["api_calls", "storage"]),
    });
    fc.assert(
      fc.property(
        coupon,
        fc.array(ownedLine, { maxLength: 8 }),
        ({ percent, planCodes, meterCodes }, lines) => {
          const discount = percentage("c", String(percent));
          const together = settleLines(
            [{ ...discount, appliesTo: { planCodes, meterCodes, subscriptionIds: ["sub_a"] } }],
            [lines],
          );
          const alone = settleLines(
            [{ ...discount, appliesTo: { planCodes, meterCodes } }],
            [lines.filter((candidate) => candidate.subscriptionId === "sub_a")],
          );
          expect(together).toEqual(alone);
        },
      ),
    );
  });
});

describe("inclusive tax and restricted coupons (property)", () => {
  const cents = (min: number, max: number) =>
    fc.integer({ min, max }).map((value) => new Decimal(value).dividedBy(100));
  const percents = fc.integer({ min: 0, max: 10_000 }).map((value) => new Decimal(value).dividedBy(100));

  it("inclusive: tax + net = total, and the tax is within half a cent of taxable × p / (100 + p)", () => {
    fc.assert(
      fc.property(cents(-1_000_000, 1_000_000), percents, (amount, percent) => {
        const { invoice } = settleInvoice({
          issuedAt: 0,
          lines: [line(amount.toFixed(2))],
          terms: { currency: USD, coupons: [], creditGrants: [], tax: { percent, inclusive: true } },
          state: openingAccountState([]),
        });
        const exact = amount.times(percent).dividedBy(percent.plus(100));
        const net = invoice.total.minus(invoice.tax);
        expect(invoice.total.equals(amount)).toBe(true);
        expect(net.plus(invoice.tax).equals(invoice.total)).toBe(true);
        expect(invoice.tax.minus(exact).abs().lessThanOrEqualTo("0.005")).toBe(true);
        expect(invoice.tax.decimalPlaces()).toBeLessThanOrEqual(2);
        // The tax never exceeds what the customer pays, nor has another sign.
        expect(invoice.tax.abs().lessThanOrEqualTo(invoice.total.abs())).toBe(true);
        expect(invoice.tax.isZero() || invoice.tax.isNegative() === amount.isNegative()).toBe(true);
      }),
    );
  });

  const plans = ["basic", "pro", "addon"];
  const meters = ["api_calls", "storage"];
  const generatedLine = fc
    .record({
      amount: cents(-5_000, 20_000),
      plan: fc.constantFrom(...plans),
      meter: fc.option(fc.constantFrom(...meters), { nil: undefined }),
    })
    .map(({ amount, plan, meter }) => lineOf(amount.toFixed(2), plan, meter));
  const generatedCoupon = fc
    .record({
      discount: fc.oneof(
        percents.map((percent) => ({ type: "percentage" as const, percent: Decimal.min(percent, 100) })),
        cents(0, 20_000).map((amount) => ({ type: "fixed" as const, amount })),
      ),
      planCodes: fc.subarray(plans),
      meterCodes: fc.subarray(meters),
      restricted: fc.boolean(),
    })
    .map(
      ({ discount, planCodes, meterCodes, restricted }): Coupon => ({
        id: "numbered below",
        discount,
        duration: { type: "forever" },
        ...(restricted ? { appliesTo: { planCodes, meterCodes } } : {}),
      }),
    );

  /** Up to four coupons, numbered c0, c1, … in the order they apply. */
  const numberedCoupons = fc
    .array(generatedCoupon, { maxLength: 4 })
    .map((coupons) => coupons.map((coupon, index) => ({ ...coupon, id: `c${index}` })));
  const invoiceLines = fc.array(generatedLine, { minLength: 1, maxLength: 8 });
  /** The first invoice of an account with these lines and coupons, and no credit. */
  const settleWithCoupons = (lines: InvoiceLine[], coupons: Coupon[]) =>
    settleInvoice({
      issuedAt: 0,
      lines,
      terms: { currency: USD, coupons, creditGrants: [] },
      state: openingAccountState([]),
    });

  it("a restricted coupon takes no more than its eligible lines nor than the subtotal earlier coupons left", () => {
    fc.assert(
      fc.property(numberedCoupons, invoiceLines, (coupons, lines) => {
        const { invoice } = settleWithCoupons(lines, coupons);
        let remaining = invoice.subtotal;
        for (const entry of invoice.discounts) {
          const coupon = coupons.find((candidate) => candidate.id === entry.couponId);
          const appliesTo = coupon?.appliesTo;
          const restricted =
            appliesTo !== undefined && (appliesTo.planCodes.length > 0 || appliesTo.meterCodes.length > 0);
          const eligible = restricted
            ? sumDecimals(
                lines
                  .filter(
                    (candidate) =>
                      appliesTo.planCodes.includes(candidate.details.planCode) ||
                      (candidate.details.kind === "usage" &&
                        appliesTo.meterCodes.includes(candidate.details.meterCode)),
                  )
                  .map((candidate) => candidate.amount),
              )
            : invoice.subtotal;
          expect(entry.amount.isNegative()).toBe(false);
          expect(entry.amount.lessThanOrEqualTo(eligible)).toBe(true);
          expect(entry.amount.lessThanOrEqualTo(remaining)).toBe(true);
          remaining = remaining.minus(entry.amount);
        }
        expect(invoice.discount.lessThanOrEqualTo(Decimal.max(ZERO, invoice.subtotal))).toBe(true);
      }),
    );
  });

  it("unrestricted coupons give what they gave before restrictions existed", () => {
    fc.assert(
      fc.property(numberedCoupons, invoiceLines, (coupons, lines) => {
        const unrestricted = coupons.map(({ appliesTo: _appliesTo, ...coupon }) => coupon);
        const emptyLists = coupons.map((coupon) => ({
          ...coupon,
          appliesTo: { planCodes: [], meterCodes: [] },
        }));
        const plain = settleWithCoupons(lines, unrestricted);
        const withEmptyLists = settleWithCoupons(lines, emptyLists);
        expect(withEmptyLists.invoice.discounts).toEqual(plain.invoice.discounts);
        expect(withEmptyLists.state.couponInvoiceCounts).toEqual(plain.state.couponInvoiceCounts);
        // The rule-17 reference: every coupon takes its share of what remains of a positive subtotal.
        let remaining = plain.invoice.subtotal;
        const expected = plain.invoice.subtotal.greaterThan(ZERO)
          ? unrestricted.map((coupon) => {
              const wanted =
                coupon.discount.type === "percentage"
                  ? remaining.times(coupon.discount.percent).dividedBy(100)
                  : Decimal.min(coupon.discount.amount, remaining);
              const amount = wanted.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
              remaining = remaining.minus(amount);
              return `${coupon.id}:${amount.toFixed(2)}`;
            })
          : [];
        expect(
          plain.invoice.discounts.map((entry) => `${entry.couponId}:${entry.amount.toFixed(2)}`),
        ).toEqual(expected);
      }),
    );
  });
});
