// Alert rules through the API: made for a customer, a subscription or a
// meter, refused with the bad field named, changed, deleted, listed, audited;
// and made by a customer from the portal, who reaches its own rules only.
import { beforeAll, describe, expect, it } from "vitest";
import type { CustomerBody } from "../../test/support/api-types.ts";
import { createCustomer, createMeter, createPlan, subscribe } from "../../test/support/builders.ts";
import { testAppForFile } from "../../test/support/test-app.ts";
import type { RequestContext } from "../platform/context.ts";
import { FairbillError } from "../platform/errors.ts";
import { createAlertRule, listAlertRules, listCustomerAlertRules } from "./alert-rules.ts";

const suite = testAppForFile({ tenantName: "Alert rules" });
let planId: string;

beforeAll(async () => {
  await createMeter(suite.tenant.admin, { event_name: "call" });
  const plan = await createPlan(suite.tenant.admin, {
    code: "pro",
    name: "Pro",
    version: {
      currency: "EUR",
      charges: [{ id: "calls", type: "usage", meter: "calls", model: "per_unit", unit_price: "0.10" }],
    },
  });
  planId = plan.id;
});

let sequence = 0;
async function newCustomer(fields: Partial<CustomerBody> = {}): Promise<string> {
  sequence += 1;
  return (await createCustomer(suite.tenant.admin, { external_id: `alerts-${sequence}`, ...fields })).id;
}

async function subscribeToPlan(customerId: string): Promise<string> {
  return (await subscribe(suite.tenant.admin, { customer_id: customerId, plan_id: planId, currency: "EUR" }))
    .id;
}

function portalContext(customerId: string): RequestContext {
  return { ...suite.tenant.context(), actor: { type: "portal", customerId } };
}

describe("alert rules", () => {
  it("makes spend, usage and credit balance alerts with their currency and meter, and audits them", async () => {
    const customerId = await newCustomer({ currency: "USD", email: "ops@acme.example" });
    const subscriptionId = await subscribeToPlan(customerId);

    const spend = await suite.tenant.admin.post(`/v1/customers/${customerId}/alerts`, {
      kind: "spend",
      threshold: "100",
      name: "Monthly budget",
    });
    expect(spend.status).toBe(201);
    expect(spend.body).toMatchObject({
      customer_id: customerId,
      subscription_id: null,
      kind: "spend",
      name: "Monthly budget",
      meter: null,
      // The customer's currency, and the threshold written to its minor unit.
      currency: "USD",
      threshold: "100.00",
      email_customer: true,
      enabled: true,
      below_threshold: false,
      created_by: { type: "api_key" },
    });
    expect(spend.body.id).toMatch(/^alr_/);

    // For one subscription, the subscription's currency is the one its invoices are in.
    const subscriptionSpend = await suite.tenant.admin.post(`/v1/customers/${customerId}/alerts`, {
      kind: "spend",
      threshold: "25.50",
      subscription_id: subscriptionId,
    });
    expect(subscriptionSpend.status).toBe(201);
    expect(subscriptionSpend.body).toMatchObject({ subscription_id: subscriptionId, currency: "EUR" });

    const usage = await suite.tenant.admin.post(`/v1/customers/${customerId}/alerts`, {
      kind: "usage",
      meter: "calls",
      threshold: "1000000",
      email_customer: false,
    });
    expect(usage.status).toBe(201);
    expect(usage.body).toMatchObject({
      meter: "calls",
      currency: null,
      threshold: "1000000",
      email_customer: false,
    });

    const credits = await suite.tenant.admin.post(`/v1/customers/${customerId}/alerts`, {
      kind: "credit_balance",
      threshold: "20",
      currency: "EUR",
    });
    expect(credits.status).toBe(201);
    expect(credits.body).toMatchObject({ currency: "EUR", threshold: "20.00" });

    const listed = await suite.tenant.admin.get(`/v1/customers/${customerId}/alerts`);
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((rule: { id: string }) => rule.id)).toEqual([
      credits.body.id,
      usage.body.id,
      subscriptionSpend.body.id,
      spend.body.id,
    ]);
    const usageOnly = await suite.tenant.admin.get(`/v1/customers/${customerId}/alerts?kind=usage`);
    expect(usageOnly.body.data.map((rule: { id: string }) => rule.id)).toEqual([usage.body.id]);
    const paged = await suite.tenant.admin.get(`/v1/alerts?customer_id=${customerId}&limit=3`);
    expect(paged.body.data).toHaveLength(3);
    const rest = await suite.tenant.admin.get(
      `/v1/alerts?customer_id=${customerId}&cursor=${paged.body.next_cursor}`,
    );
    expect(rest.body.data.map((rule: { id: string }) => rule.id)).toEqual([spend.body.id]);
    expect(rest.body.next_cursor).toBeNull();

    const audit = await suite.tenant.admin.get(`/v1/audit-events?object_type=alert`);
    const created = audit.body.data.filter(
      (entry: { action: string; object_id: string }) =>
        entry.action === "alert.created" && entry.object_id === spend.body.id,
    );
    expect(created).toHaveLength(1);
  });

  it("refuses a rule that cannot be evaluated, naming each bad field", async () => {
    const withoutCurrency = await newCustomer();
    const other = await newCustomer({ currency: "USD" });
    const othersSubscription = await subscribeToPlan(other);
    const cases: [Record<string, unknown>, { path: string; message: string }[]][] = [
      [{ kind: "usage", threshold: "10" }, [{ path: "$.meter", message: "is required for a usage alert" }]],
      [
        { kind: "usage", threshold: "10", meter: "storage", currency: "USD" },
        [
          { path: "$.currency", message: "applies to spend and credit_balance alerts only" },
          { path: "$.meter", message: 'no meter with code "storage"' },
        ],
      ],
      [
        { kind: "spend", threshold: "10" },
        [
          {
            path: "$.currency",
            message: `is required: customer ${withoutCurrency} has no currency of its own`,
          },
        ],
      ],
      [
        { kind: "spend", threshold: "10.001", currency: "USD" },
        [{ path: "$.threshold", message: "has more decimal places than USD has (2)" }],
      ],
      [
        { kind: "credit_balance", threshold: "0", currency: "USD" },
        [{ path: "$.threshold", message: "must be more than 0" }],
      ],
      [
        { kind: "spend", threshold: "10", currency: "XXY" },
        [{ path: "$.currency", message: '"XXY" is not an ISO 4217 currency code' }],
      ],
      [
        { kind: "spend", threshold: "10", meter: "calls", currency: "USD" },
        [{ path: "$.meter", message: "applies to usage alerts only" }],
      ],
      [
        { kind: "credit_balance", threshold: "10", currency: "USD", subscription_id: othersSubscription },
        [
          {
            path: "$.subscription_id",
            message: `no subscription of this customer with id "${othersSubscription}"`,
          },
          {
            path: "$.subscription_id",
            message:
              "does not apply to a credit_balance alert: credits belong to the customer, not a subscription",
          },
        ],
      ],
      [
        { kind: "spend", threshold: "-5", currency: "USD" },
        [{ path: "$.threshold", message: expect.any(String) }],
      ],
    ];
    for (const [body, errors] of cases) {
      const response = await suite.tenant.admin.post(`/v1/customers/${withoutCurrency}/alerts`, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.errors, JSON.stringify(body)).toEqual(errors);
    }
    const ownSubscription = await subscribeToPlan(other);
    const mismatch = await suite.tenant.admin.post(`/v1/customers/${other}/alerts`, {
      kind: "spend",
      threshold: "10",
      currency: "USD",
      subscription_id: ownSubscription,
    });
    expect(mismatch.body.errors).toEqual([
      { path: "$.currency", message: "must be the subscription's currency, EUR, which its invoices are in" },
    ]);
    const missing = await suite.tenant.admin.post("/v1/customers/cus_missing/alerts", {
      kind: "spend",
      threshold: "1",
    });
    expect(missing.status).toBe(404);
  });

  it("changes a threshold, disables and deletes a rule; a viewer reads but cannot write", async () => {
    const customerId = await newCustomer({ currency: "USD" });
    const created = await suite.tenant.admin.post(`/v1/customers/${customerId}/alerts`, {
      kind: "credit_balance",
      threshold: "10",
    });
    const path = `/v1/customers/${customerId}/alerts/${created.body.id}`;
    const changed = await suite.tenant.admin.patch(path, {
      threshold: "12.5",
      name: "Low credits",
      enabled: false,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ threshold: "12.50", name: "Low credits", enabled: false });
    expect((await suite.tenant.admin.get(path)).body).toEqual(changed.body);
    expect((await suite.tenant.admin.patch(path, { threshold: "0.001" })).body.errors).toEqual([
      { path: "$.threshold", message: "has more decimal places than USD has (2)" },
    ]);
    expect((await suite.tenant.admin.patch(path, { name: null })).body.name).toBeNull();

    const viewer = await suite.tenant.client("viewer");
    expect((await viewer.get(path)).status).toBe(200);
    expect((await viewer.patch(path, { enabled: true })).status).toBe(403);

    // Under another customer's path, the rule does not exist.
    const stranger = await newCustomer();
    expect((await suite.tenant.admin.get(`/v1/customers/${stranger}/alerts/${created.body.id}`)).status).toBe(
      404,
    );

    const deleted = await suite.tenant.admin.delete(path);
    expect(deleted.status).toBe(200);
    expect((await suite.tenant.admin.get(path)).status).toBe(404);
    expect((await suite.tenant.admin.get(`/v1/customers/${customerId}/alerts`)).body.data).toEqual([]);
    expect((await suite.tenant.admin.get(`/v1/alerts/${created.body.id}/triggers`)).status).toBe(404);
    expect((await suite.tenant.admin.delete(path)).status).toBe(404);
    const audit = await suite.tenant.admin.get(
      `/v1/audit-events?object_type=alert&object_id=${created.body.id}`,
    );
    expect(audit.body.data.map((entry: { action: string }) => entry.action).sort()).toEqual([
      "alert.created",
      "alert.deleted",
      "alert.updated",
      "alert.updated",
    ]);
  });

  it("lets a customer in the portal set its own spending alert, and nobody else's", async () => {
    const customerId = await newCustomer({ currency: "USD" });
    const neighbour = await newCustomer({ currency: "USD" });
    await suite.tenant.admin.post(`/v1/customers/${neighbour}/alerts`, { kind: "spend", threshold: "5" });
    const portal = portalContext(customerId);

    const own = await createAlertRule(portal, customerId, { kind: "spend", threshold: "50" });
    expect(own).toMatchObject({ customer_id: customerId, created_by: { type: "portal", id: customerId } });

    await expect(createAlertRule(portal, neighbour, { kind: "spend", threshold: "1" })).rejects.toSatisfy(
      (error) => error instanceof FairbillError && error.status === 404,
    );
    await expect(
      listCustomerAlertRules(portal, neighbour, {}, { limit: 10, afterId: undefined }),
    ).rejects.toSatisfy((error) => error instanceof FairbillError && error.status === 404);
    const everything = await listAlertRules(portal, {}, { limit: 100, afterId: undefined });
    expect(everything.map((rule) => rule.id)).toEqual([own.id]);
    expect(
      await listAlertRules(portal, { customer_id: neighbour }, { limit: 100, afterId: undefined }),
    ).toEqual([]);
  });
});
