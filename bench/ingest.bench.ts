// Benchmark of usage ingestion against the machine's own limit, on a real
// PostgreSQL server, in a fresh database that is created and dropped.
//
// 1. Through the API: the whole app listens on a local port in this process;
//    several clients send batches of 1,000 events (20% of the ids in each
//    batch were sent before) to POST /v1/events/batch, back to back. Bodies
//    are serialized before the clock starts, so the clients cost little.
// 2. The limit: the same server inserts the same rows with a server-side
//    INSERT … SELECT over generate_series, from the same number of
//    connections: into a copy of the events table's shape (the ids into a
//    copy of event_ids with ON CONFLICT DO NOTHING, the same 20% of them
//    already present, and the new ones into a table partitioned by month
//    like events, with the same columns and indexes),
//    and it folds the inserted rows into a copy of the rollup table (same
//    indexes and fill factor) with the same upsert, in the same transaction.
//    No HTTP, no JSON, no validation.
//
// Both figures count every event of a batch (duplicates included), and the
// ratio is API / limit. Both run on PostgreSQL, then on the embedded PGlite (a
// fresh data folder; its one connection takes the limit's batches one after
// another); with CLICKHOUSE_URL, the API once more on PostgreSQL with every
// stored event also copied to ClickHouse by the shipper while it runs (against
// the PostgreSQL limit), and how many batches still waited at the end.
//
// usage: npm run bench:ingest   (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres;
//        BENCH_DATABASES=postgres,pglite to choose; CLICKHOUSE_URL to add the ClickHouse run)

import { mkdtempSync, rmSync } from "node:fs";
import { Agent, request } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { buildApplication, connectEventStore, openMigratedDatabase } from "../src/app.ts";
import { createEventShipper } from "../src/metering/index.ts";
import { createOrganization } from "../src/organizations/index.ts";
import { createServiceAccountKey } from "../src/people/index.ts";
import { systemClock } from "../src/platform/clock.ts";
import { silentLogger, systemContext } from "../src/platform/context.ts";
import type { DatabaseHandle } from "../src/platform/database/database.ts";
import { databaseName, databaseUrl, onServer, serverUrl } from "./support/scratch-database.ts";

const clientCount = Number(process.env.BENCH_CLIENTS ?? 4);
const measureSeconds = Number(process.env.BENCH_SECONDS ?? 20);
const warmUpSeconds = 3;
const batchSize = 1_000;
const duplicateShare = 0.2;
const customerCount = 200;
const databases = (process.env.BENCH_DATABASES ?? "postgres,pglite").split(",").map((name) => name.trim());
const clickhouseUrl = process.env.CLICKHOUSE_URL;

/** Batch bodies, serialized up front: 800 new ids and 200 ids of earlier batches in each. */
function prepareBatches(count: number, startedAt: number): Buffer[] {
  const bodies: Buffer[] = [];
  const fresh = Math.round(batchSize * (1 - duplicateShare));
  let nextId = 0;
  for (let batch = 0; batch < count; batch++) {
    const events = [];
    for (let index = 0; index < fresh; index++) {
      const id = nextId++;
      events.push(eventFor(id, startedAt));
    }
    for (let index = 0; index < batchSize - fresh; index++) {
      // Ids already sent (by this or an earlier batch), as a retrying producer sends them.
      events.push(eventFor(Math.floor(Math.random() * nextId), startedAt));
    }
    bodies.push(Buffer.from(JSON.stringify({ events })));
  }
  return bodies;
}

function eventFor(id: number, startedAt: number) {
  return {
    id: `evt-${id.toString(36)}-bench`,
    customer: `customer-${id % customerCount}`,
    name: "request",
    timestamp: new Date(startedAt - (id % 3_600) * 1_000).toISOString(),
    properties: {
      bytes: (id * 7919) % 50_000,
      region: id % 3 === 0 ? "eu" : "us",
      path: `/v1/items/${id % 97}`,
    },
  };
}

type ApiMeasure = { eventsPerSecond: number; batches: number; waitingBatchesAtEnd: number };

async function measureApi(
  handle: DatabaseHandle,
  options: { copyToClickHouse: boolean } = { copyToClickHouse: false },
): Promise<ApiMeasure> {
  // The shipper of `fairbill serve`'s worker, copying to ClickHouse while batches come in.
  const shipper = options.copyToClickHouse
    ? createEventShipper({ database: handle.database, logger: silentLogger })
    : undefined;
  try {
    const organization = await createOrganization(handle.database, "Benchmark", systemClock);
    const context = systemContext({
      organizationId: organization.id,
      environmentId: organization.environments.test,
      database: handle.database,
      clock: systemClock,
      actorName: "bench",
    });
    const { secret } = await createServiceAccountKey(context, { name: "bench", role: "admin" });
    const app = await buildApplication({ handle, logger: false, rateLimits: false });
    await app.listen({ port: 0, host: "127.0.0.1" });
    const { port } = app.server.address() as AddressInfo;
    const agent = new Agent({ keepAlive: true, maxSockets: clientCount });
    const post = (path: string, body: Buffer) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const outgoing = request(
          {
            host: "127.0.0.1",
            port,
            path,
            method: "POST",
            agent,
            headers: {
              authorization: `Bearer ${secret}`,
              "content-type": "application/json",
              "content-length": body.length,
            },
          },
          (response) => {
            const chunks: Buffer[] = [];
            response.on("data", (chunk: Buffer) => chunks.push(chunk));
            response.on("end", () =>
              resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
            );
          },
        );
        outgoing.on("error", reject);
        outgoing.end(body);
      });
    for (const meter of [
      { code: "requests", aggregation: "count" },
      { code: "bytes", aggregation: "sum", property: "bytes" },
    ]) {
      const created = await post(
        "/v1/meters",
        Buffer.from(
          JSON.stringify({ ...meter, name: meter.code, event_name: "request", group_by: ["region"] }),
        ),
      );
      if (created.status !== 201) throw new Error(`creating a meter failed: ${created.body}`);
    }

    // Enough bodies for a generous rate; the clients stop at the deadline.
    const bodies = prepareBatches(
      Math.ceil(((warmUpSeconds + measureSeconds) * 120_000) / batchSize),
      Date.now(),
    );
    let nextBody = 0;
    let measuring = false;
    let measuredBatches = 0;
    let stop = false;
    const client = async () => {
      while (!stop && nextBody < bodies.length) {
        const body = bodies[nextBody++]!;
        const response = await post("/v1/events/batch", body);
        if (response.status !== 200)
          throw new Error(`batch failed with ${response.status}: ${response.body}`);
        if (measuring) measuredBatches += 1;
      }
    };
    const clients = Array.from({ length: clientCount }, () => client());
    shipper?.start();
    await sleep(warmUpSeconds * 1000);
    measuring = true;
    const started = performance.now();
    await sleep(measureSeconds * 1000);
    const elapsedSeconds = (performance.now() - started) / 1000;
    measuring = false;
    stop = true;
    await Promise.all(clients);
    if (nextBody >= bodies.length)
      throw new Error("the benchmark ran out of prepared batches; raise the estimate");
    agent.destroy();
    await shipper?.stop();
    const waiting = await handle.database
      .selectFrom("events_awaiting_event_store")
      .select((eb) => eb.fn.countAll<number>().as("batches"))
      .executeTakeFirstOrThrow();
    await app.close();
    return {
      eventsPerSecond: (measuredBatches * batchSize) / elapsedSeconds,
      batches: measuredBatches,
      waitingBatchesAtEnd: Number(waiting.batches),
    };
  } finally {
    await shipper?.stop();
  }
}

/** A connection of the limit's: PostgreSQL gives each worker its own, PGlite has one. */
type LimitConnection = {
  query(text: string, parameters?: unknown[]): Promise<unknown>;
  end(): Promise<void>;
};

async function postgresConnection(): Promise<LimitConnection> {
  const connection = new pg.Client({ connectionString: databaseUrl() });
  await connection.connect();
  return connection;
}

/** The same rows, inserted and rolled up by the server itself, from as many connections as it has. */
async function measureServerSideLimit(
  connect: () => Promise<LimitConnection>,
  workerCount: number,
): Promise<{ eventsPerSecond: number; batches: number }> {
  const setup = await connect();
  // The events table's shape: its id table (the exact dedup) and a table partitioned by month like it,
  // with the same indexes, a partition for the months the rows fall in and a default one.
  await setup.query("create table limit_event_ids (like event_ids including all)");
  await setup.query(
    "create table limit_events (like events including defaults) partition by range (occurred_at)",
  );
  await setup.query("alter table limit_events add primary key (environment_id, id, occurred_at)");
  await setup.query("create index on limit_events (environment_id, customer_external_id, occurred_at)");
  await setup.query("create index on limit_events using brin (occurred_at) with (autosummarize = on)");
  await setup.query("create table limit_events_default partition of limit_events default");
  for (const offset of [-1, 0, 1]) {
    const now = new Date();
    const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
    const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset + 1, 1));
    await setup.query(
      `create table limit_events_${offset + 1} partition of limit_events for values from ('${start.toISOString()}') to ('${end.toISOString()}')`,
    );
  }
  await setup.query("create table limit_rollups (like usage_rollups including all) with (fillfactor = 70)");
  await setup.end();
  const fresh = Math.round(batchSize * (1 - duplicateShare));
  let nextId = 0;
  let measuring = false;
  let measuredBatches = 0;
  let stop = false;
  const startedAt = Date.now();
  const worker = async () => {
    const connection = await connect();
    try {
      while (!stop) {
        const first = nextId;
        nextId += fresh;
        // 800 new ids, then 200 ids chosen among those inserted before (or just now).
        await connection.query("begin");
        await connection.query(
          `with source as (
             select g as n from generate_series($1::bigint, $2::bigint) as g
             union all
             select floor(random() * greatest($2::bigint, 1))::bigint from generate_series(1, $3::int)
           ),
           new_ids as (
             insert into limit_event_ids (environment_id, id, occurred_at)
             select 'env_bench', 'evt-' || n || '-bench', to_timestamp($4::double precision - (n % 3600))
             from source
             order by 2
             on conflict (environment_id, id) do nothing
             returning id
           ),
           inserted as (
             insert into limit_events (environment_id, organization_id, received_at, id, customer_external_id,
               name, occurred_at, properties)
             select 'env_bench', 'org_bench', now(), new_ids.id, 'customer-' || (n % ${customerCount}),
               'request', to_timestamp($4::double precision - (n % 3600)),
               jsonb_build_object('bytes', (n * 7919) % 50000, 'region', case when n % 3 = 0 then 'eu' else 'us' end,
                 'path', '/v1/items/' || (n % 97))
             from new_ids join (select distinct n from source) as fresh on new_ids.id = 'evt-' || fresh.n || '-bench'
             returning customer_external_id, occurred_at, properties
           ),
           contributions as (
             select 'mtr_requests' as meter_id, customer_external_id, date_trunc('hour', occurred_at) as hour_start,
               jsonb_build_object('region', 's' || (properties ->> 'region'))::text as dimension_key,
               count(*) as event_count, null::numeric as value_sum
             from inserted group by 2, 3, 4
             union all
             select 'mtr_bytes', customer_external_id, date_trunc('hour', occurred_at),
               jsonb_build_object('region', 's' || (properties ->> 'region'))::text,
               count(*), sum((properties ->> 'bytes')::numeric)
             from inserted group by 2, 3, 4
           )
           insert into limit_rollups (environment_id, organization_id, meter_id, customer_external_id, hour_start,
             meter_version, dimension_key, event_count, value_sum)
           select 'env_bench', 'org_bench', meter_id, customer_external_id, hour_start, 1, dimension_key,
             event_count, value_sum
           from contributions order by 3, 4, 5, 7
           on conflict (environment_id, meter_id, customer_external_id, hour_start, meter_version, dimension_key)
           do update set event_count = limit_rollups.event_count + excluded.event_count,
             value_sum = limit_rollups.value_sum + excluded.value_sum`,
          [first, first + fresh - 1, batchSize - fresh, startedAt / 1000],
        );
        await connection.query("commit");
        if (measuring) measuredBatches += 1;
        // PGlite answers in this process: let the timers that end the measure run.
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      await connection.end();
    }
  };
  const workers = Array.from({ length: workerCount }, () => worker());
  await sleep(warmUpSeconds * 1000);
  measuring = true;
  const started = performance.now();
  await sleep(measureSeconds * 1000);
  const elapsedSeconds = (performance.now() - started) / 1000;
  measuring = false;
  stop = true;
  await Promise.all(workers);
  return { eventsPerSecond: (measuredBatches * batchSize) / elapsedSeconds, batches: measuredBatches };
}

function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

/** A fresh migrated database of the kind, and how to measure its limit; removed by `remove`. */
async function openBenchDatabase(kind: string): Promise<{
  open: (clickhouse?: string) => Promise<DatabaseHandle>;
  limit: (handle: DatabaseHandle) => Promise<{ eventsPerSecond: number; batches: number }>;
  remove: () => Promise<void>;
}> {
  if (kind === "pglite") {
    const folder = mkdtempSync(join(tmpdir(), "fairbill-bench-ingest-"));
    return {
      open: () => openMigratedDatabase({ kind: "pglite", dataDirectory: folder }),
      // PGlite has one connection: the limit's batches run one after another on it, as the API's do.
      limit: (handle) =>
        handle.withRawConnection((raw) =>
          measureServerSideLimit(
            async () => ({ query: (text, parameters) => raw.query(text, parameters), end: async () => {} }),
            1,
          ),
        ),
      remove: async () => rmSync(folder, { recursive: true, force: true }),
    };
  }
  await onServer(serverUrl, `create database ${databaseName}`);
  return {
    open: async (clickhouse) => {
      const handle = await openMigratedDatabase({
        kind: "postgres",
        connectionString: databaseUrl(),
        maximumConnections: 20,
      });
      return clickhouse === undefined ? handle : connectEventStore(handle, clickhouse);
    },
    limit: () => measureServerSideLimit(postgresConnection, clientCount),
    remove: async () => {
      await onServer(serverUrl, `drop database if exists ${databaseName} with (force)`);
    },
  };
}

const format = (eventsPerSecond: number) => Math.round(eventsPerSecond).toLocaleString("en-US");
const results: Record<string, unknown> = {};
process.stdout.write(
  `Ingestion benchmark: ${clientCount} clients, batches of ${batchSize} events (${duplicateShare * 100}% repeated ids), ` +
    `${measureSeconds} s each after ${warmUpSeconds} s of warm-up; ${databases.join(", ")}${clickhouseUrl === undefined ? "" : ", and PostgreSQL with ClickHouse"}\n`,
);
for (const kind of databases) {
  const bench = await openBenchDatabase(kind);
  try {
    let handle = await bench.open();
    const api = await measureApi(handle);
    process.stdout.write(
      `  ${kind}: through the API (POST /v1/events/batch):      ${format(api.eventsPerSecond)} events/s (${api.batches} batches)\n`,
    );
    let limit: { eventsPerSecond: number; batches: number };
    try {
      limit = await bench.limit(handle);
    } finally {
      await handle.close();
    }
    process.stdout.write(
      `  ${kind}: server-side INSERT … SELECT + rollup upsert: ${format(limit.eventsPerSecond)} events/s (${limit.batches} batches)\n`,
    );
    const ratio = api.eventsPerSecond / limit.eventsPerSecond;
    process.stdout.write(`  ${kind}: ratio API / limit: ${ratio.toFixed(2)}\n`);
    results[kind] = {
      api_events_per_second: Math.round(api.eventsPerSecond),
      limit_events_per_second: Math.round(limit.eventsPerSecond),
      ratio: Number(ratio.toFixed(3)),
    };
    if (kind === "postgres" && clickhouseUrl !== undefined) {
      handle = await bench.open(clickhouseUrl);
      try {
        const withClickHouse = await measureApi(handle, { copyToClickHouse: true });
        const ratioWithClickHouse = withClickHouse.eventsPerSecond / limit.eventsPerSecond;
        process.stdout.write(
          `  postgres + ClickHouse: through the API, every event also copied: ${format(withClickHouse.eventsPerSecond)} events/s ` +
            `(${withClickHouse.batches} batches; ratio to the PostgreSQL limit ${ratioWithClickHouse.toFixed(2)}; ` +
            `${withClickHouse.waitingBatchesAtEnd} batches still waiting to be copied at the end)\n`,
        );
        results.postgres_with_clickhouse = {
          api_events_per_second: Math.round(withClickHouse.eventsPerSecond),
          ratio_to_postgres_limit: Number(ratioWithClickHouse.toFixed(3)),
          batches_waiting_at_end: withClickHouse.waitingBatchesAtEnd,
        };
      } finally {
        await handle.close();
      }
    }
  } finally {
    await bench.remove();
  }
}
process.stdout.write(
  `${JSON.stringify({
    benchmark: "ingest",
    clients: clientCount,
    batch_size: batchSize,
    duplicate_share: duplicateShare,
    seconds: measureSeconds,
    ...results,
  })}\n`,
);
