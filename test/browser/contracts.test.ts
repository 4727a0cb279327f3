// Contracts in a real Chromium. A billing operator builds a contract around a
// customer's subscription: a year from 1 January 2030, a ramp from Starter to
// Pro on 1 July, and 1,200.00 prepaid in four instalments; a term that ends
// before it starts is refused beside its field. The upcoming invoice then
// shows the first instalment (300.00) and the commit paying Starter's fee
// (10.00) among the totals, and the contract is listed with its phases.
// Then the operator amends it: an effective date before the term is refused,
// a negotiated price of Starter's fee from 1 March is made, with its reason,
// and listed among the contract's amendments as version 2. Last, the
// operator makes the contract renew automatically, then stops its renewal,
// with no new term end.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessibilityViolations } from "./accessibility.ts";
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

  it("amends the contract: shows its subscriptions and amendments, refuses an instant outside the term", async () => {
    const list = operator.getByRole("region", { name: "Contracts" });
    await list.getByRole("button", { name: /^Amend ctr_/ }).click();
    const opened = operator.getByRole("region", { name: /^Contract ctr_/ });
    await opened.getByText(`Subscriptions: ${subscriptionId} (starter)`, { exact: false }).waitFor();
    await opened.getByText("No amendment yet: version 1.").waitFor();

    await opened.getByLabel("Effective at").fill("2029-06-01T00:00");
    await opened.getByLabel("Plan").selectOption("starter");
    await opened.getByLabel("Charge", { exact: true }).fill("base");
    await opened.getByLabel("Negotiated price").fill("8.00");
    await opened.getByLabel("Reason").fill("Renegotiated at the QBR");
    await opened.getByRole("button", { name: "Amend", exact: true }).click();
    await opened.getByRole("alert").filter({ hasText: "The contract was not amended" }).waitFor();
    await opened.getByText("is before the contract's start", { exact: false }).first().waitFor();

    await opened.getByLabel("Effective at").fill("2030-03-01T00:00");
    await opened.getByRole("button", { name: "Amend", exact: true }).click();
    const amendments = opened.getByRole("table", { name: "Amendments" });
    await amendments
      .getByRole("cell", { name: /Negotiated price of starter\/base set to amount 8\.00 from 2030-03-01/ })
      .waitFor();
    await amendments.getByRole("cell", { name: "Renegotiated at the QBR" }).waitFor();
    await list.getByRole("cell", { name: "2", exact: true }).first().waitFor();
    expect(await accessibilityViolations(operator)).toEqual([]);
    await harness.screenshot(operator, "contract-amendments");
  });

  it("starts and stops the contract's renewal, with no new term end", async () => {
    const opened = operator.getByRole("region", { name: /^Contract ctr_/ });
    const amendments = opened.getByRole("table", { name: "Amendments" });
    await opened.getByLabel("Effective at").fill("2030-04-01T00:00");
    await opened.getByLabel("Change", { exact: true }).selectOption("change_term");
    await opened.getByLabel("Reason").fill("Evergreen from now on");
    await opened.getByRole("button", { name: "Amend", exact: true }).click();
    // Neither a new end nor a change of renewal: nothing would change.
    await opened.getByRole("alert").filter({ hasText: "The contract was not amended" }).waitFor();
    expect(await opened.getByLabel("New term end").getAttribute("aria-invalid")).toBe("true");

    await opened.getByLabel("Renewal").selectOption("auto");
    await opened.getByRole("button", { name: "Amend", exact: true }).click();
    await amendments.getByRole("cell", { name: "Evergreen from now on" }).waitFor();
    await amendments.getByRole("cell", { name: /Renewal changed from none to auto/ }).waitFor();

    await opened.getByLabel("Effective at").fill("2030-05-01T00:00");
    await opened.getByLabel("Change", { exact: true }).selectOption("change_term");
    await opened.getByLabel("Renewal").selectOption("none");
    await opened.getByLabel("Reason").fill("Customer gave notice");
    await opened.getByRole("button", { name: "Amend", exact: true }).click();
    await amendments.getByRole("cell", { name: "Customer gave notice" }).waitFor();
    await amendments.getByRole("cell", { name: /Renewal changed from auto to none/ }).waitFor();
  });
});
