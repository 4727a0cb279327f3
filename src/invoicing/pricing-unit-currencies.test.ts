// A pricing unit used by customers in two currencies (issue #14, section 4):
// a credit is worth 0.01 USD and 0.009 EUR; 1,000 credits a month are
// included and an image costs 4 credits. Each customer uses 350 images in
// January 2030 (1,400 credits): 400 credits of overage, billed 4.00 USD to
// the customer in dollars (400 × 0.01) and 3.60 EUR to the one in euros
// (400 × 0.009). A unit without a rate in a currency of the version's price
// books is refused, naming the field.
import { beforeAll, describe, expect, it } from "vitest";
import {
  createPlan,
  createSumMeter,
  ingestEvents,
  subscribeNewCustomer,
} from "../../test/support/builders.ts";
import { imagesAtFourCredits } from "../../test/support/pricing-fixtures.ts";
import { expectOk } from "../../test/support/responses.ts";
import { testAppForFile } from "../../test/support/test-app.ts";
import { advanceTestClock, freezeTestClock } from "../../test/support/test-clock-api.ts";

const suite = testAppForFile({ tenantName: "Pricing unit currencies" });

function version(currencyRates: { currency: string; rate: string }[]) {
  return {
    currency: "USD",
    pricing_units: [{ code: "credits", rate: "0.01", decimals: 2, currency_rates: currencyRates }],
    allowances: [{ unit: "credits", amount: "1000" }],
    charges: [imagesAtFourCredits()],
    currency_prices: [{ currency: "EUR", charges: [{ id: "images", unit_price: "4" }] }],
  };
}

beforeAll(async () => {
  await createSumMeter(suite.tenant.admin, "images", "image_batch");
});

describe("a pricing unit priced in each currency", () => {
  it("refuses a unit without a rate in a currency of the price books, or with one in another", async () => {
    const missing = await suite.tenant.admin.post("/v1/plans", {
      code: "no_euro_rate",
      name: "No euro rate",
      version: { interval: "month", ...version([]) },
    });
    expect(missing.status, JSON.stringify(missing.body)).toBe(400);
    expect(missing.body.errors).toEqual([
      expect.objectContaining({
        path: "$.version.pricing_units[0].currency_rates",
        message: expect.stringContaining("EUR"),
      }),
    ]);
    const stray = await suite.tenant.admin.post("/v1/plans", {
      code: "stray_rate",
      name: "Stray rate",
      version: {
        interval: "month",
        ...version([
          { currency: "EUR", rate: "0.009" },
          { currency: "GBP", rate: "0.008" },
        ]),
      },
    });
    expect(stray.status, JSON.stringify(stray.body)).toBe(400);
    expect(stray.body.errors.map((error: { path: string }) => error.path)).toEqual([
      "$.version.pricing_units[0].currency_rates[1].currency",
    ]);
  });

  it("bills each customer's overage at the unit's rate in the customer's currency", async () => {
    const plan = await createPlan(suite.tenant.admin, {
      code: "ai",
      version: version([{ currency: "EUR", rate: "0.009" }]),
    });
    // Plans are published in real time: the test clock runs in a year to come.
    await freezeTestClock(suite.tenant.admin, "2030-01-01T00:00:00Z");
    const customers: Record<string, { id: string; external_id: string }> = {};
    for (const currency of ["USD", "EUR"]) {
      const { customer } = await subscribeNewCustomer(suite.tenant.admin, plan.id, {
        customer: { currency },
        subscription: { start_at: "2030-01-01T00:00:00Z", billing: "calendar" },
      });
      customers[currency] = customer;
    }
    await advanceTestClock(suite.tenant.admin, "2030-01-10T00:00:00Z");
    await ingestEvents(
      suite.tenant.admin,
      Object.entries(customers).map(([currency, customer]) => ({
        id: `images-${currency}`,
        customer: customer.external_id,
        name: "image_batch",
        timestamp: "2030-01-10T00:00:00Z",
        properties: { n: 350 },
      })),
    );
    await advanceTestClock(suite.tenant.admin, "2030-02-01T00:00:01Z");
    for (const [currency, total] of [
      ["USD", "4.00"],
      ["EUR", "3.60"],
    ] as const) {
      const { data } = await expectOk(
        suite.tenant.admin.get(`/v1/invoices?customer_id=${customers[currency]?.id}&limit=10`),
      );
      // Newest first: January's invoice, issued on 1 February.
      const invoice = await expectOk(suite.tenant.admin.get(`/v1/invoices/${data[0]?.id}`));
      expect(invoice.issued_at).toBe("2030-02-01T00:00:00.000Z");
      expect(invoice.currency).toBe(currency);
      expect(invoice.allowances).toEqual([
        expect.objectContaining({ unit: "credits", granted: "1000.00", used: "1000.00" }),
      ]);
      expect(invoice.lines).toEqual([
        expect.objectContaining({
          kind: "usage",
          quantity: "350",
          amount: total,
          details: expect.objectContaining({
            unit: "credits",
            unit_cost: "1400.00",
            allowance_applied: "1000.00",
          }),
        }),
      ]);
      expect(invoice.total).toBe(total);
    }
  });
});
