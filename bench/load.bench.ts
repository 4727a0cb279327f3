// A load test: a fixed-rate mix of what a product sends and asks, against
// `fairbill serve` processes on a real PostgreSQL (a fresh database, created
// and dropped), driven by autocannon. Each round of four requests is one
// POST /v1/events/batch of 100 new events, one GET /v1/usage (month to date),
// one GET /v1/customers/{id}/upcoming-invoice and one
// GET /v1/customers/{id}/entitlements, for customers taken in turn from 50
// subscribed ones. The rate is fixed (BENCH_RATE requests a second in all),
// so latencies are those of a server kept at that pace, not of one pushed to
// its limit.
//
// With BENCH_NODES=3, three processes (--role all) share the database and
// each gets a third of the rate from an autocannon of its own; the figures
// are summed (requests, errors, throughput) and the worst node's p50 and p99
// are printed. Not part of `npm test`.
//
// usage: npm run bench:load   (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres;
//        BENCH_SECONDS 60, BENCH_RATE 200, BENCH_NODES 1 or 3, BENCH_CONNECTIONS 8 per node)
import { randomBytes } from "node:crypto";
import { loadavg } from "node:os";
import autocannon from "autocannon";
import { printedAdminKey, type ServeProcess, startServeProcess } from "../test/support/serve-process.ts";
import { databaseName, databaseUrl, onServer, serverUrl } from "./support/scratch-database.ts";

const seconds = Number(process.env.BENCH_SECONDS ?? 60);
const rate = Number(process.env.BENCH_RATE ?? 200);
const nodeCount = Number(process.env.BENCH_NODES ?? 1);
const connectionsPerNode = Number(process.env.BENCH_CONNECTIONS ?? 8);
const customerCount = 50;
const eventsPerBatch = 100;

if (nodeCount !== 1 && nodeCount !== 3) throw new Error("BENCH_NODES must be 1 or 3");

const serverEnvironment = {
  DATABASE_URL: databaseUrl(),
  FAIRBILL_MASTER_KEY: randomBytes(32).toString("base64"),
  FAIRBILL_AUDIT_KEY: randomBytes(32).toString("base64"),
  // The load comes from one address and one key: the limits would answer 429 to most of it.
  RATE_LIMIT_PER_KEY: "9999999",
  RATE_LIMIT_PER_ADDRESS: "9999999",
  LOG_LEVEL: "error",
};

type Call = (method: string, path: string, body?: unknown) => Promise<Record<string, unknown>>;

function caller(url: string, key: string): Call {
  return async (method, path, body) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return JSON.parse(text) as Record<string, unknown>;
  };
}

/** A metered plan with a fixed fee and a feature, and `customerCount` customers subscribed from now. */
async function seed(call: Call): Promise<string[]> {
  await call("POST", "/v1/meters", {
    code: "tokens",
    name: "Tokens",
    event_name: "completion",
    aggregation: "sum",
    property: "tokens",
    effective_from: "2020-01-01T00:00:00Z",
  });
  await call("POST", "/v1/features", { code: "api", name: "API", kind: "metered", meter: "tokens" });
  const plan = await call("POST", "/v1/plans", {
    code: "scale",
    name: "Scale",
    version: {
      currency: "EUR",
      interval: "month",
      charges: [
        { id: "platform", type: "fixed", amount: "99.00", timing: "in_advance" },
        { id: "tokens", type: "usage", meter: "tokens", model: "per_unit", unit_price: "0.00001" },
      ],
    },
  });
  await call("POST", `/v1/plans/${plan.id}/versions/1/publish`, {});
  const customerIds: string[] = [];
  for (let index = 0; index < customerCount; index++) {
    const customer = await call("POST", "/v1/customers", { external_id: `load-${index}`, currency: "EUR" });
    await call("POST", "/v1/subscriptions", {
      customer_id: customer.id,
      plan_id: plan.id,
      billing: "calendar",
    });
    await call("POST", `/v1/customers/${customer.id}/entitlements`, { feature: "api", limit: "1000000000" });
    customerIds.push(customer.id as string);
  }
  return customerIds;
}

type NodeResult = {
  requests: number;
  errors: number;
  non2xx: number;
  p50: number;
  p99: number;
  throughput: number;
};

/** autocannon against one node at `nodeRate` requests a second, cycling through the mix. */
function drive(node: ServeProcess, key: string, customerIds: string[], nodeRate: number, prefix: string) {
  let batch = 0;
  let round = 0;
  const customerOf = () => customerIds[round % customerIds.length] as string;
  const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
  const monthStart = new Date(
    Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1),
  ).toISOString();
  return new Promise<NodeResult>((resolve, reject) => {
    autocannon(
      {
        url: node.url,
        connections: connectionsPerNode,
        overallRate: nodeRate,
        duration: seconds,
        requests: [
          {
            method: "POST",
            path: "/v1/events/batch",
            headers,
            setupRequest: (request) => {
              round += 1;
              const number = batch++;
              const now = Date.now();
              const events = Array.from({ length: eventsPerBatch }, (_, index) => ({
                id: `${prefix}-${number}-${index}`,
                customer: `load-${(number + index) % customerCount}`,
                name: "completion",
                timestamp: new Date(now - index * 1000).toISOString(),
                properties: { tokens: (index % 7) + 1 },
              }));
              return { ...request, body: JSON.stringify({ events }) };
            },
          },
          {
            method: "GET",
            setupRequest: (request) => ({
              ...request,
              path: `/v1/usage?customer=load-${round % customerCount}&meter=tokens&from=${encodeURIComponent(monthStart)}`,
            }),
            headers,
          },
          {
            method: "GET",
            setupRequest: (request) => ({
              ...request,
              path: `/v1/customers/${customerOf()}/upcoming-invoice`,
            }),
            headers,
          },
          {
            method: "GET",
            setupRequest: (request) => ({ ...request, path: `/v1/customers/${customerOf()}/entitlements` }),
            headers,
          },
        ],
      },
      (error, result) => {
        if (error) reject(error);
        else {
          resolve({
            requests: result.requests.total,
            errors: result.errors + result.timeouts,
            non2xx: result.non2xx,
            p50: result.latency.p50,
            p99: result.latency.p99,
            throughput: result.requests.average,
          });
        }
      },
    );
  });
}

await onServer(serverUrl, `create database ${databaseName}`);
const nodes: ServeProcess[] = [];
try {
  // The first node creates the organization and prints its admin key; the others join it.
  nodes.push(await startServeProcess({ environment: serverEnvironment }));
  const key = printedAdminKey(nodes[0] as ServeProcess);
  if (key === undefined) throw new Error(`the first node printed no admin key:\n${nodes[0]?.output()}`);
  for (let index = 1; index < nodeCount; index++) {
    nodes.push(await startServeProcess({ environment: serverEnvironment }));
  }
  const customerIds = await seed(caller((nodes[0] as ServeProcess).url, key));
  process.stdout.write(
    `Load test: ${nodeCount} node(s) of fairbill serve on PostgreSQL, ${rate} requests/s in all for ${seconds} s ` +
      `(a quarter each: batches of ${eventsPerBatch} events, usage, upcoming invoice, entitlements; ${customerCount} customers)\n`,
  );
  const loadBefore = loadavg()[0] ?? Number.NaN;
  const results = await Promise.all(
    nodes.map((node, index) => drive(node, key, customerIds, rate / nodeCount, `load${index}`)),
  );
  const loadAfter = loadavg()[0] ?? Number.NaN;
  const total = {
    requests: results.reduce((sum, result) => sum + result.requests, 0),
    errors: results.reduce((sum, result) => sum + result.errors, 0),
    non2xx: results.reduce((sum, result) => sum + result.non2xx, 0),
    throughput: results.reduce((sum, result) => sum + result.throughput, 0),
    p50: Math.max(...results.map((result) => result.p50)),
    p99: Math.max(...results.map((result) => result.p99)),
  };
  for (const [index, result] of results.entries()) {
    process.stdout.write(
      `  node ${index + 1}: ${result.requests} requests, p50 ${result.p50} ms, p99 ${result.p99} ms, ` +
        `${result.errors} errors, ${result.non2xx} non-2xx, ${result.throughput.toFixed(1)} requests/s\n`,
    );
  }
  process.stdout.write(
    `  all: ${total.requests} requests (${total.throughput.toFixed(1)}/s against ${rate}/s asked), p50 ${total.p50} ms, ` +
      `p99 ${total.p99} ms (worst node), ${total.errors} errors, ${total.non2xx} non-2xx; ` +
      `load average (1 min) before / after: ${loadBefore.toFixed(2)} / ${loadAfter.toFixed(2)}\n`,
  );
  process.stdout.write(
    `${JSON.stringify({
      benchmark: "load",
      nodes: nodeCount,
      seconds,
      rate_asked: rate,
      requests: total.requests,
      throughput_per_second: Number(total.throughput.toFixed(1)),
      p50_ms: total.p50,
      p99_ms: total.p99,
      errors: total.errors,
      non_2xx: total.non2xx,
      load_average: Number(loadAfter.toFixed(2)),
    })}\n`,
  );
} finally {
  for (const node of nodes) await node.stop();
  await onServer(serverUrl, `drop database if exists ${databaseName} with (force)`);
}
