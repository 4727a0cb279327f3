// Invoicing on the live service: subscription invoices from real usage,
// numbered without gaps, immutable once finalized, corrected by credit notes,
// voided with their account effects given back; one-off invoices; the
// upcoming invoice; the grace period for late events; consolidation.
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import {
  createCustomer,
  createMeter,
  createPlan,
  ingestEvents,
  subscribe,
  subscribeNewCustomer,
} from "../../test/support/builders.ts";
import { meteredCallsVersion } from "../../test/support/pricing-fixtures.ts";
import { expectCreated, expectProblem, expectRefusedAt } from "../../test/support/responses.ts";
import { appForFile, type TestTenant } from "../../test/support/test-app.ts";
import { TestClock } from "../../test/support/test-clock.ts";

const clock = new TestClock("2026-01-01T00:00:00Z");
const suite = appForFile({ clock });

let sequence = 0;
/** A tenant with a meter `calls` and a published plan: 49.00 in advance and graduated calls. */
async function tenantWithPlan(): Promise<{ tenant: TestTenant; planId: string }> {
  sequence += 1;
  const tenant = await suite.testApp.newTenant(`invoicing-${sequence}`);
  await createMeter(tenant.admin, { event_name: "call", effective_from: "2025-12-01T00:00:00Z" });
  const plan = await createPlan(tenant.admin, { code: "pro", name: "Pro", version: meteredCallsVersion() });
  return { tenant, planId: plan.id };
}

function subscribedCustomer(tenant: TestTenant, planId: string, externalId: string, startAt: string) {
  return subscribeNewCustomer(tenant.admin, planId, {
    customer: { external_id: externalId, currency: "USD", timezone: "UTC", name: "Ada Lovelace" },
    subscription: { start_at: startAt, billing: "calendar" },
  });
}

async function sendCalls(tenant: TestTenant, customer: string, timestamps: string[], prefix: string) {
  await ingestEvents(
    tenant.admin,
    timestamps.map((timestamp, index) => ({
      id: `${prefix}-${index}`,
      name: "call",
      timestamp,
      customer,
      properties: {},
    })),
  );
}

async function invoicesOf(tenant: TestTenant, customerId: string) {
  const response = await tenant.admin.get(`/v1/invoices?customer_id=${customerId}&limit=100`);
  expect(response.status).toBe(200);
  return [...response.body.data].sort((left, right) => left.issued_at.localeCompare(right.issued_at));
}

describe("subscription invoices", () => {
  it("bills in advance and usage in arrears, explains every line, and numbers without gaps", async () => {
    clock.set("2026-01-01T00:00:00Z");
    const { tenant, planId } = await tenantWithPlan();
    const { customer } = await subscribedCustomer(tenant, planId, "acme", "2026-01-01T00:00:00Z");
    const first = await tenant.admin.post(`/v1/customers/${customer.id}/bill`);
    expect(first.body).toEqual({ issued: 1, finalized: 1 });

    clock.set("2026-01-20T00:00:00Z");
    await sendCalls(
      tenant,
      "acme",
      ["2026-01-10T00:00:00Z", "2026-01-11T00:00:00Z", "2026-01-12T00:00:00Z", "2026-01-13T00:00:00Z"],
      "jan",
    );
    const upcoming = await tenant.admin.get(`/v1/customers/${customer.id}/upcoming-invoice`);
    expect(upcoming.status).toBe(200);
    expect(upcoming.body.issued_at).toBe("2026-02-01T00:00:00.000Z");
    expect(
      upcoming.body.lines.map((line: { charge_id: string; amount: string }) => [line.charge_id, line.amount]),
    ).toEqual([
      ["calls", "3.00"],
      ["base", "49.00"],
    ]);

    clock.set("2026-03-01T00:00:00Z");
    expect((await tenant.admin.post(`/v1/customers/${customer.id}/bill`)).body).toEqual({
      issued: 2,
      finalized: 2,
    });
    // A second run at the same instant issues nothing more.
    expect((await tenant.admin.post(`/v1/customers/${customer.id}/bill`)).body).toEqual({
      issued: 0,
      finalized: 0,
    });

    const invoices = await invoicesOf(tenant, customer.id);
    expect(invoices.map((invoice) => invoice.number)).toEqual([
      "TEST-INV-000001",
      "TEST-INV-000002",
      "TEST-INV-000003",
    ]);
    expect(invoices.map((invoice) => invoice.total)).toEqual(["49.00", "52.00", "49.00"]);
    const usageLine = invoices[1].lines.find((line: { kind: string }) => line.kind === "usage");
    expect(usageLine).toMatchObject({
      charge_id: "calls",
      quantity: "4",
      amount: "3.00",
      period_start: "2026-01-01T00:00:00.000Z",
      period_end: "2026-02-01T00:00:00.000Z",
    });
    expect(usageLine.details).toMatchObject({
      meter: "calls",
      event_count: 4,
      plan: "pro",
      price_version: { plan_id: planId, version: 1 },
    });
    expect(invoices[0]).toMatchObject({ status: "open", amount_due: "49.00", amount_remaining: "49.00" });
    expect(invoices[0].buyer.name).toBe("Ada Lovelace");
    expect(invoices[0].due_at).toBe("2026-01-31T00:00:00.000Z");
  });

  it("keeps a finalized invoice unchangeable, even by SQL, and corrects it with a credit note", async () => {
    clock.set("2026-01-01T00:00:00Z");
    const { tenant, planId } = await tenantWithPlan();
    const { customer } = await subscribedCustomer(tenant, planId, "immutable", "2026-01-01T00:00:00Z");
    await tenant.admin.post(`/v1/customers/${customer.id}/bill`);
    const [invoice] = await invoicesOf(tenant, customer.id);

    await expect(
      sql`update invoices set total = 1 where id = ${invoice.id}`.execute(suite.testApp.handle.database),
    ).rejects.toThrow(/finalized/);
    await expect(
      sql`update invoice_lines set amount = 1 where invoice_id = ${invoice.id}`.execute(
        suite.testApp.handle.database,
      ),
    ).rejects.toThrow(/finalized/);
    await expect(
      sql`delete from invoice_lines where invoice_id = ${invoice.id}`.execute(suite.testApp.handle.database),
    ).rejects.toThrow(/finalized/);
    // A line added to it, alone or among lines of a draft, is refused too.
    await expect(
      sql`insert into invoice_lines (id, organization_id, environment_id, invoice_id, position, kind, description, quantity, amount)
        select 'il_added', organization_id, environment_id, id, 99, 'fixed', 'Added', 1, 1 from invoices where id = ${invoice.id}`.execute(
        suite.testApp.handle.database,
      ),
    ).rejects.toThrow(/finalized/);
    await expect(
      sql`delete from invoices where id = ${invoice.id}`.execute(suite.testApp.handle.database),
    ).rejects.toThrow(/finalized/);
    expect((await tenant.admin.post(`/v1/invoices/${invoice.id}/finalize`)).status).toBe(409);

    const tooMuch = await tenant.admin.post(`/v1/invoices/${invoice.id}/credit-notes`, {
      reason: "billing_error",
      lines: [{ invoice_line_id: invoice.lines[0].id, amount: "50.00" }],
    });
    expectRefusedAt(tooMuch, "$.lines[0].amount");

    const partial = await tenant.admin.post(`/v1/invoices/${invoice.id}/credit-notes`, {
      reason: "product_unsatisfactory",
      memo: "outage on the 3rd",
      lines: [{ invoice_line_id: invoice.lines[0].id, amount: "9.00" }],
    });
    expect(partial.status).toBe(201);
    expect(partial.body).toMatchObject({
      number: "TEST-CN-000001",
      total: "9.00",
      applied_to_invoice: "9.00",
    });
    const after = (await tenant.admin.get(`/v1/invoices/${invoice.id}`)).body;
    expect(after).toMatchObject({
      total: "49.00",
      amount_credited: "9.00",
      amount_remaining: "40.00",
      status: "open",
    });

    const rest = await tenant.admin.post(`/v1/invoices/${invoice.id}/credit-notes`, {
      reason: "other",
      full: true,
    });
    expect(rest.status).toBe(201);
    expect(rest.body.total).toBe("40.00");
    expect((await tenant.admin.get(`/v1/invoices/${invoice.id}`)).body).toMatchObject({
      amount_remaining: "0.00",
      status: "paid",
    });
    const nothingLeft = await tenant.admin.post(`/v1/invoices/${invoice.id}/credit-notes`, {
      reason: "other",
      full: true,
    });
    expect(nothingLeft.status).toBe(409);

    const audit = await tenant.admin.get(`/v1/audit-events?object_id=${partial.body.id}`);
    expect(audit.body.data.map((entry: { action: string }) => entry.action)).toContain("credit_note.issued");
  });

  it("voids an unpaid invoice and keeps its number", async () => {
    clock.set("2026-01-01T00:00:00Z");
    const { tenant, planId } = await tenantWithPlan();
    const { customer } = await subscribedCustomer(tenant, planId, "voided", "2026-01-01T00:00:00Z");
    await tenant.admin.post(`/v1/customers/${customer.id}/bill`);
    const [invoice] = await invoicesOf(tenant, customer.id);
    const voided = await tenant.admin.post(`/v1/invoices/${invoice.id}/void`, { reason: "wrong customer" });
    expect(voided.status).toBe(200);
    expect(voided.body).toMatchObject({
      status: "void",
      number: invoice.number,
      void_reason: "wrong customer",
    });
    expect((await tenant.admin.post(`/v1/invoices/${invoice.id}/void`, { reason: "again" })).status).toBe(
      409,
    );
    expect(
      (await tenant.admin.post(`/v1/invoices/${invoice.id}/credit-notes`, { reason: "other", full: true }))
        .status,
    ).toBe(409);
  });
});

describe("the grace period", () => {
  it("keeps the invoice a draft while late events may arrive, then finalizes it with them", async () => {
    clock.set("2026-01-01T00:00:00Z");
    const { tenant, planId } = await tenantWithPlan();
    expect((await tenant.admin.put("/v1/invoicing-settings", { grace_period_hours: 48 })).status).toBe(200);
    const { customer } = await subscribedCustomer(tenant, planId, "late", "2026-01-01T00:00:00Z");
    clock.set("2026-01-03T00:00:00Z");
    await tenant.admin.post(`/v1/customers/${customer.id}/bill`);
    await sendCalls(
      tenant,
      "late",
      ["2026-01-02T00:00:00Z", "2026-01-02T01:00:00Z", "2026-01-02T02:00:00Z"],
      "a",
    );

    clock.set("2026-02-01T12:00:00Z");
    await tenant.admin.post(`/v1/customers/${customer.id}/bill`);
    let invoices = await invoicesOf(tenant, customer.id);
    const draft = invoices.find((invoice) => invoice.issued_at === "2026-02-01T00:00:00.000Z");
    expect(draft).toMatchObject({ status: "draft", number: null, total: "50.50" });

    // A late event for January, inside the grace period, lands on the draft.
    await sendCalls(tenant, "late", ["2026-01-31T23:00:00Z"], "late");
    clock.set("2026-02-03T00:00:00Z");
    await tenant.admin.post(`/v1/customers/${customer.id}/bill`);
    invoices = await invoicesOf(tenant, customer.id);
    const final = invoices.find((invoice) => invoice.issued_at === "2026-02-01T00:00:00.000Z");
    expect(final).toMatchObject({ id: draft.id, status: "open", number: "TEST-INV-000002", total: "52.00" });
  });
});

describe("one-off invoices", () => {
  it("creates a draft, finalizes it with the next number, and refuses bad lines by path", async () => {
    clock.set("2026-01-05T00:00:00Z");
    const { tenant } = await tenantWithPlan();
    const customer = await createCustomer(tenant.admin, { external_id: "one-off", currency: "EUR" });
    const bad = await tenant.admin.post("/v1/invoices", {
      customer_id: customer.id,
      currency: "EUR",
      lines: [{ description: "Setup", quantity: "x", unit_amount: "10" }],
    });
    expectRefusedAt(bad, "$.lines[0].quantity");

    const draft = await tenant.admin.post("/v1/invoices", {
      customer_id: customer.id,
      currency: "EUR",
      lines: [
        { description: "Onboarding workshop", quantity: "2", unit_amount: "450.00" },
        { description: "Travel", quantity: "1", unit_amount: "120.333" },
      ],
      memo: "Thank you",
    });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({
      status: "draft",
      number: null,
      subtotal: "1020.33",
      total: "1020.33",
    });
    const finalized = await tenant.admin.post(`/v1/invoices/${draft.body.id}/finalize`);
    expect(finalized.status).toBe(200);
    expect(finalized.body).toMatchObject({ status: "open", number: "TEST-INV-000001" });
  });
});

describe("consolidation", () => {
  it("puts two subscriptions that bill on the same day on one invoice", async () => {
    clock.set("2026-01-01T00:00:00Z");
    const { tenant, planId } = await tenantWithPlan();
    const { customer } = await subscribedCustomer(tenant, planId, "two-subs", "2026-01-01T00:00:00Z");
    await subscribe(tenant.admin, {
      customer_id: customer.id,
      plan_id: planId,
      start_at: "2026-01-01T00:00:00Z",
      billing: "calendar",
    });
    await tenant.admin.post(`/v1/customers/${customer.id}/bill`);
    const invoices = await invoicesOf(tenant, customer.id);
    expect(invoices).toHaveLength(1);
    expect(invoices[0].subscription_ids).toHaveLength(2);
    expect(invoices[0].total).toBe("98.00");
  });
});

describe("line names", () => {
  it("names a line by the product its charge sells, as the invoice's own environment names it", async () => {
    clock.set("2026-01-01T00:00:00Z");
    sequence += 1;
    const tenant = await suite.testApp.newTenant(`invoicing-${sequence}`);
    const live = await tenant.client("admin", "live");
    await expectCreated(tenant.admin.post("/v1/products", { code: "platform", name: "Platform" }));
    await expectCreated(live.post("/v1/products", { code: "platform", name: "Live platform" }));
    const plan = await createPlan(tenant.admin, {
      code: "growth",
      name: "Growth",
      version: {
        charges: [{ id: "base", type: "fixed", amount: "49.00", timing: "in_advance", product: "platform" }],
      },
    });
    const { customer } = await subscribedCustomer(tenant, plan.id, "named-lines", "2026-01-01T00:00:00Z");
    await tenant.admin.post(`/v1/customers/${customer.id}/bill`);
    const [invoice] = await invoicesOf(tenant, customer.id);
    expect(invoice.lines.map((line: { description: string }) => line.description)).toEqual([
      "Platform (Growth)",
    ]);
  });
});

describe("invoice documents", () => {
  it("serves a finalized invoice as PDF and HTML, with its number, lines and explanations", async () => {
    clock.set("2026-01-01T00:00:00Z");
    const { tenant, planId } = await tenantWithPlan();
    await tenant.admin.put("/v1/invoicing-settings", {
      seller: { name: "Fairbill Demo GmbH", country: "DE" },
    });
    const { customer } = await subscribedCustomer(tenant, planId, "documents", "2026-01-01T00:00:00Z");
    clock.set("2026-01-05T00:00:00Z");
    await sendCalls(
      tenant,
      "documents",
      ["2026-01-02T00:00:00Z", "2026-01-03T00:00:00Z", "2026-01-04T00:00:00Z"],
      "d",
    );
    clock.set("2026-02-01T00:00:00Z");
    await tenant.admin.post(`/v1/customers/${customer.id}/bill`);
    const invoices = await invoicesOf(tenant, customer.id);
    const february = invoices[1];

    const html = await tenant.admin.get(`/v1/invoices/${february.id}/html`);
    expect(html.status).toBe(200);
    expect(String(html.headers["content-type"])).toContain("text/html");
    expect(html.body).toContain(february.number);
    expect(html.body).toContain("Fairbill Demo GmbH");
    expect(html.body).toContain("Tier 2 (over 2): 1 × 1.5 = 1.5");

    const pdf = await suite.testApp.app.inject({
      method: "GET",
      url: `/v1/invoices/${february.id}/pdf`,
      headers: { authorization: `Bearer ${tenant.admin.key}` },
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");

    const note = await tenant.admin.post(`/v1/invoices/${february.id}/credit-notes`, {
      reason: "other",
      full: true,
    });
    const noteHtml = await tenant.admin.get(`/v1/credit-notes/${note.body.id}/html`);
    expect(noteHtml.status).toBe(200);
    expect(noteHtml.body).toContain(february.number);
  });
});

describe("announcements", () => {
  it("publishes invoice.finalized and queues the invoice email; a void and a credit note are published too", async () => {
    clock.set("2026-01-01T00:00:00Z");
    const { tenant, planId } = await tenantWithPlan();
    const { customer } = await subscribeNewCustomer(tenant.admin, planId, {
      customer: {
        external_id: "announced",
        currency: "USD",
        email: "billing@example.com",
        name: "Grace Hopper",
      },
      subscription: { billing: "calendar" },
    });
    await tenant.admin.post(`/v1/customers/${customer.id}/bill`);
    const [invoice] = await invoicesOf(tenant, customer.id);
    await tenant.admin.post(`/v1/invoices/${invoice.id}/credit-notes`, {
      reason: "other",
      lines: [{ invoice_line_id: invoice.lines[0].id, amount: "1.00" }],
    });
    const refused = await tenant.admin.post(`/v1/invoices/${invoice.id}/void`, { reason: "test" });
    expectProblem(refused, 409, "invoice_has_credit_notes");
    const oneOff = await tenant.admin.post("/v1/invoices", {
      customer_id: customer.id,
      currency: "USD",
      lines: [{ description: "Setup", quantity: "1", unit_amount: "10.00" }],
      finalize: true,
    });
    expect((await tenant.admin.post(`/v1/invoices/${oneOff.body.id}/void`, { reason: "test" })).status).toBe(
      200,
    );

    const events = await tenant.admin.get("/v1/webhook-events?limit=100");
    const types = events.body.data.map((event: { type: string }) => event.type);
    // Each event carries the whole object as the API shows it.
    const dataOf = (type: string) =>
      events.body.data
        .filter((event: { type: string }) => event.type === type)
        .map((event: { data: unknown }) => event.data);
    expect(dataOf("invoice.voided")).toEqual([
      (await tenant.admin.get(`/v1/invoices/${oneOff.body.id}`)).body,
    ]);
    const creditNotes = await tenant.admin.get(`/v1/credit-notes?invoice_id=${invoice.id}`);
    expect(dataOf("credit_note.created")).toEqual(creditNotes.body.data);
    expect(dataOf("invoice.finalized")).toContainEqual(oneOff.body);
    expect(types).toEqual(
      expect.arrayContaining(["invoice.finalized", "credit_note.created", "invoice.voided"]),
    );
    const emails = await tenant.admin.get("/v1/emails?limit=100");
    const invoiceEmail = emails.body.data.find(
      (email: { template: string }) => email.template === "invoice_issued",
    );
    expect(invoiceEmail).toMatchObject({ to: "billing@example.com" });
  });
});

describe("progressive billing", () => {
  it("invoices usage as it crosses the threshold and gives it back on the period's invoice", async () => {
    clock.set("2026-01-01T00:00:00Z");
    const { tenant, planId } = await tenantWithPlan();
    const { customer } = await subscribeNewCustomer(tenant.admin, planId, {
      customer: { external_id: "progressive", currency: "USD" },
      subscription: { billing: "calendar", progressive_billing_threshold: "3.00" },
    });
    await tenant.admin.post(`/v1/customers/${customer.id}/bill`);

    clock.set("2026-01-10T00:00:00Z");
    await sendCalls(
      tenant,
      "progressive",
      ["2026-01-05T00:00:00Z", "2026-01-06T00:00:00Z", "2026-01-07T00:00:00Z"],
      "p",
    );
    // 3 calls: 2 free, 1 × 1.50 — below the threshold.
    expect((await tenant.admin.post(`/v1/customers/${customer.id}/bill`)).body.issued).toBe(0);
    await sendCalls(tenant, "progressive", ["2026-01-08T00:00:00Z"], "q");
    // 4 calls: 3.00 so far, the threshold: one progressive invoice.
    const crossed = await tenant.admin.post(`/v1/customers/${customer.id}/bill`);
    expect(crossed.body).toEqual({ issued: 1, finalized: 1 });
    expect((await tenant.admin.post(`/v1/customers/${customer.id}/bill`)).body.issued).toBe(0);

    clock.set("2026-02-01T00:00:00Z");
    await tenant.admin.post(`/v1/customers/${customer.id}/bill`);
    const invoices = await invoicesOf(tenant, customer.id);
    const progressive = invoices.find((invoice) => invoice.origin === "progressive");
    expect(progressive).toMatchObject({
      status: "open",
      total: "3.00",
      issued_at: "2026-01-10T00:00:00.000Z",
    });
    const february = invoices.find((invoice) => invoice.issued_at === "2026-02-01T00:00:00.000Z");
    expect(february.lines.map((line: { kind: string; amount: string }) => [line.kind, line.amount])).toEqual([
      ["usage", "3.00"],
      ["fixed", "49.00"],
      ["progressive_billing_credit", "-3.00"],
    ]);
    expect(february.total).toBe("49.00");
  });
});
