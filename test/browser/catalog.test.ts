// The catalog in a real Chromium. A billing operator (a billing_ops key)
// creates a meter and a plan with graduated tiers in the form editor, sees the
// API's error for tiers out of order next to the tier table, fixes it and
// submits version 1 for approval; a second user (an admin key, which may
// approve) approves it from the approval queue; the operator opens version 2,
// changes a tier price, reads the change on the diff page and schedules its
// publish. Another plan uses every charge model, a price book and
// entitlements, and the version the API stored is checked field by field.
// Screenshots of each page go to test-results/screenshots/.
import type { Locator, Page } from "playwright-core";
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
let approver: Page;
let operatorKeyId: string;

beforeAll(async () => {
  harness = await startConsoleHarness();
  const operatorKey = await harness.newKey("billing_ops", "Pricing operator");
  operatorKeyId = operatorKey.id;
  operator = await harness.newPage(laptop);
  await signIn(operator, harness.baseUrl, operatorKey.secret, "/meters");
  approver = await harness.newPage(laptop);
  await signIn(approver, harness.baseUrl, harness.adminKey, "/approvals");
});
afterAll(async () => harness?.close());

async function heading(target: Page, name: string | RegExp): Promise<void> {
  await target.getByRole("heading", { level: 1, name }).waitFor();
}

function charge(target: Page, name: string | RegExp): Locator {
  return target.getByRole("group", { name });
}

/** A datetime-local value (the browser runs in UTC) some days ahead, on the hour. */
function daysAhead(days: number): string {
  const date = new Date(Date.now() + days * 86_400_000);
  return `${date.toISOString().slice(0, 10)}T09:00`;
}

type StoredVersion = { status: string; charges: unknown[]; [field: string]: unknown };

describe("the catalog in the console", () => {
  it("creates a meter through the form", async () => {
    await heading(operator, "Meters");
    await operator.getByRole("link", { name: "New meter" }).click();
    await heading(operator, "New meter");
    await operator.getByLabel("Code").fill("api_calls");
    await operator.getByLabel("Name (required)", { exact: true }).fill("API calls");
    await operator.getByLabel("Event name").fill("api_call");
    // A sum needs a property: the console says so before asking the API.
    await operator.getByLabel("Aggregation").selectOption("sum");
    await operator.getByRole("button", { name: "Create meter" }).click();
    await operator.getByText("is required for a sum meter").waitFor();
    await harness.screenshot(operator, "meter-new");
    await operator.getByLabel("Aggregation").selectOption("count");
    await operator.getByRole("button", { name: "Create meter" }).click();
    await heading(operator, "Meters");
    await operator
      .getByRole("region", { name: "Meters table" })
      .getByRole("row", { name: /API calls/ })
      .waitFor();
  });

  it("adds a product and a feature", async () => {
    await operator.getByRole("navigation").getByRole("link", { name: "Products" }).click();
    await heading(operator, "Products");
    await operator.getByLabel("Code").fill("api");
    await operator.getByLabel("Name (required)", { exact: true }).fill("API platform");
    await operator.getByRole("button", { name: "Add product" }).click();
    await operator.getByRole("region", { name: "Products table" }).getByText("API platform").waitFor();
    // The form starts over, without errors on its emptied fields.
    expect(await operator.getByLabel("Code").inputValue()).toBe("");
    expect(await operator.getByLabel("Code").getAttribute("aria-invalid")).toBeNull();
    await harness.screenshot(operator, "products");

    await operator.getByRole("navigation").getByRole("link", { name: "Features" }).click();
    await heading(operator, "Features");
    await operator.getByLabel("Code").fill("sso");
    await operator.getByLabel("Name (required)", { exact: true }).fill("Single sign-on");
    await operator.getByRole("button", { name: "Add feature" }).click();
    await operator.getByRole("region", { name: "Features table" }).getByText("Single sign-on").waitFor();
    // A code taken is the API's refusal, shown on the code field.
    await operator.getByLabel("Code").fill("sso");
    await operator.getByLabel("Name (required)", { exact: true }).fill("Again");
    await operator.getByRole("button", { name: "Add feature" }).click();
    await operator.getByRole("alert").filter({ hasText: "The feature was not added" }).waitFor();
    await harness.screenshot(operator, "features");
  });

  it("builds a plan with graduated tiers and shows the API's error for tiers out of order", async () => {
    await operator.getByRole("navigation").getByRole("link", { name: "Plans" }).click();
    await heading(operator, "Plans");
    await operator.getByText("No plans yet.").waitFor();
    await operator.getByRole("link", { name: "New plan" }).click();
    await heading(operator, "New plan");
    await operator.getByLabel("Plan code").fill("growth");
    await operator.getByLabel("Plan name").fill("Growth");

    await operator.getByRole("button", { name: "Add a fixed fee" }).click();
    const base = charge(operator, /^Charge 1/);
    await base.getByLabel("Charge id").fill("base");
    await base.getByLabel("Amount").fill("49.00");
    await base.getByLabel("Product").selectOption("api");

    await operator.getByRole("button", { name: "Add a usage charge" }).click();
    await charge(operator, /^Charge 2/)
      .getByLabel("Charge id")
      .fill("api_calls");
    const calls = charge(operator, "Charge 2: api_calls");
    await calls.getByLabel("Meter").selectOption("api_calls");
    await calls.getByLabel("Pricing model").selectOption("graduated");
    // New tiers go before the last, unbounded one.
    await calls.getByRole("button", { name: "Add a tier" }).click();
    await calls.getByRole("button", { name: "Add a tier" }).click();
    await calls.getByLabel("Tier 1 up to").fill("1000");
    await calls.getByLabel("Tier 1 unit price").fill("0");
    await calls.getByLabel("Tier 2 up to").fill("500");
    await calls.getByLabel("Tier 2 unit price").fill("0.002");
    expect(await calls.getByLabel("Tier 3 up to").getAttribute("placeholder")).toBe("and above");

    // The console's own check first: a tier without a price.
    await operator.getByRole("button", { name: "Create plan" }).click();
    const summary = operator.getByRole("alert").filter({ hasText: "The plan was not created" });
    await summary.getByText("Correct the marked field.").waitFor();
    const missingPrice = calls.getByLabel("Tier 3 unit price");
    expect(await missingPrice.getAttribute("aria-invalid")).toBe("true");
    // The focus goes to the marked field.
    expect(await operator.evaluate<string>("document.activeElement?.getAttribute('aria-label')")).toBe(
      "Tier 3 unit price",
    );
    await missingPrice.fill("0.0015");
    expect(await missingPrice.getAttribute("aria-invalid")).toBeNull();

    // Then the API's check of the tier order, shown under the tier table.
    await operator.getByRole("button", { name: "Create plan" }).click();
    await calls.getByText(/tiers are out of order: "up_to" must increase strictly/).waitFor();
    expect(
      await calls.getByRole("table", { name: /Tiers of api_calls/ }).getAttribute("aria-describedby"),
    ).toBeTruthy();
    await summary.getByText("Correct the marked field.").waitFor();
    await harness.screenshot(operator, "plan-form-errors");

    await calls.getByLabel("Tier 2 up to").fill("10000");
    await operator.getByLabel("Reason for the change").fill("Launch pricing");
    await operator.getByRole("button", { name: "Create plan" }).click();
    await heading(operator, "Growth, version 1");
    await operator.getByRole("main").getByText("Draft", { exact: true }).first().waitFor();
    const charges = operator.getByRole("region", { name: "Charges table" });
    expect(await charges.getByRole("row", { name: /base/ }).textContent()).toContain(
      "$49.00 per period, billed in advance, prorated",
    );
    expect(await charges.getByText("over 1,000 up to 10,000 units: $0.002 per unit").count()).toBe(1);
    await harness.screenshot(operator, "plan-version-draft");
  });

  it("submits version 1 for approval; the operator's key cannot approve it", async () => {
    await operator.getByRole("button", { name: "Submit for approval" }).click();
    const dialog = operator.getByRole("dialog", { name: "Submit version 1 for approval?" });
    await dialog.getByLabel("Comment (optional)").fill("Ready for review: launch pricing.");
    await dialog.getByRole("button", { name: "Submit for approval" }).click();
    await operator.getByText("Version 1 was submitted for approval.").waitFor();
    // The outcome takes the focus, since the button that was pressed is gone.
    expect(await operator.evaluate<string>("document.activeElement?.textContent")).toBe(
      "Version 1 was submitted for approval.",
    );
    await operator.getByText(/This console's key submitted this version/).waitFor();
    expect(await operator.getByRole("button", { name: "Approve" }).count()).toBe(0);
    const review = operator.getByRole("region", { name: "Review" });
    await review.getByText("Ready for review: launch pricing.").waitFor();
    await harness.screenshot(operator, "plan-version-pending");
  });

  it("lets a second user approve it from the approval queue", async () => {
    // The approver's page was opened before the plan existed: it is read anew.
    await approver.reload();
    await heading(approver, "Approvals");
    const queue = approver.getByRole("region", { name: "Approval queue table" });
    const row = queue.getByRole("row", { name: /Growth version 1/ });
    await row.getByText(/by/).waitFor();
    // The submitter is named: the key's service account, "Pricing operator".
    expect(await row.textContent()).toContain("Pricing operator");
    expect(await row.textContent()).toContain("When approved");
    await harness.screenshot(approver, "approvals");

    await row.getByRole("button", { name: "Approve Growth version 1" }).click();
    const dialog = approver.getByRole("dialog", { name: "Approve version 1?" });
    await dialog.getByLabel("Comment (optional)").fill("Prices match the pricing memo.");
    await dialog.getByRole("button", { name: "Approve and publish" }).click();
    await approver.getByText("Growth version 1 was approved and is in effect.").waitFor();
    await approver.getByText("Nothing waits for review.").waitFor();

    const stored = (await harness.api("GET", await versionPath("growth", 1))) as StoredVersion;
    expect(stored.status).toBe("active");
    expect(stored.submitted_by).toBe(operatorKeyId);
    expect(stored.approved_by).not.toBe(operatorKeyId);
  });

  it("opens version 2, changes a tier price, and shows the change on the diff page", async () => {
    await operator.reload();
    await heading(operator, "Growth, version 1");
    await operator.getByRole("main").getByText("Active", { exact: true }).first().waitFor();
    const review = operator.getByRole("region", { name: "Review" });
    await review.getByText("Prices match the pricing memo.").waitFor();

    await operator.getByRole("link", { name: "Growth" }).first().click();
    await heading(operator, "Growth");
    await operator.getByRole("button", { name: "New draft version" }).click();
    await heading(operator, "Edit version 2");
    const calls = charge(operator, "Charge 2: api_calls");
    expect(await calls.getByLabel("Tier 2 unit price").inputValue()).toBe("0.002");
    await calls.getByLabel("Tier 2 unit price").fill("0.0018");
    await operator.getByRole("button", { name: "Save draft" }).click();
    await heading(operator, "Growth, version 2");

    await operator.getByRole("link", { name: "Compare with version 1" }).click();
    await heading(operator, "Compare versions of Growth");
    const changes = operator.getByRole("region", { name: "Changes table" });
    await changes.getByText("charge api_calls graduated tier 2 unit price 0.002 → 0.0018").waitFor();
    expect(await changes.getByRole("row").count()).toBe(2);
    expect(await changes.getByText("$.charges[1].tiers[1].unit_price").count()).toBe(1);
    await harness.screenshot(operator, "plan-diff");
  });

  it("schedules the publish of version 2 for a later date", async () => {
    await operator.getByRole("link", { name: "version 2" }).click();
    await heading(operator, "Growth, version 2");
    await operator.getByRole("button", { name: "Publish" }).click();
    const dialog = operator.getByRole("dialog", { name: "Publish version 2?" });
    // A date in the past is refused by the API, next to the date field.
    await dialog.getByLabel("Effective from").fill("2020-01-01T09:00");
    await dialog.getByRole("button", { name: "Schedule publish" }).click();
    await dialog.getByText(/is in the past/).waitFor();
    await dialog.getByLabel("Effective from").fill(daysAhead(30));
    await dialog.getByRole("button", { name: "Schedule publish" }).click();
    await operator.getByText(/Version 2 is published and takes effect/).waitFor();
    await operator.getByRole("main").getByText("Scheduled", { exact: true }).first().waitFor();

    await operator.getByRole("link", { name: "Growth" }).first().click();
    await heading(operator, "Growth");
    const versions = operator.getByRole("region", { name: "Versions table" });
    expect(await versions.getByRole("row", { name: /Version 2/ }).textContent()).toContain("Scheduled");
    expect(await versions.getByRole("row", { name: /Version 1/ }).textContent()).toContain("Active");
    await harness.screenshot(operator, "plan-detail");

    await approver.reload();
    await heading(approver, "Approvals");
    await approver
      .getByRole("region", { name: "Scheduled to take effect" })
      .getByText("Growth version 2")
      .waitFor();
  });

  it("edits every charge model, a price book and entitlements in the form", async () => {
    await harness.api("POST", "/v1/meters", {
      code: "payment_volume",
      name: "Payment volume",
      event_name: "payment",
      aggregation: "sum",
      property: "amount",
    });
    await harness.api("POST", "/v1/features", {
      code: "seats",
      name: "Seats",
      kind: "metered",
      meter: "api_calls",
    });
    await harness.api("POST", "/v1/features", { code: "tier", name: "Support tier", kind: "static" });

    await operator.goto(`${harness.baseUrl}/plans/new`);
    await heading(operator, "New plan");
    await operator.getByLabel("Plan code").fill("everything");
    await operator.getByLabel("Plan name").fill("Everything");
    await operator.getByLabel("Currency").fill("EUR");
    await operator.getByLabel("Billing interval").selectOption("month");
    await operator.getByLabel("Intervals per period").fill("3");
    await operator.getByLabel("Trial days").fill("14");
    await operator.getByLabel("Minimum commitment").fill("100.00");

    await operator.getByRole("button", { name: "Add a fixed fee" }).click();
    const platform = charge(operator, /^Charge 1/);
    await platform.getByLabel("Charge id").fill("platform");
    await platform.getByLabel("Amount").fill("30");
    await platform.getByLabel("Billed").selectOption("in_arrears");
    await platform.getByLabel("Prorate partial periods").uncheck();

    const usage = async (index: number, id: string, meter: string, model: string) => {
      await operator.getByRole("button", { name: "Add a usage charge" }).click();
      await charge(operator, new RegExp(`^Charge ${index}`))
        .getByLabel("Charge id")
        .fill(id);
      const group = charge(operator, `Charge ${index}: ${id}`);
      await group.getByLabel("Meter").selectOption(meter);
      await group.getByLabel("Pricing model").selectOption(model);
      return group;
    };
    const perUnit = await usage(2, "calls", "api_calls", "per_unit");
    await perUnit.getByLabel("Unit price").fill("0.01");
    await perUnit.getByLabel("Free units").fill("100");
    const pack = await usage(3, "bundles", "api_calls", "package");
    await pack.getByLabel("Package size").fill("1000");
    await pack.getByLabel("Package price").fill("5");
    const volume = await usage(4, "volume_calls", "api_calls", "volume");
    await volume.getByRole("button", { name: "Add a tier" }).click();
    await volume.getByLabel("Tier 1 up to").fill("100");
    await volume.getByLabel("Tier 1 unit price").fill("1");
    await volume.getByLabel("Tier 2 unit price").fill("0.5");
    await volume.getByLabel("Tier 2 flat fee").fill("2");
    // Removing a row and adding it back leaves the same table.
    await volume.getByRole("button", { name: "Add a tier" }).click();
    await volume.getByRole("button", { name: "Remove tier 2" }).click();
    expect(await volume.getByRole("row").count()).toBe(3);
    const percentage = await usage(5, "payments", "payment_volume", "percentage");
    await percentage.getByLabel("Rate (percent)").fill("2.9");
    await percentage.getByLabel("Fixed fee per event").fill("0.30");
    await percentage.getByLabel("Minimum per event").fill("0.5");
    await percentage.getByLabel("Maximum per event").fill("10");

    await operator.getByRole("button", { name: "Add a price book" }).click();
    const book = operator.getByRole("group", { name: /^Price book 1/ });
    await book.getByLabel("Currency (required)", { exact: true }).fill("USD");
    await book.getByLabel("Minimum commitment").fill("110.00");
    await book.getByLabel("platform in USD: amount").fill("33");
    await book.getByLabel("calls in USD: unit price").fill("0.011");
    await book.getByLabel("bundles in USD: package price").fill("5.5");
    // The tier bounds are copied from the charge; only prices are left to fill in.
    expect(await book.getByLabel("Tier 1 up to").inputValue()).toBe("100");
    await book.getByLabel("Tier 1 unit price").fill("1.1");
    await book.getByLabel("Tier 2 unit price").fill("0.55");
    await book.getByLabel("payments in USD: rate").fill("3.0");
    await book.getByLabel("payments in USD: fixed fee per event").fill("0.33");
    await book.getByLabel("payments in USD: minimum per event").fill("0.55");
    await book.getByLabel("payments in USD: maximum per event").fill("11");

    for (let index = 1; index <= 3; index += 1) {
      await operator.getByRole("button", { name: "Add an entitlement" }).click();
    }
    await operator.getByLabel("Entitlement 1 feature").selectOption("sso");
    await operator.getByLabel("Entitlement 2 feature").selectOption("seats");
    await operator.getByLabel("Entitlement 2 limit per period").fill("10");
    await operator.getByLabel("Entitlement 3 feature").selectOption("tier");
    await operator.getByLabel("Entitlement 3 value").fill("gold");
    await harness.screenshot(operator, "plan-form-every-model");

    await operator.getByRole("button", { name: "Create plan" }).click();
    await heading(operator, "Everything, version 1");
    await operator.getByRole("region", { name: "Prices in USD table" }).waitFor();
    await harness.screenshot(operator, "plan-version-every-model");

    const stored = (await harness.api("GET", await versionPath("everything", 1))) as StoredVersion;
    expect(stored).toMatchObject({
      currency: "EUR",
      interval: "month",
      interval_count: 3,
      trial_days: 14,
      minimum_commitment: "100.00",
      charges: [
        { id: "platform", type: "fixed", amount: "30", timing: "in_arrears", prorate: false },
        {
          id: "calls",
          type: "usage",
          meter: "api_calls",
          model: "per_unit",
          unit_price: "0.01",
          free_units: "100",
        },
        {
          id: "bundles",
          type: "usage",
          meter: "api_calls",
          model: "package",
          package_size: "1000",
          package_price: "5",
        },
        {
          id: "volume_calls",
          model: "volume",
          tiers: [
            { up_to: "100", unit_price: "1" },
            { up_to: null, unit_price: "0.5", flat_fee: "2" },
          ],
        },
        {
          id: "payments",
          meter: "payment_volume",
          model: "percentage",
          rate: "2.9",
          fixed_fee: "0.30",
          per_transaction_min: "0.5",
          per_transaction_max: "10",
        },
      ],
      currency_prices: [
        {
          currency: "USD",
          minimum_commitment: "110.00",
          charges: [
            { id: "platform", amount: "33" },
            { id: "calls", unit_price: "0.011" },
            { id: "bundles", package_price: "5.5" },
            {
              id: "volume_calls",
              tiers: [
                { up_to: "100", unit_price: "1.1" },
                { up_to: null, unit_price: "0.55" },
              ],
            },
            {
              id: "payments",
              rate: "3.0",
              fixed_fee: "0.33",
              per_transaction_min: "0.55",
              per_transaction_max: "11",
            },
          ],
        },
      ],
      entitlements: [
        { feature: "sso" },
        { feature: "seats", limit: "10" },
        { feature: "tier", value: "gold" },
      ],
    });
    expect(stored.charges).toHaveLength(5);
  });

  it("grants features to a customer and gives it its own prices", async () => {
    const customer = (await harness.api("POST", "/v1/customers", {
      external_id: "catalog-acme",
      name: "Catalog Acme",
      currency: "USD",
    })) as { id: string };
    const growthPlan = (await harness.api("GET", await versionPath("growth", 1))) as { plan_id: string };
    const subscription = (await harness.api("POST", "/v1/subscriptions", {
      customer_id: customer.id,
      plan_id: growthPlan.plan_id,
    })) as { id: string };
    await operator.goto(`${harness.baseUrl}/customers/${customer.id}`);
    await heading(operator, "Catalog Acme");

    const entitlements = operator.getByRole("region", { name: "Entitlements" });
    await entitlements.getByText(/No features/).waitFor();
    await entitlements.getByLabel("Feature").selectOption("sso");
    await entitlements.getByRole("button", { name: "Grant feature" }).click();
    await entitlements
      .getByRole("row", { name: /Single sign-on/ })
      .getByText("Direct grant")
      .waitFor();
    await entitlements.getByLabel("Feature").selectOption("seats");
    // A metered feature needs a limit: the console asks before the API does.
    await entitlements.getByRole("button", { name: "Grant feature" }).click();
    expect(await entitlements.getByLabel("Limit per period").getAttribute("aria-invalid")).toBe("true");
    await entitlements.getByLabel("Limit per period").fill("5");
    await entitlements.getByRole("button", { name: "Grant feature" }).click();
    await entitlements.getByRole("row", { name: /Seats/ }).getByText("5 per period").waitFor();
    await entitlements.getByRole("button", { name: "Revoke Single sign-on" }).click();
    await operator
      .getByRole("dialog", { name: "Revoke Single sign-on?" })
      .getByRole("button", { name: "Revoke grant" })
      .click();
    await entitlements.getByRole("row", { name: /Single sign-on/ }).waitFor({ state: "detached" });

    const overrides = operator.getByRole("region", { name: "Price overrides" });
    await overrides.getByText(/No price overrides/).waitFor();
    // Choosing the subscription chooses its plan.
    await overrides.getByLabel("Subscription", { exact: true }).selectOption(subscription.id);
    expect(await overrides.getByLabel("Plan", { exact: true }).inputValue()).toBe("growth");
    await overrides.getByLabel("Charge", { exact: true }).selectOption("api_calls");
    // Only the overrides that fit a graduated charge are offered.
    const types = await overrides.getByLabel("Override", { exact: true }).locator("option").allTextContents();
    expect(types).toEqual(["Choose what to override", "Tiers", "Percentage discount"]);
    await overrides.getByLabel("Override", { exact: true }).selectOption("tiers");
    await overrides.getByRole("button", { name: /Add a tier/ }).click();
    await overrides.getByLabel("Tier 1 up to").fill("5000");
    await overrides.getByLabel("Tier 1 unit price").fill("0");
    await overrides.getByLabel("Tier 2 unit price").fill("0.001");
    await overrides.getByRole("button", { name: "Add override" }).click();
    const row = overrides.getByRole("row", { name: /api_calls/ });
    await row
      .getByText("Tiers: up to 5,000 units: $0.00 per unit; over 5,000 units: $0.001 per unit")
      .waitFor();
    expect(await row.textContent()).toContain(subscription.id);

    // A discount beyond 100% is the API's refusal, shown on the percent field.
    await overrides.getByLabel("Subscription", { exact: true }).selectOption(subscription.id);
    await overrides.getByLabel("Charge", { exact: true }).selectOption("base");
    await overrides.getByLabel("Override", { exact: true }).selectOption("percentage_discount");
    await overrides.getByLabel("Percent off").fill("120");
    await overrides.getByRole("button", { name: "Add override" }).click();
    await overrides.getByRole("alert").filter({ hasText: "The override was not added" }).waitFor();
    expect(await overrides.getByLabel("Percent off").getAttribute("aria-invalid")).toBe("true");
    await overrides.getByLabel("Percent off").fill("20");
    await overrides.getByRole("button", { name: "Add override" }).click();
    await overrides.getByRole("row", { name: /base/ }).getByText("20% off").waitFor();
    await harness.screenshot(operator, "customer-catalog");
  });

  it("works at phone width", async () => {
    const phonePage = await harness.newPage(phone);
    await signIn(phonePage, harness.baseUrl, harness.adminKey, "/plans");
    for (const [path, title] of [
      ["/plans", "Plans"],
      ["/approvals", "Approvals"],
      ["/products", "Products"],
      ["/features", "Features"],
      ["/plans/new", "New plan"],
    ] as const) {
      await phonePage.goto(`${harness.baseUrl}${path}`);
      await heading(phonePage, title);
      await settled(phonePage);
      await harness.screenshot(phonePage, path.slice(1).replace("/", "-"));
      const pageWidth = await phonePage.evaluate<number>("document.documentElement.scrollWidth");
      expect(pageWidth, path).toBeLessThanOrEqual(phone.width);
    }
    await phonePage.getByRole("button", { name: "Add a usage charge" }).click();
    await charge(phonePage, /^Charge 1/)
      .getByLabel("Pricing model")
      .selectOption("graduated");
    await harness.screenshot(phonePage, "plan-form-tiers");
    expect(await phonePage.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(
      phone.width,
    );

    const plans = (await harness.api("GET", "/v1/plans")) as { data: { id: string; code: string }[] };
    const growth = plans.data.find((plan) => plan.code === "growth")!;
    for (const [path, name] of [
      [`/plans/${growth.id}`, "plan-detail"],
      [`/plans/${growth.id}/versions/2`, "plan-version"],
      [`/plans/${growth.id}/diff?from=1&to=2`, "plan-diff"],
    ] as const) {
      await phonePage.goto(`${harness.baseUrl}${path}`);
      await phonePage.getByRole("heading", { level: 1, name: /Growth/ }).waitFor();
      await settled(phonePage);
      await harness.screenshot(phonePage, name);
      const pageWidth = await phonePage.evaluate<number>("document.documentElement.scrollWidth");
      expect(pageWidth, path).toBeLessThanOrEqual(phone.width);
    }
  });

  it("shows a customer's entitlements and overrides at phone width", async () => {
    const phonePage = await harness.newPage(phone);
    const customer = (await harness.api("GET", "/v1/customers/lookup?external_id=catalog-acme")) as {
      id: string;
    };
    await signIn(phonePage, harness.baseUrl, harness.adminKey, `/customers/${customer.id}`);
    await heading(phonePage, "Catalog Acme");
    await settled(phonePage);
    await phonePage.getByRole("region", { name: "Price overrides table" }).waitFor();
    await harness.screenshot(phonePage, "customer-catalog");
    expect(await phonePage.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(
      phone.width,
    );
  });

  it("logged no errors on any page", () => {
    expect(harness.consoleErrors).toEqual([]);
  });
});

async function versionPath(code: string, version: number): Promise<string> {
  const plans = (await harness.api("GET", "/v1/plans")) as { data: { id: string; code: string }[] };
  const plan = plans.data.find((candidate) => candidate.code === code);
  if (!plan) throw new Error(`no plan ${code}`);
  return `/v1/plans/${plan.id}/versions/${version}`;
}
