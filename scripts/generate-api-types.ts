// `npm run generate:api`: writes the console's API types
// (web/src/api/generated/openapi.ts) from the server's OpenAPI document. Run
// it after changing a route's schemas and commit the result with the change.
import { writeFileSync } from "node:fs";
import { relative } from "node:path";
import {
  buildOpenApiDocument,
  generateApiTypes,
  generatedApiTypesPath,
} from "./api-types/api-type-generation.ts";

const started = performance.now();
const types = await generateApiTypes(await buildOpenApiDocument());
writeFileSync(generatedApiTypesPath, types);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
process.stdout.write(`Wrote ${relative(process.cwd(), generatedApiTypesPath)} in ${seconds} s.\n`);
