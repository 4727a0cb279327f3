// The console's API types (web/src/api/generated/openapi.ts) must say what the
// server's OpenAPI document says: a route whose schema changed without
// `npm run generate:api` fails here, before the console meets it at runtime.
// Generation holds no timestamp, so an up-to-date file matches to the byte.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  buildOpenApiDocument,
  generateApiTypes,
  generatedApiTypesPath,
  generateOperationTable,
  sdkApiTypesPath,
  sdkOperationTablePath,
} from "../../scripts/api-types/api-type-generation.ts";

/** The 1-based number of the first line where the two texts differ, or undefined if they are equal. */
function firstDifferentLine(expected: string, actual: string): number | undefined {
  if (expected === actual) return undefined;
  const expectedLines = expected.split("\n");
  const actualLines = actual.split("\n");
  const index = expectedLines.findIndex((line, lineIndex) => line !== actualLines[lineIndex]);
  return (index === -1 ? expectedLines.length : index) + 1;
}

describe("the console's and the SDK's generated API types", () => {
  it("match the server's OpenAPI document", async () => {
    const document = await buildOpenApiDocument();
    const regenerated = await generateApiTypes(document);
    const committed = readFileSync(generatedApiTypesPath, "utf8");
    const line = firstDifferentLine(regenerated, committed);
    // A line number, not a diff of two 20,000-line files.
    expect(
      line,
      `web/src/api/generated/openapi.ts is out of date from line ${line}: run \`npm run generate:api\` and commit it`,
    ).toBeUndefined();
    // The TypeScript SDK holds the same types, and its table of operations.
    expect(readFileSync(sdkApiTypesPath, "utf8") === committed, "run `npm run generate:api`").toBe(true);
    expect(readFileSync(sdkOperationTablePath, "utf8")).toBe(generateOperationTable(document));
  }, 120_000); // builds the document and generates the types from it
});
