import { describe, expect, it } from "vitest";
import { currencyFor } from "../currency.ts";
import { Decimal } from "../decimal.ts";
import {
  causeOfDifference,
  matchInvoices,
  type ShadowLine,
  shadowInvoiceOf,
  summarizeParallelRun,
} from "./shadow-comparison.ts";

const usd = currencyFor("USD");

function line(
  chargeKey: string,
  fields: { quantity?: string; unitPrice?: string; proration?: string; amount: string; tax?: string },
): ShadowLine {
  return {
    chargeKey,
    quantity: fields.quantity === undefined ? null : new Decimal(fields.quantity),
    unitPrice: fields.unitPrice === undefined ? null : new Decimal(fields.unitPrice),
    prorationFactor: fields.proration === undefined ? null : new Decimal(fields.proration),
    amount: new Decimal(fields.amount),
    tax: new Decimal(fields.tax ?? "0"),
  };
}

describe("the likely cause of a line's difference", () => {
  const baseFields = { quantity: "100", unitPrice: "0.05", proration: "1", amount: "5.00", tax: "0.95" };
  const base = line("calls", baseFields);
  // Fairbill's line: the old one with these fields changed.
  it.each([
    ["nothing, to the cent", { amount: "5.001" }, null],
    ["quantity", { quantity: "120", amount: "6.00", tax: "1.14" }, "quantity"],
    ["price", { unitPrice: "0.06", amount: "6.00", tax: "1.14" }, "price"],
    ["proration", { proration: "0.5", amount: "2.50", tax: "0.48" }, "proration"],
    ["tax", { tax: "1.00" }, "tax"],
    ["rounding", { amount: "5.01" }, "rounding"],
    ["amount", { amount: "5.50" }, "amount"],
  ])("%s", (_name, changed, cause) => {
    expect(causeOfDifference(base, line("calls", { ...baseFields, ...changed }), usd)).toBe(cause);
  });
  it("names a charge only one side has", () => {
    expect(causeOfDifference(null, base, usd)).toBe("only_fairbill");
    expect(causeOfDifference(base, null, usd)).toBe("only_old");
  });
});

describe("a parallel run over three months", () => {
  const customers = ["cus_a", "cus_b", "cus_c", "cus_d"];
  const months = ["2031-01", "2031-02", "2031-03"];
  /** What Fairbill computes: a 49.00 base, calls at 0.005 (unrounded line amounts), 20.00 support, no tax. */
  function fairbillInvoice(customer: number, month: number) {
    const calls = customer === 1 && month === 1 ? 2469 : 1000 + customer * 100 + month * 10;
    return {
      lines: [
        line("base", { quantity: "1", unitPrice: "49", proration: "1", amount: "49" }),
        line("calls", {
          quantity: String(calls),
          unitPrice: "0.005",
          amount: new Decimal(calls).times("0.005").toFixed(),
        }),
        line("support", { quantity: "1", unitPrice: "20", proration: "1", amount: "20" }),
      ],
    };
  }
  /** The old system's invoices: the same, but half-even rounding of lines, and cus_c's March invoice without support. */
  function oldInvoice(customer: number, month: number) {
    const lines = fairbillInvoice(customer, month).lines.map((fairbillLine) => ({
      ...fairbillLine,
      amount: fairbillLine.amount.toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN),
    }));
    return {
      lines:
        customer === 2 && month === 2 ? lines.filter((oldLine) => oldLine.chargeKey !== "support") : lines,
    };
  }

  it("finds exactly the two differences, with their causes and amounts", () => {
    const matches = customers.flatMap((customer, customerIndex) =>
      months.map((month, monthIndex) => ({
        customer,
        month,
        match: matchInvoices(
          oldInvoice(customerIndex, monthIndex),
          fairbillInvoice(customerIndex, monthIndex),
          usd,
        ),
      })),
    );
    const differences = matches.flatMap(({ customer, month, match }) =>
      match.lines
        .filter((matched) => matched.cause !== null)
        .map(
          (matched) =>
            `${customer} ${month} ${matched.chargeKey}: ${matched.cause} ${matched.difference.toFixed(2)}`,
        ),
    );
    expect(differences).toEqual([
      "cus_b 2031-02 calls: rounding 0.01",
      "cus_c 2031-03 support: only_fairbill 20.00",
    ]);
    const rounding = matches.find(
      ({ customer, month }) => customer === "cus_b" && month === "2031-02",
    )?.match;
    expect([rounding?.oldTotal.toFixed(2), rounding?.fairbillTotal.toFixed(2)]).toEqual(["81.34", "81.35"]);

    const summary = summarizeParallelRun(matches.map(({ match }) => match));
    expect(summary.invoices).toBe(12);
    expect(summary.matching).toBe(10);
    expect(summary.matchingPercent.toFixed(2)).toBe("83.33");
    expect(summary.revenueAtStake.toFixed(2)).toBe("20.01");
    expect(summary.fairbillTotal.minus(summary.oldTotal).toFixed(2)).toBe("20.01");
    expect(summary.causes.map((entry) => [entry.cause, entry.lines, entry.difference.toFixed(2)])).toEqual([
      ["only_fairbill", 1, "20.00"],
      ["rounding", 1, "0.01"],
    ]);
  });

  it("matches an invoice to the cent when only sub-cent digits differ, and counts a run of none as 100%", () => {
    const match = matchInvoices(
      { lines: [line("calls", { amount: "12.341" })] },
      { lines: [line("calls", { amount: "12.344" })] },
      usd,
    );
    expect(match.matches).toBe(true);
    expect(summarizeParallelRun([]).matchingPercent.toFixed(2)).toBe("100.00");
  });
});

describe("one side's invoice as a parallel run compares it", () => {
  it("merges lines of one charge, turns discount and credits into lines and puts every tax on one line", () => {
    const invoice = shadowInvoiceOf(
      [
        line("seats", { quantity: "2", unitPrice: "10", amount: "20.00", tax: "1.00" }),
        line("seats", { quantity: "1", unitPrice: "10", proration: "0.5", amount: "5.00", tax: "0.25" }),
        line("calls", { quantity: "7", unitPrice: "0.05", amount: "0.35" }),
        line("tax", { amount: "0.40" }),
      ],
      { discount: new Decimal("2.00"), credits: new Decimal(0), tax: new Decimal("0.10") },
    );
    expect(
      invoice.lines.map((entry) => ({
        chargeKey: entry.chargeKey,
        quantity: entry.quantity?.toFixed() ?? null,
        unitPrice: entry.unitPrice?.toFixed() ?? null,
        prorationFactor: entry.prorationFactor?.toFixed() ?? null,
        amount: entry.amount.toFixed(),
        tax: entry.tax.toFixed(),
      })),
    ).toEqual([
      { chargeKey: "seats", quantity: "3", unitPrice: "10", prorationFactor: null, amount: "25", tax: "0" },
      {
        chargeKey: "calls",
        quantity: "7",
        unitPrice: "0.05",
        prorationFactor: null,
        amount: "0.35",
        tax: "0",
      },
      {
        chargeKey: "discount",
        quantity: null,
        unitPrice: null,
        prorationFactor: null,
        amount: "-2",
        tax: "0",
      },
      { chargeKey: "tax", quantity: null, unitPrice: null, prorationFactor: null, amount: "0", tax: "1.75" },
    ]);
  });

  it("gives a tax difference the cause tax, whichever way each side spreads it", () => {
    const old = shadowInvoiceOf([line("base", { amount: "25.00", tax: "4.75" })], {
      discount: new Decimal(0),
      credits: new Decimal(0),
      tax: new Decimal(0),
    });
    const fairbill = shadowInvoiceOf([line("base", { amount: "25.00" })], {
      discount: new Decimal(0),
      credits: new Decimal(0),
      tax: new Decimal("5.00"),
    });
    const match = matchInvoices(old, fairbill, usd);
    expect(match.lines.map((entry) => [entry.chargeKey, entry.cause, entry.difference.toFixed(2)])).toEqual([
      ["base", null, "0.00"],
      ["tax", "tax", "0.25"],
    ]);
  });
});
