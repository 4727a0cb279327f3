// Benchmark of a backtest: 10,000 customers on a monthly plan (a fixed fee in
// advance and a per-unit usage charge), billed for three months on a real
// PostgreSQL server in a fresh database that is created and dropped, then a
// draft with every price 20% higher priced against those three months of
// invoices. Set up through the API as a user would (meter, plan, one customer
// and its subscription, copied row for row to the others; events per month on
// the test clock), billed by the bill run.
//
// The baseline is the bill run's own work for the same customers in the same
// process: the three monthly runs (February 1st, March 1st, April 1st) that
// issued the invoices the backtest compares. The ratio is the backtest's time
// over theirs; the target is the backtest under 60 s.
//
// usage: npm run bench:backtest   (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres;
//        BENCH_CUSTOMERS, default 10000)
import { loadavg } from "node:os";
import { buildApplication, openMigratedDatabase } from "../src/app.ts";
import { requestBacktest, runBacktest } from "../src/backtests/index.ts";
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

const customerCount = Number(process.env.BENCH_CUSTOMERS ?? 10_000);
const concurrency = 4;
const start = "2031-01-01T00:00:00.000Z";
const months = ["2031-01", "2031-02", "2031-03"];
const monthlyRuns = ["2031-02-01T01:00:00.000Z", "2031-03-01T01:00:00.000Z", "2031-04-01T01:00:00.000Z"];

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

const seconds = (milliseconds: number) => `${(milliseconds / 1000).toFixed(2)} s`;

await onServer(serverUrl, `create database ${databaseName}`);
try {
  const handle = await openMigratedDatabase({ kind: "postgres", connectionString: databaseUrl() });
  try {
    const organization = await createOrganization(handle.database, "Benchmark", systemClock);
    const scope = { organizationId: organization.id, environmentId: organization.environments.test };
    const context = systemContext({
      ...scope,
      database: handle.database,
      clock: systemClock,
      actorName: "bench",
    });
    const { secret } = await createServiceAccountKey(context, { name: "bench", role: "admin" });
    const app = await buildApplication({ handle, logger: false, rateLimits: false });
    const call = async (url: string, payload: unknown) => {
      const response = await app.inject({
        method: "POST",
        url,
        headers: { authorization: `Bearer ${secret}` },
        payload: payload as object,
      });
      if (response.statusCode >= 300) throw new Error(`POST ${url}: ${response.statusCode} ${response.body}`);
      return response.json() as Record<string, unknown>;
    };

    process.stdout.write(
      `Backtest benchmark: ${customerCount.toLocaleString("en-US")} customers × ${months.length} months of stored usage\n`,
    );
    const setUpStarted = performance.now();
    await call("/v1/test-clock", { frozen_at: start });
    await call("/v1/meters", { code: "calls", name: "Calls", event_name: "call", aggregation: "count" });
    const plan = await call("/v1/plans", {
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
    await call(`/v1/plans/${plan.id}/versions/1/publish`, {});
    const draft = await call(`/v1/plans/${plan.id}/versions`, {
      charges: [
        { id: "base", type: "fixed", amount: "34.80" },
        { id: "calls", type: "usage", meter: "calls", model: "per_unit", unit_price: "0.06" },
      ],
    });
    const template = await call("/v1/customers", {
      external_id: "bench-0",
      currency: "USD",
      timezone: "UTC",
    });
    const templateSubscription = await call("/v1/subscriptions", {
      customer_id: template.id,
      plan_id: plan.id,
      start_at: start,
    });
    await cloneSubscribedCustomer(String(template.id), String(templateSubscription.id), customerCount - 1);
    const firstRunAt = new Date("2031-01-01T01:00:00.000Z");
    await runBillRun(
      { ...context, clock: frozenClock(firstRunAt) },
      { at: firstRunAt, trigger: "cli", concurrency },
    );

    const billRunMilliseconds: number[] = [];
    let invoicesIssued = 0;
    for (const [index, month] of months.entries()) {
      await call("/v1/test-clock", { frozen_at: `${month}-25T00:00:00Z` });
      const events = Array.from({ length: customerCount }, (_, customer) =>
        Array.from({ length: ((customer + index) % 5) + 1 }, (_, event) => ({
          id: `bench-${month}-${customer}-${event}`,
          customer: `bench-${customer}`,
          name: "call",
          timestamp: `${month}-${String((event % 20) + 2).padStart(2, "0")}T12:00:00Z`,
        })),
      ).flat();
      await inParallel(Math.ceil(events.length / 1000), 2, async (batch) => {
        await call("/v1/events/batch", { events: events.slice(batch * 1000, (batch + 1) * 1000) });
      });
      const at = new Date(monthlyRuns[index] as string);
      await call("/v1/test-clock", { frozen_at: at.toISOString() });
      await onServer(databaseUrl(), "vacuum analyze");
      const started = performance.now();
      const run = await runBillRun(
        { ...context, clock: frozenClock(at) },
        { at, trigger: "cli", concurrency },
      );
      billRunMilliseconds.push(performance.now() - started);
      if (run.errors > 0 || run.invoicesIssued !== customerCount)
        throw new Error(
          `the run of ${at.toISOString()} ended with ${run.errors} errors, ${run.invoicesIssued} invoices`,
        );
      invoicesIssued += run.invoicesIssued;
      process.stdout.write(
        `  bill run of ${at.toISOString().slice(0, 10)}: ${seconds(billRunMilliseconds.at(-1) ?? 0)}\n`,
      );
    }
    await app.close();
    process.stdout.write(`  set up and billed in ${seconds(performance.now() - setUpStarted)}\n`);

    const backtestContext = { ...context, clock: frozenClock(new Date(monthlyRuns.at(-1) as string)) };
    const created = await requestBacktest(backtestContext, {
      plan_version_id: draft.id,
      from: "2031-02-01T00:00:00Z",
      to: monthlyRuns.at(-1),
    });
    const backtestStarted = performance.now();
    const backtest = await runBacktest(backtestContext, created.id, { concurrency });
    const backtestMilliseconds = performance.now() - backtestStarted;
    if (backtest.status !== "completed" || backtest.invoices_compared !== customerCount * months.length) {
      throw new Error(
        `the backtest ended ${backtest.status} with ${backtest.invoices_compared} invoices compared`,
      );
    }
    const totals = backtest.summary?.currencies[0];
    const baselineMilliseconds = billRunMilliseconds.reduce((sum, value) => sum + value, 0);
    const ratio = backtestMilliseconds / baselineMilliseconds;
    const [load1, load5] = loadavg();
    process.stdout.write(
      `  backtest (${concurrency} batches at a time): ${backtest.invoices_compared.toLocaleString("en-US")} invoices of ` +
        `${backtest.customers_total.toLocaleString("en-US")} customers in ${seconds(backtestMilliseconds)} (target: under 60 s); ` +
        `revenue ${totals?.billed} → ${totals?.would_be} (${totals?.change_percent}%)\n`,
    );
    process.stdout.write(
      `  baseline, the bill runs that issued those invoices: ${seconds(baselineMilliseconds)}; ratio ${ratio.toFixed(2)}\n`,
    );
    process.stdout.write(
      `${JSON.stringify({
        benchmark: "backtest",
        customers: customerCount,
        months: months.length,
        invoices_compared: backtest.invoices_compared,
        concurrency,
        backtest_seconds: Number((backtestMilliseconds / 1000).toFixed(2)),
        invoices_per_second: Math.round(backtest.invoices_compared / (backtestMilliseconds / 1000)),
        baseline_bill_run_seconds: Number((baselineMilliseconds / 1000).toFixed(2)),
        baseline_invoices: invoicesIssued,
        ratio_to_baseline: Number(ratio.toFixed(2)),
        load_average_1m: Number((load1 ?? 0).toFixed(2)),
        load_average_5m: Number((load5 ?? 0).toFixed(2)),
      })}\n`,
    );
  } finally {
    await handle.close();
  }
} finally {
  await onServer(serverUrl, `drop database if exists ${databaseName} with (force)`);
}
