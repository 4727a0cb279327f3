// Billing entities through the API (issue #21, item 1): a German GmbH and a
// US Inc. invoice in their own names, numbering and currencies; a customer
// moved between them changes seller at a month boundary; credit notes follow
// their invoice's entity; and the journal balances per entity and
// consolidated in the reporting currency.
import { beforeAll, describe, expect, it } from "vitest";
import { createCustomer, createGermanVatRate, createPlan, subscribe } from "../../test/support/builders.ts";
import { enterExchangeRate } from "../../test/support/finance-steps.ts";
import { expectCreated, expectOk, expectRefusedFields } from "../../test/support/responses.ts";
import { testAppForFile } from "../../test/support/test-app.ts";
import { advanceTestClock, freezeTestClock } from "../../test/support/test-clock-api.ts";

const suite = testAppForFile({ tenantName: "Two entities" });
const ids: Record<string, string> = {};

const gmbh = {
  code: "de",
  legal_name: "Fairbill Cloud GmbH",
  email: "rechnung@fairbill.example",
  address: { line1: "Friedrichstraße 68", city: "Berlin", postal_code: "10117", country: "DE" },
  country: "DE",
  tax_registrations: [{ type: "eu_vat", value: "DE123456789" }],
  invoice_prefix: "DE-INV",
  credit_note_prefix: "DE-CN",
  payment_instructions: "IBAN DE89 3704 0044 0532 0130 00, BIC COBADEFFXXX",
  default_currency: "EUR",
  branding: { accent_color: "#0055aa", footer: "Fairbill Cloud GmbH · Amtsgericht Berlin HRB 123456" },
};
const inc = {
  code: "us",
  legal_name: "Fairbill Cloud Inc.",
  address: { line1: "1 Market St", city: "San Francisco", state: "CA", postal_code: "94105", country: "US" },
  country: "US",
  region: "CA",
  tax_registrations: [{ type: "us_ein", value: "12-3456789" }],
  invoice_prefix: "US-INV",
  credit_note_prefix: "US-CN",
  payment_instructions: "ACH routing 121000248, account 4000123456",
  default_currency: "USD",
};

type InvoiceSummary = {
  id: string;
  number: string;
  customer_id: string;
  billing_entity_id: string;
  currency: string;
  total: string;
  period_start: string;
  seller: { name: string; tax_ids: { value: string }[]; payment_instructions?: string };
};

async function invoicesOf(customerId: string): Promise<InvoiceSummary[]> {
  const listed = await expectOk(suite.tenant.admin.get(`/v1/invoices?customer_id=${customerId}&limit=20`));
  return (listed.data as InvoiceSummary[]).sort((left, right) =>
    left.period_start.localeCompare(right.period_start),
  );
}

beforeAll(async () => {
  await freezeTestClock(suite.tenant.admin, "2030-01-01T00:00:00Z");
  await createGermanVatRate(suite.tenant.admin);
  for (const [code, currency, amount] of [
    ["pro_eur", "EUR", "100.00"],
    ["pro_usd", "USD", "120.00"],
  ] as const) {
    const plan = await createPlan(suite.tenant.admin, {
      code,
      version: { currency, charges: [{ id: "platform", type: "fixed", amount }] },
    });
    ids[code] = plan.id;
  }
});

describe("billing entities", () => {
  it("refuses bad input naming the field, and a code or prefix taken", async () => {
    const refused = await expectRefusedFields(
      suite.tenant.admin.post("/v1/billing-entities", {
        ...gmbh,
        country: "XX",
        invoice_prefix: "de inv",
        default_currency: "EURO",
      }),
    );
    expect(refused).toEqual(expect.arrayContaining(["$.country", "$.invoice_prefix", "$.default_currency"]));

    const created = await expectCreated(suite.tenant.admin.post("/v1/billing-entities", gmbh));
    expect(created).toMatchObject({ code: "de", is_default: true, invoice_prefix: "DE-INV" });
    ids.gmbh = created.id;
    const taken = await suite.tenant.admin.post("/v1/billing-entities", { ...inc, invoice_prefix: "DE-CN" });
    expect([taken.status, taken.body.errors[0].path]).toEqual([409, "$.invoice_prefix"]);
    const second = await expectCreated(suite.tenant.admin.post("/v1/billing-entities", inc));
    expect(second.is_default).toBe(false);
    ids.inc = second.id;
    const listed = await expectOk(suite.tenant.admin.get("/v1/billing-entities"));
    expect(listed.data.map((entity: { code: string }) => entity.code).sort()).toEqual(["de", "us"]);
  });

  it("moves a customer only from the start of a month in its time zone, not before the current one", async () => {
    const customer = await createCustomer(suite.tenant.admin, {
      currency: "USD",
      timezone: "America/New_York",
    });
    const base = `/v1/customers/${customer.id}/billing-entity`;
    expect((await expectOk(suite.tenant.admin.get(base))).billing_entity_id).toBe(ids.gmbh);
    for (const effective_from of ["2030-02-01T00:00:00Z", "2029-11-01T04:00:00Z"]) {
      const refused = await suite.tenant.admin.put(base, { billing_entity_id: ids.inc, effective_from });
      expect([refused.status, refused.body.errors[0].path]).toEqual([400, "$.effective_from"]);
    }
    const unknown = await suite.tenant.admin.put(base, { billing_entity_id: "ben_unknown" });
    expect([unknown.status, unknown.body.errors[0].path]).toEqual([400, "$.billing_entity_id"]);
    // Found by the fuzzer: a customer that does not exist was a 500 (lockCustomer threw NoResultError).
    const noCustomer = await suite.tenant.admin.put("/v1/customers/prd_not_a_customer/billing-entity", {
      billing_entity_id: ids.inc,
    });
    expect([noCustomer.status, noCustomer.body.code]).toEqual([404, "not_found"]);
    // By default from the next month in New York: 1 January 2030 05:00 UTC (it is still 31 December there).
    const moved = await expectOk(suite.tenant.admin.put(base, { billing_entity_id: ids.inc }));
    expect(moved.assignments).toEqual([
      { billing_entity_id: ids.inc, effective_from: "2030-01-01T05:00:00.000Z" },
    ]);
  });

  it("invoices with each entity's numbering, details and tax; a move changes the seller at the month boundary", async () => {
    const berlin = await createCustomer(suite.tenant.admin, {
      currency: "EUR",
      country: "DE",
      timezone: "UTC",
      name: "Werkstatt Berlin",
    });
    const boston = await createCustomer(suite.tenant.admin, {
      currency: "USD",
      country: "US",
      timezone: "UTC",
      name: "Boston Robotics",
    });
    ids.berlin = berlin.id;
    ids.boston = boston.id;
    await expectOk(
      suite.tenant.admin.put(`/v1/customers/${boston.id}/billing-entity`, {
        billing_entity_id: ids.inc,
        effective_from: "2030-01-01T00:00:00Z",
      }),
    );
    // Berlin moves to the US entity from March: January and February stay the GmbH's.
    await expectOk(
      suite.tenant.admin.put(`/v1/customers/${berlin.id}/billing-entity`, {
        billing_entity_id: ids.inc,
        effective_from: "2030-03-01T00:00:00Z",
      }),
    );
    for (const [customerId, plan] of [
      [berlin.id, ids.pro_eur],
      [boston.id, ids.pro_usd],
    ]) {
      await subscribe(suite.tenant.admin, {
        customer_id: customerId as string,
        plan_id: plan as string,
        start_at: "2030-01-01T00:00:00Z",
        billing: "calendar",
      });
    }
    await advanceTestClock(suite.tenant.admin, "2030-03-01T00:00:00Z");

    const berlinInvoices = await invoicesOf(berlin.id);
    const bostonInvoices = await invoicesOf(boston.id);
    expect(
      berlinInvoices.map((invoice) => [
        invoice.number,
        invoice.billing_entity_id,
        invoice.currency,
        invoice.total,
      ]),
    ).toEqual([
      ["DE-INV-000001", ids.gmbh, "EUR", "119.00"],
      ["DE-INV-000002", ids.gmbh, "EUR", "119.00"],
      // From March the US entity sells (VAT still due: a German consumer buys a digital service).
      [expect.stringMatching(/^US-INV-00000[1-4]$/), ids.inc, "EUR", "119.00"],
    ]);
    expect(
      bostonInvoices.map((invoice) => [
        invoice.number,
        invoice.billing_entity_id,
        invoice.currency,
        invoice.total,
      ]),
    ).toEqual([
      [expect.stringMatching(/^US-INV-/), ids.inc, "USD", "120.00"],
      [expect.stringMatching(/^US-INV-/), ids.inc, "USD", "120.00"],
      [expect.stringMatching(/^US-INV-/), ids.inc, "USD", "120.00"],
    ]);
    // The US entity's own gapless sequence across both customers; the GmbH's has two.
    expect(
      [...bostonInvoices, berlinInvoices[2] as InvoiceSummary].map((invoice) => invoice.number).sort(),
    ).toEqual(["US-INV-000001", "US-INV-000002", "US-INV-000003", "US-INV-000004"]);
    expect(berlinInvoices[0]?.seller).toMatchObject({
      name: "Fairbill Cloud GmbH",
      country: "DE",
      tax_ids: [{ type: "eu_vat", value: "DE123456789" }],
      payment_instructions: gmbh.payment_instructions,
      footer: gmbh.branding.footer,
    });
    expect(bostonInvoices[0]?.seller).toMatchObject({
      name: "Fairbill Cloud Inc.",
      tax_ids: [{ type: "us_ein", value: "12-3456789" }],
    });
    const html = await suite.tenant.admin.get(`/v1/invoices/${berlinInvoices[0]?.id}/html`);
    expect(html.status).toBe(200);
    expect(html.body).toContain("How to pay: IBAN DE89");
    expect(html.body).toContain("Amtsgericht Berlin HRB 123456");

    // A credit note is numbered by its invoice's entity.
    const note = await expectCreated(
      suite.tenant.admin.post(`/v1/invoices/${bostonInvoices[0]?.id}/credit-notes`, {
        reason: "billing_error",
        full: true,
      }),
    );
    expect([note.number, note.billing_entity_id]).toEqual(["US-CN-000001", ids.inc]);
  });

  it("balances the journal per entity and consolidated in the reporting currency", async () => {
    await expectOk(
      suite.tenant.admin.put("/v1/finance-settings", { reporting_currency: "EUR", timezone: "UTC" }),
    );
    await enterExchangeRate(suite.tenant.admin, {
      base: "USD",
      quote: "EUR",
      date: "2029-12-31",
      rate: "0.90",
    });
    const all = await expectOk(suite.tenant.admin.get("/v1/journal?period=2030-01"));
    const german = await expectOk(
      suite.tenant.admin.get(`/v1/journal?period=2030-01&billing_entity=${ids.gmbh}`),
    );
    const american = await expectOk(
      suite.tenant.admin.get(`/v1/journal?period=2030-01&billing_entity=${ids.inc}`),
    );
    for (const journal of [all, german, american]) {
      expect(journal.balanced).toBe(true);
      expect(journal.reporting.balanced).toBe(true);
    }
    // January of the GmbH: Berlin's invoice (receivable 119.00 = deferred 100.00 + VAT 19.00) and its
    // month's revenue (deferred 100.00 to revenue): 219.00 each side.
    expect(german.totals).toEqual([{ currency: "EUR", debit: "219.00", credit: "219.00" }]);
    // January of the Inc.: Boston's invoice (120.00) and its month's revenue (120.00).
    expect(american.totals).toEqual([{ currency: "USD", debit: "240.00", credit: "240.00" }]);
    expect(american.entity_currency).toMatchObject({ currency: "USD", totals: { debit: "240.00" } });
    // Consolidated in EUR: 219.00 + 240.00 × 0.90 = 435.00; the entities' journals add up to it.
    expect(all.reporting.totals).toEqual({ debit: "435.00", credit: "435.00" });
    expect(german.reporting.totals.debit).toBe("219.00");
    expect(american.reporting.totals.debit).toBe("216.00");
    expect(all.lines).toHaveLength(german.lines.length + american.lines.length);

    const unknown = await suite.tenant.admin.get("/v1/journal?period=2030-01&billing_entity=ben_unknown");
    expect([unknown.status, unknown.body.errors[0].path]).toEqual([400, "query.billing_entity"]);
    const kpis = await expectOk(
      suite.tenant.admin.get(`/v1/kpis?from=2030-01&to=2030-02&billing_entity=${ids.inc}`),
    );
    expect(kpis.billing_entity_id).toBe(ids.inc);
    expect(kpis.mrr).toEqual([
      expect.objectContaining({ period: "2030-01", currency: "USD", mrr: "120.00" }),
      expect.objectContaining({ period: "2030-02", currency: "USD", mrr: "120.00" }),
    ]);
  });
});
