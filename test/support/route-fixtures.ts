// For every API route: how to make, in a tenant, the objects its path names,
// and a valid body for it. The tenant-isolation walk and the bad-input
// property test call every route in the OpenAPI document through these, so a
// new route needs an entry here (the walk fails and says so otherwise).
import { placeCustomerHolds } from "../../src/invoicing/index.ts";
import { queueEmail } from "../../src/notifications/index.ts";
import type { TestTenant } from "./test-app.ts";

export type RouteFixture = {
  /** Makes what the path names in `tenant` and returns the path parameters (the query's, for names the path lacks). */
  params?: (tenant: TestTenant) => Promise<Record<string, string>>;
  /** A body that the route would accept in `tenant` with those parameters. */
  body?: (tenant: TestTenant, params: Record<string, string>) => Promise<unknown> | unknown;
};

let counter = 0;
/** A value unique within the test run, for external ids and codes. */
function unique(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}`;
}

async function customerId(tenant: TestTenant): Promise<string> {
  const response = await tenant.admin.post("/v1/customers", { external_id: unique("fixture-customer") });
  return response.body.id;
}

async function apiKeyId(tenant: TestTenant): Promise<string> {
  const response = await tenant.admin.post("/v1/api-keys", { name: "fixture key", role: "viewer" });
  return response.body.api_key.id;
}

async function serviceAccountId(tenant: TestTenant): Promise<string> {
  const response = await tenant.admin.post("/v1/service-accounts", { name: unique("robot"), role: "viewer" });
  return response.body.id;
}

async function invitationId(tenant: TestTenant): Promise<string> {
  const response = await tenant.admin.post("/v1/invitations", {
    email: `${unique("invitee")}@example.com`,
    name: "Invited person",
    role: "viewer",
  });
  return response.body.id;
}

/**
 * A change to the approval policy, proposed and then approved by a second
 * admin, so that the test environment publishes without approval as before
 * (other fixtures publish plans directly).
 */
async function policyChangeId(tenant: TestTenant): Promise<string> {
  await tenant.admin.patch("/v1/catalog/approval-policy", { publish_requires_approval: true });
  const proposed = await tenant.admin.patch("/v1/catalog/approval-policy", {
    publish_requires_approval: false,
  });
  const id: string = proposed.body.pending_change.id;
  const secondAdmin = await tenant.client("admin");
  await secondAdmin.post(`/v1/catalog/approval-policy/changes/${id}/approve`, {});
  return id;
}

/**
 * A coupon waiting for another person's approval: the policy is tightened for
 * a moment (coupons above 99% off), a billing operator asks for a 100% one,
 * and a second admin puts the policy back as it was.
 */
async function approvalRequestId(tenant: TestTenant): Promise<string> {
  const policy = (await tenant.admin.get("/v1/catalog/approval-policy")).body;
  const requiredFor = policy.approval_required_for;
  await tenant.admin.patch("/v1/catalog/approval-policy", {
    approval_required_for: { ...requiredFor, coupons_above: { ...requiredFor.coupons_above, percent: "99" } },
  });
  const author = await tenant.client("billing_ops");
  const refused = await author.post("/v1/coupons", {
    code: unique("FREE"),
    name: "Fixture coupon",
    type: "percentage",
    percent: "100",
    duration: "once",
  });
  const restored = await tenant.admin.patch("/v1/catalog/approval-policy", {
    approval_required_for: requiredFor,
  });
  const secondAdmin = await tenant.client("admin");
  await secondAdmin.post(
    `/v1/catalog/approval-policy/changes/${restored.body.pending_change.id}/approve`,
    {},
  );
  const id = /approval request (apq_\w+)/.exec(refused.body.detail ?? "")?.[1];
  if (id === undefined) throw new Error(`No approval request was made: ${JSON.stringify(refused.body)}`);
  return id;
}

async function meterId(tenant: TestTenant): Promise<string> {
  const response = await tenant.admin.post("/v1/meters", {
    code: unique("fixture-meter"),
    name: "Fixture meter",
    event_name: "fixture_event",
    aggregation: "count",
  });
  return response.body.id;
}

function fixtureEvent(): { id: string; customer: string; name: string } {
  return { id: unique("fixture-event"), customer: "fixture-events-customer", name: "fixture_event" };
}

async function eventId(tenant: TestTenant): Promise<string> {
  const event = fixtureEvent();
  await tenant.admin.post("/v1/events", event);
  return event.id;
}

async function productId(tenant: TestTenant): Promise<string> {
  const response = await tenant.admin.post("/v1/products", {
    code: unique("product"),
    name: "Fixture product",
  });
  return response.body.id;
}

async function booleanFeature(tenant: TestTenant): Promise<{ id: string; code: string }> {
  const response = await tenant.admin.post("/v1/features", {
    code: unique("feature"),
    name: "Fixture feature",
    kind: "boolean",
  });
  return { id: response.body.id, code: response.body.code };
}

/** A plan whose version 1 is in the given state (drafted and published with the admin key, submitted by billing_ops). */
async function planIn(
  tenant: TestTenant,
  state: "draft" | "pending_approval" | "published",
): Promise<{ id: string; code: string }> {
  const code = unique("plan");
  const created = await tenant.admin.post("/v1/plans", {
    code,
    name: "Fixture plan",
    version: {
      currency: "USD",
      interval: "month",
      charges: [{ id: "base", type: "fixed", amount: "10.00" }],
    },
  });
  const id: string = created.body.id;
  if (state === "published") await tenant.admin.post(`/v1/plans/${id}/versions/1/publish`, {});
  if (state === "pending_approval") {
    const billingOps = await tenant.client("billing_ops");
    await billingOps.post(`/v1/plans/${id}/versions/1/submit`, {});
  }
  return { id, code };
}

const firstVersionOf =
  (state: "draft" | "pending_approval" | "published") =>
  async (tenant: TestTenant): Promise<Record<string, string>> => ({
    id: (await planIn(tenant, state)).id,
    version: "1",
  });

/** A customer subscribed to a published plan, from now. */
async function subscriptionOf(
  tenant: TestTenant,
): Promise<{ id: string; customerId: string; planId: string }> {
  const customer = await customerId(tenant);
  const plan = await planIn(tenant, "published");
  const response = await tenant.admin.post("/v1/subscriptions", { customer_id: customer, plan_id: plan.id });
  return { id: response.body.id, customerId: customer, planId: plan.id };
}

/** A subscribed plan with a published version 2 to migrate its subscribers to. */
async function planWithTwoVersions(tenant: TestTenant): Promise<string> {
  const { planId } = await subscriptionOf(tenant);
  await tenant.admin.post(`/v1/plans/${planId}/versions`, { trial_days: 7 });
  await tenant.admin.post(`/v1/plans/${planId}/versions/2/publish`, {});
  return planId;
}

const rolloutBody = async (tenant: TestTenant) => ({
  plan_id: await planWithTwoVersions(tenant),
  from_version: 1,
  to_version: 2,
  stages: [{ percent: "100", start: "at", at: "2099-01-01T00:00:00Z" }],
  guardrails: { customer_change_percent: "20" },
});

/** A staged rollout whose only stage starts in 2099. */
async function rolloutId(tenant: TestTenant): Promise<string> {
  const response = await tenant.admin.post("/v1/rollouts", await rolloutBody(tenant));
  return response.body.id;
}

const experimentBody = async (tenant: TestTenant) => ({
  name: "fixture experiment",
  plan_id: await planWithTwoVersions(tenant),
  control: { version: 1 },
  variants: [{ version: 2 }],
  assignment: "hash",
  audience: "existing_next_period",
  ends_at: "2099-01-01T00:00:00Z",
});

/** A running experiment on a new plan's subscriber. */
async function experimentId(tenant: TestTenant): Promise<string> {
  return (await tenant.admin.post("/v1/experiments", await experimentBody(tenant))).body.id;
}

/** The id of a draft plan version, which a backtest may price. */
async function draftVersionId(tenant: TestTenant): Promise<string> {
  const plan = await planIn(tenant, "draft");
  return (await tenant.admin.get(`/v1/plans/${plan.id}/versions/1`)).body.id;
}

const backtestBody = async (tenant: TestTenant) => ({
  plan_version_id: await draftVersionId(tenant),
  from: "2020-01-01T00:00:00Z",
  to: "2020-04-01T00:00:00Z",
});

/** A backtest, queued (the walk runs no jobs). */
async function backtestId(tenant: TestTenant): Promise<string> {
  return (await tenant.admin.post("/v1/backtests", await backtestBody(tenant))).body.id;
}

const importBody = () => ({
  source: "stripe",
  dry_run: true,
  stripe: { secret_key: "sk_test_fixture", api_base_url: "https://api.stripe.example" },
});

/** An import, queued (the walk runs no jobs). */
async function importId(tenant: TestTenant): Promise<string> {
  return (await tenant.admin.post("/v1/imports", importBody())).body.id;
}

/** The old system's invoice, in the old_invoices template, of a customer of its own (Fairbill bills it nothing). */
async function parallelRunBody(tenant: TestTenant) {
  const externalId = unique("fixture-old-customer");
  await tenant.admin.post("/v1/customers", { external_id: externalId, currency: "USD" });
  return {
    old_invoices_csv:
      "customer_external_id,invoice_number,period_start,period_end,charge_code,amount\n" +
      `${externalId},OLD-1,2020-01-01T00:00:00Z,2020-02-01T00:00:00Z,base,25.00\n`,
  };
}

async function parallelRunId(tenant: TestTenant): Promise<string> {
  return (await tenant.admin.post("/v1/parallel-runs", await parallelRunBody(tenant))).body.id;
}

/** A published plan with a test matrix of one scenario: its id and version 1. */
async function planWithTestMatrix(tenant: TestTenant): Promise<Record<string, string>> {
  const plan = await planIn(tenant, "published");
  await tenant.admin.put(`/v1/plans/${plan.id}/test-matrix`, {
    scenarios: [
      {
        name: "fixture",
        scenario: {
          version: 1,
          currency: "USD",
          meters: [],
          plans: [
            { code: plan.code, interval: "month", charges: [{ id: "base", type: "fixed", amount: "10.00" }] },
          ],
          subscription: { plan: plan.code, start: "2031-01-01T00:00:00Z" },
          events: [],
          bill_until: "2031-02-01T00:00:00Z",
          expected: { invoices: [] },
        },
      },
    ],
  });
  return { id: plan.id, version: "1" };
}

const nextYear = `${new Date().getUTCFullYear() + 1}-01-01T00:00:00Z`;

const yearAfterNext = `${new Date().getUTCFullYear() + 2}-01-01T00:00:00Z`;

/** A contract's body around a new subscription that starts next year, with a prepaid commit. */
async function contractBody(tenant: TestTenant): Promise<Record<string, unknown>> {
  const customer = await customerId(tenant);
  const plan = await planIn(tenant, "published");
  const subscription = await tenant.admin.post("/v1/subscriptions", {
    customer_id: customer,
    plan_id: plan.id,
    start_at: nextYear,
  });
  return {
    customer_id: customer,
    subscription_id: subscription.body.id,
    start: nextYear,
    end: yearAfterNext,
    commits: [{ id: "prepaid", type: "prepaid", amount: "1000.00" }],
  };
}

async function contractId(tenant: TestTenant): Promise<string> {
  const response = await tenant.admin.post("/v1/contracts", await contractBody(tenant));
  return response.body.id;
}

function billingEntityBody() {
  const code = unique("entity").toLowerCase();
  const prefix = code
    .toUpperCase()
    .replaceAll(/[^A-Z0-9]/g, "")
    .slice(-12);
  return {
    code,
    legal_name: "Fixture Entity Ltd",
    country: "IE",
    invoice_prefix: `I${prefix}`,
    credit_note_prefix: `C${prefix}`,
    default_currency: "EUR",
  };
}

async function billingEntityId(tenant: TestTenant): Promise<string> {
  const response = await tenant.admin.post("/v1/billing-entities", billingEntityBody());
  return response.body.id;
}

async function partnerId(tenant: TestTenant): Promise<string> {
  const response = await tenant.admin.post("/v1/partners", {
    code: unique("partner").toLowerCase(),
    name: "Fixture Partner",
    kind: "reseller",
    currency: "USD",
  });
  return response.body.id;
}

/** A partner with an agreement from 2030, and its January 2030 statement (a draft). */
async function partnerSettlementId(tenant: TestTenant): Promise<string> {
  const partner = await partnerId(tenant);
  await tenant.admin.post(`/v1/partners/${partner}/agreements`, {
    effective_from: "2030-01-01T00:00:00Z",
    basis: "accrual",
    activation_fee: "10.00",
  });
  const response = await tenant.admin.post("/v1/partner-settlements", {
    partner_id: partner,
    period: "2030-01",
  });
  return response.body.id;
}

async function webhookEndpointId(tenant: TestTenant): Promise<string> {
  const response = await tenant.admin.post("/v1/webhook-endpoints", {
    url: "https://fixture-webhooks.invalid/fairbill",
    event_types: ["*"],
  });
  return response.body.endpoint.id;
}

/** An event delivered to one endpoint (a customer made after it): its id and its delivery's id. */
async function webhookEvent(tenant: TestTenant): Promise<{ eventId: string; deliveryId: string }> {
  const endpointId = await webhookEndpointId(tenant);
  const created = await customerId(tenant);
  const events = await tenant.admin.get("/v1/webhook-events?type=customer.created&limit=100");
  const event = events.body.data.find((candidate: { data: { id: string } }) => candidate.data.id === created);
  const detail = await tenant.admin.get(`/v1/webhook-events/${event.id}`);
  const delivery = detail.body.deliveries.find(
    (candidate: { endpoint_id: string }) => candidate.endpoint_id === endpointId,
  );
  return { eventId: event.id, deliveryId: delivery.id };
}

async function emailTemplateVersionId(tenant: TestTenant): Promise<string> {
  const response = await tenant.admin.post("/v1/email-templates", emailTemplateBody());
  return response.body.id;
}

function emailTemplateBody() {
  return {
    template: "invoice_issued",
    subject: "Invoice {{invoice.number}}",
    html_body: "<p>Hello {{customer.name}}</p>",
    text_body: "Hello {{customer.name}}",
  };
}

async function emailId(tenant: TestTenant): Promise<string> {
  const context = tenant.context();
  const email = await context.database.transaction().execute((transaction) =>
    queueEmail(transaction, context, {
      template: "credit_balance_low",
      to: "fixture@example.com",
      data: {
        customer: { name: "Fixture", email: "fixture@example.com" },
        credit: { balance: "1.00", threshold: "10.00", unit: "USD" },
      },
    }),
  );
  return email.id;
}

async function creditGrantId(tenant: TestTenant): Promise<string> {
  const customer = await customerId(tenant);
  const response = await tenant.admin.post(`/v1/customers/${customer}/credit-grants`, {
    name: "Fixture credits",
    amount: "10",
    currency: "USD",
    type: "promotional",
  });
  return response.body.id;
}

async function walletId(tenant: TestTenant): Promise<string> {
  const customer = await customerId(tenant);
  const response = await tenant.admin.post(`/v1/customers/${customer}/wallets`, {
    currency: "USD",
    name: "Fixture wallet",
  });
  return response.body.id;
}

async function couponId(tenant: TestTenant): Promise<string> {
  const response = await tenant.admin.post("/v1/coupons", {
    code: unique("COUPON"),
    name: "Fixture coupon",
    type: "percentage",
    percent: "10",
    duration: "forever",
  });
  return response.body.id;
}

/** A bill run of the tenant's test environment: its test clock advanced a minute past real time. */
async function billRunId(tenant: TestTenant): Promise<string> {
  await tenant.admin.delete("/v1/test-clock");
  const to = new Date(Date.now() + 60_000).toISOString();
  const response = await tenant.admin.post("/v1/test-clock/advance", { to });
  return response.body.bill_run.id;
}

/** A one-off invoice of a new customer: a draft, or finalized. */
async function oneOffInvoiceId(tenant: TestTenant, finalize: boolean): Promise<string> {
  const customer = await customerId(tenant);
  const response = await tenant.admin.post("/v1/invoices", {
    customer_id: customer,
    currency: "USD",
    lines: [{ description: "Setup", quantity: "1", unit_amount: "100.00" }],
    finalize,
  });
  return response.body.id;
}

/** A hold placed ahead of time on a new customer's next draft (the way a rollout watches its cohort). */
async function invoiceHoldId(tenant: TestTenant): Promise<string> {
  const customer = await customerId(tenant);
  const context = tenant.context();
  const [id] = await context.database.transaction().execute((transaction) =>
    placeCustomerHolds(transaction, context, {
      customerIds: [customer],
      issuedFrom: new Date(),
      source: "rollout",
      sourceId: unique("fixture-rollout"),
      reason: "fixture",
    }),
  );
  return id as string;
}

async function creditNoteId(tenant: TestTenant): Promise<string> {
  const invoice = await oneOffInvoiceId(tenant, true);
  const response = await tenant.admin.post(`/v1/invoices/${invoice}/credit-notes`, {
    reason: "other",
    full: true,
  });
  return response.body.id;
}

/** A manual payment of 10.00 on a new finalized invoice. */
async function paymentId(tenant: TestTenant): Promise<string> {
  const invoice = await oneOffInvoiceId(tenant, true);
  const response = await tenant.admin.post(`/v1/invoices/${invoice}/payments`, {
    amount: "10.00",
    method: "bank_transfer",
  });
  return response.body.id;
}

function dunningCampaignBody() {
  return { name: unique("campaign"), retry_schedule_days: [1, 3], final_action: "mark_uncollectible" };
}

async function dunningCampaignId(tenant: TestTenant): Promise<string> {
  const response = await tenant.admin.post("/v1/dunning-campaigns", dunningCampaignBody());
  return response.body.id;
}

/** A finalized invoice in dunning: finalized after the tenant has a default campaign. */
async function dunningInvoiceId(tenant: TestTenant): Promise<string> {
  const campaign = await dunningCampaignId(tenant);
  await tenant.admin.patch(`/v1/dunning-campaigns/${campaign}`, { is_default: true });
  return oneOffInvoiceId(tenant, true);
}

/** A customer's credit balance alert: the customer's id and the alert's. */
async function alertOf(tenant: TestTenant): Promise<{ id: string; alert_id: string }> {
  const customer = await customerId(tenant);
  const response = await tenant.admin.post(`/v1/customers/${customer}/alerts`, alertBody());
  return { id: customer, alert_id: response.body.id };
}

function alertBody() {
  return { kind: "credit_balance", threshold: "10.00", currency: "USD" };
}

/** An open billing dispute of a finalized one-off invoice. */
async function disputeId(tenant: TestTenant): Promise<string> {
  const invoice = await oneOffInvoiceId(tenant, true);
  const response = await tenant.admin.post(`/v1/invoices/${invoice}/disputes`, { reason: "fixture dispute" });
  return response.body.id;
}

/** A journal export of the tenant's test environment. */
async function journalExportId(tenant: TestTenant): Promise<string> {
  const response = await tenant.admin.post("/v1/journal-exports", { period: "2026-01" });
  return response.body.id;
}

/** A standalone selling price of a product, unique to the call. */
async function standaloneSellingPriceId(tenant: TestTenant): Promise<string> {
  const response = await tenant.admin.put("/v1/standalone-selling-prices", {
    product: unique("product"),
    currency: "USD",
    amount: "100.00",
  });
  return response.body.id;
}

/** A spend alert that a customer set in the portal, with the token of its portal link. */
async function portalAlertId(tenant: TestTenant): Promise<string> {
  const customer = (
    await tenant.admin.post("/v1/customers", { external_id: unique("portal"), currency: "USD" })
  ).body.id;
  const link = await tenant.admin.post(`/v1/customers/${customer}/portal-links`, {});
  const response = await tenant.admin.post(
    "/v1/portal/alerts",
    { threshold: "100" },
    { authorization: `Portal ${link.body.token}` },
  );
  return response.body.id;
}

function integrationConnectionBody() {
  return {
    system: "xero",
    client_id: "fixture-client",
    client_secret: "fixture-secret",
    redirect_uri: "https://console.example.com/integrations/callback",
  };
}

/** The tenant's Xero connection (one per environment), waiting for consent. */
async function integrationConnectionId(tenant: TestTenant): Promise<string> {
  const listed = await tenant.admin.get("/v1/integrations/connections");
  const existing = listed.body.data[0]?.id;
  if (existing !== undefined) return existing;
  const created = await tenant.admin.post("/v1/integrations/connections", integrationConnectionBody());
  return created.body.id;
}

/** A failed sync record of the tenant's connection: what the error queue holds. */
async function integrationSyncId(tenant: TestTenant): Promise<string> {
  const connectionId = await integrationConnectionId(tenant);
  const context = tenant.context();
  const id = unique("isy_fixture");
  await context.database
    .insertInto("integration_syncs")
    .values({
      id,
      organization_id: context.organizationId,
      environment_id: context.environmentId,
      connection_id: connectionId,
      object_type: "customer",
      object_id: await customerId(tenant),
      source_type: "invoice",
      source_id: await oneOffInvoiceId(tenant, true),
      state: "failed",
      last_error_code: "server_error",
      last_error: "Xero answered HTTP 503",
      failed_at: new Date(),
    })
    .execute();
  return id;
}

/** A warehouse destination of the tenant: a schema of a PostgreSQL warehouse (nobody answers there; no export runs). */
function warehouseDestinationBody() {
  return {
    kind: "postgres",
    postgres: { url: "postgres://warehouse:secret@warehouse.example.com:5432/analytics", schema: "fairbill" },
  };
}

async function warehouseDestinationId(tenant: TestTenant): Promise<string> {
  const created = await tenant.admin.post("/v1/warehouse/destinations", warehouseDestinationBody());
  return created.body.id;
}

export const routeFixtures: Record<string, RouteFixture> = {
  "GET /v1/test-clock": {},
  "POST /v1/test-clock": { body: () => ({ frozen_at: "2040-01-01T00:00:00Z" }) },
  "POST /v1/test-clock/advance": { body: () => ({ to: "2040-02-01T00:00:00Z" }) },
  "DELETE /v1/test-clock": {},
  "GET /v1/bill-runs": {},
  "GET /v1/bill-runs/{id}": { params: async (tenant) => ({ id: await billRunId(tenant) }) },
  "POST /v1/customers": { body: () => ({ external_id: unique("customer") }) },
  "GET /v1/customers": {},
  "GET /v1/customers/{id}": { params: async (tenant) => ({ id: await customerId(tenant) }) },
  "PATCH /v1/customers/{id}": {
    params: async (tenant) => ({ id: await customerId(tenant) }),
    body: () => ({ name: "Renamed" }),
  },
  "POST /v1/customers/{id}/archive": { params: async (tenant) => ({ id: await customerId(tenant) }) },
  "GET /v1/customers/lookup": {
    params: async (tenant) => {
      const externalId = unique("by-external");
      await tenant.admin.post("/v1/customers", { external_id: externalId });
      return { external_id: externalId };
    },
  },
  "POST /v1/simulations": {
    body: () => ({
      version: 1,
      currency: "USD",
      meters: [],
      plans: [{ code: "basic", interval: "month", charges: [{ id: "fee", type: "fixed", amount: "10.00" }] }],
      subscription: { plan: "basic", start: "2026-01-01T00:00:00Z" },
      events: [],
      bill_until: "2026-02-01T00:00:00Z",
    }),
  },
  "POST /v1/sign-in": { body: () => ({ email: "nobody@example.com", password: "not the password" }) },
  "POST /v1/password-reset": { body: () => ({ email: "nobody@example.com" }) },
  "POST /v1/password-reset/confirm": {
    body: () => ({ token: "not-a-token-that-was-sent", password: "a long new password" }),
  },
  "POST /v1/email-verification/confirm": { body: () => ({ token: "not-a-token-that-was-sent" }) },
  "POST /v1/invitations/accept": {
    body: () => ({ token: "not-a-token-that-was-sent", password: "a long new password" }),
  },
  "POST /v1/first-admin": {
    body: () => ({
      token: "not-a-token-that-was-sent",
      email: "first@example.com",
      name: "First",
      password: "a long new password",
    }),
  },
  "POST /v1/sign-out": {},
  "GET /v1/me": {},
  "POST /v1/me/password": {
    body: () => ({ current_password: "not the password", new_password: "a long new password" }),
  },
  "POST /v1/me/email-verification": {},
  "POST /v1/me/second-factor": {},
  "POST /v1/me/second-factor/confirm": { body: () => ({ code: "123456" }) },
  "POST /v1/me/second-factor/remove": { body: () => ({ password: "not the password", code: "123456" }) },
  "GET /v1/sessions": {},
  "POST /v1/sessions/{id}/revoke": { params: async () => ({ id: "ses_01JD0000000000000000000000" }) },
  "GET /v1/users": {},
  "GET /v1/users/{id}": { params: async (tenant) => ({ id: await serviceAccountId(tenant) }) },
  "PATCH /v1/users/{id}": {
    params: async (tenant) => ({ id: await serviceAccountId(tenant) }),
    body: () => ({ role: "viewer" }),
  },
  "POST /v1/service-accounts": { body: () => ({ name: unique("robot"), role: "viewer" }) },
  "POST /v1/service-accounts/{id}/api-keys": {
    params: async (tenant) => ({ id: await serviceAccountId(tenant) }),
    body: () => ({ name: "robot key", role: "viewer" }),
  },
  "POST /v1/invitations": {
    body: () => ({ email: `${unique("invitee")}@example.com`, name: "Invited person", role: "viewer" }),
  },
  "GET /v1/invitations": {},
  "POST /v1/invitations/{id}/revoke": { params: async (tenant) => ({ id: await invitationId(tenant) }) },
  "GET /v1/sign-in-settings": {},
  "PATCH /v1/sign-in-settings": { body: () => ({ require_second_factor: false }) },
  "POST /v1/api-keys": { body: () => ({ name: "new key", role: "viewer" }) },
  "GET /v1/api-keys": {},
  "GET /v1/api-keys/{id}": { params: async (tenant) => ({ id: await apiKeyId(tenant) }) },
  "POST /v1/api-keys/{id}/rotate": { params: async (tenant) => ({ id: await apiKeyId(tenant) }) },
  "POST /v1/api-keys/{id}/revoke": { params: async (tenant) => ({ id: await apiKeyId(tenant) }) },
  "POST /v1/meters": {
    body: () => ({ code: unique("meter"), name: "Meter", event_name: "fixture_event", aggregation: "count" }),
  },
  "GET /v1/meters": {},
  "GET /v1/meters/{id}": { params: async (tenant) => ({ id: await meterId(tenant) }) },
  "PATCH /v1/meters/{id}": {
    params: async (tenant) => ({ id: await meterId(tenant) }),
    body: () => ({ name: "Renamed meter" }),
  },
  "POST /v1/meters/{id}/versions": {
    params: async (tenant) => ({ id: await meterId(tenant) }),
    body: () => ({ event_name: "fixture_event_v2" }),
  },
  "GET /v1/metering/settings": {},
  "PATCH /v1/metering/settings": { body: () => ({ event_past_window_days: 35 }) },
  "POST /v1/events": { body: () => fixtureEvent() },
  "POST /v1/events/batch": { body: () => ({ events: [fixtureEvent(), fixtureEvent()] }) },
  "POST /v1/events/backfill": { body: () => ({ events: [fixtureEvent()] }) },
  "GET /v1/events": {},
  "GET /v1/events/unattributed": {},
  "GET /v1/events/{id}": { params: async (tenant) => ({ id: await eventId(tenant) }) },
  "POST /v1/events/{id}/amend": {
    params: async (tenant) => ({ id: await eventId(tenant) }),
    body: () => ({ properties: { corrected: true }, reason: "fixture correction" }),
  },
  "POST /v1/events/{id}/void": {
    params: async (tenant) => ({ id: await eventId(tenant) }),
    body: () => ({ reason: "fixture void" }),
  },
  "GET /v1/usage": {},
  "POST /v1/products": { body: () => ({ code: unique("product"), name: "Product" }) },
  "GET /v1/products": {},
  "GET /v1/products/{id}": { params: async (tenant) => ({ id: await productId(tenant) }) },
  "PATCH /v1/products/{id}": {
    params: async (tenant) => ({ id: await productId(tenant) }),
    body: () => ({ name: "Renamed product" }),
  },
  "POST /v1/features": { body: () => ({ code: unique("feature"), name: "Feature", kind: "boolean" }) },
  "GET /v1/features": {},
  "GET /v1/features/{id}": { params: async (tenant) => ({ id: (await booleanFeature(tenant)).id }) },
  "PATCH /v1/features/{id}": {
    params: async (tenant) => ({ id: (await booleanFeature(tenant)).id }),
    body: () => ({ name: "Renamed feature" }),
  },
  "POST /v1/plans": {
    body: () => ({
      code: unique("plan"),
      name: "Plan",
      version: {
        currency: "USD",
        interval: "month",
        charges: [{ id: "base", type: "fixed", amount: "10.00" }],
      },
    }),
  },
  "GET /v1/plans": {},
  "GET /v1/plans/{id}": { params: async (tenant) => ({ id: (await planIn(tenant, "draft")).id }) },
  "PATCH /v1/plans/{id}": {
    params: async (tenant) => ({ id: (await planIn(tenant, "draft")).id }),
    body: () => ({ name: "Renamed plan" }),
  },
  "GET /v1/plans/{id}/versions": { params: async (tenant) => ({ id: (await planIn(tenant, "draft")).id }) },
  "POST /v1/plans/{id}/versions": {
    params: async (tenant) => ({ id: (await planIn(tenant, "published")).id }),
    body: () => ({ trial_days: 14 }),
  },
  "GET /v1/plans/{id}/versions/{version}": { params: firstVersionOf("draft") },
  "PATCH /v1/plans/{id}/versions/{version}": {
    params: firstVersionOf("draft"),
    body: () => ({ trial_days: 7 }),
  },
  "DELETE /v1/plans/{id}/versions/{version}": { params: firstVersionOf("draft") },
  "POST /v1/plans/{id}/versions/{version}/submit": { params: firstVersionOf("draft"), body: () => ({}) },
  "POST /v1/plans/{id}/versions/{version}/approve": {
    params: firstVersionOf("pending_approval"),
    body: () => ({ comment: "Looks right" }),
  },
  "POST /v1/plans/{id}/versions/{version}/reject": {
    params: firstVersionOf("pending_approval"),
    body: () => ({ comment: "Wrong price" }),
  },
  "POST /v1/plans/{id}/versions/{version}/comments": {
    params: firstVersionOf("draft"),
    body: () => ({ comment: "Is 10.00 right?" }),
  },
  "GET /v1/plans/{id}/versions/{version}/review": { params: firstVersionOf("draft") },
  "POST /v1/plans/{id}/versions/{version}/publish": { params: firstVersionOf("draft"), body: () => ({}) },
  "POST /v1/plans/{id}/versions/{version}/retire": { params: firstVersionOf("published"), body: () => ({}) },
  "GET /v1/plans/{id}/versions/{version}/diff/{other_version}": {
    params: async (tenant) => ({ id: (await planIn(tenant, "draft")).id, version: "1", other_version: "1" }),
  },
  "POST /v1/plans/{id}/rollback": {
    params: async (tenant) => ({ id: (await planIn(tenant, "published")).id }),
    body: () => ({ to_version: 1 }),
  },
  "GET /v1/catalog/approval-policy": {},
  "PATCH /v1/catalog/approval-policy": { body: () => ({ publish_requires_approval: true }) },
  "POST /v1/catalog/approval-policy/changes/{id}/approve": {
    params: async (tenant) => ({ id: await policyChangeId(tenant) }),
  },
  "POST /v1/catalog/approval-policy/changes/{id}/reject": {
    params: async (tenant) => ({ id: await policyChangeId(tenant) }),
  },
  "GET /v1/approval-requests": {},
  "GET /v1/approval-requests/{id}": { params: async (tenant) => ({ id: await approvalRequestId(tenant) }) },
  "POST /v1/approval-requests/{id}/approve": {
    params: async (tenant) => ({ id: await approvalRequestId(tenant) }),
  },
  "POST /v1/approval-requests/{id}/reject": {
    params: async (tenant) => ({ id: await approvalRequestId(tenant) }),
  },
  "GET /v1/audit-events": {},
  "GET /v1/audit-events/verify": {},
  "GET /v1/customers/{id}/entitlements": { params: async (tenant) => ({ id: await customerId(tenant) }) },
  "POST /v1/customers/{id}/entitlements": {
    params: async (tenant) => ({ id: await customerId(tenant) }),
    body: async (tenant) => ({ feature: (await booleanFeature(tenant)).code }),
  },
  "DELETE /v1/customers/{id}/entitlements/{feature}": {
    params: async (tenant) => {
      const id = await customerId(tenant);
      const { code } = await booleanFeature(tenant);
      await tenant.admin.post(`/v1/customers/${id}/entitlements`, { feature: code });
      return { id, feature: code };
    },
  },
  "POST /v1/customers/{id}/price-overrides": {
    params: async (tenant) => ({ id: await customerId(tenant) }),
    body: async (tenant, params) => {
      const plan = await planIn(tenant, "published");
      const subscription = await tenant.admin.post("/v1/subscriptions", {
        customer_id: params.id,
        plan_id: plan.id,
      });
      return {
        subscription_id: subscription.body.id,
        plan_code: plan.code,
        charge_id: "base",
        override: { type: "amount", amount: "8.00" },
        effective_from: nextYear,
      };
    },
  },
  "GET /v1/customers/{id}/price-overrides": { params: async (tenant) => ({ id: await customerId(tenant) }) },
  "POST /v1/subscriptions": {
    body: async (tenant) => ({
      customer_id: await customerId(tenant),
      plan_id: (await planIn(tenant, "published")).id,
    }),
  },
  "GET /v1/subscriptions": {},
  "GET /v1/subscriptions/{id}": { params: async (tenant) => ({ id: (await subscriptionOf(tenant)).id }) },
  "POST /v1/subscriptions/{id}/change-plan": {
    params: async (tenant) => ({ id: (await subscriptionOf(tenant)).id }),
    body: async (tenant) => ({ plan_id: (await planIn(tenant, "published")).id, timing: "period_end" }),
  },
  "POST /v1/subscriptions/{id}/change-plan/preview": {
    params: async (tenant) => ({ id: (await subscriptionOf(tenant)).id }),
    body: async (tenant) => ({ plan_id: (await planIn(tenant, "published")).id, timing: "period_end" }),
  },
  "POST /v1/subscriptions/{id}/quantity-changes": {
    params: async (tenant) => ({ id: (await subscriptionOf(tenant)).id }),
    body: () => ({ charge_id: "base", quantity: 2 }),
  },
  "POST /v1/subscriptions/{id}/quantity-changes/preview": {
    params: async (tenant) => ({ id: (await subscriptionOf(tenant)).id }),
    body: () => ({ charge_id: "base", quantity: 2 }),
  },
  "POST /v1/contracts": { body: (tenant) => contractBody(tenant) },
  "GET /v1/contracts": {},
  "POST /v1/billing-entities": { body: () => billingEntityBody() },
  "POST /v1/partners": {
    body: () => ({
      code: unique("partner").toLowerCase(),
      name: "Partner",
      kind: "referral",
      currency: "USD",
    }),
  },
  "GET /v1/partners": {},
  "GET /v1/partners/{id}": { params: async (tenant) => ({ id: await partnerId(tenant) }) },
  "POST /v1/partners/{id}/agreements": {
    params: async (tenant) => ({ id: await partnerId(tenant) }),
    body: () => ({ effective_from: "2030-01-01T00:00:00Z", basis: "cash", activation_fee: "5.00" }),
  },
  "GET /v1/partners/{id}/agreements": { params: async (tenant) => ({ id: await partnerId(tenant) }) },
  "POST /v1/partners/{id}/attributions": {
    params: async (tenant) => ({ id: await partnerId(tenant) }),
    body: async (tenant) => ({
      customer_id: await customerId(tenant),
      attributed_from: "2030-01-01T00:00:00Z",
    }),
  },
  "GET /v1/partners/{id}/attributions": { params: async (tenant) => ({ id: await partnerId(tenant) }) },
  "POST /v1/partners/{id}/item-mappings": {
    params: async (tenant) => ({ id: await partnerId(tenant) }),
    body: () => ({ external_item: unique("SKU"), item: { kind: "product", code: "storage" } }),
  },
  "GET /v1/partners/{id}/item-mappings": { params: async (tenant) => ({ id: await partnerId(tenant) }) },
  "POST /v1/partners/{id}/external-sales": {
    params: async (tenant) => ({ id: await partnerId(tenant) }),
    body: () => ({
      transactions: [
        {
          external_id: unique("sale"),
          date: "2030-01-15",
          customer_reference: "someone",
          item: "SKU-1",
          quantity: "1",
          amount: "10.00",
          currency: "USD",
        },
      ],
    }),
  },
  "GET /v1/partners/{id}/external-sales": { params: async (tenant) => ({ id: await partnerId(tenant) }) },
  "POST /v1/partner-settlements": {
    body: async (tenant) => {
      const partner = await partnerId(tenant);
      await tenant.admin.post(`/v1/partners/${partner}/agreements`, {
        effective_from: "2030-01-01T00:00:00Z",
        basis: "accrual",
        activation_fee: "10.00",
      });
      return { partner_id: partner, period: "2030-01" };
    },
  },
  "GET /v1/partner-settlements": {},
  "GET /v1/partner-kpis": {},
  "GET /v1/partner-settlements/{id}": {
    params: async (tenant) => ({ id: await partnerSettlementId(tenant) }),
  },
  "POST /v1/partner-settlements/{id}/approve": {
    params: async (tenant) => ({ id: await partnerSettlementId(tenant) }),
  },
  "POST /v1/partner-settlements/{id}/payments": {
    params: async (tenant) => ({ id: await partnerSettlementId(tenant) }),
    body: () => ({ reference: "SEPA-FIXTURE" }),
  },
  "GET /v1/partner-settlements/{id}/csv": {
    params: async (tenant) => ({ id: await partnerSettlementId(tenant) }),
  },
  "GET /v1/partner-settlements/{id}/pdf": {
    params: async (tenant) => ({ id: await partnerSettlementId(tenant) }),
  },
  "POST /v1/partners/{id}/statement-links": {
    params: async (tenant) => ({ id: await partnerId(tenant) }),
    body: () => ({ expires_in_seconds: 600 }),
  },
  "GET /v1/partner-view/me": {},
  "GET /v1/partner-view/statements": {},
  "GET /v1/partner-view/statements/{id}/csv": {
    params: async (tenant) => ({ id: await partnerSettlementId(tenant) }),
  },
  "GET /v1/partner-view/statements/{id}/pdf": {
    params: async (tenant) => ({ id: await partnerSettlementId(tenant) }),
  },
  "GET /v1/billing-entities": {},
  "GET /v1/billing-entities/{id}": { params: async (tenant) => ({ id: await billingEntityId(tenant) }) },
  "PATCH /v1/billing-entities/{id}": {
    params: async (tenant) => ({ id: await billingEntityId(tenant) }),
    body: () => ({ legal_name: "Fixture Entity Limited" }),
  },
  "GET /v1/customers/{id}/billing-entity": { params: async (tenant) => ({ id: await customerId(tenant) }) },
  "PUT /v1/customers/{id}/billing-entity": {
    params: async (tenant) => ({ id: await customerId(tenant) }),
    body: async (tenant) => ({ billing_entity_id: await billingEntityId(tenant) }),
  },
  "GET /v1/contracts/{id}": { params: async (tenant) => ({ id: await contractId(tenant) }) },
  "GET /v1/contracts/{id}/balances": { params: async (tenant) => ({ id: await contractId(tenant) }) },
  "POST /v1/contracts/{id}/amendments": {
    params: async (tenant) => ({ id: await contractId(tenant) }),
    body: () => ({ effective_at: nextYear, changes: [{ type: "change_term", renewal: "auto" }] }),
  },
  "GET /v1/contracts/{id}/amendments": { params: async (tenant) => ({ id: await contractId(tenant) }) },
  "GET /v1/contracts/{id}/revenue-schedule": {
    params: async (tenant) => ({ id: await contractId(tenant) }),
  },
  "POST /v1/subscriptions/{id}/cancel": {
    params: async (tenant) => ({ id: (await subscriptionOf(tenant)).id }),
    body: () => ({ mode: "period_end" }),
  },
  "POST /v1/subscriptions/{id}/pause": {
    params: async (tenant) => ({ id: (await subscriptionOf(tenant)).id }),
    body: () => ({}),
  },
  "POST /v1/subscriptions/{id}/resume": {
    params: async (tenant) => {
      const { id } = await subscriptionOf(tenant);
      await tenant.admin.post(`/v1/subscriptions/${id}/pause`, {});
      return { id };
    },
    body: () => ({}),
  },
  "POST /v1/plans/{id}/migrations": {
    params: async (tenant) => ({ id: await planWithTwoVersions(tenant) }),
    body: () => ({ from_version: 1, to_version: 2, timing: "next_period", dry_run: true }),
  },
  "GET /v1/plans/{id}/migrations": { params: async (tenant) => ({ id: await planWithTwoVersions(tenant) }) },
  "POST /v1/backtests": { body: backtestBody },
  "GET /v1/plans/{id}/test-matrix": { params: planWithTestMatrix },
  "PUT /v1/plans/{id}/test-matrix": { params: planWithTestMatrix, body: () => ({ scenarios: [] }) },
  "POST /v1/plans/{id}/versions/{version}/test-matrix-runs": { params: planWithTestMatrix, body: () => ({}) },
  "GET /v1/plans/{id}/versions/{version}/test-matrix-runs": { params: planWithTestMatrix },
  "GET /v1/plans/{id}/versions/{version}/approval-view": { params: planWithTestMatrix },
  "GET /v1/backtests": {},
  "GET /v1/backtests/{id}": { params: async (tenant) => ({ id: await backtestId(tenant) }) },
  "GET /v1/backtests/{id}/invoices": { params: async (tenant) => ({ id: await backtestId(tenant) }) },
  "GET /v1/backtests/{id}/csv": { params: async (tenant) => ({ id: await backtestId(tenant) }) },
  "POST /v1/backtests/{id}/cancel": {
    params: async (tenant) => ({ id: await backtestId(tenant) }),
    body: () => ({}),
  },
  "POST /v1/imports": { body: importBody },
  "GET /v1/imports": {},
  "GET /v1/imports/{id}": { params: async (tenant) => ({ id: await importId(tenant) }) },
  "GET /v1/imports/{id}/records": { params: async (tenant) => ({ id: await importId(tenant) }) },
  "POST /v1/imports/{id}/records/{position}/resolve": {
    params: async (tenant) => ({ id: await importId(tenant), position: "0" }),
    body: () => ({ reason: "Made by hand; resolved for the fixture walk." }),
  },
  "POST /v1/parallel-runs": { body: parallelRunBody },
  "GET /v1/parallel-runs": {},
  "GET /v1/parallel-runs/{id}": { params: async (tenant) => ({ id: await parallelRunId(tenant) }) },
  "GET /v1/parallel-runs/{id}/invoices": { params: async (tenant) => ({ id: await parallelRunId(tenant) }) },
  "GET /v1/parallel-runs/{id}/differences": {
    params: async (tenant) => ({ id: await parallelRunId(tenant) }),
  },
  "POST /v1/parallel-runs/{id}/differences/{difference}/accept": {
    params: async (tenant) => ({ id: await parallelRunId(tenant), difference: "0.0" }),
    body: () => ({ reason: "The old system rounded differently; accepted for the fixture walk." }),
  },
  "GET /v1/cut-over": {},
  // Refused (409) while the checklist is not ok, which it is not in the walk.
  "POST /v1/cut-over": { body: () => ({ switch_at: "2999-01-01T00:00:00Z" }) },
  "POST /v1/webhook-endpoints": {
    body: () => ({ url: "https://fixture-webhooks.invalid/fairbill", event_types: ["invoice.paid"] }),
  },
  "GET /v1/webhook-endpoints": {},
  "GET /v1/webhook-endpoints/{id}": { params: async (tenant) => ({ id: await webhookEndpointId(tenant) }) },
  "PATCH /v1/webhook-endpoints/{id}": {
    params: async (tenant) => ({ id: await webhookEndpointId(tenant) }),
    body: () => ({ description: "Renamed endpoint" }),
  },
  "DELETE /v1/webhook-endpoints/{id}": {
    params: async (tenant) => ({ id: await webhookEndpointId(tenant) }),
  },
  "POST /v1/webhook-endpoints/{id}/rotate-secret": {
    params: async (tenant) => ({ id: await webhookEndpointId(tenant) }),
    body: () => ({ previous_secret_valid_for_seconds: 60 }),
  },
  "GET /v1/webhook-endpoints/{id}/deliveries": {
    params: async (tenant) => ({ id: await webhookEndpointId(tenant) }),
  },
  "GET /v1/webhook-event-types": {},
  "GET /v1/webhook-events": {},
  "GET /v1/webhook-events/{id}": { params: async (tenant) => ({ id: (await webhookEvent(tenant)).eventId }) },
  "POST /v1/webhook-deliveries/{id}/redeliver": {
    params: async (tenant) => ({ id: (await webhookEvent(tenant)).deliveryId }),
  },
  "GET /v1/email-templates": {},
  "POST /v1/email-templates": { body: () => emailTemplateBody() },
  "GET /v1/email-templates/versions": {},
  "POST /v1/email-templates/preview": { body: () => ({ template: "payment_failed" }) },
  "GET /v1/email-templates/{id}": {
    params: async (tenant) => ({ id: await emailTemplateVersionId(tenant) }),
  },
  "POST /v1/email-templates/{id}/restore": {
    params: async (tenant) => ({ id: await emailTemplateVersionId(tenant) }),
  },
  "GET /v1/emails": {},
  "GET /v1/emails/{id}": { params: async (tenant) => ({ id: await emailId(tenant) }) },
  "POST /v1/tax-rates": { body: () => ({ country: "DE", name: "VAT", percent: "19" }) },
  "GET /v1/tax-rates": {},
  "GET /v1/tax-rates/{id}": {
    params: async (tenant) => ({
      id: (await tenant.admin.post("/v1/tax-rates", { country: "FR", name: "TVA", percent: "20" })).body.id,
    }),
  },
  "PATCH /v1/tax-rates/{id}": {
    params: async (tenant) => ({
      id: (await tenant.admin.post("/v1/tax-rates", { country: "FR", name: "TVA", percent: "20" })).body.id,
    }),
    body: () => ({ archived: true }),
  },
  "POST /v1/customers/{id}/tax-exemption": {
    params: async (tenant) => ({ id: await customerId(tenant) }),
    body: () => ({ reason: "Registered charity", certificate_id: "CH-2026-001" }),
  },
  "GET /v1/customers/{id}/tax-exemption": {
    params: async (tenant) => {
      const id = await customerId(tenant);
      await tenant.admin.post(`/v1/customers/${id}/tax-exemption`, { reason: "Registered charity" });
      return { id };
    },
  },
  "DELETE /v1/customers/{id}/tax-exemption": {
    params: async (tenant) => {
      const id = await customerId(tenant);
      await tenant.admin.post(`/v1/customers/${id}/tax-exemption`, { reason: "Registered charity" });
      return { id };
    },
  },
  "GET /v1/tax-settings": {},
  "PUT /v1/tax-settings": { body: () => ({ tax_provider: { type: "built_in" } }) },
  // Without a tax engine set, the check is refused (409) before anything is asked.
  "POST /v1/tax-address-validations": { body: () => ({ address: { country: "US", postal_code: "10118" } }) },
  "GET /v1/invoices/{id}/tax-record": {
    params: async (tenant) => ({ id: await oneOffInvoiceId(tenant, true) }),
  },
  "POST /v1/customers/{id}/credit-grants": {
    params: async (tenant) => ({ id: await customerId(tenant) }),
    body: () => ({ name: "Credits", amount: "10", currency: "USD", type: "promotional" }),
  },
  "GET /v1/customers/{id}/credit-grants": { params: async (tenant) => ({ id: await customerId(tenant) }) },
  "GET /v1/credit-grants/{id}": { params: async (tenant) => ({ id: await creditGrantId(tenant) }) },
  "POST /v1/credit-grants/{id}/void": {
    params: async (tenant) => ({ id: await creditGrantId(tenant) }),
    body: () => ({ reason: "fixture void" }),
  },
  "GET /v1/customers/{id}/credit-balances": { params: async (tenant) => ({ id: await customerId(tenant) }) },
  "GET /v1/customers/{id}/credit-ledger": { params: async (tenant) => ({ id: await customerId(tenant) }) },
  "POST /v1/customers/{id}/wallets": {
    params: async (tenant) => ({ id: await customerId(tenant) }),
    body: () => ({ currency: "USD", name: "Wallet", auto_top_up: { threshold: "5", amount: "20" } }),
  },
  "GET /v1/customers/{id}/wallets": { params: async (tenant) => ({ id: await customerId(tenant) }) },
  "GET /v1/wallets/{id}": { params: async (tenant) => ({ id: await walletId(tenant) }) },
  "PATCH /v1/wallets/{id}": {
    params: async (tenant) => ({ id: await walletId(tenant) }),
    body: () => ({ name: "Renamed wallet" }),
  },
  "POST /v1/wallets/{id}/top-ups": {
    params: async (tenant) => ({ id: await walletId(tenant) }),
    body: () => ({ amount: "10", reason: "fixture top-up" }),
  },
  "GET /v1/customers/{id}/balance": { params: async (tenant) => ({ id: await customerId(tenant) }) },
  "GET /v1/customers/{id}/balance-entries": { params: async (tenant) => ({ id: await customerId(tenant) }) },
  "POST /v1/coupons": {
    body: () => ({
      code: unique("COUPON"),
      name: "Coupon",
      type: "percentage",
      percent: "10",
      duration: "once",
    }),
  },
  "GET /v1/coupons": {},
  "GET /v1/coupons/{id}": { params: async (tenant) => ({ id: await couponId(tenant) }) },
  "POST /v1/coupons/{id}/archive": {
    params: async (tenant) => ({ id: await couponId(tenant) }),
    body: () => ({}),
  },
  "POST /v1/customers/{id}/coupons": {
    params: async (tenant) => ({ id: await customerId(tenant) }),
    body: async (tenant) => ({ coupon_id: await couponId(tenant) }),
  },
  "GET /v1/customers/{id}/coupons": { params: async (tenant) => ({ id: await customerId(tenant) }) },
  "DELETE /v1/customers/{id}/coupons/{redemption_id}": {
    params: async (tenant) => {
      const id = await customerId(tenant);
      const redemption = await tenant.admin.post(`/v1/customers/${id}/coupons`, {
        coupon_id: await couponId(tenant),
      });
      return { id, redemption_id: redemption.body.id };
    },
  },
  "GET /v1/invoices": {},
  "GET /v1/receivables/ageing": {},
  "GET /v1/invoices/{id}": { params: async (tenant) => ({ id: await oneOffInvoiceId(tenant, true) }) },
  "POST /v1/invoices": {
    params: async (tenant) => ({ customer: await customerId(tenant) }),
    body: (_tenant, params) => ({
      customer_id: params.customer,
      currency: "USD",
      lines: [{ description: "Setup", quantity: "1", unit_amount: "10.00" }],
    }),
  },
  "POST /v1/invoices/{id}/finalize": {
    params: async (tenant) => ({ id: await oneOffInvoiceId(tenant, false) }),
  },
  // The bulk routes name their invoices in the body: another tenant's are "not found" per item (see bulk-invoice-actions.test).
  "POST /v1/invoices/bulk-finalize": {
    body: async (tenant) => ({ invoice_ids: [await oneOffInvoiceId(tenant, false)] }),
  },
  "POST /v1/invoices/{id}/void": {
    params: async (tenant) => ({ id: await oneOffInvoiceId(tenant, true) }),
    body: () => ({ reason: "issued by mistake" }),
  },
  "GET /v1/invoices/{id}/pdf": { params: async (tenant) => ({ id: await oneOffInvoiceId(tenant, true) }) },
  "GET /v1/invoices/{id}/html": { params: async (tenant) => ({ id: await oneOffInvoiceId(tenant, true) }) },
  "POST /v1/invoices/{id}/credit-notes": {
    params: async (tenant) => ({ id: await oneOffInvoiceId(tenant, true) }),
    body: () => ({ reason: "billing_error", full: true }),
  },
  "POST /v1/rollouts": { body: rolloutBody },
  "GET /v1/rollouts": {},
  "GET /v1/rollouts/{id}": { params: async (tenant) => ({ id: await rolloutId(tenant) }) },
  "POST /v1/rollouts/{id}/check": {
    params: async (tenant) => ({ id: await rolloutId(tenant) }),
    body: () => ({}),
  },
  "POST /v1/experiments": { body: experimentBody },
  "GET /v1/experiments": {},
  "GET /v1/experiments/{id}": { params: async (tenant) => ({ id: await experimentId(tenant) }) },
  "GET /v1/experiments/{id}/assignments": { params: async (tenant) => ({ id: await experimentId(tenant) }) },
  "POST /v1/experiments/{id}/assignments": {
    params: async (tenant) => ({ id: await experimentId(tenant) }),
    body: () => ({}),
  },
  "GET /v1/experiments/{id}/metrics": { params: async (tenant) => ({ id: await experimentId(tenant) }) },
  "POST /v1/experiments/{id}/promote": {
    params: async (tenant) => {
      const id = await experimentId(tenant);
      const experiment = await tenant.admin.get(`/v1/experiments/${id}`);
      return { id, arm: experiment.body.arms[1].id };
    },
    body: (_tenant, params) => ({ arm_id: params.arm, scope: "cohort" }),
  },
  "POST /v1/experiments/{id}/stop": {
    params: async (tenant) => ({ id: await experimentId(tenant) }),
    body: () => ({ reason: "fixture" }),
  },
  "POST /v1/rollouts/{id}/cancel": {
    params: async (tenant) => ({ id: await rolloutId(tenant) }),
    body: () => ({ reason: "fixture" }),
  },
  "GET /v1/invoice-holds": {},
  "GET /v1/invoice-holds/{id}": { params: async (tenant) => ({ id: await invoiceHoldId(tenant) }) },
  "POST /v1/invoice-holds/{id}/release": {
    params: async (tenant) => ({ id: await invoiceHoldId(tenant) }),
    body: () => ({ reason: "reviewed" }),
  },
  "POST /v1/invoice-holds/{id}/recompute": {
    params: async (tenant) => ({ id: await invoiceHoldId(tenant) }),
    body: () => ({}),
  },
  "POST /v1/invoice-holds/{id}/discard": {
    params: async (tenant) => ({ id: await invoiceHoldId(tenant) }),
    body: () => ({ reason: "not billable" }),
  },
  "GET /v1/credit-notes": {},
  "GET /v1/credit-notes/{id}": { params: async (tenant) => ({ id: await creditNoteId(tenant) }) },
  "GET /v1/credit-notes/{id}/pdf": { params: async (tenant) => ({ id: await creditNoteId(tenant) }) },
  "GET /v1/credit-notes/{id}/html": { params: async (tenant) => ({ id: await creditNoteId(tenant) }) },
  "GET /v1/customers/{id}/upcoming-invoice": {
    params: async (tenant) => ({ id: (await subscriptionOf(tenant)).customerId }),
  },
  "GET /v1/customers/{id}/allowances": { params: async (tenant) => ({ id: await customerId(tenant) }) },
  "POST /v1/customers/{id}/bill": { params: async (tenant) => ({ id: await customerId(tenant) }) },
  "GET /v1/invoicing-settings": {},
  "PUT /v1/invoicing-settings": { body: () => ({ grace_period_hours: 2, seller: { name: "Fixture Ltd" } }) },
  "POST /v1/customers/{id}/alerts": {
    params: async (tenant) => ({ id: await customerId(tenant) }),
    body: alertBody,
  },
  "GET /v1/customers/{id}/alerts": { params: async (tenant) => ({ id: await customerId(tenant) }) },
  "GET /v1/customers/{id}/alerts/{alert_id}": { params: alertOf },
  "PATCH /v1/customers/{id}/alerts/{alert_id}": { params: alertOf, body: () => ({ threshold: "12.00" }) },
  "DELETE /v1/customers/{id}/alerts/{alert_id}": { params: alertOf },
  "GET /v1/alerts": {},
  "POST /v1/integrations/connections": { body: integrationConnectionBody },
  "GET /v1/integrations/connections": {},
  "GET /v1/integrations/connections/{id}": {
    params: async (tenant) => ({ id: await integrationConnectionId(tenant) }),
  },
  "POST /v1/integrations/connections/{id}/authorization": {
    params: async (tenant) => ({ id: await integrationConnectionId(tenant) }),
    body: () => ({ code: "fixture-code", state: "fixture-state" }),
  },
  "GET /v1/integrations/connections/{id}/mappings": {
    params: async (tenant) => ({ id: await integrationConnectionId(tenant) }),
  },
  "PUT /v1/integrations/connections/{id}/mappings": {
    params: async (tenant) => ({ id: await integrationConnectionId(tenant) }),
    body: () => ({ kind: "account", fairbill_key: "revenue", external_key: "200" }),
  },
  "POST /v1/integrations/connections/{id}/invoice-syncs": {
    params: async (tenant) => ({ id: await integrationConnectionId(tenant) }),
    body: async (tenant) => ({ invoice_id: await oneOffInvoiceId(tenant, true) }),
  },
  "POST /v1/integrations/connections/{id}/journal-syncs": {
    params: async (tenant) => ({ id: await integrationConnectionId(tenant) }),
    body: () => ({ period: "2026-11" }),
  },
  "POST /v1/integrations/connections/{id}/crm-syncs": {
    params: async (tenant) => ({ id: await integrationConnectionId(tenant) }),
  },
  "GET /v1/integrations/syncs": {},
  "GET /v1/integrations/connections/{id}/crm-deals": {
    params: async (tenant) => ({ id: await integrationConnectionId(tenant) }),
  },
  "GET /v1/integrations/external-links": {
    params: async (tenant) => ({ object_type: "customer", object_id: await customerId(tenant) }),
  },
  "POST /v1/warehouse/destinations": {
    body: () => ({ kind: "postgres", postgres_schema: "fixture_warehouse" }),
  },
  "GET /v1/warehouse/destinations": {},
  "POST /v1/warehouse/destinations/{id}/exports": {
    params: async (tenant) => ({ id: await warehouseDestinationId(tenant) }),
  },
  "GET /v1/warehouse/exports": {},
  "GET /v1/integrations/syncs/{id}": { params: async (tenant) => ({ id: await integrationSyncId(tenant) }) },
  "POST /v1/integrations/syncs/{id}/retry": {
    params: async (tenant) => ({ id: await integrationSyncId(tenant) }),
  },
  "POST /v1/integrations/syncs/{id}/skip": {
    params: async (tenant) => ({ id: await integrationSyncId(tenant) }),
  },
  "GET /v1/alerts/{id}/triggers": { params: async (tenant) => ({ id: (await alertOf(tenant)).alert_id }) },
  "GET /v1/payment-settings": {},
  "PUT /v1/payment-settings": { body: () => ({ provider: "manual" }) },
  "GET /v1/sso-connection": {},
  // An issuer nobody answers at (the discard port): the connection is refused with 422, quickly.
  "PUT /v1/sso-connection": {
    body: () => ({
      issuer: "http://127.0.0.1:9",
      client_id: "fairbill",
      client_secret: "fixture-secret",
      email_domains: [`${unique("fixture").toLowerCase()}.test`],
      role_mappings: [{ claim_value: "billing", environment: "test", role: "billing_ops" }],
    }),
  },
  "DELETE /v1/sso-connection": {},
  "POST /v1/sso/sign-in": { body: () => ({ email: "someone@unclaimed-domain.test" }) },
  "GET /v1/sso/callback": {},
  "POST /v1/customers/{id}/payment-methods": {
    params: async (tenant) => ({ id: await customerId(tenant) }),
    body: () => ({ payment_method: "pm_card_visa" }),
  },
  "GET /v1/customers/{id}/payment-methods": { params: async (tenant) => ({ id: await customerId(tenant) }) },
  "POST /v1/invoices/{id}/payments": {
    params: async (tenant) => ({ id: await oneOffInvoiceId(tenant, true) }),
    body: () => ({ amount: "10.00", method: "bank_transfer", reference: "fixture" }),
  },
  "POST /v1/invoices/{id}/collect": {
    params: async (tenant) => ({ id: await oneOffInvoiceId(tenant, true) }),
  },
  "POST /v1/invoices/bulk-collect": {
    body: async (tenant) => ({ invoice_ids: [await oneOffInvoiceId(tenant, true)] }),
  },
  "POST /v1/invoices/{id}/send-reminder": {
    params: async (tenant) => ({ id: await oneOffInvoiceId(tenant, true) }),
  },
  "POST /v1/invoices/bulk-send-reminder": {
    body: async (tenant) => ({ invoice_ids: [await oneOffInvoiceId(tenant, true)] }),
  },
  "POST /v1/invoices/{id}/mark-uncollectible": {
    params: async (tenant) => ({ id: await oneOffInvoiceId(tenant, true) }),
    body: () => ({ reason: "fixture" }),
  },
  "GET /v1/payments": {},
  "GET /v1/payments/{id}": { params: async (tenant) => ({ id: await paymentId(tenant) }) },
  "POST /v1/payments/{id}/refunds": {
    params: async (tenant) => ({ id: await paymentId(tenant) }),
    body: () => ({ amount: "1.00", reason: "fixture refund" }),
  },
  "POST /v1/dunning-campaigns": { body: dunningCampaignBody },
  "GET /v1/dunning-campaigns": {},
  "GET /v1/dunning-campaigns/{id}": { params: async (tenant) => ({ id: await dunningCampaignId(tenant) }) },
  "PATCH /v1/dunning-campaigns/{id}": {
    params: async (tenant) => ({ id: await dunningCampaignId(tenant) }),
    body: () => ({ name: "Renamed campaign" }),
  },
  "GET /v1/customers/{id}/dunning": { params: async (tenant) => ({ id: await customerId(tenant) }) },
  "PUT /v1/customers/{id}/dunning": {
    params: async (tenant) => ({ id: await customerId(tenant) }),
    body: () => ({ exempt: true, exempt_reason: "fixture" }),
  },
  "GET /v1/invoices/{id}/dunning": { params: async (tenant) => ({ id: await dunningInvoiceId(tenant) }) },
  "POST /v1/webhooks/stripe/{environment_id}": {
    params: async (tenant) => ({ environment_id: tenant.organization.environments.test }),
    body: () => ({
      id: "evt_fixture",
      type: "payment_intent.succeeded",
      data: { object: { id: "pi_fixture" } },
    }),
  },
  "GET /v1/finance-settings": {},
  "PUT /v1/finance-settings": { body: () => ({ accounts: { revenue: { code: "4000", name: "Revenue" } } }) },
  "GET /v1/revenue-schedules": {},
  "GET /v1/revenue-report": {},
  "PUT /v1/standalone-selling-prices": {
    body: () => ({ product: unique("product"), currency: "USD", amount: "100.00" }),
  },
  "GET /v1/standalone-selling-prices": {},
  "DELETE /v1/standalone-selling-prices/{id}": {
    params: async (tenant) => ({ id: await standaloneSellingPriceId(tenant) }),
  },
  "POST /v1/exchange-rates": {
    body: () => ({ base: "EUR", quote: "USD", date: "2026-01-31", rate: "1.08" }),
  },
  "POST /v1/exchange-rates/fetch": { body: () => ({ base: "EUR", quote: "USD", date: "2026-01-31" }) },
  "GET /v1/exchange-rates": {},
  "GET /v1/journal": {},
  "GET /v1/journal/csv": {},
  "POST /v1/journal-exports": { body: () => ({ period: "2026-01" }) },
  "GET /v1/journal-exports": {},
  "GET /v1/journal-exports/{id}": { params: async (tenant) => ({ id: await journalExportId(tenant) }) },
  "GET /v1/journal-exports/{id}/csv": { params: async (tenant) => ({ id: await journalExportId(tenant) }) },
  "POST /v1/customers/{id}/portal-links": {
    params: async (tenant) => ({ id: await customerId(tenant) }),
    body: () => ({ expires_in_seconds: 600 }),
  },
  "POST /v1/portal-secret/rotate": {},
  "GET /v1/portal-frame-policy": {},
  "PUT /v1/portal-frame-policy": { body: () => ({ frame_ancestors: ["https://app.example.com"] }) },
  "GET /v1/portal/me": {},
  "GET /v1/portal/billing-details": {},
  "PUT /v1/portal/billing-details": {
    body: () => ({ billing_address: { line1: "1 Main St", country: "DE" }, tax_id: "DE136695976" }),
  },
  "GET /v1/portal/usage": {},
  "GET /v1/portal/upcoming-invoice": {},
  "GET /v1/portal/credit-balances": {},
  "GET /v1/portal/allowances": {},
  "GET /v1/portal/invoices": {},
  "GET /v1/portal/children": {},
  "GET /v1/portal/children/{id}/invoices": { params: async (tenant) => ({ id: await customerId(tenant) }) },
  "GET /v1/portal/invoices/{id}/pdf": {
    params: async (tenant) => ({ id: await oneOffInvoiceId(tenant, true) }),
  },
  "POST /v1/portal/invoices/{id}/pay": {
    params: async (tenant) => ({ id: await oneOffInvoiceId(tenant, true) }),
  },
  "GET /v1/portal/payment-methods": {},
  "GET /v1/portal/statement": {},
  "GET /v1/portal/statement.pdf": {},
  "POST /v1/portal/payment-methods": { body: () => ({ payment_method: "pm_card_visa" }) },
  "GET /v1/portal/alerts": {},
  "POST /v1/portal/alerts": { body: () => ({ threshold: "100" }) },
  "DELETE /v1/portal/alerts/{id}": { params: async (tenant) => ({ id: await portalAlertId(tenant) }) },
  "GET /v1/portal-self-serve-settings": {},
  "PUT /v1/portal-self-serve-settings": {
    body: () => ({ plan_codes: ["pro"], cancellation: "at_period_end" }),
  },
  "GET /v1/portal/plan-options": {},
  "POST /v1/portal/subscriptions/{id}/change-plan": {
    params: async (tenant) => ({ id: (await subscriptionOf(tenant)).id }),
    body: () => ({ plan_code: "pro" }),
  },
  "POST /v1/portal/subscriptions/{id}/cancel": {
    params: async (tenant) => ({ id: (await subscriptionOf(tenant)).id }),
  },
  "GET /v1/portal/wallets": {},
  "POST /v1/portal/wallets/{id}/top-up": {
    params: async (tenant) => ({ id: await walletId(tenant) }),
    body: () => ({ amount: "50.00" }),
  },
  "GET /v1/reconciliation": {},
  "GET /v1/close-checklist": {},
  "POST /v1/period-locks": {
    body: () => ({ period: "2020-01", override_checklist: true, reason: "fixture: a month long gone" }),
  },
  "GET /v1/period-locks": {},
  "POST /v1/invoices/{id}/disputes": {
    params: async (tenant) => ({ id: await oneOffInvoiceId(tenant, true) }),
    body: () => ({ reason: "the customer says the setup was never done" }),
  },
  "GET /v1/disputes": {},
  "GET /v1/kpis": {},
  "GET /v1/disputes/{id}": { params: async (tenant) => ({ id: await disputeId(tenant) }) },
  "POST /v1/disputes/{id}/notes": {
    params: async (tenant) => ({ id: await disputeId(tenant) }),
    body: () => ({ body: "called the customer" }),
  },
  "POST /v1/disputes/{id}/resolve": {
    params: async (tenant) => ({ id: await disputeId(tenant) }),
    body: () => ({ resolution: "rejected", note: "the charge stands" }),
  },
};

export type DocumentedRoute = {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  path: string;
  key: string;
  requestBodySchema: unknown;
};

/** The /v1 routes of an OpenAPI document. */
export function documentedRoutes(openApi: {
  paths: Record<string, Record<string, unknown>>;
}): DocumentedRoute[] {
  const routes: DocumentedRoute[] = [];
  for (const [path, operations] of Object.entries(openApi.paths)) {
    if (!path.startsWith("/v1/")) continue;
    for (const [method, operation] of Object.entries(operations)) {
      const upper = method.toUpperCase();
      if (!["GET", "POST", "PATCH", "PUT", "DELETE"].includes(upper)) continue;
      const requestBody = (operation as { requestBody?: { content?: Record<string, { schema?: unknown }> } })
        .requestBody;
      routes.push({
        method: upper as DocumentedRoute["method"],
        path,
        key: `${upper} ${path}`,
        requestBodySchema: requestBody?.content?.["application/json"]?.schema,
      });
    }
  }
  return routes;
}

export function fillPath(path: string, params: Record<string, string>): string {
  const inPath = new Set<string>();
  const filled = path.replace(/\{([^}]+)\}/g, (_whole, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`The fixture of ${path} gives no value for {${name}}.`);
    inPath.add(name);
    return encodeURIComponent(value);
  });
  // What the path does not name goes in the query (`/customers/lookup?external_id=…`).
  const query = new URLSearchParams(Object.entries(params).filter(([name]) => !inPath.has(name)));
  return query.size === 0 ? filled : `${filled}?${query}`;
}
