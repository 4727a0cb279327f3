// Coupons on a subscription billed progressively (billing rule 28): what the
// customer pays over a period's progressive invoices and its own invoice is
// the period's charges less the coupon, as if the threshold had never been
// crossed; a fixed coupon is used once a period, and only the period's own
// invoice counts towards a repeating coupon's invoices. Every figure is
// worked by hand. The plan bills compute units on a summing meter at 1.00
// each, in arrears, by calendar month from 1 January 2026.
import { describe, expect, it } from "vitest";
import { invoicesInIssueOrder } from "../../test/support/customer-invoices.ts";
import {
  progressiveComputeCustomer,
  redeemTwentyPercentForTwoInvoices,
  sendComputeUsage,
} from "../../test/support/progressive-compute.ts";
import { expectCreated, expectOk } from "../../test/support/responses.ts";
import { appForFile, type TestTenant } from "../../test/support/test-app.ts";
import { advanceTestClock, freezeTestClock } from "../../test/support/test-clock-api.ts";

const suite = appForFile();

type Invoice = {
  id: string;
  origin: string;
  status: string;
  issued_at: string;
  subtotal: string;
  discount: string;
  tax: string;
  total: string;
  amount_due: string;
  lines: { kind: string; amount: string }[];
};

type Redemption = { invoice_count: number; invoices_remaining: number | null; status: string };

let sequence = 0;

/** A tenant selling compute units at 1.00 each, and a customer subscribed with `threshold` from 1 January 2026. */
async function progressiveCustomer(options: { threshold: string; frenchVat?: boolean }) {
  sequence += 1;
  return progressiveComputeCustomer(suite.testApp, {
    tenantName: `progressive-coupons-${sequence}`,
    ...options,
  });
}

const invoicesOf = (tenant: TestTenant, customerId: string) =>
  invoicesInIssueOrder<Invoice>(tenant.admin, customerId);

const figures = (invoice: Invoice | undefined) =>
  invoice && {
    origin: invoice.origin,
    issued_at: invoice.issued_at,
    subtotal: invoice.subtotal,
    discount: invoice.discount,
    tax: invoice.tax,
    total: invoice.total,
  };

async function redemptionOf(tenant: TestTenant, customerId: string): Promise<Redemption> {
  const page = await expectOk(tenant.admin.get(`/v1/customers/${customerId}/coupons`));
  return (page.data as Redemption[])[0] as Redemption;
}

describe("coupons on progressive billing", () => {
  it("takes 20% of the whole period, 200.00 of 1,000.00, though 800.00 of it was billed early, and taxes each invoice after it", async () => {
    const { tenant, customerId } = await progressiveCustomer({ threshold: "800.00", frenchVat: true });
    await redeemTwentyPercentForTwoInvoices(tenant, customerId);

    // 800 units by 10 January cross the threshold: the bill run of 11 January bills them early.
    await advanceTestClock(tenant.admin, "2026-01-10T12:00:00Z");
    await sendComputeUsage(tenant, "jan-a", "2026-01-10T00:00:00Z", 800);
    await advanceTestClock(tenant.admin, "2026-01-11T00:00:00Z");
    // 200 more, below the threshold: they wait for the period's invoice on 1 February.
    await advanceTestClock(tenant.admin, "2026-01-20T12:00:00Z");
    await sendComputeUsage(tenant, "jan-b", "2026-01-20T00:00:00Z", 200);
    await advanceTestClock(tenant.admin, "2026-02-01T00:00:00Z");

    const invoices = await invoicesOf(tenant, customerId);
    // Early: 800.00 less 20% (160.00) = 640.00, tax 10% 64.00, total 704.00.
    // Period end: 1,000.00 less the 800.00 billed early = 200.00; the coupon's 20% of the period,
    // 200.00, less the 160.00 it took early = 40.00; 160.00, tax 16.00, total 176.00.
    expect(invoices.map(figures)).toEqual([
      {
        origin: "progressive",
        issued_at: "2026-01-11T00:00:00.000Z",
        subtotal: "800.00",
        discount: "160.00",
        tax: "64.00",
        total: "704.00",
      },
      {
        origin: "subscription",
        issued_at: "2026-02-01T00:00:00.000Z",
        subtotal: "200.00",
        discount: "40.00",
        tax: "16.00",
        total: "176.00",
      },
    ]);
    expect(invoices[1]?.lines.map((line) => [line.kind, line.amount])).toEqual([
      ["usage", "1000.00"],
      ["progressive_billing_credit", "-800.00"],
    ]);
    // Over the period: (1,000.00 − 200.00) × 1.10 = 880.00, as one invoice without progressive billing.
    expect(invoices.reduce((sum, invoice) => sum + Number(invoice.total), 0).toFixed(2)).toBe("880.00");
    // The period counted once towards the coupon's two invoices.
    expect(await redemptionOf(tenant, customerId)).toMatchObject({
      invoice_count: 1,
      invoices_remaining: 1,
      status: "active",
    });
  });

  it("uses a fixed coupon of 150.00 once a period over its progressive invoices, and counts the period once", async () => {
    const { tenant, customerId, subscriptionId } = await progressiveCustomer({ threshold: "100.00" });
    await expectCreated(
      tenant.admin.post("/v1/coupons", {
        code: "OFF150",
        name: "150.00 off two invoices",
        type: "fixed",
        amount: "150.00",
        currency: "USD",
        duration: "repeating",
        duration_invoices: 2,
      }),
    );
    await expectCreated(
      tenant.admin.post(`/v1/customers/${customerId}/coupons`, {
        coupon_code: "OFF150",
        subscription_id: subscriptionId,
      }),
    );
    const bill = async (at: string) => {
      await freezeTestClock(tenant.admin, at);
      return expectOk(tenant.admin.post(`/v1/customers/${customerId}/bill`));
    };
    const use = async (id: string, at: string, units: number) => {
      await freezeTestClock(tenant.admin, at);
      await sendComputeUsage(tenant, id, at, units);
    };

    await use("jan-a", "2026-01-05T00:00:00Z", 120);
    expect(await bill("2026-01-10T00:00:00Z")).toEqual({ issued: 1, finalized: 1 });
    await use("jan-b", "2026-01-15T00:00:00Z", 130);
    expect(await bill("2026-01-20T00:00:00Z")).toEqual({ issued: 1, finalized: 1 });
    await use("jan-c", "2026-01-25T00:00:00Z", 50);
    await bill("2026-02-01T00:00:00Z");

    const january = await invoicesOf(tenant, customerId);
    // 120.00 takes 120.00 of the coupon; 130.00 the 30.00 left; the period's 300.00 less the 250.00
    // billed early leaves 50.00, and nothing of the coupon: 150.00 off 300.00 over the period.
    expect(january.map(figures)).toEqual([
      {
        origin: "progressive",
        issued_at: "2026-01-10T00:00:00.000Z",
        subtotal: "120.00",
        discount: "120.00",
        tax: "0.00",
        total: "0.00",
      },
      {
        origin: "progressive",
        issued_at: "2026-01-20T00:00:00.000Z",
        subtotal: "130.00",
        discount: "30.00",
        tax: "0.00",
        total: "100.00",
      },
      {
        origin: "subscription",
        issued_at: "2026-02-01T00:00:00.000Z",
        subtotal: "50.00",
        discount: "0.00",
        tax: "0.00",
        total: "50.00",
      },
    ]);
    expect(await redemptionOf(tenant, customerId)).toMatchObject({ invoice_count: 1, invoices_remaining: 1 });

    // February stays below the threshold: its invoice is the coupon's second, 150.00 off 40.00.
    await use("feb-a", "2026-02-10T00:00:00Z", 40);
    await bill("2026-03-01T00:00:00Z");
    const march = (await invoicesOf(tenant, customerId)).at(-1);
    expect(figures(march)).toMatchObject({ subtotal: "40.00", discount: "40.00", total: "0.00" });
    expect(await redemptionOf(tenant, customerId)).toMatchObject({
      invoice_count: 2,
      invoices_remaining: 0,
      status: "completed",
    });
  });

  it("counts a once coupon on the period's own invoice when the period was all billed early, and not again the next period", async () => {
    const { tenant, customerId } = await progressiveCustomer({ threshold: "100.00" });
    await expectCreated(
      tenant.admin.post("/v1/coupons", {
        code: "WELCOME10",
        name: "10% off the first invoice",
        type: "percentage",
        percent: "10",
        duration: "once",
      }),
    );
    await expectCreated(
      tenant.admin.post(`/v1/customers/${customerId}/coupons`, { coupon_code: "WELCOME10" }),
    );
    await advanceTestClock(tenant.admin, "2026-01-05T12:00:00Z");
    await sendComputeUsage(tenant, "jan-a", "2026-01-05T00:00:00Z", 150);
    await advanceTestClock(tenant.admin, "2026-01-10T00:00:00Z");
    await advanceTestClock(tenant.admin, "2026-02-01T00:00:00Z");
    // January: 150.00 billed early, less 10% = 135.00; its own invoice bills 150.00 − 150.00 and counts the coupon.
    expect((await invoicesOf(tenant, customerId)).map(figures)).toEqual([
      {
        origin: "progressive",
        issued_at: "2026-01-10T00:00:00.000Z",
        subtotal: "150.00",
        discount: "15.00",
        tax: "0.00",
        total: "135.00",
      },
      {
        origin: "subscription",
        issued_at: "2026-02-01T00:00:00.000Z",
        subtotal: "0.00",
        discount: "0.00",
        tax: "0.00",
        total: "0.00",
      },
    ]);
    expect(await redemptionOf(tenant, customerId)).toMatchObject({ invoice_count: 1, status: "completed" });

    // February's usage crosses the threshold again, with the coupon used up.
    await advanceTestClock(tenant.admin, "2026-02-05T12:00:00Z");
    await sendComputeUsage(tenant, "feb-a", "2026-02-05T00:00:00Z", 200);
    await advanceTestClock(tenant.admin, "2026-02-10T00:00:00Z");
    expect(figures((await invoicesOf(tenant, customerId)).at(-1))).toMatchObject({
      origin: "progressive",
      subtotal: "200.00",
      discount: "0.00",
      total: "200.00",
    });
  });
});
