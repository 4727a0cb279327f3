// Backfill mode: a subscription that started years ago (moved over from
// another billing system) is recorded with its whole history but billed only
// from `billing_starts_at`, so the next bill run issues the invoices due from
// then on and none of the hundreds before. Without it, a start more than 24
// periods back is refused with a message that names the field.
import { beforeAll, describe, expect, it } from "vitest";
import { createCustomer, createPlan } from "../../test/support/builders.ts";
import { expectCreated } from "../../test/support/responses.ts";
import { testAppForFile } from "../../test/support/test-app.ts";
import { freezeTestClock } from "../../test/support/test-clock-api.ts";
import { frozenClock } from "../organizations/index.ts";
import { runBillRun } from "./index.ts";

const now = "2030-06-15T00:00:00Z";

const suite = testAppForFile({ tenantName: "Backfill" });
let planId: string;

beforeAll(async () => {
  await freezeTestClock(suite.tenant.admin, now);
  const plan = await createPlan(suite.tenant.admin, {
    code: "backfilled",
    version: { charges: [{ id: "base", type: "fixed", amount: "10.00", timing: "in_advance" }] },
  });
  planId = plan.id;
});

async function invoiceDatesOf(customerId: string): Promise<string[]> {
  const invoices = await suite.testApp.handle.database
    .selectFrom("invoices")
    .select("issued_at")
    .where("environment_id", "=", suite.tenant.organization.environments.test)
    .where("customer_id", "=", customerId)
    .orderBy("issued_at")
    .execute();
  return invoices.map((invoice) => new Date(invoice.issued_at as Date).toISOString());
}

/** Subscribes the customer to version 1 of the plan with the given dates. */
const subscribeToVersionOne = (customerId: string, dates: { start_at: string; billing_starts_at?: string }) =>
  suite.tenant.admin.post("/v1/subscriptions", {
    customer_id: customerId,
    plan_id: planId,
    plan_version: 1,
    ...dates,
  });

describe("backfill mode", () => {
  it("refuses a start ten years back without it, naming billing_starts_at in the message", async () => {
    const customer = await createCustomer(suite.tenant.admin, { currency: "USD", timezone: "UTC" });
    const refused = await subscribeToVersionOne(customer.id, { start_at: "2020-01-01T00:00:00Z" });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      { path: "$.start_at", message: expect.stringMatching(/billing_starts_at/) },
    ]);
  });

  it("records the history and bills only from billing_starts_at", async () => {
    const customer = await createCustomer(suite.tenant.admin, { currency: "USD", timezone: "UTC" });
    const created = await expectCreated(
      subscribeToVersionOne(customer.id, {
        start_at: "2020-01-01T00:00:00Z",
        billing_starts_at: "2030-06-01T00:00:00Z",
      }),
    );
    expect(created).toMatchObject({
      started_at: "2020-01-01T00:00:00.000Z",
      billing_starts_at: "2030-06-01T00:00:00.000Z",
      billed_through: "2030-05-31T23:59:59.999Z",
      next_billing_at: "2030-06-01T00:00:00.000Z",
      current_period_start: "2030-06-01T00:00:00.000Z",
    });

    const at = new Date(now);
    await runBillRun({ ...suite.tenant.context("test"), clock: frozenClock(at) }, { at, trigger: "cli" });
    expect(await invoiceDatesOf(customer.id)).toEqual(["2030-06-01T00:00:00.000Z"]);
  });

  it("refuses billing_starts_at before the start, or itself more than 24 periods back", async () => {
    const customer = await createCustomer(suite.tenant.admin, { currency: "USD", timezone: "UTC" });
    for (const [startAt, billingStartsAt, message] of [
      ["2030-01-01T00:00:00Z", "2029-12-01T00:00:00Z", /on or after start_at/],
      ["2020-01-01T00:00:00Z", "2021-01-01T00:00:00Z", /at most 24 billing periods back/],
    ] as const) {
      const refused = await subscribeToVersionOne(customer.id, {
        start_at: startAt,
        billing_starts_at: billingStartsAt,
      });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([
        { path: "$.billing_starts_at", message: expect.stringMatching(message) },
      ]);
    }
    expect((await suite.tenant.admin.get(`/v1/subscriptions?customer_id=${customer.id}`)).body.data).toEqual(
      [],
    );
  });
});
