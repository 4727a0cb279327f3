// The customer portal in a real Chromium. The seller sets up a metered plan,
// subscribes a customer who sends usage, and issues a portal link; the
// customer opens it and sees its usage per meter, the same cost to date as
// the seller's GET /v1/customers/{id}/upcoming-invoice, its credits and
// invoices, downloads an invoice PDF and sets a spending alert, at laptop and
// phone widths; it saves a card and pays its open invoice against a local
// server that speaks Stripe's API, and the console shows the invoice paid.
// As a parent account it lists its child account with what the child owes,
// and opens the child's invoices and downloads one's PDF.
// Screenshots go to test-results/screenshots/.
import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalStripe, startLocalStripe } from "../support/local-stripe-server.ts";
import { accessibilityViolations } from "./accessibility.ts";
import {
  type ConsoleHarness,
  laptop,
  phone,
  settled,
  signIn,
  startConsoleHarness,
} from "./browser-harness.ts";

let harness: ConsoleHarness;
let customerId: string;
let invoiceNumber: string;
let invoiceId: string;
let stripe: LocalStripe;

beforeAll(async () => {
  harness = await startConsoleHarness({ allowPrivateTargets: true });
  stripe = await startLocalStripe();
  await harness.api("PUT", "/v1/payment-settings", {
    provider: "stripe",
    stripe: { secret_key: stripe.secretKey, webhook_secret: stripe.webhookSecret, api_base_url: stripe.url },
  });
  await harness.api("POST", "/v1/meters", {
    code: "api_calls",
    name: "API calls",
    event_name: "api_call",
    aggregation: "count",
  });
  const plan = (await harness.api("POST", "/v1/plans", {
    code: "portal-metered",
    name: "Metered",
    version: {
      currency: "USD",
      interval: "month",
      charges: [
        { id: "base", type: "fixed", amount: "20.00", timing: "in_arrears" },
        { id: "calls", type: "usage", meter: "api_calls", model: "per_unit", unit_price: "0.25" },
      ],
    },
  })) as { id: string };
  await harness.api("POST", `/v1/plans/${plan.id}/versions/1/publish`, {});
  const customer = (await harness.api("POST", "/v1/customers", {
    external_id: "portal-acme",
    name: "Portal Acme",
    email: "billing@portal-acme.example",
    currency: "USD",
    locale: "en-US",
    timezone: "UTC",
  })) as { id: string };
  customerId = customer.id;
  await harness.api("POST", "/v1/subscriptions", {
    customer_id: customerId,
    plan_id: plan.id,
    currency: "USD",
  });
  await harness.api("POST", "/v1/events/batch", {
    events: Array.from({ length: 8 }, (_, index) => ({
      id: `portal-browser-call-${index}`,
      customer: "portal-acme",
      name: "api_call",
    })),
  });
  await harness.api("POST", `/v1/customers/${customerId}/credit-grants`, {
    name: "Welcome credit",
    amount: "5.00",
    currency: "USD",
    type: "promotional",
  });
  const invoice = (await harness.api("POST", "/v1/invoices", {
    customer_id: customerId,
    currency: "USD",
    lines: [{ description: "Onboarding", quantity: "1", unit_amount: "150.00" }],
    finalize: true,
  })) as { id: string; number: string };
  invoiceNumber = invoice.number;
  invoiceId = invoice.id;
});
afterAll(async () => {
  await harness?.close();
  await stripe?.close();
});

async function openPortal(viewport: { width: number; height: number }): Promise<Page> {
  const link = (await harness.api("POST", `/v1/customers/${customerId}/portal-links`, {
    return_url: "https://app.example.com/account",
  })) as { url: string };
  // The link names the host the API was called at; the test's server is that host.
  expect(new URL(link.url).origin).toBe(harness.baseUrl);
  const page = await harness.newPage(viewport);
  await page.goto(link.url);
  await page.getByRole("heading", { level: 1, name: "Billing for Portal Acme" }).waitFor();
  await settled(page);
  return page;
}

/** "$1,234.50" for an en-US customer in USD, from the API's decimal string. */
function dollars(amount: string): string {
  const [whole = "0", fraction = "00"] = amount.split(".");
  return `$${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${fraction}`;
}

describe("customer portal", () => {
  it("may be framed by the seller's app", async () => {
    const response = await fetch(`${harness.baseUrl}/portal/`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-security-policy")).toBe("frame-ancestors *");
    expect(response.headers.get("x-frame-options")).toBeNull();
  });

  it("shows usage and the same cost to date as the seller's upcoming invoice", async () => {
    const page = await openPortal(laptop);
    // The token left the address bar once read.
    expect(new URL(page.url()).hash).toBe("");
    const upcoming = (await harness.api("GET", `/v1/customers/${customerId}/upcoming-invoice`)) as {
      total: string;
    };
    expect(await page.getByTestId("cost-to-date").textContent()).toBe(dollars(upcoming.total));
    await page.getByTestId("forecast").waitFor();
    await page.getByText("The forecast is an estimate").waitFor();

    const usage = page.getByRole("article", { name: "API calls" });
    expect(await usage.getByTestId("meter-quantity").textContent()).toBe("8");
    expect(await usage.getByTestId("meter-amount").textContent()).toBe("$2.00");
    await usage.getByRole("img", { name: "API calls per day this period" }).waitFor();

    const credits = page.getByRole("region", { name: "Credits" });
    await credits.getByText("$5.00").waitFor();
    await page.getByRole("link", { name: "Back to your account" }).waitFor();
    await harness.screenshot(page, "portal");
  });

  it("downloads an invoice PDF", async () => {
    const page = await openPortal(laptop);
    const invoices = page.getByRole("region", { name: "Invoices" });
    await invoices.getByRole("cell", { name: invoiceNumber, exact: true }).waitFor();
    await invoices.getByRole("cell", { name: "$150.00", exact: true }).waitFor();
    const downloadPromise = page.waitForEvent("download");
    await invoices.getByRole("button", { name: `Download invoice ${invoiceNumber} as PDF` }).click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toBe(`${invoiceNumber}.pdf`);
    const pdf = await readFile(await download.path());
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  });

  it("lists a child account with its open balance, and opens the child's invoices", async () => {
    const child = (await harness.api("POST", "/v1/customers", {
      external_id: "portal-acme-branch",
      name: "Portal Branch",
      currency: "USD",
      parent_customer_id: customerId,
    })) as { id: string };
    const childInvoice = (await harness.api("POST", "/v1/invoices", {
      customer_id: child.id,
      currency: "USD",
      lines: [{ description: "Branch setup", quantity: "1", unit_amount: "42.00" }],
      finalize: true,
    })) as { number: string };
    const page = await openPortal(laptop);
    const children = page.getByRole("region", { name: "Child accounts" }).first();
    await children.getByRole("rowheader", { name: "Portal Branch", exact: true }).waitFor();
    await children.getByRole("cell", { name: "$42.00", exact: true }).waitFor();
    await children.getByRole("button", { name: "Show invoices of Portal Branch" }).click();
    const invoices = page.getByRole("region", { name: "Invoices of Portal Branch" });
    const downloadPromise = page.waitForEvent("download");
    await invoices.getByRole("button", { name: `Download invoice ${childInvoice.number} as PDF` }).click();
    const download = await downloadPromise;
    const pdf = await readFile(await download.path());
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    await settled(page);
    expect(await accessibilityViolations(page)).toEqual([]);
    await harness.screenshot(page, "portal-child-accounts");
  });

  it("sets a spending alert, refuses a bad amount, and deletes the alert", async () => {
    const page = await openPortal(phone);
    const alerts = page.getByRole("region", { name: "Spending alerts" });
    const threshold = alerts.getByLabel("Alert me when this period's cost reaches (USD)");
    await threshold.fill("0.001");
    await alerts.getByRole("button", { name: "Set alert" }).click();
    await alerts.getByText(/more decimal places than USD/).waitFor();
    expect(await threshold.getAttribute("aria-invalid")).toBe("true");

    await threshold.fill("250");
    await alerts.getByRole("button", { name: "Set alert" }).click();
    await alerts.getByRole("status").getByText("Alert set at $250.00.").waitFor();
    const list = alerts.getByRole("list", { name: "Your spending alerts" });
    await list.getByText("$250.00").waitFor();
    const sellerView = (await harness.api("GET", `/v1/customers/${customerId}/alerts`)) as {
      data: { threshold: string; created_by: { type: string } }[];
    };
    expect(sellerView.data).toMatchObject([{ threshold: "250.00", created_by: { type: "portal" } }]);
    await harness.screenshot(page, "portal");

    await list.getByRole("button", { name: "Delete the alert at $250.00" }).click();
    await alerts.getByText("You have no spending alerts.").waitFor();
  });

  it("saves a card and pays the open invoice through Stripe, and the console shows it paid", async () => {
    const page = await openPortal(phone);
    const method = page.getByRole("region", { name: "Payment method" });
    await method.getByText("No card on file").waitFor();
    const invoices = page.getByRole("region", { name: "Invoices" });
    const pay = invoices.getByRole("button", { name: `Pay $150.00 for invoice ${invoiceNumber}` });
    expect(await pay.isDisabled()).toBe(true);
    expect(await accessibilityViolations(page)).toEqual([]);

    const card = method.getByLabel("Card from Stripe's card form");
    await card.fill("pm_card_chargeDeclined");
    await method.getByRole("button", { name: "Save card" }).click();
    await method.getByText(/Your card was declined/).waitFor();
    expect(await card.getAttribute("aria-invalid")).toBe("true");
    await card.fill("pm_card_visa");
    await method.getByRole("button", { name: "Save card" }).click();
    await method
      .getByRole("status")
      .getByText(/Visa ending 4242/)
      .waitFor();
    await method.getByTestId("card-on-file").getByText("Visa ending 4242, expires 12/2034").waitFor();

    await pay.click();
    await invoices.getByRole("status").getByText(`Invoice ${invoiceNumber} is paid. Thank you.`).waitFor();
    await invoices
      .getByRole("row", { name: new RegExp(invoiceNumber) })
      .getByText("Paid")
      .waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await harness.screenshot(page, "portal-paid");
    expect(stripe.paymentIntents()).toMatchObject([{ amount: 15000, status: "succeeded" }]);

    const seller = await harness.newPage(laptop);
    await signIn(seller, harness.baseUrl, harness.adminKey, `/invoices/${invoiceId}`);
    await seller.getByRole("main").getByText("Paid", { exact: true }).first().waitFor();
    await harness.screenshot(seller, "portal-paid-console");
  });

  it("says so when the link is no longer valid", async () => {
    const page = await harness.newPage(phone);
    await page.goto(`${harness.baseUrl}/portal/#token=fbp_changed.token`);
    await page.getByText("This link no longer works").waitFor();
    const bare = await harness.newPage(phone);
    await bare.goto(`${harness.baseUrl}/portal/`);
    await bare.getByText("This page opens from a link").waitFor();
  });

  it("logged no console errors", () => {
    expect(harness.consoleErrors).toEqual([]);
  });
});
