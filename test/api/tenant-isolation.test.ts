// No route returns or changes another organization's or environment's data.
// Walks every /v1 route of the OpenAPI document: objects are made in tenant A's
// test environment, then each route is called with tenant B's admin key and
// with tenant A's live-environment admin key. Routes that name an object must
// answer 404 or 403; the others must not mention any of A's objects.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documentedRoutes, fillPath, routeFixtures } from "../support/route-fixtures.ts";
import { startTestApp, type TestApp, type TestTenant } from "../support/test-app.ts";

let testApp: TestApp;
let owner: TestTenant;
let stranger: TestTenant;

beforeAll(async () => {
  testApp = await startTestApp();
  owner = await testApp.newTenant("Owner");
  stranger = await testApp.newTenant("Stranger");
});
afterAll(async () => testApp?.close());

describe("tenant isolation", () => {
  it("every documented route has a fixture", async () => {
    const routes = documentedRoutes((await owner.admin.get("/openapi.json")).body);
    const missing = routes.filter((route) => !(route.key in routeFixtures)).map((route) => route.key);
    expect(missing, "add these routes to test/support/route-fixtures.ts").toEqual([]);
  });

  it("no route serves or changes another tenant's or environment's objects", async () => {
    const routes = documentedRoutes((await owner.admin.get("/openapi.json")).body);
    const ownerLiveAdmin = await owner.client("admin", "live");
    const outsiders = [
      { name: "another organization", client: stranger.admin },
      { name: "the same organization's live environment", client: ownerLiveAdmin },
    ];
    const failures: string[] = [];
    for (const route of routes) {
      const fixture = routeFixtures[route.key];
      if (!fixture) continue;
      const params = fixture.params ? await fixture.params(owner) : {};
      const ownedIds = Object.values(params);
      const url = fillPath(route.path, params);
      const body = fixture.body ? await fixture.body(owner, params) : {};
      for (const outsider of outsiders) {
        const response =
          route.method === "GET"
            ? await outsider.client.get(url)
            : route.method === "DELETE"
              ? await outsider.client.delete(url)
              : route.method === "PATCH"
                ? await outsider.client.patch(url, body)
                : await outsider.client.post(url, body);
        const text = JSON.stringify(response.body);
        if (ownedIds.length > 0 && response.status !== 404 && response.status !== 403) {
          failures.push(`${route.key} as ${outsider.name}: status ${response.status}, expected 404 or 403`);
        }
        const leaked = ownedIds.filter((id) => text.includes(id) && response.status < 400);
        if (leaked.length > 0)
          failures.push(`${route.key} as ${outsider.name}: answer mentions ${leaked.join(", ")}`);
      }
    }
    expect(failures).toEqual([]);
  }, 900_000); // every route of the API, called from two other tenants: minutes on a busy machine
});
