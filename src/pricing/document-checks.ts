// Checks a JSON document against a TypeBox schema and the rules that sit on
// the schema's nodes, and names every problem by its JSON path, in the order a
// reader meets them: a value's own problem, then its unknown fields, then its
// fields in the schema's order, then what the rules say about it as a whole.
//
// The schema check is Ajv's, compiled by the same function that validates API
// request bodies (src/platform/http/validation.ts), so a scenario, a
// catalog.yaml and a request body are refused for the same fields. What a
// schema cannot say (tiers in order, a meter that exists) is a rule: a
// function attached to a schema node, run wherever that node is used, by
// `checkDocument` here and by `ruleProblems` once the API has validated a body.
//
// A union of objects must be discriminated (`discriminatedUnion`), so that a
// problem is reported against the one variant its tag chooses; other unions
// (a number or a decimal string, a value or null) hold scalars only.
import type { ErrorObject, ValidateFunction } from "ajv";
import { type Static, type TSchema, Type } from "typebox";
import type { FieldError } from "../platform/errors.ts";
import { validatorCompiler } from "../platform/http/validation.ts";

export type PathKey = string | number;
/** A JSON path as keys from the root: `["plans", 0, "charges"]` is `$.plans[0].charges`. */
export type JsonPath = readonly PathKey[];

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `$.plans[0].charges[1].tiers`; keys that are not identifiers are quoted: `$.filters["model name"]`. */
export function formatPath(path: JsonPath): string {
  let text = "$";
  for (const key of path) {
    if (typeof key === "number") text += `[${key}]`;
    else text += IDENTIFIER.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
  }
  return text;
}

/** A JSON value for an error message: `"api"`, `13`, `null`. */
export function describeValue(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// ---- Messages and rules on schema nodes ---------------------------------------
// Kept under symbols: TypeBox carries them along (Type.Optional keeps them),
// while JSON, Ajv and the OpenAPI document never see them.

const MESSAGE = Symbol("fairbill.message");
const RULES = Symbol("fairbill.rules");

/** What a value at a node should have been, said about the value: `must be ..., not "x"`. */
export type Describe = (value: unknown) => string;

/** Runs one rule: where it may report, and what it may ask. */
export type RuleRun<Context> = {
  readonly context: Context;
  /**
   * Reports a problem at `path`. It is listed where the node the rule sits on
   * ends, or, given `after`, where that node (inside this one) ends.
   */
  report(path: JsonPath, message: string, after?: JsonPath): void;
  /** True when nothing is wrong at or under `path`, by the schema or a rule that ran before. */
  isValid(path: JsonPath): boolean;
  /** Runs the rules of `schema`'s nodes over `value` as if it sat at `path` (a charge as priced in another currency). */
  runRules(schema: TSchema, value: unknown, path: JsonPath): void;
  /**
   * Checks `value`, which sits at `path`, against `schema` and its rules, and
   * reports every problem under `path`: for a value that may take one of
   * several shapes that a discriminated union cannot tell apart (a price
   * object or the string "reject").
   */
  checkValue(schema: TSchema, value: unknown, path: JsonPath): void;
};

/**
 * A check a schema cannot express. It gets the value as written (which may be
 * anything: rules run on documents that are wrong elsewhere) and its path; the
 * rules of a node run after those of every node inside it.
 */
export type Rule<Context = unknown> = (value: unknown, path: JsonPath, run: RuleRun<Context>) => void;

type Annotated = {
  [MESSAGE]?: Describe;
  [RULES]?: readonly Rule<never>[];
};

function annotations(schema: TSchema): Annotated {
  return schema as Annotated;
}

/** `schema` whose problems are worded by `describe` (the message of a field that is not what it should be). */
export function withMessage<Schema extends TSchema>(schema: Schema, describe: Describe): Schema {
  return { ...schema, [MESSAGE]: describe };
}

/** `schema` with rules that run wherever it is used, after the rules already on it. */
export function withRules<Schema extends TSchema, Context>(
  schema: Schema,
  ...rules: readonly Rule<Context>[]
): Schema {
  return {
    ...schema,
    [RULES]: [...(annotations(schema)[RULES] ?? []), ...(rules as unknown as Rule<never>[])],
  };
}

/**
 * `schema`, narrowed by a test it cannot express (a currency that exists, a
 * date that is real): a value the schema accepts and `accepts` does not is
 * reported with the schema's message.
 */
export function refine<Schema extends TSchema>(schema: Schema, accepts: (value: unknown) => boolean): Schema {
  return withRules(schema, (value, path, run) => {
    if (run.isValid(path) && !accepts(value)) run.report(path, expectation(schema, value));
  });
}

type KeysOfAny<Union> = Union extends unknown ? keyof Union : never;

/**
 * A union whose members also list the other members' fields as absent, so
 * that code reading a field of any member (`charge.meter`) type-checks, and
 * finds undefined where the member has no such field.
 */
export type ExclusiveUnion<Union, Keys extends PropertyKey = KeysOfAny<Union>> = Union extends unknown
  ? Union & { readonly [Key in Exclude<Keys, keyof Union>]?: undefined }
  : never;

/**
 * A union of object schemas told apart by the field `tag`, each variant
 * holding it as a constant (`type: "fixed"`). Ajv validates the one variant
 * the tag chooses (its `discriminator` keyword), the OpenAPI document lists
 * the variants, and a missing or unknown tag is reported at the tag alone.
 */
export function discriminatedUnion<const Variants extends readonly TSchema[]>(
  tag: string,
  variants: Variants,
  options: { title?: string; description?: string; properties?: Record<string, TSchema> } = {},
) {
  const values = variants.map((variant) => tagValueOf(variant, tag));
  const { properties = {}, ...rest } = options;
  return Type.Unsafe<ExclusiveUnion<Static<Variants[number]>>>({
    type: "object",
    ...rest,
    properties: { ...properties, [tag]: Type.String({ enum: values }) },
    required: [...Object.keys(properties), tag],
    oneOf: [...variants],
    discriminator: { propertyName: tag },
  });
}

type SchemaNode = {
  type?: string | string[];
  properties?: Record<string, TSchema>;
  required?: string[];
  patternProperties?: Record<string, TSchema>;
  additionalProperties?: boolean | TSchema;
  items?: TSchema;
  anyOf?: TSchema[];
  oneOf?: TSchema[];
  discriminator?: { propertyName: string };
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  description?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  maxItems?: number;
  minProperties?: number;
  maxProperties?: number;
};

function node(schema: TSchema): SchemaNode {
  return schema as SchemaNode;
}

function tagValueOf(variant: TSchema, tag: string): string {
  const property = node(variant).properties?.[tag] as SchemaNode | undefined;
  const value = property?.const ?? property?.enum?.[0];
  if (typeof value !== "string") throw new Error(`a variant of a union by "${tag}" has no constant "${tag}"`);
  return value;
}

/** The nodes from a union down to the variant `value`'s tags choose (through nested unions); each one's rules apply. */
function variantChain(schema: TSchema, value: unknown): TSchema[] {
  const chain = [schema];
  for (;;) {
    const { oneOf, discriminator } = node(chain.at(-1)!);
    if (oneOf === undefined || discriminator === undefined || !isPlainObject(value)) return chain;
    const tagValue = value[discriminator.propertyName];
    const variant = oneOf.find((candidate) => tagValueOf(candidate, discriminator.propertyName) === tagValue);
    if (variant === undefined) return chain;
    chain.push(variant);
  }
}

function chosenVariant(schema: TSchema, value: unknown): TSchema {
  return variantChain(schema, value).at(-1)!;
}

/** Every schema directly inside `schema`: its fields, items and variants. */
function innerSchemas(schema: TSchema): TSchema[] {
  const { properties, patternProperties, additionalProperties, items, anyOf, oneOf } = node(schema);
  return [
    ...Object.values(properties ?? {}),
    ...Object.values(patternProperties ?? {}),
    ...(typeof additionalProperties === "object" ? [additionalProperties] : []),
    ...(items === undefined ? [] : [items]),
    ...(anyOf ?? []),
    ...(oneOf ?? []),
  ];
}

/**
 * Whether `test` holds for `schema` or a schema inside it, remembered per
 * schema: the walks below skip what cannot matter to them (a usage event's
 * free-form properties), which keeps checking a stream of events fast.
 */
function somewhereInside(cache: WeakMap<TSchema, boolean>, test: (schema: TSchema) => boolean) {
  const holds = (schema: TSchema): boolean => {
    let answer = cache.get(schema);
    if (answer === undefined) {
      answer = test(schema) || innerSchemas(schema).some(holds);
      cache.set(schema, answer);
    }
    return answer;
  };
  return holds;
}

const hasRules = somewhereInside(new WeakMap(), (schema) => (annotations(schema)[RULES]?.length ?? 0) > 0);

const mayLeaveOutNulls = somewhereInside(new WeakMap(), (schema) => {
  const { properties = {}, required = [] } = node(schema);
  return Object.entries(properties).some(([key, child]) => !required.includes(key) && !acceptsNull(child));
});

/** The schema of the child at `key` of an object or array `resolved`, or undefined when unknown. */
function childSchema(resolved: SchemaNode, key: PathKey): TSchema | undefined {
  if (typeof key === "number") return resolved.items;
  if (resolved.properties !== undefined && Object.hasOwn(resolved.properties, key)) {
    return resolved.properties[key];
  }
  for (const [pattern, schema] of Object.entries(resolved.patternProperties ?? {})) {
    if (new RegExp(pattern, "u").test(key)) return schema;
  }
  return typeof resolved.additionalProperties === "object" ? resolved.additionalProperties : undefined;
}

// ---- Wording ------------------------------------------------------------------------

const typeNames: Record<string, string> = {
  string: "a string",
  number: "a number",
  integer: "an integer",
  boolean: "true or false",
  object: "an object",
  array: "an array",
  null: "null",
};

/** The message for a value that `schema` refuses, in the words of the node's own message if it has one. */
function expectation(schema: TSchema, value: unknown): string {
  const own = annotations(schema)[MESSAGE];
  if (own !== undefined) return own(value);
  const shown = describeValue(value);
  const { anyOf, type } = node(schema);
  if (anyOf !== undefined) {
    const branches = anyOf.filter((branch) => node(branch).type !== "null");
    if (branches.length === 1) return expectation(branches[0]!, value);
    const names = branches.map((branch) => typeNames[String(node(branch).type)] ?? "valid");
    return `must be ${names.join(" or ")}, not ${shown}`;
  }
  const n = node(schema);
  if (Array.isArray(type)) {
    // A value that may also be null (`["object", "null"]`) is described by its other type.
    const types = type.filter((name) => name !== "null");
    return types.length === 1
      ? expectation({ ...schema, type: types[0] } as TSchema, value)
      : `must be ${types.map((name) => typeNames[name] ?? name).join(" or ")}, not ${shown}`;
  }
  if ("const" in n) return `must be ${JSON.stringify(n.const)}, not ${shown}`;
  if (n.enum !== undefined) {
    return `must be one of ${n.enum.map((choice) => JSON.stringify(choice)).join(", ")}, not ${shown}`;
  }
  switch (type) {
    case "string":
      return stringExpectation(n, value, shown);
    case "integer":
    case "number": {
      const isNumber = type === "integer" ? Number.isSafeInteger(value) : typeof value === "number";
      if (!isNumber) return `must be ${typeNames[type]}, not ${shown}`;
      const number = value as number;
      if (n.minimum !== undefined && number < n.minimum)
        return `must be at least ${n.minimum}, not ${number}`;
      if (n.exclusiveMinimum !== undefined && number <= n.exclusiveMinimum) {
        return `must be greater than ${n.exclusiveMinimum}, not ${number}`;
      }
      if (n.maximum !== undefined && number > n.maximum) return `must be at most ${n.maximum}, not ${number}`;
      return `is not valid: ${shown}`;
    }
    case "boolean":
      return `must be true or false, not ${shown}`;
    case "object":
      if (!isPlainObject(value)) return `must be an object, not ${shown}`;
      if (n.maxProperties !== undefined && Object.keys(value).length > n.maxProperties) {
        return `must have at most ${n.maxProperties} fields`;
      }
      return `must have at least ${n.minProperties ?? 1} fields`;
    case "array":
      if (!Array.isArray(value)) return `must be an array, not ${shown}`;
      if (n.minItems !== undefined && value.length < n.minItems) {
        return n.minItems === 1 ? "must not be empty" : `must have at least ${n.minItems} items`;
      }
      return `must have at most ${n.maxItems} items`;
    default:
      return `is not valid: ${shown}`;
  }
}

function stringExpectation(n: SchemaNode, value: unknown, shown: string): string {
  const nonEmpty = (n.minLength ?? 0) > 0;
  if (typeof value !== "string" || (nonEmpty && value.length === 0)) {
    return `must be ${nonEmpty ? "a non-empty string" : "a string"}, not ${shown}`;
  }
  if (n.maxLength !== undefined && value.length > n.maxLength) {
    return `must be at most ${n.maxLength} characters long, not ${shown}`;
  }
  if (n.description !== undefined) return `must be ${n.description}, not ${shown}`;
  if (n.format !== undefined) return `must be a valid ${n.format}, not ${shown}`;
  return `is not valid: ${shown}`;
}

// ---- Checking -------------------------------------------------------------------------

const compiled = new WeakMap<TSchema, ValidateFunction>();

function validatorOf(schema: TSchema): ValidateFunction {
  let validate = compiled.get(schema);
  if (validate === undefined) {
    validate = validatorCompiler({
      schema,
      httpPart: "body",
      method: "POST",
      url: "document",
    }) as ValidateFunction;
    compiled.set(schema, validate);
  }
  return validate;
}

function pointerOf(path: JsonPath): string {
  let pointer = "";
  for (const key of path) pointer += `/${String(key).replaceAll("~", "~0").replaceAll("/", "~1")}`;
  return pointer;
}

/** What Ajv said, by the JSON pointer of the value it is about. */
type SchemaFindings = {
  /** Values that are not what their node says (wrong type, pattern, bounds). */
  readonly badValues: Set<string>;
  readonly missingFields: Map<string, Set<string>>;
  readonly unknownFields: Map<string, Set<string>>;
};

function findingsOf(errors: readonly ErrorObject[]): SchemaFindings {
  const findings: SchemaFindings = {
    badValues: new Set(),
    missingFields: new Map(),
    unknownFields: new Map(),
  };
  const add = (map: Map<string, Set<string>>, pointer: string, field: string) => {
    const fields = map.get(pointer) ?? new Set<string>();
    fields.add(field);
    map.set(pointer, fields);
  };
  for (const error of errors) {
    if (error.keyword === "required") {
      add(findings.missingFields, error.instancePath, String(error.params.missingProperty));
    } else if (error.keyword === "additionalProperties") {
      add(findings.unknownFields, error.instancePath, String(error.params.additionalProperty));
    } else if (error.keyword !== "discriminator" && error.keyword !== "oneOf") {
      // A discriminated union's tag is checked by its own `enum` (reported at
      // the tag); its variants' problems are reported inside them.
      findings.badValues.add(error.instancePath);
    }
  }
  return findings;
}

type Listed = { readonly path: JsonPath; readonly message: string };

/** Runs every rule of `schema`'s nodes over `document`, innermost first, and lists their problems. */
class RuleRunner<Context> {
  /** Pointers of values with a problem, and of everything that holds them (made when there is one). */
  private invalid: Set<string> | undefined;
  /** Rule problems by the pointer of the node they are listed after. */
  listedAfter: Map<string, Listed[]> | undefined;
  readonly context: Context;

  constructor(context: Context, findings: SchemaFindings | undefined) {
    this.context = context;
    if (findings === undefined) return;
    for (const pointer of findings.badValues) this.markInvalid(pointer);
    for (const [pointer, fields] of [...findings.missingFields, ...findings.unknownFields]) {
      for (const field of fields) this.markInvalid(`${pointer}${pointerOf([field])}`);
    }
  }

  private markInvalid(pointer: string): void {
    this.invalid ??= new Set();
    for (let current = pointer; !this.invalid.has(current); ) {
      this.invalid.add(current);
      if (current === "") break;
      current = current.slice(0, current.lastIndexOf("/"));
    }
  }

  isValid(path: JsonPath): boolean {
    return this.invalid === undefined || !this.invalid.has(pointerOf(path));
  }

  report(path: JsonPath, message: string, after: JsonPath): void {
    this.markInvalid(pointerOf(path));
    const pointer = pointerOf(after);
    this.listedAfter ??= new Map();
    const listed = this.listedAfter.get(pointer) ?? [];
    listed.push({ path, message });
    this.listedAfter.set(pointer, listed);
  }

  run(schema: TSchema, value: unknown, path: JsonPath): void {
    const plan = rulePlanOf(schema);
    if (plan === undefined) return;
    const chain = plan.isUnion ? variantChain(schema, value) : undefined;
    const resolved = chain === undefined ? plan : rulePlanOf(chain.at(-1)!);
    if (resolved !== undefined && isPlainObject(value)) {
      if (resolved.otherFields) {
        const resolvedNode = node(chain === undefined ? schema : chain.at(-1)!);
        for (const key of Object.keys(value)) {
          const child = childSchema(resolvedNode, key);
          if (child !== undefined && hasRules(child)) this.run(child, value[key], [...path, key]);
        }
      } else {
        for (const [key, child] of resolved.fields) {
          if (Object.hasOwn(value, key)) this.run(child, value[key], [...path, key]);
        }
      }
    } else if (resolved?.items !== undefined && Array.isArray(value)) {
      for (const [index, element] of value.entries()) this.run(resolved.items, element, [...path, index]);
    }
    const links = chain ?? [schema];
    if (links.every((link) => (rulePlanOf(link)?.rules.length ?? 0) === 0)) return;
    const nodeRun = new NodeRun(this, path);
    for (const link of links) {
      for (const rule of (rulePlanOf(link)?.rules ?? []) as Rule<Context>[]) rule(value, path, nodeRun);
    }
  }
}

/** What the rule walk needs of a schema node that has rules at or inside it, worked out once. */
type RulePlan = {
  readonly isUnion: boolean;
  readonly rules: readonly Rule<never>[];
  /** Declared fields with rules at or inside them. */
  readonly fields: readonly [string, TSchema][];
  /** Whether fields not declared (a map's entries) may have rules. */
  readonly otherFields: boolean;
  /** The items' schema, when the items have rules. */
  readonly items: TSchema | undefined;
};

const rulePlans = new WeakMap<TSchema, RulePlan | null>();

function rulePlanOf(schema: TSchema): RulePlan | undefined {
  let plan = rulePlans.get(schema);
  if (plan === undefined) {
    const n = node(schema);
    const { patternProperties = {}, additionalProperties } = n;
    plan = hasRules(schema)
      ? {
          isUnion: n.oneOf !== undefined && n.discriminator !== undefined,
          rules: annotations(schema)[RULES] ?? [],
          fields: Object.entries(n.properties ?? {}).filter(([, child]) => hasRules(child)),
          otherFields:
            Object.values(patternProperties).some(hasRules) ||
            (typeof additionalProperties === "object" && hasRules(additionalProperties)),
          items: n.items !== undefined && hasRules(n.items) ? n.items : undefined,
        }
      : null;
    rulePlans.set(schema, plan);
  }
  return plan ?? undefined;
}

/** What the rules of one node may do: report after that node, ask, run a schema's rules. */
class NodeRun<Context> implements RuleRun<Context> {
  private readonly runner: RuleRunner<Context>;
  private readonly path: JsonPath;

  constructor(runner: RuleRunner<Context>, path: JsonPath) {
    this.runner = runner;
    this.path = path;
  }

  get context(): Context {
    return this.runner.context;
  }

  report(path: JsonPath, message: string, after: JsonPath = this.path): void {
    this.runner.report(path, message, after);
  }

  isValid(path: JsonPath): boolean {
    return this.runner.isValid(path);
  }

  runRules(schema: TSchema, value: unknown, path: JsonPath): void {
    this.runner.run(schema, value, path);
  }

  checkValue(schema: TSchema, value: unknown, path: JsonPath): void {
    const validate = validatorOf(schema);
    const findings = validate(value) ? undefined : findingsOf(validate.errors ?? []);
    const inner = new RuleRunner(this.runner.context, findings);
    inner.run(schema, value, []);
    if (findings === undefined && inner.listedAfter === undefined) return;
    for (const problem of listProblemsAt(schema, value, findings, inner.listedAfter ?? new Map())) {
      this.report([...path, ...problem.path], problem.message);
    }
  }
}

/** Lists the problems in reading order (see the top of this file). */
function listProblems(
  schema: TSchema,
  document: unknown,
  findings: SchemaFindings | undefined,
  listedAfter: ReadonlyMap<string, readonly Listed[]>,
  basePath: JsonPath,
): FieldError[] {
  return listProblemsAt(schema, document, findings, listedAfter).map((problem) => ({
    path: formatPath([...basePath, ...problem.path]),
    message: problem.message,
  }));
}

/** The problems in reading order, each with its path as keys from the document's root. */
function listProblemsAt(
  schema: TSchema,
  document: unknown,
  findings: SchemaFindings | undefined,
  listedAfter: ReadonlyMap<string, readonly Listed[]>,
): Listed[] {
  const problems: Listed[] = [];
  const seen = new Set<string>();
  const add = (path: JsonPath, message: string) => {
    const key = `${formatPath(path)}\u0000${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    problems.push({ path, message });
  };
  const visit = (fieldSchema: TSchema, value: unknown, path: JsonPath) => {
    const pointer = pointerOf(path);
    if (findings?.badValues.has(pointer)) add(path, expectation(fieldSchema, value));
    const resolved = node(chosenVariant(fieldSchema, value));
    if (isPlainObject(value)) {
      const unknown = findings?.unknownFields.get(pointer);
      const missing = findings?.missingFields.get(pointer);
      for (const key of Object.keys(value)) {
        if (unknown?.has(key)) add([...path, key], `unknown field ${describeValue(key)}`);
      }
      const known = resolved.properties ?? {};
      for (const [key, child] of Object.entries(known)) {
        if (missing?.has(key)) add([...path, key], "is required");
        else if (Object.hasOwn(value, key)) visit(child, value[key], [...path, key]);
      }
      for (const key of Object.keys(value)) {
        if (Object.hasOwn(known, key)) continue;
        const child = childSchema(resolved, key);
        if (child !== undefined) visit(child, value[key], [...path, key]);
      }
    } else if (Array.isArray(value) && resolved.items !== undefined) {
      for (const [index, element] of value.entries()) visit(resolved.items, element, [...path, index]);
    }
    for (const listed of listedAfter.get(pointer) ?? []) add(listed.path, listed.message);
  };
  visit(schema, document, []);
  // A rule may list a problem after a node the document does not have (a
  // field a charge has, priced in another currency); such problems come last.
  for (const listed of listedAfter.values()) for (const problem of listed) add(problem.path, problem.message);
  return problems;
}

/**
 * `document` with the optional fields that hold null left out, for a document
 * where null means "not given" (a scenario file). Fields that may be null keep
 * it, and so do the entries of a map. Nothing is copied unless a field is left out.
 */
function withoutNullFields(schema: TSchema, value: unknown): unknown {
  if (!mayLeaveOutNulls(schema)) return value;
  const resolved = node(chosenVariant(schema, value));
  if (Array.isArray(value)) {
    const items = resolved.items;
    if (items === undefined) return value;
    let copy: unknown[] | undefined;
    value.forEach((element, index) => {
      const cleaned = withoutNullFields(items, element);
      if (cleaned !== element) {
        copy ??= [...value];
        copy[index] = cleaned;
      }
    });
    return copy ?? value;
  }
  if (!isPlainObject(value)) return value;
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(value)) {
    const field = value[key];
    const declared = resolved.properties !== undefined && Object.hasOwn(resolved.properties, key);
    if (field === null && declared && !(resolved.required ?? []).includes(key)) {
      if (!acceptsNull(resolved.properties![key]!)) {
        copy ??= { ...value };
        delete copy[key];
      }
      continue;
    }
    if (typeof field !== "object" || field === null) continue;
    const child = childSchema(resolved, key);
    if (child === undefined) continue;
    const cleaned = withoutNullFields(child, field);
    if (cleaned !== field) {
      copy ??= { ...value };
      copy[key] = cleaned;
    }
  }
  return copy ?? value;
}

function acceptsNull(schema: TSchema): boolean {
  const { type, anyOf } = node(schema);
  if (type === undefined && anyOf === undefined) return true;
  return (
    type === "null" || (Array.isArray(type) && type.includes("null")) || (anyOf?.some(acceptsNull) ?? false)
  );
}

export type CheckOptions = {
  /** Where the document sits, for the paths of its problems (`["events", 3]`). */
  readonly basePath?: JsonPath;
  /** Reads an optional field holding null as left out (the scenario format's rule). */
  readonly nullMeansLeftOut?: boolean;
};

export type Checked<Schema extends TSchema> =
  | { readonly ok: true; readonly value: Static<Schema> }
  | { readonly ok: false; readonly problems: FieldError[] };

/**
 * Checks `document` against `schema` and its rules. Every problem is
 * reported, each by its path; a rule runs even where other parts of the
 * document are wrong, so that one run names everything there is to fix.
 */
export function checkDocument<Schema extends TSchema, Context>(
  schema: Schema,
  document: unknown,
  context: Context,
  options: CheckOptions = {},
): Checked<Schema> {
  const value = options.nullMeansLeftOut === true ? withoutNullFields(schema, document) : document;
  const validate = validatorOf(schema);
  const findings = validate(value) ? undefined : findingsOf(validate.errors ?? []);
  const runner = new RuleRunner(context, findings);
  runner.run(schema, value, []);
  if (findings === undefined && runner.listedAfter === undefined) {
    return { ok: true, value: value as Static<Schema> };
  }
  return {
    ok: false,
    problems: listProblems(schema, value, findings, runner.listedAfter ?? new Map(), options.basePath ?? []),
  };
}

/**
 * The problems the rules of `schema`'s nodes find in a document the schema
 * already accepts (an API body Fastify validated), each by its path under
 * `basePath`.
 */
export function ruleProblems<Schema extends TSchema, Context>(
  schema: Schema,
  document: Static<Schema>,
  context: Context,
  basePath: JsonPath = [],
): FieldError[] {
  const runner = new RuleRunner(context, undefined);
  runner.run(schema, document, []);
  if (runner.listedAfter === undefined) return [];
  return listProblems(schema, document, undefined, runner.listedAfter, basePath);
}
