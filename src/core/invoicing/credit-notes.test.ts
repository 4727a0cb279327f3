// Credit notes against invoices settled by the engine itself: what a line can
// give back, the tax rounded on the running total of what was credited, and
// the property that credit notes never add up to more than their invoice
// (total and tax) while a full one takes exactly what is left.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ContractBilling } from "../contracts/commit-ledger.ts";
import { type Currency, currencyFor } from "../currency.ts";
import { Decimal, sumDecimals, ZERO } from "../decimal.ts";
import type { Coupon, CreditGrant, TaxRate } from "./adjustments.ts";
import {
  type CreditableInvoice,
  type CreditNoteAmounts,
  type CreditNoteOutcome,
  type CreditNoteRequest,
  computeCreditNote,
  creditableByLine,
  type EarlierCreditNoteLine,
} from "./credit-notes.ts";
import type { InvoiceLine } from "./invoice-line.ts";
import { openingAccountState, settleInvoice } from "./invoice-totals.ts";

const USD = currencyFor("USD");
const DAY = 86_400_000;

function engineLine(amount: Decimal): InvoiceLine {
  return {
    charge: "fee",
    kind: amount.lessThan(ZERO) ? "proration_credit" : "fixed",
    periodStart: 0,
    periodEnd: DAY,
    quantity: new Decimal(1),
    amount,
    details: {
      kind: "fixed",
      planCode: "p",
      timing: "in_advance",
      fullAmount: amount,
      proration: { days: 1, fullDays: 1 },
    },
  };
}

/** A contract over the invoice's day with a prepaid commit of `amount` drawn by its (fixed) lines. */
function contractWithCommit(amount: Decimal): ContractBilling {
  const term = { start: 0, end: 10 * DAY };
  return {
    contract: {
      ...term,
      renewal: "none",
      phases: [],
      rateCard: [],
      commits: [
        {
          type: "prepaid",
          id: "commit",
          amount,
          invoicing: { type: "upfront" },
          appliesTo: ["fixed"],
          priority: 1,
          rollover: { type: "none" },
        },
      ],
    },
    terms: [term],
  };
}

/** An invoice of these line amounts settled by the engine, as a credit note sees it. */
function invoiceOf(
  amounts: readonly (string | Decimal)[],
  options: {
    currency?: Currency;
    tax?: TaxRate;
    coupons?: Coupon[];
    grants?: CreditGrant[];
    /** A contract's prepaid commit of this amount draws on the lines. */
    commit?: Decimal;
  } = {},
): CreditableInvoice {
  const currency = options.currency ?? USD;
  const grants = options.grants ?? [];
  const contract = options.commit === undefined ? undefined : contractWithCommit(options.commit);
  const { invoice } = settleInvoice({
    issuedAt: DAY,
    lines: amounts.map((amount) => engineLine(new Decimal(amount))),
    terms: {
      currency,
      coupons: options.coupons ?? [],
      creditGrants: grants,
      ...(options.tax === undefined ? {} : { tax: options.tax }),
    },
    state: openingAccountState(grants, contract),
    contract,
  });
  return {
    currency,
    lines: amounts.map((amount, index) => ({ id: `line_${index}`, amount: new Decimal(amount) })),
    subtotal: invoice.subtotal,
    discount: invoice.discount,
    ...(invoice.commits === undefined ? {} : { commits: invoice.commits }),
    credits: invoice.credits,
    tax: invoice.tax,
    total: invoice.total,
    ...(options.tax === undefined ? {} : { taxRate: options.tax }),
    amountRemaining: invoice.amountDue,
  };
}

const tenPercent: TaxRate = { percent: new Decimal(10) };
const full: CreditNoteRequest = { full: true };
const partial = (...lines: [number, string][]): CreditNoteRequest => ({
  lines: lines.map(([index, amount]) => ({ invoiceLineId: `line_${index}`, amount: new Decimal(amount) })),
});

function issued(outcome: CreditNoteOutcome): CreditNoteAmounts {
  if (!outcome.ok) throw new Error(`refused: ${JSON.stringify(outcome)}`);
  return outcome.creditNote;
}

const figures = (note: CreditNoteAmounts, digits = 2) =>
  [note.subtotal, note.tax, note.total].map((amount) => amount.toFixed(digits));

/** The lines a credit note leaves behind for the next one. */
const linesOf = (note: CreditNoteAmounts): EarlierCreditNoteLine[] => note.lines.map((line) => ({ ...line }));

describe("computeCreditNote", () => {
  it("credits an invoice of 0.05 + 0.05 at 10 % in full for its total of 0.11, tax rounded once", () => {
    const invoice = invoiceOf(["0.05", "0.05"], { tax: tenPercent });
    expect([invoice.tax.toFixed(2), invoice.total.toFixed(2)]).toEqual(["0.01", "0.11"]);
    const note = issued(computeCreditNote(invoice, [], full));
    expect(figures(note)).toEqual(["0.10", "0.01", "0.11"]);
    expect(note.lines.map((line) => [line.amount.toFixed(2), line.tax.toFixed(2)])).toEqual([
      ["0.05", "0.01"],
      ["0.05", "0.00"],
    ]);
    expect([note.appliedToInvoice.toFixed(2), note.creditedToBalance.toFixed(2)]).toEqual(["0.11", "0.00"]);
  });

  it("gives the tax to partial credit notes on the running total, the last one taking what is left", () => {
    const invoice = invoiceOf(["0.05", "0.05"], { tax: tenPercent });
    const first = issued(computeCreditNote(invoice, [], partial([0, "0.05"])));
    // 0.05 × 10 % = 0.005, rounded half up: 0.01, the invoice's whole tax.
    expect(figures(first)).toEqual(["0.05", "0.01", "0.06"]);
    const second = issued(computeCreditNote(invoice, linesOf(first), partial([1, "0.05"])));
    expect(figures(second)).toEqual(["0.05", "0.00", "0.05"]);
    expect(computeCreditNote(invoice, [...linesOf(first), ...linesOf(second)], full)).toEqual({
      ok: false,
      reason: "nothing_to_credit",
    });
  });

  it("rounds the tax of several lines of one credit note once, not per line", () => {
    const invoice = invoiceOf(["0.05", "0.05", "0.05", "0.05"], { tax: tenPercent });
    expect(invoice.tax.toFixed(2)).toBe("0.02");
    // Per line it would be 0.01 × 3 = 0.03, more than the invoice's 0.02.
    const note = issued(computeCreditNote(invoice, [], partial([0, "0.05"], [1, "0.05"], [2, "0.05"])));
    expect(figures(note)).toEqual(["0.15", "0.02", "0.17"]);
    const rest = issued(computeCreditNote(invoice, linesOf(note), full));
    expect(figures(rest)).toEqual(["0.05", "0.00", "0.05"]);
  });

  it("keeps a partial credit of a whole line at the line's tax (19 % of 50.00 is 9.50)", () => {
    const invoice = invoiceOf(["200.00"], { tax: { percent: new Decimal(19) } });
    const note = issued(computeCreditNote(invoice, [], partial([0, "50.00"])));
    expect(figures(note)).toEqual(["50.00", "9.50", "59.50"]);
    const rest = issued(computeCreditNote(invoice, linesOf(note), full));
    expect(figures(rest)).toEqual(["150.00", "28.50", "178.50"]);
  });

  it("credits an inclusive rate's tax as the part of the amount that is tax, all of it by the last note", () => {
    const yen = currencyFor("JPY");
    const invoice = invoiceOf(["5", "5", "5"], {
      currency: yen,
      tax: { percent: new Decimal(10), inclusive: true },
    });
    expect([invoice.tax.toFixed(), invoice.total.toFixed()]).toEqual(["1", "15"]);
    const first = issued(computeCreditNote(invoice, [], partial([0, "5"])));
    expect(figures(first, 0)).toEqual(["5", "0", "5"]);
    const rest = issued(computeCreditNote(invoice, linesOf(first), full));
    expect(figures(rest, 0)).toEqual(["10", "1", "10"]);
  });

  it("credits each line its share of what the invoice charged after discounts and credits", () => {
    const invoice = invoiceOf(["100.00", "50.00"], {
      coupons: [
        {
          id: "c",
          discount: { type: "percentage", percent: new Decimal(10) },
          duration: { type: "forever" },
        },
      ],
      grants: [{ id: "g", amount: new Decimal("15.00"), effectiveAt: 0, priority: 1 }],
    });
    expect([invoice.discount.toFixed(2), invoice.credits.toFixed(2), invoice.total.toFixed(2)]).toEqual([
      "15.00",
      "15.00",
      "120.00",
    ]);
    const tooMuch = computeCreditNote(invoice, [], partial([0, "80.01"]));
    expect(tooMuch).toEqual({
      ok: false,
      reason: "invalid",
      refusals: [
        { path: "$.lines[0].amount", message: "is more than the 80.00 of this line left to credit" },
      ],
    });
    expect(figures(issued(computeCreditNote(invoice, [], full)))).toEqual(["120.00", "0.00", "120.00"]);
  });

  it("credits each line its share of what the invoice charged after a prepaid commit's draw", () => {
    // 300.00 + 2,000.00 + 500.00, the commit draws 300.00; 20 % of 2,500.00 is 500.00.
    const invoice = invoiceOf(["300.00", "2000.00", "500.00"], {
      commit: new Decimal("300.00"),
      tax: { percent: new Decimal(20) },
    });
    expect([invoice.commits?.toFixed(2), invoice.tax.toFixed(2), invoice.total.toFixed(2)]).toEqual([
      "300.00",
      "500.00",
      "3000.00",
    ]);
    // 2,500.00 over 300, 2,000 and 500 of 2,800: 267.857…, 1,785.714…, 446.428… to the cent, largest remainders first.
    expect([...creditableByLine(invoice).values()].map((amount) => amount.toFixed(2))).toEqual([
      "267.86",
      "1785.71",
      "446.43",
    ]);
    const note = issued(computeCreditNote(invoice, [], full));
    expect(figures(note)).toEqual(["2500.00", "500.00", "3000.00"]);
  });

  it("never credits more than the invoice charged when the shares of the lines round up", () => {
    // 0.09 over two lines of 0.05: 0.045 each, 0.05 + 0.04 (rounding each up would make 0.10).
    const invoice = invoiceOf(["0.05", "0.05"], {
      coupons: [
        { id: "c", discount: { type: "fixed", amount: new Decimal("0.01") }, duration: { type: "forever" } },
      ],
      tax: tenPercent,
    });
    expect([invoice.tax.toFixed(2), invoice.total.toFixed(2)]).toEqual(["0.01", "0.10"]);
    const note = issued(computeCreditNote(invoice, [], full));
    expect(note.lines.map((line) => line.amount.toFixed(2))).toEqual(["0.05", "0.04"]);
    expect(figures(note)).toEqual(["0.09", "0.01", "0.10"]);
  });

  it("leaves negative lines out: a full credit note is the total, not the positive lines", () => {
    const invoice = invoiceOf(["49.00", "-20.00"], { tax: tenPercent });
    const note = issued(computeCreditNote(invoice, [], full));
    expect(figures(note)).toEqual(["29.00", "2.90", "31.90"]);
    expect(note.lines.map((line) => line.invoiceLineId)).toEqual(["line_0"]);
    expect(computeCreditNote(invoice, [], partial([1, "1.00"]))).toMatchObject({
      ok: false,
      refusals: [{ path: "$.lines[0].amount", message: "is more than the 0.00 of this line left to credit" }],
    });
  });

  it("refuses by field path: an unknown line, a bad amount, a line asked for twice beyond what it has", () => {
    const invoice = invoiceOf(["10.00", "10.00"], { tax: { percent: new Decimal(20) } });
    const outcome = computeCreditNote(invoice, [], {
      lines: [
        { invoiceLineId: "line_9", amount: new Decimal(1) },
        { invoiceLineId: "line_0", amount: new Decimal("1.005") },
        { invoiceLineId: "line_0", amount: ZERO },
        { invoiceLineId: "line_1", amount: new Decimal(6) },
        { invoiceLineId: "line_1", amount: new Decimal(6) },
      ],
    });
    expect(outcome).toEqual({
      ok: false,
      reason: "invalid",
      refusals: [
        { path: "$.lines[0].invoice_line_id", message: "is not a line of this invoice" },
        { path: "$.lines[1].amount", message: "must be positive with at most 2 decimals" },
        { path: "$.lines[2].amount", message: "must be positive with at most 2 decimals" },
        { path: "$.lines[4].amount", message: "is more than the 4.00 of this line left to credit" },
      ],
    });
  });

  it("reduces what the customer owes first, and owes the customer the rest", () => {
    const invoice = { ...invoiceOf(["49.00"]), amountRemaining: new Decimal("9.00") };
    const note = issued(computeCreditNote(invoice, [], partial([0, "20.00"])));
    expect([note.appliedToInvoice.toFixed(2), note.creditedToBalance.toFixed(2)]).toEqual(["9.00", "11.00"]);
  });

  it("has nothing to credit on an invoice of zero or less", () => {
    expect(computeCreditNote(invoiceOf(["10.00", "-10.00"]), [], full)).toEqual({
      ok: false,
      reason: "nothing_to_credit",
    });
  });

  it("takes what earlier credit notes worked out line by line left of the total, and no more", () => {
    // Tax rounded per line by an earlier credit note: 0.01 of the invoice's 0.01 is gone already.
    const invoice = invoiceOf(["0.05", "0.05"], { tax: tenPercent });
    const earlier: EarlierCreditNoteLine[] = [
      { invoiceLineId: "line_0", amount: new Decimal("0.05"), tax: new Decimal("0.01") },
    ];
    expect(figures(issued(computeCreditNote(invoice, earlier, full)))).toEqual(["0.05", "0.00", "0.05"]);
  });
});

// ---- the property

const currencies = ["USD", "JPY", "BHD"].map((code) => currencyFor(code));

/** An amount of `units` minor units of the currency. */
const inUnits = (units: number, currency: Currency) =>
  new Decimal(units).dividedBy(10 ** currency.minorDigits);

const invoiceArbitrary = fc
  .record({
    currency: fc.constantFrom(...currencies),
    lineUnits: fc.array(
      fc.oneof(fc.integer({ min: 1, max: 200 }), fc.integer({ min: -50_000, max: 5_000_000 })),
      {
        minLength: 1,
        maxLength: 6,
      },
    ),
    tax: fc.option(
      fc.record({
        // 0 to 30 % with up to three decimals (7.25 %, 19 %, 8.875 %).
        thousandths: fc.integer({ min: 0, max: 30_000 }),
        inclusive: fc.boolean(),
      }),
      { nil: undefined },
    ),
    coupon: fc.option(
      fc.oneof(
        fc.record({ type: fc.constant("percentage" as const), percent: fc.integer({ min: 1, max: 100 }) }),
        fc.record({ type: fc.constant("fixed" as const), units: fc.integer({ min: 1, max: 1_000_000 }) }),
      ),
      { nil: undefined },
    ),
    grantUnits: fc.option(fc.integer({ min: 1, max: 1_000_000 }), { nil: undefined }),
    commitUnits: fc.option(fc.integer({ min: 1, max: 1_000_000 }), { nil: undefined }),
  })
  .map(({ currency, lineUnits, tax, coupon, grantUnits, commitUnits }) => {
    const coupons: Coupon[] =
      coupon === undefined
        ? []
        : [
            {
              id: "coupon",
              discount:
                coupon.type === "percentage"
                  ? { type: "percentage", percent: new Decimal(coupon.percent) }
                  : { type: "fixed", amount: inUnits(coupon.units, currency) },
              duration: { type: "forever" },
            },
          ];
    const grants: CreditGrant[] =
      grantUnits === undefined
        ? []
        : [{ id: "grant", amount: inUnits(grantUnits, currency), effectiveAt: 0, priority: 1 }];
    return invoiceOf(
      lineUnits.map((units) => inUnits(units, currency)),
      {
        currency,
        coupons,
        grants,
        ...(commitUnits === undefined ? {} : { commit: inUnits(commitUnits, currency) }),
        ...(tax === undefined
          ? {}
          : { tax: { percent: new Decimal(tax.thousandths).dividedBy(1000), inclusive: tax.inclusive } }),
      },
    );
  });

/** Partial requests: which lines, and how much of what each has left (in thousandths, over 1000 asks too much). */
const requestsArbitrary = fc.array(
  fc.array(fc.record({ line: fc.nat(), share: fc.integer({ min: 1, max: 1_100 }) }), {
    minLength: 1,
    maxLength: 3,
  }),
  { maxLength: 6 },
);

describe("credit notes of an invoice", () => {
  it("never add up to more than its total and tax, and a full one takes exactly what is left", () => {
    fc.assert(
      fc.property(invoiceArbitrary, requestsArbitrary, (invoice, requests) => {
        const { currency } = invoice;
        const inclusive = invoice.taxRate?.inclusive === true;
        const earlier: EarlierCreditNoteLine[] = [];
        const notes: CreditNoteAmounts[] = [];
        const totalOf = (all: readonly CreditNoteAmounts[]) => sumDecimals(all.map((note) => note.total));
        const taxOf = (all: readonly CreditNoteAmounts[]) => sumDecimals(all.map((note) => note.tax));
        const isWhole = (amount: Decimal) => amount.decimalPlaces() <= currency.minorDigits;
        const checkNote = (note: CreditNoteAmounts) => {
          expect(note.tax.greaterThanOrEqualTo(ZERO)).toBe(true);
          expect(note.subtotal.greaterThan(ZERO)).toBe(true);
          expect(note.lines.every((line) => line.amount.greaterThan(ZERO) && isWhole(line.amount))).toBe(
            true,
          );
          expect(note.lines.every((line) => line.tax.greaterThanOrEqualTo(ZERO) && isWhole(line.tax))).toBe(
            true,
          );
          expect(sumDecimals(note.lines.map((line) => line.tax)).equals(note.tax)).toBe(true);
          expect(note.total.equals(inclusive ? note.subtotal : note.subtotal.plus(note.tax))).toBe(true);
          expect(note.appliedToInvoice.plus(note.creditedToBalance).equals(note.total)).toBe(true);
        };
        const issue = (note: CreditNoteAmounts) => {
          checkNote(note);
          notes.push(note);
          earlier.push(...linesOf(note));
          expect(totalOf(notes).lessThanOrEqualTo(invoice.total)).toBe(true);
          expect(taxOf(notes).lessThanOrEqualTo(invoice.tax)).toBe(true);
        };

        const creditable = creditableByLine(invoice);
        for (const request of requests) {
          // What each line has left after the credit notes so far.
          const leftOf = (index: number) => {
            const { id } = invoice.lines[index % invoice.lines.length] as { id: string };
            const credited = sumDecimals(
              earlier.filter((entry) => entry.invoiceLineId === id).map((entry) => entry.amount),
            );
            return { id, left: (creditable.get(id) ?? ZERO).minus(credited) };
          };
          const lines = request
            .map(({ line, share }) => {
              const { id, left } = leftOf(line);
              const amount = left
                .times(share)
                .dividedBy(1000)
                .toDecimalPlaces(currency.minorDigits, Decimal.ROUND_DOWN);
              return { invoiceLineId: id, amount };
            })
            .filter((line) => line.amount.greaterThan(ZERO));
          if (lines.length === 0) continue;
          const outcome = computeCreditNote(invoice, earlier, { lines });
          if (outcome.ok) issue(outcome.creditNote);
          else expect(outcome.reason).toBe("invalid");
        }

        const fullOutcome = computeCreditNote(invoice, earlier, { full: true });
        if (fullOutcome.ok) {
          const left = invoice.total.minus(totalOf(notes));
          expect(fullOutcome.creditNote.total.equals(left)).toBe(true);
          issue(fullOutcome.creditNote);
        } else {
          expect(fullOutcome.reason).toBe("nothing_to_credit");
        }
        // Credited in full, one way or the other: the invoice's total and tax, to the minor unit.
        if (invoice.total.greaterThan(ZERO)) {
          expect(totalOf(notes).equals(invoice.total)).toBe(true);
          expect(taxOf(notes).equals(invoice.tax)).toBe(true);
        } else {
          expect(notes).toEqual([]);
        }
        expect(computeCreditNote(invoice, earlier, { full: true })).toEqual({
          ok: false,
          reason: "nothing_to_credit",
        });
      }),
      { numRuns: 500 },
    );
  });
});
