// A request fuzzer over the OpenAPI document (issue 18): every operation, with
// bodies, query parameters and path parameters drawn from its schemas by
// fast-check (valid values, values at and past the schema's bounds, and
// hostile ones: lone surrogates, far dates, huge numbers, deep nesting),
// sent to a test app as an admin. It counts every answer of 5xx and keeps the
// first few, with their request, to reproduce. Seeded: the same seed sends
// the same requests. Ids from successful answers are reused in later paths,
// so requests reach objects that exist.
import fc from "fast-check";
import type { TestApp, TestTenant } from "../support/test-app.ts";

type Schema = Record<string, unknown>;
type Operation = {
  method: string;
  path: string;
  operationId: string;
  pathParameters: string[];
  queryParameters: { name: string; schema: Schema }[];
  body: Schema | undefined;
};

export type FuzzFailure = { method: string; url: string; body: unknown; status: number; answer: string };

export type FuzzReport = {
  requests: number;
  /** 5xx answers that are Fairbill's own faults: there must be none. */
  responses_5xx: number;
  /** 502/503 answers naming a provider the seller configured that could not be reached or failed (see below). */
  upstream_failures: number;
  upstream_failure_samples: FuzzFailure[];
  operations: number;
  by_status: Record<string, number>;
  failures: FuzzFailure[];
};

// The designed answers to an outage of a provider the seller configured (a tax engine, an exchange-rate
// source, a payment provider, an identity provider): the fuzzer sets such providers up with drawn settings,
// and from a test machine without the internet their real addresses cannot be reached. Such an answer is the
// server working as documented (502 or 503, the provider named, "trying again is safe"), not a fault, so it
// is counted apart; any other 5xx is a fault.
const upstreamFailureCodes = new Set([
  "tax_provider_failed",
  "rate_provider_failed",
  "payment_provider_unavailable",
  "sso_provider_unreachable",
]);

function upstreamFailureCode(status: number, body: string): string | undefined {
  if (status !== 502 && status !== 503) return undefined;
  try {
    const code = (JSON.parse(body) as { code?: unknown }).code;
    return typeof code === "string" && upstreamFailureCodes.has(code) ? code : undefined;
  } catch {
    return undefined;
  }
}

const hostileStrings = [
  "",
  " ",
  "\u0000",
  "\ud800",
  "a\udfffb",
  "x".repeat(10_000),
  "0001-01-01T00:00:00Z",
  "9999-12-31T23:59:59Z",
  "1e400",
  "-1",
  "NaN",
  "../../etc/passwd",
  "'; drop table customers; --",
  "=cmd|' /C calc'!A0",
  "🧾",
  "e\u0301",
  "[".repeat(2_000),
];
const hostileNumbers = [0, -1, 1, 1.5, -0.000001, 1e21, -1e21, Number.MAX_SAFE_INTEGER + 2, 2 ** 31, 1e308];
const hostileDates = [
  "0001-01-01T00:00:00Z",
  "1969-12-31T23:59:59Z",
  "1970-01-01T00:00:00Z",
  "2000-02-29T00:00:00Z",
  "2038-01-19T03:14:08Z",
  "9999-12-31T23:59:59Z",
  "2026-13-01T00:00:00Z",
  "2026-06-01T00:00:00+14:00",
];

/** The operations of the document, with their parameters and JSON body schema resolved. */
function operationsOf(document: Schema): Operation[] {
  const paths = (document.paths ?? {}) as Record<string, Record<string, Schema>>;
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      if (!["get", "post", "put", "patch", "delete"].includes(method)) continue;
      const parameters = ((operation.parameters ?? []) as Schema[]).map((parameter) =>
        resolve(document, parameter),
      );
      const body = (
        resolve(document, (operation.requestBody ?? {}) as Schema).content as
          | Record<string, { schema?: Schema }>
          | undefined
      )?.["application/json"]?.schema;
      operations.push({
        method: method.toUpperCase(),
        path,
        operationId: String(operation.operationId ?? `${method} ${path}`),
        pathParameters: parameters.filter((p) => p.in === "path").map((p) => String(p.name)),
        queryParameters: parameters
          .filter((p) => p.in === "query")
          .map((p) => ({ name: String(p.name), schema: (p.schema ?? {}) as Schema })),
        body: body === undefined ? undefined : resolve(document, body),
      });
    }
  }
  return operations;
}

function resolve(document: Schema, schema: Schema): Schema {
  const reference = schema.$ref;
  if (typeof reference !== "string" || !reference.startsWith("#/")) return schema;
  let target: unknown = document;
  for (const part of reference.slice(2).split("/")) target = (target as Schema)?.[part];
  return resolve(document, (target ?? {}) as Schema);
}

/** Ids seen in answers, by their prefix (`cus`, `inv`, …), to put into later paths. */
type IdPool = Map<string, string[]>;

function collectIds(value: unknown, pool: IdPool, depth = 0): void {
  if (depth > 6 || value === null || typeof value !== "object") return;
  if (Array.isArray(value)) {
    for (const item of value.slice(0, 20)) collectIds(item, pool, depth + 1);
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === "string" && (key === "id" || key.endsWith("_id")) && /^[a-z]{2,5}_\w+$/.test(item)) {
      const prefix = item.slice(0, item.indexOf("_"));
      const ids = pool.get(prefix) ?? [];
      if (!ids.includes(item)) ids.push(item);
      if (ids.length > 30) ids.shift();
      pool.set(prefix, ids);
    } else collectIds(item, pool, depth + 1);
  }
}

function arbitraryOf(document: Schema, input: Schema, pool: IdPool, depth: number): fc.Arbitrary<unknown> {
  const schema = resolve(document, input);
  const hostile = fc.constantFrom<unknown>(
    null,
    ...hostileStrings.slice(0, 6),
    ...hostileNumbers.slice(0, 4),
    {},
    [],
  );
  const withHostile = (arbitrary: fc.Arbitrary<unknown>) =>
    fc.oneof({ weight: 12, arbitrary }, { weight: 1, arbitrary: hostile });
  if (depth > 5) return fc.constant(null);
  if ("const" in schema) return withHostile(fc.constant(schema.const));
  if (Array.isArray(schema.enum)) return withHostile(fc.constantFrom(...(schema.enum as unknown[])));
  const alternatives = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (alternatives !== undefined && alternatives.length > 0) {
    return fc.oneof(
      ...alternatives.map((alternative) => arbitraryOf(document, alternative, pool, depth + 1)),
    );
  }
  if (Array.isArray(schema.allOf)) {
    return arbitraryOf(
      document,
      Object.assign({}, ...(schema.allOf as Schema[]).map((s) => resolve(document, s))),
      pool,
      depth,
    );
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  switch (type) {
    case "string":
      return withHostile(stringArbitrary(schema, pool));
    case "integer":
    case "number":
      return withHostile(numberArbitrary(schema, type === "integer"));
    case "boolean":
      return withHostile(fc.boolean());
    case "null":
      return fc.constant(null);
    case "array": {
      const items = arbitraryOf(document, (schema.items ?? {}) as Schema, pool, depth + 1);
      const maxLength = Math.min(Number(schema.maxItems ?? 3), 3);
      return withHostile(
        fc.oneof(
          {
            weight: 8,
            arbitrary: fc.array(items, { maxLength, minLength: Math.min(Number(schema.minItems ?? 0), 3) }),
          },
          { weight: 1, arbitrary: fc.array(items, { minLength: 0, maxLength: 6 }) },
        ),
      );
    }
    default: {
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      const required = new Set((schema.required ?? []) as string[]);
      if (Object.keys(properties).length === 0) {
        return withHostile(
          fc.dictionary(
            fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(...hostileStrings.slice(0, 5))),
            fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.constantFrom(...hostileStrings)),
            { maxKeys: 3 },
          ),
        );
      }
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, property] of Object.entries(properties)) {
        record[name] = arbitraryOf(document, property, pool, depth + 1);
      }
      const requiredKeys = [...required].filter((name) => name in properties);
      return withHostile(
        fc.oneof(
          { weight: 6, arbitrary: fc.record(record, { requiredKeys }) },
          // Required fields left out, and a field the schema does not know.
          { weight: 1, arbitrary: fc.record(record, { requiredKeys: [] }) },
          {
            weight: 1,
            arbitrary: fc.record(record, { requiredKeys }).map((value) => ({ ...value, unknown_field: "x" })),
          },
        ),
      );
    }
  }
}

function stringArbitrary(schema: Schema, pool: IdPool): fc.Arbitrary<unknown> {
  const format = schema.format;
  if (format === "date-time") {
    return fc.oneof(
      {
        weight: 4,
        arbitrary: fc
          .date({ min: new Date("2020-01-01"), max: new Date("2030-12-31"), noInvalidDate: true })
          .map((date) => date.toISOString()),
      },
      { weight: 1, arbitrary: fc.constantFrom(...hostileDates) },
    );
  }
  if (format === "date") {
    return fc.oneof(
      fc
        .date({ min: new Date("2020-01-01"), max: new Date("2030-12-31"), noInvalidDate: true })
        .map((date) => date.toISOString().slice(0, 10)),
      fc.constantFrom("0001-01-01", "9999-12-31", "2026-02-30"),
    );
  }
  const ids = [...pool.values()].flat();
  const minLength = Number(schema.minLength ?? 0);
  const maxLength = Math.min(Number(schema.maxLength ?? 40), 40);
  const examples = (Array.isArray(schema.examples) ? schema.examples : []) as unknown[];
  const decimals = fc.constantFrom(
    "0",
    "0.00",
    "1",
    "10.50",
    "-5",
    "0.0000001",
    "99999999999999999999.99",
    "1e3",
    "1,5",
  );
  return fc.oneof(
    { weight: 4, arbitrary: fc.string({ minLength: Math.min(minLength, maxLength), maxLength }) },
    { weight: 2, arbitrary: decimals },
    { weight: 2, arbitrary: ids.length > 0 ? fc.constantFrom(...ids) : fc.constant("cus_unknown") },
    { weight: 1, arbitrary: examples.length > 0 ? fc.constantFrom(...examples) : fc.constant("x") },
    {
      weight: 1,
      arbitrary: fc.constantFrom("USD", "EUR", "JPY", "usd", "DE", "Europe/Berlin", "month", "day"),
    },
    { weight: 1, arbitrary: fc.constantFrom(...hostileStrings) },
  );
}

function numberArbitrary(schema: Schema, integer: boolean): fc.Arbitrary<unknown> {
  const bounds = [schema.minimum, schema.maximum, schema.exclusiveMinimum, schema.exclusiveMaximum]
    .filter((value): value is number => typeof value === "number")
    .flatMap((value) => [value - 1, value, value + 1]);
  const minimum = typeof schema.minimum === "number" ? schema.minimum : -1000;
  const maximum = typeof schema.maximum === "number" ? Math.min(schema.maximum, minimum + 100_000) : 1000;
  const inRange = integer
    ? fc.integer({
        min: Math.max(minimum, -1e9),
        max: Math.max(Math.max(minimum, -1e9), Math.min(maximum, 1e9)),
      })
    : fc.double({ min: minimum, max: maximum, noNaN: true });
  return fc.oneof(
    { weight: 6, arbitrary: inRange },
    { weight: 2, arbitrary: fc.constantFrom(...hostileNumbers, ...(bounds.length > 0 ? bounds : [0])) },
  );
}

function pathOf(operation: Operation, pool: IdPool, random: () => number): string {
  let path = operation.path;
  for (const name of operation.pathParameters) {
    const ids = [...pool.values()].flat();
    const choice = random();
    const value =
      choice < 0.75 && ids.length > 0
        ? ids[Math.floor(random() * ids.length)]
        : (hostileStrings[Math.floor(random() * hostileStrings.length)] ?? "x").slice(0, 300) || "none";
    path = path.replace(`{${name}}`, encodePathPart(String(value)));
  }
  return path;
}

// A lone surrogate has no UTF-8 form: it goes as the bytes a careless client sends for it.
function encodePathPart(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return value
      .split(/([\ud800-\udfff])/)
      .map((part) => (/^[\ud800-\udfff]$/.test(part) ? "%ED%A0%80" : encodeURIComponent(part)))
      .join("");
  }
}

function queryOf(document: Schema, operation: Operation, pool: IdPool, seed: number): string {
  const search = new URLSearchParams();
  for (const parameter of operation.queryParameters) {
    const [include, value] = fc.sample(
      fc.tuple(fc.boolean(), arbitraryOf(document, parameter.schema, pool, 3)),
      { seed: seed ^ hash(parameter.name), numRuns: 1 },
    )[0] ?? [false, null];
    if (!include || value === null || typeof value === "object") continue;
    search.set(parameter.name, String(value).slice(0, 2000));
  }
  const text = search.toString();
  return text === "" ? "" : `?${text}`;
}

function hash(text: string): number {
  let value = 0;
  for (const character of text) value = (Math.imul(value, 31) + (character.codePointAt(0) ?? 0)) | 0;
  return value;
}

/** A small deterministic random source (mulberry32). */
function randomFrom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Operations that sign the caller out or take its key away would end the run early.
const skippedOperations = new Set([
  "revokeApiKey",
  "rotateApiKey",
  "signOut",
  "revokeSession",
  "deleteOrganization",
]);

export async function fuzzRequests(options: {
  testApp: TestApp;
  tenant: TestTenant;
  document: Schema;
  requests: number;
  seed: number;
  onProgress?: (sent: number, report: FuzzReport) => void;
}): Promise<FuzzReport> {
  const { testApp, tenant, document } = options;
  const operations = operationsOf(document).filter(
    (operation) => operation.path.startsWith("/v1/") && !skippedOperations.has(operation.operationId),
  );
  const pool: IdPool = new Map();
  const random = randomFrom(options.seed);
  const report: FuzzReport = {
    requests: 0,
    responses_5xx: 0,
    upstream_failures: 0,
    upstream_failure_samples: [],
    operations: operations.length,
    by_status: {},
    failures: [],
  };
  for (let index = 0; index < options.requests; index++) {
    // Every operation in turn, then at random: each is reached in the first pass.
    const operation =
      index < operations.length ? operations[index] : operations[Math.floor(random() * operations.length)];
    if (operation === undefined) break;
    const seed = (options.seed * 1_000_003 + index) | 0;
    const url = `${pathOf(operation, pool, random)}${queryOf(document, operation, pool, seed)}`;
    const body =
      operation.body === undefined
        ? undefined
        : fc.sample(arbitraryOf(document, operation.body, pool, 0), { seed, numRuns: 1 })[0];
    const headers: Record<string, string> = { authorization: `Bearer ${tenant.admin.key}` };
    if (random() < 0.3) headers["idempotency-key"] = `fuzz-${Math.floor(random() * 50)}`;
    if (random() < 0.2) headers["fairbill-reason"] = String(hostileStrings[Math.floor(random() * 5)]);
    let payload: string | undefined;
    if (body !== undefined) {
      payload = random() < 0.02 ? `${"[".repeat(50_000)}` : JSON.stringify(body);
      headers["content-type"] = "application/json";
    }
    const response = await testApp.app.inject({
      method: operation.method as "GET",
      url,
      headers,
      ...(payload === undefined ? {} : { payload }),
    });
    report.requests += 1;
    report.by_status[String(response.statusCode)] = (report.by_status[String(response.statusCode)] ?? 0) + 1;
    const seen = (): FuzzFailure => ({
      method: operation.method,
      url: url.slice(0, 300),
      body: payload === undefined ? undefined : payload.slice(0, 600),
      status: response.statusCode,
      answer: response.body.slice(0, 600),
    });
    if (upstreamFailureCode(response.statusCode, response.body) !== undefined) {
      report.upstream_failures += 1;
      if (report.upstream_failure_samples.length < 5) report.upstream_failure_samples.push(seen());
    } else if (response.statusCode >= 500) {
      report.responses_5xx += 1;
      if (report.failures.length < 20) report.failures.push(seen());
    } else if (response.statusCode < 300 && response.headers["content-type"]?.toString().includes("json")) {
      try {
        collectIds(JSON.parse(response.body), pool);
      } catch {
        // Not JSON after all: nothing to collect.
      }
    }
    options.onProgress?.(index + 1, report);
  }
  return report;
}
