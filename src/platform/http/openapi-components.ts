// Named components in the OpenAPI document. A schema that carries a `title`
// written as a type name (`Charge`, `Tier`, `PlanVersionContent`) becomes
// `#/components/schemas/<title>`, referenced wherever a route's schema holds
// it, so that clients generated from /openapi.json get one named type per
// shape instead of the same shape inlined in every route. Only the document
// changes: routes validate with the schemas as written. A discriminated union
// whose variants became references gets the `mapping` from each tag value to
// its variant, as generators need it; one whose variants are written inline
// loses its `discriminator` keyword in the document (OpenAPI's discriminator
// can only select a named schema), and keeps its variants.

export type JsonObject = Record<string, unknown>;

const COMPONENT_NAME = /^[A-Z][A-Za-z0-9]*$/;
const SCHEMA_MAPS = ["properties", "patternProperties", "$defs", "definitions"];
const SCHEMA_VALUES = [
  "items",
  "additionalProperties",
  "not",
  "if",
  "then",
  "else",
  "contains",
  "propertyNames",
];
const SCHEMA_LISTS = ["anyOf", "oneOf", "allOf", "prefixItems"];

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function mapValues(object: JsonObject, map: (value: unknown) => unknown): JsonObject {
  return Object.fromEntries(Object.entries(object).map(([key, value]) => [key, map(value)]));
}

/** Hoists titled schemas into `components`; returns the schema or a reference to it. */
function namedSchemas(components: JsonObject) {
  const refOf = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  const visit = (value: unknown): unknown => {
    if (!isObject(value)) return value;
    const schema: JsonObject = { ...value };
    for (const key of SCHEMA_MAPS) if (isObject(schema[key])) schema[key] = mapValues(schema[key], visit);
    for (const key of SCHEMA_VALUES) if (isObject(schema[key])) schema[key] = visit(schema[key]);
    for (const key of SCHEMA_LISTS) {
      const list = schema[key];
      if (Array.isArray(list)) schema[key] = list.map(visit);
    }
    addDiscriminatorMapping(schema, components);
    const title = schema.title;
    if (typeof title !== "string" || !COMPONENT_NAME.test(title)) return schema;
    const existing = components[title];
    if (existing === undefined) {
      components[title] = schema;
      return refOf(title);
    }
    // A different shape under a name already taken stays where it is written.
    return JSON.stringify(existing) === JSON.stringify(schema) ? refOf(title) : schema;
  };
  return visit;
}

function addDiscriminatorMapping(schema: JsonObject, components: JsonObject): void {
  const { discriminator, oneOf } = schema;
  if (!isObject(discriminator) || !Array.isArray(oneOf) || discriminator.mapping !== undefined) return;
  // An OpenAPI discriminator selects among named schemas only; variants
  // written inline are still told apart by their tag's constant value.
  if (oneOf.some((variant) => !isObject(variant) || typeof variant.$ref !== "string")) {
    delete schema.discriminator;
    return;
  }
  const tag = String(discriminator.propertyName);
  const mapping: Record<string, string> = {};
  for (const variant of oneOf) {
    if (!isObject(variant) || typeof variant.$ref !== "string") return;
    const target = components[variant.$ref.replace("#/components/schemas/", "")];
    const property = isObject(target) && isObject(target.properties) ? target.properties[tag] : undefined;
    const value = isObject(property)
      ? (property.const ?? (property.enum as unknown[] | undefined)?.[0])
      : undefined;
    if (typeof value !== "string") return;
    mapping[value] = variant.$ref;
  }
  schema.discriminator = { ...discriminator, mapping };
}

/** The OpenAPI document with its titled schemas as named components (see the top of this file). */
export function withNamedComponents<Document extends object>(document: Document): Document {
  const { components: given, paths: givenPaths } = document as JsonObject;
  const components = isObject(given) ? { ...given } : {};
  const schemas: JsonObject = isObject(components.schemas) ? { ...components.schemas } : {};
  const visit = namedSchemas(schemas);
  const paths = mapValues(isObject(givenPaths) ? givenPaths : {}, (pathItem) =>
    isObject(pathItem) ? mapValues(pathItem, (operation) => namedOperation(operation, visit)) : pathItem,
  );
  return { ...document, paths, components: { ...components, schemas } };
}

function namedOperation(operation: unknown, visit: (schema: unknown) => unknown): unknown {
  if (!isObject(operation)) return operation;
  const named: JsonObject = { ...operation };
  if (Array.isArray(named.parameters)) {
    named.parameters = named.parameters.map((parameter) =>
      isObject(parameter) && parameter.schema !== undefined
        ? { ...parameter, schema: visit(parameter.schema) }
        : parameter,
    );
  }
  const withContent = (holder: unknown, keepTop = false): unknown => {
    if (!isObject(holder) || !isObject(holder.content)) return holder;
    const named = (schema: unknown) => {
      if (!keepTop || !isObject(schema)) return visit(schema);
      const { title: _title, ...untitled } = schema;
      return {
        ...(visit(untitled) as JsonObject),
        ...(schema.title === undefined ? {} : { title: schema.title }),
      };
    };
    return {
      ...holder,
      content: mapValues(holder.content, (media) =>
        isObject(media) && media.schema !== undefined ? { ...media, schema: named(media.schema) } : media,
      ),
    };
  };
  // A request body stays written out at its top level (the operation names it), its parts become components.
  if (named.requestBody !== undefined) named.requestBody = withContent(named.requestBody, true);
  if (isObject(named.responses)) named.responses = mapValues(named.responses, withContent);
  return named;
}
