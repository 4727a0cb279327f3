// Stripe Tax and Avalara AvaTax as tax engines, through their official SDKs,
// against local servers that speak the part of each API used: the rate quoted
// at draft and applied by the engine in src/core, each finalized invoice
// recorded once after the commit (a retry after a failure records nothing
// twice), the record reversed when the invoice is voided, addresses checked,
// and an address the engine cannot locate refused with the field named.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCustomer } from "../../test/support/builders.ts";
import {
  type LocalAvaTax,
  type LocalStripeTax,
  startLocalAvaTax,
  startLocalStripeTax,
} from "../../test/support/local-tax-engines.ts";
import { expectProblem } from "../../test/support/responses.ts";
import { appForFile, type TestTenant } from "../../test/support/test-app.ts";

const suite = appForFile({ allowPrivateTargets: true });
let stripeTax: LocalStripeTax;
let avaTax: LocalAvaTax;

beforeAll(async () => {
  stripeTax = await startLocalStripeTax();
  avaTax = await startLocalAvaTax();
});
afterAll(async () => {
  await stripeTax?.close();
  await avaTax?.close();
});

/** Runs every due job; `later` runs them as if an hour had passed, so that retries are due too. */
function runJobs(later = false): Promise<number> {
  return suite.testApp.runJobs(later ? { now: new Date(Date.now() + 3_600_000) } : {});
}

let sequence = 0;
async function customerAt(tenant: TestTenant, address: Record<string, string>) {
  sequence += 1;
  const customer = await createCustomer(tenant.admin, {
    external_id: `taxed-${sequence}`,
    name: `Taxed customer ${sequence}`,
    currency: "USD",
    billing_address: address,
  });
  return customer.id;
}

function finalizedInvoice(tenant: TestTenant, customerId: string, amount: string) {
  return tenant.admin.post("/v1/invoices", {
    customer_id: customerId,
    currency: "USD",
    lines: [{ description: "Platform fee", quantity: "1", unit_amount: amount }],
    finalize: true,
  });
}

describe("Stripe Tax", () => {
  let tenant: TestTenant;
  beforeAll(async () => {
    tenant = await suite.testApp.newTenant("Stripe Tax");
    const settings = await tenant.admin.put("/v1/tax-settings", {
      tax_provider: { type: "stripe_tax", secret_key: stripeTax.secretKey, api_base_url: stripeTax.url },
    });
    expect(settings.status).toBe(200);
    expect(settings.body.tax_provider).toEqual({
      type: "stripe_tax",
      api_base_url: stripeTax.url,
      secret_key_set: true,
    });
    expect(JSON.stringify(settings.body)).not.toContain(stripeTax.secretKey);
  });

  it("quotes at draft, records the finalized invoice once after a failed call, and reverses it when voided", async () => {
    const customerId = await customerAt(tenant, {
      line1: "350 Fifth Avenue",
      city: "New York",
      state: "NY",
      postal_code: "10118",
      country: "US",
    });
    const invoice = await finalizedInvoice(tenant, customerId, "100.00");
    expect(invoice.status).toBe(201);
    // 4 + 4.5 + 0.375 = 8.875% of 100.00, rounded once by the engine: 8.88.
    expect(invoice.body).toMatchObject({ subtotal: "100.00", tax: "8.88", total: "108.88" });
    expect(
      invoice.body.tax_details.components.map((component: { percent: string }) => component.percent),
    ).toEqual(["4", "4.5", "0.375"]);

    stripeTax.failNext(3);
    await runJobs();
    const failing = await tenant.admin.get(`/v1/invoices/${invoice.body.id}/tax-record`);
    expect(failing.body).toMatchObject({ provider: "stripe_tax", state: "pending", attempts: 1 });
    expect(failing.body.last_error).toContain("Stripe Tax was asked to");
    expect(stripeTax.transactions).toEqual([]);

    await runJobs(true);
    await runJobs(true);
    const recorded = await tenant.admin.get(`/v1/invoices/${invoice.body.id}/tax-record`);
    expect(recorded.body).toMatchObject({ state: "recorded", last_error: null });
    expect(stripeTax.transactions).toEqual([
      {
        id: recorded.body.external_id,
        reference: invoice.body.number,
        amount: 10_000,
        tax: 888,
        reversed: false,
      },
    ]);
    expect(
      stripeTax.calls
        .filter((call) => call.path === "/v1/tax/transactions/create_from_calculation")
        .every((call) => call.idempotencyKey === `fairbill-tax-record-${invoice.body.id}`),
    ).toBe(true);

    const voided = await tenant.admin.post(`/v1/invoices/${invoice.body.id}/void`, {
      reason: "issued in error",
    });
    expect(voided.status).toBe(200);
    await runJobs();
    expect((await tenant.admin.get(`/v1/invoices/${invoice.body.id}/tax-record`)).body.state).toBe("voided");
    expect(stripeTax.transactions).toHaveLength(1);
    expect(stripeTax.transactions[0]?.reversed).toBe(true);
  });

  it("refuses an invoice for an address it cannot locate, naming the field, and checks addresses", async () => {
    const customerId = await customerAt(tenant, { city: "New York", state: "NY", country: "US" });
    const refused = await finalizedInvoice(tenant, customerId, "50.00");
    expectProblem(refused, 422, "tax_address_invalid");
    expect(refused.body.detail).toContain("$.billing_address");
    expect((await tenant.admin.get(`/v1/invoices?customer_id=${customerId}`)).body.data).toEqual([]);

    const check = await tenant.admin.post("/v1/tax-address-validations", {
      address: { city: "New York", state: "NY", country: "US" },
    });
    expect(check.status).toBe(200);
    expect(check.body).toMatchObject({ provider: "stripe_tax", valid: false });
    expect(check.body.messages[0]).toContain("postal code");
  });
});

describe("Avalara AvaTax", () => {
  let tenant: TestTenant;
  beforeAll(async () => {
    tenant = await suite.testApp.newTenant("AvaTax");
    const settings = await tenant.admin.put("/v1/tax-settings", {
      tax_provider: {
        type: "avalara",
        account_id: avaTax.accountId,
        license_key: avaTax.licenseKey,
        company_code: avaTax.companyCode,
        api_base_url: avaTax.url,
      },
    });
    expect(settings.status).toBe(200);
    expect(settings.body.tax_provider).toMatchObject({
      type: "avalara",
      account_id: avaTax.accountId,
      company_code: avaTax.companyCode,
      license_key_set: true,
    });
  });

  it("quotes with a sales order, commits the invoice under its number once, and voids it with the invoice", async () => {
    const customerId = await customerAt(tenant, {
      line1: "1 Market Street",
      city: "San Francisco",
      state: "CA",
      postal_code: "94105",
      country: "US",
    });
    const quotesBefore = avaTax.quotes;
    const invoice = await finalizedInvoice(tenant, customerId, "200.00");
    expect(invoice.status).toBe(201);
    expect(invoice.body).toMatchObject({ subtotal: "200.00", tax: "14.50", total: "214.50" });
    expect(avaTax.quotes).toBeGreaterThan(quotesBefore);
    expect(avaTax.documents.size).toBe(0);

    await runJobs();
    await runJobs(true);
    expect([...avaTax.documents.entries()]).toEqual([
      [invoice.body.number, { amount: 200, tax: 14.5, status: "Committed", adjustments: 0 }],
    ]);
    const recorded = await tenant.admin.get(`/v1/invoices/${invoice.body.id}/tax-record`);
    expect(recorded.body).toMatchObject({
      provider: "avalara",
      state: "recorded",
      external_id: invoice.body.number,
    });

    expect(
      (await tenant.admin.post(`/v1/invoices/${invoice.body.id}/void`, { reason: "duplicate" })).status,
    ).toBe(200);
    await runJobs();
    expect(avaTax.documents.get(invoice.body.number)?.status).toBe("Cancelled");
    expect((await tenant.admin.get(`/v1/invoices/${invoice.body.id}/tax-record`)).body.state).toBe("voided");
  });

  it("resolves addresses through AvaTax's address service", async () => {
    const good = await tenant.admin.post("/v1/tax-address-validations", {
      address: {
        line1: "1 Market Street",
        city: "San Francisco",
        state: "CA",
        postal_code: "94105",
        country: "US",
      },
    });
    expect(good.body).toMatchObject({ provider: "avalara", valid: true, messages: [] });
    expect(good.body.resolved).toMatchObject({ line1: "1 MARKET STREET", postal_code: "94105" });
    const bad = await tenant.admin.post("/v1/tax-address-validations", {
      address: { city: "San Francisco", state: "CA", postal_code: "941", country: "US" },
    });
    expect(bad.body).toMatchObject({ valid: false, resolved: null });
    expect(bad.body.messages[0]).toContain("postal code");
  });

  it("refuses a check of an address when no tax engine is set", async () => {
    const plain = await suite.testApp.newTenant("No engine");
    const refused = await plain.admin.post("/v1/tax-address-validations", { address: { country: "US" } });
    expectProblem(refused, 409, "no_tax_engine");
  });
});
