// The governance path of a pricing change, end to end: v1 published through
// review, v2 drafted with a tier change and approved by a second key, the
// diff naming the change, the audit entries of every step, and the hash chain
// verifying until a row of the audit table is edited by hand.
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { createDraftPlan, createMeter } from "../../test/support/builders.ts";
import { baseFee, graduatedCalls } from "../../test/support/pricing-fixtures.ts";
import { expectCreated, expectProblem, expectRefusedAt } from "../../test/support/responses.ts";
import { asTableOwner } from "../../test/support/table-owner.ts";
import { type ApiClient, testAppForFile } from "../../test/support/test-app.ts";
import { verifyEveryAuditChain } from "../audit/index.ts";
import { versionInEffect } from "./plan-versions.ts";

const suite = testAppForFile({ tenantName: "Governed" });
let billingOps: ApiClient;
let secondAdmin: ApiClient;

beforeAll(async () => {
  billingOps = await suite.tenant.client("billing_ops");
  secondAdmin = await suite.tenant.client("admin");
  await createMeter(suite.tenant.admin, { code: "api_calls" });
  const policy = await suite.tenant.admin.patch(
    "/v1/catalog/approval-policy",
    { publish_requires_approval: true },
    { "fairbill-reason": "every price change is reviewed, tests included" },
  );
  expect(policy.body).toMatchObject({
    environment: "test",
    publish_requires_approval: true,
    is_default: false,
  });
});

/** A plan whose version 1 is published through review: submitted by billing_ops, approved by an admin. */
async function reviewedPlan(code: string, baseAmount: string): Promise<string> {
  const created = await createDraftPlan(suite.tenant.admin, {
    code,
    name: code,
    version: { charges: [baseFee(baseAmount)] },
  });
  await publishThroughReview(created.id, 1);
  return created.id;
}

async function publishThroughReview(planId: string, version: number, submission: object = {}) {
  await billingOps.post(`/v1/plans/${planId}/versions/${version}/submit`, submission);
  return suite.tenant.admin.post(`/v1/plans/${planId}/versions/${version}/approve`, {});
}

async function keyIdOf(client: ApiClient): Promise<string> {
  const keys = await suite.tenant.admin.get("/v1/api-keys?limit=100");
  const key = keys.body.data.find((candidate: { prefix: string }) => client.key.startsWith(candidate.prefix));
  return key.id;
}

describe("approving a pricing change", () => {
  it("publishes v1 and an approved v2 with a tier change, shows the diff, the audit trail, and a chain that verifies until tampered with", async () => {
    const created = await createDraftPlan(billingOps, {
      code: "growth",
      name: "Growth",
      version: { minimum_commitment: "100.00", charges: [baseFee(), graduatedCalls("0.002")] },
    });
    const planId = created.id;

    // The policy requires review: publishing directly is refused, and billing_ops cannot approve its own submission.
    const direct = await suite.tenant.admin.post(`/v1/plans/${planId}/versions/1/publish`, {});
    expectProblem(direct, 409, "approval_required");
    expect(
      (await billingOps.post(`/v1/plans/${planId}/versions/1/submit`, { comment: "launch" })).status,
    ).toBe(200);
    const ownApproval = await billingOps.post(`/v1/plans/${planId}/versions/1/approve`, {});
    expectProblem(ownApproval, 403, "approver_is_author");
    const v1 = await suite.tenant.admin.post(`/v1/plans/${planId}/versions/1/approve`, { comment: "ok" });
    expect(v1.status).toBe(200);
    expect(v1.body).toMatchObject({ state: "published", status: "active" });

    // v2: a cheaper second tier, drafted and submitted by billing_ops.
    const draft = await billingOps.post(
      `/v1/plans/${planId}/versions`,
      { charges: [baseFee(), graduatedCalls("0.0015")] },
      { "fairbill-reason": "volume discount for Q3" },
    );
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ version: 2, state: "draft", copied_from_version: 1 });
    const v2Id: string = draft.body.id;
    const comment = await suite.tenant.admin.post(`/v1/plans/${planId}/versions/2/comments`, {
      comment: "Does finance agree?",
    });
    expect(comment.status).toBe(201);
    const submitted = await billingOps.post(`/v1/plans/${planId}/versions/2/submit`, {
      reason: "ready for review",
    });
    expect(submitted.body).toMatchObject({
      state: "pending_approval",
      submitted_by: await keyIdOf(billingOps),
    });
    const pendingEdit = await billingOps.patch(`/v1/plans/${planId}/versions/2`, { trial_days: 3 });
    expect(pendingEdit.body.code).toBe("plan_version_pending_approval");

    const approved = await secondAdmin.post(`/v1/plans/${planId}/versions/2/approve`, {
      comment: "approved",
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      state: "published",
      status: "active",
      approved_by: await keyIdOf(secondAdmin),
    });
    const plan = await suite.tenant.admin.get(`/v1/plans/${planId}`);
    expect(plan.body.versions.map((version: { status: string }) => version.status)).toEqual([
      "superseded",
      "active",
    ]);

    const diff = await suite.tenant.admin.get(`/v1/plans/${planId}/versions/1/diff/2`);
    expect(diff.status).toBe(200);
    expect(diff.body.changes).toEqual([
      {
        path: "$.charges[1].tiers[1].unit_price",
        change: "changed",
        before: "0.002",
        after: "0.0015",
        description: "charge calls graduated tier 2 unit price 0.002 → 0.0015",
      },
    ]);

    const review = await suite.tenant.admin.get(`/v1/plans/${planId}/versions/2/review`);
    expect(review.body.data.map((step: { action: string }) => step.action)).toEqual([
      "commented",
      "submitted",
      "approved",
    ]);

    const audit = await suite.tenant.admin.get(`/v1/audit-events?object_type=plan_version&object_id=${v2Id}`);
    expect(audit.status).toBe(200);
    expect(audit.body.data.map((entry: { action: string }) => entry.action)).toEqual([
      "plan_version.approved",
      "plan_version.submitted",
      "plan_version.commented",
      "plan_version.created",
    ]);
    const [approvedEntry, submittedEntry, , createdEntry] = audit.body.data;
    expect(approvedEntry.actor).toEqual({
      type: "api_key",
      id: await keyIdOf(secondAdmin),
      role: "admin",
      person: { id: expect.stringMatching(/^sva_/), name: "admin test key" },
    });
    expect(approvedEntry.changes).toContainEqual({
      path: "$.state",
      change: "changed",
      before: "pending_approval",
      after: "published",
    });
    expect(submittedEntry.reason).toBe("ready for review");
    expect(createdEntry.reason).toBe("volume discount for Q3");

    const verified = await suite.tenant.admin.get("/v1/audit-events/verify");
    expect(verified.body).toMatchObject({ ok: true, first_broken_entry: null });
    expect(verified.body.entries_checked).toBeGreaterThan(5);

    // Someone with database access rewrites history: the chain names the entry.
    await asTableOwner(suite.testApp.handle.database, async (owner) => {
      await sql`alter table audit_events disable trigger audit_events_append_only`.execute(owner);
      await sql`update audit_events set reason = 'nothing to see' where id = ${approvedEntry.id}`.execute(
        owner,
      );
      await sql`alter table audit_events enable trigger audit_events_append_only`.execute(owner);
    });

    const broken = await suite.tenant.admin.get("/v1/audit-events/verify");
    expect(broken.body.ok).toBe(false);
    expect(broken.body.first_broken_entry).toMatchObject({
      id: approvedEntry.id,
      sequence: approvedEntry.sequence,
    });
    const everyChain = await verifyEveryAuditChain(suite.testApp.handle.database);
    const ours = everyChain.find((result) => result.organizationId === suite.tenant.organization.id);
    expect(ours?.verification).toMatchObject({ ok: false, firstBrokenEntry: { id: approvedEntry.id } });
  });

  it("refuses an approval by the key that submitted the version", async () => {
    const created = await createDraftPlan(suite.tenant.admin, {
      code: "solo",
      name: "Solo",
      version: { charges: [baseFee("9.00")] },
    });
    await suite.tenant.admin.post(`/v1/plans/${created.id}/versions/1/submit`, {});
    const self = await suite.tenant.admin.post(`/v1/plans/${created.id}/versions/1/approve`, {});
    expectProblem(self, 403, "approver_is_author");
    const rejected = await secondAdmin.post(`/v1/plans/${created.id}/versions/1/reject`, {
      comment: "price too low",
    });
    expect(rejected.body).toMatchObject({ state: "draft", submitted_by: null });
    const missingComment = await secondAdmin.post(`/v1/plans/${created.id}/versions/1/reject`, {});
    expect(missingComment.status).toBe(400);
  });

  it("schedules a version for a future date, and the version in effect follows the dates", async () => {
    const planId = await reviewedPlan("scheduled", "10.00");
    await billingOps.post(`/v1/plans/${planId}/versions`, {
      charges: [{ id: "base", type: "fixed", amount: "12.00" }],
    });
    const future = new Date(Date.now() + 30 * 24 * 3600 * 1000);
    future.setUTCMilliseconds(0);
    const approved = await publishThroughReview(planId, 2, { effective_from: future.toISOString() });
    expect(approved.body).toMatchObject({ status: "scheduled", effective_from: future.toISOString() });

    const listed = await suite.tenant.admin.get(`/v1/plans/${planId}/versions`);
    expect(listed.body.data.map((version: { status: string }) => version.status)).toEqual([
      "scheduled",
      "active",
    ]);

    const context = suite.tenant.context();
    expect((await versionInEffect(suite.testApp.handle.database, context, planId, new Date()))?.version).toBe(
      1,
    );
    const scheduled = await versionInEffect(suite.testApp.handle.database, context, planId, future);
    expect(scheduled).toMatchObject({
      version: 2,
      status: "active",
      charges: [{ id: "base", amount: "12.00" }],
    });
    const past = await versionInEffect(
      suite.testApp.handle.database,
      context,
      planId,
      new Date("2000-01-01T00:00:00Z"),
    );
    expect(past).toBeUndefined();

    // A version published to start before the scheduled one would be overtaken by older prices.
    await billingOps.post(`/v1/plans/${planId}/versions`, {
      charges: [{ id: "base", type: "fixed", amount: "11.00" }],
    });
    const early = await publishThroughReview(planId, 3);
    expectProblem(early, 409, "effective_from_before_scheduled_version");

    // Retiring the scheduled version cancels it: version 1 stays in effect after that date.
    const retired = await suite.tenant.admin.post(`/v1/plans/${planId}/versions/2/retire`, {});
    expect(retired.body).toMatchObject({ state: "retired", status: "retired", trial_days: 0 });
    expect((await versionInEffect(suite.testApp.handle.database, context, planId, future))?.version).toBe(1);
    const again = await suite.tenant.admin.post(`/v1/plans/${planId}/versions/2/retire`, {});
    expect(again.body.code).toBe("plan_version_immutable");
  });

  it("rolls back by copying an earlier version into a new draft that goes through review again", async () => {
    const planId = await reviewedPlan("rollback", "10.00");
    await billingOps.post(`/v1/plans/${planId}/versions`, {
      charges: [{ id: "base", type: "fixed", amount: "15.00" }],
    });
    await publishThroughReview(planId, 2);

    const rollback = await expectCreated(billingOps.post(`/v1/plans/${planId}/rollback`, { to_version: 1 }));
    expect(rollback).toMatchObject({ version: 3, state: "draft", copied_from_version: 1 });
    expect(rollback.charges).toEqual([{ id: "base", type: "fixed", amount: "10.00" }]);
    const diff = await suite.tenant.admin.get(`/v1/plans/${planId}/versions/2/diff/3`);
    expect(diff.body.changes.map((change: { description: string }) => change.description)).toEqual([
      "charge base amount 15.00 → 10.00",
    ]);
    const toDraft = await billingOps.post(`/v1/plans/${planId}/rollback`, { to_version: 3 });
    expectRefusedAt(toDraft, "$.to_version");

    const versions = await suite.tenant.admin.get(`/v1/plans/${planId}/versions`);
    expect(
      versions.body.data.map((version: { version: number; state: string }) => [
        version.version,
        version.state,
      ]),
    ).toEqual([
      [3, "draft"],
      [2, "published"],
      [1, "published"],
    ]);
  });

  it("lets billing_ops draft and submit, finance and viewer only read, ingest keys nothing, and only an admin change the policy", async () => {
    const finance = await suite.tenant.client("finance");
    const viewer = await suite.tenant.client("viewer");
    const ingest = await suite.tenant.client("ingest");
    for (const reader of [finance, viewer]) {
      expect((await reader.get("/v1/plans")).status).toBe(200);
      expect((await reader.get("/v1/audit-events")).status).toBe(200);
      const write = await reader.post("/v1/products", { code: "not-allowed", name: "No" });
      expect(write.status).toBe(403);
    }
    expect((await ingest.get("/v1/plans")).status).toBe(403);
    expect((await ingest.get("/v1/audit-events")).status).toBe(403);
    expect(
      (await billingOps.patch("/v1/catalog/approval-policy", { publish_requires_approval: false })).status,
    ).toBe(403);
  });
});
