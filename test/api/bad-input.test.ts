// Bad input on any write route gets a 4xx problem+json that names the field,
// never a 500: a property test throws generated invalid bodies (wrong types,
// unknown fields, nulls, huge strings, garbage JSON) at every POST, PATCH and
// PUT route of the OpenAPI document.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCustomer, createPlan, subscribeNewCustomer } from "../support/builders.ts";
import { expectCreated } from "../support/responses.ts";
import { documentedRoutes, fillPath, routeFixtures } from "../support/route-fixtures.ts";
import { startTestAppWithTenant, type TestApp, type TestTenant } from "../support/test-app.ts";
import { freezeTestClock } from "../support/test-clock-api.ts";

let testApp: TestApp;
let tenant: TestTenant;

beforeAll(async () => {
  ({ testApp, tenant } = await startTestAppWithTenant({ tenantName: "Fuzzed" }));
});
afterAll(async () => testApp?.close());

const wrongValue = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 20 }),
  fc.string({ minLength: 300, maxLength: 2000 }),
  fc.constantFrom("-1", "1e309", "NaN", "2026-13-45T99:99:99Z", "<script>", "\u0000", "💸"),
  fc.array(fc.jsonValue(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue(), { maxKeys: 3 }),
);

/** A body with some known fields set to wrong values and maybe an unknown field. */
function invalidBodies(validBody: Record<string, unknown>, knownFields: string[]) {
  const fieldNames = knownFields.length > 0 ? knownFields : ["field"];
  return fc.oneof(
    fc
      .record({
        replaced: fc.dictionary(fc.constantFrom(...fieldNames), wrongValue, { minKeys: 1, maxKeys: 4 }),
        unknown: fc.option(fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), fc.jsonValue()), {
          nil: undefined,
        }),
      })
      .map(({ replaced, unknown }) => ({
        ...validBody,
        ...replaced,
        ...(unknown && !fieldNames.includes(unknown[0]) ? { [unknown[0]]: unknown[1] } : {}),
      })),
    fc.jsonValue().filter((value) => typeof value !== "object" || value === null || Array.isArray(value)),
  );
}

describe("bad input", () => {
  it("never gets a 500, and a validation error always names its fields", async () => {
    const routes = documentedRoutes((await tenant.admin.get("/openapi.json")).body).filter((route) =>
      ["POST", "PATCH", "PUT"].includes(route.method),
    );
    expect(routes.length).toBeGreaterThan(0);
    for (const route of routes) {
      const fixture = routeFixtures[route.key];
      const params = fixture?.params ? await fixture.params(tenant) : {};
      const url = fillPath(route.path, params);
      const validBody = ((fixture?.body ? await fixture.body(tenant, params) : {}) ?? {}) as Record<
        string,
        unknown
      >;
      const schema = route.requestBodySchema as { properties?: Record<string, unknown> } | undefined;
      const knownFields = Object.keys(schema?.properties ?? {});
      await fc.assert(
        fc.asyncProperty(invalidBodies(validBody, knownFields), async (body) => {
          const response =
            route.method === "PATCH"
              ? await tenant.admin.patch(url, body)
              : route.method === "PUT"
                ? await tenant.admin.put(url, body)
                : await tenant.admin.post(url, body);
          expect(response.status, `${route.key} with ${JSON.stringify(body).slice(0, 200)}`).toBeLessThan(
            500,
          );
          if (response.status >= 400) {
            expect(String(response.headers["content-type"])).toContain("application/problem+json");
            expect(typeof response.body.code).toBe("string");
            if (response.body.code === "validation_failed") {
              expect(response.body.errors.length).toBeGreaterThan(0);
              for (const error of response.body.errors) expect(error.path).toMatch(/^(\$|query|path|header)/);
            }
          }
        }),
        { numRuns: 30 },
      );
      const garbage = await testApp.app.inject({
        method: route.method,
        url,
        headers: { authorization: `Bearer ${tenant.admin.key}`, "content-type": "application/json" },
        payload: "{not json",
      });
      expect(garbage.statusCode, `${route.key} with broken JSON`).toBe(400);
      expect(garbage.json().code).toBe("invalid_json");
    }
  }, 900_000); // every write route of the API, 30 bodies each: minutes on a busy machine
});

// What an attack on the running service found (issue 18): each input below
// answered a 500, or stored a row that broke later reads, before its fix.
describe("hostile input", () => {
  const inRangeMessage = /2000-01-01T00:00:00Z.*2100-01-01T00:00:00Z/;
  const baseFee = { id: "base", type: "fixed" as const, amount: "10.00" };

  it("refuses dates outside 2000-01-01..2100-01-01 wherever a date enters, naming the field", async () => {
    const plan = await createPlan(tenant.admin, { code: "dated", version: { charges: [baseFee] } });
    const { subscription } = await subscribeNewCustomer(tenant.admin, plan.id);
    const customer = await createCustomer(tenant.admin);
    const subscriptionsBefore = (await tenant.admin.get("/v1/subscriptions?limit=100")).body.data.length;
    const refusals: [string, string, Record<string, unknown> | undefined, string][] = [
      [
        "POST",
        "/v1/subscriptions",
        { customer_id: customer.id, plan_id: plan.id, plan_version: 1, start_at: "0001-01-01T00:00:00Z" },
        "$.start_at",
      ],
      [
        "POST",
        "/v1/subscriptions",
        { customer_id: customer.id, plan_id: plan.id, plan_version: 1, start_at: "9999-12-31T23:59:59Z" },
        "$.start_at",
      ],
      ["POST", "/v1/test-clock", { frozen_at: "9999-12-31T23:59:59Z" }, "$.frozen_at"],
      ["POST", "/v1/test-clock/advance", { to: "9999-12-31T23:59:59Z" }, "$.to"],
      [
        "POST",
        `/v1/subscriptions/${subscription.id}/change-plan/preview`,
        { plan_id: plan.id, timing: "at", at: "9999-12-31T23:59:59Z" },
        "$.at",
      ],
      ["GET", "/v1/events?to=0001-01-01T00:00:00Z", undefined, "query.to"],
      ["GET", "/v1/events?from=1999-12-31T23:59:59Z", undefined, "query.from"],
    ];
    for (const [method, url, body, path] of refusals) {
      const response = method === "GET" ? await tenant.admin.get(url) : await tenant.admin.post(url, body);
      expect(response.status, `${method} ${url} ${JSON.stringify(body)}`).toBe(400);
      expect(response.body.errors).toEqual([{ path, message: expect.stringMatching(inRangeMessage) }]);
    }
    expect((await tenant.admin.get("/v1/subscriptions?limit=100")).body.data).toHaveLength(
      subscriptionsBefore,
    );
    expect((await tenant.admin.get("/v1/invoices")).status).toBe(200);
  });

  it("refuses a subscription that starts more billing periods back than are caught up", async () => {
    const plan = await createPlan(tenant.admin, { code: "catch-up", version: { charges: [baseFee] } });
    const customer = await createCustomer(tenant.admin);
    const refused = await tenant.admin.post("/v1/subscriptions", {
      customer_id: customer.id,
      plan_id: plan.id,
      plan_version: 1,
      start_at: "2000-01-01T00:00:00Z",
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      { path: "$.start_at", message: expect.stringMatching(/at most 24 billing periods back/) },
    ]);
    expect((await tenant.admin.get(`/v1/subscriptions?customer_id=${customer.id}`)).body.data).toEqual([]);
  });

  it("bills a subscription made on a test clock at the end of the date range", async () => {
    const edge = (await testApp.newTenant("Edge of time")).admin;
    const plan = await createPlan(edge, { code: "edge", version: { interval: "year", charges: [baseFee] } });
    await freezeTestClock(edge, "2099-12-31T23:59:59Z");
    await subscribeNewCustomer(edge, plan.id);
    expect((await edge.get("/v1/subscriptions")).status).toBe(200);
    expect((await edge.get("/v1/invoices")).status).toBe(200);
  });

  it("refuses a number beyond a double (1e400) and keeps the meter list readable", async () => {
    const response = await tenant.admin.post(
      "/v1/meters",
      '{"code":"regions","name":"Regions","event_name":"region_call","aggregation":"count","filters":{"region":[1e400]}}',
      { "content-type": "application/json" },
    );
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      { path: "$.filters.region[0]", message: expect.stringContaining("number") },
    ]);
    const meters = await tenant.admin.get("/v1/meters");
    expect(meters.status).toBe(200);
    expect(meters.body.data.map((meter: { code: string }) => meter.code)).not.toContain("regions");
  });

  it("refuses 50,000 nested arrays with a 400, not a stack overflow", async () => {
    const depth = 50_000;
    const response = await tenant.admin.post(
      "/v1/customers",
      `{"external_id":"deep","metadata":{"deep":${"[".repeat(depth)}${"]".repeat(depth)}}}`,
      { "content-type": "application/json" },
    );
    expect(response.status).toBe(400);
    expect(response.body.errors[0].message).toMatch(/nest/);
    const unbalanced = await tenant.admin.post("/v1/customers", "[".repeat(depth), {
      "content-type": "application/json",
    });
    expect(unbalanced.status).toBe(400);
  });

  it("refuses lone surrogates in every field stored as JSON, by path, and stores nothing", async () => {
    const product = await expectCreated(
      tenant.admin.post("/v1/products", { code: "surrogate-product", name: "Product" }),
    );
    const reason = await tenant.admin.patch(`/v1/products/${product.id}`, {
      name: "Renamed",
      reason: "\ud800",
    });
    expect(reason.status).toBe(400);
    expect(reason.body.errors).toEqual([{ path: "$.reason", message: expect.stringContaining("surrogate") }]);
    expect((await tenant.admin.get(`/v1/products/${product.id}`)).body.name).toBe("Product");

    const customer = await tenant.admin.post("/v1/customers", {
      external_id: "surrogates",
      metadata: { plain: "\udc00", "key\ud800": "value" },
      billing_address: { line1: "1 Main \ud83d Street" },
      tax_ids: [{ type: "eu_vat", value: "IE\udfff" }],
    });
    expect(customer.status).toBe(400);
    expect(customer.body.errors.map((error: { path: string }) => error.path).sort()).toEqual(
      [
        "$.billing_address.line1",
        "$.metadata.plain",
        '$.metadata["key\\ud800"]',
        "$.tax_ids[0].value",
      ].sort(),
    );
    expect((await tenant.admin.get("/v1/customers/lookup?external_id=surrogates")).status).toBe(404);
  });

  it("stores text normalized to NFC, whichever way its accents were typed", async () => {
    const customer = await createCustomer(tenant.admin, {
      name: "Zoe\u0301 Cafe\u0301",
      metadata: { "ne\u0301": "e\u0301" },
    });
    expect(customer.name).toBe("Zo\u00e9 Caf\u00e9");
    expect(customer.metadata).toEqual({ "n\u00e9": "\u00e9" });
  });
});
