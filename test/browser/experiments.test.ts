// The experiments pages in a real Chromium. An experiment compares version 1
// of a plan (10.00 a month) with version 2 (12.00) on two lists of customers;
// a billing operator opens the list, reads the experiment's arms with their
// assignment counts and its metrics with their intervals, then stops it,
// which sends the variant's customer back to the control.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ConsoleHarness, laptop, signIn, startConsoleHarness } from "./browser-harness.ts";
import { planOfTwoVersions, subscribedCustomers } from "./pricing-setup.ts";

const year = new Date().getUTCFullYear() + 1;

let harness: ConsoleHarness;
let operator: Page;
let experimentId: string;

beforeAll(async () => {
  harness = await startConsoleHarness();
  const planId = await planOfTwoVersions(harness, { code: "tried", name: "Tried" }, ["10.00", "12.00"]);
  await harness.api("POST", "/v1/test-clock", { frozen_at: `${year}-05-01T00:00:00Z` });
  const customers = await subscribedCustomers(harness, planId, ["control-customer", "variant-customer"]);
  await harness.api("POST", "/v1/test-clock/advance", { to: `${year}-05-01T00:00:01Z` });
  const experiment = (await harness.api("POST", "/v1/experiments", {
    name: "Tried at 12.00",
    plan_id: planId,
    control: { version: 1, customer_ids: [customers[0]] },
    variants: [{ version: 2, name: "twelve", customer_ids: [customers[1]] }],
    assignment: "lists",
    audience: "existing_next_period",
    ends_at: `${year}-12-01T00:00:00Z`,
  })) as { id: string };
  experimentId = experiment.id;
  await harness.api("POST", "/v1/test-clock/advance", { to: `${year}-06-01T00:00:01Z` });
  const operatorKey = await harness.newKey("billing_ops", "Billing operator");
  operator = await harness.newPage(laptop);
  await signIn(operator, harness.baseUrl, operatorKey.secret, "/experiments");
});
afterAll(async () => harness?.close());

describe("the experiments pages", () => {
  it("lists the experiment, shows its arms and metrics with intervals, and stops it", async () => {
    await operator.getByRole("heading", { level: 1, name: "Experiments" }).waitFor();
    const list = operator.getByRole("region", { name: "Experiments table" });
    await list.getByText("control (v1): 1, twelve (v2): 1").waitFor();
    await list.getByRole("link", { name: "Tried at 12.00" }).click();

    await operator.getByRole("heading", { level: 1, name: "Tried at 12.00" }).waitFor();
    const arms = operator.getByRole("region", { name: "Arms table" });
    await arms.getByRole("row", { name: /twelve variant v2 1/ }).waitFor();
    const metrics = operator.getByRole("region", { name: "Metrics" });
    // The 1 May invoices came before the experiment; on 1 June the control paid 10.00, the variant 12.00.
    await metrics.getByText("Average invoice").waitFor();
    await metrics.getByText("$10.00 over 1", { exact: false }).waitFor();
    await metrics.getByText("$12.00 over 1", { exact: false }).waitFor();
    await metrics
      .getByRole("img", { name: /^twelve: 0\.0% of 1/ })
      .first()
      .waitFor();
    await harness.screenshot(operator, "experiment-detail");

    await operator.getByRole("button", { name: "Stop and return to control" }).click();
    // Stopped, the experiment takes no more decisions: its status reads stopped.
    await operator.getByRole("region", { name: "Experiment", exact: true }).getByText("stopped").waitFor();
    const stopped = (await harness.api("GET", `/v1/experiments/${experimentId}`)) as {
      status: string;
      decision: { action: string };
    };
    expect(stopped).toMatchObject({ status: "stopped", decision: { action: "stop" } });
    expect(harness.consoleErrors).toEqual([]);
  }, 180_000);
});
