// The rollouts page in a real Chromium. A plan bills 100.00 a month on
// version 1 and 110.00 on version 2; a rollout moves its two subscribers to
// version 2 in one stage that starts at once and watches their next drafts. A
// billing operator opens the stage timeline, cancels the rollout with a
// reason, and sees it canceled (its stage too, and no cancel button left);
// the audit log keeps the reason.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ConsoleHarness, laptop, signIn, startConsoleHarness } from "./browser-harness.ts";
import { planOfTwoVersions, subscribedCustomers } from "./pricing-setup.ts";

const year = new Date().getUTCFullYear() + 1;

let harness: ConsoleHarness;
let operator: Page;
let rolloutId: string;

beforeAll(async () => {
  harness = await startConsoleHarness();
  const planId = await planOfTwoVersions(harness, { code: "staged", name: "Staged" }, ["100.00", "110.00"]);
  await harness.api("POST", "/v1/test-clock", { frozen_at: `${year}-05-01T00:00:00Z` });
  await subscribedCustomers(harness, planId, ["staged-one", "staged-two"]);
  await harness.api("POST", "/v1/test-clock/advance", { to: `${year}-05-01T00:00:01Z` });
  const rollout = (await harness.api("POST", "/v1/rollouts", {
    plan_id: planId,
    from_version: 1,
    to_version: 2,
    stages: [{ percent: "100", start: "now" }],
    guardrails: { customer_change_percent: "50" },
    history_invoices: 1,
  })) as { id: string; stages: { status: string }[] };
  expect(rollout.stages.map((stage) => stage.status)).toEqual(["watching"]);
  rolloutId = rollout.id;
  const operatorKey = await harness.newKey("billing_ops", "Billing operator");
  operator = await harness.newPage(laptop);
  await signIn(operator, harness.baseUrl, operatorKey.secret, "/rollouts");
});
afterAll(async () => harness?.close());

describe("the rollouts page", () => {
  it("shows the stage timeline and cancels a running rollout with a reason", async () => {
    await operator.getByRole("heading", { level: 1, name: "Rollouts" }).waitFor();
    const panel = operator.getByRole("region", { name: `Rollout ${rolloutId}: running` });
    const stages = panel.getByRole("list", { name: `Stages of rollout ${rolloutId}` });
    await stages.getByText("Stage 1: 100%").waitFor();
    await stages.getByText("watching").waitFor();
    await stages.getByText(/2 customers/).waitFor();
    await harness.screenshot(operator, "rollouts");

    await panel.getByRole("button", { name: `Cancel rollout ${rolloutId}` }).click();
    const dialog = operator.getByRole("dialog", { name: `Cancel rollout ${rolloutId}?` });
    await dialog.getByLabel("Reason").fill("the sales team needs another month");
    await dialog.getByRole("button", { name: "Cancel the rollout" }).click();
    await operator.getByText(`Rollout ${rolloutId} was canceled`).waitFor();
    const canceled = operator.getByRole("region", { name: `Rollout ${rolloutId}: canceled` });
    await canceled.getByText("canceled", { exact: true }).waitFor();
    expect(await canceled.getByRole("button", { name: `Cancel rollout ${rolloutId}` }).count()).toBe(0);

    const rollout = (await harness.api("GET", `/v1/rollouts/${rolloutId}`)) as {
      status: string;
      stages: { status: string }[];
    };
    expect(rollout.status).toBe("canceled");
    expect(rollout.stages.map((stage) => stage.status)).toEqual(["canceled"]);
    const audit = (await harness.api("GET", `/v1/audit-events?object_id=${rolloutId}`)) as {
      data: { action: string; reason: string | null }[];
    };
    expect(audit.data).toContainEqual(
      expect.objectContaining({ action: "rollout.canceled", reason: "the sales team needs another month" }),
    );
    expect(harness.consoleErrors).toEqual([]);
  }, 180_000);
});
