// Request validation for Fastify, from the same JSON schemas that generate the
// OpenAPI document. Bodies are validated strictly (a "5" is not a 5, an
// unknown field is an error: bodies and queries are `StrictObject`s); query strings and path parameters arrive as text,
// so their numbers and booleans are coerced. Every error is collected, not only
// the first, and each names its field by path.
import AjvModule, { type ErrorObject, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import type { FastifyInstance, FastifySchemaCompiler } from "fastify";
import { type TObjectOptions, type TOptional, type TProperties, Type } from "typebox";
import type { FieldError } from "../errors.ts";
import { isCountryCode, isCurrencyCode, isTimeZone } from "../reference-data.ts";
import { instantRangeMessage, isInstantInRange } from "./instant-range.ts";

/**
 * The schema of a request body or query: an object that refuses the fields it
 * does not name, so that a misspelt field is an error rather than ignored.
 */
export function StrictObject<Properties extends TProperties>(
  properties: Properties,
  options?: TObjectOptions,
) {
  return Type.Object(properties, { additionalProperties: false, ...options });
}

/** The fields of an update body: each field the object is created with, every one optional. */
export function OptionalFields<Properties extends TProperties>(properties: Properties) {
  return Object.fromEntries(
    Object.entries(properties).map(([name, schema]) => [name, Type.Optional(schema)]),
  ) as { [Name in keyof Properties]: TOptional<Properties[Name]> };
}

// ajv and ajv-formats are CommonJS modules with a default export.
const Ajv = AjvModule.default;
const addFormats = addFormatsModule.default;

function newAjv(coerceTypes: boolean | "array", dates: "input" | "output" = "input") {
  const ajv = new Ajv({
    allErrors: true,
    coerceTypes,
    useDefaults: true,
    removeAdditional: false,
    strict: false,
    // Unions of objects told apart by a tag field (a charge's `type`, `model`)
    // are validated against the one variant the tag names.
    discriminator: true,
    // Each error carries its schema, whose description words the message ("must be an ISO 4217 code such as USD").
    verbose: true,
  });
  addFormats(ajv);
  // Input dates are bounded; what Fairbill sends (a period that ends after 2100) is not.
  if (dates === "input") boundDateTimes(ajv);
  // Codes that must exist in their lists, so that they are reported with every other bad field.
  ajv.addFormat("iana-time-zone", isTimeZone);
  ajv.addFormat("iso-4217-currency", isCurrencyCode);
  ajv.addFormat("iso-3166-country", isCountryCode);
  return ajv;
}

/** Every `date-time` of every schema is an RFC 3339 instant inside the documented range. */
function boundDateTimes(ajv: AjvModule.default): void {
  const rfc3339 = ajv.formats["date-time"];
  const isDateTime =
    typeof rfc3339 === "object" && "validate" in rfc3339 && typeof rfc3339.validate === "function"
      ? (rfc3339.validate as (text: string) => boolean)
      : undefined;
  if (isDateTime === undefined) throw new Error("ajv-formats did not define the date-time format.");
  ajv.addFormat("date-time", {
    type: "string",
    validate: (text: string) => isDateTime(text) && isInstantInRange(text),
  });
}

const strictAjv = newAjv(false);
const coercingAjv = newAjv("array");
const outputAjv = newAjv(false, "output");

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  const ajv = httpPart === "body" ? strictAjv : coercingAjv;
  return ajv.compile(schema as object) as ValidateFunction;
};

/**
 * A write sent without a body, to a route whose body has no required field
 * (`POST /v1/customers/{id}/portal-links`), is read as `{}`: an optional body
 * may be left out, as the documentation says, rather than refused as "not an object".
 */
export function registerOptionalBodies(app: FastifyInstance): void {
  app.addHook("preValidation", async (request) => {
    if (request.body !== undefined && request.body !== null) return;
    const schema = request.routeOptions.schema?.body as { type?: unknown; required?: unknown[] } | undefined;
    if (schema?.type === "object" && (schema.required ?? []).length === 0) request.body = {};
  });
}

/** A validator as strict as a request body's, for a JSON value of another boundary coming in. */
export function compileStrictValidator(schema: object): ValidateFunction {
  return strictAjv.compile(schema);
}

/**
 * A strict validator compiled when it is first asked for: a module that
 * validates one kind of document keeps its validator without compiling it
 * at every process's start (a large schema takes a few hundred milliseconds).
 */
export function strictValidatorOnFirstUse(schema: object): () => ValidateFunction {
  let validate: ValidateFunction | undefined;
  return () => {
    validate ??= compileStrictValidator(schema);
    return validate;
  };
}

/** As strict, for a JSON value Fairbill sends (a webhook payload), whose dates may lie past the input range. */
export function compileOutputValidator(schema: object): ValidateFunction {
  return outputAjv.compile(schema);
}

const partPrefixes: Record<string, string> = {
  body: "$",
  querystring: "query",
  params: "path",
  headers: "header",
};

/** Turns ajv's errors into field errors with JSON paths a person can read. */
export function toFieldErrors(errors: ErrorObject[], httpPart: string | undefined): FieldError[] {
  const prefix = partPrefixes[httpPart ?? "body"] ?? "$";
  const seen = new Set<string>();
  const fieldErrors: FieldError[] = [];
  for (const error of errors) {
    // Union branches repeat what the leaf errors already say; a discriminated
    // union's tag is checked by its own enum, reported at the tag.
    if (["anyOf", "oneOf", "if", "discriminator"].includes(error.keyword)) continue;
    const segments = error.instancePath
      .split("/")
      .slice(1)
      .map((segment) => segment.replaceAll("~1", "/").replaceAll("~0", "~"));
    let path = segments.reduce((built, segment) => built + formatSegment(segment, prefix), prefix);
    let message = describe(error);
    if (error.keyword === "required") {
      path += formatSegment(String(error.params.missingProperty), prefix);
      message = "is required";
    } else if (error.keyword === "additionalProperties") {
      path += formatSegment(String(error.params.additionalProperty), prefix);
      message = "is not a known field";
    }
    const key = `${path}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    fieldErrors.push({ path, message });
  }
  // A nullable field that is neither null nor valid fails both branches of its
  // union; "must be null" says nothing the other message does not.
  const pathsWithOtherErrors = new Set(
    fieldErrors.filter((error) => error.message !== "must be null").map((error) => error.path),
  );
  return fieldErrors.filter(
    (error) => error.message !== "must be null" || !pathsWithOtherErrors.has(error.path),
  );
}

function formatSegment(segment: string, prefix: string): string {
  if (/^\d+$/.test(segment)) return `[${segment}]`;
  if (prefix !== "$") return `.${segment}`;
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(segment) ? `.${segment}` : `[${JSON.stringify(segment)}]`;
}

function describe(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "type":
      return `must be ${article(String(params.type))}`;
    case "enum":
      return `must be one of ${(params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(", ")}`;
    case "const":
      return `must be ${JSON.stringify(params.allowedValue)}`;
    case "minLength":
      return params.limit === 1 ? "must not be empty" : `must be at least ${params.limit} characters long`;
    case "maxLength":
      return `must be at most ${params.limit} characters long`;
    case "pattern": {
      const description = schemaDescription(error);
      return description === undefined ? `must match ${params.pattern}` : `must be ${description}`;
    }
    case "format": {
      if (params.format === "date-time") return instantRangeMessage;
      const description = schemaDescription(error);
      return description === undefined ? `must be a valid ${params.format}` : `must be ${description}`;
    }
    case "minimum":
    case "exclusiveMinimum":
    case "maximum":
    case "exclusiveMaximum":
      return `must be ${params.comparison} ${params.limit}`;
    case "minItems":
      return `must have at least ${params.limit} items`;
    case "maxItems":
      return `must have at most ${params.limit} items`;
    case "minProperties":
      return `must have at least ${params.limit} fields`;
    case "maxProperties":
      return `must have at most ${params.limit} fields`;
    default:
      return error.message ?? "is invalid";
  }
}

/** The description of the schema that failed, when it has one. */
function schemaDescription(error: ErrorObject): string | undefined {
  const schema = error.parentSchema as { description?: unknown } | undefined;
  return typeof schema?.description === "string" ? schema.description : undefined;
}

function article(typeName: string): string {
  const names: Record<string, string> = {
    string: "a string",
    number: "a number",
    integer: "a whole number",
    boolean: "true or false",
    object: "an object",
    array: "an array",
    null: "null",
  };
  return typeName
    .split(",")
    .map((name) => names[name] ?? name)
    .join(" or ");
}
