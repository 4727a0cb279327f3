// Every page of the console and the portal in a real Chromium, checked by
// axe-core: an admin signs in and visits each section of the navigation (so
// a section added later is visited too) and the pages of one object of each
// kind (a customer, a plan and its version, a subscription, an invoice, a
// webhook endpoint) and the forms that create them, with a payment, a
// dispute, a credit note and a tax rate in their lists; a customer opens its
// portal. No page may have a serious or critical WCAG 2.1 A/AA violation or
// log an error, and each page's screenshot goes to test-results/screenshots/
// (gitignored), named after its path.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessibilityViolations } from "./accessibility.ts";
import { type ConsoleHarness, laptop, settled, signIn, startConsoleHarness } from "./browser-harness.ts";

let harness: ConsoleHarness;
let page: Page;
const seeded = {
  customerId: "",
  planId: "",
  subscriptionId: "",
  invoiceId: "",
  invoiceNumber: "",
  endpointId: "",
};

beforeAll(async () => {
  harness = await startConsoleHarness();
  await harness.api("POST", "/v1/meters", {
    code: "api_calls",
    name: "API calls",
    event_name: "api_call",
    aggregation: "count",
  });
  const plan = (await harness.api("POST", "/v1/plans", {
    code: "every-page",
    name: "Every page plan",
    version: {
      currency: "USD",
      interval: "month",
      charges: [
        { id: "base", type: "fixed", amount: "20.00", timing: "in_advance" },
        { id: "calls", type: "usage", meter: "api_calls", model: "per_unit", unit_price: "0.25" },
      ],
    },
  })) as { id: string };
  seeded.planId = plan.id;
  await harness.api("POST", `/v1/plans/${plan.id}/versions/1/publish`, {});
  const customer = (await harness.api("POST", "/v1/customers", {
    external_id: "every-page-acme",
    name: "Every Page Acme",
    email: "billing@every-page-acme.example",
    currency: "USD",
    timezone: "America/New_York",
  })) as { id: string };
  seeded.customerId = customer.id;
  const subscription = (await harness.api("POST", "/v1/subscriptions", {
    customer_id: customer.id,
    plan_id: plan.id,
  })) as { id: string };
  seeded.subscriptionId = subscription.id;
  await harness.api("POST", "/v1/events/batch", {
    events: Array.from({ length: 5 }, (_, index) => ({
      id: `every-page-call-${index}`,
      customer: "every-page-acme",
      name: "api_call",
    })),
  });
  const invoice = (await harness.api("POST", "/v1/invoices", {
    customer_id: customer.id,
    currency: "USD",
    lines: [{ description: "Onboarding", quantity: "1", unit_amount: "150.00" }],
    finalize: true,
  })) as { id: string; number: string };
  seeded.invoiceId = invoice.id;
  seeded.invoiceNumber = invoice.number;
  // A payment, a dispute, a credit note and a tax rate, so that their lists show rows.
  await harness.api("POST", `/v1/invoices/${invoice.id}/payments`, {
    amount: "50.00",
    method: "bank_transfer",
  });
  await harness.api("POST", `/v1/invoices/${invoice.id}/disputes`, { reason: "The onboarding was shorter" });
  const credited = (await harness.api("POST", "/v1/invoices", {
    customer_id: customer.id,
    currency: "USD",
    lines: [{ description: "Extra seat", quantity: "1", unit_amount: "30.00" }],
    finalize: true,
  })) as { id: string };
  await harness.api("POST", `/v1/invoices/${credited.id}/credit-notes`, {
    reason: "billing_error",
    full: true,
  });
  await harness.api("POST", "/v1/tax-rates", { country: "DE", name: "VAT", percent: "19" });
  await harness.api("POST", "/v1/dunning-campaigns", {
    name: "Standard",
    retry_schedule_days: [1, 3, 7],
    reminder_days_after_due: [0, 7],
    final_action: "mark_uncollectible",
  });
  const endpoint = (await harness.api("POST", "/v1/webhook-endpoints", {
    url: "https://hooks.every-page.example/fairbill",
    event_types: ["invoice.finalized"],
  })) as { endpoint: { id: string } };
  seeded.endpointId = endpoint.endpoint.id;
  page = await harness.newPage(laptop);
  await signIn(page, harness.baseUrl, harness.adminKey, "/");
});
afterAll(async () => harness?.close());

const problems: string[] = [];

/** Opens a path, waits for its heading and its data, and records what axe finds; screenshots it under `name`. */
async function visit(target: Page, path: string, name: string): Promise<void> {
  await target.goto(`${harness.baseUrl}${path}`);
  await target.getByRole("heading", { level: 1 }).first().waitFor();
  await settled(target);
  for (const violation of await accessibilityViolations(target)) problems.push(`${path}: ${violation}`);
  await harness.screenshot(target, `page-${name}`);
}

describe("every page", () => {
  it("opens on the home page, each figure a link to its list", async () => {
    await page.getByRole("heading", { level: 1, name: "Home" }).waitFor();
    await settled(page);
    const tile = (name: string) => page.getByRole("region", { name });
    await tile("Failed payments").getByRole("link", { name: "No failed payments" }).waitFor();
    await tile("Held drafts").getByRole("link", { name: "No drafts are held" }).waitFor();
    await tile("Approvals waiting").getByRole("link", { name: "No requests wait for approval" }).waitFor();
    await tile("Overdue").getByRole("link", { name: "Nothing overdue" }).waitFor();
    await tile("Unattributed events").getByRole("link", { name: "Every event matches a customer" }).waitFor();
    // The customer subscribed today: last month had no recurring revenue.
    await tile("MRR and ARR")
      .getByText(/No recurring revenue in/)
      .waitFor();
    await tile("Revenue this month")
      .getByText(/Recognized in/)
      .waitFor();
    const forecast = tile("This month's invoices");
    await forecast.getByText(/Forecast for/).waitFor();
    await tile("Failed payments").getByRole("link").click();
    await page.getByRole("heading", { level: 1, name: "Payments" }).waitFor();
    expect(new URL(page.url()).search).toBe("?status=failed");
  });

  it("finds customers, invoices and plans from the search box, opened with /", async () => {
    await page.getByRole("heading", { level: 1, name: "Payments" }).click();
    await page.keyboard.press("/");
    const box = page.getByRole("searchbox", { name: "Quick find", exact: true });
    expect(await page.evaluate<string>("document.activeElement?.id")).toBe("global-search");
    await page.keyboard.type("every page");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Search for “every page”" }).waitFor();
    await settled(page);
    const customers = page.getByRole("region", { name: "Customers" });
    await customers.getByRole("link", { name: "Every Page Acme" }).waitFor();
    await page
      .getByRole("region", { name: "Plans" })
      .getByRole("link", { name: "Every page plan" })
      .waitFor();
    await page
      .getByRole("region", { name: "Invoices" })
      .getByText("No invoice number holds “every page”.")
      .waitFor();

    // An invoice by the end of its number, reached with Ctrl+K from the page of results.
    await page.keyboard.press("Control+k");
    await box.fill(seeded.invoiceNumber.slice(-4));
    await box.press("Enter");
    const invoices = page.getByRole("region", { name: "Invoices" });
    await invoices.getByRole("link", { name: seeded.invoiceNumber }).click();
    await page.getByRole("heading", { level: 1, name: `Invoice ${seeded.invoiceNumber}` }).waitFor();
  });

  it("has no serious or critical accessibility violation in the console", async () => {
    const sectionPaths = await page
      .getByRole("navigation", { name: "Console sections" })
      .getByRole("link")
      .evaluateAll((links) =>
        links.map((link) => new URL((link as unknown as { href: string }).href).pathname),
      );
    expect(sectionPaths.length).toBeGreaterThan(20);
    const objectPages: [name: string, path: string][] = [
      ["customer", `/customers/${seeded.customerId}`],
      ["customer-edit", `/customers/${seeded.customerId}/edit`],
      ["customer-new", "/customers/new"],
      ["plan", `/plans/${seeded.planId}`],
      ["plan-version", `/plans/${seeded.planId}/versions/1`],
      ["plan-new", "/plans/new"],
      ["subscription", `/subscriptions/${seeded.subscriptionId}`],
      ["subscription-new", "/subscriptions/new"],
      ["invoice", `/invoices/${seeded.invoiceId}`],
      ["invoice-new", "/invoices/new"],
      ["meter-new", "/meters/new"],
      ["webhook", `/webhooks/${seeded.endpointId}`],
      ["account", "/account"],
      ["search", "/search?q=acme"],
      ["email-template", "/email-templates?template=invoice_issued"],
      ["not-found", "/no-such-page"],
    ];
    const sectionPages = [...new Set(sectionPaths)].map((path): [string, string] => [
      path === "/" ? "home" : path.slice(1).replaceAll("/", "-"),
      path,
    ]);
    for (const [name, path] of [...sectionPages, ...objectPages]) await visit(page, path, name);
    expect(problems).toEqual([]);
  }, 300_000);

  it("has no serious or critical accessibility violation in the portal", async () => {
    const link = (await harness.api("POST", `/v1/customers/${seeded.customerId}/portal-links`, {})) as {
      url: string;
    };
    const portal = await harness.newPage(laptop);
    await portal.goto(link.url);
    await portal.getByRole("heading", { level: 1, name: "Billing for Every Page Acme" }).waitFor();
    await settled(portal);
    const found = await accessibilityViolations(portal);
    await harness.screenshot(portal, "page-portal");
    expect(found).toEqual([]);
  });

  it("logged no console errors", () => {
    expect(harness.consoleErrors).toEqual([]);
  });
});
