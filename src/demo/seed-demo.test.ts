// The demo data of `npm start` on a fresh database: a living system, read
// back through the API as the console reads it: finalized invoices for three
// months with gapless numbers, upcoming invoices, usage on every meter, an
// approval waiting, the customers' stories; and nothing added a second time.
import { beforeAll, describe, expect, it } from "vitest";
import { readEveryPage } from "../../test/support/paged-lists.ts";
import { testAppForFile } from "../../test/support/test-app.ts";
import { demoCalendar } from "./demo-calendar.ts";
import { type DemoSummary, seedDemoData } from "./seed-demo.ts";

// Mid-March: the story covers December to February, across a year boundary.
const now = new Date("2026-03-18T14:25:00Z");
const calendar = demoCalendar(now);

type Invoice = {
  id: string;
  number: string | null;
  status: string;
  origin: string;
  customer_id: string;
  issued_at: string;
  total: string;
  lines: { kind: string; amount: string }[];
};

const suite = testAppForFile({ clock: { now: () => now }, tenantName: "Demo organization" });
let summary: DemoSummary | null;

function everyInvoice(): Promise<Invoice[]> {
  return readEveryPage(suite.tenant.admin, "/v1/invoices?limit=100");
}

async function customerCount(): Promise<number> {
  const page = await suite.tenant.admin.get("/v1/customers?limit=100");
  return page.body.data.length;
}

beforeAll(async () => {
  summary = await seedDemoData(suite.testApp.handle, suite.tenant.context());
}, 180_000);

describe("the demo data", () => {
  it("loads twelve customers and thousands of usage events up to now", () => {
    expect(summary).not.toBeNull();
    expect(summary?.customers).toBe(12);
    expect(summary?.events).toBeGreaterThan(12 * 1000);
    expect(summary?.to.toISOString()).toBe(now.toISOString());
  });

  it("has finalized invoices for each of the three months, numbered without gaps", async () => {
    const invoices = await everyInvoice();
    const finalized = invoices.filter((invoice) => invoice.number !== null);
    expect(summary?.invoices).toBe(finalized.length);
    const numbers = finalized
      .map((invoice) => Number(/(\d+)$/.exec(invoice.number ?? "")?.[1]))
      .sort((left, right) => left - right);
    expect(numbers).toEqual(numbers.map((_, index) => index + 1));

    // The invoices that close each month are issued on the first of the next (local time, so
    // a day either side in UTC): December's, January's and February's usage.
    const subscriptionInvoices = finalized.filter((invoice) => invoice.origin === "subscription");
    for (const month of [calendar.months[1], calendar.months[2], calendar.currentMonth]) {
      const first = Date.parse(`${month.toString()}-01T00:00:00Z`);
      const closing = subscriptionInvoices.filter(
        (invoice) => Math.abs(Date.parse(invoice.issued_at) - first) <= 86_400_000,
      );
      expect(closing.length, `invoices closing the month before ${month.toString()}`).toBeGreaterThanOrEqual(
        6,
      );
      expect(
        closing.some((invoice) =>
          invoice.lines.some((line) => line.kind === "usage" && Number(line.amount) > 0),
        ),
      ).toBe(true);
    }
    expect(finalized.some((invoice) => invoice.origin === "one_off")).toBe(true);
    expect(invoices.every((invoice) => Date.parse(invoice.issued_at) <= now.getTime())).toBe(true);
  });

  it("has invoices paid by bank transfer, open ones, and a late payer's overdue one", async () => {
    const invoices = (await everyInvoice()) as (Invoice & { due_at: string | null })[];
    const payments = await suite.tenant.admin.get("/v1/payments?limit=100");
    expect(payments.status).toBe(200);
    expect(payments.body.data.length).toBeGreaterThan(20);
    expect(invoices.filter((invoice) => invoice.status === "paid").length).toBeGreaterThan(20);
    const overdue = invoices.filter(
      (invoice) => invoice.status === "open" && Date.parse(invoice.due_at ?? "") < now.getTime(),
    );
    expect(overdue.length).toBeGreaterThanOrEqual(1);
  });

  it("shows an upcoming invoice for every active or trialing subscription", async () => {
    const subscriptions = await suite.tenant.admin.get("/v1/subscriptions");
    expect(subscriptions.status).toBe(200);
    const live = subscriptions.body.data.filter((subscription: { status: string }) =>
      ["active", "trialing"].includes(subscription.status),
    );
    expect(live.length).toBeGreaterThanOrEqual(9);
    for (const subscription of live) {
      const upcoming = await suite.tenant.admin.get(
        `/v1/customers/${subscription.customer_id}/upcoming-invoice?subscription_id=${subscription.id}`,
      );
      expect(upcoming.status, subscription.id).toBe(200);
      expect(Date.parse(upcoming.body.issued_at)).toBeGreaterThan(now.getTime());
      expect(upcoming.body.lines.length).toBeGreaterThan(0);
    }
  });

  it("tells each customer's story: trials, an upgrade, a cancellation, a pause, coupons, credits, a credit note", async () => {
    const subscriptions = (await suite.tenant.admin.get("/v1/subscriptions")).body.data as {
      status: string;
      changes: { type: string }[];
    }[];
    const statuses = subscriptions.map((subscription) => subscription.status);
    expect(statuses.filter((status) => status === "trialing")).toHaveLength(2);
    expect(statuses).toContain("paused");
    expect(statuses).toContain("ended");
    expect(
      subscriptions.some((subscription) =>
        subscription.changes.some((change) => change.type === "change_plan"),
      ),
    ).toBe(true);

    const creditNotes = await suite.tenant.admin.get("/v1/credit-notes");
    expect(creditNotes.body.data).toHaveLength(1);
    const customers = (await suite.tenant.admin.get("/v1/customers?limit=100")).body.data as {
      id: string;
      external_id: string;
      currency: string;
    }[];
    expect(new Set(customers.map((customer) => customer.currency))).toEqual(new Set(["USD", "EUR", "GBP"]));
    const byExternalId = new Map(customers.map((customer) => [customer.external_id, customer.id]));
    const coupons = await suite.tenant.admin.get(`/v1/customers/${byExternalId.get("acme")}/coupons`);
    expect(coupons.body.data.length).toBe(1);
    const credits = await suite.tenant.admin.get(`/v1/customers/${byExternalId.get("globex")}/credit-grants`);
    expect(credits.body.data.length).toBe(1);
    const overrides = await suite.tenant.admin.get(
      `/v1/customers/${byExternalId.get("stark")}/price-overrides`,
    );
    expect(overrides.body.data.map((override: { charge_id: string }) => override.charge_id)).toEqual([
      "payment_fees",
    ]);
    const unattributed = await suite.tenant.admin.get("/v1/events/unattributed");
    expect(unattributed.status).toBe(200);
    expect(JSON.stringify(unattributed.body)).toContain("globex-staging");
  });

  it("has usage on every meter", async () => {
    const meters = (await suite.tenant.admin.get("/v1/meters")).body.data as { code: string }[];
    expect(meters.map((meter) => meter.code).sort()).toEqual([
      "ai_tokens",
      "api_calls",
      "payment_volume",
      "storage_gb",
    ]);
    // Hooli's Enterprise plan prices every meter but storage, which Acme's Growth does.
    for (const meter of meters) {
      const customer = meter.code === "storage_gb" ? "acme" : "hooli";
      const usage = await suite.tenant.admin.get(
        `/v1/usage?customer=${customer}&meter=${meter.code}&from=${calendar.clockStart.toISOString()}&to=${now.toISOString()}&window=month`,
      );
      expect(usage.status).toBe(200);
      const total = usage.body.windows.reduce(
        (sum: number, window: { value: string }) => sum + Number(window.value),
        0,
      );
      expect(total, meter.code).toBeGreaterThan(0);
    }
  });

  it("shows leakage only where the story puts it: Umbrella's AI use on Starter, before it upgrades", async () => {
    const leaks: string[] = [];
    for (const period of ["2025-12", "2026-01", "2026-02"]) {
      const report = await suite.tenant.admin.get(`/v1/reconciliation?period=${period}`);
      expect(report.status).toBe(200);
      for (const difference of report.body.usage.differences as {
        category: string;
        customer_external_id: string;
        meter: string;
      }[]) {
        if (difference.category === "leakage") {
          leaks.push(`${period} ${difference.customer_external_id} ${difference.meter}`);
        }
      }
    }
    expect(leaks).toEqual(["2025-12 umbrella ai_tokens", "2026-01 umbrella ai_tokens"]);
  });

  it("moves MRR only with the story: in February, Soylent's EUR 45.00 churns and nothing contracts", async () => {
    // MRR is committed fees in each customer's month: usage not yet invoiced no longer reads as contraction
    // (it was -271.05 EUR when MRR counted usage and measured Paris and Berlin months in UTC).
    const kpis = await suite.tenant.admin.get("/v1/kpis?from=2026-02&to=2026-02");
    expect(kpis.status).toBe(200);
    const euro = kpis.body.mrr.find((month: { currency: string }) => month.currency === "EUR");
    expect(euro).toMatchObject({
      starting_mrr: "369.00",
      contraction: "0.00",
      churn: "-45.00",
      mrr: "324.00",
    });
    for (const month of kpis.body.mrr) expect(month.contraction, month.currency).toBe("0.00");
  });

  it("leaves a plan version waiting for approval, and the environment on real time", async () => {
    const plans = (await suite.tenant.admin.get("/v1/plans")).body.data as {
      code: string;
      versions: { version: number; status: string }[];
    }[];
    const growth = plans.find((plan) => plan.code === "growth");
    expect(growth?.versions.map((version) => version.status)).toEqual(["active", "pending_approval"]);
    expect(plans.map((plan) => plan.code).sort()).toEqual(["enterprise", "growth", "starter"]);

    const clock = await suite.tenant.admin.get("/v1/test-clock");
    expect(clock.body.frozen_at).toBeNull();
    const keys = (await suite.tenant.admin.get("/v1/api-keys?limit=100")).body.data as {
      name: string;
      revoked_at: string | null;
    }[];
    const demoKeys = keys.filter((key) => key.name.startsWith("Demo"));
    expect(demoKeys).toHaveLength(2);
    expect(demoKeys.every((key) => key.revoked_at !== null)).toBe(true);
  });

  it("adds nothing when it runs again", async () => {
    const invoicesBefore = (await everyInvoice()).length;
    const customersBefore = await customerCount();
    expect(await seedDemoData(suite.testApp.handle, suite.tenant.context())).toBeNull();
    expect((await everyInvoice()).length).toBe(invoicesBefore);
    expect(await customerCount()).toBe(customersBefore);
  });
});
