// Bad input on any write route gets a 4xx problem+json that names the field,
// never a 500: a property test throws generated invalid bodies (wrong types,
// unknown fields, nulls, huge strings, garbage JSON) at every POST, PATCH and
// PUT route of the OpenAPI document.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documentedRoutes, fillPath, routeFixtures } from "../support/route-fixtures.ts";
import { startTestAppWithTenant, type TestApp, type TestTenant } from "../support/test-app.ts";

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
