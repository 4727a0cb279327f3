// `npm run generate:api`: writes the console's API types
// (web/src/api/generated/openapi.ts) from the server's OpenAPI document. Run
// it after changing a route's schemas and commit the result with the change.
import { writeFileSync } from "node:fs";
import { relative } from "node:path";
import {
  buildOpenApiDocument,
  generateApiTypes,
  generatedApiTypesPath,
  generateOperationTable,
  sdkApiTypesPath,
  sdkOperationTablePath,
} from "./api-types/api-type-generation.ts";

const started = performance.now();
const document = await buildOpenApiDocument();
const types = await generateApiTypes(document);
writeFileSync(generatedApiTypesPath, types);
writeFileSync(sdkApiTypesPath, types);
writeFileSync(sdkOperationTablePath, generateOperationTable(document));
const seconds = ((performance.now() - started) / 1000).toFixed(1);
process.stdout.write(
  `Wrote ${relative(process.cwd(), generatedApiTypesPath)} and the SDK's types and operations in ${seconds} s.\n`,
);
