// Standalone selling prices through the API: set per product or per plan
// charge (audited, bad input named by field), and an invoice of two fixed fees
// whose revenue is allocated by them rather than by the fees' list prices.
import { beforeAll, describe, expect, it } from "vitest";
import { createPlan, subscribeNewCustomer } from "../../test/support/builders.ts";
import { setStandaloneSellingPrice } from "../../test/support/finance-steps.ts";
import { expectCreated, expectOk } from "../../test/support/responses.ts";
import { testAppForFile } from "../../test/support/test-app.ts";
import { advanceTestClock, freezeTestClock } from "../../test/support/test-clock-api.ts";

const suite = testAppForFile({ tenantName: "Standalone selling prices" });
let planId: string;

beforeAll(async () => {
  await freezeTestClock(suite.tenant.admin, "2026-01-01T00:00:00Z");
  await expectCreated(suite.tenant.admin.post("/v1/products", { code: "platform", name: "Platform" }));
  await expectCreated(suite.tenant.admin.post("/v1/products", { code: "support", name: "Premium support" }));
  // A bundle: the platform at its list price, premium support at 200.00 instead of its usual price.
  planId = (
    await createPlan(suite.tenant.admin, {
      code: "bundle",
      version: {
        charges: [
          { id: "platform", type: "fixed", amount: "1000.00", timing: "in_advance", product: "platform" },
          { id: "support", type: "fixed", amount: "200.00", timing: "in_advance", product: "support" },
        ],
      },
    })
  ).id;
});

describe("standalone selling prices", () => {
  it("refuses bad input, naming the field", async () => {
    const cases: [unknown, string][] = [
      [
        { product: "support", plan: "bundle", charge: "support", currency: "USD", amount: "500" },
        "$.product",
      ],
      [{ plan: "bundle", currency: "USD", amount: "500" }, "$.charge"],
      [{ charge: "support", currency: "USD", amount: "500" }, "$.plan"],
      [{ product: "support", currency: "XYZ", amount: "500" }, "$.currency"],
      [{ product: "support", currency: "USD", amount: "-5" }, "$.amount"],
    ];
    for (const [body, path] of cases) {
      const response = await suite.tenant.admin.put("/v1/standalone-selling-prices", body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(response.body.errors), JSON.stringify(body)).toContain(path);
    }
    expect((await expectOk(suite.tenant.admin.get("/v1/standalone-selling-prices"))).data).toEqual([]);
  });

  it("allocates an invoice's fixed fees by relative standalone selling price", async () => {
    // Support sells for 500.00 on its own (per product); the platform for 1,300.00 (per charge of the plan).
    const support = await setStandaloneSellingPrice(suite.tenant.admin, {
      product: "support",
      currency: "USD",
      amount: "450",
    });
    const again = await setStandaloneSellingPrice(suite.tenant.admin, {
      product: "support",
      currency: "USD",
      amount: "500.00",
    });
    expect(again).toMatchObject({ id: support.id, product: "support", plan: null, amount: "500" });
    await setStandaloneSellingPrice(suite.tenant.admin, {
      plan: "bundle",
      charge: "platform",
      currency: "USD",
      amount: "1300",
    });
    const audit = await expectOk(
      suite.tenant.admin.get(`/v1/audit-events?object_type=standalone_selling_price&object_id=${support.id}`),
    );
    expect(audit.data.map((event: { action: string }) => event.action).sort()).toEqual([
      "standalone_selling_price.set",
      "standalone_selling_price.set",
    ]);

    const { customer } = await subscribeNewCustomer(suite.tenant.admin, planId, {
      customer: { currency: "USD" },
      subscription: { start_at: "2026-01-01T00:00:00Z", billing: "calendar" },
    });
    await advanceTestClock(suite.tenant.admin, "2026-01-01T00:00:01Z");
    const { data } = await expectOk(
      suite.tenant.admin.get(`/v1/revenue-schedules?customer_id=${customer.id}`),
    );
    // 1,200.00 of revenue. Weights: platform 1,000.00 × 1,300/1,000 = 1,300; support 200.00 × 500/200 = 500.
    // In cents: 120,000 × 1,300/1,800 = 86,666.67 → 86,666; × 500/1,800 = 33,333.33 → 33,333; the cent left
    // goes to the larger remainder (.67): platform 866.67, support 333.33 (at list prices: 1,000.00 and 200.00).
    expect(
      data.map((schedule: { product: string; amount: string }) => [schedule.product, schedule.amount]).sort(),
    ).toEqual([
      ["platform", "866.67"],
      ["support", "333.33"],
    ]);
  });

  it("lists and removes a price, the removal audited", async () => {
    const { data } = await expectOk(suite.tenant.admin.get("/v1/standalone-selling-prices?currency=USD"));
    expect(
      data
        .map((price: { product: string | null; charge: string | null }) => price.product ?? price.charge)
        .sort(),
    ).toEqual(["platform", "support"]);
    const removed = await expectOk(suite.tenant.admin.delete(`/v1/standalone-selling-prices/${data[0].id}`));
    expect(removed.id).toBe(data[0].id);
    expect((await suite.tenant.admin.delete(`/v1/standalone-selling-prices/${data[0].id}`)).status).toBe(404);
    const audit = await expectOk(
      suite.tenant.admin.get(`/v1/audit-events?object_type=standalone_selling_price&object_id=${data[0].id}`),
    );
    expect(audit.data.map((event: { action: string }) => event.action)).toContain(
      "standalone_selling_price.removed",
    );
  });
});
