// Moving subscribers to a new plan version from the plan's page, in a real
// Chromium: billing ops open "Move subscribers", preview the move of a
// plan's two subscribers from version 1 ($100.00 a month) to version 2
// ($110.00) at the end of their period (2 affected, their next invoices
// $200.00 → $220.00, +$20.00, each customer by name), move them, and find the
// move among the plan's past moves; once the period ends the subscriptions
// list shows both on version 2. A second move waits while the approval policy
// holds plan migrations. axe finds nothing serious.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessibilityViolations } from "./accessibility.ts";
import { type ConsoleHarness, laptop, signIn, startConsoleHarness } from "./browser-harness.ts";
import { planOfTwoVersions, subscribedCustomers } from "./pricing-setup.ts";

const year = new Date().getUTCFullYear() + 1;

let harness: ConsoleHarness;
let operator: Page;
let planId: string;

type Subscription = { id: string; current_plan: { version: number } };

beforeAll(async () => {
  harness = await startConsoleHarness();
  planId = await planOfTwoVersions(harness, { code: "movable", name: "Movable" }, ["100.00", "110.00"]);
  await harness.api("POST", "/v1/test-clock", { frozen_at: `${year}-05-01T00:00:00Z` });
  await subscribedCustomers(harness, planId, ["Ada Mover", "Ben Mover"]);
  await harness.api("POST", "/v1/test-clock/advance", { to: `${year}-05-01T00:00:01Z` });
  const operatorKey = await harness.newKey("billing_ops", "Billing operator");
  operator = await harness.newPage(laptop);
  await signIn(operator, harness.baseUrl, operatorKey.secret, `/plans/${planId}`);
});
afterAll(async () => harness?.close());

describe("moving a plan's subscribers to a new version", () => {
  it("previews the count and the revenue impact, moves them, and lists the move", async () => {
    await operator.getByRole("heading", { level: 1, name: "Movable" }).waitFor();
    const history = operator.getByRole("region", { name: "Subscriber moves" });
    await history.getByText("No subscribers were moved between versions.").waitFor();
    await operator.getByRole("button", { name: "Move subscribers" }).click();
    const panel = operator.getByRole("region", { name: "Move subscribers" });
    await panel.getByLabel("From version").selectOption("1");
    await panel.getByLabel("To version").selectOption("2");
    await panel.getByLabel("When").selectOption("next_period");
    await panel.getByLabel("Reason for the change").fill("New prices for the year");
    await panel.getByRole("button", { name: "Preview" }).click();

    const preview = panel.getByRole("region", { name: "Preview" });
    await preview.getByText("Subscriptions affected").waitFor();
    expect((await preview.locator("dl.details dd").first().innerText()).trim()).toBe("2");
    const impact = preview.getByRole("region", { name: "Revenue impact table" });
    const usd = impact.locator("tbody tr", { hasText: "USD" });
    expect((await usd.innerText()).replace(/\s+/g, " ")).toContain("2 $200.00 $220.00 $20.00");
    const moved = preview.getByRole("region", { name: "Subscriptions moved table" });
    for (const name of ["Ada Mover", "Ben Mover"]) {
      const row = moved.locator("tbody tr", { hasText: name });
      await row.waitFor();
      expect((await row.innerText()).replace(/\s+/g, " ")).toContain("$100.00 $110.00 $10.00");
    }
    // Customers by name, never by id.
    expect(await moved.getByText(/cus_/).count()).toBe(0);
    await harness.screenshot(operator, "plan-migration-preview");
    expect(await accessibilityViolations(operator)).toEqual([]);

    await preview.getByRole("button", { name: "Move 2 subscribers" }).click();
    await panel
      .getByRole("status")
      .filter({ hasText: "Moved 2 subscribers from version 1 to version 2." })
      .waitFor();
    const listedMove = history.locator("tbody tr", { hasText: "Version 1 → version 2" });
    await listedMove.waitFor();
    expect((await listedMove.innerText()).replace(/\s+/g, " ")).toContain("New prices for the year");
    await harness.screenshot(operator, "plan-migration-moved");
    expect(await accessibilityViolations(operator)).toEqual([]);

    // At the end of their period both are on version 2, in the API and in the subscriptions list.
    await harness.api("POST", "/v1/test-clock/advance", { to: `${year}-06-01T00:00:01Z` });
    const subscriptions = (await harness.api("GET", "/v1/subscriptions")) as { data: Subscription[] };
    expect(subscriptions.data.map((subscription) => subscription.current_plan.version)).toEqual([2, 2]);
    await operator.goto(`${harness.baseUrl}/subscriptions`);
    const table = operator.getByRole("region", { name: "Subscriptions table" });
    await table.getByText("movable v2").first().waitFor();
    expect(await table.getByText("movable v2").count()).toBe(2);
    expect(await table.getByText("movable v1").count()).toBe(0);
    expect(await accessibilityViolations(operator)).toEqual([]);
    expect(harness.consoleErrors).toEqual([]);
  }, 240_000);

  it("says the move waits for approval when the policy holds plan migrations", async () => {
    await harness.api("PATCH", "/v1/catalog/approval-policy", {
      approval_required_for: {
        credit_grants_above: [],
        coupons_above: { percent: null, amounts: [] },
        price_overrides: { discounts_above_percent: null, new_prices: false },
        plan_migrations: true,
        rollouts: false,
        plan_changes: false,
      },
    });
    await operator.goto(`${harness.baseUrl}/plans/${planId}`);
    await operator.getByRole("button", { name: "Move subscribers" }).click();
    const panel = operator.getByRole("region", { name: "Move subscribers" });
    await panel.getByLabel("From version").selectOption("2");
    await panel.getByLabel("To version").selectOption("1");
    await panel.getByLabel("When").selectOption("next_period");
    await panel.getByRole("button", { name: "Preview" }).click();
    const preview = panel.getByRole("region", { name: "Preview" });
    await preview.getByRole("button", { name: "Move 2 subscribers" }).click();
    await panel.getByRole("status").filter({ hasText: "waits for another person's approval" }).waitFor();
    const subscriptions = (await harness.api("GET", "/v1/subscriptions")) as { data: Subscription[] };
    expect(subscriptions.data.map((subscription) => subscription.current_plan.version)).toEqual([2, 2]);
    expect(await accessibilityViolations(operator)).toEqual([]);
  }, 240_000);
});
