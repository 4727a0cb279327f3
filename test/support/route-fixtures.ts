// For every API route: how to make, in a tenant, the objects its path names,
// and a valid body for it. The tenant-isolation walk and the bad-input
// property test call every route in the OpenAPI document through these, so a
// new route needs an entry here (the walk fails and says so otherwise).
import type { TestTenant } from "./test-app.ts";

export type RouteFixture = {
  /** Makes what the path names in `tenant` and returns the path parameters. */
  params?: (tenant: TestTenant) => Promise<Record<string, string>>;
  /** A body that the route would accept in `tenant` with those parameters. */
  body?: (tenant: TestTenant, params: Record<string, string>) => Promise<unknown> | unknown;
};

let counter = 0;
/** A value unique within the test run, for external ids and codes. */
export function unique(prefix: string): string {
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

export const routeFixtures: Record<string, RouteFixture> = {
  "POST /v1/customers": { body: () => ({ external_id: unique("customer") }) },
  "GET /v1/customers": {},
  "GET /v1/customers/{id}": { params: async (tenant) => ({ id: await customerId(tenant) }) },
  "PATCH /v1/customers/{id}": {
    params: async (tenant) => ({ id: await customerId(tenant) }),
    body: () => ({ name: "Renamed" }),
  },
  "POST /v1/customers/{id}/archive": { params: async (tenant) => ({ id: await customerId(tenant) }) },
  "GET /v1/customers/by-external-id/{external_id}": {
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
  "POST /v1/api-keys": { body: () => ({ name: "new key", role: "viewer" }) },
  "GET /v1/api-keys": {},
  "GET /v1/api-keys/{id}": { params: async (tenant) => ({ id: await apiKeyId(tenant) }) },
  "POST /v1/api-keys/{id}/rotate": { params: async (tenant) => ({ id: await apiKeyId(tenant) }) },
  "POST /v1/api-keys/{id}/revoke": { params: async (tenant) => ({ id: await apiKeyId(tenant) }) },
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
  return path.replace(/\{([^}]+)\}/g, (_whole, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`The fixture of ${path} gives no value for {${name}}.`);
    return encodeURIComponent(value);
  });
}
