// The portal's self-serve changes (issue 19) through the API: a billing
// operator sets which plans customers may switch to and whether they may
// cancel (audited); the customer sees its options, moves its subscription to
// an allowed plan (the seller's subscription shows it) and is refused any
// other, naming the field; cancels at the end of the period only when
// allowed; buys credits for its wallet (an invoice for the amount and the
// credits, once per Idempotency-Key, a key its own). Another customer's
// subscription or wallet is not found.
import { beforeAll, describe, expect, it } from "vitest";
import { createPlan, subscribeNewCustomer } from "../../test/support/builders.ts";
import { openWallet } from "../../test/support/credit-grants.ts";
import { baseFee } from "../../test/support/pricing-fixtures.ts";
import { expectProblem } from "../../test/support/responses.ts";
import { testAppForFile } from "../../test/support/test-app.ts";
import { TestClock } from "../../test/support/test-clock.ts";

const day = 24 * 3600 * 1000;
const clock = new TestClock("2026-03-01T00:00:00Z");

const suite = testAppForFile({ clock, tenantName: "Self-serve seller" });
const subscriptionOf: Record<string, string> = {};
const walletOf: Record<string, string> = {};
const customerOf: Record<string, string> = {};
let token: string;

async function publishedPlan(code: string, amount: string): Promise<string> {
  const plan = await createPlan(suite.tenant.admin, {
    code,
    name: `Plan ${code}`,
    version: { charges: [{ ...baseFee(amount), timing: "in_advance" }] },
  });
  return plan.id;
}

function portal() {
  return suite.testApp.rawClient(`Portal ${token}`);
}

beforeAll(async () => {
  const basic = await publishedPlan("basic", "20.00");
  await publishedPlan("pro", "50.00");
  await publishedPlan("enterprise", "500.00");
  for (const externalId of ["self-serve-acme", "self-serve-globex"]) {
    const { customer, subscription } = await subscribeNewCustomer(suite.tenant.admin, basic, {
      customer: { external_id: externalId, currency: "USD", timezone: "UTC" },
      subscription: { currency: "USD" },
    });
    subscriptionOf[externalId] = subscription.id;
    const wallet = await openWallet(suite.tenant.admin, customer.id, { rate: "10" });
    walletOf[externalId] = wallet.id;
    customerOf[externalId] = customer.id;
  }
  clock.advance(10 * day);
  const link = await suite.tenant.admin.post(
    `/v1/customers/${customerOf["self-serve-acme"]}/portal-links`,
    {},
  );
  expect(link.status).toBe(201);
  token = link.body.token;
});

describe("the seller's portal settings", () => {
  it("allow nothing until set, then keep what a billing operator sets, in the audit log", async () => {
    expect((await suite.tenant.admin.get("/v1/portal-self-serve-settings")).body).toEqual({
      plan_codes: [],
      cancellation: "not_allowed",
      updated_at: null,
    });
    const options = await portal().get("/v1/portal/plan-options");
    expect(options.status).toBe(200);
    expect(options.body.data).toHaveLength(1);
    expect(options.body.data[0]).toMatchObject({ plan_options: [], can_cancel: false });

    const operator = await suite.tenant.client("billing_ops");
    const set = await operator.put("/v1/portal-self-serve-settings", { plan_codes: ["pro", "pro", "basic"] });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body).toMatchObject({ plan_codes: ["pro", "basic"], cancellation: "not_allowed" });
    const audit = await suite.tenant.admin.get("/v1/audit-events?object_type=environment");
    expect(audit.body.data[0]).toMatchObject({
      action: "portal_self_serve_settings.updated",
      after: { plan_codes: ["pro", "basic"] },
    });
    expect(
      (await (await suite.tenant.client("viewer")).put("/v1/portal-self-serve-settings", {})).status,
    ).toBe(403);
  });
});

describe("changing the plan in the portal", () => {
  it("offers the allowed plans other than the current one", async () => {
    const options = await portal().get("/v1/portal/plan-options");
    expect(options.status).toBe(200);
    const [own] = options.body.data;
    expect(own.subscription.id).toBe(subscriptionOf["self-serve-acme"]);
    // Plans by their names: the current one, and each option.
    expect(own).toMatchObject({ current_plan_name: "Plan basic", awaiting_approval: null });
    expect(own.plan_options).toEqual([
      { plan_id: expect.any(String), plan_code: "pro", plan_name: "Plan pro", version: 1 },
    ]);
  });

  it("refuses a plan the seller does not list, naming the field", async () => {
    const refused = await portal().post(
      `/v1/portal/subscriptions/${subscriptionOf["self-serve-acme"]}/change-plan`,
      { plan_code: "enterprise" },
    );
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      { path: "$.plan_code", message: expect.stringContaining("not a plan you may switch to") },
    ]);
  });

  it("moves the subscription to an allowed plan, as the seller's API shows it", async () => {
    const id = subscriptionOf["self-serve-acme"];
    const changed = await portal().post(`/v1/portal/subscriptions/${id}/change-plan`, { plan_code: "pro" });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({ outcome: "changed", approval_request: null });
    expect(changed.body.subscription.current_plan.plan_code).toBe("pro");
    const seen = await suite.tenant.admin.get(`/v1/subscriptions/${id}`);
    expect(seen.body.current_plan.plan_code).toBe("pro");
    expect(seen.body.changes.at(-1)).toMatchObject({
      type: "change_plan",
      timing: "immediate",
      plan: { plan_code: "pro" },
      created_by: customerOf["self-serve-acme"],
    });
    const again = await portal().post(`/v1/portal/subscriptions/${id}/change-plan`, { plan_code: "pro" });
    expect(again.status).toBe(409);
    expect(again.body.errors[0].path).toBe("$.plan_code");
    const options = await portal().get("/v1/portal/plan-options");
    expect(
      options.body.data[0].plan_options.map((option: { plan_code: string }) => option.plan_code),
    ).toEqual(["basic"]);
  });
});

describe("cancelling in the portal", () => {
  it("is refused until the seller allows it, then ends the subscription at the end of its period", async () => {
    const id = subscriptionOf["self-serve-acme"];
    const refused = await portal().post(`/v1/portal/subscriptions/${id}/cancel`, {});
    expectProblem(refused, 403, "portal_cancellation_not_allowed");

    await suite.tenant.admin.put("/v1/portal-self-serve-settings", { cancellation: "at_period_end" });
    expect((await portal().get("/v1/portal/plan-options")).body.data[0].can_cancel).toBe(true);
    const canceled = await portal().post(`/v1/portal/subscriptions/${id}/cancel`, {});
    expect(canceled.status, JSON.stringify(canceled.body)).toBe(200);
    expect(canceled.body.ends_at).toBe(canceled.body.current_period_end);
    expect(canceled.body.ends_at).toBe("2026-04-01T00:00:00.000Z");
    expect(canceled.body.status).toBe("canceling");
    expect(canceled.body.changes.at(-1)).toMatchObject({ type: "cancel", mode: "period_end" });
    expect((await portal().get("/v1/portal/plan-options")).body.data[0].can_cancel).toBe(false);
  });
});

describe("topping up a wallet in the portal", () => {
  it("bills the amount on an invoice and adds the credits, once per Idempotency-Key", async () => {
    const wallets = await portal().get("/v1/portal/wallets");
    expect(wallets.body.data.map((wallet: { id: string }) => wallet.id)).toEqual([
      walletOf["self-serve-acme"],
    ]);
    const path = `/v1/portal/wallets/${walletOf["self-serve-acme"]}/top-up`;
    const headers = { "idempotency-key": "top-up-1" };
    const topUp = await portal().post(path, { amount: "25.00" }, headers);
    expect(topUp.status, JSON.stringify(topUp.body)).toBe(201);
    expect(topUp.body.wallet).toMatchObject({ balance: "25.00", credits: "250" });
    expect(topUp.body.grant).toMatchObject({ type: "purchased", amount: "25.00" });
    const invoiceId = topUp.body.purchase.invoice_id;
    const invoice = await suite.tenant.admin.get(`/v1/invoices/${invoiceId}`);
    expect(invoice.body).toMatchObject({ status: "open", total: "25.00", currency: "USD" });
    expect(
      (await portal().get("/v1/portal/invoices")).body.data.map((row: { id: string }) => row.id),
    ).toContain(invoiceId);

    const replayed = await portal().post(path, { amount: "25.00" }, headers);
    expect(replayed.body.purchase.invoice_id).toBe(invoiceId);
    expect((await portal().get("/v1/portal/wallets")).body.data[0].balance).toBe("25.00");
  });

  it("refuses an amount below the minor unit, zero or above the limit, naming the field", async () => {
    const path = `/v1/portal/wallets/${walletOf["self-serve-acme"]}/top-up`;
    for (const amount of ["0.001", "0", "100000.01", "-5"]) {
      const refused = await portal().post(path, { amount });
      expect(refused.status, amount).toBe(400);
      expect(refused.body.errors[0].path, amount).toBe("$.amount");
    }
  });
});

describe("another customer's objects", () => {
  it("are not found", async () => {
    const subscription = subscriptionOf["self-serve-globex"];
    for (const path of [
      `/v1/portal/subscriptions/${subscription}/change-plan`,
      `/v1/portal/subscriptions/${subscription}/cancel`,
    ]) {
      const response = await portal().post(path, path.endsWith("cancel") ? {} : { plan_code: "pro" });
      expect(response.status, path).toBe(404);
    }
    const wallet = await portal().post(`/v1/portal/wallets/${walletOf["self-serve-globex"]}/top-up`, {
      amount: "10.00",
    });
    expect(wallet.status).toBe(404);
    const seen = await suite.tenant.admin.get(`/v1/subscriptions/${subscription}`);
    expect(seen.body.current_plan.plan_code).toBe("basic");
    expect(seen.body.ends_at).toBeNull();
  });

  it("keep their own Idempotency-Keys: the same key from another customer's portal is a new request", async () => {
    const link = await suite.tenant.admin.post(
      `/v1/customers/${customerOf["self-serve-globex"]}/portal-links`,
      {},
    );
    const globex = suite.testApp.rawClient(`Portal ${link.body.token}`);
    const topUp = await globex.post(
      `/v1/portal/wallets/${walletOf["self-serve-globex"]}/top-up`,
      { amount: "25.00" },
      { "idempotency-key": "top-up-1" },
    );
    expect(topUp.status, JSON.stringify(topUp.body)).toBe(201);
    expect(topUp.headers["idempotent-replayed"]).toBeUndefined();
    expect(topUp.body.wallet.customer_id).toBe(customerOf["self-serve-globex"]);
  });
});
