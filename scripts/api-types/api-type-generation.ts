// The console's API types come from the server's own OpenAPI document. This
// builds that document the way `/openapi.json` serves it, but without a
// server or a network: the app (with the console's session route) is built on
// a throwaway in-memory PGlite database and asked for its document.
// openapi-typescript turns the document into `paths` and `components` types.
// The output holds no timestamp, so the same server always gives the same file
// (test/api/generated-client.test.ts compares it with the committed one).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import openapiTS, { astToString, type OpenAPI3 } from "openapi-typescript";
import { buildApplication, openMigratedDatabase } from "../../src/app.ts";
import { ProblemSchema } from "../../src/platform/http/schemas.ts";

const root = dirname(dirname(dirname(fileURLToPath(import.meta.url))));

/** Where the generated types are committed; the console imports them from here. */
export const generatedApiTypesPath = join(root, "web", "src", "api", "generated", "openapi.ts");
/** The TypeScript SDK's copy of the same types (the package cannot import the console's). */
export const sdkApiTypesPath = join(root, "packages", "sdk-typescript", "src", "generated", "openapi.ts");
/** The TypeScript SDK's table of operationId → method and path. */
export const sdkOperationTablePath = join(
  root,
  "packages",
  "sdk-typescript",
  "src",
  "generated",
  "operations.ts",
);

const fileHeader = `// The Fairbill API's request and response types, generated from the server's
// OpenAPI document by \`npm run generate:api\` (scripts/generate-api-types.ts).
// Do not edit by hand: change the route schemas in src/ and generate again.
// test/api/generated-client.test.ts fails when this file is out of date.
`;

/** The OpenAPI document that `GET /openapi.json` serves, with the console's session route. */
export async function buildOpenApiDocument(): Promise<OpenAPI3> {
  // The console's files are hidden from the document; an empty folder stands in for web/dist.
  const consoleDirectory = mkdtempSync(join(tmpdir(), "fairbill-openapi-"));
  const handle = await openMigratedDatabase({ kind: "pglite", dataDirectory: "memory" });
  try {
    const app = await buildApplication({ handle, logger: false, console: { directory: consoleDirectory } });
    try {
      await app.ready();
      // A copy as plain JSON, the way /openapi.json sends it.
      return JSON.parse(JSON.stringify(app.swagger())) as OpenAPI3;
    } finally {
      await app.close();
    }
  } finally {
    await handle.close();
    rmSync(consoleDirectory, { recursive: true, force: true });
  }
}

/** The text of web/src/api/generated/openapi.ts for the given document. */
export async function generateApiTypes(document: OpenAPI3): Promise<string> {
  const nodes = await openapiTS(withNamedProblemResponse(document), { silent: true });
  return `${fileHeader}\n${astToString(nodes)}`;
}

const httpMethods = ["get", "put", "post", "delete", "patch"] as const;

/** The text of the SDK's operations.ts: every operationId with its method and path, in document order. */
export function generateOperationTable(document: OpenAPI3): string {
  const rows: string[] = [];
  for (const [path, pathItem] of Object.entries(document.paths ?? {})) {
    for (const method of httpMethods) {
      const operation = (pathItem as Record<string, { operationId?: string } | undefined>)[method];
      if (operation?.operationId === undefined) continue;
      rows.push(`  ${operation.operationId}: { method: "${method}", path: "${path}" },`);
    }
  }
  return `// Every operation of the Fairbill API by its operationId, generated with the
// types by \`npm run generate:api\` (scripts/generate-api-types.ts). Do not edit.
export const operationRoutes = {
${rows.join("\n")}
} as const;
`;
}

type ResponseObject = { description?: string; content?: Record<string, { schema?: unknown }> };

/**
 * The document repeats the problem+json schema at each of the thousand error
 * responses. Naming it once (components.responses.Problem and
 * components.schemas.Problem) keeps the generated file a fraction of the size
 * and gives the console one `Problem` type; the types it describes are the same.
 */
function withNamedProblemResponse(document: OpenAPI3): OpenAPI3 {
  const problemSchema = JSON.parse(JSON.stringify(ProblemSchema)) as { description?: string };
  const isProblemResponse = (response: ResponseObject) =>
    Object.keys(response.content ?? {}).length === 1 &&
    isDeepStrictEqual(response.content?.["application/json"]?.schema, problemSchema);

  const named = structuredClone(document) as OpenAPI3 & {
    paths: Record<string, Record<string, { responses?: Record<string, unknown> }>>;
  };
  for (const pathItem of Object.values(named.paths ?? {})) {
    for (const operation of Object.values(pathItem)) {
      const responses = operation.responses;
      if (responses === undefined) continue;
      for (const [status, response] of Object.entries(responses)) {
        if (isProblemResponse(response as ResponseObject)) {
          responses[status] = { $ref: "#/components/responses/Problem" };
        }
      }
    }
  }
  named.components = {
    ...named.components,
    schemas: { ...named.components?.schemas, Problem: problemSchema as never },
    responses: {
      ...named.components?.responses,
      Problem: {
        description: problemSchema.description ?? "RFC 9457 problem details",
        content: { "application/json": { schema: { $ref: "#/components/schemas/Problem" } } },
      },
    },
  };
  return named;
}
