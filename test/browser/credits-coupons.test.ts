// Credits and coupons in a real Chromium. A billing operator grants credits
// to a customer and voids one grant (the ledger shows both), opens a prepaid
// wallet and tops it up, creates coupons (the console's and the API's checks
// beside their fields), redeems one on a subscription and removes it, and
// adds, switches off and deletes alerts.
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

let harness: ConsoleHarness;
let operator: Page;
let customerId: string;
let subscriptionId: string;

beforeAll(async () => {
  harness = await startConsoleHarness();
  await harness.api("POST", "/v1/meters", {
    code: "api_calls",
    name: "API calls",
    event_name: "api_call",
    aggregation: "count",
  });
  const plan = (await harness.api("POST", "/v1/plans", {
    code: "starter",
    name: "Starter",
    version: {
      currency: "USD",
      interval: "month",
      charges: [{ id: "base", type: "fixed", amount: "20.00" }],
    },
  })) as { id: string };
  await harness.api("POST", `/v1/plans/${plan.id}/versions/1/publish`, {});
  const customer = (await harness.api("POST", "/v1/customers", {
    external_id: "credit-acme",
    name: "Credit Acme",
    currency: "USD",
  })) as { id: string };
  customerId = customer.id;
  const subscription = (await harness.api("POST", "/v1/subscriptions", {
    customer_id: customer.id,
    plan_id: plan.id,
  })) as { id: string };
  subscriptionId = subscription.id;
  const operatorKey = await harness.newKey("billing_ops", "Credits operator");
  operator = await harness.newPage(laptop);
  await signIn(operator, harness.baseUrl, operatorKey.secret, `/customers/${customerId}`);
});
afterAll(async () => harness?.close());

async function heading(target: Page, name: string | RegExp): Promise<void> {
  await target.getByRole("heading", { level: 1, name }).waitFor();
}

describe("credits and coupons in the console", () => {
  it("grants credits, and voids a grant with its reason on the ledger", async () => {
    await heading(operator, "Credit Acme");
    const credits = operator.getByRole("region", { name: "Credits" });
    await credits.getByText("No credit grants.").waitFor();
    await credits.getByLabel("Grant name").fill("Welcome credit");
    await credits.getByRole("button", { name: "Grant credits" }).click();
    expect(await credits.getByLabel("Credit amount").getAttribute("aria-invalid")).toBe("true");
    // More digits than the currency's minor unit is the API's refusal.
    await credits.getByLabel("Credit amount").fill("25.001");
    await credits.getByRole("button", { name: "Grant credits" }).click();
    await credits.getByRole("alert").filter({ hasText: "The credits were not granted" }).waitFor();
    expect(await credits.getByLabel("Credit amount").getAttribute("aria-invalid")).toBe("true");
    await credits.getByLabel("Credit amount").fill("25.00");
    await credits.getByRole("button", { name: "Grant credits" }).click();
    const grants = credits.getByRole("region", { name: "Credit grants table" });
    const welcome = grants.getByRole("row", { name: /Welcome credit/ });
    await welcome.waitFor();
    expect(await welcome.textContent()).toContain("$25.00");
    expect(await welcome.textContent()).toContain("active");

    await credits.getByLabel("Grant name").fill("Goodwill");
    await credits.getByLabel("Credit amount").fill("5");
    await credits.getByRole("button", { name: "Grant credits" }).click();
    await grants.getByRole("row", { name: /Goodwill/ }).waitFor();
    await credits.getByText("$30.00").first().waitFor();

    await grants.getByRole("button", { name: "Void Goodwill" }).click();
    const dialog = operator.getByRole("dialog", { name: "Void Goodwill?" });
    await dialog.getByRole("button", { name: "Void grant" }).click();
    await dialog.getByText("is required").waitFor();
    await dialog.getByLabel("Reason").fill("Granted twice by mistake");
    await dialog.getByRole("button", { name: "Void grant" }).click();
    await grants
      .getByRole("row", { name: /Goodwill/ })
      .getByText("voided")
      .waitFor();
    await credits.getByText("$25.00").first().waitFor();

    await credits.getByText("Show the credit ledger").click();
    const ledger = credits.getByRole("region", { name: "Credit ledger table" });
    await ledger.getByText("Granted twice by mistake").waitFor();
    expect(await ledger.getByRole("row").count()).toBe(4); // a header, two increments and a void
  });

  it("opens a prepaid wallet and tops it up", async () => {
    const credits = operator.getByRole("region", { name: "Credits" });
    await credits.getByText("No prepaid wallets.").waitFor();
    await credits.getByLabel("Wallet name").fill("Prepaid calls");
    await credits.getByLabel("Credits per unit of money").fill("10");
    await credits.getByRole("button", { name: "Open wallet" }).click();
    const wallets = credits.getByRole("region", { name: "Wallets table" });
    await wallets.getByRole("row", { name: /Prepaid calls/ }).waitFor();

    await wallets.getByRole("button", { name: "Top up Prepaid calls" }).click();
    const dialog = operator.getByRole("dialog", { name: "Top up Prepaid calls?" });
    await dialog.getByLabel("Credits to add").fill("100");
    await dialog.getByLabel(/^Paid/).fill("0");
    await dialog.getByLabel("Reason").fill("Launch promotion");
    await dialog.getByRole("button", { name: "Top up" }).click();
    const row = wallets.getByRole("row", { name: /Prepaid calls/ });
    await row.getByText("$10.00").waitFor();
    expect(await row.textContent()).toContain("100");
    await harness.screenshot(operator, "customer-credits");
  });

  it("creates coupons, with the console's and the API's checks", async () => {
    await operator.getByRole("navigation").getByRole("link", { name: "Coupons" }).click();
    await heading(operator, "Coupons");
    const form = operator.getByRole("region", { name: "Create a coupon" });
    await form.getByLabel("Code").fill("SPRING25");
    await form.getByLabel("Name (required)", { exact: true }).fill("Spring sale");
    await form.getByRole("button", { name: "Create coupon" }).click();
    expect(await form.getByLabel("Percent off").getAttribute("aria-invalid")).toBe("true");
    await form.getByLabel("Percent off").fill("25");
    await form.getByLabel("Lasts").selectOption("repeating");
    await form.getByLabel("Invoices (required)").fill("3");
    await form.getByLabel("Starter (starter)").check();
    await form.getByRole("button", { name: "Create coupon" }).click();
    const table = operator.getByRole("region", { name: "Coupons table" });
    const spring = table.getByRole("row", { name: /SPRING25/ });
    await spring.waitFor();
    expect(await spring.textContent()).toContain("25% off, 3 invoices");
    expect(await spring.textContent()).toContain("plan starter");

    // The same code again, in another case, is taken.
    await form.getByLabel("Code").fill("spring25");
    await form.getByLabel("Name (required)", { exact: true }).fill("Again");
    await form.getByLabel("Percent off").fill("10");
    await form.getByRole("button", { name: "Create coupon" }).click();
    await form.getByRole("alert").filter({ hasText: "The coupon was not created" }).waitFor();
    await harness.screenshot(operator, "coupons");
  });

  it("redeems a coupon on a subscription and removes it", async () => {
    await operator.goto(`${harness.baseUrl}/customers/${customerId}`);
    await heading(operator, "Credit Acme");
    const coupons = operator.getByRole("region", { name: "Coupons" });
    await coupons.getByText("No coupons redeemed.").waitFor();
    await settled(operator);
    const couponOptions = await coupons
      .getByLabel("Coupon", { exact: true })
      .locator("option")
      .allTextContents();
    const spring = couponOptions.find((label) => label.startsWith("SPRING25"));
    expect(spring).toBe("SPRING25: 25% off, 3 invoices");
    await coupons.getByLabel("Coupon", { exact: true }).selectOption({ label: spring! });
    await coupons.getByLabel("Applies to").selectOption(subscriptionId);
    await coupons.getByRole("button", { name: "Redeem coupon" }).click();
    const row = coupons.getByRole("row", { name: /SPRING25/ });
    await row.getByText("active").waitFor();
    expect(await row.textContent()).toContain("0 discounted, 3 left");
    expect(await row.textContent()).toContain(subscriptionId);

    await row.getByRole("button", { name: "Remove coupon SPRING25" }).click();
    const dialog = operator.getByRole("dialog", { name: "Remove coupon SPRING25?" });
    await dialog.getByLabel("Reason").fill("Customer asked for an annual plan instead");
    await dialog.getByRole("button", { name: "Remove coupon" }).click();
    await coupons
      .getByRole("row", { name: /SPRING25/ })
      .getByText("removed")
      .waitFor();
    await harness.screenshot(operator, "customer-coupons");
  });

  it("adds alerts on spend and usage, switches one off and deletes it", async () => {
    const alerts = operator.getByRole("region", { name: "Alerts", exact: true });
    await alerts.getByText("No alerts.").waitFor();
    await alerts.getByRole("button", { name: "Add alert" }).click();
    expect(await alerts.getByLabel("Amount").getAttribute("aria-invalid")).toBe("true");
    await alerts.getByLabel("Amount").fill("50.00");
    await alerts.getByLabel("Alert name").fill("Half the budget");
    await alerts.getByRole("button", { name: "Add alert" }).click();
    const spend = alerts.getByRole("row", { name: /Half the budget/ });
    await spend.waitFor();
    expect(await spend.textContent()).toContain("Spend this period reaches $50.00");
    // The last-fired column loads its own query after the row appears; wait for it.
    await spend.getByText("Never", { exact: true }).waitFor();

    await alerts.getByLabel("Alert when").selectOption("usage");
    await alerts.getByLabel("Quantity").fill("1000");
    await alerts.getByLabel("Meter").selectOption("api_calls");
    await alerts.getByLabel("Watch").selectOption(subscriptionId);
    await alerts.getByRole("button", { name: "Add alert" }).click();
    const usage = alerts.getByRole("row", { name: /Usage this period reaches/ });
    await usage.getByText("1,000 api_calls").waitFor();
    expect(await usage.textContent()).toContain(subscriptionId);

    await spend.getByRole("button", { name: "Switch off Half the budget" }).click();
    await spend.getByText("Off", { exact: true }).waitFor();
    await spend.getByRole("button", { name: "Delete Half the budget" }).click();
    await alerts.getByRole("row", { name: /Half the budget/ }).waitFor({ state: "detached" });
    await harness.screenshot(operator, "customer-alerts");
  });

  it("works at phone width", async () => {
    const phonePage = await harness.newPage(phone);
    await signIn(phonePage, harness.baseUrl, harness.adminKey, "/coupons");
    await heading(phonePage, "Coupons");
    await settled(phonePage);
    await harness.screenshot(phonePage, "coupons");
    expect(await phonePage.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(
      phone.width,
    );
    await phonePage.goto(`${harness.baseUrl}/customers/${customerId}`);
    await heading(phonePage, "Credit Acme");
    await settled(phonePage);
    await harness.screenshot(phonePage, "customer-credits");
    expect(await phonePage.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(
      phone.width,
    );
  });

  it("logged no errors on any page", () => {
    expect(harness.consoleErrors).toEqual([]);
  });
});
