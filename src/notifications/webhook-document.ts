// What a webhook receiver gets, written down: the `webhooks` section of the
// OpenAPI document (one POST per event type: the signature headers, the
// envelope that webhookBody writes, and its `data` as a reference to the
// object's component schema), and the check that a payload is what its type
// declares.
import type { TSchema } from "typebox";
import type { FieldError } from "../platform/errors.ts";
import { compileOutputValidator, toFieldErrors } from "../platform/http/validation.ts";
import { defaultTimeoutMilliseconds, webhookRetryDelaysSeconds } from "./webhook-delivery.ts";
import type { WebhookCatalogue } from "./webhook-event-types.ts";

type JsonSchema = Record<string, unknown>;

/** The OpenAPI document's additions for webhooks: its `webhooks` and the component schemas they name. */
export type WebhookDocument = {
  webhooks: Record<string, unknown>;
  schemas: Record<string, JsonSchema>;
};

const componentPrefix = "#/components/schemas/";

export function webhookDocument(catalogue: WebhookCatalogue): WebhookDocument {
  const names = namedSchemas(catalogue.events.map((event) => event.payload));
  const schemas: Record<string, JsonSchema> = {};
  for (const [schema, name] of names) schemas[name] = documentSchema(schema, names, true) as JsonSchema;
  const webhooks: Record<string, unknown> = {};
  for (const event of catalogue.events) {
    webhooks[event.type] = {
      post: {
        operationId: `webhook_${event.type.replace(".", "_")}`,
        tags: ["Webhooks"],
        summary: event.type,
        description: event.description,
        security: [],
        parameters: signatureHeaders,
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: envelopeSchema(event.type, documentSchema(event.payload, names, false)),
            },
          },
        },
        responses: {
          "2XX": {
            description:
              `Received. Any other answer, or none within ${defaultTimeoutMilliseconds / 1000} seconds, ` +
              "is retried after " +
              `${webhookRetryDelaysSeconds.map(describeDelay).join(", ")}; ` +
              "a receiver may get an event more than once and should skip an id it has seen.",
          },
        },
      },
    };
  }
  return { webhooks, schemas };
}

function envelopeSchema(type: string, data: unknown): JsonSchema {
  return {
    type: "object",
    required: ["id", "type", "timestamp", "data"],
    properties: {
      id: {
        type: "string",
        description: "the event's id, the same as the webhook-id header and on every attempt",
        examples: ["wev_01JDQ9ZK4M8T2V6XQ3R7B5N1HC"],
      },
      type: { type: "string", const: type },
      timestamp: { type: "string", format: "date-time", description: "when the change happened" },
      data,
    },
  };
}

const signatureHeaders = [
  {
    name: "webhook-id",
    in: "header",
    required: true,
    description: "the event's id: the same on every attempt, for receivers to skip a repeat",
    schema: { type: "string" },
  },
  {
    name: "webhook-timestamp",
    in: "header",
    required: true,
    description: "when this attempt was signed, in Unix seconds; refuse one far from your clock",
    schema: { type: "string" },
  },
  {
    name: "webhook-signature",
    in: "header",
    required: true,
    description:
      "Standard Webhooks signatures (v1,<base64 HMAC-SHA256 of id.timestamp.body>) with the endpoint's " +
      "whsec_ secret, space-separated; two while a rotated secret is still honoured",
    schema: { type: "string" },
  },
];

function describeDelay(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${seconds / 60} min`;
  return `${seconds / 3600} h`;
}

/**
 * Every schema with a title reachable from the payloads, by its title: each
 * becomes a component, and every other place it appears refers to it. Two
 * different schemas with one title would make one name mean two things.
 */
function namedSchemas(payloads: readonly TSchema[]): Map<object, string> {
  const names = new Map<object, string>();
  const byName = new Map<string, object>();
  const visit = (value: unknown): void => {
    if (typeof value !== "object" || value === null) return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (names.has(value)) return;
    const title = (value as { title?: unknown }).title;
    if (typeof title === "string") {
      const other = byName.get(title);
      if (other !== undefined && other !== value) {
        throw new Error(`Two different schemas in webhook payloads are both titled ${title}.`);
      }
      byName.set(title, value);
      names.set(value, title);
    }
    for (const child of Object.values(value)) visit(child);
  };
  for (const payload of payloads) visit(payload);
  return names;
}

/** The schema as plain JSON for the document, with each named schema inside it a reference. */
function documentSchema(value: unknown, names: ReadonlyMap<object, string>, isComponent: boolean): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => documentSchema(item, names, false));
  const name = names.get(value);
  if (name !== undefined && !isComponent) return { $ref: `${componentPrefix}${name}` };
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => [key, documentSchema(child, names, false)]),
  );
}

const validators = new WeakMap<object, ReturnType<typeof compileOutputValidator>>();

/**
 * Why `data` is not a payload of `type` as the catalogue declares it (an
 * unknown type is one reason): empty when it is. The tests check every event
 * they publish with it.
 */
export function webhookPayloadErrors(catalogue: WebhookCatalogue, type: string, data: unknown): FieldError[] {
  const event = catalogue.find(type);
  if (event === undefined) return [{ path: "$", message: `${type} is not a declared webhook event type` }];
  let validate = validators.get(event.payload);
  if (validate === undefined) {
    validate = compileOutputValidator(event.payload);
    validators.set(event.payload, validate);
  }
  return validate(data) ? [] : toFieldErrors(validate.errors ?? [], "body");
}
