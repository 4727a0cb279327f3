import { beforeAll, describe, expect, it } from "vitest";
import type { MeterBody } from "../../test/support/api-types.ts";
import { createCustomer, createMeter } from "../../test/support/builders.ts";
import { expectProblem, expectRefusedAt } from "../../test/support/responses.ts";
import { testAppForFile } from "../../test/support/test-app.ts";

const suite = testAppForFile();

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
const range = () =>
  `from=${encodeURIComponent(daysAgo(400))}&to=${encodeURIComponent(new Date(Date.now() + 600_000).toISOString())}`;

async function usageValue(customer: string, meter: string): Promise<string> {
  const response = await suite.tenant.admin.get(`/v1/usage?customer=${customer}&meter=${meter}&${range()}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.windows[0].value;
}

beforeAll(async () => {
  await createCustomer(suite.tenant.admin, { external_id: "acme" });
  const meters: Partial<MeterBody>[] = [
    { code: "calls", event_name: "api_call", aggregation: "count" },
    { code: "tokens", event_name: "completion", aggregation: "sum", property: "tokens" },
  ];
  for (const meter of meters) {
    await createMeter(suite.tenant.admin, {
      ...meter,
      name: meter.code,
      effective_from: "2020-01-01T00:00:00Z",
    });
  }
});

describe("ingestion", () => {
  it("stores one event (201), acknowledges a repeat as a duplicate (200) and counts it once", async () => {
    const event = {
      id: "single-1",
      customer: "acme",
      name: "completion",
      timestamp: minutesAgo(5),
      properties: { tokens: "1500" },
    };
    const first = await suite.tenant.admin.post("/v1/events", event);
    expect(first.status).toBe(201);
    expect(first.body).toEqual({
      id: "single-1",
      status: "accepted",
      matched_meters: [{ code: "tokens", version: 1 }],
    });
    const repeat = await suite.tenant.admin.post("/v1/events", { ...event, properties: { tokens: 9 } });
    expect(repeat.status).toBe(200);
    expect(repeat.body.status).toBe("duplicate");
    expect(await usageValue("acme", "tokens")).toBe("1500");
  });

  it("stores an event no meter counts and says so: its index, id and name, with a hint (a misspelt name)", async () => {
    await createCustomer(suite.tenant.admin, { external_id: "unmatched-customer" });
    const response = await suite.tenant.admin.post("/v1/events/batch", {
      events: [
        {
          id: "unmatched-1",
          customer: "unmatched-customer",
          name: "api_calls",
          timestamp: minutesAgo(2),
          properties: {},
        },
        {
          id: "matched-1",
          customer: "unmatched-customer",
          name: "api_call",
          timestamp: minutesAgo(2),
          properties: {},
        },
      ],
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.accepted).toBe(2);
    expect(response.body.unmatched).toEqual([
      {
        index: 0,
        id: "unmatched-1",
        name: "api_calls",
        hint: 'no meter counts events named "api_calls" (meters count api_call, completion): stored, counted by none',
      },
    ]);
    const single = await suite.tenant.admin.post("/v1/events", {
      id: "unmatched-2",
      customer: "unmatched-customer",
      name: "completions",
      timestamp: minutesAgo(2),
      properties: { tokens: 1 },
    });
    expect(single.status).toBe(201);
    expect(single.body.matched_meters).toEqual([]);
    expect(single.body.hint).toBe(
      'no meter counts events named "completions" (meters count api_call, completion): stored, counted by none',
    );
  });

  it("gives every rejected event of a batch its index, id, reason and path, stores the rest, never a 500", async () => {
    const valid = (id: string, extra: Record<string, unknown> = {}) => ({
      id,
      customer: "acme",
      name: "completion",
      timestamp: minutesAgo(3),
      properties: { tokens: 10 },
      ...extra,
    });
    const response = await suite.tenant.admin.post("/v1/events/batch", {
      events: [
        valid("batch-ok-1"),
        { customer: "acme", name: "completion", properties: { tokens: 1 } },
        valid("batch-bad-timestamp", { timestamp: "yesterday" }),
        valid("batch-future", { timestamp: new Date(Date.now() + 3_600_000).toISOString() }),
        valid("batch-too-old", { timestamp: daysAgo(40) }),
        valid("batch-not-numeric", { properties: { tokens: "many" } }),
        valid("batch-missing", { properties: {} }),
        "not an event",
        valid("batch-ok-1"),
        valid("single-1"),
        valid("batch-ok-2", {
          timestamp: "2026-01-01T00:00:00.123456789Z".replace("2026-01-01", minutesAgo(1).slice(0, 10)),
        }),
        valid("batch-unknown-field", { colour: "blue" }),
        valid("x".repeat(256)),
      ],
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.accepted).toBe(2);
    expect(response.body.duplicates).toEqual([
      { index: 8, id: "batch-ok-1" },
      { index: 9, id: "single-1" },
    ]);
    const rejected = response.body.rejected.map(
      (entry: { index: number; id: string | null; code: string; path: string }) => [
        entry.index,
        entry.id,
        entry.code,
        entry.path,
      ],
    );
    expect(rejected).toEqual([
      [1, null, "invalid_event", "$.events[1].id"],
      [2, "batch-bad-timestamp", "invalid_event", "$.events[2].timestamp"],
      [3, "batch-future", "timestamp_in_future", "$.events[3].timestamp"],
      [4, "batch-too-old", "timestamp_too_old", "$.events[4].timestamp"],
      [5, "batch-not-numeric", "property_not_numeric", "$.events[5].properties.tokens"],
      [6, "batch-missing", "property_missing", "$.events[6].properties.tokens"],
      [7, null, "invalid_event", "$.events[7]"],
      [11, "batch-unknown-field", "invalid_event", "$.events[11].colour"],
      [12, "x".repeat(256), "invalid_event", "$.events[12].id"],
    ]);
    for (const entry of response.body.rejected) expect(entry.reason.length).toBeGreaterThan(10);
    expect(response.body.rejected[3].reason).toContain("backfill");
    expect(response.body.rejected[4].reason).toContain('meter "tokens"');
    expect(await usageValue("acme", "tokens")).toBe("1520");

    // Text the database cannot store (a NUL character, a lone surrogate) anywhere in the body is
    // refused by the HTTP layer for the whole batch, by path.
    const withNul = await suite.tenant.admin.post("/v1/events/batch", {
      events: [valid("nul-free"), valid("with-nul", { customer: "ac\u0000me" })],
    });
    expectRefusedAt(withNul, "$.events[1].customer");
    const withSurrogate = await suite.tenant.admin.post("/v1/events/batch", {
      events: [valid("surrogate-free"), valid("with-surrogate", { name: "comp\ud800letion" })],
    });
    expectRefusedAt(withSurrogate, "$.events[1].name");
  });

  it("with ?atomic=true stores nothing when one event is bad, and names each bad field", async () => {
    const response = await suite.tenant.admin.post("/v1/events/batch?atomic=true", {
      events: [
        { id: "atomic-1", customer: "acme", name: "api_call" },
        { id: "atomic-2", customer: "acme", name: "completion", properties: { tokens: "lots" } },
      ],
    });
    expectProblem(response, 400, "validation_failed");
    expect(response.body.errors).toEqual([
      {
        path: "$.events[1].properties.tokens",
        message: 'must be a number or a numeric string for meter "tokens"',
      },
    ]);
    expect((await suite.tenant.admin.get("/v1/events/atomic-1")).status).toBe(404);
  });

  it("refuses more than 1,000 events (400) and a body over 1 MiB (413)", async () => {
    const events = Array.from({ length: 1001 }, (_, index) => ({
      id: `big-${index}`,
      customer: "acme",
      name: "api_call",
    }));
    const tooMany = await suite.tenant.admin.post("/v1/events/batch", { events });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors).toEqual([{ path: "$.events", message: "must have at most 1000 items" }]);
    const padding = "p".repeat(2_000);
    const heavy = Array.from({ length: 600 }, (_, index) => ({
      id: `heavy-${index}`,
      customer: "acme",
      name: "api_call",
      properties: { padding },
    }));
    const tooLarge = await suite.tenant.admin.post("/v1/events/batch", { events: heavy });
    expectProblem(tooLarge, 413, "payload_too_large");
    const empty = await suite.tenant.admin.post("/v1/events/batch", { events: [] });
    expectRefusedAt(empty, "$.events");
  });

  it("backfills past usage beyond the past window, with the same duplicate rule", async () => {
    const old = { id: "backfill-1", customer: "acme", name: "api_call", timestamp: daysAgo(200) };
    const backfilled = await suite.tenant.admin.post("/v1/events/backfill", {
      events: [old, { ...old, id: "backfill-2" }],
    });
    expect(backfilled.body).toEqual({ accepted: 2, duplicates: [], rejected: [], unmatched: [] });
    const again = await suite.tenant.admin.post("/v1/events/batch", {
      events: [{ ...old, timestamp: minutesAgo(1) }],
    });
    expect(again.body.duplicates).toEqual([{ index: 0, id: "backfill-1" }]);
    const future = await suite.tenant.admin.post("/v1/events/backfill", {
      events: [{ ...old, id: "backfill-future", timestamp: new Date(Date.now() + 3_600_000).toISOString() }],
    });
    expect(future.body.rejected[0].code).toBe("timestamp_in_future");
    expect(await usageValue("acme", "calls")).toBe("2");
  });

  it("takes the past window from the environment's settings", async () => {
    expect((await suite.tenant.admin.get("/v1/metering/settings")).body).toMatchObject({
      event_past_window_days: 35,
      event_future_window_seconds: 300,
      updated_at: null,
    });
    const updated = await suite.tenant.admin.patch("/v1/metering/settings", { event_past_window_days: 2 });
    expect(updated.status).toBe(200);
    expect(updated.body.event_past_window_days).toBe(2);
    const response = await suite.tenant.admin.post("/v1/events/batch", {
      events: [{ id: "three-days", customer: "acme", name: "api_call", timestamp: daysAgo(3) }],
    });
    expect(response.body.rejected[0]).toMatchObject({ code: "timestamp_too_old" });
    expect(response.body.rejected[0].reason).toContain("2 days");
    await suite.tenant.admin.patch("/v1/metering/settings", { event_past_window_days: 35 });
    const invalid = await suite.tenant.admin.patch("/v1/metering/settings", { event_past_window_days: 0 });
    expectRefusedAt(invalid, "$.event_past_window_days");
  });

  it("keeps events of unknown customers, lists them, and attributes them once the customer exists", async () => {
    await suite.tenant.admin.post("/v1/events/batch", {
      events: [
        { id: "ghost-1", customer: "ghost", name: "api_call", timestamp: minutesAgo(10) },
        {
          id: "ghost-2",
          customer: "ghost",
          name: "completion",
          timestamp: minutesAgo(9),
          properties: { tokens: 4 },
        },
        { id: "ghost-3", customer: "phantom", name: "api_call", timestamp: minutesAgo(8) },
      ],
    });
    const unattributed = await suite.tenant.admin.get("/v1/events/unattributed");
    expect(unattributed.status).toBe(200);
    expect(
      unattributed.body.data.map(
        (entry: { customer: string; event_count: number; events: { id: string }[] }) => [
          entry.customer,
          entry.event_count,
          entry.events.map((event) => event.id),
        ],
      ),
    ).toEqual([
      ["ghost", 2, ["ghost-2", "ghost-1"]],
      ["phantom", 1, ["ghost-3"]],
    ]);
    const firstPage = await suite.tenant.admin.get("/v1/events/unattributed?limit=1");
    expect(firstPage.body.data.map((entry: { customer: string }) => entry.customer)).toEqual(["ghost"]);
    const secondPage = await suite.tenant.admin.get(
      `/v1/events/unattributed?limit=1&cursor=${firstPage.body.next_cursor}`,
    );
    expect(secondPage.body.data.map((entry: { customer: string }) => entry.customer)).toEqual(["phantom"]);

    await createCustomer(suite.tenant.admin, { external_id: "ghost" });
    const after = await suite.tenant.admin.get("/v1/events/unattributed");
    expect(after.body.data.map((entry: { customer: string }) => entry.customer)).toEqual(["phantom"]);
    expect(await usageValue("ghost", "tokens")).toBe("4");
    expect(await usageValue("ghost", "calls")).toBe("1");
  });

  it("lets an ingest key send events, and keeps a viewer key out", async () => {
    const ingest = await suite.tenant.client("ingest");
    const sent = await ingest.post("/v1/events", { id: "by-ingest", customer: "acme", name: "api_call" });
    expect(sent.status).toBe(201);
    const viewer = await suite.tenant.client("viewer");
    const refused = await viewer.post("/v1/events", { id: "by-viewer", customer: "acme", name: "api_call" });
    expect(refused.status).toBe(403);
  });

  it("lists raw events newest first with the meters each matched, page by page", async () => {
    await createCustomer(suite.tenant.admin, { external_id: "explorer" });
    const events = Array.from({ length: 5 }, (_, index) => ({
      id: `explore-${index}`,
      customer: "explorer",
      name: index % 2 === 0 ? "api_call" : "page_view",
      timestamp: minutesAgo(50 - index),
    }));
    await suite.tenant.admin.post("/v1/events/batch", { events });
    const firstPage = await suite.tenant.admin.get("/v1/events?customer=explorer&limit=3");
    expect(firstPage.body.data.map((event: { id: string }) => event.id)).toEqual([
      "explore-4",
      "explore-3",
      "explore-2",
    ]);
    expect(firstPage.body.data[0].matched_meters).toEqual([{ code: "calls", version: 1 }]);
    expect(firstPage.body.data[1].matched_meters).toEqual([]);
    const secondPage = await suite.tenant.admin.get(
      `/v1/events?customer=explorer&limit=3&cursor=${firstPage.body.next_cursor}`,
    );
    expect(secondPage.body.data.map((event: { id: string }) => event.id)).toEqual(["explore-1", "explore-0"]);
    expect(secondPage.body.next_cursor).toBeNull();
    const byName = await suite.tenant.admin.get("/v1/events?customer=explorer&name=page_view");
    expect(byName.body.data.map((event: { id: string }) => event.id)).toEqual(["explore-3", "explore-1"]);
    const inRange = await suite.tenant.admin.get(
      `/v1/events?customer=explorer&from=${encodeURIComponent(events[1]!.timestamp)}&to=${encodeURIComponent(events[3]!.timestamp)}`,
    );
    expect(inRange.body.data.map((event: { id: string }) => event.id)).toEqual(["explore-2", "explore-1"]);
    const one = await suite.tenant.admin.get("/v1/events/explore-2");
    expect(one.body).toMatchObject({ id: "explore-2", customer: "explorer", revision: 0, revisions: [] });
    const everyone = await suite.tenant.admin.get("/v1/events?limit=5");
    const timestamps = everyone.body.data.map((event: { timestamp: string }) => event.timestamp);
    expect(everyone.body.data[0].id).toBe("by-ingest");
    expect(timestamps).toEqual([...timestamps].sort().reverse());
    // Found beyond the recent ranges the explorer looks in first.
    const calls = await suite.tenant.admin.get("/v1/events?name=api_call&limit=100");
    expect(calls.body.data.slice(-2).map((event: { id: string }) => event.id)).toEqual([
      "backfill-2",
      "backfill-1",
    ]);
    const badCursor = await suite.tenant.admin.get("/v1/events?cursor=nonsense");
    expect(badCursor.status).toBe(400);
  });
});
