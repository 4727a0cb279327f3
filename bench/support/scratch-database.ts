// What the PostgreSQL benchmarks share: the server they run on (DATABASE_URL),
// a scratch database with a random name that each benchmark creates and drops,
// statements run on a connection of their own, and latency percentiles.
import { randomBytes } from "node:crypto";
import pg from "pg";

export const serverUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** This process's scratch database; create it with `create database`, drop it when done. */
export const databaseName = `fairbill_bench_${randomBytes(5).toString("hex")}`;

export function databaseUrl(): string {
  const url = new URL(serverUrl);
  url.pathname = `/${databaseName}`;
  return url.toString();
}

/** Runs one statement on a connection opened and closed for it. */
export async function onServer(connectionString: string, statement: string, parameters: unknown[] = []) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await client.query(statement, parameters);
  } finally {
    await client.end();
  }
}

export function percentile(sorted: number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] ?? Number.NaN;
}

/** p50 and p99 of `count` runs, after 10 runs to warm up. */
export async function timeQueries(
  run: () => Promise<void>,
  count: number,
): Promise<{ p50: number; p99: number }> {
  for (let warmUp = 0; warmUp < 10; warmUp++) await run();
  const durations: number[] = [];
  for (let index = 0; index < count; index++) {
    const started = performance.now();
    await run();
    durations.push(performance.now() - started);
  }
  durations.sort((left, right) => left - right);
  return { p50: percentile(durations, 0.5), p99: percentile(durations, 0.99) };
}

/**
 * Copies one customer and its subscription `copies` times in two statements
 * (ids `cus_BENCH…`/`sub_BENCH…`, external ids `bench-1…`): the rows the API
 * would write for each, in seconds instead of minutes.
 */
export async function cloneSubscribedCustomer(
  templateCustomerId: string,
  templateSubscriptionId: string,
  copies: number,
): Promise<void> {
  await onServer(
    databaseUrl(),
    `insert into customers
     select (jsonb_populate_record(null::customers, to_jsonb(c) || jsonb_build_object(
       'id', 'cus_BENCH' || lpad(g::text, 17, '0'), 'external_id', 'bench-' || g))).*
     from customers c, generate_series(1, $2::integer) g where c.id = $1`,
    [templateCustomerId, copies],
  );
  await onServer(
    databaseUrl(),
    `insert into subscriptions
     select (jsonb_populate_record(null::subscriptions, to_jsonb(s) || jsonb_build_object(
       'id', 'sub_BENCH' || lpad(g::text, 17, '0'), 'customer_id', 'cus_BENCH' || lpad(g::text, 17, '0')))).*
     from subscriptions s, generate_series(1, $2::integer) g where s.id = $1`,
    [templateSubscriptionId, copies],
  );
}
