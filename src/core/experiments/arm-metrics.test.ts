// Per-arm metrics from customer facts, against figures worked out by hand.
import { describe, expect, it } from "vitest";
import { Decimal } from "../decimal.ts";
import { type ExperimentCustomerFacts, experimentArmMetrics } from "./arm-metrics.ts";

const customer = (
  facts: Partial<ExperimentCustomerFacts> & { customerId: string },
): ExperimentCustomerFacts => ({
  trial: null,
  churned: false,
  baselineTotal: null,
  invoiceTotals: [],
  paymentAttempts: 0,
  failedPayments: 0,
  disputes: 0,
  ...facts,
});
const amounts = (...values: string[]) => values.map((value) => new Decimal(value));

describe("experiment arm metrics", () => {
  // Control: two trials, one converted; 10 payment attempts, 2 failed; one customer disputed.
  // Variant: two trials, both converted; 8 attempts, none failed; no disputes.
  const [control, variant] = experimentArmMetrics([
    {
      armId: "control",
      role: "control",
      customers: [
        customer({
          customerId: "a",
          trial: "converted",
          baselineTotal: new Decimal("50.00"),
          invoiceTotals: amounts("60.00", "70.00"),
          paymentAttempts: 6,
          failedPayments: 2,
        }),
        customer({
          customerId: "b",
          trial: "not_converted",
          churned: true,
          baselineTotal: new Decimal("40.00"),
          invoiceTotals: amounts("25.00"),
          paymentAttempts: 4,
          disputes: 1,
        }),
      ],
    },
    {
      armId: "variant",
      role: "variant",
      customers: [
        customer({
          customerId: "c",
          trial: "converted",
          invoiceTotals: amounts("80.00"),
          paymentAttempts: 4,
        }),
        customer({
          customerId: "d",
          trial: "converted",
          invoiceTotals: amounts("90.00"),
          paymentAttempts: 4,
        }),
      ],
    },
  ]);

  it("counts rates: conversion 1 of 2 and 2 of 2, failures 2 of 10 and 0 of 8, disputes 1 of 2 and 0 of 2", () => {
    expect(control?.trialToPaid).toMatchObject({
      successes: 1,
      trials: 2,
      rateEstimate: 0.5,
      comparison: null,
    });
    expect(variant?.trialToPaid).toMatchObject({ successes: 2, trials: 2, rateEstimate: 1 });
    // Pooled 3/4: z = 0.5 / √(0.75 × 0.25 × 1) = 1.1547, p = 0.2482.
    expect(variant?.trialToPaid.comparison?.statisticEstimate).toBeCloseTo(1.1547, 4);
    expect(variant?.trialToPaid.comparison?.pValueEstimate).toBeCloseTo(0.2482, 4);
    // From 0.5 to 1: (1.959964 + 0.841621)² × 0.25 / 0.25 = 7.85 → 8 per arm.
    expect(variant?.trialToPaid.requiredSampleSize).toBe(8);
    expect(control?.paymentFailures).toMatchObject({ successes: 2, trials: 10, rateEstimate: 0.2 });
    expect(variant?.paymentFailures).toMatchObject({ successes: 0, trials: 8, rateEstimate: 0 });
    expect(control?.disputes).toMatchObject({ successes: 1, trials: 2 });
    expect(control?.churn).toMatchObject({ successes: 1, trials: 2 });
  });

  it("sums amounts exactly: invoices, and each customer's last invoice against its baseline", () => {
    expect(control?.averageInvoice.total.toFixed(2)).toBe("155.00");
    expect(control?.averageInvoice.mean.toFixed(4)).toBe("51.6667");
    // a: 70 − 50 = +20; b: 25 − 40 = −15. The variant's customers have no baseline.
    expect(control?.expansionRevenue).toMatchObject({ count: 2 });
    expect(control?.expansionRevenue.total.toFixed(2)).toBe("20.00");
    expect(control?.contractionRevenue.total.toFixed(2)).toBe("15.00");
    expect(variant?.expansionRevenue.count).toBe(0);
    expect(variant?.averageInvoice.mean.toFixed(2)).toBe("85.00");
    // Means 51.67 and 85: the variant's difference is +33.33.
    expect(variant?.averageInvoice.comparison?.differenceEstimate).toBeCloseTo(33.3333, 4);
  });
});
