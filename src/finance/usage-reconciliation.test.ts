// The usage reconciliation's counts come from one classification of the
// month's events, so they cannot disagree: a row's billed and unbilled events,
// the differences listed, and the events of each category. Events received
// at the very instant their invoice was finalized were on it as far as its
// line counted them (sent, then billed at one frozen instant), and late beyond
// that (billed, then sent at the same instant), never counted billed twice.

import { beforeAll, describe, expect, it } from "vitest";
import { createCustomer, createMeter, createPlan, subscribe } from "../../test/support/builders.ts";
import { expectOk } from "../../test/support/responses.ts";
import { testAppForFile } from "../../test/support/test-app.ts";
import { advanceTestClock, freezeTestClock } from "../../test/support/test-clock-api.ts";

const suite = testAppForFile({ tenantName: "Usage reconciliation counts" });

let sent = 0;
async function send(customer: string, timestamp: string, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => {
    sent += 1;
    return `count-event-${sent}`;
  });
  const result = await expectOk(
    suite.tenant.admin.post("/v1/events/batch", {
      events: ids.map((id) => ({ id, name: "api_call", timestamp, customer, properties: {} })),
    }),
  );
  expect(result.rejected).toEqual([]);
  return ids;
}

type Difference = { cause: string; category: string; customer_external_id: string; events: number };
type Row = {
  customer_external_id: string;
  meter: string | null;
  events_ingested: number;
  events_billed: number;
  events_unbilled: number;
};
type Report = {
  usage: {
    events_ingested: number;
    events_billed: number;
    events_by_category: Record<string, number>;
    rows: Row[];
    differences: Difference[];
  };
};

/**
 * The invariants every report keeps, whatever happened to its events. `gone`:
 * by customer, the events its invoices counted that the store no longer holds
 * (voided since), which a count_mismatch lists but no row holds.
 */
function expectCountsAgree(report: Report, gone: Record<string, number>) {
  const { usage } = report;
  for (const category of ["leakage", "mismatch", "by_design", "pending"]) {
    const listed = usage.differences
      .filter((difference) => difference.category === category)
      .reduce((sum, difference) => sum + difference.events, 0);
    // One meter per event here, so each category's events are the sum of its differences.
    expect(usage.events_by_category[category], category).toBe(listed);
  }
  for (const row of usage.rows) {
    const differences = usage.differences.filter(
      (difference) => difference.customer_external_id === row.customer_external_id,
    );
    // Billed and the row's differences of stored events add up to the row's events.
    const listed = differences.reduce((sum, difference) => sum + difference.events, 0);
    expect(row.events_billed + row.events_unbilled, row.customer_external_id).toBe(row.events_ingested);
    expect(row.events_unbilled, row.customer_external_id).toBe(
      listed - (gone[row.customer_external_id] ?? 0),
    );
  }
  expect(usage.events_billed + usage.rows.reduce((sum, row) => sum + row.events_unbilled, 0)).toBe(
    usage.events_ingested,
  );
}

let voidable: string[] = [];
let misdated: string[] = [];

beforeAll(async () => {
  await freezeTestClock(suite.tenant.admin, "2026-09-01T00:00:00Z");
  await createMeter(suite.tenant.admin, { effective_from: "2026-08-01T00:00:00Z" });
  const plan = await createPlan(suite.tenant.admin, {
    code: "pro",
    name: "Pro",
    version: {
      charges: [{ id: "calls", type: "usage", meter: "calls", model: "per_unit", unit_price: "0.10" }],
    },
  });
  for (const externalId of ["initech", "hooli", "umbrella", "piedpiper"]) {
    const customer = await createCustomer(suite.tenant.admin, { external_id: externalId, currency: "USD" });
    await subscribe(suite.tenant.admin, {
      customer_id: customer.id,
      plan_id: plan.id,
      start_at: "2026-09-01T00:00:00Z",
      billing: "calendar",
    });
  }
  await advanceTestClock(suite.tenant.admin, "2026-09-15T00:00:00Z");
  await send("initech", "2026-09-10T10:00:00Z", 40);
  voidable = await send("hooli", "2026-09-12T10:00:00Z", 20);
  await send("umbrella", "2026-09-14T10:00:00Z", 10);
  // Stamped in August by mistake: before Umbrella's subscription, so September's invoice does not count it.
  misdated = await send("umbrella", "2026-08-14T10:00:00Z", 1);
  // September's invoices are finalized on October 1 at 00:00. Pied Piper's 5 calls are received at that instant,
  // before the bill run (on the invoice); Initech's 11 are received at that instant after it (late).
  await freezeTestClock(suite.tenant.admin, "2026-10-01T00:00:00Z");
  await send("piedpiper", "2026-09-25T10:00:00Z", 5);
  await advanceTestClock(suite.tenant.admin, "2026-10-01T00:00:00Z");
  await send("initech", "2026-09-20T10:00:00Z", 11);
  // Two of Hooli's billed calls are voided after its invoice counted them.
  for (const id of voidable.slice(0, 2))
    await expectOk(suite.tenant.admin.post(`/v1/events/${id}/void`, { reason: "duplicate sent by a retry" }));
  // Umbrella's August call is corrected to September after September's invoice counted 10 calls.
  await expectOk(
    suite.tenant.admin.post(`/v1/events/${misdated[0]}/amend`, {
      timestamp: "2026-09-14T10:00:00Z",
      reason: "the producer's clock was a month behind",
    }),
  );
});

describe("the counts of the usage reconciliation", () => {
  it("counts events received at the finalization instant as late, not billed, and not as a count mismatch", async () => {
    const report = await expectOk<Report>(suite.tenant.admin.get("/v1/reconciliation?period=2026-09"));
    const initech = report.usage.differences.filter(
      (difference) => difference.customer_external_id === "initech",
    );
    // The invoice of October 1 billed 40 calls (4.00); the 11 received with it were not on it.
    expect(initech).toEqual([
      expect.objectContaining({ cause: "late_after_finalization", category: "leakage", events: 11 }),
    ]);
    expect(report.usage.rows.find((row) => row.customer_external_id === "initech")).toMatchObject({
      events_ingested: 51,
      events_billed: 40,
      events_unbilled: 11,
    });
  });

  it("counts events received at the finalization instant, before the bill run, as billed", async () => {
    const report = await expectOk<Report>(suite.tenant.admin.get("/v1/reconciliation?period=2026-09"));
    expect(
      report.usage.differences.filter((difference) => difference.customer_external_id === "piedpiper"),
    ).toEqual([]);
    expect(report.usage.rows.find((row) => row.customer_external_id === "piedpiper")).toMatchObject({
      events_ingested: 5,
      events_billed: 5,
      events_unbilled: 0,
    });
  });

  it("counts a line's count mismatch in the mismatch category, and every count agrees", async () => {
    const report = await expectOk<Report>(suite.tenant.admin.get("/v1/reconciliation?period=2026-09"));
    // Hooli's invoice counted 20 calls; the store holds 18 now that 2 are voided.
    expect(
      report.usage.differences.filter((difference) => difference.customer_external_id === "hooli"),
    ).toEqual([expect.objectContaining({ cause: "count_mismatch", category: "mismatch", events: 2 })]);
    expect(report.usage.rows.find((row) => row.customer_external_id === "hooli")).toMatchObject({
      events_ingested: 18,
      events_billed: 18,
      events_unbilled: 0,
    });
    // Umbrella's invoice counted 10 calls; the store holds 11 received before it: the 11th is a mismatch, not billed.
    expect(
      report.usage.differences.filter((difference) => difference.customer_external_id === "umbrella"),
    ).toEqual([expect.objectContaining({ cause: "count_mismatch", category: "mismatch", events: 1 })]);
    expect(report.usage.rows.find((row) => row.customer_external_id === "umbrella")).toMatchObject({
      events_ingested: 11,
      events_billed: 10,
      events_unbilled: 1,
    });
    expect(report.usage.events_by_category).toEqual({ leakage: 11, mismatch: 3, by_design: 0, pending: 0 });
    // 51 + 18 + 11 + 5 events of September; 40 + 18 + 10 + 5 billed.
    expect(report.usage).toMatchObject({ events_ingested: 85, events_billed: 73 });
    expectCountsAgree(report, { hooli: 2 });
  });
});
