// A customer's allowance in the portal, in a real Chromium: 1,000 credits a
// month (1 credit = 0.01 USD, rollover capped at 500, an image costs 4
// credits). On the test clock, January's 200 images use 800 credits and the
// 200 left are carried into February; the customer opens its portal link and
// reads that balance and the month it comes from.
import { afterAll, beforeAll, describe, it } from "vitest";
import { type ConsoleHarness, laptop, settled, startConsoleHarness } from "./browser-harness.ts";

// Plans are published in real time, so the test clock runs in a year to come.
const year = new Date().getUTCFullYear() + 1;

let harness: ConsoleHarness;
let customerId: string;

beforeAll(async () => {
  harness = await startConsoleHarness();
  await harness.api("POST", "/v1/meters", {
    code: "images",
    name: "Images",
    event_name: "image_batch",
    aggregation: "sum",
    property: "n",
  });
  const plan = (await harness.api("POST", "/v1/plans", {
    code: "ai",
    name: "AI",
    version: {
      currency: "USD",
      interval: "month",
      pricing_units: [{ code: "credits", rate: "0.01", decimals: 2 }],
      allowances: [{ unit: "credits", amount: "1000", rollover: "capped", rollover_cap: "500" }],
      charges: [
        { id: "images", type: "usage", meter: "images", model: "per_unit", unit_price: "4", unit: "credits" },
      ],
    },
  })) as { id: string };
  await harness.api("POST", `/v1/plans/${plan.id}/versions/1/publish`, {});
  await harness.api("POST", "/v1/test-clock", { frozen_at: `${year}-01-01T00:00:00Z` });
  const customer = (await harness.api("POST", "/v1/customers", {
    external_id: "portal-credits-co",
    name: "Credits Co",
    currency: "USD",
    locale: "en-US",
    timezone: "UTC",
  })) as { id: string };
  customerId = customer.id;
  await harness.api("POST", "/v1/subscriptions", {
    customer_id: customerId,
    plan_id: plan.id,
    start_at: `${year}-01-01T00:00:00Z`,
    billing: "calendar",
  });
  await harness.api("POST", "/v1/test-clock/advance", { to: `${year}-01-10T00:00:00Z` });
  await harness.api("POST", "/v1/events/batch", {
    events: [
      {
        id: "portal-images-1",
        customer: "portal-credits-co",
        name: "image_batch",
        timestamp: `${year}-01-10T00:00:00Z`,
        properties: { n: 200 },
      },
    ],
  });
  await harness.api("POST", "/v1/test-clock/advance", { to: `${year}-02-01T00:00:01Z` });
});
afterAll(async () => harness?.close());

describe("allowances in the customer portal", () => {
  it("shows the credits carried into the period and where they come from", async () => {
    const link = (await harness.api("POST", `/v1/customers/${customerId}/portal-links`, {})) as {
      url: string;
    };
    const page = await harness.newPage(laptop);
    await page.goto(link.url);
    await page.getByRole("heading", { level: 1, name: "Billing for Credits Co" }).waitFor();
    await settled(page);
    const panel = page.getByRole("region", { name: "Allowances" });
    await panel.getByText("Carried into this period (credits)").waitFor();
    await panel.getByText("200 credits", { exact: true }).waitFor();
    await panel
      .getByText(
        `Period to Feb 1, ${year}, 12:00 AM: 1,000 credits granted and 0 credits carried in, 800 credits used, 0 credits expired.`,
      )
      .waitFor();
    await harness.screenshot(page, "portal-allowances");
  });
});
