// The API document is worth reading and safe to generate clients from: every
// operation is described and has an example; every example is valid against
// its own schema; every status says what it means; every webhook event type
// has its payload; and Redocly's recommended lint (redocly.yaml) finds
// nothing, which includes no ambiguous paths and no operation without an
// operationId.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { ValidateFunction } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "../../scripts/api-types/api-type-generation.ts";
import { isCountryCode, isCurrencyCode, isTimeZone } from "../../src/platform/reference-data.ts";

type JsonObject = Record<string, unknown>;
type Operation = {
  operationId?: string;
  summary?: string;
  description?: string;
  parameters?: { name: string; example?: unknown; schema?: JsonObject }[];
  requestBody?: { content?: Record<string, { schema?: JsonObject; example?: unknown }> };
  responses?: Record<
    string,
    { description?: string; content?: Record<string, { schema?: JsonObject; example?: unknown }> }
  >;
};

const addFormats = addFormatsModule.default;
let document: {
  paths: Record<string, Record<string, Operation>>;
  webhooks?: Record<string, JsonObject>;
} & JsonObject;
let operations: { key: string; path: string; operation: Operation }[];

beforeAll(async () => {
  document = (await buildOpenApiDocument()) as unknown as typeof document;
  operations = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({
      key: `${method.toUpperCase()} ${path}`,
      path,
      operation,
    })),
  );
}, 120_000);

type Response = { description?: string; $ref?: string };

/** An operation's response, the shared one (`components.responses`) where it refers to one. */
function responseOf(operation: Operation | undefined, status: string): Response | undefined {
  const response = operation?.responses?.[status] as Response | undefined;
  if (response?.$ref === undefined) return response;
  const name = response.$ref.replace("#/components/responses/", "");
  return (document.components as { responses?: Record<string, Response> } | undefined)?.responses?.[name];
}

function examplesOf(
  operation: Operation,
): { where: string; schema: JsonObject | undefined; example: unknown }[] {
  const found: { where: string; schema: JsonObject | undefined; example: unknown }[] = [];
  for (const parameter of operation.parameters ?? []) {
    if (parameter.example !== undefined) {
      found.push({
        where: `parameter ${parameter.name}`,
        schema: parameter.schema,
        example: parameter.example,
      });
    }
  }
  for (const [type, media] of Object.entries(operation.requestBody?.content ?? {})) {
    if (media.example !== undefined)
      found.push({ where: `request ${type}`, schema: media.schema, example: media.example });
  }
  for (const [status, response] of Object.entries(operation.responses ?? {})) {
    for (const [type, media] of Object.entries(response.content ?? {})) {
      if (media.example !== undefined) {
        found.push({ where: `response ${status} ${type}`, schema: media.schema, example: media.example });
      }
    }
  }
  return found;
}

describe("the OpenAPI document", () => {
  it("describes every operation and gives it at least one example", () => {
    expect(operations.length).toBeGreaterThan(200);
    const undescribed = operations
      .filter(({ operation }) => !operation.description?.trim())
      .map(({ key }) => key);
    expect(undescribed, "operations without a description").toEqual([]);
    const withoutExample = operations.filter(({ operation }) => examplesOf(operation).length === 0);
    expect(
      withoutExample.map(({ key }) => key),
      "operations without an example",
    ).toEqual([]);
    const createCustomer = document.paths["/v1/customers"]?.post;
    expect(createCustomer?.description).toContain("`customers:write`");
    expect(createCustomer?.description).toContain("Idempotency-Key");
  });

  it("gives examples that are valid against their own schemas (JSON Schema 2020-12)", () => {
    const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
    addFormats(ajv);
    // The server's own formats, checked as its validator checks them.
    ajv.addFormat("iso-3166-country", isCountryCode);
    ajv.addFormat("iso-4217-currency", isCurrencyCode);
    ajv.addFormat("iana-time-zone", isTimeZone);
    // References point into the document: it is added under its own id.
    ajv.addSchema({ $id: "openapi.json", components: document.components }, "openapi.json");
    const rebased = (schema: unknown): unknown =>
      JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi.json#/components/'));
    const compiled = new Map<string, ValidateFunction>();
    const invalid: string[] = [];
    let checked = 0;
    for (const { key, operation } of operations) {
      for (const { where, schema, example } of examplesOf(operation)) {
        if (schema === undefined) continue;
        const text = JSON.stringify(schema);
        const validate = compiled.get(text) ?? ajv.compile(rebased(schema) as object);
        compiled.set(text, validate);
        checked += 1;
        if (!validate(example)) {
          const first = validate.errors?.[0];
          invalid.push(`${key} ${where}: ${first?.instancePath} ${first?.message}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(400);
    expect(invalid).toEqual([]);
  }, 120_000); // a few hundred schemas to compile

  it("explains every status, and every /v1 operation says how it can be refused", () => {
    const unexplained: string[] = [];
    const withoutSuccess: string[] = [];
    const withoutRefusal: string[] = [];
    for (const { key, path, operation } of operations) {
      const statuses = Object.keys(operation.responses ?? {});
      for (const status of statuses) {
        const description = responseOf(operation, status)?.description ?? "";
        if (description === "" || description === "Default Response") unexplained.push(`${key} ${status}`);
      }
      if (!statuses.some((status) => status.startsWith("2") || status === "303")) withoutSuccess.push(key);
      if (path.startsWith("/v1/") && !statuses.some((status) => status.startsWith("4")))
        withoutRefusal.push(key);
    }
    expect(unexplained).toEqual([]);
    expect(withoutSuccess).toEqual([]);
    expect(withoutRefusal).toEqual([]);
    const problem = responseOf(document.paths["/v1/customers"]?.post, "429");
    expect(problem?.description).toContain("rate_limited");
  });

  it("documents the payload of every webhook event type an endpoint can subscribe to", () => {
    const body =
      document.paths["/v1/webhook-endpoints"]?.post?.requestBody?.content?.["application/json"]?.schema;
    const enabledEvents = (body?.properties as JsonObject | undefined)?.event_types as
      | { items?: { enum?: string[] } }
      | undefined;
    const eventTypes = (enabledEvents?.items?.enum ?? []).filter((type) => type !== "*");
    expect(eventTypes.length).toBeGreaterThan(30);
    const undocumented = eventTypes.filter((type) => {
      const webhook = document.webhooks?.[type] as { post?: Operation } | undefined;
      return webhook?.post?.requestBody?.content?.["application/json"]?.schema === undefined;
    });
    expect(undocumented).toEqual([]);
  });

  describe("Redocly's recommended lint", () => {
    const folder = mkdtempSync(join(tmpdir(), "fairbill-redocly-"));
    afterAll(() => rmSync(folder, { recursive: true, force: true }));

    it("finds no problem, so no ambiguous path and no operation without an operationId", async () => {
      const file = join(folder, "openapi.json");
      writeFileSync(file, JSON.stringify(document));
      const cli = join(process.cwd(), "node_modules", "@redocly", "cli", "bin", "cli.js");
      const config = join(process.cwd(), "redocly.yaml");
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [cli, "lint", file, `--config=${config}`, "--format=json", "--max-problems=1000"],
        {
          maxBuffer: 64 * 1024 * 1024,
          env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
        },
      ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? "" }));
      const report = JSON.parse(stdout) as {
        problems: { ruleId: string; message: string; location: { pointer: string }[] }[];
      };
      const problems = report.problems.map(
        (problem) => `${problem.ruleId}: ${problem.message} at ${problem.location[0]?.pointer}`,
      );
      expect(problems).toEqual([]);
    }, 120_000);
  });
});
