import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ApiClient,
  startTestAppWithTenant,
  type TestApp,
  type TestTenant,
} from "../../test/support/test-app.ts";
import { verifyEveryAuditChain } from "./index.ts";

let testApp: TestApp;
let tenant: TestTenant;
let billingOps: ApiClient;

beforeAll(async () => {
  ({ testApp, tenant } = await startTestAppWithTenant({ tenantName: "Audited" }));
  billingOps = await tenant.client("billing_ops");
});
afterAll(async () => testApp?.close());

describe("the audit log API", () => {
  it("filters by object, actor and action, pages newest first, and gives each entry its field changes", async () => {
    const product = await billingOps.post("/v1/products", { code: "api", name: "API", reason: "launch" });
    await billingOps.patch(`/v1/products/${product.body.id}`, { name: "API access" });
    await billingOps.patch(`/v1/products/${product.body.id}`, { description: "Calls to the public API" });
    await tenant.admin.post("/v1/products", { code: "storage", name: "Storage" });

    const all = await tenant.admin.get(`/v1/audit-events?object_id=${product.body.id}`);
    expect(all.body.data.map((entry: { action: string }) => entry.action)).toEqual([
      "product.updated",
      "product.updated",
      "product.created",
    ]);
    const [described, renamed, created] = all.body.data;
    expect(renamed.changes).toContainEqual({
      path: "$.name",
      change: "changed",
      before: "API",
      after: "API access",
    });
    for (const change of renamed.changes) expect(["$.name", "$.updated_at"]).toContain(change.path);
    expect(created.reason).toBe("launch");
    expect(created.changes.map((change: { path: string }) => change.path)).toContain("$.code");
    expect(described.sequence).toBeGreaterThan(renamed.sequence);

    const byActor = await tenant.admin.get(
      `/v1/audit-events?actor_id=${created.actor.id}&action=product.updated&object_type=product`,
    );
    expect(byActor.body.data).toHaveLength(2);

    const firstPage = await tenant.admin.get("/v1/audit-events?object_type=product&limit=2");
    expect(firstPage.body.data).toHaveLength(2);
    const secondPage = await tenant.admin.get(
      `/v1/audit-events?object_type=product&limit=2&cursor=${firstPage.body.next_cursor}`,
    );
    expect(secondPage.body.data).toHaveLength(2);
    expect(secondPage.body.next_cursor).toBeNull();
    const sequences = [...firstPage.body.data, ...secondPage.body.data].map(
      (entry: { sequence: number }) => entry.sequence,
    );
    expect(sequences).toEqual([...sequences].sort((left, right) => right - left));

    const later = await tenant.admin.get(
      `/v1/audit-events?object_type=product&occurred_after=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
    );
    expect(later.body.data).toEqual([]);
    const earlier = await tenant.admin.get(
      `/v1/audit-events?object_type=product&occurred_before=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
    );
    expect(earlier.body.data).toHaveLength(4);
    expect((await tenant.admin.get("/v1/audit-events?cursor=nonsense")).body.errors[0].path).toBe(
      "query.cursor",
    );
  });

  it("keeps each environment's entries to itself and verifies the organization's chain", async () => {
    const live = await tenant.client("admin", "live");
    await live.post("/v1/products", { code: "live-only", name: "Live only" });
    const testEntries = await tenant.admin.get("/v1/audit-events?object_type=product&limit=100");
    expect(JSON.stringify(testEntries.body)).not.toContain("live-only");
    const verified = await live.get("/v1/audit-events/verify");
    expect(verified.body).toMatchObject({ ok: true, first_broken_entry: null });
  });
});

describe("the approval policy", () => {
  it("requires approval in live and not in test by default, and only an admin changes it", async () => {
    const live = await tenant.client("admin", "live");
    expect((await live.get("/v1/catalog/approval-policy")).body).toEqual({
      environment: "live",
      publish_requires_approval: true,
      approval_required_for: {
        credit_grants_above: [],
        coupons_above: { percent: null, amounts: [] },
        price_overrides: { discounts_above_percent: null, new_prices: false },
        plan_migrations: false,
        rollouts: false,
      },
      is_default: true,
      updated_at: null,
      pending_change: null,
    });
    expect((await tenant.admin.get("/v1/catalog/approval-policy")).body).toMatchObject({
      environment: "test",
      publish_requires_approval: false,
    });
    expect(
      (await billingOps.patch("/v1/catalog/approval-policy", { publish_requires_approval: true })).status,
    ).toBe(403);
    // Loosening the policy waits for a second admin.
    const proposed = await live.patch("/v1/catalog/approval-policy", {
      publish_requires_approval: false,
      reason: "pilot",
    });
    expect(proposed.body).toMatchObject({
      publish_requires_approval: true,
      pending_change: { publish_requires_approval: false, state: "pending", reason: "pilot" },
    });
    const secondAdmin = await tenant.client("admin", "live");
    const changed = await secondAdmin.post(
      `/v1/catalog/approval-policy/changes/${proposed.body.pending_change.id}/approve`,
      {},
      { "fairbill-reason": "pilot" },
    );
    expect(changed.body).toMatchObject({
      publish_requires_approval: false,
      is_default: false,
      pending_change: null,
    });
    const entry = await live.get("/v1/audit-events?action=approval_policy.updated");
    expect(entry.body.data[0]).toMatchObject({ reason: "pilot" });
    expect(entry.body.data[0].changes).toContainEqual({
      path: "$.publish_requires_approval",
      change: "changed",
      before: true,
      after: false,
    });
  });
});

describe("the audit chain check", () => {
  it("reports every broken entry, not only the first, and checks an organization whose head was deleted", async () => {
    const tampered = await testApp.newTenant("Tampered");
    const product = await tampered.admin.post("/v1/products", { code: "chain", name: "Chain" });
    for (const name of ["One", "Two", "Three", "Four"])
      await tampered.admin.patch(`/v1/products/${product.body.id}`, { name });
    const entries = await testApp.handle.database
      .selectFrom("audit_events")
      .select(["id", "sequence"])
      .where("organization_id", "=", tampered.organization.id)
      .orderBy("sequence")
      .execute();
    expect(entries.length).toBeGreaterThanOrEqual(5);
    const [second, fourth] = [entries[1], entries[3]];
    const database = testApp.handle.database;
    await sql`alter table audit_events disable trigger audit_events_append_only`.execute(database);
    for (const entry of [second, fourth])
      await sql`update audit_events set reason = 'rewritten' where id = ${entry?.id}`.execute(database);
    await sql`alter table audit_events enable trigger audit_events_append_only`.execute(database);

    const verified = await tampered.admin.get("/v1/audit-events/verify");
    expect(verified.body.ok).toBe(false);
    expect(verified.body.first_broken_entry).toMatchObject({ id: second?.id });
    expect(verified.body.broken_entries.map((entry: { id: string }) => entry.id)).toEqual([
      second?.id,
      fourth?.id,
    ]);

    await database
      .deleteFrom("audit_chain_heads")
      .where("organization_id", "=", tampered.organization.id)
      .execute();
    const everyChain = await verifyEveryAuditChain(database);
    const ours = everyChain.find((result) => result.organizationId === tampered.organization.id);
    expect(ours?.verification.ok).toBe(false);
    expect(ours?.verification.brokenEntries.map((entry) => entry.problem)).toContainEqual(
      expect.stringContaining("head"),
    );
  });
});
