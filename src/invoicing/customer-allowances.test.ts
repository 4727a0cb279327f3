// A customer's allowances from the stored ledger, through the API and the
// portal, on the test clock: the scenario format's section 4 example (1 credit
// = 0.01 USD, 1,000 credits a month, rollover capped at 500; an image costs 4
// credits). January: 200 images = 800 credits, 200 left roll over. February:
// 350 images = 1,400 credits: the 200 rolled over and the 1,000 granted pay
// 1,200, the rest is overage; nothing rolls on.
import { beforeAll, describe, expect, it } from "vitest";
import {
  createPlan,
  createSumMeter,
  ingestEvents,
  subscribeNewCustomer,
} from "../../test/support/builders.ts";
import { imagesAtFourCredits } from "../../test/support/pricing-fixtures.ts";
import { testAppForFile } from "../../test/support/test-app.ts";

const suite = testAppForFile();
let customerId: string;

const allowance = (fields: Record<string, string>) => ({
  unit: "credits",
  granted: "1000.00",
  expired: "0.00",
  ...fields,
});

beforeAll(async () => {
  await createSumMeter(suite.tenant.admin, "images", "image_batch");
  const plan = await createPlan(suite.tenant.admin, {
    code: "ai",
    version: {
      pricing_units: [{ code: "credits", rate: "0.01", decimals: 2 }],
      allowances: [{ unit: "credits", amount: "1000", rollover: "capped", rollover_cap: "500" }],
      charges: [imagesAtFourCredits()],
    },
  });
  // Plans are published in real time: the test clock runs in a year to come.
  await suite.tenant.admin.post("/v1/test-clock", { frozen_at: "2030-01-01T00:00:00Z" });
  const { customer } = await subscribeNewCustomer(suite.tenant.admin, plan.id, {
    customer: { currency: "USD" },
    subscription: { start_at: "2030-01-01T00:00:00Z", billing: "calendar" },
  });
  customerId = customer.id;
});

async function useImages(id: string, month: string, images: number): Promise<void> {
  const customer = await suite.tenant.admin.get(`/v1/customers/${customerId}`);
  await suite.tenant.admin.post("/v1/test-clock/advance", { to: `2030-${month}-10T00:00:00Z` });
  await ingestEvents(suite.tenant.admin, [
    {
      id,
      customer: customer.body.external_id,
      name: "image_batch",
      timestamp: `2030-${month}-10T00:00:00Z`,
      properties: { n: images },
    },
  ]);
}

async function allowances(): Promise<unknown[]> {
  const response = await suite.tenant.admin.get(`/v1/customers/${customerId}/allowances`);
  expect(response.status).toBe(200);
  return response.body.data;
}

describe("GET /v1/customers/{id}/allowances", () => {
  it("is empty before a period closes, and a 404 for a customer that does not exist", async () => {
    expect(await allowances()).toEqual([]);
    const missing = await suite.tenant.admin.get("/v1/customers/cus_missing/allowances");
    expect(missing.status).toBe(404);
  });

  it("reads the balance each closed period carries on, from the finalized invoices", async () => {
    await useImages("images-jan", "01", 200);
    await suite.tenant.admin.post("/v1/test-clock/advance", { to: "2030-02-01T00:00:01Z" });
    const [january] = (await allowances()) as Record<string, string>[];
    expect(january).toEqual({
      subscription_id: expect.stringMatching(/^sub_/),
      ...allowance({ rolled_over: "0.00", used: "800.00", balance: "200.00" }),
      as_of: "2030-02-01T00:00:00.000Z",
      invoice_id: expect.stringMatching(/^inv_/),
    });
    const invoice = await suite.tenant.admin.get(`/v1/invoices/${january?.invoice_id}`);
    expect(invoice.body.status).not.toBe("draft");

    await useImages("images-feb", "02", 350);
    await suite.tenant.admin.post("/v1/test-clock/advance", { to: "2030-03-01T00:00:01Z" });
    expect(await allowances()).toEqual([
      expect.objectContaining({
        ...allowance({ rolled_over: "200.00", used: "1200.00", balance: "0.00" }),
        as_of: "2030-03-01T00:00:00.000Z",
      }),
    ]);
  });

  it("is the customer's own in the portal", async () => {
    const link = await suite.tenant.admin.post(`/v1/customers/${customerId}/portal-links`, {
      expires_in_seconds: 600,
    });
    const response = await suite.testApp.rawClient(`Portal ${link.body.token}`).get("/v1/portal/allowances");
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual([expect.objectContaining({ unit: "credits", balance: "0.00" })]);
  });
});
