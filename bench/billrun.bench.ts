// Benchmark of the bill run: 10,000 customers (or the size given), each with a monthly
// subscription (a fixed fee in advance and a per-unit usage charge) and usage
// in its first month, on a real PostgreSQL server, in a fresh database that is
// created and dropped. It is set up through the API, as a user would: meter,
// plan, a customer and its subscription (copied row for row to the others),
// events (with the test clock set to January 2031). A first, unmeasured run
// issues the invoices of January 1st;
// the measured run is the monthly one of February 1st: one invoice per
// subscription, with the month's usage and the next month's fee.
//
// The baseline is what the same machine takes just to read the rows that run
// needs, in the same process: the due subscriptions with their customers and
// plan versions, and the month's usage rollups of every customer (one query
// each, every row read into memory). A second figure reads the same rows the
// way a per-customer run must: a few point queries per customer.
//
// Memory: the process's resident set is sampled through the measured run
// (its peak) and the heap in use at each tenth of the run's progress, which
// stays flat when each chunk of customers leaves nothing behind. CPU: this
// process's own time through the run (user and system), which says how much
// of the run is the engine's and the driver's work rather than PostgreSQL's.
//
// usage: npm run bench:billrun [-- SIZE]   (or BENCH_SUBSCRIPTIONS=SIZE; default 10000;
//        DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres;
//        BENCH_CONCURRENCY, chunks billed side by side, default 2)
// The last line printed is one JSON object with the figures and the load average.
import { loadavg } from "node:os";
import pg from "pg";
import { buildApplication, openMigratedDatabase } from "../src/app.ts";
import { runBillRun } from "../src/billing-runs/index.ts";
import { createOrganization, frozenClock } from "../src/organizations/index.ts";
import { createServiceAccountKey } from "../src/people/index.ts";
import { systemClock } from "../src/platform/clock.ts";
import { systemContext } from "../src/platform/context.ts";
import {
  cloneSubscribedCustomer,
  databaseName,
  databaseUrl,
  onServer,
  serverUrl,
} from "./support/scratch-database.ts";

const subscriptionCount = Number(process.argv[2] ?? process.env.BENCH_SUBSCRIPTIONS ?? 10_000);
if (!Number.isInteger(subscriptionCount) || subscriptionCount < 1) {
  throw new Error(`The size must be a whole number of subscriptions, not "${process.argv[2]}".`);
}
// Chunks of customers billed side by side: one computes while another waits on the database.
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 2);
// Reading the rows customer by customer takes minutes past this size; only the bulk baseline is read then.
const pointReadLimit = 20_000;
const megabytes = (bytes: number) => Math.round(bytes / 1_048_576);
const loadAverage = () => loadavg().map((value) => Number(value.toFixed(2)));
const loadAtStart = loadAverage();
const start = "2031-01-01T00:00:00.000Z";
const firstRunAt = new Date("2031-01-01T01:00:00.000Z");
const monthlyRunAt = new Date("2031-02-01T01:00:00.000Z");
// The subscriptions' period boundary the monthly run bills.
const monthlyIssueInstant = "2031-02-01T00:00:00.000Z";

/** Runs `work` for 0..count-1, `width` at a time. */
async function inParallel(
  count: number,
  width: number,
  work: (index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    for (let index = next++; index < count; index = next++) await work(index);
  };
  await Promise.all(Array.from({ length: width }, lane));
}

function median(values: number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

const seconds = (milliseconds: number) => `${(milliseconds / 1000).toFixed(2)} s`;

await onServer(serverUrl, `create database ${databaseName}`);
try {
  const handle = await openMigratedDatabase({ kind: "postgres", connectionString: databaseUrl() });
  try {
    const organization = await createOrganization(handle.database, "Benchmark", systemClock);
    const scope = { organizationId: organization.id, environmentId: organization.environments.test };
    const { secret } = await createServiceAccountKey(
      systemContext({ ...scope, database: handle.database, clock: systemClock, actorName: "bench" }),
      {
        name: "bench",
        role: "admin",
      },
    );
    const app = await buildApplication({ handle, logger: false, rateLimits: false });
    const call = async (method: "POST", url: string, payload: unknown) => {
      const response = await app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${secret}` },
        payload: payload as object,
      });
      if (response.statusCode >= 300)
        throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
      return response.json() as Record<string, unknown>;
    };

    process.stdout.write(
      `Bill run benchmark: ${subscriptionCount.toLocaleString("en-US")} subscriptions with usage\n`,
    );
    const setUpStarted = performance.now();
    await call("POST", "/v1/test-clock", { frozen_at: start });
    await call("POST", "/v1/meters", {
      code: "calls",
      name: "Calls",
      event_name: "call",
      aggregation: "count",
    });
    const plan = await call("POST", "/v1/plans", {
      code: "monthly",
      name: "Monthly",
      version: {
        currency: "USD",
        interval: "month",
        charges: [
          { id: "base", type: "fixed", amount: "29.00" },
          { id: "calls", type: "usage", meter: "calls", model: "per_unit", unit_price: "0.05" },
        ],
      },
    });
    await call("POST", `/v1/plans/${plan.id}/versions/1/publish`, {});
    // One customer and subscription through the API; the others are copies of
    // those rows (every column, with their own ids), which is what the API
    // would write for each and takes seconds instead of minutes.
    const template = await call("POST", "/v1/customers", {
      external_id: "bench-0",
      currency: "USD",
      timezone: "UTC",
    });
    const templateSubscription = await call("POST", "/v1/subscriptions", {
      customer_id: template.id,
      plan_id: plan.id,
      start_at: start,
    });
    await cloneSubscribedCustomer(
      String(template.id),
      String(templateSubscription.id),
      subscriptionCount - 1,
    );
    // What autovacuum does after a bulk load (this machine's PostgreSQL runs without it): statistics.
    // Without them the planner takes the copied tables for near empty, and at 100,000 subscriptions
    // the first run marked each chunk's subscriptions billed by scanning every one (6 s a chunk).
    await onServer(databaseUrl(), "analyze customers, subscriptions");
    const subscribedAt = performance.now();
    process.stdout.write(`  customers and subscriptions: ${seconds(subscribedAt - setUpStarted)}\n`);
    const context = systemContext({
      ...scope,
      database: handle.database,
      clock: systemClock,
      actorName: "bench",
    });
    const firstRun = await runBillRun(
      { ...context, clock: frozenClock(firstRunAt) },
      { at: firstRunAt, trigger: "cli", concurrency },
    );
    process.stdout.write(`  first run: ${seconds(performance.now() - subscribedAt)}\n`);
    await call("POST", "/v1/test-clock", { frozen_at: "2031-01-25T00:00:00Z" });
    const batchSize = 1000;
    const eventsOf = (index: number) => (index % 5) + 1;
    const events = Array.from({ length: subscriptionCount }, (_, index) =>
      Array.from({ length: eventsOf(index) }, (_, event) => ({
        id: `bench-${index}-${event}`,
        customer: `bench-${index}`,
        name: "call",
        timestamp: `2031-01-${String((event % 20) + 2).padStart(2, "0")}T12:00:00Z`,
      })),
    ).flat();
    await inParallel(Math.ceil(events.length / batchSize), 2, async (batch) => {
      await call("POST", "/v1/events/batch", {
        events: events.slice(batch * batchSize, (batch + 1) * batchSize),
      });
    });
    await call("POST", "/v1/test-clock", { frozen_at: monthlyRunAt.toISOString() });
    await onServer(databaseUrl(), "vacuum analyze");
    process.stdout.write(
      `  set up in ${seconds(performance.now() - setUpStarted)} ` +
        `(${events.length.toLocaleString("en-US")} events; first run: ${firstRun.invoicesIssued.toLocaleString("en-US")} invoices)\n`,
    );

    // The baseline, before the run moves the subscriptions' next billing instants.
    const reader = new pg.Client({ connectionString: databaseUrl() });
    await reader.connect();
    const readParameters = [scope.environmentId, monthlyRunAt.toISOString(), start];
    const bulkRead = async () => {
      const due = await reader.query(
        `select s.*, to_jsonb(c) as customer, to_jsonb(v) as version
         from subscriptions s join customers c on c.id = s.customer_id join plan_versions v on v.id = s.plan_version_id
         where s.environment_id = $1 and s.next_billing_at <= $2`,
        readParameters.slice(0, 2),
      );
      const usage = await reader.query(
        `select * from usage_rollups where environment_id = $1 and hour_start >= $3 and hour_start < $2`,
        readParameters,
      );
      return due.rows.length + usage.rows.length;
    };
    const bulkTimes: number[] = [];
    let rowsRead = 0;
    for (let repeat = 0; repeat < 5; repeat++) {
      const started = performance.now();
      rowsRead = await bulkRead();
      bulkTimes.push(performance.now() - started);
    }
    const bulkReadMilliseconds = median(bulkTimes);
    let pointReadMilliseconds: number | null = null;
    if (subscriptionCount <= pointReadLimit) {
      const dueCustomers = await reader.query(
        "select distinct customer_id, c.external_id from subscriptions s join customers c on c.id = s.customer_id where s.environment_id = $1 and s.next_billing_at <= $2",
        readParameters.slice(0, 2),
      );
      const pointReadStarted = performance.now();
      for (const { customer_id: customerId, external_id: externalId } of dueCustomers.rows) {
        await reader.query("select * from customers where id = $1", [customerId]);
        const subscriptions = await reader.query(
          "select * from subscriptions where environment_id = $1 and customer_id = $2",
          [scope.environmentId, customerId],
        );
        for (const subscription of subscriptions.rows) {
          await reader.query("select * from plan_versions where id = $1", [subscription.plan_version_id]);
        }
        await reader.query(
          "select * from usage_rollups where environment_id = $1 and customer_external_id = $2 and hour_start >= $3 and hour_start < $4",
          [scope.environmentId, externalId, start, monthlyRunAt.toISOString()],
        );
      }
      pointReadMilliseconds = performance.now() - pointReadStarted;
    }
    await reader.end();

    const heapAtTenths: number[] = [];
    let peakRss = process.memoryUsage().rss;
    const rssSampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 100);
    const rssBefore = process.memoryUsage().rss;
    const cpuBefore = process.cpuUsage();
    const runStarted = performance.now();
    const run = await runBillRun(
      { ...context, clock: frozenClock(monthlyRunAt) },
      {
        at: monthlyRunAt,
        trigger: "cli",
        concurrency,
        onProgress: (progress) => {
          const tenth = Math.floor((progress.customersDone * 10) / progress.customersTotal);
          if (tenth > heapAtTenths.length) heapAtTenths.push(megabytes(process.memoryUsage().heapUsed));
        },
      },
    );
    const runMilliseconds = performance.now() - runStarted;
    const cpu = process.cpuUsage(cpuBefore);
    const nodeCpuSeconds = (cpu.user + cpu.system) / 1_000_000;
    clearInterval(rssSampler);
    await app.close();
    if (run.status !== "completed" || run.errors > 0 || run.invoicesIssued !== subscriptionCount) {
      throw new Error(
        `the run ended ${run.status} with ${run.errors} errors and ${run.invoicesIssued} invoices`,
      );
    }
    const check = await onServer(
      databaseUrl(),
      `select count(*)::int as invoices, count(distinct number)::int as numbers from invoices where issued_at = '${monthlyIssueInstant}' and status = 'open'`,
    );
    if (check.rows[0].invoices !== subscriptionCount || check.rows[0].numbers !== subscriptionCount) {
      throw new Error(
        `expected ${subscriptionCount} finalized, numbered invoices, found ${JSON.stringify(check.rows[0])}`,
      );
    }

    const invoicesPerSecond = run.invoicesIssued / (runMilliseconds / 1000);
    const ratio = runMilliseconds / bulkReadMilliseconds;
    const pointRatio = pointReadMilliseconds === null ? null : runMilliseconds / pointReadMilliseconds;
    const loadAtEnd = loadAverage();
    process.stdout.write(
      `  bill run (chunks of customers, ${concurrency} at a time): ${run.invoicesIssued.toLocaleString("en-US")} invoices in ${seconds(runMilliseconds)}, ` +
        `${Math.round(invoicesPerSecond).toLocaleString("en-US")} invoices/s (target: 2,000/s on a quiet machine)\n`,
    );
    process.stdout.write(
      `  baseline, reading the rows it needs in two queries (${rowsRead.toLocaleString("en-US")} rows): ${seconds(bulkReadMilliseconds)}; ratio ${ratio.toFixed(1)} (target: within 20)\n`,
    );
    process.stdout.write(
      pointReadMilliseconds === null || pointRatio === null
        ? `  the same rows read customer by customer: not measured above ${pointReadLimit.toLocaleString("en-US")} subscriptions\n`
        : `  the same rows read customer by customer (point queries, one connection): ${seconds(pointReadMilliseconds)}; ratio ${pointRatio.toFixed(3)}\n`,
    );
    process.stdout.write(
      `  this process's CPU during the run (the engine, the queries' building and parsing; PostgreSQL's own work is not in it): ${nodeCpuSeconds.toFixed(2)} s, ${((nodeCpuSeconds * 1000) / run.invoicesIssued).toFixed(2)} ms an invoice\n`,
    );
    process.stdout.write(
      `  memory: resident ${megabytes(rssBefore)} MB before the run, ${megabytes(peakRss)} MB at its peak; ` +
        `heap in use at each tenth of the run: ${heapAtTenths.join(", ")} MB\n`,
    );
    process.stdout.write(
      `  load average (1, 5, 15 min): ${loadAtStart.join(", ")} at the start, ${loadAtEnd.join(", ")} at the end\n`,
    );
    process.stdout.write(
      `${JSON.stringify({
        benchmark: "billrun",
        subscriptions: subscriptionCount,
        invoices: run.invoicesIssued,
        concurrency,
        run_seconds: Number((runMilliseconds / 1000).toFixed(2)),
        node_cpu_seconds: Number(nodeCpuSeconds.toFixed(2)),
        invoices_per_second: Math.round(invoicesPerSecond),
        baseline_read_seconds: Number((bulkReadMilliseconds / 1000).toFixed(3)),
        ratio_to_baseline: Number(ratio.toFixed(1)),
        point_read_seconds:
          pointReadMilliseconds === null ? null : Number((pointReadMilliseconds / 1000).toFixed(2)),
        ratio_to_point_reads: pointRatio === null ? null : Number(pointRatio.toFixed(3)),
        rss_before_mb: megabytes(rssBefore),
        rss_peak_mb: megabytes(peakRss),
        heap_mb_at_tenths: heapAtTenths,
        load_average_start: loadAtStart,
        load_average_end: loadAtEnd,
      })}\n`,
    );
  } finally {
    await handle.close();
  }
} finally {
  await onServer(serverUrl, `drop database if exists ${databaseName} with (force)`);
}
