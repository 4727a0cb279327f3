// The portal's self-serve changes in a real Chromium, at phone width: the
// seller sets its logo and colours and lets customers switch between two
// plans and cancel at period end; the customer opens its portal link under
// the seller's band (logo, name, colours), switches to the other plan by its
// name through the confirm dialog (the seller's API then shows it on that
// plan), tops up its wallet (the credits show, and the invoice is among its
// invoices), downloads its statement of account as PDF; once the seller
// reviews plan changes, a switch shows as awaiting approval; it cancels at
// the end of the period. Screenshots go to test-results/screenshots/.
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessibilityViolations } from "./accessibility.ts";
import { type ConsoleHarness, phone, settled, startConsoleHarness } from "./browser-harness.ts";
import { monthlyFee, publishedPlan } from "./pricing-setup.ts";

let harness: ConsoleHarness;
let customerId: string;
let subscriptionId: string;

// An 8×8 PNG in the seller's blue.
const logo =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR4nGPgtp2IFTEMLQkAEYM2QS+3p7YAAAAASUVORK5CYII=";

beforeAll(async () => {
  harness = await startConsoleHarness();
  await harness.api("PUT", "/v1/invoicing-settings", {
    seller: { name: "Northwind Cloud" },
    branding: { logo_url: logo, primary_color: "#0b3d91", accent_color: "#0969da" },
  });
  const starter = await publishedPlan(
    harness,
    { code: "starter", name: "Starter" },
    monthlyFee("10.00", "in_advance"),
  );
  await publishedPlan(harness, { code: "growth", name: "Growth" }, monthlyFee("40.00", "in_advance"));
  await harness.api("PUT", "/v1/portal-self-serve-settings", {
    plan_codes: ["starter", "growth"],
    cancellation: "at_period_end",
  });
  const customer = (await harness.api("POST", "/v1/customers", {
    external_id: "self-serve-co",
    name: "Self-serve Co",
    currency: "USD",
    locale: "en-US",
    timezone: "UTC",
  })) as { id: string };
  customerId = customer.id;
  const subscription = (await harness.api("POST", "/v1/subscriptions", {
    customer_id: customerId,
    plan_id: starter,
    currency: "USD",
  })) as { id: string };
  subscriptionId = subscription.id;
  await harness.api("POST", `/v1/customers/${customerId}/wallets`, { currency: "USD", name: "Prepaid" });
});
afterAll(async () => harness?.close());

describe("self-serve in the customer portal", () => {
  it("switches the plan, tops up the wallet and cancels at period end, at phone width", async () => {
    const link = (await harness.api("POST", `/v1/customers/${customerId}/portal-links`, {})) as {
      url: string;
    };
    const page = await harness.newPage(phone);
    await page.goto(link.url);
    await page.getByRole("heading", { level: 1, name: "Billing for Self-serve Co" }).waitFor();
    await settled(page);

    // The seller's band: its logo and name on its primary colour, white text (AA on #0b3d91), its accent for links.
    const band = page.locator(".portal-brand");
    await band.getByText("Northwind Cloud", { exact: true }).waitFor();
    expect(await band.locator("img").getAttribute("src")).toBe(logo);
    const colors = await page.evaluate<{ background: string; text: string; primary: string }>(`(() => {
      const band = getComputedStyle(document.querySelector(".portal-brand"));
      const main = getComputedStyle(document.querySelector("main"));
      return { background: band.backgroundColor, text: band.color, primary: main.getPropertyValue("--primary").trim() };
    })()`);
    expect(colors).toEqual({
      background: "rgb(11, 61, 145)",
      text: "rgb(255, 255, 255)",
      primary: "#0969da",
    });

    const plan = page.getByRole("region", { name: "Plan", exact: true });
    await plan.getByText("Starter", { exact: true }).waitFor();
    await plan.getByRole("button", { name: "Switch to Growth" }).click();
    const dialog = page.getByRole("dialog", { name: "Switch to Growth?" });
    await dialog.getByText("The rest of this billing period is prorated").waitFor();
    await harness.screenshot(page, "portal-plan-change");
    await dialog.getByRole("button", { name: "Switch to Growth" }).click();
    await plan.getByText("You are now on Growth.").waitFor();
    await plan.getByText("Growth", { exact: true }).waitFor();
    await plan.getByRole("button", { name: "Switch to Starter" }).waitFor();
    const changed = (await harness.api("GET", `/v1/subscriptions/${subscriptionId}`)) as {
      current_plan: { plan_code: string };
    };
    expect(changed.current_plan.plan_code).toBe("growth");

    const credits = page.getByRole("region", { name: "Credits", exact: true });
    await credits.getByLabel("Top up Prepaid (USD)").fill("25.00");
    await credits.getByRole("button", { name: "Top up" }).click();
    await credits.getByText("Added 25 credits.").waitFor();
    await credits.getByText("Prepaid: 25 credits ($25.00)").waitFor();
    const invoices = page.getByRole("region", { name: "Invoices", exact: true });
    await invoices.getByText("$25.00").first().waitFor();

    // The statement of account as PDF: the top-up's invoice, in the seller's name.
    const downloading = page.waitForEvent("download");
    await invoices.getByRole("button", { name: "Statement of account (PDF)" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe("statement.pdf");
    const pdf = await readFile(await download.path());
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");

    // Once the seller reviews plan changes, a switch waits for its approval, and says so.
    await harness.api("PATCH", "/v1/catalog/approval-policy", {
      approval_required_for: {
        credit_grants_above: [],
        coupons_above: { percent: null, amounts: [] },
        price_overrides: { discounts_above_percent: null, new_prices: false },
        plan_migrations: false,
        rollouts: false,
        plan_changes: true,
      },
    });
    await plan.getByRole("button", { name: "Switch to Starter" }).click();
    await page
      .getByRole("dialog", { name: "Switch to Starter?" })
      .getByRole("button", { name: "Switch to Starter" })
      .click();
    await plan
      .getByText("Your provider will confirm the switch to Starter: it is made when they approve it.")
      .waitFor();
    await plan.getByText("Awaiting approval", { exact: true }).waitFor();
    expect(await plan.getByRole("button", { name: "Switch to Starter" }).count()).toBe(0);
    await harness.screenshot(page, "portal-plan-awaiting-approval");
    const waiting = (await harness.api("GET", `/v1/subscriptions/${subscriptionId}`)) as {
      current_plan: { plan_code: string };
    };
    expect(waiting.current_plan.plan_code).toBe("growth");

    await plan.getByRole("button", { name: "Cancel subscription" }).click();
    const cancel = page.getByRole("dialog", { name: "Cancel your subscription?" });
    await cancel.getByRole("button", { name: /^Yes, end it on / }).click();
    await plan.getByText(/^Your subscription ends on /).waitFor();
    await plan.getByText(/^Ends on /).waitFor();
    expect(await plan.getByRole("button", { name: "Cancel subscription" }).count()).toBe(0);

    await settled(page);
    await harness.screenshot(page, "portal-self-serve");
    expect(await accessibilityViolations(page)).toEqual([]);
    const width = await page.evaluate<number>("document.documentElement.scrollWidth");
    expect(width).toBeLessThanOrEqual(phone.width);
    expect(harness.consoleErrors).toEqual([]);
  });
});
