// The hand-worked example of issue #21, to the cent: a reseller at 20 % of the
// Growth plan's fees with a 50.00 minimum guarantee, a referral partner at
// 25.00 per activated customer, and a refund of January clawed back in
// February's statement. Plus the cash basis, volume tiers and adjustments.
import { describe, expect, it } from "vitest";
import { currencyFor } from "../currency.ts";
import { Decimal } from "../decimal.ts";
import {
  type AgreementTerms,
  computeSettlement,
  type InvoiceFact,
  type SettlementFacts,
  tierPercent,
} from "./partner-settlement.ts";

const eur = currencyFor("EUR");
const d = (value: string) => new Decimal(value);
const noClawback = { refunds: false, creditNotes: false, chargebacks: false };

const reseller: AgreementTerms = {
  basis: "accrual",
  shares: [{ match: { plan: "growth" }, percent: d("20") }],
  volumeTiers: [],
  activationFee: null,
  minimumGuarantee: d("50.00"),
  clawback: { refunds: true, creditNotes: true, chargebacks: true },
};
const referral: AgreementTerms = {
  basis: "accrual",
  shares: [],
  volumeTiers: [],
  activationFee: d("25.00"),
  minimumGuarantee: null,
  clawback: noClawback,
};

/** A Growth invoice: the 149.00 platform fee, usage at 12.35, and a line of another plan. */
function growthInvoice(id: string, customerId: string): InvoiceFact {
  return {
    invoiceId: id,
    invoiceNumber: `INV-${id}`,
    customerId,
    total: d("191.33"),
    lines: [
      { product: "platform", plan: "growth", charge: "platform", amount: d("149.00") },
      { product: "api", plan: "growth", charge: "api_calls", amount: d("12.35") },
      { product: "support", plan: "support", charge: "premium", amount: d("30.00") },
    ],
  };
}

const nothing: Omit<SettlementFacts, "currency"> = {
  invoices: [],
  payments: [],
  activations: [],
  reversals: [],
  adjustments: [],
};

const summary = (statement: ReturnType<typeof computeSettlement>) =>
  statement.lines.map((line) => [line.kind, line.source.reference, line.amount.toFixed(2)]);

describe("the hand-worked example", () => {
  it("January: the reseller earns 20 % of 161.35 = 32.27 and is topped up to 50.00", () => {
    const statement = computeSettlement(reseller, {
      ...nothing,
      currency: eur,
      invoices: [growthInvoice("001", "alpha")],
    });
    // 149.00 + 12.35 = 161.35 of Growth (the support plan's 30.00 is not the reseller's); 20 % = 32.27.
    expect(summary(statement)).toEqual([
      ["revenue_share", "INV-001", "32.27"],
      ["minimum_guarantee", "Minimum guarantee", "17.73"],
    ]);
    expect(statement.lines[0]?.base?.toFixed(2)).toBe("161.35");
    expect(statement.total.toFixed(2)).toBe("50.00");
  });

  it("February: two invoices earn 64.54; January's invoice refunded in full claws back 32.27", () => {
    const january = growthInvoice("001", "alpha");
    const statement = computeSettlement(reseller, {
      ...nothing,
      currency: eur,
      invoices: [growthInvoice("002", "alpha"), growthInvoice("003", "beta")],
      reversals: [{ kind: "refund", id: "rfn_1", reference: "rfn_1", amount: d("191.33"), invoice: january }],
    });
    expect(summary(statement)).toEqual([
      ["revenue_share", "INV-002", "32.27"],
      ["revenue_share", "INV-003", "32.27"],
      ["clawback", "rfn_1", "-32.27"],
    ]);
    // The guarantee compares what the period earned (64.54 ≥ 50.00); the clawback comes after it.
    expect(statement.earned.toFixed(2)).toBe("64.54");
    expect(statement.total.toFixed(2)).toBe("32.27");
    expect(statement.lines[2]).toMatchObject({ invoiceId: "001", customerId: "alpha" });
  });

  it("a partial refund claws back in proportion: 50.00 of 191.33 takes back 8.43", () => {
    const statement = computeSettlement(reseller, {
      ...nothing,
      currency: eur,
      invoices: [growthInvoice("004", "alpha"), growthInvoice("005", "beta")],
      reversals: [
        {
          kind: "refund",
          id: "rfn_2",
          reference: "rfn_2",
          amount: d("50.00"),
          invoice: growthInvoice("001", "a"),
        },
      ],
    });
    // 32.27 × 50.00 / 191.33 = 8.4330… → 8.43.
    expect(summary(statement).at(-1)).toEqual(["clawback", "rfn_2", "-8.43"]);
  });

  it("the referral partner earns 25.00 per activated customer, each once", () => {
    const january = computeSettlement(referral, {
      ...nothing,
      currency: eur,
      activations: [{ customerId: "gamma", invoiceId: "010", invoiceNumber: "INV-010" }],
    });
    expect(summary(january)).toEqual([["activation_fee", "INV-010", "25.00"]]);
    const february = computeSettlement(referral, {
      ...nothing,
      currency: eur,
      activations: [
        { customerId: "delta", invoiceId: "020", invoiceNumber: "INV-020" },
        { customerId: "epsilon", invoiceId: "021", invoiceNumber: "INV-021" },
      ],
      reversals: [
        {
          kind: "refund",
          id: "rfn_3",
          reference: "rfn_3",
          amount: d("10.00"),
          invoice: growthInvoice("010", "g"),
        },
      ],
    });
    // No clawback in the referral agreement: the refund takes nothing back.
    expect(february.total.toFixed(2)).toBe("50.00");
  });
});

describe("other terms", () => {
  it("cash basis: a payment earns the share of the invoice's commission it paid", () => {
    const invoice = growthInvoice("030", "alpha");
    const statement = computeSettlement(
      { ...reseller, basis: "cash", minimumGuarantee: null },
      {
        ...nothing,
        currency: eur,
        payments: [{ paymentId: "pay_1", reference: "bank-77", amount: d("100.00"), invoice }],
      },
    );
    // 32.27 × 100.00 / 191.33 = 16.866… → 16.87.
    expect(summary(statement)).toEqual([["revenue_share", "bank-77", "16.87"]]);
  });

  it("volume tiers: the whole base takes the percent of the tier it reaches", () => {
    const tiers = [
      { upTo: d("300.00"), percent: d("20") },
      { upTo: null, percent: d("25") },
    ];
    expect(tierPercent(tiers, d("300.00"))?.toFixed()).toBe("20");
    expect(tierPercent(tiers, d("300.01"))?.toFixed()).toBe("25");
    const statement = computeSettlement(
      { ...reseller, volumeTiers: tiers, minimumGuarantee: null },
      { ...nothing, currency: eur, invoices: [growthInvoice("040", "a"), growthInvoice("041", "b")] },
    );
    // 322.70 of base is over 300.00: 25 % of each 161.35 = 40.3375 → 40.34.
    expect(summary(statement)).toEqual([
      ["revenue_share", "INV-040", "40.34"],
      ["revenue_share", "INV-041", "40.34"],
    ]);
  });

  it("carries adjustments of earlier statements as lines of their own", () => {
    const statement = computeSettlement(referral, {
      ...nothing,
      currency: eur,
      adjustments: [
        {
          settlementId: "stl_1",
          reference: "STL-1",
          description: "January: missed activation",
          amount: d("25"),
        },
      ],
    });
    expect(summary(statement)).toEqual([["adjustment", "STL-1", "25.00"]]);
  });
});
