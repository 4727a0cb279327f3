// A small schema library for validating JSON documents: each schema checks a
// value, reports every problem it finds with the value's JSON path, and returns
// the typed, converted value (or INVALID). The types of parsed documents are
// inferred from the schemas, so the checks and the types cannot drift apart.

/** A JSON path, built as a linked list so that nothing is formatted unless an error is reported. */
export type JsonPath = { readonly parent: JsonPath | undefined; readonly key: string | number };

export const ROOT: JsonPath = { parent: undefined, key: "$" };

export function childPath(parent: JsonPath, key: string | number): JsonPath {
  return { parent, key };
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `$.plans[0].charges[1].tiers`; keys that are not identifiers are quoted: `$.filters["model name"]`. */
export function formatPath(path: JsonPath): string {
  const parts: string[] = [];
  for (let node: JsonPath | undefined = path; node !== undefined; node = node.parent) {
    if (node.parent === undefined) parts.push(String(node.key));
    else if (typeof node.key === "number") parts.push(`[${node.key}]`);
    else parts.push(IDENTIFIER.test(node.key) ? `.${node.key}` : `[${JSON.stringify(node.key)}]`);
  }
  return parts.reverse().join("");
}

export type ValidationIssue = { readonly path: string; readonly message: string };

/** Collects the issues of one validation run. */
export class IssueCollector {
  readonly issues: ValidationIssue[] = [];

  report(path: JsonPath, message: string): void {
    this.issues.push({ path: formatPath(path), message });
  }
}

export const INVALID: unique symbol = Symbol("invalid");
export type Invalid = typeof INVALID;

/** Checks `value` at `path`, reports what is wrong to `issues`, returns the parsed value or INVALID. */
export type Schema<T> = (value: unknown, path: JsonPath, issues: IssueCollector) => T | Invalid;

export type Parsed<S> = S extends Schema<infer T> ? T : never;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A JSON value for an error message: `"api"`, `13`, `null`. */
export function describe(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

// ---- Scalars ----------------------------------------------------------------

export const anyValue: Schema<unknown> = (value) => value;

export const nonEmptyText: Schema<string> = (value, path, issues) => {
  if (typeof value === "string" && value.length > 0) return value;
  issues.report(path, `must be a non-empty string, not ${describe(value)}`);
  return INVALID;
};

export const boolean: Schema<boolean> = (value, path, issues) => {
  if (typeof value === "boolean") return value;
  issues.report(path, `must be true or false, not ${describe(value)}`);
  return INVALID;
};

export function integer(bounds: { min?: number; max?: number } = {}): Schema<number> {
  return (value, path, issues) => {
    if (typeof value !== "number" || !Number.isSafeInteger(value)) {
      issues.report(path, `must be an integer, not ${describe(value)}`);
      return INVALID;
    }
    if (bounds.min !== undefined && value < bounds.min) {
      issues.report(path, `must be at least ${bounds.min}, not ${value}`);
      return INVALID;
    }
    if (bounds.max !== undefined && value > bounds.max) {
      issues.report(path, `must be at most ${bounds.max}, not ${value}`);
      return INVALID;
    }
    return value;
  };
}

export function oneOf<const Values extends readonly (string | number)[]>(
  values: Values,
  hint?: string,
): Schema<Values[number]> {
  const allowed = new Set<unknown>(values);
  return (value, path, issues) => {
    if (allowed.has(value)) return value as Values[number];
    const choices = values.map((choice) => JSON.stringify(choice)).join(", ");
    issues.report(
      path,
      `must be one of ${choices}, not ${describe(value)}${hint === undefined ? "" : ` (${hint})`}`,
    );
    return INVALID;
  };
}

/** Accepts null as well as what `schema` accepts. */
export function nullable<T>(schema: Schema<T>): Schema<T | null> {
  return (value, path, issues) => (value === null ? null : schema(value, path, issues));
}

/** Runs `check` on a value `schema` accepted; `check` reports its own issues and returns false when it did. */
export function refine<T>(
  schema: Schema<T>,
  check: (value: T, path: JsonPath, issues: IssueCollector) => boolean,
): Schema<T> {
  return (value, path, issues) => {
    const parsed = schema(value, path, issues);
    if (parsed === INVALID) return INVALID;
    return check(parsed, path, issues) ? parsed : INVALID;
  };
}

// ---- Arrays -------------------------------------------------------------------

export function array<T>(
  item: Schema<T>,
  options: {
    nonEmpty?: boolean;
    /** A field of each element that must be unique (checked on the raw elements, so it is reported even when an element is otherwise wrong). */
    uniqueBy?: { field: string; label: string };
  } = {},
): Schema<T[]> {
  return (value, path, issues) => {
    if (!Array.isArray(value)) {
      issues.report(path, `must be an array, not ${describe(value)}`);
      return INVALID;
    }
    if (options.nonEmpty === true && value.length === 0) {
      issues.report(path, "must not be empty");
      return INVALID;
    }
    let valid = true;
    const parsed: T[] = [];
    const firstIndexByKey = new Map<unknown, number>();
    for (const [index, element] of value.entries()) {
      const elementPath = childPath(path, index);
      const result = item(element, elementPath, issues);
      if (result === INVALID) valid = false;
      else parsed.push(result);
      if (options.uniqueBy !== undefined && isPlainObject(element)) {
        const { field, label } = options.uniqueBy;
        const key = element[field];
        if (typeof key !== "string") continue;
        const firstIndex = firstIndexByKey.get(key);
        if (firstIndex === undefined) {
          firstIndexByKey.set(key, index);
        } else {
          issues.report(
            childPath(elementPath, field),
            `duplicate ${label} ${describe(key)} (also at index ${firstIndex})`,
          );
          valid = false;
        }
      }
    }
    return valid ? parsed : INVALID;
  };
}

// ---- Objects ------------------------------------------------------------------

type Presence = "required" | "optional";

export type Field<T, P extends Presence = Presence> = {
  readonly schema: Schema<T>;
  readonly presence: P;
};

export function required<T>(schema: Schema<T>): Field<T, "required"> {
  return { schema, presence: "required" };
}

/** A field that may be left out; `null` counts as left out. */
export function optional<T>(schema: Schema<T>): Field<T, "optional"> {
  return { schema, presence: "optional" };
}

type Shape = Record<string, Field<unknown>>;

type FieldValue<F> = F extends Field<infer T> ? T : never;

type Simplify<T> = { [K in keyof T]: T[K] } & {};

export type ObjectOf<S extends Shape> = Simplify<
  { [K in keyof S as S[K]["presence"] extends "required" ? K : never]: FieldValue<S[K]> } & {
    [K in keyof S as S[K]["presence"] extends "required" ? never : K]?: FieldValue<S[K]>;
  }
>;

export type ObjectOptions = {
  /** Keys that may appear and are skipped without validation. */
  readonly ignoredFields?: readonly string[];
};

/**
 * Validates every field of an object, whether or not another one is wrong, and
 * reports fields the shape does not know. Returns the valid fields even when
 * some are not, so that a caller can go on checking what depends on them.
 */
export function objectFields<S extends Shape>(
  shape: S,
  options: ObjectOptions = {},
): (
  value: unknown,
  path: JsonPath,
  issues: IssueCollector,
) => { valid: boolean; fields: Partial<ObjectOf<S>> } | Invalid {
  const fields = Object.entries(shape);
  const knownNames = new Set(fields.map(([name]) => name));
  const ignored = new Set(options.ignoredFields ?? []);
  // A field named like a property every object inherits ("constructor") must be
  // looked up as an own property; other names can be read directly, which is
  // faster on the path that validates each usage event.
  const needsOwnCheck = fields.some(([name]) => name in Object.prototype);
  return (value, path, issues) => {
    if (!isPlainObject(value)) {
      issues.report(path, `must be an object, not ${describe(value)}`);
      return INVALID;
    }
    let valid = true;
    for (const key in value) {
      if (!knownNames.has(key) && !ignored.has(key)) {
        issues.report(childPath(path, key), `unknown field ${describe(key)}`);
        valid = false;
      }
    }
    const parsedFields: Record<string, unknown> = {};
    for (const [name, field] of fields) {
      const fieldValue = needsOwnCheck && !Object.hasOwn(value, name) ? undefined : value[name];
      if (fieldValue === undefined || (fieldValue === null && field.presence === "optional")) {
        if (field.presence === "required") {
          issues.report(childPath(path, name), "is required");
          valid = false;
        }
        continue;
      }
      const parsed = field.schema(fieldValue, childPath(path, name), issues);
      if (parsed === INVALID) valid = false;
      else parsedFields[name] = parsed;
    }
    return { valid, fields: parsedFields as Partial<ObjectOf<S>> };
  };
}

/** An object whose fields all pass their schemas; see objectFields. */
export function object<S extends Shape>(shape: S, options: ObjectOptions = {}): Schema<ObjectOf<S>> {
  const validateFields = objectFields(shape, options);
  return (value, path, issues) => {
    const result = validateFields(value, path, issues);
    if (result === INVALID || !result.valid) return INVALID;
    return result.fields as ObjectOf<S>;
  };
}

/** Any JSON object, taken as it is (event properties: free-form by design). */
export const anyObject: Schema<Readonly<Record<string, unknown>>> = (value, path, issues) => {
  if (isPlainObject(value)) return value;
  issues.report(path, `must be an object, not ${describe(value)}`);
  return INVALID;
};

/** An object with arbitrary keys, each value checked by `schema`. */
export function record<T>(schema: Schema<T>): Schema<Record<string, T>> {
  return (value, path, issues) => {
    if (!isPlainObject(value)) {
      issues.report(path, `must be an object, not ${describe(value)}`);
      return INVALID;
    }
    let valid = true;
    const parsed: Record<string, T> = {};
    for (const key in value) {
      const result = schema(value[key], childPath(path, key), issues);
      if (result === INVALID) valid = false;
      else parsed[key] = result;
    }
    return valid ? parsed : INVALID;
  };
}

/**
 * A union told apart by one field (`type`, `model`): the field picks the schema
 * that validates the whole object.
 */
export function variants<const Tag extends string, const Schemas extends Record<string, Schema<unknown>>>(
  tag: Tag,
  schemas: Schemas,
): Schema<Parsed<Schemas[keyof Schemas]>> {
  const choices = Object.keys(schemas);
  return (value, path, issues) => {
    if (!isPlainObject(value)) {
      issues.report(path, `must be an object, not ${describe(value)}`);
      return INVALID;
    }
    const tagValue = value[tag];
    if (tagValue === undefined) {
      issues.report(childPath(path, tag), "is required");
      return INVALID;
    }
    const schema =
      typeof tagValue === "string" && Object.hasOwn(schemas, tagValue) ? schemas[tagValue] : undefined;
    if (schema === undefined) {
      const expected = choices.map((choice) => JSON.stringify(choice)).join(", ");
      issues.report(childPath(path, tag), `must be one of ${expected}, not ${describe(tagValue)}`);
      return INVALID;
    }
    return schema(value, path, issues) as Parsed<Schemas[keyof Schemas]> | Invalid;
  };
}

/** A field that must hold exactly one value, the tag of a variant. */
export function literal<const Value extends string>(expected: Value): Schema<Value> {
  return (value, path, issues) => {
    if (value === expected) return expected;
    issues.report(path, `must be ${JSON.stringify(expected)}, not ${describe(value)}`);
    return INVALID;
  };
}
