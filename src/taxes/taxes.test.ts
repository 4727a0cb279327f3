import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { CustomerBody } from "../../test/support/api-types.ts";
import { createCustomer } from "../../test/support/builders.ts";
import { expectCreated, expectRefusedFields } from "../../test/support/responses.ts";
import { plainTaxQuote } from "../../test/support/tax-quotes.ts";
import { appForFile, type TestTenant } from "../../test/support/test-app.ts";
import { builtInTaxProvider, type TaxRequest, taxQuoteFor } from "./taxes.ts";

const suite = appForFile();

/** PUT through the app (the test client speaks GET, POST, PATCH and DELETE). */
async function put(tenant: TestTenant, path: string, payload: unknown) {
  const response = await suite.testApp.app.inject({
    method: "PUT",
    url: path,
    headers: { authorization: `Bearer ${tenant.admin.key}` },
    payload: payload as string,
  });
  return { status: response.statusCode, body: response.json() };
}

async function customer(tenant: TestTenant, fields: Partial<CustomerBody>): Promise<string> {
  return (await createCustomer(tenant.admin, fields)).id;
}

/** The quote a German seller's invoice to this customer gets, as plain JSON. */
async function quoteFor(
  tenant: TestTenant,
  customerId: string,
  at = "2026-03-01T00:00:00Z",
  seller: TaxRequest["seller"] = { country: "DE", region: null, taxId: "DE123456789" },
) {
  const stored = await tenant.admin.get(`/v1/customers/${customerId}`);
  const context = tenant.context();
  const quote = await taxQuoteFor(context.database, context, {
    seller,
    customer: {
      id: customerId,
      country: stored.body.country,
      region: stored.body.billing_address?.state ?? null,
      taxIds: stored.body.tax_ids.map((taxId: { value: string }) => taxId.value),
    },
    currency: "EUR",
    issuedAt: new Date(at),
  });
  return plainTaxQuote(quote);
}

describe("tax rates", () => {
  it("are created, read, listed by country and archived", async () => {
    const tenant = await suite.testApp.newTenant();
    const created = await expectCreated(
      tenant.admin.post("/v1/tax-rates", {
        country: "US",
        region: "CA",
        name: "California sales tax",
        percent: "7.250",
        valid_from: "2026-01-01T00:00:00Z",
      }),
    );
    expect(created).toMatchObject({
      country: "US",
      region: "CA",
      name: "California sales tax",
      percent: "7.25",
      inclusive: false,
      reverse_charge_eligible: false,
      valid_from: "2026-01-01T00:00:00.000Z",
      valid_until: null,
      archived_at: null,
    });
    expect(created.id).toMatch(/^txr_[0-9A-Z]{26}$/);
    await tenant.admin.post("/v1/tax-rates", { country: "DE", name: "VAT", percent: "19" });

    expect((await tenant.admin.get(`/v1/tax-rates/${created.id}`)).body).toEqual(created);
    const american = await tenant.admin.get("/v1/tax-rates?country=US");
    expect(american.body.data.map((rate: { id: string }) => rate.id)).toEqual([created.id]);

    const archived = await tenant.admin.patch(`/v1/tax-rates/${created.id}`, {
      archived: true,
      name: "California state sales tax",
      reason: "Replaced by district rates",
    });
    expect(archived.status).toBe(200);
    expect(archived.body).toMatchObject({ name: "California state sales tax", percent: "7.25" });
    expect(archived.body.archived_at).not.toBeNull();
    expect((await tenant.admin.get("/v1/tax-rates?country=US")).body.data).toEqual([]);
    expect((await tenant.admin.get("/v1/tax-rates?archived=true")).body.data).toEqual([archived.body]);

    const audit = await tenant.admin.get(`/v1/audit-events?object_type=tax_rate&object_id=${created.id}`);
    expect(
      audit.body.data.map((entry: { action: string; reason: string | null }) => [entry.action, entry.reason]),
    ).toEqual([
      ["tax_rate.archived", "Replaced by district rates"],
      ["tax_rate.created", null],
    ]);
  });

  it("refuse bad input with the path of each bad field", async () => {
    const tenant = await suite.testApp.newTenant();
    const checks: [unknown, string[]][] = [
      [{ country: "ZZ", name: "VAT", percent: "120" }, ["$.country", "$.percent"]],
      [{ country: "DE", name: "VAT", percent: "19.12345" }, ["$.percent"]],
      [
        { country: "US", name: "Sales tax", percent: "5", reverse_charge_eligible: true },
        ["$.reverse_charge_eligible"],
      ],
      [
        {
          country: "DE",
          name: "VAT",
          percent: "19",
          valid_from: "2026-02-01T00:00:00Z",
          valid_until: "2026-01-01T00:00:00Z",
        },
        ["$.valid_until"],
      ],
      [
        { country: "de", region: "bavaria", name: "", percent: 19 },
        ["$.country", "$.name", "$.percent", "$.region"],
      ],
      [{ country: "DE", name: "VAT", percent: "19", compound: true }, ["$.compound"]],
    ];
    for (const [body, paths] of checks) {
      const response = await tenant.admin.post("/v1/tax-rates", body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect([...new Set(response.body.errors.map((error: { path: string }) => error.path))].sort()).toEqual(
        paths,
      );
    }
    const unknown = await tenant.admin.patch("/v1/tax-rates/txr_missing", { archived: true });
    expect(unknown.status).toBe(404);
    expect((await tenant.admin.patch("/v1/tax-rates/txr_missing", {})).body.code).toBe("validation_failed");
  });

  it("are finance's to change and everyone's to read", async () => {
    const tenant = await suite.testApp.newTenant();
    const body = { country: "DE", name: "VAT", percent: "19" };
    const billingOps = await tenant.client("billing_ops");
    const finance = await tenant.client("finance");
    const viewer = await tenant.client("viewer");
    expect((await billingOps.post("/v1/tax-rates", body)).status).toBe(403);
    expect((await viewer.post("/v1/tax-rates", body)).status).toBe(403);
    expect((await finance.post("/v1/tax-rates", body)).status).toBe(201);
    expect((await viewer.get("/v1/tax-rates")).body.data).toHaveLength(1);
  });
});

describe("tax exemptions", () => {
  it("are set, replaced, read and revoked, and bad input names its field", async () => {
    const tenant = await suite.testApp.newTenant();
    const id = await customer(tenant, { country: "DE" });
    expect((await tenant.admin.get(`/v1/customers/${id}/tax-exemption`)).status).toBe(404);

    const first = await expectCreated(
      tenant.admin.post(`/v1/customers/${id}/tax-exemption`, {
        reason: "Registered charity",
      }),
    );
    expect(first).toMatchObject({ customer_id: id, reason: "Registered charity", in_force: true });
    expect(first.id).toMatch(/^txe_/);
    const second = await tenant.admin.post(`/v1/customers/${id}/tax-exemption`, {
      reason: "Resale",
      certificate_id: "RC-77",
      valid_until: "2099-01-01T00:00:00Z",
    });
    expect((await tenant.admin.get(`/v1/customers/${id}/tax-exemption`)).body).toEqual(second.body);

    const revoked = await tenant.admin.delete(`/v1/customers/${id}/tax-exemption`);
    expect(revoked.body).toEqual(second.body);
    expect((await tenant.admin.get(`/v1/customers/${id}/tax-exemption`)).status).toBe(404);
    expect((await tenant.admin.delete(`/v1/customers/${id}/tax-exemption`)).status).toBe(404);

    const past = tenant.admin.post(`/v1/customers/${id}/tax-exemption`, {
      reason: "Too late",
      valid_until: "2001-01-01T00:00:00Z",
    });
    expect(await expectRefusedFields(past)).toEqual(["$.valid_until"]);
    const blank = tenant.admin.post(`/v1/customers/${id}/tax-exemption`, { reason: "", valid_until: "soon" });
    expect((await expectRefusedFields(blank)).sort()).toEqual(["$.reason", "$.valid_until"]);
    expect((await tenant.admin.post("/v1/customers/cus_missing/tax-exemption", { reason: "x" })).status).toBe(
      404,
    );
  });
});

describe("tax resolution (built-in table)", () => {
  let tenant: TestTenant;
  beforeAll(async () => {
    tenant = await suite.testApp.newTenant();
    for (const rate of [
      { country: "DE", name: "VAT", percent: "19", reverse_charge_eligible: true },
      { country: "FR", name: "TVA", percent: "20", reverse_charge_eligible: true },
      { country: "US", region: "CA", name: "California sales tax", percent: "7.25" },
      { country: "CA", name: "GST", percent: "5" },
      { country: "CA", region: "ON", name: "HST", percent: "13" },
      { country: "AU", name: "GST", percent: "10", inclusive: true },
      { country: "NL", name: "BTW", percent: "21", reverse_charge_eligible: true },
    ]) {
      expect((await tenant.admin.post("/v1/tax-rates", rate)).status).toBe(201);
    }
  });

  it("domestic customer: the country's rate", async () => {
    const id = await customer(tenant, { country: "DE", tax_ids: [{ type: "eu_vat", value: "DE987654321" }] });
    expect(await quoteFor(tenant, id)).toEqual({
      percent: "19",
      inclusive: false,
      reverseCharge: false,
      components: [{ name: "VAT", percent: "19", jurisdiction: "DE" }],
      exemptionReason: null,
      note: null,
    });
  });

  it("region rate, else the country rate, else none", async () => {
    const california = await customer(tenant, {
      country: "US",
      billing_address: { state: "CA", country: "US" },
    });
    expect(await quoteFor(tenant, california)).toMatchObject({
      percent: "7.25",
      components: [{ name: "California sales tax", percent: "7.25", jurisdiction: "US-CA" }],
    });
    const ontario = await customer(tenant, { country: "CA", billing_address: { state: "ON" } });
    expect((await quoteFor(tenant, ontario)).percent).toBe("13");
    const alberta = await customer(tenant, { country: "CA", billing_address: { state: "AB" } });
    expect((await quoteFor(tenant, alberta)).components).toEqual([
      { name: "GST", percent: "5", jurisdiction: "CA" },
    ]);
    const texas = await customer(tenant, { country: "US", billing_address: { state: "TX" } });
    expect(await quoteFor(tenant, texas)).toMatchObject({ percent: "0", components: [], note: null });
  });

  it("exemption before anything else, until it is revoked or runs out", async () => {
    const id = await customer(tenant, {
      country: "FR",
      tax_ids: [{ type: "eu_vat", value: "FR40303265045" }],
    });
    await tenant.admin.post(`/v1/customers/${id}/tax-exemption`, {
      reason: "Registered charity",
      certificate_id: "CH-1",
      valid_until: "2099-01-01T00:00:00Z",
    });
    expect(await quoteFor(tenant, id)).toEqual({
      percent: "0",
      inclusive: false,
      reverseCharge: false,
      components: [],
      exemptionReason: "Registered charity",
      note: "Tax exempt: Registered charity (certificate CH-1)",
    });
    expect((await quoteFor(tenant, id, "2099-01-01T00:00:00Z")).reverseCharge).toBe(true);
    await tenant.admin.delete(`/v1/customers/${id}/tax-exemption`);
    expect((await quoteFor(tenant, id)).exemptionReason).toBeNull();
  });

  it("EU business in another member state with a valid-looking VAT id: reverse charge", async () => {
    const id = await customer(tenant, {
      country: "FR",
      tax_ids: [{ type: "eu_vat", value: "FR 40 303 265 045" }],
    });
    expect(await quoteFor(tenant, id)).toEqual({
      percent: "0",
      inclusive: false,
      reverseCharge: true,
      components: [],
      exemptionReason: null,
      note: "Reverse charge: VAT to be accounted for by the recipient (Art. 196 Directive 2006/112/EC)",
    });
  });

  it("a VAT id that does not look valid for the customer's country: VAT is charged", async () => {
    const wrongCountry = await customer(tenant, {
      country: "NL",
      tax_ids: [{ type: "eu_vat", value: "FR40303265045" }],
    });
    expect(await quoteFor(tenant, wrongCountry)).toMatchObject({ percent: "21", reverseCharge: false });
    const malformed = await customer(tenant, {
      country: "NL",
      tax_ids: [{ type: "eu_vat", value: "NL12345" }],
    });
    expect(await quoteFor(tenant, malformed)).toMatchObject({ percent: "21", reverseCharge: false });
  });

  it("the built-in provider alone is the table: exemptions are taxQuoteFor's to apply", async () => {
    const id = await customer(tenant, { country: "DE" });
    await tenant.admin.post(`/v1/customers/${id}/tax-exemption`, { reason: "Public body" });
    const context = tenant.context();
    const request: TaxRequest = {
      seller: { country: "DE", region: null, taxId: null },
      customer: { id, country: "DE", region: null, taxIds: [] },
      currency: "EUR",
      issuedAt: new Date("2026-03-01T00:00:00Z"),
    };
    expect((await builtInTaxProvider(context.database, context).quote(request)).percent.toString()).toBe(
      "19",
    );
    expect((await taxQuoteFor(context.database, context, request)).exemptionReason).toBe("Public body");
  });

  it("inclusive rate", async () => {
    const id = await customer(tenant, { country: "AU" });
    expect(await quoteFor(tenant, id)).toMatchObject({ percent: "10", inclusive: true });
  });

  it("an archived rate no longer applies; a later one takes over from its valid_from", async () => {
    const own = await suite.testApp.newTenant();
    const old = await own.admin.post("/v1/tax-rates", { country: "DE", name: "VAT", percent: "19" });
    await own.admin.post("/v1/tax-rates", {
      country: "DE",
      name: "VAT",
      percent: "21",
      valid_from: "2027-01-01T00:00:00Z",
    });
    const id = await customer(own, { country: "DE" });
    expect((await quoteFor(own, id, "2026-12-31T00:00:00Z")).percent).toBe("19");
    expect((await quoteFor(own, id, "2027-01-01T00:00:00Z")).percent).toBe("21");
    await own.admin.patch(`/v1/tax-rates/${old.body.id}`, { archived: true });
    expect((await quoteFor(own, id, "2026-12-31T00:00:00Z")).percent).toBe("0");
  });
});

describe("tax settings", () => {
  it("default to the built-in table; an HTTP provider's secret is never shown nor audited", async () => {
    const tenant = await suite.testApp.newTenant();
    expect((await tenant.admin.get("/v1/tax-settings")).body).toEqual({
      tax_provider: { type: "built_in" },
      updated_at: null,
    });
    const secret = "provider-secret-0123456789";
    const updated = await put(tenant, "/v1/tax-settings", {
      tax_provider: { type: "http", url: "https://tax.example/quote", secret },
      reason: "Moving to the external calculator",
    });
    expect(updated.status).toBe(200);
    expect(updated.body.tax_provider).toEqual({
      type: "http",
      url: "https://tax.example/quote",
      timeout_ms: 5000,
      secret_set: true,
    });
    expect((await tenant.admin.get("/v1/tax-settings")).body).toEqual(updated.body);
    const audit = await tenant.admin.get("/v1/audit-events?object_type=tax_settings");
    expect(audit.body.data).toHaveLength(1);
    expect(JSON.stringify(audit.body)).not.toContain(secret);

    const back = await put(tenant, "/v1/tax-settings", { tax_provider: { type: "built_in" } });
    expect(back.body.tax_provider).toEqual({ type: "built_in" });
  });

  it("refuse a provider URL that is not http(s), or a short secret, by path", async () => {
    const tenant = await suite.testApp.newTenant();
    const ftp = await put(tenant, "/v1/tax-settings", {
      tax_provider: { type: "http", url: "ftp://tax.example/quote", secret: "0123456789abcdef" },
    });
    expect(ftp.status).toBe(400);
    expect(ftp.body.errors).toEqual([
      { path: "$.tax_provider.url", message: "must start with https:// or http://" },
    ]);
    const short = await put(tenant, "/v1/tax-settings", {
      tax_provider: { type: "http", url: "https://tax.example", secret: "short", timeout_ms: 5 },
    });
    expect(short.status).toBe(400);
    const paths = short.body.errors.map((error: { path: string }) => error.path);
    expect(paths).toEqual(expect.arrayContaining(["$.tax_provider.secret", "$.tax_provider.timeout_ms"]));
    const viewer = await tenant.client("viewer");
    expect((await viewer.get("/v1/tax-settings")).status).toBe(200);
  });

  it("never answer a bad PUT body with a 500 (the shared fuzz test sends PUT routes a POST)", async () => {
    const tenant = await suite.testApp.newTenant();
    const anything = fc.oneof(fc.jsonValue(), fc.string({ maxLength: 3000 }), fc.constant(null));
    const provider = fc.oneof(
      anything,
      fc.record(
        {
          type: fc.oneof(fc.constantFrom("http", "built_in"), anything),
          url: fc.oneof(
            fc.webUrl(),
            fc.constantFrom("http://", "javascript:alert(1)", "http://user:pw@x.example"),
            anything,
          ),
          secret: fc.oneof(fc.string({ minLength: 16, maxLength: 40 }), anything),
          timeout_ms: fc.oneof(fc.integer(), anything),
        },
        { requiredKeys: [] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          { tax_provider: provider, reason: fc.option(anything, { nil: undefined }) },
          { requiredKeys: [] },
        ),
        async (body) => {
          const response = await put(tenant, "/v1/tax-settings", body);
          expect(response.status, JSON.stringify(body).slice(0, 200)).toBeLessThan(500);
          if (response.body.code === "validation_failed") {
            for (const error of response.body.errors) expect(error.path).toMatch(/^\$/);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
