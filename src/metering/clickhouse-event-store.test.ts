// The ClickHouse event store against a real clickhouse-server (CLICKHOUSE_URL;
// .ci/run starts Debian's): stored and corrected events are copied there once
// each; reconciliation counts what ClickHouse holds; and once PostgreSQL no
// longer holds the raw events, the explorer and a recount still answer, from
// ClickHouse. Skipped, with
// the reason printed, where no server answers.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/platform/context.ts";
import { readEveryPage } from "../../test/support/paged-lists.ts";
import { startTestAppWithTenant, type TestApp, type TestTenant } from "../../test/support/test-app.ts";
import { dropTestClickHouseDatabase, testClickHouse } from "../../test/support/test-clickhouse.ts";
import { waitFor } from "../../test/support/wait-for.ts";
import { createEventShipper } from "./index.ts";

let testApp: TestApp;
let tenant: TestTenant;
const clickHouse = testClickHouse;

const february = (day: number, hour: number) =>
  `2026-02-${String(day).padStart(2, "0")}T${String(hour).padStart(2, "0")}:00:00.000Z`;

const events = [
  { id: "ch-1", customer: "known", name: "call", timestamp: february(2, 9), properties: { tokens: 5 } },
  { id: "ch-2", customer: "known", name: "call", timestamp: february(2, 9), properties: { tokens: 7 } },
  { id: "ch-3", customer: "known", name: "call", timestamp: february(3, 14), properties: { tokens: 1 } },
  { id: "ch-4", customer: "known", name: "call", timestamp: february(4, 8), properties: { tokens: 2 } },
  { id: "ch-5", customer: "known", name: "call", timestamp: february(5, 8), properties: { tokens: 3 } },
  { id: "ch-6", customer: "stranger", name: "call", timestamp: february(6, 10), properties: { tokens: 4 } },
  { id: "ch-7", customer: "stranger", name: "ping", timestamp: february(7, 10), properties: {} },
];

/** What ClickHouse holds as live: each event's latest revision, as `id:revision`. */
async function liveCopies(): Promise<string[]> {
  if (clickHouse === undefined) return [];
  const database = new URL(clickHouse.url).pathname.slice(1);
  const text = await clickHouse.run(
    `select concat(id, ':', toString(revision)) from ${database}.events final
     where (id, revision) not in (select id, revision from ${database}.event_revisions_replaced)
     order by id format TabSeparated`,
  );
  return text.split("\n").filter((line) => line !== "");
}

async function explorerIds(query: string): Promise<string[]> {
  const events = await readEveryPage<{ id: string }>(tenant.admin, `/v1/events?limit=3&${query}`);
  return events.map((event) => event.id);
}

async function februaryUsage(meter: string): Promise<string> {
  const response = await tenant.admin.get(
    `/v1/usage?customer=known&meter=${meter}&window=month&from=2026-02-01T00:00:00Z&to=2026-03-01T00:00:00Z`,
  );
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.windows.map((window: { value: string }) => window.value).join(",");
}

beforeAll(async () => {
  if (clickHouse === undefined) return;
  ({ testApp, tenant } = await startTestAppWithTenant({ clickhouseUrl: clickHouse.url }));
  await tenant.admin.post("/v1/customers", { external_id: "known" });
  const meter = await tenant.admin.post("/v1/meters", {
    code: "tokens",
    name: "Tokens",
    event_name: "call",
    aggregation: "sum",
    property: "tokens",
    effective_from: "2026-01-01T00:00:00Z",
  });
  expect(meter.status, JSON.stringify(meter.body)).toBe(201);
  const stored = await tenant.admin.post("/v1/events/backfill", { events });
  expect(stored.body.accepted).toBe(7);
  const again = await tenant.admin.post("/v1/events/backfill", { events: events.slice(0, 2) });
  expect(again.body).toMatchObject({ accepted: 0, duplicates: [{ id: "ch-1" }, { id: "ch-2" }] });
  const amended = await tenant.admin.post("/v1/events/ch-4/amend", {
    timestamp: "2026-03-01T08:00:00Z",
    reason: "the call belongs to March",
  });
  expect(amended.status, JSON.stringify(amended.body)).toBe(200);
  const voided = await tenant.admin.post("/v1/events/ch-5/void", { reason: "a test call" });
  expect(voided.status, JSON.stringify(voided.body)).toBe(200);
});

afterAll(async () => {
  await testApp?.close();
  await dropTestClickHouseDatabase();
});

describe.skipIf(clickHouse === undefined)("ClickHouse event store", () => {
  it("copies each stored and corrected event once, in the background, with its latest revision", async () => {
    const shipper = createEventShipper({
      database: testApp.handle.database,
      logger: silentLogger,
      idleMilliseconds: 50,
    });
    shipper.start();
    try {
      await waitFor(
        "every event copied to ClickHouse",
        async () => ((await liveCopies()).length === 7 ? true : undefined),
        { seconds: 20 },
      );
    } finally {
      await shipper.stop();
    }
    expect(await liveCopies()).toEqual([
      "ch-1:0",
      "ch-2:0",
      "ch-3:0",
      "ch-4:1",
      "ch-5:1",
      "ch-6:0",
      "ch-7:0",
    ]);
    const waiting = await testApp.handle.database
      .selectFrom("events_awaiting_event_store")
      .select((eb) => eb.fn.countAll<number>().as("batches"))
      .executeTakeFirstOrThrow();
    expect(Number(waiting.batches)).toBe(0);
  });

  it("reads reconciliation from ClickHouse, and the explorer and a recount once PostgreSQL has no raw events", async () => {
    const { database } = testApp.handle;
    const environmentId = tenant.organization.environments.test;
    // A shipper that died after writing to ClickHouse and before crossing its batch out ships it again.
    await sql`
      insert into events_awaiting_event_store (environment_id, organization_id, event_ids, queued_at)
      values (${environmentId}, ${tenant.organization.id}, ${["ch-1", "ch-2"]}::text[], now())`.execute(
      database,
    );
    const late = await tenant.admin.post("/v1/events/backfill", {
      events: [
        {
          id: "ch-8",
          customer: "known",
          name: "call",
          timestamp: february(9, 12),
          properties: { tokens: 11 },
        },
      ],
    });
    expect(late.body.accepted).toBe(1);
    // The reads below ship what waits first; then PostgreSQL's raw events go (as a dropped partition would).
    expect(await explorerIds("customer=known")).toEqual(["ch-4", "ch-8", "ch-5", "ch-3", "ch-2", "ch-1"]);
    const reconciliation = await tenant.admin.get("/v1/reconciliation?period=2026-02");
    expect(reconciliation.status, JSON.stringify(reconciliation.body)).toBe(200);
    // February: ch-1, 2, 3, 6, 7, 8 live; ch-5 voided; ch-4 moved to March.
    expect(reconciliation.body.usage).toMatchObject({
      events_ingested: 6,
      events_voided: 1,
      events_attributed: 4,
      events_matched: 5,
    });

    // Reconciliation reads ClickHouse: an event only ClickHouse holds (January's) is counted.
    const clickHouseDatabase = new URL(clickHouse?.url ?? "").pathname.slice(1);
    await clickHouse?.run(
      `insert into ${clickHouseDatabase}.events format JSONEachRow ${JSON.stringify({
        environment_id: environmentId,
        id: "ghost-1",
        organization_id: tenant.organization.id,
        customer_external_id: "ghost",
        name: "ping",
        occurred_at: Date.parse("2026-01-31T10:00:00Z"),
        occurred_date: "2026-01-31",
        received_at: Date.parse("2026-01-31T10:00:00Z"),
        properties: "{}",
        revision: 0,
        voided_at: null,
      })}`,
    );
    const january = await tenant.admin.get("/v1/reconciliation?period=2026-01");
    expect(january.status, JSON.stringify(january.body)).toBe(200);
    expect(january.body.usage).toMatchObject({ events_ingested: 1, events_attributed: 0, events_matched: 0 });
    await sql`delete from events where environment_id = ${environmentId}`.execute(database);

    expect(await explorerIds("")).toEqual([
      "ch-4",
      "ch-8",
      "ch-7",
      "ch-6",
      "ch-5",
      "ch-3",
      "ch-2",
      "ch-1",
      "ghost-1",
    ]);
    expect(await explorerIds("name=ping")).toEqual(["ch-7", "ghost-1"]);
    expect(await explorerIds("from=2026-02-03T00:00:00Z&to=2026-02-07T00:00:00Z")).toEqual([
      "ch-6",
      "ch-5",
      "ch-3",
    ]);
    const page = await tenant.admin.get("/v1/events?customer=known&limit=10");
    const byId = new Map(page.body.data.map((event: { id: string }) => [event.id, event]));
    expect(byId.get("ch-4")).toMatchObject({ revision: 1, timestamp: "2026-03-01T08:00:00.000Z" });
    expect(byId.get("ch-5")).toMatchObject({
      revision: 1,
      voided_at: expect.any(String),
      matched_meters: [],
    });
    expect(byId.get("ch-1")).toMatchObject({
      properties: { tokens: 5 },
      matched_meters: [{ code: "tokens", version: 1 }],
    });

    const unattributed = await tenant.admin.get("/v1/events/unattributed");
    expect(unattributed.status, JSON.stringify(unattributed.body)).toBe(200);
    expect(unattributed.body.data).toEqual([
      expect.objectContaining({
        customer: "stranger",
        event_count: 2,
        first_timestamp: february(6, 10),
        last_timestamp: february(7, 10),
      }),
    ]);
    expect(unattributed.body.data[0].events.map((event: { id: string }) => event.id)).toEqual([
      "ch-7",
      "ch-6",
    ]);

    // A new meter over the same events is counted from ClickHouse: PostgreSQL has none left.
    expect(await februaryUsage("tokens")).toBe("24");
    const recounted = await tenant.admin.post("/v1/meters", {
      code: "tokens-again",
      name: "Tokens again",
      event_name: "call",
      aggregation: "sum",
      property: "tokens",
      effective_from: "2026-01-01T00:00:00Z",
    });
    expect(recounted.status, JSON.stringify(recounted.body)).toBe(201);
    expect(await februaryUsage("tokens-again")).toBe("24");
  });
});
