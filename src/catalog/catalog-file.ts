// catalog.yaml: the catalog as code. Products, features, the meters the
// catalog refers to (by code: meters belong to metering), and each plan with
// its latest published version and its open version (draft or pending
// approval), if any. The last version listed under a plan is the pricing the
// file asks for; the ones before it are there for the reader.
//
// The file is checked with the same schemas as the API (each problem named by
// its JSON path, `catalog.yaml: $.plans[1].versions[0].charges[2].tiers: ...`)
// and its last versions by the same rules as a plan version written through
// the API.
import { type Static, Type } from "typebox";
import YAML from "yaml";
import type { FieldError } from "../platform/errors.ts";
import { FairbillError } from "../platform/errors.ts";
import { Nullable, StringEnum } from "../platform/http/schemas.ts";
import { strictValidatorOnFirstUse, toFieldErrors } from "../platform/http/validation.ts";
import { Code } from "../pricing/index.ts";
import { planVersionStates } from "./plan-schemas.ts";
import { newPlanVersionContentFields } from "./plan-version-content.ts";
import { featureKinds } from "./product-feature-schemas.ts";

const Name = Type.String({ minLength: 1, maxLength: 200 });
const Description = Type.Optional(Nullable(Type.String({ maxLength: 2000 })));

const CatalogVersionSchema = Type.Object(
  {
    version: Type.Optional(
      Type.Integer({ minimum: 1, description: "informational: the version number exported" }),
    ),
    state: Type.Optional(StringEnum(planVersionStates, { description: "informational: the state exported" })),
    effective_from: Type.Optional(
      Nullable(Type.String({ format: "date-time", description: "informational" })),
    ),
    ...newPlanVersionContentFields,
  },
  { additionalProperties: false },
);

const CatalogFileSchema = Type.Object(
  {
    version: Type.Literal(1, { description: "the version of the catalog file format" }),
    meters: Type.Optional(Type.Array(Code, { description: "the meter codes the catalog refers to" })),
    products: Type.Optional(
      Type.Array(
        Type.Object({ code: Code, name: Name, description: Description }, { additionalProperties: false }),
      ),
    ),
    features: Type.Optional(
      Type.Array(
        Type.Object(
          {
            code: Code,
            name: Name,
            description: Description,
            kind: StringEnum(featureKinds),
            meter: Type.Optional(Code),
          },
          { additionalProperties: false },
        ),
      ),
    ),
    plans: Type.Optional(
      Type.Array(
        Type.Object(
          {
            code: Code,
            name: Name,
            description: Description,
            versions: Type.Array(CatalogVersionSchema, {
              minItems: 1,
              description: "the last one is the pricing the file asks for",
            }),
          },
          { additionalProperties: false },
        ),
      ),
    ),
  },
  { additionalProperties: false },
);

export type CatalogFile = Static<typeof CatalogFileSchema>;
export type CatalogFileVersion = Static<typeof CatalogVersionSchema>;

const catalogFileValidator = strictValidatorOnFirstUse(CatalogFileSchema);

/** Reads catalog.yaml text, or throws a FairbillError naming every problem as `<file>: $.path: message`. */
export function parseCatalogFile(text: string, fileName: string): CatalogFile {
  const document = YAML.parseDocument(text, { prettyErrors: false });
  if (document.errors.length > 0) {
    throw catalogFileError(
      fileName,
      document.errors.map((error) => {
        const position = error.linePos?.[0];
        return {
          path: position ? `line ${position.line}, column ${position.col}` : "$",
          message: error.message.split("\n")[0] ?? "is not valid YAML",
        };
      }),
    );
  }
  const value: unknown = document.toJS();
  const validateCatalogFile = catalogFileValidator();
  if (!validateCatalogFile(value)) {
    const errors = toFieldErrors(validateCatalogFile.errors ?? [], "body").map((error) =>
      withYamlHint(error, value),
    );
    throw catalogFileError(fileName, errors);
  }
  const file = value as CatalogFile;
  const duplicates = [
    ...duplicateCodes(file.products ?? [], "$.products", "product"),
    ...duplicateCodes(file.features ?? [], "$.features", "feature"),
    ...duplicateCodes(file.plans ?? [], "$.plans", "plan"),
  ];
  if (duplicates.length > 0) throw catalogFileError(fileName, duplicates);
  return file;
}

/** The catalog as YAML text, amounts quoted so that they read back as the same decimal strings. */
export function formatCatalogFile(file: CatalogFile, header: string): string {
  const comment = header
    .split("\n")
    .map((line) => `# ${line}`.trimEnd())
    .join("\n");
  return `${comment}\n${YAML.stringify(file, { lineWidth: 0 })}`;
}

export function catalogFileError(fileName: string, errors: FieldError[]): FairbillError {
  return new FairbillError({
    code: "invalid_catalog_file",
    status: 400,
    detail: `${fileName} has ${errors.length} problem${errors.length === 1 ? "" : "s"}; nothing was changed.`,
    errors: errors.map((error) => ({ path: `${fileName}: ${error.path}`, message: error.message })),
  });
}

function duplicateCodes(items: readonly { code: string }[], path: string, label: string): FieldError[] {
  const seen = new Map<string, number>();
  const errors: FieldError[] = [];
  items.forEach((item, index) => {
    const first = seen.get(item.code);
    if (first === undefined) seen.set(item.code, index);
    else
      errors.push({
        path: `${path}[${index}].code`,
        message: `duplicate ${label} code "${item.code}" (also at index ${first})`,
      });
  });
  return errors;
}

// In YAML, 49.00 unquoted is the number 49: amounts must be quoted to stay exact.
function withYamlHint(error: FieldError, document: unknown): FieldError {
  if (error.message !== "must be a string") return error;
  const value = valueAt(document, error.path);
  return typeof value === "number"
    ? {
        ...error,
        message: `must be a string: quote amounts in YAML ("${String(value)}"), so that they stay exact`,
      }
    : error;
}

function valueAt(document: unknown, path: string): unknown {
  let current: unknown = document;
  for (const match of path.matchAll(/\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]/g)) {
    if (current === null || typeof current !== "object") return undefined;
    const key = match[1] ?? Number(match[2]);
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}
