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
