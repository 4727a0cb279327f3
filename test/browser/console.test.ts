// The web console in a real Chromium: a billing operator signs in with an API
// key, creates a customer through the form (and sees the API's field errors
// beside the fields), finds it, edits and archives it with its audit history,
// manages API keys, runs the simulator on an example and reads the invoices;
// at phone width the navigation becomes a menu. No page logs an error.
// Screenshots of each main page go to test-results/screenshots/. Code that
// runs in the page is passed as strings: outside web/ there are no DOM types.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { revokeApiKey } from "../../src/organizations/index.ts";
import { type ConsoleHarness, laptop, phone, signIn, startConsoleHarness } from "./browser-harness.ts";

let harness: ConsoleHarness;
let page: Page;

beforeAll(async () => {
  harness = await startConsoleHarness();
  page = await harness.newPage(laptop);
});
afterAll(async () => harness?.close());

async function heading(target: Page, name: string | RegExp): Promise<void> {
  await target.getByRole("heading", { level: 1, name }).waitFor();
}

describe("the web console", () => {
  it("asks for an API key, explains where to get one, and refuses a wrong key", async () => {
    await page.goto(`${harness.baseUrl}/customers`);
    await heading(page, "Sign in to the Fairbill console");
    expect(await page.getByText("npx fairbill keys create --role admin").count()).toBe(1);
    await harness.screenshot(page, "sign-in");

    await page.getByLabel("API key").fill("fb_test_not_a_real_key_at_all_000000");
    await page.getByRole("button", { name: "Sign in with the key" }).click();
    await page.getByText("This API key is not valid").waitFor();
    expect(await page.getByLabel("API key").getAttribute("aria-invalid")).toBe("true");
  });

  it("signs in with a key and shows its role and environment", async () => {
    await page.getByLabel("API key").fill(harness.adminKey);
    await page.getByRole("button", { name: "Sign in with the key" }).click();
    await heading(page, "Customers");
    const banner = page.getByRole("banner");
    expect(await banner.getByText("Test environment").count()).toBe(1);
    expect(await banner.textContent()).toContain("Admin");
    await page.getByText("No customers yet.").waitFor();
  });

  it("creates a customer through the form, with the API's field errors next to each field", async () => {
    await page.getByRole("link", { name: "New customer" }).click();
    await heading(page, "New customer");
    await page.getByLabel("External id").fill("browser-acme");
    await page.getByLabel("Name", { exact: true }).fill("Browser Acme Ltd");
    await page.getByLabel("Billing email").fill("not an email");
    await page.getByLabel("Currency").fill("XYZ");
    await page.getByRole("button", { name: "Add a tax id" }).click();
    await page.getByLabel("Tax id 1 type").fill("eu_vat");
    await page.getByRole("button", { name: "Create customer" }).click();

    const email = page.getByLabel("Billing email");
    await page.getByRole("alert").filter({ hasText: "The customer was not saved" }).waitFor();
    expect(await email.getAttribute("aria-invalid")).toBe("true");
    const emailError = await page.locator(`#${await email.getAttribute("id")}-error`).textContent();
    expect(emailError).toMatch(/email/i);
    expect(await page.getByLabel("Tax id 1 number").getAttribute("aria-invalid")).toBe("true");
    // A code that no list knows is named in the same answer as the other mistakes.
    const currency = page.getByLabel("Currency");
    await page.getByText("must be an ISO 4217 code such as USD").waitFor();
    expect(await currency.getAttribute("aria-invalid")).toBe("true");
    await harness.screenshot(page, "customer-form-errors");

    await email.fill("billing@browser-acme.example");
    await page.getByLabel("Tax id 1 number").fill("DE999999999");
    await currency.fill("EUR");
    await page.getByLabel("City").fill("Berlin");
    await page.getByRole("button", { name: "Create customer" }).click();
    await heading(page, "Browser Acme Ltd");
    const billing = page.getByRole("region", { name: "Billing" });
    expect(await billing.getByText("DE999999999").count()).toBe(1);
    expect(await billing.getByText("Berlin").count()).toBe(1);
  });

  it("finds the customer by search and opens it, with its audit history", async () => {
    await page.getByRole("navigation").getByRole("link", { name: "Customers" }).click();
    await heading(page, "Customers");
    await page.getByRole("searchbox", { name: "Search" }).fill("browser acme");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(/search=browser\+acme/);
    const rows = page.getByRole("region", { name: "Customers table" }).getByRole("row");
    await rows.nth(1).waitFor();
    expect(await rows.count()).toBe(2);
    await harness.screenshot(page, "customers");

    await page.getByRole("link", { name: "Browser Acme Ltd" }).click();
    await heading(page, "Browser Acme Ltd");
    const history = page.getByRole("region", { name: "Audit history table" });
    await history.getByText("customer.created").waitFor();
    await harness.screenshot(page, "customer-detail");
  });

  it("edits the customer with a reason that lands in the audit history", async () => {
    await page.getByRole("link", { name: "Edit", exact: true }).click();
    await heading(page, "Edit Browser Acme Ltd");
    await page.getByLabel("Name", { exact: true }).fill("Browser Acme GmbH");
    await page.getByLabel("Reason for the change").fill("Company renamed after merger");
    await page.getByRole("button", { name: "Save changes" }).click();
    await heading(page, "Browser Acme GmbH");
    const history = page.getByRole("region", { name: "Audit history table" });
    await history.getByText("customer.updated").waitFor();
    expect(await history.getByText("Company renamed after merger").count()).toBe(1);
  });

  it("archives the customer after a confirmation", async () => {
    await page.getByRole("button", { name: "Archive" }).click();
    const dialog = page.getByRole("dialog", { name: "Archive Browser Acme GmbH?" });
    await dialog.waitFor();
    await dialog.getByLabel("Reason").fill("Contract ended");
    await dialog.getByRole("button", { name: "Archive customer" }).click();
    await page.getByText(/^Archived /).waitFor();
    await page.getByRole("region", { name: "Audit history table" }).getByText("customer.archived").waitFor();
    expect(await page.getByRole("button", { name: "Archive" }).count()).toBe(0);
  });

  it("creates an API key, shows its secret once, and revokes it after a confirmation", async () => {
    await page.getByRole("navigation").getByRole("link", { name: "API keys" }).click();
    await heading(page, "API keys");
    await page.getByLabel("Name").fill("Reporting export");
    await page.getByLabel("Role").selectOption("finance");
    await page.getByRole("button", { name: "Create key" }).click();
    const secret = page.getByLabel("New API key");
    await secret.waitFor();
    expect(await secret.inputValue()).toMatch(/^fb_test_/);
    expect(await page.getByRole("button", { name: "Copy key" }).count()).toBe(1);
    await harness.screenshot(page, "api-keys");

    await page.getByRole("button", { name: "I have saved it" }).click();
    expect(await page.getByLabel("New API key").count()).toBe(0);
    await page.getByRole("button", { name: "Revoke Reporting export" }).click();
    const dialog = page.getByRole("dialog", { name: "Revoke “Reporting export”?" });
    await dialog.getByRole("button", { name: "Revoke key" }).click();
    const row = page.getByRole("row").filter({ hasText: "Reporting export" });
    await row.getByText(/^Revoked /).waitFor();
  });

  it("lists meters and explores the events each counts, with the events of unknown customers", async () => {
    await harness.api("POST", "/v1/meters", {
      code: "api_calls",
      name: "API calls",
      event_name: "api_call",
      aggregation: "count",
    });
    await harness.api("POST", "/v1/events/batch", {
      events: [
        { id: "call-1", customer: "browser-acme", name: "api_call", properties: { endpoint: "/search" } },
        { id: "call-2", customer: "browser-acme", name: "api_call", properties: { endpoint: "/export" } },
        { id: "call-3", customer: "not-yet-a-customer", name: "api_call", properties: {} },
        { id: "login-1", customer: "browser-acme", name: "login", properties: {} },
      ],
    });

    await page.getByRole("navigation").getByRole("link", { name: "Meters" }).click();
    await heading(page, "Meters");
    const meterRow = page
      .getByRole("region", { name: "Meters table" })
      .getByRole("row", { name: /API calls/ });
    expect(await meterRow.textContent()).toContain("count");
    await harness.screenshot(page, "meters");

    await meterRow.getByRole("link", { name: "Show events of API calls" }).click();
    await heading(page, "Events");
    await page.waitForURL(/name=api_call/);
    const events = page.getByRole("region", { name: "Events table", exact: true });
    await events.getByText("call-1").waitFor();
    expect(await events.getByRole("row").count()).toBe(4); // a header and three api_call events
    expect(await events.getByRole("row", { name: /call-1/ }).textContent()).toContain("api_calls v1");
    expect(await events.getByText("login-1").count()).toBe(0);
    const unattributed = page.getByRole("region", { name: "Unattributed events table" });
    await unattributed.getByRole("link", { name: "not-yet-a-customer" }).waitFor();
    await harness.screenshot(page, "events");
  });

  it("charts a customer's usage of a meter, with the same numbers as a table", async () => {
    const customer = (await harness.api("GET", "/v1/customers/lookup?external_id=browser-acme")) as {
      id: string;
    };
    await page.goto(`${harness.baseUrl}/customers/${customer.id}`);
    const usage = page.getByRole("region", { name: "Usage" });
    await usage.getByText("2 events, 2 in all (count), in UTC time.").waitFor();
    await usage.getByRole("img", { name: /Usage of api_calls per day/ }).waitFor();
    await usage.getByText("Show as a table").click();
    const rows = usage.getByRole("region", { name: "Usage table" }).getByRole("row");
    expect(await rows.count()).toBe(2); // a header and today
    expect(await rows.nth(1).textContent()).toMatch(/2\s*2$/);
    await harness.screenshot(page, "customer-usage");
  });

  it("filters the audit log", async () => {
    await page.getByRole("navigation").getByRole("link", { name: "Audit log" }).click();
    await heading(page, "Audit log");
    await page.getByLabel("Action").fill("customer.updated");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(/action=customer\.updated/);
    const entries = page.getByRole("region", { name: "Audit log table" });
    await entries.getByText("Company renamed after merger").waitFor();
    expect(await entries.getByRole("row").count()).toBe(2);
    expect(await entries.getByRole("link", { name: /^cus_/ }).count()).toBe(1);
    await harness.screenshot(page, "audit-log");
  });

  it("runs an example scenario in the simulator and shows the invoices with their totals", async () => {
    await page.getByRole("navigation").getByRole("link", { name: "Simulator" }).click();
    await heading(page, "Simulator");
    await page.getByLabel("Start from an example").selectOption("graduated-tiers");
    await page.getByRole("button", { name: "Run simulation" }).click();
    // 11.00 + 18.00 + 23.25 + 13.25 + 0.00, worked out by hand in test/scenarios/10-graduated-boundaries.json
    await page.getByText("5 invoices, $65.50 due in all.").waitFor();
    const march = page.getByRole("region", { name: "Invoice 3 lines" });
    expect(await march.getByRole("row", { name: /Amount due/ }).textContent()).toContain("$23.25");
    expect(await march.getByText("Tier 3 (20 and above): 1 × $0.25 + $5.00 flat = $5.25").count()).toBe(1);
    await page.getByRole("img", { name: /Amount due per invoice/ }).waitFor();
    await harness.screenshot(page, "simulator");
  });

  it("shows the API's explanation when a scenario is refused", async () => {
    const editor = page.getByLabel("Scenario (JSON)");
    await editor.fill('{"version": 1}');
    await page.getByRole("button", { name: "Run simulation" }).click();
    const refusal = page.getByRole("alert").filter({ hasText: "The simulation did not run" });
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/\$\.currency/);

    await editor.fill("{ not json");
    await page.getByRole("button", { name: "Run simulation" }).click();
    await page.getByText(/The scenario is not valid JSON/).waitFor();
  });

  it("can be used with the keyboard alone: skip link first, then the navigation", async () => {
    await page.goto(`${harness.baseUrl}/customers`);
    await heading(page, "Customers");
    await page.keyboard.press("Tab");
    expect(await page.evaluate<string>("document.activeElement?.textContent")).toBe("Skip to content");
    await page.keyboard.press("Enter");
    expect(await page.evaluate<string>("document.activeElement?.id")).toBe("main");

    await page.getByRole("navigation").getByRole("link", { name: "Simulator" }).focus();
    await page.keyboard.press("Enter");
    await heading(page, "Simulator");
    // The new page's heading takes the focus, so a screen reader announces it.
    expect(await page.evaluate<string>("document.activeElement?.tagName")).toBe("H1");
  });

  it("goes back to sign-in with the server's reason when the key stops working", async () => {
    const key = await harness.newKey("viewer", "Short-lived viewer");
    const viewerPage = await harness.newPage(laptop);
    await signIn(viewerPage, harness.baseUrl, key.secret, "/customers");
    expect(await viewerPage.getByRole("banner").textContent()).toContain("Viewer");
    // A viewer sees no API keys section and no New customer button.
    expect(await viewerPage.getByRole("navigation").getByRole("link", { name: "API keys" }).count()).toBe(0);
    expect(await viewerPage.getByRole("link", { name: "New customer" }).count()).toBe(0);

    await revokeApiKey(harness.context, key.id);
    await viewerPage.getByLabel("Status").selectOption("true");
    await viewerPage.getByRole("button", { name: "Apply filters" }).click();
    await heading(viewerPage, "Sign in to the Fairbill console");
    await viewerPage.getByText(/You were signed out: This API key is not valid/).waitFor();
    expect(await viewerPage.evaluate<number>("sessionStorage.length")).toBe(0);
  });

  it("works at phone width: the navigation is a menu", async () => {
    const phonePage = await harness.newPage(phone);
    await signIn(phonePage, harness.baseUrl, harness.adminKey, "/customers?archived=true");
    await heading(phonePage, "Customers");
    const menu = phonePage.getByRole("button", { name: "Menu" });
    expect(await menu.getAttribute("aria-expanded")).toBe("false");
    expect(await phonePage.getByRole("navigation").getByRole("link", { name: "Simulator" }).isVisible()).toBe(
      false,
    );
    await harness.screenshot(phonePage, "customers");

    await menu.click();
    expect(await menu.getAttribute("aria-expanded")).toBe("true");
    await harness.screenshot(phonePage, "menu");
    await phonePage.getByRole("navigation").getByRole("link", { name: "Simulator" }).click();
    await heading(phonePage, "Simulator");
    expect(await menu.getAttribute("aria-expanded")).toBe("false");
    await phonePage.getByRole("button", { name: "Run simulation" }).click();
    await phonePage.getByText("5 invoices, $65.50 due in all.").waitFor();
    await phonePage.getByRole("img", { name: /Amount due per invoice/ }).waitFor();
    await harness.screenshot(phonePage, "simulator");

    for (const [path, title] of [
      ["/meters", "Meters"],
      ["/events", "Events"],
      ["/audit-log", "Audit log"],
      ["/api-keys", "API keys"],
    ] as const) {
      await phonePage.goto(`${harness.baseUrl}${path}`);
      await heading(phonePage, title);
      await phonePage.getByRole("region", { name: `${title} table`, exact: true }).waitFor();
      await harness.screenshot(phonePage, path.slice(1));
      // Nothing sticks out sideways: tables stack their cells at this width.
      const pageWidth = await phonePage.evaluate<number>("document.documentElement.scrollWidth");
      expect(pageWidth, path).toBeLessThanOrEqual(phone.width);
    }
  });

  it("logged no errors on any page", () => {
    expect(harness.consoleErrors).toEqual([]);
  });
});
