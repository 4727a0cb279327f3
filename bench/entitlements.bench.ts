// Benchmark of GET /v1/customers/{id}/entitlements: what a product asks on
// every gated request, so it must answer in a few milliseconds. On a real
// PostgreSQL server, in a fresh database that is created and dropped, with
// the app listening in this process and called over HTTP.
//
// The customer has 5 boolean features, 1 static feature and 1 metered
// feature with a limit, all granted directly, and 20,000 events this month on
// the metered feature's meter (sent through POST /v1/events/batch, so the
// rollups are the ones ingestion writes): the route reads the grants, the
// features and the month's usage from the rollups.
//
// The baseline is measured in the same run, interleaved request by request
// so that both see the same machine: GET /v1/customers/{id}, the simplest
// authenticated read through the same server (key lookup, one indexed row).
// GET /healthz (no key, no database) is printed as the floor of HTTP itself.
//
// usage: npm run bench:entitlements   (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres)
import type { AddressInfo } from "node:net";
import { loadavg } from "node:os";
import { buildApplication, openMigratedDatabase } from "../src/app.ts";
import { createOrganization } from "../src/organizations/index.ts";
import { createServiceAccountKey } from "../src/people/index.ts";
import { systemClock } from "../src/platform/clock.ts";
import { systemContext } from "../src/platform/context.ts";
import { databaseName, databaseUrl, onServer, percentile, serverUrl } from "./support/scratch-database.ts";

const requestCount = Number(process.env.BENCH_REQUESTS ?? 2_000);
const warmUpCount = 100;
const eventCount = 20_000;
const eventBatchSize = 1_000;
type Figures = { p50: number; p99: number };

function figuresOf(durations: number[]): Figures {
  const sorted = [...durations].sort((left, right) => left - right);
  return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99) };
}

await onServer(serverUrl, `create database ${databaseName}`);
try {
  const handle = await openMigratedDatabase({ kind: "postgres", connectionString: databaseUrl() });
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
    const call = async (method: string, path: string, body?: unknown, authorized = true) => {
      const response = await fetch(`http://127.0.0.1:${port}${path}`, {
        method,
        headers: {
          ...(authorized ? { authorization: `Bearer ${secret}` } : {}),
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
      return JSON.parse(text) as Record<string, unknown>;
    };

    const customer = await call("POST", "/v1/customers", { external_id: "gated", timezone: "Europe/Berlin" });
    await call("POST", "/v1/meters", {
      code: "api-calls",
      name: "API calls",
      event_name: "api_call",
      aggregation: "sum",
      property: "weight",
      effective_from: "2020-01-01T00:00:00Z",
    });
    const grants: { feature: string; value?: unknown; limit?: string }[] = [];
    for (const index of [1, 2, 3, 4, 5]) {
      await call("POST", "/v1/features", { code: `flag-${index}`, name: `Flag ${index}`, kind: "boolean" });
      grants.push({ feature: `flag-${index}` });
    }
    await call("POST", "/v1/features", { code: "seats", name: "Seats", kind: "static" });
    grants.push({ feature: "seats", value: { included: 25 } });
    await call("POST", "/v1/features", { code: "api", name: "API", kind: "metered", meter: "api-calls" });
    grants.push({ feature: "api", limit: "1000000" });
    for (const grant of grants) await call("POST", `/v1/customers/${customer.id}/entitlements`, grant);

    // This month's usage, spread from the first of the month (UTC) to now.
    const now = Date.now();
    const monthStart = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), 1);
    for (let offset = 0; offset < eventCount; offset += eventBatchSize) {
      const events = Array.from({ length: eventBatchSize }, (_, index) => {
        const number = offset + index;
        return {
          id: `call-${number}`,
          customer: "gated",
          name: "api_call",
          timestamp: new Date(
            monthStart + Math.floor(((number + 0.5) / eventCount) * (now - monthStart)),
          ).toISOString(),
          properties: { weight: (number % 5) + 1 },
        };
      });
      await call("POST", "/v1/events/batch", { events });
    }
    const entitlements = (await call("GET", `/v1/customers/${customer.id}/entitlements`)) as {
      data: { feature: string; used: string | null }[];
    };
    const used = entitlements.data.find((entitlement) => entitlement.feature === "api")?.used;
    if (entitlements.data.length !== 7 || used !== String(3 * eventCount)) {
      throw new Error(
        `the route answered ${JSON.stringify(entitlements.data)}; expected 7 entitlements, used ${3 * eventCount}`,
      );
    }

    process.stdout.write(
      `Entitlements benchmark: ${requestCount.toLocaleString("en-US")} requests of each route, interleaved, over HTTP\n`,
    );
    const routes = {
      entitlements: () => call("GET", `/v1/customers/${customer.id}/entitlements`),
      customer: () => call("GET", `/v1/customers/${customer.id}`),
      healthz: () => call("GET", "/healthz", undefined, false),
    };
    const durations: Record<keyof typeof routes, number[]> = { entitlements: [], customer: [], healthz: [] };
    const loadBefore = loadavg()[0] ?? Number.NaN;
    for (let round = 0; round < warmUpCount + requestCount; round++) {
      for (const [name, run] of Object.entries(routes) as [keyof typeof routes, () => Promise<unknown>][]) {
        const started = performance.now();
        await run();
        if (round >= warmUpCount) durations[name].push(performance.now() - started);
      }
    }
    const loadAfter = loadavg()[0] ?? Number.NaN;
    await app.close();

    const gated = figuresOf(durations.entitlements);
    const baseline = figuresOf(durations.customer);
    const floor = figuresOf(durations.healthz);
    const format = (figures: Figures) => `p50 ${figures.p50.toFixed(2)} ms, p99 ${figures.p99.toFixed(2)} ms`;
    process.stdout.write(`  GET /v1/customers/{id}/entitlements:     ${format(gated)}\n`);
    process.stdout.write(`  baseline GET /v1/customers/{id}:         ${format(baseline)}\n`);
    process.stdout.write(`  GET /healthz (no key, no database):      ${format(floor)}\n`);
    process.stdout.write(
      `  ratio entitlements / baseline: p50 ${(gated.p50 / baseline.p50).toFixed(2)}, p99 ${(gated.p99 / baseline.p99).toFixed(2)} (target: p99 < 10 ms)\n`,
    );
    process.stdout.write(
      `  load average (1 min) before / after: ${loadBefore.toFixed(2)} / ${loadAfter.toFixed(2)}\n`,
    );
    process.stdout.write(
      `${JSON.stringify({
        benchmark: "entitlements",
        requests: requestCount,
        events: eventCount,
        entitlements_p50_ms: Number(gated.p50.toFixed(2)),
        entitlements_p99_ms: Number(gated.p99.toFixed(2)),
        baseline_p50_ms: Number(baseline.p50.toFixed(2)),
        baseline_p99_ms: Number(baseline.p99.toFixed(2)),
        healthz_p50_ms: Number(floor.p50.toFixed(2)),
        healthz_p99_ms: Number(floor.p99.toFixed(2)),
        ratio_p50: Number((gated.p50 / baseline.p50).toFixed(2)),
        ratio_p99: Number((gated.p99 / baseline.p99).toFixed(2)),
        load_average: Number(loadAfter.toFixed(2)),
      })}\n`,
    );
  } finally {
    await handle.close();
  }
} finally {
  await onServer(serverUrl, `drop database if exists ${databaseName} with (force)`);
}
