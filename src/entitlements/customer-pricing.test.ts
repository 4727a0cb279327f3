// What hangs off a customer: entitlements granted directly (with usage left
// on metered limits, from the metering domain) and price overrides per
// subscription, validated against the plan version and applied by the pure
// applyOverrides.
import { beforeAll, describe, expect, it } from "vitest";
import {
  createCustomer,
  createFeature,
  createMeter,
  createMeteredFeature,
  createPlan,
  subscribe as subscribeCustomer,
} from "../../test/support/builders.ts";
import { baseFee, graduatedCalls } from "../../test/support/pricing-fixtures.ts";
import { expectProblem, expectRefusedNaming } from "../../test/support/responses.ts";
import { testAppForFile } from "../../test/support/test-app.ts";
import { toCoreCharges } from "../catalog/index.ts";
import { parseInstant } from "../core/index.ts";
import { applyOverrides, subscriptionPriceOverrides } from "../subscriptions/index.ts";

const suite = testAppForFile({ tenantName: "Customer pricing" });
let customerId: string;
let planCode: string;
let subscriptionId: string;
let secondSubscriptionId: string;

const nextYear = new Date().getUTCFullYear() + 1;
const future = `${nextYear}-01-01T00:00:00Z`;

beforeAll(async () => {
  customerId = (await createCustomer(suite.tenant.admin, { external_id: "acme", timezone: "Europe/Berlin" }))
    .id;
  await createMeter(suite.tenant.admin, { code: "api_calls", name: "Calls" });
  const plan = await createPlan(suite.tenant.admin, {
    code: "pro",
    name: "Pro",
    version: {
      charges: [baseFee(), graduatedCalls()],
    },
  });
  planCode = plan.code;
  const subscribe = async () =>
    (await subscribeCustomer(suite.tenant.admin, { customer_id: customerId, plan_id: plan.id })).id;
  subscriptionId = await subscribe();
  secondSubscriptionId = await subscribe();
});

describe("entitlements", () => {
  it("answers what a customer may use, with usage so far on metered limits", async () => {
    await createFeature(suite.tenant.admin, { code: "sso", name: "Single sign-on", kind: "boolean" });
    await createFeature(suite.tenant.admin, { code: "theme", name: "Theme", kind: "static" });
    await createMeteredFeature(suite.tenant.admin, "calls", "API calls", "api_calls");
    await createMeteredFeature(suite.tenant.admin, "seats", "Seats", "api_calls");
    expect(
      (await suite.tenant.admin.post(`/v1/customers/${customerId}/entitlements`, { feature: "sso" })).status,
    ).toBe(200);
    await suite.tenant.admin.post(`/v1/customers/${customerId}/entitlements`, {
      feature: "theme",
      value: { color: "teal" },
    });
    await suite.tenant.admin.post(`/v1/customers/${customerId}/entitlements`, {
      feature: "calls",
      limit: "5",
    });
    await suite.tenant.admin.post(`/v1/customers/${customerId}/entitlements`, {
      feature: "seats",
      limit: null,
    });
    const changed = await suite.tenant.admin.post(`/v1/customers/${customerId}/entitlements`, {
      feature: "calls",
      limit: "3",
    });
    expect(changed.body).toMatchObject({ feature: "calls", limit: "3" });

    const events = await suite.tenant.admin.post("/v1/events/batch", {
      events: [1, 2, 3, 4].map((index) => ({ id: `call-${index}`, customer: "acme", name: "api_call" })),
    });
    expect(events.status).toBeLessThan(300);

    const answer = await suite.tenant.admin.get(`/v1/customers/${customerId}/entitlements`);
    expect(answer.status).toBe(200);
    expect(answer.body.customer_id).toBe(customerId);
    expect(answer.body.data).toEqual([
      {
        feature: "calls",
        name: "API calls",
        kind: "metered",
        allowed: false,
        value: null,
        limit: "3",
        used: "4",
        remaining: "0",
        source: "grant",
      },
      {
        feature: "seats",
        name: "Seats",
        kind: "metered",
        allowed: true,
        value: null,
        limit: null,
        used: "4",
        remaining: null,
        source: "grant",
      },
      {
        feature: "sso",
        name: "Single sign-on",
        kind: "boolean",
        allowed: true,
        value: null,
        limit: null,
        used: null,
        remaining: null,
        source: "grant",
      },
      {
        feature: "theme",
        name: "Theme",
        kind: "static",
        allowed: true,
        value: { color: "teal" },
        limit: null,
        used: null,
        remaining: null,
        source: "grant",
      },
    ]);
    // The period is the customer's calendar month, in Berlin time.
    expect(answer.body.period_start).toMatch(/T2[23]:00:00\.000Z$/);

    const wrongKind = await suite.tenant.admin.post(`/v1/customers/${customerId}/entitlements`, {
      feature: "sso",
      limit: "3",
    });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.errors).toEqual([
      { path: "$.limit", message: "must be left out: only a metered feature has a limit" },
    ]);
    const revoked = await suite.tenant.admin.delete(`/v1/customers/${customerId}/entitlements/sso`);
    expect(revoked.status).toBe(200);
    const after = await suite.tenant.admin.get(`/v1/customers/${customerId}/entitlements`);
    expect(after.body.data.map((entry: { feature: string }) => entry.feature)).toEqual([
      "calls",
      "seats",
      "theme",
    ]);
    expect(
      (await suite.tenant.admin.get("/v1/customers/cus_00000000000000000000000000/entitlements")).status,
    ).toBe(404);
  });
});

describe("price overrides", () => {
  /** An override of the first subscription's calls: 5,000 free, then `unitPrice` each. */
  const callsTiersOverride = (unitPrice: string) => ({
    subscription_id: subscriptionId,
    plan_code: planCode,
    charge_id: "calls",
    override: {
      type: "tiers",
      tiers: [
        { up_to: 5000, unit_price: "0" },
        { up_to: null, unit_price: unitPrice },
      ],
    },
  });

  it("stores versioned overrides checked against the plan's charges, and applies them at an instant", async () => {
    const first = await suite.tenant.admin.post(
      `/v1/customers/${customerId}/price-overrides`,
      { ...callsTiersOverride("0.0015"), effective_from: future },
      { "fairbill-reason": "negotiated in the renewal" },
    );
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ id: expect.stringMatching(/^ovr_/), slot: "price", version: 1 });
    const discount = await suite.tenant.admin.post(`/v1/customers/${customerId}/price-overrides`, {
      subscription_id: subscriptionId,
      plan_code: planCode,
      charge_id: "base",
      override: { type: "percentage_discount", percent: "20" },
      effective_from: future,
      effective_until: `${nextYear}-07-01T00:00:00Z`,
    });
    expect(discount.body).toMatchObject({ slot: "discount", version: 1 });
    const second = await suite.tenant.admin.post(`/v1/customers/${customerId}/price-overrides`, {
      ...callsTiersOverride("0.0012"),
      effective_from: `${nextYear}-03-01T00:00:00Z`,
    });
    expect(second.body.version).toBe(2);

    const listed = await suite.tenant.admin.get(
      `/v1/customers/${customerId}/price-overrides?subscription_id=${subscriptionId}`,
    );
    expect(listed.body.data).toHaveLength(3);
    const audit = await suite.tenant.admin.get(`/v1/audit-events?object_id=${first.body.id}`);
    expect(audit.body.data[0]).toMatchObject({
      action: "price_override.created",
      reason: "negotiated in the renewal",
    });

    const planVersion = await suite.tenant.admin.get(`/v1/plans/${first.body.plan_id}/versions/1`);
    const coreCharges = toCoreCharges(planVersion.body, new Map([["api_calls", "count"]]));
    const overrides = await subscriptionPriceOverrides(
      suite.testApp.handle.database,
      suite.tenant.context(),
      subscriptionId,
    );
    const inFebruary = applyOverrides(
      coreCharges,
      overrides,
      parseInstant(`${nextYear}-02-01T00:00:00Z`) as number,
    );
    const inAugust = applyOverrides(
      coreCharges,
      overrides,
      parseInstant(`${nextYear}-08-01T00:00:00Z`) as number,
    );
    expect(inFebruary[0]?.type === "fixed" && inFebruary[0].amount.toString()).toBe("39.2");
    expect(inAugust[0]?.type === "fixed" && inAugust[0].amount.toString()).toBe("49");
    const augustCalls = inAugust[1];
    expect(
      augustCalls?.type === "usage" &&
        augustCalls.pricing.model === "graduated" &&
        augustCalls.pricing.tiers[1]?.unitPrice.toString(),
    ).toBe("0.0012");
  });

  it("refuses overrides that do not fit the plan, its charge, or the calendar, naming the field", async () => {
    const post = (body: Record<string, unknown>) =>
      suite.tenant.admin.post(`/v1/customers/${customerId}/price-overrides`, {
        subscription_id: secondSubscriptionId,
        plan_code: planCode,
        charge_id: "base",
        override: { type: "amount", amount: "40.00" },
        effective_from: future,
        ...body,
      });
    const cases: [Record<string, unknown>, string][] = [
      [{ plan_code: "nope" }, "$.plan_code"],
      [{ subscription_id: "sub_unknown" }, "$.subscription_id"],
      [{ charge_id: "nope" }, "$.charge_id"],
      [{ override: { type: "unit_price", unit_price: "1" } }, "$.override.type"],
      [{ override: { type: "amount", unit_price: "1" } }, "$.override.amount"],
      [{ override: { type: "percentage_discount", percent: "120" } }, "$.override.percent"],
      [{ effective_from: "2020-01-01T00:00:00Z" }, "$.effective_from"],
      [{ effective_until: "2020-01-01T00:00:00Z" }, "$.effective_until"],
      [
        {
          charge_id: "calls",
          override: {
            type: "tiers",
            tiers: [
              { up_to: 10, unit_price: "1" },
              { up_to: 5, unit_price: "1" },
              { up_to: null, unit_price: "1" },
            ],
          },
        },
        "$.override.tiers",
      ],
    ];
    for (const [body, path] of cases) {
      const response = await post(body);
      expectRefusedNaming(response, path, { label: JSON.stringify(body) });
    }
    const other = await createCustomer(suite.tenant.admin, { external_id: "other" });
    const taken = await suite.tenant.admin.post(`/v1/customers/${other.id}/price-overrides`, {
      subscription_id: subscriptionId,
      plan_code: planCode,
      charge_id: "base",
      override: { type: "amount", amount: "40.00" },
      effective_from: future,
    });
    expectProblem(taken, 409, "subscription_of_another_customer");
  });
});
