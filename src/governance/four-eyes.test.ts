// Four-eyes between persons, not keys: the author of a change cannot approve
// it through a second key of their own, a rotated key, or a key of a service
// account they own; another person can.
import { beforeAll, describe, expect, it } from "vitest";
import { expectProblem } from "../../test/support/responses.ts";
import { type ApiClient, testAppForFile } from "../../test/support/test-app.ts";

const suite = testAppForFile({ tenantName: "Four eyes" });

beforeAll(async () => {
  const policy = await suite.tenant.admin.patch("/v1/catalog/approval-policy", {
    publish_requires_approval: true,
  });
  expect(policy.status).toBe(200);
});

let planCount = 0;

/** A plan whose version 1 `author` drafted and submitted for approval. */
async function submittedPlan(author: ApiClient): Promise<string> {
  planCount += 1;
  const created = await author.post("/v1/plans", {
    code: `four-eyes-${planCount}`,
    name: "Reviewed plan",
    version: { currency: "USD", interval: "month", charges: [{ id: "base", type: "fixed", amount: "9.00" }] },
  });
  expect(created.status).toBe(201);
  const submitted = await author.post(`/v1/plans/${created.body.id}/versions/1/submit`, {});
  expect(submitted.status).toBe(200);
  return created.body.id;
}

function clientOf(secret: string): ApiClient {
  return suite.testApp.rawClient(`Bearer ${secret}`);
}

/** Checks that approving the plan's version 1 with the key `secret` is refused: the key is its author's. */
async function expectApprovalRefusedAsAuthor(secret: string, planId: string): Promise<void> {
  const approval = await clientOf(secret).post(`/v1/plans/${planId}/versions/1/approve`, {});
  expectProblem(approval, 403, "approver_is_author");
}

describe("four-eyes between persons", () => {
  it("refuses the author approving through a second key the author made", async () => {
    const author = await suite.tenant.client("admin");
    const planId = await submittedPlan(author);
    const secondKey = await author.post("/v1/api-keys", { name: "my second key", role: "admin" });
    expect(secondKey.status).toBe(201);
    await expectApprovalRefusedAsAuthor(secondKey.body.secret, planId);
  });

  it("refuses the author approving through their rotated key", async () => {
    const author = await suite.tenant.client("admin");
    const planId = await submittedPlan(author);
    const keys = await suite.tenant.admin.get("/v1/api-keys?limit=100");
    const authorKey = keys.body.data.find((key: { prefix: string }) => author.key.startsWith(key.prefix));
    const rotated = await suite.tenant.admin.post(`/v1/api-keys/${authorKey.id}/rotate`, {
      previous_key_valid_for_seconds: 0,
    });
    expect(rotated.status).toBe(201);
    await expectApprovalRefusedAsAuthor(rotated.body.secret, planId);
  });

  it("lets another person approve, and the review trail names both", async () => {
    const author = await suite.tenant.client("billing_ops");
    const planId = await submittedPlan(author);
    const approval = await suite.tenant.admin.post(`/v1/plans/${planId}/versions/1/approve`, {});
    expect(approval.status).toBe(200);
    const review = await suite.tenant.admin.get(`/v1/plans/${planId}/versions/1/review`);
    expect(
      review.body.data.map((step: { action: string; actor: { person: { name: string } } }) => [
        step.action,
        step.actor.person.name,
      ]),
    ).toEqual([
      ["submitted", "billing_ops test key"],
      ["approved", "admin test key"],
    ]);
  });

  it("lets one admin tighten the approval policy, but loosening it waits for another person", async () => {
    const author = await suite.tenant.client("admin");
    const proposed = await author.patch("/v1/catalog/approval-policy", {
      publish_requires_approval: false,
      reason: "a quiet week",
    });
    expect(proposed.status).toBe(200);
    expect(proposed.body).toMatchObject({
      publish_requires_approval: true,
      pending_change: {
        state: "pending",
        publish_requires_approval: false,
        proposed_by: { name: "admin test key" },
      },
    });
    const changeId = proposed.body.pending_change.id;
    const again = await suite.tenant.admin.patch("/v1/catalog/approval-policy", {
      publish_requires_approval: false,
    });
    expect(again.body.code).toBe("approval_policy_change_pending");

    const secondKey = await author.post("/v1/api-keys", { name: "another of mine", role: "admin" });
    const self = await clientOf(secondKey.body.secret).post(
      `/v1/catalog/approval-policy/changes/${changeId}/approve`,
      {},
    );
    expectProblem(self, 403, "approver_is_author");

    const approved = await suite.tenant.admin.post(
      `/v1/catalog/approval-policy/changes/${changeId}/approve`,
      {},
    );
    expect(approved.body).toMatchObject({ publish_requires_approval: false, pending_change: null });
    const tightened = await author.patch("/v1/catalog/approval-policy", { publish_requires_approval: true });
    expect(tightened.body).toMatchObject({ publish_requires_approval: true, pending_change: null });
    const trail = await suite.tenant.admin.get("/v1/audit-events?object_type=approval_policy_change");
    expect(trail.body.data.map((entry: { action: string }) => entry.action)).toEqual([
      "approval_policy.change_approved",
      "approval_policy.change_proposed",
    ]);
  });
});
