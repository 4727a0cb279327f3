// The month-end close: the checklist says what is left, the lock is refused
// until it is done (or overridden with a reason), and once a month is closed
// nothing dated in it changes: invoicing refuses to finalize into it, and
// revenue of the month that arrives later is booked on its own (open) date,
// so the closed month's journal stays as it was exported.

import { beforeAll, describe, expect, it } from "vitest";
import { createCustomer, createMeter, createPlan, subscribe } from "../../test/support/builders.ts";
import { invoiceIssuedAt } from "../../test/support/customer-invoices.ts";
import { recordPayment } from "../../test/support/finance-steps.ts";
import { expectCreated, expectOk, expectProblem, expectRefusedAt } from "../../test/support/responses.ts";
import { testAppForFile } from "../../test/support/test-app.ts";
import { advanceTestClock, freezeTestClock } from "../../test/support/test-clock-api.ts";

const suite = testAppForFile({ tenantName: "Month-end close" });
let customerId: string;
let marchDraft: string;

beforeAll(async () => {
  await freezeTestClock(suite.tenant.admin, "2026-03-01T00:00:00Z");
  // Late usage lands on a draft for two days after its period ends.
  await expectOk(suite.tenant.admin.put("/v1/invoicing-settings", { grace_period_hours: 48 }));
  await createMeter(suite.tenant.admin, { effective_from: "2026-01-01T00:00:00Z" });
  const plan = await createPlan(suite.tenant.admin, {
    code: "team",
    name: "Team",
    version: {
      charges: [
        { id: "seat", type: "fixed", amount: "20.00", timing: "in_advance" },
        { id: "calls", type: "usage", meter: "calls", model: "per_unit", unit_price: "1.00" },
      ],
    },
  });
  customerId = (await createCustomer(suite.tenant.admin, { external_id: "initech", currency: "USD" })).id;
  await subscribe(suite.tenant.admin, {
    customer_id: customerId,
    plan_id: plan.id,
    start_at: "2026-03-01T00:00:00Z",
    billing: "calendar",
  });
  await advanceTestClock(suite.tenant.admin, "2026-03-15T00:00:00Z");
  const calls = await expectOk(
    suite.tenant.admin.post("/v1/events/batch", {
      events: [1, 2, 3].map((index) => ({
        id: `march-${index}`,
        name: "api_call",
        timestamp: "2026-03-10T00:00:00Z",
        customer: "initech",
      })),
    }),
  );
  expect(calls.rejected).toEqual([]);
  // A one-off invoice left as a draft in March.
  marchDraft = (
    await expectCreated(
      suite.tenant.admin.post("/v1/invoices", {
        customer_id: customerId,
        currency: "USD",
        lines: [{ description: "Onboarding", quantity: "1", unit_amount: "50.00" }],
      }),
    )
  ).id;
  await advanceTestClock(suite.tenant.admin, "2026-04-02T00:00:00Z");
});

type Item = { key: string; passed: boolean; detail: string };
const failing = (items: Item[]) => items.filter((item) => !item.passed).map((item) => item.key);

describe("the month-end close", () => {
  it("lists what is left and refuses to close until it is done", async () => {
    const checklist = await expectOk(suite.tenant.admin.get("/v1/close-checklist?period=2026-03"));
    expect(checklist).toMatchObject({ period: "2026-03", ended: true, ready: false, lock: null });
    // The March draft is past its grace period (48 hours from March 15); March's usage waits on April 1's draft.
    expect(failing(checklist.items)).toEqual([
      "no_draft_past_grace",
      "reconciliation_clean",
      "exports_generated",
    ]);

    const refused = await suite.tenant.admin.post("/v1/period-locks", { period: "2026-03" });
    expectProblem(refused, 409, "close_checklist_incomplete");
    expect(refused.body.errors.map((error: { path: string }) => error.path)).toEqual([
      "checklist.no_draft_past_grace",
      "checklist.reconciliation_clean",
      "checklist.exports_generated",
    ]);
    const notEnded = await suite.tenant.admin.post("/v1/period-locks", { period: "2026-04" });
    expectProblem(notEnded, 409, "period_not_ended");
    const noReason = await suite.tenant.admin.post("/v1/period-locks", {
      period: "2026-03",
      override_checklist: true,
    });
    expectRefusedAt(noReason, "$.reason");
  });

  it("closes a month with its checklist overridden for a reason, and refuses a second close", async () => {
    const exported = await expectCreated(
      suite.tenant.admin.post("/v1/journal-exports", { period: "2026-03" }),
    );
    expect(exported.up_to_date).toBe(true);
    const lock = await expectCreated(
      suite.tenant.admin.post("/v1/period-locks", {
        period: "2026-03",
        override_checklist: true,
        reason:
          "March's usage is billed on April 1 after its grace period; the onboarding draft was never sent",
      }),
    );
    expect(lock).toMatchObject({ period: "2026-03", period_start: "2026-03-01T00:00:00.000Z" });
    expect(failing(lock.checklist)).toEqual(["no_draft_past_grace", "reconciliation_clean"]);
    const again = await suite.tenant.admin.post("/v1/period-locks", { period: "2026-03" });
    expect(again.status).toBe(409);
    expect(
      (await expectOk(suite.tenant.admin.get("/v1/period-locks"))).data.map(
        (entry: { period: string }) => entry.period,
      ),
    ).toEqual(["2026-03"]);
  });

  it("refuses to finalize an invoice dated in the closed month", async () => {
    const refused = await suite.tenant.admin.post(`/v1/invoices/${marchDraft}/finalize`, {});
    expectProblem(refused, 409, "period_locked");
  });

  it("books March's usage finalized after the close on its own April date, leaving March's journal as exported", async () => {
    await advanceTestClock(suite.tenant.admin, "2026-04-03T00:00:00Z");
    const april = await invoiceIssuedAt(suite.tenant.admin, customerId, "2026-04-01T00:00:00.000Z");
    expect(april.status).toBe("open");
    const { data } = await expectOk(suite.tenant.admin.get(`/v1/revenue-schedules?invoice_id=${april.id}`));
    const usage = data.find((schedule: { kind: string }) => schedule.kind === "usage");
    // Earned in March, but March was closed before the invoice was written: booked on the invoice's date.
    expect(
      usage.entries.map((entry: { period: string; date: string; amount: string }) => [
        entry.period,
        entry.date,
        entry.amount,
      ]),
    ).toEqual([["2026-04", "2026-04-01", "3.00"]]);
    const exports = await expectOk(suite.tenant.admin.get("/v1/journal-exports?period=2026-03"));
    expect(exports.data[0].up_to_date).toBe(true);
    const aprilUsageJournal = await expectOk(suite.tenant.admin.get("/v1/journal?period=2026-04"));
    expect(aprilUsageJournal.balanced).toBe(true);
  });

  it("books a payment received in the closed month on the day it is recorded", async () => {
    const march = await invoiceIssuedAt(suite.tenant.admin, customerId, "2026-03-01T00:00:00.000Z");
    const payment = await recordPayment(suite.tenant.admin, march.id, "5.00", {
      received_at: "2026-03-20T00:00:00Z",
    });
    const exports = await expectOk(suite.tenant.admin.get("/v1/journal-exports?period=2026-03"));
    expect(exports.data[0].up_to_date).toBe(true);
    const april = await expectOk(suite.tenant.admin.get("/v1/journal?period=2026-04"));
    const booked = april.lines.filter((line: { document_id: string }) => line.document_id === payment.id);
    expect(
      booked.map((line: Record<string, string>) => [line.date, line.account_role, line.debit, line.credit]),
    ).toEqual([
      ["2026-04-03", "cash", "5.00", ""],
      ["2026-04-03", "accounts_receivable", "", "5.00"],
    ]);
  });

  it("lets a credit note correct the closed month's invoice in the open month", async () => {
    const march = await invoiceIssuedAt(suite.tenant.admin, customerId, "2026-03-01T00:00:00.000Z");
    const note = await expectCreated(
      suite.tenant.admin.post(`/v1/invoices/${march.id}/credit-notes`, {
        reason: "billing_error",
        full: true,
      }),
    );
    expect(note.issued_at).toBe("2026-04-03T00:00:00.000Z");
    const exports = await expectOk(suite.tenant.admin.get("/v1/journal-exports?period=2026-03"));
    expect(exports.data[0].up_to_date).toBe(true);
    const aprilJournal = await expectOk(suite.tenant.admin.get("/v1/journal?period=2026-04"));
    expect(aprilJournal.balanced).toBe(true);
    expect(aprilJournal.lines.some((line: { reference: string }) => line.reference === note.number)).toBe(
      true,
    );
  });
  it("balances the journal export of every month of the test: debits equal credits", async () => {
    for (const period of ["2026-03", "2026-04"]) {
      const exported = await expectCreated(suite.tenant.admin.post("/v1/journal-exports", { period }));
      expect(exported.totals.length, period).toBeGreaterThan(0);
      for (const total of exported.totals) expect(total.debit, period).toBe(total.credit);
    }
  });
});
