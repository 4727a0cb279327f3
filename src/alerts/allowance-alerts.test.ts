// Allowance alerts end to end: a plan grants 1,000 credits a month (1 credit
// = 0.01 USD, an image costs 4 credits); a rule fires when the billing period
// has used 80% of them. Usage is ingested through the API, the evaluation job
// runs on the real job worker, the webhook is delivered to a real HTTP server
// (its signature checked with the Standard Webhooks library) and the email is
// read back from the outbox folder.
import { beforeAll, describe, expect, it } from "vitest";
import { alertTestAppForFile } from "../../test/support/alert-test-app.ts";
import {
  createPlan,
  createSumMeter,
  ingestEvents,
  subscribeNewCustomer,
} from "../../test/support/builders.ts";
import { outboxEmail } from "../../test/support/mail.ts";
import { imagesAtFourCredits } from "../../test/support/pricing-fixtures.ts";
import { expectCreated, expectRefusedNaming } from "../../test/support/responses.ts";

const suite = alertTestAppForFile("allowance-alerts");
const { clock, receiver, runQueuedJobs } = suite;
let customerId: string;
let secret: string;

beforeAll(async () => {
  await createSumMeter(suite.tenant.admin, "images", "image_batch", {
    effective_from: "2025-12-01T00:00:00Z",
  });
  const plan = await createPlan(suite.tenant.admin, {
    code: "ai",
    version: {
      pricing_units: [{ code: "credits", rate: "0.01", decimals: 2 }],
      allowances: [{ unit: "credits", amount: "1000" }],
      charges: [imagesAtFourCredits()],
    },
  });
  const { customer } = await subscribeNewCustomer(suite.tenant.admin, plan.id, {
    customer: {
      external_id: "studio",
      name: "Studio",
      email: "ops@studio.example",
      currency: "USD",
      timezone: "UTC",
    },
    subscription: { start_at: "2026-01-01T00:00:00Z", billing: "calendar" },
  });
  customerId = customer.id;
  secret = (
    await expectCreated(
      suite.tenant.admin.post("/v1/webhook-endpoints", {
        url: receiver.url("/allowance"),
        event_types: ["allowance.threshold_reached"],
      }),
    )
  ).secret;
});

let batch = 0;
async function useImages(images: number): Promise<void> {
  batch += 1;
  await ingestEvents(suite.tenant.admin, [
    {
      id: `images-${batch}`,
      customer: "studio",
      name: "image_batch",
      timestamp: "2026-01-10T10:00:00Z",
      properties: { n: images },
    },
  ]);
  await runQueuedJobs();
}

describe("allowance alerts", () => {
  it("refuses a rule without its unit, a unit on another kind and a percent above 100, naming the field", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ kind: "allowance", threshold: "80" }, "$.unit"],
      [{ kind: "allowance", unit: "credits", threshold: "120" }, "$.threshold"],
      [{ kind: "allowance", unit: "credits", threshold: "80.125" }, "$.threshold"],
      [{ kind: "allowance", unit: "credits", threshold: "80", currency: "USD" }, "$.currency"],
      [{ kind: "usage", meter: "images", unit: "credits", threshold: "80" }, "$.unit"],
    ];
    for (const [body, path] of cases) {
      const response = await suite.tenant.admin.post(`/v1/customers/${customerId}/alerts`, body);
      expectRefusedNaming(response, path, { label: JSON.stringify(body) });
    }
  });

  it("fires once when the billing period has used 80% of the allowance, with its webhook and email", async () => {
    const alert = await expectCreated(
      suite.tenant.admin.post(`/v1/customers/${customerId}/alerts`, {
        kind: "allowance",
        unit: "credits",
        threshold: "80",
      }),
    );
    expect(alert).toMatchObject({ kind: "allowance", unit: "credits", meter: null, currency: null });
    await runQueuedJobs();
    clock.set("2026-01-10T12:00:00Z");
    // 150 images = 600 credits of 1,000: 60%.
    await useImages(150);
    const triggers = async () => (await suite.tenant.admin.get(`/v1/alerts/${alert.id}/triggers`)).body.data;
    expect(await triggers()).toEqual([]);
    // 50 more = 800 credits: 80%, the threshold.
    await useImages(50);
    const [fired, ...others] = await triggers();
    expect(others).toEqual([]);
    expect(fired).toMatchObject({
      alert_id: alert.id,
      kind: "allowance",
      unit: "credits",
      threshold: "80",
      value: "80",
      currency: null,
      period_start: "2026-01-01T00:00:00.000Z",
      period_end: "2026-02-01T00:00:00.000Z",
    });
    // 25 more (900 credits, 90%) in the same period fire nothing more.
    await useImages(25);
    expect(await triggers()).toHaveLength(1);

    const webhooks = receiver.verified("/allowance", secret);
    expect(webhooks).toHaveLength(1);
    expect(webhooks[0]).toMatchObject({
      type: "allowance.threshold_reached",
      id: fired.webhook_event_id,
      data: { id: fired.id, value: "80", unit: "credits", alert: { id: alert.id, unit: "credits" } },
    });
    const mail = await outboxEmail(suite.dataDirectory, fired.email_id);
    expect(mail.subject).toBe("Usage alert: Allowance of credits used reached 80%");
    expect(mail.text).toContain("has reached 80%, at or above your alert threshold of 80%.");
  });
});
