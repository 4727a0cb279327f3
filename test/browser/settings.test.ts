// The settings pages in a real Chromium: an admin changes the seller and the
// invoice number prefix and sees both on the next invoice's page; sets Stripe
// as the payment provider and sees only that its secrets are set; creates a
// dunning campaign and edits its steps; edits an email template, previews it,
// saves two versions and restores the first; chooses what customers may
// change themselves in the portal; and issues a customer's portal
// link to copy. The main lists sort by a column and show numbered pages,
// both kept in the address. No page logs an error.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ConsoleHarness, laptop, settled, signIn, startConsoleHarness } from "./browser-harness.ts";

let harness: ConsoleHarness;
let page: Page;
let customerId: string;

beforeAll(async () => {
  harness = await startConsoleHarness();
  const customer = (await harness.api("POST", "/v1/customers", {
    external_id: "settings-acme",
    name: "Settings Acme",
    email: "billing@settings-acme.example",
    currency: "EUR",
  })) as { id: string };
  customerId = customer.id;
  // 21 more customers: the customer list shows 20 a page.
  for (let index = 1; index <= 21; index += 1) {
    await harness.api("POST", "/v1/customers", {
      external_id: `paged-${String(index).padStart(2, "0")}`,
      name: `Paged customer ${index}`,
    });
  }
  page = await harness.newPage(laptop);
  await signIn(page, harness.baseUrl, harness.adminKey, "/settings");
});
afterAll(async () => harness?.close());

describe("settings", () => {
  it("changes the seller and the number prefix, and the next invoice shows both", async () => {
    await page.getByRole("heading", { level: 1, name: "Settings" }).waitFor();
    await settled(page);
    const seller = page.getByRole("region", { name: "Seller and invoices" });
    await seller.getByLabel("Legal name").fill("Northwind Billing GmbH");
    const country = seller.getByLabel("Country", { exact: true });
    await country.fill("DE");
    // The picker names the code chosen.
    await seller.getByText("Germany.", { exact: true }).waitFor();
    await seller.getByLabel("Invoice number prefix").fill("NW");
    await seller.getByRole("button", { name: "Save invoice settings" }).click();
    await seller.getByText("The invoice settings were saved").waitFor();

    const invoice = (await harness.api("POST", "/v1/invoices", {
      customer_id: customerId,
      currency: "EUR",
      lines: [{ description: "Setup", quantity: "1", unit_amount: "100.00" }],
      finalize: true,
    })) as { id: string; number: string };
    expect(invoice.number).toMatch(/^NW-/);
    await page.goto(`${harness.baseUrl}/invoices/${invoice.id}`);
    await page.getByRole("heading", { level: 1, name: `Invoice ${invoice.number}` }).waitFor();
    await page.getByText("Northwind Billing GmbH").first().waitFor();
  });

  it("sets Stripe as the payment provider and shows only that its secrets are set", async () => {
    await page.goto(`${harness.baseUrl}/settings`);
    await settled(page);
    const provider = page.getByRole("region", { name: "Payment provider" });
    await provider.getByLabel("Provider").selectOption("stripe");
    await provider.getByLabel("Stripe secret key").fill("sk_test_settings0000004242");
    await provider.getByLabel("Stripe webhook signing secret").fill("whsec_settings00009999");
    await provider.getByRole("button", { name: "Save payment provider" }).click();
    await provider.getByText("Stripe's secrets were saved").waitFor();
    await provider.getByText("ends 4242").waitFor();
    await provider.getByText("ends 9999").waitFor();
    // The secrets are never filled back into the form.
    expect(await provider.getByLabel("Stripe secret key").inputValue()).toBe("");
    expect(await page.content()).not.toContain("sk_test_settings0000004242");
  });

  it("lets customers switch to a chosen plan and cancel at period end in the portal", async () => {
    await harness.api("POST", "/v1/plans", {
      code: "settings-pro",
      name: "Settings Pro",
      version: {
        currency: "EUR",
        interval: "month",
        charges: [{ id: "base", type: "fixed", amount: "30.00", timing: "in_advance" }],
      },
    });
    await page.goto(`${harness.baseUrl}/settings`);
    await settled(page);
    const selfServe = page.getByRole("region", { name: "Customer portal self-service" });
    await selfServe.getByText("Not in the portal").first().waitFor();
    await selfServe.getByLabel("Settings Pro (settings-pro)").check();
    await selfServe.getByLabel("Customers may cancel").selectOption("at_period_end");
    await selfServe.getByRole("button", { name: "Save portal self-service" }).click();
    await selfServe.getByText("Saved: customers see these choices").waitFor();
    await selfServe.getByText("At the end of the period", { exact: true }).first().waitFor();
    const saved = (await harness.api("GET", "/v1/portal-self-serve-settings")) as {
      plan_codes: string[];
      cancellation: string;
    };
    expect(saved).toMatchObject({ plan_codes: ["settings-pro"], cancellation: "at_period_end" });
  });

  it("creates a dunning campaign and edits its steps", async () => {
    await page
      .getByRole("navigation", { name: "Console sections" })
      .getByRole("link", { name: "Dunning" })
      .click();
    await page.getByRole("heading", { level: 1, name: "Dunning campaigns" }).waitFor();
    await settled(page);
    const create = page.getByRole("region", { name: "Create a dunning campaign" });
    await create.getByLabel("Name").fill("Gentle");
    await create.getByLabel("Retry the payment after (days)").fill("2, 4");
    await create.getByRole("button", { name: "Create campaign" }).click();
    await page.getByText("The campaign Gentle was created.").waitFor();
    const table = page.getByRole("region", { name: "Dunning campaigns table" });
    await table.getByText("2 and 4 days after the first failure").waitFor();

    await table.getByRole("button", { name: "Edit Gentle" }).click();
    const edit = page.getByRole("region", { name: "Edit Gentle" });
    await edit.getByLabel("Retry the payment after (days)").fill("1, 2, 9");
    await edit.getByLabel("Final action").selectOption("mark_uncollectible");
    await edit.getByRole("button", { name: "Save campaign" }).click();
    await page.getByText("The campaign Gentle was saved.").waitFor();
    await table.getByText("1, 2 and 9 days after the first failure").waitFor();
    await table.getByText("Mark the invoice uncollectible").waitFor();

    // A step the API refuses is named beside its field.
    await table.getByRole("button", { name: "Edit Gentle" }).click();
    await edit.getByLabel("Retry the payment after (days)").fill("1, 400");
    await edit.getByRole("button", { name: "Save campaign" }).click();
    await edit.getByText("The campaign was not saved").waitFor();
    expect(await edit.getByLabel("Retry the payment after (days)").getAttribute("aria-invalid")).toBe("true");
  });

  it("edits an email template, previews it, and restores an earlier version", async () => {
    await page.goto(`${harness.baseUrl}/email-templates`);
    await settled(page);
    await page.getByRole("link", { name: "Payment receipt" }).click();
    const wording = page.getByRole("region", { name: "Payment receipt: wording" });
    await wording.getByLabel("Subject").fill("Thanks, {{customer.name}}: receipt for {{invoice.number}}");
    await wording.getByRole("button", { name: "Preview" }).click();
    const preview = page.getByRole("region", { name: "Preview with sample data" });
    await preview.getByText(/^Thanks, .+: receipt for /).waitFor();
    await wording.getByRole("button", { name: "Save as a new version" }).click();
    await page.getByText("Version 1 of Payment receipt was saved").waitFor();

    const again = page.getByRole("region", { name: "Payment receipt: wording" });
    await again.getByLabel("Subject").fill("Receipt {{invoice.number}}");
    await again.getByRole("button", { name: "Save as a new version" }).click();
    await page.getByText("Version 2 of Payment receipt was saved").waitFor();

    const versions = page.getByRole("region", { name: "Saved versions" });
    await versions.getByRole("button", { name: "Restore version 1" }).click();
    await versions.getByText("The wording was restored as version 3.").waitFor();
    expect(
      await page.getByRole("region", { name: "Payment receipt: wording" }).getByLabel("Subject").inputValue(),
    ).toBe("Thanks, {{customer.name}}: receipt for {{invoice.number}}");
  });

  it("issues a customer's portal link to copy", async () => {
    await page.goto(`${harness.baseUrl}/customers/${customerId}`);
    await page.getByRole("heading", { level: 1, name: "Settings Acme" }).waitFor();
    const portal = page.getByRole("region", { name: "Customer portal" });
    await portal.getByLabel("Works for").selectOption("86400");
    await portal.getByRole("button", { name: "Issue portal link" }).click();
    const link = portal.getByLabel(/^Portal link, works until/);
    expect(await link.inputValue()).toMatch(/\/portal.*#/);
    await portal.getByRole("button", { name: "Copy link" }).click();
    await portal.getByText(/Copied to the clipboard|Selected: press Ctrl\+C/).waitFor();
    await harness.screenshot(page, "settings-portal-link");
  });

  it("sorts the invoice list by a column and pages the customer list, both kept in the address", async () => {
    for (const amount of ["5.00", "250.00", "42.50"]) {
      await harness.api("POST", "/v1/invoices", {
        customer_id: customerId,
        currency: "EUR",
        lines: [{ description: "Extra", quantity: "1", unit_amount: amount }],
        finalize: true,
      });
    }
    await page.goto(`${harness.baseUrl}/invoices`);
    await settled(page);
    const table = page.getByRole("region", { name: "Invoices table" });
    await table.getByRole("button", { name: /^Total/ }).click();
    await table.getByRole("button", { name: /^Total/ }).click();
    expect(new URL(page.url()).search).toBe("?sort=total&order=descending");
    expect(await table.getByRole("columnheader", { name: /^Total/ }).getAttribute("aria-sort")).toBe(
      "descending",
    );
    const totals = await table.locator("tbody tr td.numeric:nth-last-child(2)").allTextContents();
    expect(totals.slice(0, 4)).toEqual(["€250.00", "€100.00", "€42.50", "€5.00"]);

    await page.goto(`${harness.baseUrl}/customers`);
    await settled(page);
    const pages = page.getByRole("navigation", { name: "Pages of customers" });
    await pages.getByText("Showing customers 1–20 of 22 loaded.").waitFor();
    await pages.getByRole("button", { name: "Page 2" }).click();
    expect(new URL(page.url()).search).toBe("?page=2");
    await pages.getByText("Showing customers 21–22 of 22 loaded.").waitFor();
    expect(await page.getByRole("region", { name: "Customers table" }).locator("tbody tr").count()).toBe(2);
    await page.reload();
    await page
      .getByRole("navigation", { name: "Pages of customers" })
      .getByText("Showing customers 21–22")
      .waitFor();
  });

  it("logged no errors on any page", () => {
    expect(harness.consoleErrors).toEqual([]);
  });
});
