// The bill run's standing guard on the test clock: a draft whose total moved
// beyond the environment's bound against the customer's previous invoices is
// held instead of finalized, refused by the finalize route, kept (and
// recomputed) by later runs, and then released, recomputed or discarded
// through the API, each change audited and sent as a webhook event.
import { describe, expect, it } from "vitest";
import { createMeter, createPlan, subscribeNewCustomer } from "../../test/support/builders.ts";
import { expectProblem } from "../../test/support/responses.ts";
import { testAppForFile } from "../../test/support/test-app.ts";
import { advanceTestClock } from "../../test/support/test-clock-api.ts";

const suite = testAppForFile({ tenantName: "Held drafts" });

/** `count` calls of the customer at `at` (the test clock moves there first when it is earlier). */
async function callsFor(externalId: string, count: number, at: string): Promise<void> {
  const clock = await suite.tenant.admin.get("/v1/test-clock");
  if (new Date(clock.body.frozen_at) < new Date(at)) await advanceTestClock(suite.tenant.admin, at);
  const events = Array.from({ length: count }, (_, index) => ({
    id: `${externalId}-${at}-${index}`,
    customer: externalId,
    name: "api_call",
    timestamp: at,
  }));
  const response = await suite.tenant.admin.post("/v1/events/batch", { events });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  expect(response.body.rejected).toEqual([]);
}

async function invoicesOf(
  customerId: string,
): Promise<{ id: string; status: string; total: string; issued_at: string }[]> {
  const response = await suite.tenant.admin.get(`/v1/invoices?customer_id=${customerId}&limit=100`);
  return [...response.body.data].reverse();
}

describe("the standing guard on draft invoices", () => {
  it("holds a draft that moved beyond its bound; release finalizes it, discard skips its period", async () => {
    await suite.tenant.admin.post("/v1/test-clock", { frozen_at: "2030-01-01T00:00:00Z" });
    await createMeter(suite.tenant.admin);
    // 100.00 a month in advance, and 1.00 a call in arrears.
    const plan = await createPlan(suite.tenant.admin, {
      version: {
        charges: [
          { id: "base", type: "fixed", amount: "100.00", timing: "in_advance" },
          { id: "calls", type: "usage", meter: "calls", model: "per_unit", unit_price: "1.00" },
        ],
      },
    });
    const settings = await suite.tenant.admin.put("/v1/invoicing-settings", {
      held_draft_change_percent: "50",
    });
    expect(settings.status, JSON.stringify(settings.body)).toBe(200);
    expect(settings.body).toMatchObject({ held_draft_change_percent: "50", held_draft_history_invoices: 3 });

    const steady = await subscribeNewCustomer(suite.tenant.admin, plan.id, {
      customer: { external_id: "steady" },
    });
    const jumpy = await subscribeNewCustomer(suite.tenant.admin, plan.id, {
      customer: { external_id: "jumpy" },
    });
    const spiky = await subscribeNewCustomer(suite.tenant.admin, plan.id, {
      customer: { external_id: "spiky" },
    });
    await advanceTestClock(suite.tenant.admin, "2030-01-01T00:00:01Z");

    // January: 10 calls each. 1 February: 10.00 + 100.00 = 110.00, 10% above January's 100.00.
    for (const customer of ["steady", "jumpy", "spiky"]) await callsFor(customer, 10, "2030-01-15T00:00:00Z");
    await advanceTestClock(suite.tenant.admin, "2030-02-01T00:00:01Z");
    for (const customer of [steady, jumpy, spiky]) {
      expect(
        (await invoicesOf(customer.customer.id)).map((invoice) => [invoice.status, invoice.total]),
      ).toEqual([
        ["open", "100.00"],
        ["open", "110.00"],
      ]);
    }

    // February: the jumpy and spiky customers make 200 calls: 300.00 against a mean of 105.00 (+185.71%).
    await callsFor("steady", 12, "2030-02-10T00:00:00Z");
    await callsFor("jumpy", 200, "2030-02-10T00:00:00Z");
    await callsFor("spiky", 200, "2030-02-10T00:00:00Z");
    await advanceTestClock(suite.tenant.admin, "2030-03-01T00:00:01Z");
    expect((await invoicesOf(steady.customer.id)).at(-1)).toMatchObject({ status: "open", total: "112.00" });
    const jumpyDraft = (await invoicesOf(jumpy.customer.id)).at(-1)!;
    expect(jumpyDraft).toMatchObject({ status: "draft", total: "300.00" });

    const holds = await suite.tenant.admin.get("/v1/invoice-holds?status=active");
    expect(holds.body.data).toHaveLength(2);
    const jumpyHold = holds.body.data.find(
      (hold: { customer_id: string }) => hold.customer_id === jumpy.customer.id,
    );
    expect(jumpyHold).toMatchObject({
      id: expect.stringMatching(/^ihd_/),
      invoice_id: jumpyDraft.id,
      invoice: { id: jumpyDraft.id, status: "draft", total: "300.00", currency: "USD" },
      source: "anomaly_guard",
      source_id: null,
      status: "active",
      details: {
        anomalies: [
          { rule: "moved_beyond_bound", change_percent: "185.7143", baseline: "105", bound_percent: "50" },
        ],
      },
    });
    expect(jumpyHold.reason).toContain("moved 185.71%");
    const finalize = await suite.tenant.admin.post(`/v1/invoices/${jumpyDraft.id}/finalize`, {});
    expectProblem(finalize, 409, "invoice_held");

    // A late event of February (sent on 1 March) lands on the held draft when it is recomputed; it stays held.
    await callsFor("jumpy", 1, "2030-02-20T00:00:00Z");
    const recomputed = await suite.tenant.admin.post(`/v1/invoice-holds/${jumpyHold.id}/recompute`, {});
    expect(recomputed.status, JSON.stringify(recomputed.body)).toBe(200);
    expect(recomputed.body).toMatchObject({
      status: "active",
      invoice: { status: "draft", total: "301.00" },
    });

    // A month later the held drafts still wait, and the customers' later invoices wait behind them.
    await advanceTestClock(suite.tenant.admin, "2030-04-01T00:00:01Z");
    expect((await invoicesOf(jumpy.customer.id)).map((invoice) => invoice.status)).toEqual([
      "open",
      "open",
      "draft",
    ]);

    const released = await suite.tenant.admin.post(`/v1/invoice-holds/${jumpyHold.id}/release`, {
      reason: "the customer did make those calls",
    });
    expect(released.status, JSON.stringify(released.body)).toBe(200);
    expect(released.body).toMatchObject({
      status: "released",
      resolution_reason: "the customer did make those calls",
      invoice: { status: "open", total: "301.00" },
    });
    // Released, the held invoice is final, and March's invoice (100.00 in advance, no calls) follows it.
    expect((await invoicesOf(jumpy.customer.id)).map((invoice) => [invoice.status, invoice.total])).toEqual([
      ["open", "100.00"],
      ["open", "110.00"],
      ["open", "301.00"],
      ["open", "100.00"],
    ]);

    const spikyHold = holds.body.data.find(
      (hold: { customer_id: string }) => hold.customer_id === spiky.customer.id,
    );
    const discarded = await suite.tenant.admin.post(`/v1/invoice-holds/${spikyHold.id}/discard`, {
      reason: "test traffic, not billable",
    });
    expect(discarded.status, JSON.stringify(discarded.body)).toBe(200);
    expect(discarded.body).toMatchObject({ status: "discarded", invoice: null });
    // February's period is not invoiced; March's invoice (100.00 in advance, no calls) is next.
    const spikyInvoices = await invoicesOf(spiky.customer.id);
    expect(spikyInvoices.map((invoice) => [invoice.issued_at, invoice.total])).toEqual([
      ["2030-01-01T00:00:00.000Z", "100.00"],
      ["2030-02-01T00:00:00.000Z", "110.00"],
      ["2030-04-01T00:00:00.000Z", "100.00"],
    ]);

    const audit = await suite.tenant.admin.get("/v1/audit-events?object_type=invoice_hold&limit=100");
    expect(audit.body.data.map((entry: { action: string }) => entry.action).sort()).toEqual([
      "invoice_hold.created",
      "invoice_hold.created",
      "invoice_hold.discarded",
      "invoice_hold.released",
    ]);
  });
});
