// Contracts in a real Chromium. A billing operator builds a contract around a
// customer's subscription: a year from 1 January 2030, a ramp from Starter to
// Pro on 1 July, and 1,200.00 prepaid in four instalments; a term that ends
// before it starts is refused beside its field. The upcoming invoice then
// shows the first instalment (300.00) and the commit paying Starter's fee
// (10.00) among the totals, and the contract is listed with its phases.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ConsoleHarness, laptop, settled, signIn, startConsoleHarness } from "./browser-harness.ts";
import { monthlyFee, publishedPlan } from "./pricing-setup.ts";

let harness: ConsoleHarness;
let operator: Page;
let customerId: string;
let subscriptionId: string;

beforeAll(async () => {
  harness = await startConsoleHarness();
  const starterPlanId = await publishedPlan(
    harness,
    { code: "starter", name: "Starter" },
    monthlyFee("10.00"),
  );
  await publishedPlan(harness, { code: "pro", name: "Pro" }, monthlyFee("50.00"));
  const customer = (await harness.api("POST", "/v1/customers", {
    external_id: "deal-acme",
    name: "Deal Acme",
    currency: "USD",
  })) as { id: string };
  customerId = customer.id;
  const subscription = (await harness.api("POST", "/v1/subscriptions", {
    customer_id: customerId,
    plan_id: starterPlanId,
    start_at: "2030-01-01T00:00:00Z",
    billing: "calendar",
  })) as { id: string };
  subscriptionId = subscription.id;
  const operatorKey = await harness.newKey("billing_ops", "Contracts operator");
  operator = await harness.newPage(laptop);
  await signIn(operator, harness.baseUrl, operatorKey.secret, "/contracts");
});
afterAll(async () => harness?.close());

describe("contracts in the console", () => {
  it("builds a contract with a ramp and a prepaid commit, and shows it on the upcoming invoice", async () => {
    await operator.getByRole("heading", { level: 1, name: "Contracts" }).waitFor();
    await settled(operator);
    await operator.getByLabel("Customer").selectOption(customerId);
    await operator.getByLabel("Subscription").selectOption(subscriptionId);
    await operator.getByLabel("Term start").fill("2030-01-01T00:00");
    await operator.getByLabel("Term end").fill("2029-01-01T00:00");
    await operator.getByLabel("Ramp to plan").selectOption("pro");
    await operator.getByLabel("Ramp at").fill("2030-07-01T00:00");
    await operator.getByLabel("Prepaid commit").fill("1200.00");
    await operator.getByLabel("Instalments").fill("4");
    await operator.getByRole("button", { name: "Create contract" }).click();
    await operator.getByRole("alert").filter({ hasText: "The contract was not created" }).waitFor();
    expect(await operator.getByLabel("Term end").getAttribute("aria-invalid")).toBe("true");

    await operator.getByLabel("Term end").fill("2031-01-01T00:00");
    await operator.getByRole("button", { name: "Create contract" }).click();
    const upcoming = operator.getByRole("region", { name: "Upcoming invoice" });
    const lines = upcoming.getByRole("region", { name: "Upcoming invoice lines" });
    await lines.waitFor();
    expect(await lines.getByRole("row", { name: /prepaid/ }).textContent()).toContain("$300.00");
    // Starter's fee in advance (10.00) is paid by the commit; the instalment is due.
    await upcoming.getByText("paid by commits $10.00", { exact: false }).waitFor();
    await upcoming.getByText("$300.00 due").waitFor();
    expect(await lines.getByRole("row", { name: /Commits/ }).textContent()).toContain("-$10.00");

    const list = operator.getByRole("region", { name: "Contracts" });
    await list.getByRole("cell", { name: "starter → pro" }).waitFor();
    await harness.screenshot(operator, "contracts");
  });
});
