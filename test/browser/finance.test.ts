// Finance in a real Chromium, on the test clock. A customer on a plan with a
// monthly fee and a per-call price sends usage in January; two calls arrive
// for a customer nobody created. The clock moves past the month's end, so the
// February 1 invoice bills January's calls. The finance user opens January's
// reconciliation and finds the unknown customer's calls priced as leakage,
// tries to close the month (refused: the checklist is open), closes it with a
// reason, and reads MRR on the KPIs page. A referral partner earns a fee for
// the customer's activation: billing operations approve the statement the
// admin computed (four-eyes) and issue a statement link, through which the
// partner reads it; then billing operations upload the partner's external
// sales on its page and read why the unmatched ones are. Finally billing
// operations make a parent that consolidates its children and a child of it
// in the customer form, and read the parent's invoice with a heading per
// child. Screenshots at laptop and phone width go to
// test-results/screenshots/.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessibilityViolations } from "./accessibility.ts";
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
const january = `${year}-01`;

let harness: ConsoleHarness;
let financeKey: string;
let finance: Page;

beforeAll(async () => {
  harness = await startConsoleHarness();
  await harness.api("POST", "/v1/test-clock", { frozen_at: `${year}-01-01T00:00:00Z` });
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
        { id: "calls", type: "usage", meter: "api_calls", model: "per_unit", unit_price: "1.50" },
      ],
    },
  })) as { id: string };
  await harness.api("POST", `/v1/plans/${plan.id}/versions/1/publish`, {});
  const customer = (await harness.api("POST", "/v1/customers", {
    external_id: "finance-acme",
    name: "Finance Acme",
    email: "billing@finance-acme.example",
    currency: "USD",
    timezone: "UTC",
    billing_address: { line1: "1 Main Street", city: "Springfield", postal_code: "12345", country: "US" },
  })) as { id: string };
  await harness.api("POST", "/v1/subscriptions", {
    customer_id: customer.id,
    plan_id: plan.id,
    billing: "calendar",
  });
  // Usage arrives as it happens: the clock reaches mid-January before the events do.
  await harness.api("POST", "/v1/test-clock/advance", { to: `${year}-01-20T00:00:00Z` });
  const known = [10, 11, 12].map((day) => ({
    id: `finance-call-${day}`,
    customer: "finance-acme",
    name: "api_call",
    timestamp: `${year}-01-${day}T12:00:00Z`,
  }));
  const unknown = [13, 14].map((day) => ({
    id: `ghost-call-${day}`,
    customer: "ghost-customer",
    name: "api_call",
    timestamp: `${year}-01-${day}T12:00:00Z`,
  }));
  const batch = (await harness.api("POST", "/v1/events/batch", { events: [...known, ...unknown] })) as {
    accepted: number;
  };
  expect(batch.accepted).toBe(5);
  // Past January's end and the grace period: the February 1 invoice is final.
  await harness.api("POST", "/v1/test-clock/advance", { to: `${year}-02-03T00:00:00Z` });
  financeKey = (await harness.newKey("finance", "Finance user")).secret;
  finance = await harness.newPage(laptop);
  await signIn(finance, harness.baseUrl, financeKey, `/reconciliation?period=${january}`);
});
afterAll(async () => harness?.close());

async function heading(target: Page, name: string | RegExp): Promise<void> {
  await target.getByRole("heading", { level: 1, name }).waitFor();
}

describe("finance pages", () => {
  it("reconciles January and names the unknown customer's calls with their amount", async () => {
    await heading(finance, "Reconciliation");
    await settled(finance);
    expect(await finance.getByLabel("Month", { exact: true }).inputValue()).toBe(january);
    await finance.getByText(/Not clean/).waitFor();

    const differences = finance.getByRole("region", { name: "Usage differences table" });
    const ghost = differences.getByRole("row", { name: /ghost-customer/ });
    const ghostText = await ghost.textContent();
    expect(ghostText).toContain("Unknown customer");
    expect(ghostText).toContain("api_calls");
    // Two calls at the plan's list price of $1.50.
    expect(ghostText).toContain("$3.00");

    const usage = finance.getByRole("region", { name: "Usage by meter and customer table" });
    const acme = usage.getByRole("row", { name: /finance-acme/ });
    expect(await acme.getByRole("cell").nth(4).textContent()).toBe("3");

    const summary = finance.getByRole("region", { name: "Revenue leakage" });
    // 2 leaking events of 5: 400 per 1,000.
    expect(await summary.textContent()).toMatch(/400(\.0+)? leaking events/);
    await finance.getByRole("region", { name: "Receivable totals table" }).waitFor();
    await harness.screenshot(finance, "reconciliation");
  });

  it("refuses to lock the month while its checklist is open, then locks it with a reason", async () => {
    const close = finance.getByRole("region", { name: `Month-end close of ${await monthName()}` });
    await close.getByRole("list", { name: "Close checklist" }).waitFor();
    expect(await close.getByText("Open", { exact: true }).count()).toBeGreaterThan(0);
    await close.getByRole("button", { name: "Lock period" }).click();
    await close
      .getByRole("alert")
      .getByText(/cannot be closed yet/)
      .waitFor();

    await close.getByLabel("Lock although checklist items are open").check();
    await close.getByLabel(/^Reason/).fill("Unknown customer's calls are being chased with sales.");
    await close.getByRole("button", { name: "Lock period" }).click();
    await close.getByText(/is closed\./).waitFor();
    await close.getByText(/Unknown customer's calls are being chased/).waitFor();
    await close.getByText("Closed", { exact: true }).waitFor();
  });

  it("shows the reconciliation on a phone", async () => {
    const phonePage = await harness.newPage(phone);
    await signIn(phonePage, harness.baseUrl, financeKey, `/reconciliation?period=${january}`);
    await heading(phonePage, "Reconciliation");
    await settled(phonePage);
    await phonePage
      .getByRole("region", { name: "Usage differences table" })
      .getByText("ghost-customer")
      .waitFor();
    await harness.screenshot(phonePage, "reconciliation");
    await phonePage.goto(`${harness.baseUrl}/kpis`);
    await heading(phonePage, "KPIs");
    await settled(phonePage);
    await phonePage.getByRole("region", { name: "MRR movements table" }).waitFor();
    await harness.screenshot(phonePage, "kpis");
  });

  it("shows MRR, its movements and the forecast on the KPIs page", async () => {
    await finance.getByRole("navigation").getByRole("link", { name: "KPIs" }).click();
    await heading(finance, "KPIs");
    await settled(finance);
    // The clock reads February 3, so the range ends in January, the last whole month.
    const summary = finance.getByRole("region", { name: new RegExp(`to ${await monthName()}`) });
    // MRR is the committed $20.00 fee; the 3 calls × $1.50 are usage MRR, averaged over three months: $1.50.
    const mrr = summary.getByRole("definition").first();
    expect(await mrr.textContent()).toBe("$20.00");
    expect(await summary.getByRole("definition").nth(1).textContent()).toBe("$1.50");
    expect(await summary.getByRole("definition").nth(2).textContent()).toBe("$240.00");

    const movements = finance.getByRole("region", { name: "MRR movements table" });
    const januaryRow = movements.getByRole("row", { name: new RegExp(`Jan ${year}`) });
    const cells = await januaryRow.getByRole("cell").allTextContents();
    // Starting, new, expansion, contraction, churn, reactivation, MRR, ARR, usage MRR, customers.
    expect(cells).toEqual([
      "$0.00",
      "$20.00",
      "$0.00",
      "$0.00",
      "$0.00",
      "$0.00",
      "$20.00",
      "$240.00",
      "$1.50",
      "1",
    ]);
    await finance.getByRole("img", { name: /MRR and its movements in USD/ }).waitFor();

    const forecast = finance.getByRole("region", { name: "Forecast per customer table" });
    await forecast.getByRole("row").nth(1).waitFor();
    await harness.screenshot(finance, "kpis");
    expect(harness.consoleErrors).toEqual([]);
  });
});

describe("partner settlements", () => {
  it("lets billing operations approve a statement, and the partner open it through its link", async () => {
    const partner = (await harness.api("POST", "/v1/partners", {
      code: "contoso",
      name: "Contoso Referrals",
      kind: "referral",
      currency: "USD",
    })) as { id: string };
    await harness.api("POST", `/v1/partners/${partner.id}/agreements`, {
      effective_from: `${year}-01-01T00:00:00Z`,
      basis: "accrual",
      activation_fee: "25.00",
    });
    const customers = (await harness.api("GET", "/v1/customers?limit=10")) as { data: { id: string }[] };
    const customerId = customers.data[0]?.id as string;
    await harness.api("POST", `/v1/partners/${partner.id}/attributions`, {
      customer_id: customerId,
      attributed_from: `${year}-01-01T00:00:00Z`,
    });
    const invoices = (await harness.api("GET", `/v1/invoices?customer_id=${customerId}&limit=10`)) as {
      data: { number: string; issued_at: string }[];
    };
    const first = [...invoices.data].sort((a, b) => a.issued_at.localeCompare(b.issued_at))[0];
    const period = first?.issued_at.slice(0, 7) as string;
    // The admin computes the statement; another person must approve it.
    await harness.api("POST", "/v1/partner-settlements", { partner_id: partner.id, period });

    const operations = await harness.newPage(laptop);
    await signIn(
      operations,
      harness.baseUrl,
      (await harness.newKey("billing_ops", "Partner desk")).secret,
      "/",
    );
    await operations.getByRole("navigation").getByRole("link", { name: "Partners" }).click();
    await heading(operations, "Partners");
    await operations.getByRole("link", { name: "Contoso Referrals" }).click();
    await heading(operations, "Contoso Referrals");
    const statement = operations.getByRole("region", { name: `Statement ${period}` });
    await statement.getByRole("cell", { name: `Invoice ${first?.number}`, exact: true }).waitFor();
    await statement
      .getByRole("button", { name: `Approve the Contoso Referrals ${period} statement` })
      .click();
    const dialog = operations.getByRole("dialog", {
      name: `Approve the Contoso Referrals ${period} statement?`,
    });
    await dialog.getByRole("button", { name: "Approve" }).click();
    await operations.getByText(`The Contoso Referrals ${period} statement was approved.`).waitFor();
    await statement.getByText("Approved, to be paid").waitFor();
    await operations.getByRole("button", { name: "Issue a statement link" }).click();
    const url = await operations
      .getByRole("textbox", { name: "Statement link for Contoso Referrals" })
      .inputValue();
    await harness.screenshot(operations, "partner");

    const partnerPage = await harness.newPage(laptop);
    await partnerPage.goto(url);
    await heading(partnerPage, "Statements for Contoso Referrals");
    const shown = partnerPage.getByRole("region", { name: `Statement ${period}` });
    await shown.getByText(`invoice ${first?.number}`, { exact: true }).waitFor();
    await shown.getByText("Total $25.00.").waitFor();
    await settled(partnerPage);
    expect(await accessibilityViolations(partnerPage)).toEqual([]);
    await harness.screenshot(partnerPage, "partner-statements");
    expect(harness.consoleErrors).toEqual([]);
  });
});

describe("partner external sales", () => {
  it("uploads a partner's sales and lists the unmatched ones with their reasons", async () => {
    const partners = (await harness.api("GET", "/v1/partners?limit=10")) as {
      data: { id: string; code: string }[];
    };
    const contoso = partners.data.find((partner) => partner.code === "contoso") as { id: string };
    await harness.api("POST", `/v1/partners/${contoso.id}/item-mappings`, {
      external_item: "MP-METERED",
      item: { kind: "plan", code: "metered" },
    });
    const operations = await harness.newPage(laptop);
    await signIn(
      operations,
      harness.baseUrl,
      (await harness.newKey("billing_ops", "Sales desk")).secret,
      `/partners/${contoso.id}`,
    );
    await heading(operations, "Contoso Referrals");
    await operations.getByRole("tab", { name: "External sales" }).click();
    const csv = [
      "external_id,date,customer_reference,item,quantity,amount,currency",
      `mp-1,${january}-15,finance-acme,MP-GIFT,1,10.00,USD`,
      `mp-2,${january}-16,nobody-here,MP-METERED,1,20.00,USD`,
    ].join("\n");
    await operations.getByLabel("CSV file of the partner's sales").setInputFiles({
      name: "marketplace.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(csv),
    });
    await operations.getByRole("button", { name: "Upload" }).click();
    await operations.getByText("2 sales recorded, 0 recorded before.").waitFor();
    const unmatched = operations.getByRole("region", { name: "Unmatched sales" });
    await unmatched.getByText('The partner\'s item "MP-GIFT" maps to no plan, charge or product').waitFor();
    await unmatched.getByText('No customer has the reference "nobody-here"').waitFor();
    // Mapped, the gift card's sale finds no statement line: the referral partner earns no share of it.
    const mappings = operations.getByRole("region", { name: "Item mappings" });
    await mappings.getByLabel("Partner's item code").fill("MP-GIFT");
    await mappings.getByLabel("Invoiced as").selectOption("plan");
    await mappings.getByLabel("Code in Fairbill").fill("metered");
    await mappings.getByRole("button", { name: "Map the item" }).click();
    await mappings.getByRole("rowheader", { name: "MP-GIFT", exact: true }).waitFor();
    await unmatched.getByText(/^No settlement line covers plan metered of cus_/).waitFor();
    await settled(operations);
    expect(await accessibilityViolations(operations)).toEqual([]);
    await harness.screenshot(operations, "partner-external-sales");
    expect(harness.consoleErrors).toEqual([]);
  });
});

describe("account hierarchies", () => {
  it("sets a parent and consolidated billing in the customer form, and heads each child on the parent's invoice", async () => {
    const operations = await harness.newPage(laptop);
    await signIn(
      operations,
      harness.baseUrl,
      (await harness.newKey("billing_ops", "Hierarchy desk")).secret,
      "/customers/new",
    );
    await heading(operations, "New customer");
    await operations.getByLabel("External id").fill("holding");
    await operations.getByLabel("Name", { exact: true }).fill("Holding");
    await operations.getByLabel("Children's invoices").selectOption("consolidated");
    await operations.getByRole("button", { name: "Create customer" }).click();
    await heading(operations, "Holding");
    const parentId = decodeURIComponent(new URL(operations.url()).pathname.split("/").at(-1) as string);
    for (const name of ["North", "South"]) {
      await operations.goto(`${harness.baseUrl}/customers/new`);
      await heading(operations, "New customer");
      await operations.getByLabel("External id").fill(name.toLowerCase());
      await operations.getByLabel("Name", { exact: true }).fill(name);
      await operations.getByLabel("Parent customer").selectOption(parentId);
      await operations.getByRole("button", { name: "Create customer" }).click();
      await heading(operations, name);
    }
    const plans = (await harness.api("GET", "/v1/plans?limit=10")) as {
      data: { id: string; code: string }[];
    };
    const metered = plans.data.find((plan) => plan.code === "metered") as { id: string };
    const customers = (await harness.api("GET", "/v1/customers?limit=20")) as {
      data: { id: string; external_id: string; parent_customer_id: string | null }[];
    };
    const children = customers.data.filter((customer) => customer.parent_customer_id === parentId);
    expect(children.map((child) => child.external_id).sort()).toEqual(["north", "south"]);
    for (const child of children)
      await harness.api("POST", "/v1/subscriptions", {
        customer_id: child.id,
        plan_id: metered.id,
        billing: "calendar",
      });
    await harness.api("POST", "/v1/test-clock/advance", { to: `${year}-02-03T01:00:00Z` });
    const invoices = (await harness.api("GET", `/v1/invoices?customer_id=${parentId}&limit=10`)) as {
      data: { id: string }[];
    };
    expect(invoices.data).toHaveLength(1);
    await operations.goto(`${harness.baseUrl}/invoices/${invoices.data[0]?.id}`);
    const lines = operations.getByRole("region", { name: "Invoice lines" });
    for (const name of ["North", "South"])
      await lines.locator("tr.group-heading", { hasText: `${name} subtotal` }).waitFor();
    await settled(operations);
    expect(await accessibilityViolations(operations)).toEqual([]);
    await harness.screenshot(operations, "consolidated-invoice");
    expect(harness.consoleErrors).toEqual([]);
  });
});

async function monthName(): Promise<string> {
  return finance.evaluate((period) => {
    const [year, month] = period.split("-").map(Number) as [number, number];
    return new Intl.DateTimeFormat(undefined, { month: "long", year: "numeric", timeZone: "UTC" }).format(
      new Date(Date.UTC(year, month - 1, 1)),
    );
  }, january);
}
