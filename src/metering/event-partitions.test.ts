// The events table partitioned by month: exact dedup across partitions through
// event_ids, partitions made ahead and for a backfill's months, the upgrade of
// an unpartitioned table with its rows, and retention, which archives a month
// to a gzipped NDJSON file and drops it while usage stays and a recount over
// it is refused.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCustomer, createMeter } from "../../test/support/builders.ts";
import { expectProblem } from "../../test/support/responses.ts";
import { type TestTenant, testAppForFile } from "../../test/support/test-app.ts";
import { createSeparateDatabase } from "../../test/support/test-database.ts";
import { systemClock } from "../platform/clock.ts";
import { silentLogger } from "../platform/context.ts";
import { openDatabase } from "../platform/database/database.ts";
import { findMigrations, migrate } from "../platform/database/migrator.ts";
import type { Database } from "../platform/database/schema.ts";
import { createEventMaintenanceSchedule, maintainEventStore } from "./event-maintenance.ts";
import { prepareEventPartitions } from "./event-partitions.ts";
import { archiveExpiredEvents } from "./event-retention.ts";

const partitioningMigration = "20261207085229_events_partitioned_by_month";

const suite = testAppForFile();
let database: Database;
const archiveDirectory = mkdtempSync(join(tmpdir(), "fairbill-event-archives-"));

beforeAll(async () => {
  database = suite.testApp.handle.database;
  await createCustomer(suite.tenant.admin, { external_id: "acme" });
  await createMeter(suite.tenant.admin, { name: "Calls", effective_from: "2025-01-01T00:00:00Z" });
});
afterAll(async () => {
  rmSync(archiveDirectory, { recursive: true, force: true });
});

async function backfill(client: TestTenant["admin"], events: { id: string; timestamp: string }[]) {
  const response = await client.post("/v1/events/backfill", {
    events: events.map((event) => ({ ...event, customer: "acme", name: "api_call" })),
  });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as { accepted: number; duplicates: { id: string }[] };
}

async function partitionOf(id: string): Promise<string[]> {
  const { rows } = await sql<{ partition: string }>`
    select tableoid::regclass::text as partition from events where id = ${id}`.execute(database);
  return rows.map((row) => row.partition);
}

async function usageOf(client: TestTenant["admin"], from: string, to: string): Promise<string> {
  const response = await client.get(
    `/v1/usage?customer=acme&meter=calls&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
  );
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.windows[0].value;
}

describe("monthly partitions", () => {
  it("keeps dedup exact across partitions: an id sent in January and again in June is stored once", async () => {
    const january = await backfill(suite.tenant.admin, [
      { id: "across-months", timestamp: "2025-01-15T10:00:00Z" },
    ]);
    expect(january.accepted).toBe(1);
    // No partition for January 2025 yet: the default partition caught it, and the upkeep moves it to its own.
    expect(await partitionOf("across-months")).toEqual(["events_default"]);
    const made = await prepareEventPartitions(database, new Date());
    expect(made).toContain("events_2025_01");
    expect(await partitionOf("across-months")).toEqual(["events_2025_01"]);
    await prepareEventPartitions(database, new Date("2025-06-01T00:00:00Z"));

    const june = await backfill(suite.tenant.admin, [
      { id: "across-months", timestamp: "2025-06-20T08:00:00Z" },
      { id: "june-only", timestamp: "2025-06-20T09:00:00Z" },
    ]);
    expect(june.duplicates.map((event) => event.id)).toEqual(["across-months"]);
    expect(june.accepted).toBe(1);
    expect(await partitionOf("across-months")).toEqual(["events_2025_01"]);
    expect(await partitionOf("june-only")).toEqual(["events_2025_06"]);
    const ids = await database
      .selectFrom("event_ids")
      .selectAll()
      .where("id", "=", "across-months")
      .execute();
    expect(ids.map((row) => row.occurred_at.toISOString())).toEqual(["2025-01-15T10:00:00.000Z"]);
    expect(await usageOf(suite.tenant.admin, "2025-01-01T00:00:00Z", "2025-07-01T00:00:00Z")).toBe("2");
  });

  it("makes the current month's partition and the next two, once however often it runs", async () => {
    const at = new Date("2031-11-20T00:00:00Z");
    expect(await prepareEventPartitions(database, at)).toEqual([
      "events_2031_11",
      "events_2031_12",
      "events_2032_01",
    ]);
    expect(await prepareEventPartitions(database, at)).toEqual([]);
  });

  it("moves an amended event to the month of its new timestamp and notes it in event_ids", async () => {
    await backfill(suite.tenant.admin, [{ id: "moved-month", timestamp: "2025-06-02T00:00:00Z" }]);
    const amended = await suite.tenant.admin.post("/v1/events/moved-month/amend", {
      timestamp: "2025-01-20T00:00:00Z",
      reason: "the producer's clock was wrong",
    });
    expect(amended.status, JSON.stringify(amended.body)).toBe(200);
    expect(await partitionOf("moved-month")).toEqual(["events_2025_01"]);
    const row = await database
      .selectFrom("event_ids")
      .select("occurred_at")
      .where("id", "=", "moved-month")
      .executeTakeFirstOrThrow();
    expect(row.occurred_at.toISOString()).toBe("2025-01-20T00:00:00.000Z");
  });
});

describe("retention", () => {
  it("archives a month past retention to a file, drops its partition, keeps usage, and refuses a recount over it", async () => {
    // The live environment keeps every event of March 2025; the test environment keeps 6 months.
    const live = await suite.tenant.client("admin", "live");
    await createCustomer(live, { external_id: "acme" });
    await prepareEventPartitions(database, new Date("2025-03-01T00:00:00Z"));
    await backfill(suite.tenant.admin, [
      { id: "march-1", timestamp: "2025-03-03T10:00:00Z" },
      { id: "march-2", timestamp: "2025-03-04T11:00:00Z" },
    ]);
    await backfill(live, [{ id: "live-march", timestamp: "2025-03-05T12:00:00Z" }]);
    const before = await usageOf(suite.tenant.admin, "2025-01-01T00:00:00Z", "2025-07-01T00:00:00Z");
    const settings = await suite.tenant.admin.patch("/v1/metering/settings", {
      event_past_window_days: 35,
      event_retention_months: 6,
    });
    expect(settings.status, JSON.stringify(settings.body)).toBe(200);
    expect(settings.body.event_retention_months).toBe(6);

    const at = new Date("2025-12-10T00:00:00Z");
    const outcome = await archiveExpiredEvents(database, { at, archiveDirectory });
    // January and March 2025 are wholly older than 10 June 2025; only the test environment has events in January.
    expect(outcome.archived.map((month) => month.rangeStart.toISOString().slice(0, 7))).toEqual([
      "2025-01",
      "2025-03",
    ]);
    expect(outcome.droppedPartitions).toEqual(["events_2025_01"]);
    expect(await partitionOf("across-months")).toEqual([]);
    // March stays for the live environment's event; only the test environment's rows left it.
    expect(await partitionOf("march-1")).toEqual([]);
    expect(await partitionOf("live-march")).toEqual(["events_2025_03"]);
    expect(await partitionOf("june-only")).toEqual(["events_2025_06"]);

    const march = outcome.archived.find((month) => month.rangeStart.toISOString().startsWith("2025-03"));
    const lines = gunzipSync(readFileSync(march?.file ?? ""))
      .toString()
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => [line.id, line.customer, line.name, line.timestamp])).toEqual([
      ["march-1", "acme", "api_call", "2025-03-03T10:00:00.000Z"],
      ["march-2", "acme", "api_call", "2025-03-04T11:00:00.000Z"],
    ]);
    expect(readdirSync(join(archiveDirectory, suite.tenant.organization.environments.test)).length).toBe(2);

    // Rollups stay: usage reads the same; an archived id sent again is still a duplicate.
    expect(await usageOf(suite.tenant.admin, "2025-01-01T00:00:00Z", "2025-07-01T00:00:00Z")).toBe(before);
    const again = await backfill(suite.tenant.admin, [{ id: "march-1", timestamp: "2025-03-03T10:00:00Z" }]);
    expect(again.duplicates.map((event) => event.id)).toEqual(["march-1"]);

    const listed = await suite.tenant.admin.get("/v1/events?limit=100");
    expect(listed.body.archived_before).toBe("2025-04-01T00:00:00.000Z");
    expect((await live.get("/v1/events")).body.archived_before).toBeNull();

    const recount = await suite.tenant.admin.post("/v1/meters", {
      code: "calls_again",
      name: "Calls again",
      event_name: "api_call",
      aggregation: "count",
      effective_from: "2025-02-01T00:00:00Z",
    });
    expectProblem(recount, 409, "meter_recount_range_archived");
    expect(recount.body.detail).toContain("2025-04-01T00:00:00.000Z");
    const afterArchive = await suite.tenant.admin.post("/v1/meters", {
      code: "calls_since_april",
      name: "Calls since April",
      event_name: "api_call",
      aggregation: "count",
      effective_from: "2025-04-01T00:00:00Z",
    });
    expect(afterArchive.status, JSON.stringify(afterArchive.body)).toBe(201);

    // Run again: nothing more is past retention.
    expect((await archiveExpiredEvents(database, { at, archiveDirectory })).archived).toEqual([]);
  });

  it("runs as the daily job: partitions ahead, then retention", async () => {
    await maintainEventStore({
      database,
      clock: { now: () => new Date("2032-05-02T00:00:00Z") },
      logger: silentLogger,
      archiveDirectory,
    });
    const { rows } = await sql<{ name: string }>`
      select relname as name from pg_class where relname in ('events_2032_05', 'events_2032_07')`.execute(
      database,
    );
    expect(rows.map((row) => row.name).sort()).toEqual(["events_2032_05", "events_2032_07"]);
  });
});

describe("the daily upkeep on the job queue", () => {
  it("is queued once a day however often it is asked, and the worker of fairbill serve runs it", async () => {
    const schedule = createEventMaintenanceSchedule({ database, clock: systemClock, logger: silentLogger });
    const today = new Date();
    expect(await schedule.enqueueToday(today)).toBe(true);
    expect(await schedule.enqueueToday(today)).toBe(false);
    await suite.testApp.runJobs();
    const job = await database
      .selectFrom("jobs")
      .select(["status", "attempts"])
      .where("unique_key", "=", `events.maintain:${today.toISOString().slice(0, 10)}`)
      .executeTakeFirstOrThrow();
    expect(job).toEqual({ status: "succeeded", attempts: 1 });
    const nextMonth = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 2, 1));
    const name = `events_${nextMonth.getUTCFullYear()}_${String(nextMonth.getUTCMonth() + 1).padStart(2, "0")}`;
    const { rows } = await sql<{ name: string | null }>`select to_regclass(${name})::text as name`.execute(
      database,
    );
    expect(rows[0]?.name).toBe(name);
  });
});

describe("upgrading an unpartitioned events table", () => {
  it("moves every row into monthly partitions with its id, keeping dedup, row-level security and grants", async () => {
    const separate = await createSeparateDatabase("event-partitions-upgrade");
    const handle = await openDatabase(separate.location);
    try {
      const earlier = findMigrations().filter((migration) => migration.name < partitioningMigration);
      await migrate(handle, earlier);
      await handle.withRawConnection(async (connection) => {
        await connection.query(
          `insert into events (environment_id, id, organization_id, customer_external_id, name, occurred_at,
             properties, received_at, revision, voided_at)
           values
             ('env_a', 'old-1', 'org_a', 'acme', 'api_call', '2024-02-10T00:00:00Z', '{"n": 1}', now(), 0, null),
             ('env_a', 'old-2', 'org_a', 'acme', 'api_call', '2024-05-31T23:59:59Z', '{}', now(), 1, now()),
             ('env_b', 'old-1', 'org_b', 'other', 'api_call', '2024-05-01T00:00:00Z', '{}', now(), 0, null)`,
        );
      });
      await migrate(handle);
      const rows = await handle.withRawConnection((connection) =>
        connection.query<{ partition: string; environment_id: string; id: string; revision: number }>(
          `select tableoid::regclass::text as partition, environment_id, id, revision from events
           order by environment_id, id`,
        ),
      );
      expect(rows).toEqual([
        { partition: "events_2024_02", environment_id: "env_a", id: "old-1", revision: 0 },
        { partition: "events_2024_05", environment_id: "env_a", id: "old-2", revision: 1 },
        { partition: "events_2024_05", environment_id: "env_b", id: "old-1", revision: 0 },
      ]);
      const checks = await handle.withRawConnection((connection) =>
        connection.query<{
          ids: number;
          old_table: string | null;
          policy: number;
          may_insert: boolean;
        }>(
          `select (select count(*)::int from event_ids) as ids,
             to_regclass('events_unpartitioned')::text as old_table,
             (select count(*)::int from pg_policies where tablename = 'events' and policyname = 'tenant_isolation') as policy,
             has_table_privilege('fairbill_application', 'events', 'insert') as may_insert`,
        ),
      );
      expect(checks).toEqual([{ ids: 3, old_table: null, policy: 1, may_insert: true }]);
      const repeat = await handle.withRawConnection((connection) =>
        connection.query(
          "insert into event_ids values ('env_a', 'old-1', now()) on conflict do nothing returning id",
        ),
      );
      expect(repeat).toEqual([]);
    } finally {
      await handle.close();
      await separate.remove();
    }
  });
});
