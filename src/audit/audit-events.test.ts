import { createHash, createHmac } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { asTableOwner } from "../../test/support/table-owner.ts";
import { type ApiClient, testAppForFile } from "../../test/support/test-app.ts";
import { canonicalJson } from "../platform/canonical-json.ts";
import { systemClock } from "../platform/clock.ts";
import type { Database } from "../platform/database/schema.ts";
import { verifyAuditChain, verifyEveryAuditChain, writeAuditCheckpoints } from "./index.ts";

const suite = testAppForFile({ tenantName: "Audited" });
let billingOps: ApiClient;

beforeAll(async () => {
  billingOps = await suite.tenant.client("billing_ops");
});

describe("the audit log API", () => {
  it("filters by object, actor and action, pages newest first, and gives each entry its field changes", async () => {
    const product = await billingOps.post("/v1/products", { code: "api", name: "API", reason: "launch" });
    await billingOps.patch(`/v1/products/${product.body.id}`, { name: "API access" });
    await billingOps.patch(`/v1/products/${product.body.id}`, { description: "Calls to the public API" });
    await suite.tenant.admin.post("/v1/products", { code: "storage", name: "Storage" });

    const all = await suite.tenant.admin.get(`/v1/audit-events?object_id=${product.body.id}`);
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

    const byActor = await suite.tenant.admin.get(
      `/v1/audit-events?actor_id=${created.actor.id}&action=product.updated&object_type=product`,
    );
    expect(byActor.body.data).toHaveLength(2);

    const firstPage = await suite.tenant.admin.get("/v1/audit-events?object_type=product&limit=2");
    expect(firstPage.body.data).toHaveLength(2);
    const secondPage = await suite.tenant.admin.get(
      `/v1/audit-events?object_type=product&limit=2&cursor=${firstPage.body.next_cursor}`,
    );
    expect(secondPage.body.data).toHaveLength(2);
    expect(secondPage.body.next_cursor).toBeNull();
    const sequences = [...firstPage.body.data, ...secondPage.body.data].map(
      (entry: { sequence: number }) => entry.sequence,
    );
    expect(sequences).toEqual([...sequences].sort((left, right) => right - left));

    const later = await suite.tenant.admin.get(
      `/v1/audit-events?object_type=product&occurred_after=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
    );
    expect(later.body.data).toEqual([]);
    const earlier = await suite.tenant.admin.get(
      `/v1/audit-events?object_type=product&occurred_before=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
    );
    expect(earlier.body.data).toHaveLength(4);
    expect((await suite.tenant.admin.get("/v1/audit-events?cursor=nonsense")).body.errors[0].path).toBe(
      "query.cursor",
    );
  });

  it("keeps each environment's entries to itself and verifies the organization's chain", async () => {
    const live = await suite.tenant.client("admin", "live");
    await live.post("/v1/products", { code: "live-only", name: "Live only" });
    const testEntries = await suite.tenant.admin.get("/v1/audit-events?object_type=product&limit=100");
    expect(JSON.stringify(testEntries.body)).not.toContain("live-only");
    const verified = await live.get("/v1/audit-events/verify");
    expect(verified.body).toMatchObject({ ok: true, first_broken_entry: null });
  });
});

describe("the approval policy", () => {
  it("requires approval in live and not in test by default, and only an admin changes it", async () => {
    const live = await suite.tenant.client("admin", "live");
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
    expect((await suite.tenant.admin.get("/v1/catalog/approval-policy")).body).toMatchObject({
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
    const secondAdmin = await suite.tenant.client("admin", "live");
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
    const tampered = await suite.testApp.newTenant("Tampered");
    const product = await tampered.admin.post("/v1/products", { code: "chain", name: "Chain" });
    for (const name of ["One", "Two", "Three", "Four"])
      await tampered.admin.patch(`/v1/products/${product.body.id}`, { name });
    const entries = await suite.testApp.handle.database
      .selectFrom("audit_events")
      .select(["id", "sequence"])
      .where("organization_id", "=", tampered.organization.id)
      .orderBy("sequence")
      .execute();
    expect(entries.length).toBeGreaterThanOrEqual(5);
    const [second, fourth] = [entries[1], entries[3]];
    const database = suite.testApp.handle.database;
    await asTableOwner(database, async (owner) => {
      await sql`alter table audit_events disable trigger audit_events_append_only`.execute(owner);
      for (const entry of [second, fourth])
        await sql`update audit_events set reason = 'rewritten' where id = ${entry?.id}`.execute(owner);
      await sql`alter table audit_events enable trigger audit_events_append_only`.execute(owner);
    });

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

// What someone with SQL access but without the server's audit key can do:
// change rows with the append-only triggers switched off, and recompute hashes.
async function asDatabaseOwner(
  database: Database,
  work: (owner: Database) => Promise<unknown>,
): Promise<void> {
  await asTableOwner(database, async (owner) => {
    await sql`alter table audit_events disable trigger audit_events_append_only`.execute(owner);
    await sql`alter table audit_checkpoints disable trigger audit_checkpoints_append_only`.execute(owner);
    await work(owner);
    await sql`alter table audit_events enable trigger audit_events_append_only`.execute(owner);
    await sql`alter table audit_checkpoints enable trigger audit_checkpoints_append_only`.execute(owner);
  });
}

async function entriesOf(organizationId: string) {
  return suite.testApp.handle.database
    .selectFrom("audit_events")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .orderBy("sequence")
    .execute();
}

type EntryRow = Awaited<ReturnType<typeof entriesOf>>[number];

/** The entry's hash as an attacker recomputes it: plain SHA-256 (the old chain), or an HMAC under a guessed key. */
function forgedHash(previousHash: string, row: EntryRow, guessedKey?: Buffer): string {
  const content = {
    id: row.id,
    organization_id: row.organization_id,
    environment_id: row.environment_id,
    sequence: Number(row.sequence),
    occurred_at: new Date(row.occurred_at as unknown as string).toISOString(),
    actor_type: row.actor_type,
    actor_id: row.actor_id,
    actor_role: row.actor_role,
    ...(row.actor_person_id === null
      ? {}
      : {
          actor_person_id: row.actor_person_id,
          ...(row.actor_person_name === null ? {} : { actor_person_name: row.actor_person_name }),
        }),
    action: row.action,
    object_type: row.object_type,
    object_id: row.object_id,
    before: row.before,
    after: row.after,
    reason: row.reason,
    request_id: row.request_id,
  };
  const hash = guessedKey ? createHmac("sha256", guessedKey) : createHash("sha256");
  return hash.update(previousHash).update(canonicalJson(content)).digest("hex");
}

/**
 * Rewrites the reason of the entry at `index` and recomputes the hashes from it
 * on (from the first entry with `fromStart`, as the old unkeyed kind must), and the head.
 */
async function rewriteAndRecompute(
  organizationId: string,
  index: number,
  options: { keyed: boolean; guessedKey?: Buffer; fromStart?: boolean },
): Promise<string> {
  const database = suite.testApp.handle.database;
  const entries = await entriesOf(organizationId);
  let previousHash = "0".repeat(64);
  await asDatabaseOwner(database, async (owner) => {
    for (const [position, entry] of entries.entries()) {
      if (position < index && !options.fromStart) {
        previousHash = entry.hash;
        continue;
      }
      const row = { ...entry, reason: position === index ? "rewritten" : entry.reason };
      const hash = forgedHash(previousHash, row, options.guessedKey);
      await owner
        .updateTable("audit_events")
        .set({ reason: row.reason, previous_hash: previousHash, hash, keyed: options.keyed })
        .where("id", "=", entry.id)
        .execute();
      previousHash = hash;
    }
    await owner
      .updateTable("audit_chain_heads")
      .set({ last_hash: previousHash })
      .where("organization_id", "=", organizationId)
      .execute();
  });
  return entries[index]?.id ?? "";
}

async function auditedTenant(name: string) {
  const audited = await suite.testApp.newTenant(name);
  const product = await audited.admin.post("/v1/products", { code: "chain", name: "Chain" });
  for (const productName of ["One", "Two", "Three", "Four"])
    await audited.admin.patch(`/v1/products/${product.body.id}`, { name: productName });
  return audited;
}

describe("the keyed audit chain and its signed checkpoints (issue 18, finding 3)", () => {
  it("names the edited entry of a chain recomputed without the server's key", async () => {
    const plain = await auditedTenant("Recomputed with SHA-256");
    const editedPlain = await rewriteAndRecompute(plain.organization.id, 2, { keyed: true });
    const verified = await plain.admin.get("/v1/audit-events/verify");
    expect(verified.body.ok).toBe(false);
    expect(verified.body.first_broken_entry).toMatchObject({ id: editedPlain });

    const guessed = await auditedTenant("Recomputed with a guessed key");
    const editedGuessed = await rewriteAndRecompute(guessed.organization.id, 1, {
      keyed: true,
      guessedKey: Buffer.alloc(32, 7),
    });
    const guessedCheck = await verifyAuditChain(suite.testApp.handle.database, guessed.organization.id);
    expect(guessedCheck.ok).toBe(false);
    expect(guessedCheck.ok ? null : guessedCheck.firstBrokenEntry.id).toBe(editedGuessed);
    expect(
      guessedCheck.brokenEntries.every((entry) => entry.problem.includes("does not match its hash")),
    ).toBe(true);
  });

  it("catches a chain rewritten as the old unkeyed kind once a checkpoint covers it", async () => {
    const legacy = await auditedTenant("Rewritten as legacy");
    const database = suite.testApp.handle.database;
    const run = await writeAuditCheckpoints(database, { clock: systemClock });
    expect(run.written.map((checkpoint) => checkpoint.organization_id)).toContain(legacy.organization.id);
    const edited = await rewriteAndRecompute(legacy.organization.id, 1, { keyed: false, fromStart: true });
    const verified = await verifyAuditChain(database, legacy.organization.id);
    expect(verified.ok).toBe(false);
    expect(verified.brokenEntries.map((entry) => entry.problem)).toContainEqual(
      expect.stringContaining("signed checkpoint"),
    );
    expect(verified.ok ? [] : verified.brokenEntries.map((entry) => entry.id)).not.toContain(edited);
  });

  it("catches entries removed from the end with the head moved back, by the signed checkpoint", async () => {
    const cut = await auditedTenant("Cut short");
    const database = suite.testApp.handle.database;
    await writeAuditCheckpoints(database, { clock: systemClock });
    const entries = await entriesOf(cut.organization.id);
    const kept = entries.at(-3);
    await asDatabaseOwner(database, async (owner) => {
      await owner
        .deleteFrom("audit_events")
        .where("organization_id", "=", cut.organization.id)
        .where("sequence", ">", Number(kept?.sequence))
        .execute();
      await owner
        .updateTable("audit_chain_heads")
        .set({ last_sequence: Number(kept?.sequence), last_hash: kept?.hash ?? "" })
        .where("organization_id", "=", cut.organization.id)
        .execute();
    });
    const verified = await cut.admin.get("/v1/audit-events/verify");
    expect(verified.body.ok).toBe(false);
    expect(verified.body.broken_entries).toContainEqual({
      id: null,
      sequence: Number(kept?.sequence) + 1,
      problem: expect.stringMatching(
        /signed checkpoint .* records sequence \d+: entries at the end were removed/,
      ),
    });
  });

  it("still checks an organization whose entries, head and checkpoint rows were all deleted, from the checkpoint file", async () => {
    const folder = mkdtempSync(join(tmpdir(), "fairbill-checkpoints-"));
    const checkpointFile = join(folder, "audit-checkpoints.jsonl");
    try {
      const erased = await auditedTenant("Erased");
      const database = suite.testApp.handle.database;
      await writeAuditCheckpoints(database, { clock: systemClock, checkpointFile });
      const lines = readFileSync(checkpointFile, "utf8").trim().split("\n");
      expect(lines.map((line) => JSON.parse(line).organization_id)).toContain(erased.organization.id);
      await asDatabaseOwner(database, async (owner) => {
        for (const table of ["audit_events", "audit_chain_heads", "audit_checkpoints"] as const)
          await owner.deleteFrom(table).where("organization_id", "=", erased.organization.id).execute();
      });
      const everyChain = await verifyEveryAuditChain(database, { checkpointFile });
      const ours = everyChain.find((result) => result.organizationId === erased.organization.id);
      expect(ours?.verification.ok).toBe(false);
      expect(ours?.verification.brokenEntries.map((entry) => entry.problem)).toContainEqual(
        expect.stringContaining("entries at the end were removed"),
      );
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it("names a checkpoint that was not signed with the server's key", async () => {
    const forged = await auditedTenant("Forged checkpoint");
    const database = suite.testApp.handle.database;
    const [last] = (await entriesOf(forged.organization.id)).slice(-1);
    await database
      .insertInto("audit_checkpoints")
      .values({
        organization_id: forged.organization.id,
        sequence: Number(last?.sequence) + 5,
        hash: "f".repeat(64),
        signed_at: new Date().toISOString(),
        signature: "0".repeat(64),
      })
      .execute();
    const verified = await verifyAuditChain(database, forged.organization.id);
    expect(verified.ok).toBe(false);
    expect(verified.brokenEntries).toEqual([
      expect.objectContaining({
        id: null,
        problem: expect.stringContaining("not signed with this server's audit key"),
      }),
    ]);
  });

  it("signs no checkpoint over a chain broken since the last one", async () => {
    const broken = await auditedTenant("Broken before signing");
    const database = suite.testApp.handle.database;
    await rewriteAndRecompute(broken.organization.id, 2, { keyed: true });
    const run = await writeAuditCheckpoints(database, { clock: systemClock });
    expect(run.written.map((checkpoint) => checkpoint.organization_id)).not.toContain(broken.organization.id);
    expect(run.refused.map((refused) => refused.organizationId)).toContain(broken.organization.id);
  });

  it("refuses TRUNCATE of the audit log and of its checkpoints, to the application and to the tables' owner", async () => {
    const database = suite.testApp.handle.database;
    for (const table of ["audit_events", "audit_checkpoints"]) {
      await expect(sql`truncate ${sql.table(table)}`.execute(database)).rejects.toThrow(/permission denied/);
      await expect(
        asTableOwner(database, (owner) => sql`truncate ${sql.table(table)}`.execute(owner)),
      ).rejects.toThrow(/append-only/);
    }
  });
});

describe("text the audit chain hashes is the text it stores", () => {
  it("keeps the chain verifiable when a reason arrives with a lone surrogate (found by the request fuzzer)", async () => {
    const fuzzed = await suite.testApp.newTenant("Surrogate reason");
    const response = await suite.testApp.app.inject({
      method: "POST",
      url: "/v1/products",
      headers: { authorization: `Bearer ${fuzzed.admin.key}`, "fairbill-reason": "a\udfffb" },
      payload: { code: "surrogate", name: "Surrogate" },
    });
    expect(response.statusCode).toBe(201);
    const verified = await fuzzed.admin.get("/v1/audit-events/verify");
    expect(verified.body).toMatchObject({ ok: true, broken_entries: [] });
    const entry = await fuzzed.admin.get("/v1/audit-events?action=product.created");
    expect(entry.body.data[0].reason).toBe("a\ufffdb");
  });
});
