// The imports page with Lago as the source, in a real Chromium. A billing
// operator picks Lago, gives its API address and key (the same connection
// fields as Stripe's), runs a dry run of a small organization (a plan on a
// charge model Fairbill lacks is left for a person, with the reason), then
// the import itself; the key field is empty again once the import is
// accepted, and the customers are there.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type LocalLago,
  lagoBillableMetric,
  lagoCharge,
  lagoCustomer,
  lagoPlan,
  lagoSubscription,
  startLocalLago,
} from "../support/local-lago-server.ts";
import { type ConsoleHarness, laptop, signIn, startConsoleHarness } from "./browser-harness.ts";

let harness: ConsoleHarness;
let lago: LocalLago;
let operator: Page;

beforeAll(async () => {
  lago = await startLocalLago();
  const start = new Date(Date.now() - 5 * 86_400_000).toISOString();
  const end = new Date(Date.now() + 25 * 86_400_000).toISOString();
  lago.add("billable_metrics", lagoBillableMetric({ code: "api_calls", aggregation: "count_agg" }));
  lago.add(
    "plans",
    lagoPlan({
      code: "basic",
      amountCents: 990,
      charges: [lagoCharge({ metric: "api_calls", model: "standard", properties: { amount: "0.02" } })],
    }),
    lagoPlan({
      code: "dynamic_pricing",
      amountCents: 0,
      charges: [lagoCharge({ metric: "api_calls", model: "dynamic", properties: {} })],
    }),
  );
  for (const externalId of ["lago-one", "lago-two"]) {
    lago.add("customers", lagoCustomer({ externalId, name: externalId, country: "FR" }));
  }
  lago.add(
    "subscriptions",
    lagoSubscription({
      externalId: "lago-one-basic",
      customer: "lago-one",
      plan: "basic",
      startedAt: start,
      periodStart: start,
      periodEnd: end,
    }),
  );
  harness = await startConsoleHarness({ background: true, allowPrivateTargets: true });
  const operatorKey = await harness.newKey("billing_ops", "Billing operator");
  operator = await harness.newPage(laptop);
  await signIn(operator, harness.baseUrl, operatorKey.secret, "/imports");
}, 240_000);
afterAll(async () => {
  await harness?.close();
  await lago?.close();
});

describe("the imports page with Lago", () => {
  it("runs a dry run and then the import from a Lago organization", async () => {
    await operator.getByRole("heading", { level: 1, name: "Imports" }).waitFor();
    const form = operator.getByRole("region", { name: "New import" });
    await form.getByLabel("Import from").selectOption("lago");
    await form.getByLabel("API key").fill(lago.apiKey);
    await form.getByLabel("API address").fill(lago.url);
    await form.getByLabel("Dry run: report what would be imported, change nothing").check();
    await form.getByRole("button", { name: "Start the import" }).click();
    const dryRun = operator.getByRole("region", { name: /^Import imp_/ });
    await dryRun
      .getByText("Completed: 5 would be created, 0 skipped, 1 left for a person.")
      .waitFor({ timeout: 60_000 });
    await dryRun
      .getByRole("row", { name: /plan dynamic_pricing refused .*Fairbill has no dynamic charge model/ })
      .waitFor();
    await expect.poll(() => form.getByLabel("API key").inputValue()).toBe("");

    await form.getByLabel("API key").fill(lago.apiKey);
    await form.getByLabel("Dry run: report what would be imported, change nothing").uncheck();
    await form.getByRole("button", { name: "Start the import" }).click();
    await operator
      .getByRole("region", { name: /^Import imp_/ })
      .getByText("Completed: 5 created, 0 skipped, 1 left for a person.")
      .waitFor({ timeout: 60_000 });
    await operator.getByRole("cell", { name: "Lago (dry run)", exact: true }).waitFor();
    await harness.screenshot(operator, "lago-import");
    const customers = (await harness.api("GET", "/v1/customers?limit=10")) as { data: unknown[] };
    expect(customers.data).toHaveLength(2);
    expect(harness.consoleErrors).toEqual([]);
  }, 240_000);
});
