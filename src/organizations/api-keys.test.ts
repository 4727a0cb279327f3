import { describe, expect, it } from "vitest";
import { expectProblem } from "../../test/support/responses.ts";
import { testAppForFile } from "../../test/support/test-app.ts";

const suite = testAppForFile();

describe("authentication", () => {
  it("answers 401 to a missing, malformed or unknown key, as problem+json", async () => {
    const missing = await suite.testApp.rawClient(undefined).get("/v1/customers");
    const malformed = await suite.testApp.rawClient("Basic abc").get("/v1/customers");
    const unknown = await suite.testApp
      .rawClient("Bearer fb_test_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
      .get("/v1/customers");
    for (const response of [missing, malformed, unknown]) {
      expectProblem(response, 401, "unauthorized");
      expect(String(response.headers["content-type"])).toContain("application/problem+json");
    }
  });

  it("answers 401 when the key's environment is not the one the request asks for", async () => {
    const response = await suite.tenant.admin.get("/v1/customers", { "fairbill-environment": "live" });
    expect(response.status).toBe(401);
    expect(response.body.detail).toContain("test environment");
    const same = await suite.tenant.admin.get("/v1/customers", { "fairbill-environment": "test" });
    expect(same.status).toBe(200);
  });

  it("answers 403 when the role lacks the permission", async () => {
    const viewer = await suite.tenant.client("viewer");
    expect((await viewer.get("/v1/customers")).status).toBe(200);
    const write = await viewer.post("/v1/customers", { external_id: "by-viewer" });
    expect(write.status).toBe(403);
    expect(write.body.detail).toContain("customers:write");
    const ingest = await suite.tenant.client("ingest");
    expect((await ingest.get("/v1/customers")).status).toBe(403);
    const billingOps = await suite.tenant.client("billing_ops");
    expect((await billingOps.get("/v1/api-keys")).status).toBe(403);
  });
});

describe("API keys", () => {
  it("shows the secret once and lists keys by prefix only", async () => {
    const created = await suite.tenant.admin.post("/v1/api-keys", { name: "CI pipeline", role: "ingest" });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^fb_test_[0-9A-Za-z]{32}$/);
    expect(created.body.secret.startsWith(created.body.api_key.prefix)).toBe(true);

    const listed = await suite.tenant.admin.get("/v1/api-keys?limit=100");
    const text = JSON.stringify(listed.body);
    expect(text).not.toContain(created.body.secret);
    expect(text).not.toContain("secret_hash");
    expect(listed.body.data.some((key: { id: string }) => key.id === created.body.api_key.id)).toBe(true);

    const stored = await suite.testApp.handle.database
      .selectFrom("api_keys")
      .select("secret_hash")
      .where("id", "=", created.body.api_key.id)
      .executeTakeFirstOrThrow();
    expect(stored.secret_hash).not.toContain(created.body.secret);
  });

  it("stops accepting a revoked key at once", async () => {
    const created = await suite.tenant.admin.post("/v1/api-keys", { name: "short-lived", role: "viewer" });
    const client = suite.testApp.rawClient(`Bearer ${created.body.secret}`);
    expect((await client.get("/v1/customers")).status).toBe(200);
    const revoked = await suite.tenant.admin.post(`/v1/api-keys/${created.body.api_key.id}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revoked_at).not.toBeNull();
    expect((await client.get("/v1/customers")).status).toBe(401);
  });

  it("rotates a key: the new one works, the old one stops (or keeps working for its grace period)", async () => {
    const created = await suite.tenant.admin.post("/v1/api-keys", { name: "service", role: "viewer" });
    const rotated = await suite.tenant.admin.post(`/v1/api-keys/${created.body.api_key.id}/rotate`, {});
    expect(rotated.status).toBe(201);
    expect(rotated.body.api_key).toMatchObject({ name: "service", role: "viewer" });
    expect(rotated.body.api_key.rotated_from_key_id).toBe(created.body.api_key.id);
    expect((await suite.testApp.rawClient(`Bearer ${created.body.secret}`).get("/v1/customers")).status).toBe(
      401,
    );
    expect((await suite.testApp.rawClient(`Bearer ${rotated.body.secret}`).get("/v1/customers")).status).toBe(
      200,
    );

    const graceful = await suite.tenant.admin.post(`/v1/api-keys/${rotated.body.api_key.id}/rotate`, {
      previous_key_valid_for_seconds: 3600,
    });
    expect((await suite.testApp.rawClient(`Bearer ${rotated.body.secret}`).get("/v1/customers")).status).toBe(
      200,
    );
    expect(
      (await suite.testApp.rawClient(`Bearer ${graceful.body.secret}`).get("/v1/customers")).status,
    ).toBe(200);
  });

  it("does not let a key revoke itself", async () => {
    const own = await suite.tenant.admin.get("/v1/api-keys?limit=100");
    const adminKey = own.body.data.find((key: { prefix: string }) =>
      suite.tenant.admin.key.startsWith(key.prefix),
    );
    const response = await suite.tenant.admin.post(`/v1/api-keys/${adminKey.id}/revoke`);
    expectProblem(response, 409, "cannot_revoke_own_key");
  });

  it("makes live keys with a live prefix that only reach the live environment", async () => {
    const liveAdmin = await suite.tenant.client("admin", "live");
    expect(liveAdmin.key).toMatch(/^fb_live_/);
    const created = await liveAdmin.post("/v1/customers", { external_id: "live-only" });
    expect(created.status).toBe(201);
    expect((await suite.tenant.admin.get(`/v1/customers/${created.body.id}`)).status).toBe(404);
  });
});
