import { describe, expect, it } from "vitest";
import { expectProblem, expectRefusedAt } from "../../../test/support/responses.ts";
import { testAppForFile } from "../../../test/support/test-app.ts";
import { releaseKeysOfEndedProcess } from "./idempotency.ts";

const suite = testAppForFile();

describe("Idempotency-Key", () => {
  it("replays the first response for a repeat with the same body, without doing the work twice", async () => {
    const body = { external_id: "idem-1", name: "Once" };
    const first = await suite.tenant.admin.post("/v1/customers", body, {
      "idempotency-key": "create-idem-1",
    });
    const second = await suite.tenant.admin.post("/v1/customers", body, {
      "idempotency-key": "create-idem-1",
    });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers["idempotent-replayed"]).toBe("true");
    const listed = await suite.tenant.admin.get("/v1/customers?external_id=idem-1");
    expect(listed.body.data).toHaveLength(1);
  });

  it("serves at once a retry whose first request died with the embedded server before it", async () => {
    const body = { external_id: "died-1" };
    const first = await suite.tenant.admin.post("/v1/customers", body, { "idempotency-key": "died-key" });
    expect(first.status).toBe(201);
    // As a process killed after marking the key and before committing leaves it: in progress, nothing written.
    await suite.testApp.handle.database
      .updateTable("idempotency_keys")
      .set({ state: "in_progress", response_status: null, response_body: null })
      .where("key", "=", "died-key")
      .execute();
    await suite.tenant.admin.patch(`/v1/customers/${first.body.id}`, { external_id: "died-1-before" });
    const tooSoon = await suite.tenant.admin.post("/v1/customers", body, { "idempotency-key": "died-key" });
    expectProblem(tooSoon, 409, "idempotency_request_in_progress");

    expect(await releaseKeysOfEndedProcess(suite.testApp.handle.database)).toBe(1);
    const retried = await suite.tenant.admin.post("/v1/customers", body, { "idempotency-key": "died-key" });
    expect(retried.status).toBe(201);
    expect(retried.body.id).not.toBe(first.body.id);
    expect((await suite.tenant.admin.get("/v1/customers?external_id=died-1")).body.data).toHaveLength(1);
  });

  it("answers 409 when the same key comes with a different body", async () => {
    await suite.tenant.admin.post("/v1/customers", { external_id: "idem-2" }, { "idempotency-key": "key-2" });
    const other = await suite.tenant.admin.post(
      "/v1/customers",
      { external_id: "idem-3" },
      { "idempotency-key": "key-2" },
    );
    expectProblem(other, 409, "idempotency_key_reused");
    expect((await suite.tenant.admin.get("/v1/customers?external_id=idem-3")).body.data).toHaveLength(0);
  });

  it("replays refusals too, so a retry sees the same answer", async () => {
    await suite.tenant.admin.post("/v1/customers", { external_id: "taken" });
    const first = await suite.tenant.admin.post(
      "/v1/customers",
      { external_id: "taken" },
      { "idempotency-key": "k-taken" },
    );
    const again = await suite.tenant.admin.post(
      "/v1/customers",
      { external_id: "taken" },
      { "idempotency-key": "k-taken" },
    );
    expect(first.status).toBe(409);
    expect(again.status).toBe(409);
    expect(again.headers["idempotent-replayed"]).toBe("true");
  });

  it("keeps keys apart per environment", async () => {
    const live = await suite.tenant.client("admin", "live");
    const inTest = await suite.tenant.admin.post(
      "/v1/customers",
      { external_id: "same" },
      { "idempotency-key": "shared" },
    );
    const inLive = await live.post("/v1/customers", { external_id: "same" }, { "idempotency-key": "shared" });
    expect(inTest.status).toBe(201);
    expect(inLive.status).toBe(201);
    expect(inLive.body.id).not.toBe(inTest.body.id);
  });

  it("refuses a key longer than 255 characters, naming the header", async () => {
    const response = await suite.tenant.admin.post(
      "/v1/customers",
      { external_id: "long-key" },
      {
        "idempotency-key": "k".repeat(256),
      },
    );
    expectRefusedAt(response, "header.idempotency-key");
  });

  it("never keeps a secret it answered: a replay returns the answer without it (issue 18, finding 8)", async () => {
    const body = { name: "Minted once", role: "viewer" };
    const first = await suite.tenant.admin.post("/v1/api-keys", body, { "idempotency-key": "mint-key-1" });
    expect(first.status).toBe(201);
    expect(first.body.secret).toMatch(/^fb_test_/);
    const stored = await suite.testApp.handle.database
      .selectFrom("idempotency_keys")
      .select("response_body")
      .where("key", "=", "mint-key-1")
      .executeTakeFirstOrThrow();
    expect(stored.response_body).not.toContain(first.body.secret);
    const otherAdmin = await suite.tenant.client("admin");
    const replay = await otherAdmin.post("/v1/api-keys", body, { "idempotency-key": "mint-key-1" });
    expect(replay.status).toBe(201);
    expect(replay.headers["idempotent-replayed"]).toBe("true");
    expect(replay.body.api_key).toEqual(first.body.api_key);
    expect(replay.body.secret).toBeUndefined();
    expect(JSON.stringify(replay.body)).not.toContain(first.body.secret);
  });
});
