// The held-drafts queue in a real Chromium. Two customers' first drafts are
// held ahead of time (the way a rollout holds its cohort's), the test clock
// bills them, and a billing operator sees both in the queue with why they are
// held, recomputes one (it stays held), releases it (it is finalized) and
// discards the other (its period is not invoiced).
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { placeCustomerHolds } from "../../src/invoicing/index.ts";
import { type ConsoleHarness, laptop, signIn, startConsoleHarness } from "./browser-harness.ts";

// The plan is published in real time, so the test clock runs in a year to come.
const year = new Date().getUTCFullYear() + 1;
const start = `${year}-03-01T00:00:00.000Z`;

let harness: ConsoleHarness;
let operator: Page;
const customers: string[] = [];

beforeAll(async () => {
  harness = await startConsoleHarness();
  const plan = (await harness.api("POST", "/v1/plans", {
    code: "held",
    name: "Held",
    version: {
      currency: "USD",
      interval: "month",
      charges: [{ id: "base", type: "fixed", amount: "40.00", timing: "in_advance" }],
    },
  })) as { id: string };
  await harness.api("POST", `/v1/plans/${plan.id}/versions/1/publish`, {});
  await harness.api("POST", "/v1/test-clock", { frozen_at: start });
  for (const name of ["held-one", "held-two"]) {
    const customer = (await harness.api("POST", "/v1/customers", { external_id: name, name })) as {
      id: string;
    };
    customers.push(customer.id);
  }
  await harness.context.database.transaction().execute((transaction) =>
    placeCustomerHolds(transaction, harness.context, {
      customerIds: customers,
      issuedFrom: new Date(start),
      source: "rollout",
      sourceId: "rst_browser_test",
      reason: "the first draft on the new version waits for the guardrails",
    }),
  );
  for (const customer of customers) {
    await harness.api("POST", "/v1/subscriptions", { customer_id: customer, plan_id: plan.id });
  }
  await harness.api("POST", "/v1/test-clock/advance", { to: `${year}-03-01T00:00:01Z` });
  const held = (await harness.api("GET", "/v1/invoice-holds?status=active")) as { data: unknown[] };
  expect(held.data).toHaveLength(2);
  const operatorKey = await harness.newKey("billing_ops", "Billing operator");
  operator = await harness.newPage(laptop);
  await signIn(operator, harness.baseUrl, operatorKey.secret, "/held-drafts");
});
afterAll(async () => harness?.close());

describe("the held drafts queue", () => {
  it("lists the held drafts, recomputes and releases one, and discards the other", async () => {
    await operator.getByRole("heading", { level: 1, name: "Held drafts" }).waitFor();
    const table = operator.getByRole("region", { name: "Held drafts table" });
    const first = table.getByRole("row", { name: new RegExp(customers[0] as string) });
    await first.getByText("$40.00").waitFor();
    await first.getByText("Rollout guardrails").waitFor();
    await first.getByText("the first draft on the new version waits for the guardrails").waitFor();
    await harness.screenshot(operator, "held-drafts");

    await first.getByRole("button", { name: `Recompute the draft of ${customers[0]}` }).click();
    await operator.getByText(`The draft of ${customers[0]} was recomputed`).waitFor();
    await first.getByRole("button", { name: `Release the draft of ${customers[0]}` }).click();
    await operator.getByText(`The draft of ${customers[0]} was released`).waitFor();
    await table.getByRole("row", { name: new RegExp(customers[0] as string) }).waitFor({ state: "detached" });

    const second = table.getByRole("row", { name: new RegExp(customers[1] as string) });
    await second.getByRole("button", { name: `Discard the draft of ${customers[1]}` }).click();
    await operator.getByText(`The draft of ${customers[1]} was discarded`).waitFor();
    await operator.getByText("No draft is held.").waitFor();

    const invoices = (await harness.api("GET", `/v1/invoices?customer_id=${customers[0]}`)) as {
      data: { status: string; total: string }[];
    };
    expect(invoices.data).toEqual([expect.objectContaining({ status: "open", total: "40.00" })]);
    const discarded = (await harness.api("GET", `/v1/invoices?customer_id=${customers[1]}`)) as {
      data: unknown[];
    };
    expect(discarded.data).toEqual([]);
    expect(harness.consoleErrors).toEqual([]);
  }, 180_000);
});
