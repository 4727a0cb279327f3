// The customer portal through the API: a link is issued for one customer,
// its token opens /v1/portal for that customer only and nothing else; an
// expired, changed, revoked or foreign token is refused. What the portal
// shows matches the seller's own view (the upcoming invoice), and the
// customer sets and deletes its own spend alerts. Against a local server that
// speaks Stripe's API, the customer sets up a card and pays an open invoice,
// once however often it clicks.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  collectThroughLocalStripe,
  createCustomer,
  createMeter,
  createOneOffInvoice,
  createPlan,
  subscribe,
} from "../../test/support/builders.ts";
import { type LocalStripe, startLocalStripe } from "../../test/support/local-stripe-server.ts";
import { expectRefusedAt } from "../../test/support/responses.ts";
import { type TestTenant, testAppForFile } from "../../test/support/test-app.ts";
import type { Clock } from "../platform/clock.ts";

const day = 24 * 3600 * 1000;
// A clock the test moves by hand: links expire, periods advance.
let nowMs = Date.parse("2026-03-01T00:00:00Z");
const clock: Clock = { now: () => new Date(nowMs) };

const suite = testAppForFile({
  clock,
  tenantName: "Portal seller",
  allowPrivateTargets: true,
});
let stranger: TestTenant;
let customerId: string;
let otherCustomerId: string;
let stripe: LocalStripe | undefined;

async function newCustomer(target: TestTenant, externalId: string): Promise<string> {
  const customer = await createCustomer(target.admin, {
    external_id: externalId,
    name: `Customer ${externalId}`,
    currency: "USD",
    timezone: "UTC",
    locale: "en-US",
  });
  return customer.id;
}

async function portalLink(target: TestTenant, id: string, body: Record<string, unknown> = {}) {
  const response = await target.admin.post(`/v1/customers/${id}/portal-links`, body);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { url: string; token: string; expires_at: string; customer_id: string };
}

function portal(token: string) {
  return suite.testApp.rawClient(`Portal ${token}`);
}

beforeAll(async () => {
  stranger = await suite.testApp.newTenant("Another seller");
  await createMeter(suite.tenant.admin, { code: "api_calls" });
  const plan = await createPlan(suite.tenant.admin, {
    code: "metered",
    name: "Metered",
    version: {
      charges: [
        { id: "base", type: "fixed", amount: "20.00", timing: "in_arrears" },
        { id: "calls", type: "usage", meter: "api_calls", model: "per_unit", unit_price: "0.50" },
      ],
    },
  });
  customerId = await newCustomer(suite.tenant, "portal-acme");
  otherCustomerId = await newCustomer(suite.tenant, "portal-globex");
  for (const id of [customerId, otherCustomerId]) {
    await subscribe(suite.tenant.admin, { customer_id: id, plan_id: plan.id, currency: "USD" });
  }
  nowMs += 5 * day;
  const events = Array.from({ length: 6 }, (_, index) => ({
    id: `portal-call-${index}`,
    customer: "portal-acme",
    name: "api_call",
    timestamp: new Date(nowMs - (index % 3) * day - 3600_000).toISOString(),
  }));
  const sent = await suite.tenant.admin.post("/v1/events/batch", { events });
  expect(sent.status, JSON.stringify(sent.body)).toBeLessThan(300);
  // A finalized invoice to download.
  await createOneOffInvoice(suite.tenant.admin, customerId, [
    { description: "Onboarding", quantity: "1", unit_amount: "150.00" },
  ]);
});
afterAll(async () => {
  await stripe?.close();
});

describe("portal links", () => {
  it("issues a link to the portal page with a token that expires after the asked lifetime", async () => {
    const link = await portalLink(suite.tenant, customerId, {
      expires_in_seconds: 600,
      return_url: "https://app.example.com/settings",
    });
    expect(link.customer_id).toBe(customerId);
    expect(link.token).toMatch(/^fbp_/);
    expect(link.expires_at).toBe(new Date(nowMs + 600_000).toISOString());
    const url = new URL(link.url);
    expect(url.pathname).toBe("/portal/");
    const fragment = new URLSearchParams(url.hash.slice(1));
    expect(fragment.get("token")).toBe(link.token);
    expect(fragment.get("return_url")).toBe("https://app.example.com/settings");

    const me = await portal(link.token).get("/v1/portal/me");
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      customer_id: customerId,
      name: "Customer portal-acme",
      email: null,
      currency: "USD",
      locale: "en-US",
      timezone: "UTC",
      // No branding set: the seller's name alone (the organization's, until the invoicing settings name one).
      seller: {
        name: expect.any(String),
        logo_url: null,
        primary_color: null,
        primary_text_color: null,
        accent_color: null,
      },
    });

    const started = nowMs;
    nowMs = started + 599_000;
    expect((await portal(link.token).get("/v1/portal/me")).status).toBe(200);
    nowMs = started + 600_000;
    const expired = await portal(link.token).get("/v1/portal/me");
    expect(expired.status).toBe(401);
    expect(expired.body.detail).toMatch(/expired/);
    nowMs = started;
  });

  it("defaults to an hour, refuses more than seven days and a return URL that is not a web address", async () => {
    const link = await portalLink(suite.tenant, customerId);
    expect(Date.parse(link.expires_at) - nowMs).toBe(3600_000);
    const tooLong = await suite.tenant.admin.post(`/v1/customers/${customerId}/portal-links`, {
      expires_in_seconds: 7 * 24 * 3600 + 1,
    });
    expectRefusedAt(tooLong, "$.expires_in_seconds");
    const script = await suite.tenant.admin.post(`/v1/customers/${customerId}/portal-links`, {
      return_url: "javascript:alert(1)",
    });
    expectRefusedAt(script, "$.return_url");
    const missing = await suite.tenant.admin.post("/v1/customers/cus_missing/portal-links", {});
    expect(missing.status).toBe(404);
    const viewer = await suite.tenant.client("viewer");
    expect((await viewer.post(`/v1/customers/${customerId}/portal-links`, {})).status).toBe(403);
  });

  it("issues a link for a request without a body, as the body is optional", async () => {
    const response = await suite.testApp.app.inject({
      method: "POST",
      url: `/v1/customers/${customerId}/portal-links`,
      headers: { authorization: `Bearer ${suite.tenant.admin.key}` },
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().customer_id).toBe(customerId);
  });

  it("refuses a changed token, a token signed for another customer, and any token after a rotation", async () => {
    const link = await portalLink(suite.tenant, customerId);
    const [claims, signature] = link.token.slice(4).split(".") as [string, string];
    const decoded = JSON.parse(Buffer.from(claims, "base64url").toString("utf8"));
    const forOther = Buffer.from(JSON.stringify({ ...decoded, customer_id: otherCustomerId })).toString(
      "base64url",
    );
    expect((await portal(`fbp_${forOther}.${signature}`).get("/v1/portal/me")).status).toBe(401);
    const longer = Buffer.from(JSON.stringify({ ...decoded, exp: decoded.exp + 86_400 })).toString(
      "base64url",
    );
    expect((await portal(`fbp_${longer}.${signature}`).get("/v1/portal/me")).status).toBe(401);
    const flipped = `${signature.slice(0, -2)}${signature.endsWith("AA") ? "AB" : "AA"}`;
    expect((await portal(`fbp_${claims}.${flipped}`).get("/v1/portal/me")).status).toBe(401);
    expect((await portal("fbp_garbage").get("/v1/portal/me")).status).toBe(401);
    // Claims that are JSON but not an object (null, a number) are a bad token too, not a server error.
    for (const notAnObject of ["null", "7"]) {
      const encoded = Buffer.from(notAnObject).toString("base64url");
      expect((await portal(`fbp_${encoded}.${signature}`).get("/v1/portal/me")).status).toBe(401);
    }
    expect((await suite.testApp.rawClient(undefined).get("/v1/portal/me")).status).toBe(401);

    // Another organization's link does not open this one's customer, even with the same customer id in it.
    const strangerCustomer = await newCustomer(stranger, "stranger-customer");
    const strangerLink = await portalLink(stranger, strangerCustomer);
    const strangerMe = await portal(strangerLink.token).get("/v1/portal/me");
    expect(strangerMe.body.customer_id).toBe(strangerCustomer);

    expect((await portal(link.token).get("/v1/portal/me")).status).toBe(200);
    const rotated = await suite.tenant.admin.post("/v1/portal-secret/rotate", {});
    expect(rotated.status).toBe(200);
    expect((await portal(link.token).get("/v1/portal/me")).status).toBe(401);
    // The other organization's links are untouched by this rotation.
    expect((await portal(strangerLink.token).get("/v1/portal/me")).status).toBe(200);
    const fresh = await portalLink(suite.tenant, customerId);
    expect((await portal(fresh.token).get("/v1/portal/me")).status).toBe(200);

    const audit = await suite.tenant.admin.get("/v1/audit-events?action=portal_secret.rotated");
    expect(audit.body.data.length).toBeGreaterThan(0);
  });

  it("a portal token reaches no route but the portal's, and an API key does not reach the portal", async () => {
    const { token } = await portalLink(suite.tenant, customerId);
    for (const path of [
      `/v1/customers/${customerId}`,
      `/v1/customers/${customerId}/upcoming-invoice`,
      "/v1/invoices",
      `/v1/customers/${otherCustomerId}/alerts`,
    ]) {
      expect((await portal(token).get(path)).status, path).toBe(401);
    }
    expect((await suite.testApp.rawClient(`Bearer ${token}`).get("/v1/customers")).status).toBe(401);
    const withApiKey = await suite.tenant.admin.get("/v1/portal/me");
    expect(withApiKey.status).toBe(403);
    expect(withApiKey.body.detail).toMatch(/portal token/);
  });
});

describe("the portal API", () => {
  it("shows the same cost to date as the upcoming invoice, a linear forecast and daily usage", async () => {
    const { token } = await portalLink(suite.tenant, customerId);
    const seller = await suite.tenant.admin.get(`/v1/customers/${customerId}/upcoming-invoice`);
    expect(seller.status).toBe(200);
    const upcoming = await portal(token).get("/v1/portal/upcoming-invoice");
    expect(upcoming.status, JSON.stringify(upcoming.body)).toBe(200);
    expect(upcoming.body.cost_to_date).toBe(seller.body.total);
    expect(upcoming.body.invoice).toEqual(seller.body);
    // Six calls at 0.50 in the 5 days of a 31-day March, plus the base fee in arrears.
    expect(seller.body.subtotal).toBe("23.00");
    expect(upcoming.body.forecast).toMatchObject({
      method: "linear",
      period_start: "2026-03-01T00:00:00.000Z",
      period_end: "2026-04-01T00:00:00.000Z",
      usage_to_date: "3.00",
      usage_forecast: "18.60",
      subtotal_to_date: "23.00",
      subtotal_forecast: "38.60",
    });

    const usage = await portal(token).get("/v1/portal/usage");
    expect(usage.status, JSON.stringify(usage.body)).toBe(200);
    expect(usage.body.meters).toHaveLength(1);
    const [meter] = usage.body.meters;
    expect(meter).toMatchObject({
      meter: "api_calls",
      name: "API calls",
      quantity: "6",
      display_decimals: 2,
      amount: "3.00",
    });
    expect(meter.days).toHaveLength(5);
    expect(meter.days.map((window: { value: string }) => window.value)).toEqual(["0", "0", "2", "2", "2"]);
  });

  it("lists the customer's finalized invoices and serves their PDF, never another customer's", async () => {
    const { token } = await portalLink(suite.tenant, customerId);
    const invoices = await portal(token).get("/v1/portal/invoices");
    expect(invoices.status).toBe(200);
    expect(invoices.body.data).toHaveLength(1);
    const [invoice] = invoices.body.data;
    expect(invoice).toMatchObject({ customer_id: customerId, total: "150.00" });
    const pdf = await portal(token).get(`/v1/portal/invoices/${invoice.id}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(String(pdf.body).startsWith("%PDF")).toBe(true);

    const other = await suite.tenant.admin.post("/v1/invoices", {
      customer_id: otherCustomerId,
      currency: "USD",
      lines: [{ description: "Other", quantity: "1", unit_amount: "5.00" }],
      finalize: true,
    });
    expect(other.status).toBe(201);
    expect((await portal(token).get(`/v1/portal/invoices/${other.body.id}/pdf`)).status).toBe(404);
    const otherToken = (await portalLink(suite.tenant, otherCustomerId)).token;
    const otherList = await portal(otherToken).get("/v1/portal/invoices");
    expect(otherList.body.data.map((item: { id: string }) => item.id)).toEqual([other.body.id]);
  });

  it("reads the customer's credit balances", async () => {
    const grant = await suite.tenant.admin.post(`/v1/customers/${customerId}/credit-grants`, {
      currency: "USD",
      amount: "12.50",
      name: "Welcome credit",
      type: "promotional",
    });
    expect(grant.status, JSON.stringify(grant.body)).toBe(201);
    const { token } = await portalLink(suite.tenant, customerId);
    const balances = await portal(token).get("/v1/portal/credit-balances");
    expect(balances.status).toBe(200);
    const seller = await suite.tenant.admin.get(`/v1/customers/${customerId}/credit-balances`);
    expect(balances.body).toEqual(seller.body);
    expect(balances.body.data[0]).toMatchObject({ currency: "USD", available: "12.50" });
  });

  it("sets, lists and deletes the customer's own spend alerts, and no one else's", async () => {
    const { token } = await portalLink(suite.tenant, customerId);
    const sellerAlert = await suite.tenant.admin.post(`/v1/customers/${customerId}/alerts`, {
      kind: "spend",
      threshold: "1000",
    });
    expect(sellerAlert.status).toBe(201);
    const created = await portal(token).post("/v1/portal/alerts", { threshold: "50", name: "Budget" });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      customer_id: customerId,
      kind: "spend",
      currency: "USD",
      threshold: "50.00",
      name: "Budget",
      created_by: { type: "portal", id: customerId },
    });
    const bad = await portal(token).post("/v1/portal/alerts", { threshold: "0.001" });
    expectRefusedAt(bad, "$.threshold");

    const listed = await portal(token).get("/v1/portal/alerts");
    expect(listed.body.data.map((rule: { id: string }) => rule.id)).toEqual([created.body.id]);
    // The seller's alert on the customer, and another customer's, are not the customer's to delete.
    expect((await portal(token).delete(`/v1/portal/alerts/${sellerAlert.body.id}`)).status).toBe(404);
    const otherToken = (await portalLink(suite.tenant, otherCustomerId)).token;
    expect((await portal(otherToken).delete(`/v1/portal/alerts/${created.body.id}`)).status).toBe(404);
    expect((await portal(otherToken).get("/v1/portal/alerts")).body.data).toEqual([]);

    const deleted = await portal(token).delete(`/v1/portal/alerts/${created.body.id}`);
    expect(deleted.status).toBe(200);
    expect((await portal(token).get("/v1/portal/alerts")).body.data).toEqual([]);
    const sellerView = await suite.tenant.admin.get(`/v1/customers/${customerId}/alerts`);
    expect(sellerView.body.data.map((rule: { id: string }) => rule.id)).toEqual([sellerAlert.body.id]);
  });
});

describe("billing details in the portal", () => {
  it("changes the billing email, address and tax number, refusing one that is not the country's", async () => {
    const { token } = await portalLink(suite.tenant, otherCustomerId);
    const put = (body: Record<string, unknown>) => portal(token).put("/v1/portal/billing-details", body);
    const badEmail = await put({ email: "not an email" });
    expectRefusedAt(badEmail, "$.email");
    const noCountry = await put({ tax_id: "DE136695976" });
    expect(noCountry.status).toBe(400);
    expect(noCountry.body.errors[0]).toMatchObject({
      path: "$.tax_id",
      message: expect.stringMatching(/country/),
    });
    const wrongForCountry = await put({
      billing_address: { line1: "Unter den Linden 1", city: "Berlin", postal_code: "10117", country: "DE" },
      tax_id: "GB123456789",
    });
    expect(wrongForCountry.status).toBe(400);
    expect(wrongForCountry.body.errors[0]).toMatchObject({ path: "$.tax_id" });
    expect(wrongForCountry.body.errors[0].message).toMatch(/EU VAT number for DE/);

    const saved = await put({
      email: "ap@globex.example",
      billing_address: { line1: "Unter den Linden 1", city: "Berlin", postal_code: "10117", country: "DE" },
      tax_id: "de 136 695 976",
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toEqual({
      name: "Customer portal-globex",
      email: "ap@globex.example",
      billing_address: { line1: "Unter den Linden 1", city: "Berlin", postal_code: "10117", country: "DE" },
      tax_id: "DE136695976",
    });
    const seller = await suite.tenant.admin.get(`/v1/customers/${otherCustomerId}`);
    expect(seller.body).toMatchObject({
      email: "ap@globex.example",
      tax_ids: [{ type: "eu_vat", value: "DE136695976" }],
    });
    expect((await put({ tax_id: null })).body.tax_id).toBeNull();
    const audit = await suite.tenant.admin.get(
      `/v1/audit-events?action=customer.updated&object_id=${otherCustomerId}`,
    );
    expect(audit.body.data[0].actor).toMatchObject({ type: "portal" });
  });
});

describe("paying in the portal", () => {
  it("sets up a card through Stripe and pays an open invoice once, however often the customer clicks", async () => {
    const payer = await newCustomer(suite.tenant, "portal-payer");
    const { token } = await portalLink(suite.tenant, payer);
    const invoice = await createOneOffInvoice(suite.tenant.admin, payer, [
      { description: "Annual support", quantity: "1", unit_amount: "240.00" },
    ]);
    const pay = () => portal(token).post(`/v1/portal/invoices/${invoice.id}/pay`, {});

    // The environment records payments by hand: nothing is charged.
    const manual = await pay();
    expect(manual.status).toBe(409);
    expect(manual.body.detail).toMatch(/by hand/);

    stripe = await startLocalStripe();
    await collectThroughLocalStripe(suite.tenant.admin, stripe);
    const noCard = await pay();
    expect(noCard.status).toBe(409);
    expect(noCard.body.detail).toMatch(/no payment method on file/);

    // Stripe checks a card when it is set up: a declined one is refused, naming the field.
    const declined = await portal(token).post("/v1/portal/payment-methods", {
      payment_method: "pm_card_chargeDeclined",
    });
    expect(declined.status).toBe(400);
    expect(declined.body.errors[0]).toMatchObject({ path: "$.payment_method" });
    expect(declined.body.errors[0].message).toMatch(/declined/);
    const malformed = await portal(token).post("/v1/portal/payment-methods", { payment_method: "4242" });
    expectRefusedAt(malformed, "$.payment_method");

    const added = await portal(token).post("/v1/portal/payment-methods", { payment_method: "pm_card_visa" });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body).toMatchObject({
      customer_id: payer,
      is_default: true,
      card: { brand: "visa", last4: "4242" },
    });
    const setups = stripe.requests.filter((request) => request.path === "/v1/setup_intents");
    expect(setups.at(-1)?.params).toMatchObject({ usage: "off_session", confirm: "true" });
    // Replacing the card: the new one is charged from now on.
    const replaced = await portal(token).post("/v1/portal/payment-methods", {
      payment_method: "pm_card_mastercard",
    });
    expect(replaced.status).toBe(201);
    const methods = await portal(token).get("/v1/portal/payment-methods");
    expect(
      methods.body.data.map((method: { card: { last4: string }; is_default: boolean }) => method),
    ).toEqual([
      expect.objectContaining({ card: expect.objectContaining({ last4: "4444" }), is_default: true }),
      expect.objectContaining({ card: expect.objectContaining({ last4: "4242" }), is_default: false }),
    ]);

    // Two clicks at once, then a third: one charge.
    const [first, second] = await Promise.all([pay(), pay()]);
    const third = await pay();
    for (const answer of [first, second, third]) {
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      expect(answer.body.invoice.status).toBe("paid");
    }
    const charged = stripe.paymentIntentsOfInvoice(invoice.id);
    expect(charged).toHaveLength(1);
    expect(charged[0]).toMatchObject({
      amount: 24000,
      payment_method: "pm_card_mastercard",
      status: "succeeded",
    });
    const payments = await suite.tenant.admin.get(`/v1/payments?invoice_id=${invoice.id}`);
    expect(payments.body.data).toMatchObject([{ origin: "portal", status: "succeeded", amount: "240.00" }]);
    expect((await suite.tenant.admin.get(`/v1/invoices/${invoice.id}`)).body.status).toBe("paid");

    // The statement of account: the invoice, then its payment, adding up to nothing owed.
    const statement = await portal(token).get("/v1/portal/statement");
    expect(statement.status).toBe(200);
    expect(statement.headers["content-type"]).toMatch(/^text\/csv/);
    const number = invoice.number;
    const paymentId = payments.body.data[0].id;
    const today = new Date(nowMs).toISOString().slice(0, 10);
    expect(String(statement.body).split("\r\n")).toEqual([
      "date,type,reference,description,debit,credit,balance,currency",
      `${today},,,Balance brought forward,,,0.00,USD`,
      `${today},invoice,${number},Invoice,240.00,,240.00,USD`,
      `${today},payment,${paymentId},Payment of ${number},,240.00,0.00,USD`,
      `${today},,,Closing balance,240.00,240.00,0.00,USD`,
      "",
    ]);
    const backwards = await portal(token).get(
      `/v1/portal/statement?from=${new Date(nowMs + day).toISOString()}&to=${new Date(nowMs).toISOString()}`,
    );
    expectRefusedAt(backwards, "$.from");

    // Another customer's invoice is not this customer's to pay.
    const other = await suite.tenant.admin.post("/v1/invoices", {
      customer_id: otherCustomerId,
      currency: "USD",
      lines: [{ description: "Other", quantity: "1", unit_amount: "9.00" }],
      finalize: true,
    });
    expect((await portal(token).post(`/v1/portal/invoices/${other.body.id}/pay`, {})).status).toBe(404);
  });
});
