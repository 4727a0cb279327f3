// The billing story in a real Chromium, on the test clock. A billing operator
// freezes the test environment's clock, subscribes a customer to a plan with
// graduated tiers, usage arrives, the clock moves a month forward and bills;
// the operator reads the invoice with each line's explanation and downloads
// its PDF; finance corrects it with a credit note (the operator's key may not)
// and records a partial payment and an overpayment; then the operator writes a one-off invoice, finalizes
// the draft and voids it. Screenshots of each page go to test-results/screenshots/.
import { readFile } from "node:fs/promises";
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

// The plan is published in real time, so the test clock runs in a year to come.
const year = new Date().getUTCFullYear() + 1;

let harness: ConsoleHarness;
let operator: Page;
let finance: Page;
let customerId: string;
let planId: string;

beforeAll(async () => {
  harness = await startConsoleHarness();
  await harness.api("POST", "/v1/meters", {
    code: "api_calls",
    name: "API calls",
    event_name: "api_call",
    aggregation: "count",
  });
  const plan = (await harness.api("POST", "/v1/plans", {
    code: "metered",
    name: "Metered",
    version: {
      currency: "USD",
      interval: "month",
      charges: [
        { id: "base", type: "fixed", amount: "20.00" },
        {
          id: "calls",
          type: "usage",
          meter: "api_calls",
          model: "graduated",
          tiers: [
            { up_to: "2", unit_price: "0" },
            { up_to: null, unit_price: "1.50" },
          ],
        },
      ],
    },
  })) as { id: string };
  planId = plan.id;
  await harness.api("POST", `/v1/plans/${plan.id}/versions/1/publish`, {});
  const customer = (await harness.api("POST", "/v1/customers", {
    external_id: "story-acme",
    name: "Story Acme",
    email: "billing@story-acme.example",
    currency: "USD",
    timezone: "UTC",
    billing_address: { line1: "1 Main Street", city: "Springfield", postal_code: "12345", country: "US" },
  })) as { id: string };
  customerId = customer.id;
  const operatorKey = await harness.newKey("billing_ops", "Billing operator");
  operator = await harness.newPage(laptop);
  await signIn(operator, harness.baseUrl, operatorKey.secret, "/bill-runs");
});
afterAll(async () => harness?.close());

async function heading(target: Page, name: string | RegExp): Promise<void> {
  await target.getByRole("heading", { level: 1, name }).waitFor();
}

describe("billing on the test clock", () => {
  it("freezes the test clock", async () => {
    await heading(operator, "Bill runs");
    const clock = operator.getByRole("region", { name: "Test clock" });
    await clock.getByText("The test environment runs on real time.").waitFor();
    await clock.getByLabel("Freeze at").fill(`${year}-01-01T00:00`);
    await clock.getByRole("button", { name: "Freeze the clock" }).click();
    await clock.getByText(new RegExp(`The test environment's clock reads Jan 1, ${year}`)).waitFor();
  });

  it("subscribes the customer on calendar periods", async () => {
    await operator.goto(`${harness.baseUrl}/subscriptions/new?customer_id=${customerId}`);
    await heading(operator, "New subscription");
    await settled(operator);
    await operator.getByLabel("Plan", { exact: true }).selectOption(planId);
    await operator.getByLabel("Periods").selectOption("calendar");
    await operator.getByRole("button", { name: "Create subscription" }).click();
    await heading(operator, "metered for Story Acme");
    const dates = operator.getByRole("region", { name: "Dates" });
    expect(await dates.textContent()).toContain(`Jan 1, ${year}`);
  });

  it("bills a month of usage when the clock moves forward", async () => {
    // Usage arrives as it happens: the clock reaches mid-January before the events do.
    await harness.api("POST", "/v1/test-clock/advance", { to: `${year}-01-20T00:00:00Z` });
    const batch = (await harness.api("POST", "/v1/events/batch", {
      events: [10, 11, 12, 13, 14].map((day) => ({
        id: `story-call-${day}`,
        customer: "story-acme",
        name: "api_call",
        timestamp: `${year}-01-${day}T12:00:00Z`,
      })),
    })) as { accepted: number };
    expect(batch.accepted).toBe(5);
    // A day later nothing is due: that run is kept but listed only on request.
    await harness.api("POST", "/v1/test-clock/advance", { to: `${year}-01-21T00:00:00Z` });
    await operator.getByRole("navigation").getByRole("link", { name: "Bill runs" }).click();
    await heading(operator, "Bill runs");
    const clock = operator.getByRole("region", { name: "Test clock" });
    await clock.getByLabel("Advance to").fill(`${year}-02-03T00:00`);
    await clock.getByRole("button", { name: "Advance and bill" }).click();
    await clock
      .getByText(new RegExp(`The clock reads Feb 3, ${year}.*The bill run billed 1 customer`))
      .waitFor();
    const runs = operator.getByRole("region", { name: "Bill runs table" });
    await runs.getByText("Test clock").first().waitFor();
    await expect.poll(() => runs.getByText("0 of 0").count()).toBe(0);
    await operator.getByLabel("Show runs that found nothing due").check();
    await runs.getByText("0 of 0").first().waitFor();
    await harness.screenshot(operator, "bill-runs");
  });

  it("shows the invoice, final and numbered, with each line's explanation, and downloads its PDF", async () => {
    await operator.goto(`${harness.baseUrl}/customers/${customerId}`);
    await heading(operator, "Story Acme");
    const invoices = operator.getByRole("region", { name: "Customer invoices table" });
    // The invoice of February 1: January's usage in arrears and February's fee in advance.
    const february = invoices.getByRole("row", { name: new RegExp(`Feb 1, ${year}`) });
    await february.getByRole("link").click();
    await heading(operator, /^Invoice /);
    const lines = operator.getByRole("region", { name: "Invoice lines" });
    const usage = lines.getByRole("row", { name: /calls/ });
    // 5 calls: 2 free in tier 1, then 3 × $1.50.
    expect(await usage.textContent()).toContain("$4.50");
    expect(await usage.textContent()).toMatch(/Tier 2 \(2 and above\): 3 × \$1\.50 = \$4\.50/);
    expect(await lines.getByRole("row", { name: /Amount due/ }).textContent()).toContain("$24.50");

    // Billed two days after its issue, past the grace period: the run finalized it.
    await operator.getByRole("heading", { level: 1, name: /^Invoice (?!Draft)/ }).waitFor();
    await operator.getByRole("main").getByText("Open", { exact: true }).first().waitFor();
    await harness.screenshot(operator, "invoice-detail");
    const downloadPromise = operator.waitForEvent("download");
    await operator.getByRole("button", { name: "Download PDF" }).click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const pdf = await readFile(await download.path());
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  });

  it("lets finance, not the operator, correct the invoice with a credit note on one line", async () => {
    expect(await operator.getByRole("button", { name: "Issue a credit note" }).count()).toBe(0);
    const financeKey = await harness.newKey("finance", "Finance clerk");
    finance = await harness.newPage(laptop);
    await signIn(finance, harness.baseUrl, financeKey.secret, new URL(operator.url()).pathname);
    await heading(finance, /^Invoice /);
    await finance.getByRole("button", { name: "Issue a credit note" }).click();
    const dialog = finance.getByRole("dialog", { name: /Issue a credit note/ });
    await dialog.getByLabel("Reason").selectOption("billing_error");
    await dialog.getByLabel("Credit everything not yet credited").uncheck();
    await dialog.getByLabel(/calls.*\$4\.50/).fill("1.50");
    await dialog.getByLabel("Memo").fill("One call was a retry of another");
    await dialog.getByRole("button", { name: "Issue credit note" }).click();
    await finance.getByText("The credit note is issued.").waitFor();
    const notes = finance.getByRole("region", { name: "Credit notes table" });
    const note = notes.getByRole("row", { name: /billing error/ });
    await note.waitFor();
    expect(await note.textContent()).toContain("$1.50");
    // $24.50 due, $1.50 credited: $23.00 left to pay.
    expect(await finance.getByRole("region", { name: "Lines", exact: true }).textContent()).toContain(
      "$23.00",
    );
  });

  it("lets finance record a partial payment, then an overpayment that goes to the balance", async () => {
    const payments = finance.getByRole("region", { name: "Payments" });
    await payments.getByText("No payments.").waitFor();
    // The form starts with what is left to pay.
    expect(await payments.getByLabel("Amount received (USD)").inputValue()).toBe("23.00");
    await payments.getByLabel("Amount received (USD)").fill("10.00");
    await payments.getByLabel("Reference").fill("BT-1001");
    await payments.getByRole("button", { name: "Record payment" }).click();
    await payments.getByRole("row", { name: /BT-1001/ }).waitFor();
    await finance.getByRole("main").getByText("Partially paid", { exact: true }).first().waitFor();
    expect(await finance.getByRole("region", { name: "Lines", exact: true }).textContent()).toContain(
      "$13.00",
    );

    await payments.getByLabel("Amount received (USD)").fill("20.00");
    await payments.getByLabel("Received by").selectOption("cheque");
    await payments.getByRole("button", { name: "Record payment" }).click();
    const cheque = payments.getByRole("row", { name: /Cheque/ });
    await cheque.waitFor();
    expect(await cheque.textContent()).toContain("$13.00 to the invoice, $7.00 to the customer's balance");
    await finance.getByRole("main").getByText("Paid", { exact: true }).first().waitFor();
    await harness.screenshot(finance, "invoice-payments");
  });

  it("writes a one-off invoice with an exact running total, finalizes the draft and voids it", async () => {
    await operator.getByRole("navigation").getByRole("link", { name: "Invoices" }).click();
    await heading(operator, "Invoices");
    await operator.getByRole("link", { name: "New one-off invoice" }).click();
    await heading(operator, "New one-off invoice");
    await settled(operator);
    await operator.getByLabel("Customer").selectOption(customerId);
    expect(await operator.getByLabel("Currency").inputValue()).toBe("USD");
    await operator.getByLabel("Line 1 description").fill("Onboarding workshop");
    await operator.getByLabel("Line 1 quantity").fill("3");
    await operator.getByLabel("Line 1 unit price").fill("0.10");
    await operator.getByRole("button", { name: "Add a line" }).click();
    await operator.getByLabel("Line 2 description").fill("Partner discount");
    await operator.getByLabel("Line 2 unit price").fill("-0.05");
    // 3 × 0.10 − 0.05, which floats would make 0.25000000000000006.
    await operator.getByText("Before tax, discounts and credits: $0.25.").waitFor();
    await operator.getByRole("button", { name: "Create draft" }).click();
    await heading(operator, /^Invoice Draft/);
    await operator.getByRole("button", { name: "Finalize" }).click();
    await operator
      .getByRole("dialog", { name: "Finalize this invoice?" })
      .getByRole("button", { name: "Finalize" })
      .click();
    await operator.getByText("The invoice is final").waitFor();
    await heading(operator, /^Invoice (?!Draft)/);
    await harness.screenshot(operator, "invoice-one-off");

    await operator.getByRole("button", { name: "Void" }).click();
    const dialog = operator.getByRole("dialog", { name: /^Void invoice/ });
    await dialog.getByRole("button", { name: "Void invoice" }).click();
    expect(await dialog.getByLabel("Reason").getAttribute("aria-invalid")).toBe("true");
    await dialog.getByLabel("Reason").fill("Workshop moved to next quarter");
    await dialog.getByRole("button", { name: "Void invoice" }).click();
    await operator.getByText("The invoice is void.").waitFor();
    await operator.getByText(/Workshop moved to next quarter/).waitFor();

    await operator.getByRole("navigation").getByRole("link", { name: "Invoices" }).click();
    await operator.getByLabel("Status").selectOption("void");
    await operator.getByRole("button", { name: "Apply filters" }).click();
    await operator.waitForURL(/status=void/);
    await settled(operator);
    const voided = operator.getByRole("region", { name: "Invoices table" });
    await voided
      .getByRole("row", { name: /one-off/ })
      .getByText("Void")
      .waitFor();
    expect(await voided.getByRole("row").count()).toBe(2);

    // Revenue by month leaves the void invoice out: January's fee, then February's invoice.
    await operator.getByRole("navigation").getByRole("link", { name: "Invoices" }).click();
    await operator.waitForURL(/\/invoices$/);
    const revenue = operator.getByRole("region", { name: "Revenue by month" });
    await revenue
      .getByRole("img", { name: `Revenue per month in USD. Jan ${year}: $20.00; Feb ${year}: $24.50` })
      .waitFor();
    await harness.screenshot(operator, "invoices");
  });

  it("works at phone width", async () => {
    const phonePage = await harness.newPage(phone);
    await signIn(phonePage, harness.baseUrl, harness.adminKey, "/invoices");
    for (const [path, title] of [
      ["/invoices", "Invoices"],
      ["/bill-runs", "Bill runs"],
    ] as const) {
      await phonePage.goto(`${harness.baseUrl}${path}`);
      await heading(phonePage, title);
      await settled(phonePage);
      await harness.screenshot(phonePage, path.slice(1));
      expect(
        await phonePage.evaluate<number>("document.documentElement.scrollWidth"),
        path,
      ).toBeLessThanOrEqual(phone.width);
    }
    await phonePage.goto(`${harness.baseUrl}/invoices?status=open`);
    await settled(phonePage);
    await phonePage.getByRole("region", { name: "Invoices table" }).getByRole("link").first().click();
    await heading(phonePage, /^Invoice /);
    await settled(phonePage);
    await harness.screenshot(phonePage, "invoice-detail");
    expect(await phonePage.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(
      phone.width,
    );
  });

  it("logged no errors on any page", () => {
    expect(harness.consoleErrors).toEqual([]);
  });
});
