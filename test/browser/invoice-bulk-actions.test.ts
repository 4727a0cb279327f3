// Bulk actions and server-side sort on the invoice list, in a real Chromium:
// billing ops choose two of three drafts (one by mouse, one by keyboard),
// finalize them together and read the outcome per invoice, the third stays a
// draft; then sort the list by total both ways (the API orders it, the header
// says aria-sort, the address keeps it); finance retries a failed card
// payment from the payment list (through the local Stripe server, declined
// again); axe finds nothing serious.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalStripe, startLocalStripe } from "../support/local-stripe-server.ts";
import { accessibilityViolations } from "./accessibility.ts";
import { type ConsoleHarness, laptop, signIn, startConsoleHarness } from "./browser-harness.ts";

type Invoice = { id: string; status: string; number: string | null };

let harness: ConsoleHarness;
let stripe: LocalStripe;
let billingOps: Page;
const drafts: Invoice[] = [];

beforeAll(async () => {
  harness = await startConsoleHarness({ allowPrivateTargets: true });
  stripe = await startLocalStripe();
  const customer = (await harness.api("POST", "/v1/customers", {
    external_id: "bulk-buyer",
    name: "Bulk Buyer",
    currency: "USD",
  })) as { id: string };
  for (const [amount, finalize] of [
    ["12.00", false],
    ["78.00", true],
    ["34.00", false],
    ["56.00", false],
  ] as const) {
    const invoice = (await harness.api("POST", "/v1/invoices", {
      customer_id: customer.id,
      currency: "USD",
      lines: [{ description: "Consulting", quantity: "1", unit_amount: amount }],
      finalize,
    })) as Invoice;
    if (!finalize) drafts.push(invoice);
  }
  const key = await harness.newKey("billing_ops", "Billing ops");
  billingOps = await harness.newPage(laptop);
  await signIn(billingOps, harness.baseUrl, key.secret, "/invoices");
});
afterAll(async () => {
  await stripe?.close();
  await harness?.close();
});

async function firstRowTotal(page: Page): Promise<string> {
  const table = page.getByRole("region", { name: "Invoices table" });
  return (await table.locator("tbody tr").first().locator("td.numeric").first().innerText()).trim();
}

describe("invoice list bulk actions and sort", () => {
  it("finalizes two chosen drafts together and shows the outcome per invoice", async () => {
    const [first, second, third] = drafts as [Invoice, Invoice, Invoice];
    await billingOps.getByRole("heading", { level: 1, name: "Invoices" }).waitFor();
    const table = billingOps.getByRole("region", { name: "Invoices table" });
    await table.getByRole("checkbox", { name: `Select Draft ${first.id}` }).check();
    // The second by keyboard alone: focus its checkbox, press Space.
    await table.getByRole("checkbox", { name: `Select Draft ${second.id}` }).focus();
    await billingOps.keyboard.press("Space");
    await billingOps.getByText("2 invoices chosen.").waitFor();
    // Retrying a payment is finance's: billing ops see finalize and reminders only.
    expect(await billingOps.getByRole("button", { name: /^Retry payment/ }).count()).toBe(0);
    expect(await accessibilityViolations(billingOps)).toEqual([]);
    await billingOps.getByRole("button", { name: "Finalize (2)" }).click();
    const dialog = billingOps.getByRole("dialog", { name: "Finalize: 2 invoices?" });
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "Finalize" }).click();
    await billingOps.getByRole("status").filter({ hasText: "2 finalized." }).waitFor();
    const outcome = billingOps.getByRole("list", { name: "Outcome per invoice" });
    for (const draft of [first, second]) {
      const now = (await harness.api("GET", `/v1/invoices/${draft.id}`)) as Invoice;
      expect(now.status).toBe("open");
      await outcome.getByText(`finalized as ${now.number}`).waitFor();
      await table.getByRole("link", { name: now.number ?? "" }).waitFor();
    }
    expect(((await harness.api("GET", `/v1/invoices/${third.id}`)) as Invoice).status).toBe("draft");
    await harness.screenshot(billingOps, "invoice-bulk-finalize");
    expect(await accessibilityViolations(billingOps)).toEqual([]);
  }, 180_000);

  it("sorts the invoices by total on the server, both ways, kept in the address", async () => {
    const table = billingOps.getByRole("region", { name: "Invoices table" });
    const sortByTotal = table.getByRole("button", { name: /^Total/ });
    const asked: string[] = [];
    billingOps.on("request", (request) => {
      if (request.url().includes("/v1/invoices?")) asked.push(request.url());
    });
    await sortByTotal.click();
    await billingOps.waitForURL(/sort=total&order=ascending/);
    await table.locator("th[aria-sort=ascending]", { hasText: "Total" }).waitFor();
    await expect.poll(() => firstRowTotal(billingOps)).toBe("$12.00");
    await sortByTotal.click();
    await billingOps.waitForURL(/sort=total&order=descending/);
    await table.locator("th[aria-sort=descending]", { hasText: "Total" }).waitFor();
    await expect.poll(() => firstRowTotal(billingOps)).toBe("$78.00");
    expect(asked.some((url) => url.includes("sort=-total"))).toBe(true);
    expect(asked.some((url) => /sort=total(&|$)/.test(url))).toBe(true);
    await billingOps.reload();
    await table.locator("th[aria-sort=descending]", { hasText: "Total" }).waitFor();
    await expect.poll(() => firstRowTotal(billingOps)).toBe("$78.00");
    await harness.screenshot(billingOps, "invoices-sorted-by-total");
    expect(await accessibilityViolations(billingOps)).toEqual([]);
    expect(harness.consoleErrors).toEqual([]);
  }, 180_000);

  it("lets finance retry the invoice of a failed card payment from the payment list", async () => {
    await harness.api("PUT", "/v1/payment-settings", {
      provider: "stripe",
      stripe: {
        secret_key: stripe.secretKey,
        webhook_secret: stripe.webhookSecret,
        api_base_url: stripe.url,
      },
    });
    const customer = (await harness.api("POST", "/v1/customers", {
      external_id: "declined-payer",
      name: "Declined Payer",
      email: "declined@example.com",
      currency: "USD",
    })) as { id: string };
    await harness.api("POST", `/v1/customers/${customer.id}/payment-methods`, {
      payment_method: "pm_card_chargeDeclined",
    });
    const invoice = (await harness.api("POST", "/v1/invoices", {
      customer_id: customer.id,
      currency: "USD",
      lines: [{ description: "Consulting", quantity: "1", unit_amount: "90.00" }],
      finalize: true,
    })) as Invoice;
    const first = (await harness.api("POST", "/v1/invoices/bulk-collect", { invoice_ids: [invoice.id] })) as {
      results: { summary: string }[];
    };
    expect(first.results[0]?.summary).toMatch(/failed/);

    const key = await harness.newKey("finance", "Finance");
    const finance = await harness.newPage(laptop);
    await signIn(finance, harness.baseUrl, key.secret, "/payments?status=failed");
    await finance.getByRole("heading", { level: 1, name: "Payments" }).waitFor();
    const table = finance.getByRole("region", { name: "Payments table" });
    await table.getByRole("checkbox", { name: new RegExp(`of invoice ${invoice.id}$`) }).check();
    await finance.getByRole("button", { name: "Retry payment (1)" }).click();
    const dialog = finance.getByRole("dialog", { name: "Retry payment: 1 invoice?" });
    await dialog.getByRole("button", { name: "Retry payment" }).click();
    await finance.getByRole("status").filter({ hasText: "1 retried." }).waitFor();
    await finance
      .getByRole("list", { name: "Outcome per invoice" })
      .getByText(/payment pay_\w+ failed/)
      .waitFor();
    await table.getByRole("row").nth(2).waitFor();
    await harness.screenshot(finance, "payments-bulk-retry");
    expect(await accessibilityViolations(finance)).toEqual([]);
    expect(harness.consoleErrors).toEqual([]);
  }, 180_000);
});
