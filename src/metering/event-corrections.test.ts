import { beforeAll, describe, expect, it } from "vitest";
import { auditTrailOf } from "../../test/support/audit-trail.ts";
import { createCustomer, createMeter } from "../../test/support/builders.ts";
import { expectProblem } from "../../test/support/responses.ts";
import { testAppForFile } from "../../test/support/test-app.ts";

const suite = testAppForFile();

const hour = Date.parse("2026-02-10T10:00:00Z");
const at = (minutes: number) => new Date(hour + minutes * 60_000).toISOString();

async function dailyValues(meter: string): Promise<string[]> {
  const response = await suite.tenant.admin.get(
    `/v1/usage?customer=fixer&meter=${meter}&window=day&from=2026-02-10T00:00:00Z&to=2026-02-12T00:00:00Z`,
  );
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.windows.map((window: { value: string }) => window.value);
}

beforeAll(async () => {
  await createCustomer(suite.tenant.admin, { external_id: "fixer" });
  for (const [code, aggregation, property] of [
    ["fix-sum", "sum", "gb"],
    ["fix-max", "max", "gb"],
    ["fix-latest", "latest", "gb"],
    ["fix-unique", "unique_count", "user"],
    ["fix-count", "count", null],
  ] as const) {
    await createMeter(suite.tenant.admin, {
      code,
      name: code,
      event_name: "stored",
      aggregation,
      ...(property === null ? {} : { property }),
      effective_from: "2026-01-01T00:00:00Z",
    });
  }
  const response = await suite.tenant.admin.post("/v1/events/backfill", {
    events: [
      {
        id: "fix-1",
        customer: "fixer",
        name: "stored",
        timestamp: at(5),
        properties: { gb: 10, user: "ann" },
      },
      {
        id: "fix-2",
        customer: "fixer",
        name: "stored",
        timestamp: at(15),
        properties: { gb: 30, user: "bob" },
      },
      {
        id: "fix-3",
        customer: "fixer",
        name: "stored",
        timestamp: at(25),
        properties: { gb: 20, user: "ann" },
      },
    ],
  });
  expect(response.body.accepted).toBe(3);
});

describe("event corrections", () => {
  it("amends properties: usage follows, and the previous state is kept as a revision", async () => {
    expect(await dailyValues("fix-sum")).toEqual(["60", "0"]);
    const amended = await suite.tenant.admin.post(
      "/v1/events/fix-3/amend",
      { properties: { gb: 25, user: "cid" }, reason: "meter read twice" },
      { "x-request-id": "amend-request" },
    );
    expect(amended.status).toBe(200);
    expect(amended.body).toMatchObject({ id: "fix-3", revision: 1, properties: { gb: 25, user: "cid" } });
    expect(amended.body.revisions).toEqual([
      expect.objectContaining({
        revision: 0,
        properties: { gb: 20, user: "ann" },
        change: "amended",
        reason: "meter read twice",
        request_id: "amend-request",
      }),
    ]);
    expect(await dailyValues("fix-sum")).toEqual(["65", "0"]);
    expect(await dailyValues("fix-latest")).toEqual(["25", "0"]);
    expect(await dailyValues("fix-unique")).toEqual(["3", "0"]);
  });

  it("amends a timestamp into another day: both days are recounted", async () => {
    const moved = await suite.tenant.admin.post("/v1/events/fix-2/amend", {
      timestamp: "2026-02-11T08:00:00Z",
      reason: "clock of the producer was a day behind",
    });
    expect(moved.status).toBe(200);
    expect(await dailyValues("fix-sum")).toEqual(["35", "30"]);
    expect(await dailyValues("fix-max")).toEqual(["25", "30"]);
    expect(await dailyValues("fix-count")).toEqual(["2", "1"]);
  });

  it("voids an event: it is kept and shown voided, no longer counted, and can no longer change", async () => {
    const voided = await suite.tenant.admin.post("/v1/events/fix-3/void", { reason: "test traffic" });
    expect(voided.status).toBe(200);
    expect(voided.body.voided_at).not.toBeNull();
    expect(voided.body.matched_meters).toEqual([]);
    expect(voided.body.revisions.map((revision: { change: string }) => revision.change)).toEqual([
      "amended",
      "voided",
    ]);
    // The maximum, latest value and distinct users of the day are recomputed, not only the sums.
    expect(await dailyValues("fix-sum")).toEqual(["10", "30"]);
    expect(await dailyValues("fix-max")).toEqual(["10", "30"]);
    expect(await dailyValues("fix-latest")).toEqual(["10", "30"]);
    expect(await dailyValues("fix-unique")).toEqual(["1", "1"]);
    const again = await suite.tenant.admin.post("/v1/events/fix-3/amend", {
      properties: { gb: 1 },
      reason: "late",
    });
    expectProblem(again, 409, "event_voided");

    const audit = await auditTrailOf(suite.testApp.handle.database, "fix-3");
    expect(audit.map((entry) => entry.action)).toEqual(["event.amended", "event.voided"]);
  });

  it("refuses an amendment a meter cannot read, naming the property, and one for an unknown event", async () => {
    const unreadable = await suite.tenant.admin.post("/v1/events/fix-1/amend", {
      properties: { gb: "ten", user: "ann" },
      reason: "typo",
    });
    expect(unreadable.status).toBe(400);
    expect(unreadable.body.errors.map((error: { path: string }) => error.path)).toContain(
      '$.properties["gb"]',
    );
    const nothing = await suite.tenant.admin.post("/v1/events/fix-1/amend", { reason: "no change" });
    expect(nothing.status).toBe(400);
    const unknown = await suite.tenant.admin.post("/v1/events/never-sent/void", { reason: "cleanup" });
    expect(unknown.status).toBe(404);
    expect(await dailyValues("fix-sum")).toEqual(["10", "30"]);
  });
});
