import { describe, expect, it } from "vitest";
import { expectProblem, expectRefusedAt } from "../../../test/support/responses.ts";
import { startTestApp, testAppForFile } from "../../../test/support/test-app.ts";

const suite = testAppForFile();

describe("HTTP conventions", () => {
  it("serves health, readiness, metrics and an OpenAPI 3.1 document with interactive docs", async () => {
    const client = suite.testApp.rawClient(undefined);
    expect((await client.get("/healthz")).body).toEqual({ status: "ok" });
    expect((await client.get("/readyz")).body).toEqual({ status: "ready" });
    const metrics = await client.get("/metrics");
    expect(metrics.status).toBe(200);
    expect(String(metrics.body)).toContain("fairbill_http_request_duration_seconds");
    const openApi = await client.get("/openapi.json");
    expect(openApi.body.openapi).toBe("3.1.0");
    expect(Object.keys(openApi.body.paths)).toContain("/v1/customers");
    const createCustomer = openApi.body.paths["/v1/customers"].post;
    const headerNames = createCustomer.parameters.map((parameter: { name: string }) => parameter.name);
    expect(headerNames).toContain("idempotency-key");
    expect(headerNames).toContain("fairbill-reason");
    expect((await client.get("/docs/")).status).toBe(200);
  });

  it("sends security headers on the API, the docs and errors: a strict CSP, no framing, no sniffing", async () => {
    for (const path of ["/v1/customers", "/docs/", "/v1/nothing-here", "/healthz"]) {
      const response = await suite.tenant.admin.get(path);
      expect(response.headers["content-security-policy"], path).toContain("default-src 'self'");
      expect(response.headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
      expect(response.headers["content-security-policy"], path).toContain("object-src 'none'");
      expect(response.headers["x-frame-options"], path).toBe("DENY");
      expect(response.headers["x-content-type-options"], path).toBe("nosniff");
      expect(response.headers["referrer-policy"], path).toBe("no-referrer");
    }
  });

  it("serves /metrics only to its bearer token, or without one only on the machine itself", async () => {
    const fromElsewhere = await suite.testApp.app.inject({
      method: "GET",
      url: "/metrics",
      remoteAddress: "203.0.113.7",
    });
    expect(fromElsewhere.statusCode).toBe(401);
    const guarded = await startTestApp({ metricsToken: "scrape-secret" });
    try {
      const withoutToken = await guarded.app.inject({ method: "GET", url: "/metrics" });
      expect(withoutToken.statusCode).toBe(401);
      const wrongToken = await guarded.app.inject({
        method: "GET",
        url: "/metrics",
        headers: { authorization: "Bearer scrape-secrex" },
      });
      expect(wrongToken.statusCode).toBe(401);
      const withToken = await guarded.app.inject({
        method: "GET",
        url: "/metrics",
        remoteAddress: "203.0.113.7",
        headers: { authorization: "Bearer scrape-secret" },
      });
      expect(withToken.statusCode).toBe(200);
    } finally {
      await guarded.close();
    }
  }, 120_000); // a second application with its own database

  it("gives every response a request id, and takes a well-formed one from the caller", async () => {
    const generated = await suite.tenant.admin.get("/v1/customers");
    expect(generated.headers["x-request-id"]).toMatch(/^req_[0-9A-Z]{26}$/);
    const given = await suite.tenant.admin.get("/v1/customers", { "x-request-id": "trace-abc-123" });
    expect(given.headers["x-request-id"]).toBe("trace-abc-123");
  });

  it("answers unknown routes with problem+json", async () => {
    const unknown = await suite.tenant.admin.get("/v1/nothing-here");
    expectProblem(unknown, 404, "route_not_found");
  });

  it.each([
    {
      sent: "broken JSON",
      type: "application/json",
      payload: '{"external_id": ',
      status: 400,
      code: "invalid_json",
    },
    {
      sent: "another media type",
      type: "text/plain",
      payload: "external_id=x",
      status: 415,
      code: "unsupported_media_type",
    },
  ])("answers $sent with problem+json", async ({ type, payload, status, code }) => {
    const refused = await suite.tenant.admin.post("/v1/customers", payload, { "content-type": type });
    expect(refused.status).toBe(status);
    expect(refused.body.code).toBe(code);
  });

  it("validates query strings by name, with coercion of numbers", async () => {
    const tooMany = await suite.tenant.admin.get("/v1/customers?limit=1000");
    expectRefusedAt(tooMany, "query.limit");
    const unknown = await suite.tenant.admin.get("/v1/customers?colour=blue");
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0]).toEqual({ path: "query.colour", message: "is not a known field" });
  });
});

describe("route schemas compiled on first use", () => {
  it("validates a body and serializes a response by their schemas on a route's first request", async () => {
    const refused = await suite.tenant.admin.post("/v1/customers", {
      external_id: "first-use",
      name: "First use",
      nickname: "not a field",
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body.errors)).toContain("nickname");
    const created = await suite.tenant.admin.post("/v1/customers", {
      external_id: "first-use",
      name: "First use",
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ external_id: "first-use", name: "First use" });
  });

  it("compiles every schema no request has used yet, each of them without an error", () => {
    // A schema that cannot compile fails here rather than on a customer's first request to its route.
    expect(suite.testApp.app.compileEverySchema()).toBeGreaterThan(100);
    expect(suite.testApp.app.compileEverySchema()).toBe(0);
  });
});

describe("text the database cannot store", () => {
  it("names a NUL character in a body field, a query value or a path as a 400", async () => {
    const inBody = await suite.tenant.admin.post("/v1/customers", { external_id: "nul\u0000id", name: "ok" });
    expect(inBody.status).toBe(400);
    expect(inBody.body.errors).toEqual([
      { path: "$.external_id", message: "must not contain the NUL character (U+0000)" },
    ]);
    const inQuery = await suite.tenant.admin.get("/v1/customers?search=a%00b");
    expectRefusedAt(inQuery, "query.search");
    const inPath = await suite.tenant.admin.get("/v1/customers/lookup?external_id=a%00b");
    expect(inPath.status).toBe(400);
  });
});
