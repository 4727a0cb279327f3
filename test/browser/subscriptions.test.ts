// Subscriptions in a real Chromium. A billing operator subscribes a customer
// from its page (the API refuses a currency the plan does not price, beside
// the currency field), sees the upcoming invoice grow with usage, changes the
// plan, pauses and resumes, and cancels at period end; the list filters by
// status. The plan change dialog previews the next invoice without and with the
// change (the proration credit among its lines) before it is confirmed.
// Screenshots of each page go to test-results/screenshots/.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ConsoleHarness,
  laptop,
  phone,
  settled,
  signIn,
  startConsoleHarness,
} from "./browser-harness.ts";
import { monthlyFee, publishedPlan } from "./pricing-setup.ts";

let harness: ConsoleHarness;
let operator: Page;
let customerId: string;
let proPlanId: string;
let starterPlanId: string;

beforeAll(async () => {
  harness = await startConsoleHarness();
  await harness.api("POST", "/v1/meters", {
    code: "api_calls",
    name: "API calls",
    event_name: "api_call",
    aggregation: "count",
  });
  starterPlanId = await publishedPlan(harness, { code: "starter", name: "Starter" }, [
    { id: "base", type: "fixed", amount: "10.00" },
    { id: "calls", type: "usage", meter: "api_calls", model: "per_unit", unit_price: "0.01" },
  ]);
  proPlanId = await publishedPlan(harness, { code: "pro", name: "Pro" }, monthlyFee("50.00"));
  const customer = (await harness.api("POST", "/v1/customers", {
    external_id: "sub-acme",
    name: "Sub Acme",
    currency: "USD",
  })) as { id: string };
  customerId = customer.id;
  const operatorKey = await harness.newKey("billing_ops", "Subscriptions operator");
  operator = await harness.newPage(laptop);
  await signIn(operator, harness.baseUrl, operatorKey.secret, `/customers/${customerId}`);
});
afterAll(async () => harness?.close());

async function heading(target: Page, name: string | RegExp): Promise<void> {
  await target.getByRole("heading", { level: 1, name }).waitFor();
}

describe("subscriptions in the console", () => {
  it("subscribes a customer from its page, with the API's refusal beside the currency", async () => {
    await heading(operator, "Sub Acme");
    const panel = operator.getByRole("region", { name: "Subscriptions" });
    await panel.getByText("No subscriptions.").waitFor();
    await panel.getByRole("link", { name: "New subscription" }).click();
    await heading(operator, "New subscription");
    await settled(operator);
    // The customer is chosen from the link once the customer list has loaded, which may come after the page settles.
    await expect.poll(() => operator.getByLabel("Customer").inputValue()).toBe(customerId);
    await operator.getByLabel("Plan", { exact: true }).selectOption(starterPlanId);
    await operator.getByLabel("Trial days").fill("two");
    await operator.getByRole("button", { name: "Create subscription" }).click();
    expect(await operator.getByLabel("Trial days").getAttribute("aria-invalid")).toBe("true");
    await operator.getByLabel("Trial days").fill("");
    await operator.getByLabel("Currency").fill("EUR");
    await operator.getByRole("button", { name: "Create subscription" }).click();
    await operator.getByRole("alert").filter({ hasText: "The subscription was not created" }).waitFor();
    expect(await operator.getByLabel("Currency").getAttribute("aria-invalid")).toBe("true");
    await harness.screenshot(operator, "subscription-new");

    await operator.getByLabel("Currency").fill("");
    await operator.getByRole("button", { name: "Create subscription" }).click();
    await heading(operator, "starter for Sub Acme");
    await operator.getByRole("main").getByText("Active", { exact: true }).first().waitFor();
    const details = operator.getByRole("region", { name: "Details" });
    expect(await details.getByRole("link", { name: "starter version 1" }).count()).toBe(1);
  });

  it("shows the upcoming invoice as it stands, with usage sent since", async () => {
    await harness.api("POST", "/v1/events/batch", {
      events: [1, 2, 3].map((index) => ({ id: `call-${index}`, customer: "sub-acme", name: "api_call" })),
    });
    await operator.reload();
    await heading(operator, "starter for Sub Acme");
    const upcoming = operator.getByRole("region", { name: "Upcoming invoice" });
    const lines = upcoming.getByRole("region", { name: "Upcoming invoice lines" });
    await lines.waitFor();
    const callsRow = lines.getByRole("row", { name: /calls/ });
    expect(await callsRow.textContent()).toContain("$0.03");
    expect(await callsRow.textContent()).toMatch(/over 3\s+events/);
    // This period's usage in arrears and the next period's fee in advance: 3 × $0.01 + $10.00.
    await upcoming.getByText("$10.03 due").waitFor();
    await upcoming.getByRole("img", { name: /^Invoice by line\. calls: \$0\.03; base: \$10\.00/ }).waitFor();
    await harness.screenshot(operator, "subscription-detail");
  });

  it("changes the plan now", async () => {
    await operator.getByRole("button", { name: "Change plan" }).click();
    const dialog = operator.getByRole("dialog", { name: "Change the plan?" });
    await dialog.getByLabel("Plan", { exact: true }).selectOption(proPlanId);
    await dialog.getByLabel("When").selectOption("immediate");
    const preview = dialog.getByRole("region", { name: "What it changes on the next invoice" });
    await preview.getByText("Difference:").waitFor();
    // Without the change, the next invoice is the period's usage and Starter's next fee; with it,
    // an invoice now crediting the unused Starter fee (the whole period: it has just begun) and
    // charging Pro's fee for the days left.
    const before = preview.getByRole("table", { name: "Without the change: lines and total" });
    const after = preview.getByRole("table", { name: "With the change: lines and total" });
    expect(await before.getByRole("row", { name: /Total/ }).textContent()).toContain("$10.03");
    const credit = after.getByRole("row", { name: /Proration credit/ });
    expect(await credit.textContent()).toContain("Unused time on base (Starter)");
    expect(await credit.textContent()).toContain("-$10.00");
    expect(await after.getByRole("row", { name: /base \(Pro\)/ }).textContent()).toContain("$50.00");
    expect(await after.getByRole("row", { name: /Total/ }).textContent()).toContain("$40.03");
    expect(await preview.getByTestId("plan-change-difference").textContent()).toBe("$30.00");
    await harness.screenshot(operator, "subscription-change-plan-preview");
    const subscriptionId = new URL(operator.url()).pathname.split("/").at(-1) as string;
    const unchanged = (await harness.api("GET", `/v1/subscriptions/${subscriptionId}`)) as {
      changes: unknown[];
    };
    expect(unchanged.changes).toEqual([]);

    await dialog.getByRole("button", { name: "Change plan" }).click();
    await operator.getByText("The plan change is recorded.").waitFor();
    const changed = (await harness.api("GET", `/v1/subscriptions/${subscriptionId}`)) as {
      changes: { type: string; timing: string; plan: { plan_code: string } }[];
    };
    expect(changed.changes).toMatchObject([
      { type: "change_plan", timing: "immediate", plan: { plan_code: "pro" } },
    ]);
    await heading(operator, "pro for Sub Acme");
    const timeline = operator.getByRole("region", { name: "Timeline" });
    await timeline.getByText("Moves to pro version 1").waitFor();
  });

  it("pauses and resumes", async () => {
    await operator.getByRole("button", { name: "Pause" }).click();
    await operator
      .getByRole("dialog", { name: "Pause the subscription?" })
      .getByRole("button", { name: "Pause" })
      .click();
    await operator.getByText("The pause is recorded.").waitFor();
    await operator.getByRole("main").getByText("Paused", { exact: true }).first().waitFor();
    await operator.getByRole("button", { name: "Resume" }).click();
    await operator
      .getByRole("dialog", { name: "Resume the subscription?" })
      .getByRole("button", { name: "Resume" })
      .click();
    await operator.getByText("The subscription resumes.").waitFor();
    await operator.getByRole("main").getByText("Active", { exact: true }).first().waitFor();
  });

  it("cancels at period end, and finds the subscription by status", async () => {
    await operator.getByRole("button", { name: "Cancel" }).click();
    const dialog = operator.getByRole("dialog", { name: "Cancel the subscription?" });
    expect(await dialog.getByLabel("Ends").inputValue()).toBe("period_end");
    await dialog.getByRole("button", { name: "Cancel subscription" }).click();
    await operator.getByText("The cancellation is recorded.").waitFor();
    await operator.getByRole("main").getByText("Canceling", { exact: true }).first().waitFor();
    expect(await operator.getByRole("button", { name: "Cancel" }).count()).toBe(0);
    await harness.screenshot(operator, "subscription-canceling");

    await operator.getByRole("navigation").getByRole("link", { name: "Subscriptions" }).click();
    await heading(operator, "Subscriptions");
    await operator.getByLabel("Status").selectOption("canceling");
    await operator.getByRole("button", { name: "Apply filters" }).click();
    await operator.waitForURL(/status=canceling/);
    await settled(operator);
    const table = operator.getByRole("region", { name: "Subscriptions table" });
    await table.getByRole("link", { name: "pro v1" }).waitFor();
    expect(await table.getByRole("row").count()).toBe(2);
    await harness.screenshot(operator, "subscriptions");
  });

  it("works at phone width", async () => {
    const phonePage = await harness.newPage(phone);
    await signIn(phonePage, harness.baseUrl, harness.adminKey, "/subscriptions");
    await heading(phonePage, "Subscriptions");
    await settled(phonePage);
    await harness.screenshot(phonePage, "subscriptions");
    expect(await phonePage.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(
      phone.width,
    );
    await phonePage.getByRole("link", { name: /^sub_/ }).first().click();
    await heading(phonePage, "pro for Sub Acme");
    await settled(phonePage);
    await harness.screenshot(phonePage, "subscription-detail");
    expect(await phonePage.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(
      phone.width,
    );
  });

  it("logged no errors on any page", () => {
    expect(harness.consoleErrors).toEqual([]);
  });
});
