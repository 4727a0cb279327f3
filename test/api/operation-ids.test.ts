// Every operation of the OpenAPI document (the one `/openapi.json` serves,
// with the console's routes) has a summary and a stable operationId: camelCase,
// verb then noun (`getCustomer`, `listInvoices`), unique in the document.
// Generated clients name their functions after it, so changing one is a
// breaking change for them.
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "../../scripts/api-types/api-type-generation.ts";

type Operation = { operationId?: string; summary?: string };

async function documentedOperations(): Promise<{ key: string; operation: Operation }[]> {
  const document = await buildOpenApiDocument();
  return Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Operation>).map(([method, operation]) => ({
      key: `${method.toUpperCase()} ${path}`,
      operation,
    })),
  );
}

describe("the OpenAPI document's operations", () => {
  it("each have a summary and a camelCase operationId, unique in the document", async () => {
    const operations = await documentedOperations();
    expect(operations.length).toBeGreaterThan(200);

    const withoutSummary = operations.filter(({ operation }) => !operation.summary).map(({ key }) => key);
    expect(withoutSummary, "give these routes a summary").toEqual([]);

    const withoutId = operations.filter(({ operation }) => operation.operationId === undefined);
    expect(
      withoutId.map(({ key }) => key),
      "give these routes an operationId",
    ).toEqual([]);

    const notCamelCase = operations
      .map(({ operation }) => operation.operationId)
      .filter((id) => id !== undefined && !/^[a-z]+(?:[A-Z][a-z0-9]*)+$/.test(id));
    expect(notCamelCase, "operation ids are camelCase, verb then noun").toEqual([]);

    const operationsById = Map.groupBy(
      operations.filter(({ operation }) => operation.operationId !== undefined),
      ({ operation }) => operation.operationId,
    );
    const clashes = [...operationsById]
      .filter(([, sharing]) => sharing.length > 1)
      .map(([id, sharing]) => `${id}: ${sharing.map(({ key }) => key).join(", ")}`);
    expect(clashes, "each operation needs an operationId of its own").toEqual([]);
  }, 120_000); // builds the whole document: seconds on a quiet machine, more on a busy one
});
