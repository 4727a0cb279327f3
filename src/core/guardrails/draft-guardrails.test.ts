// Guardrails on draft invoices, worked by hand.
import { describe, expect, it } from "vitest";
import { Decimal } from "../decimal.ts";
import { cohortGuardrailBreaches, draftAnomalies, draftMovement } from "./draft-guardrails.ts";

const amounts = (...values: string[]) => values.map((value) => new Decimal(value));
const noPayments = { customers: 0, attempts: 0, failed: 0, disputes: 0 };
const noRules = {
  customerChangePercent: null,
  zeroOrNegative: false,
  movedShare: null,
  paymentProblemsOverControlPoints: null,
};

describe("a draft's movement", () => {
  it("compares the total with the mean of the previous invoices", () => {
    const movement = draftMovement({ total: new Decimal("300"), previousTotals: amounts("100", "110") });
    expect(movement.baseline?.toFixed()).toBe("105");
    expect(movement.changePercent?.toDecimalPlaces(4).toFixed()).toBe("185.7143");
  });

  it("has nothing to compare with without a previous invoice, or with a mean of zero", () => {
    expect(draftMovement({ total: new Decimal("10"), previousTotals: [] })).toEqual({
      baseline: null,
      changePercent: null,
    });
    expect(
      draftMovement({ total: new Decimal("10"), previousTotals: amounts("0") }).changePercent,
    ).toBeNull();
  });
});

describe("the standing guard's anomalies", () => {
  it("flags a move beyond the bound either way, and a positive invoice that fell to zero", () => {
    const bound = new Decimal("50");
    expect(draftAnomalies({ total: new Decimal("140"), previousTotals: amounts("100") }, bound)).toEqual([]);
    expect(
      draftAnomalies({ total: new Decimal("151"), previousTotals: amounts("100") }, bound).map((a) => a.rule),
    ).toEqual(["moved_beyond_bound"]);
    expect(
      draftAnomalies({ total: new Decimal("0"), previousTotals: amounts("100") }, bound).map((a) => a.rule),
    ).toEqual(["moved_beyond_bound", "became_zero_or_negative"]);
    // With a bound above 100%, a fall to zero is still an anomaly of its own.
    expect(
      draftAnomalies({ total: new Decimal("-5"), previousTotals: amounts("100") }, new Decimal("200")).map(
        (a) => a.rule,
      ),
    ).toEqual(["became_zero_or_negative"]);
  });
});

describe("a cohort's guardrails", () => {
  const drafts = [
    { customerId: "a", total: new Decimal("130"), previousTotals: amounts("100") },
    { customerId: "b", total: new Decimal("104"), previousTotals: amounts("100") },
    { customerId: "c", total: new Decimal("0"), previousTotals: amounts("50") },
    { customerId: "d", total: new Decimal("20"), previousTotals: [] },
  ];

  it("checks each customer's move, a fall to zero, and the share of customers moved", () => {
    const breaches = cohortGuardrailBreaches({
      guardrails: {
        customerChangePercent: new Decimal("25"),
        zeroOrNegative: true,
        movedShare: { changePercent: new Decimal("10"), maximumSharePercent: new Decimal("40") },
        paymentProblemsOverControlPoints: null,
      },
      drafts,
      cohortPayments: noPayments,
      controlPayments: noPayments,
    });
    expect(
      breaches.map((breach) => [breach.rule, "customerId" in breach ? breach.customerId : null]),
    ).toEqual([
      ["customer_change", "a"],
      ["customer_change", "c"],
      ["zero_or_negative", "c"],
      ["moved_share", null],
    ]);
    // a (+30%) and c (−100%) moved more than 10%: 2 of 4 customers, 50% > 40%.
    const share = breaches.at(-1);
    expect(share?.rule === "moved_share" ? share.sharePercent.toFixed() : null).toBe("50");
  });

  it("compares the cohort's failed payments and disputes with the control's", () => {
    const breaches = cohortGuardrailBreaches({
      guardrails: { ...noRules, paymentProblemsOverControlPoints: new Decimal("5") },
      drafts,
      // 3 of 10 attempts failed (30%) against 2 of 20 (10%); 1 dispute in 10 customers (10%) against 1 in 20 (5%).
      cohortPayments: { customers: 10, attempts: 10, failed: 3, disputes: 1 },
      controlPayments: { customers: 20, attempts: 20, failed: 2, disputes: 1 },
    });
    expect(breaches).toHaveLength(1);
    expect(breaches[0]).toMatchObject({ rule: "failed_payments" });
    expect(breaches.every((breach) => breach.rule !== "disputes")).toBe(true);
  });
});
