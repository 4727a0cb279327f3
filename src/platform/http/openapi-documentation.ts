// What the OpenAPI document says about each operation beyond its schemas:
// a description that names who may call it and how to call it safely, what
// each response status means (with the error codes it carries), and an
// example of every JSON request and success response. The examples are
// sampled from the schemas (openapi-sampler), so they use each field's own
// `examples`, `default`, `enum` or `format` and can never disagree with the
// schema they illustrate. Only the document changes: routes validate and
// answer as they did.
import { sample } from "openapi-sampler";
import { isObject, type JsonObject } from "./openapi-components.ts";

const HTTP_METHODS = new Set(["get", "put", "post", "delete", "patch", "head", "options", "trace"]);

/** What a success status means, when a route has not said more. */
const successMeanings: Record<string, string> = {
  "200": "Done: the answer is below.",
  "201": "Created: the new object is below.",
  "202": "Accepted: the work runs in the background; the answer below tells how to follow it.",
  "303": "See other: the browser is sent on to the `Location` header.",
};

/**
 * What an error status means, with the stable `code` values a client can
 * branch on. Every error is RFC 9457 problem+json; a refusal of the request's
 * fields lists each one in `errors` with its JSON path.
 */
export const errorMeanings: Record<string, string> = {
  "400":
    "The request is refused as written: `validation_failed` (each bad field in `errors`, by path), " +
    "`invalid_json`, `invalid_text`, or a rule of this operation that names the field.",
  "401":
    "Not authenticated: `unauthorized` (no key, or a key that is wrong, revoked or expired), " +
    "`session_expired`, `csrf_token_invalid` (a session's write without the X-CSRF-Token header).",
  "403":
    "Authenticated, but not allowed: `forbidden` (the key or the person's role lacks the permission named in the " +
    "operation's security), `second_factor_enrolment_required`.",
  "404":
    "`not_found`: no such object in the key's environment (another environment's objects are never visible).",
  "409":
    "The object's state does not allow it (for example a published version, a finalized invoice, a locked " +
    "period, or a change that needs a second person's approval: `approval_required`); `detail` says which.",
  "413": "`payload_too_large`: the body is over this operation's size limit.",
  "415": "`unsupported_media_type`: send `Content-Type: application/json`.",
  "422": "The request is well formed but cannot be carried out as asked; `detail` says why.",
  "429":
    "`rate_limited` (too many requests a minute for this key or address: wait the `Retry-After` seconds) " +
    "or `too_many_failed_authentications` (this address failed to authenticate too often).",
  "500": "`internal_error`: a fault of the server, logged with the request id; the request changed nothing.",
  "503":
    "The server cannot serve now: its database does not answer (`database_unavailable`) or its disk is full " +
    "(`disk_full`); nothing was written, try again shortly.",
};

/** The shared error responses' names in `components.responses`, by status. */
const errorResponseNames: Record<string, string> = {
  "400": "BadRequest",
  "401": "Unauthorized",
  "403": "Forbidden",
  "404": "NotFound",
  "409": "Conflict",
  "413": "PayloadTooLarge",
  "415": "UnsupportedMediaType",
  "422": "UnprocessableContent",
  "429": "TooManyRequests",
  "500": "InternalError",
};

const problemReference = "#/components/schemas/Problem";

/**
 * The document with every operation described, every status explained and
 * every JSON body exemplified; an error answered with the plain problem
 * document refers to the one shared response of its status.
 */
export function withOperationDocumentation<Document extends object>(document: Document): Document {
  const { paths, components } = document as JsonObject;
  if (!isObject(paths)) return document;
  const documented: JsonObject = {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) {
      documented[path] = item;
      continue;
    }
    documented[path] = Object.fromEntries(
      Object.entries(item).map(([method, operation]) => [
        method,
        HTTP_METHODS.has(method) && isObject(operation)
          ? documentedOperation(path, operation, document as JsonObject)
          : operation,
      ]),
    );
  }
  const used = new Set(JSON.stringify(documented).match(/#\/components\/responses\/[A-Za-z]+/g));
  const responses = Object.fromEntries(
    Object.entries(errorResponseNames)
      .filter(([, name]) => used.has(`#/components/responses/${name}`))
      .map(([status, name]) => [
        name,
        {
          description: errorMeanings[status],
          content: { "application/problem+json": { schema: { $ref: problemReference } } },
        },
      ]),
  );
  return {
    ...document,
    paths: documented,
    components: { ...(isObject(components) ? components : {}), responses },
  };
}

/** A reference to the shared response of `status`, when `response` is just the problem document. */
function sharedErrorResponse(status: string, response: JsonObject): JsonObject | undefined {
  const name = errorResponseNames[status];
  if (name === undefined || !isObject(response.content)) return undefined;
  const media = Object.values(response.content);
  const plain = media.every(
    (entry) => isObject(entry) && isObject(entry.schema) && entry.schema.$ref === problemReference,
  );
  const generic = response.description === undefined || response.description === "RFC 9457 problem details";
  return plain && generic && media.length > 0 ? { $ref: `#/components/responses/${name}` } : undefined;
}

function documentedOperation(path: string, operation: JsonObject, document: JsonObject): JsonObject {
  const parameters = Array.isArray(operation.parameters) ? operation.parameters.filter(isObject) : [];
  const responses = isObject(operation.responses) ? { ...operation.responses } : {};
  if (path.startsWith("/v1/") && responses["429"] === undefined) {
    const anyError = Object.entries(responses).find(([status]) => status.startsWith("4"))?.[1];
    if (anyError !== undefined) responses["429"] = anyError;
  }
  return {
    ...operation,
    description: describedOperation(operation, parameters),
    parameters: parameters.map((parameter) => exemplifiedParameter(parameter, document)),
    ...(isObject(operation.requestBody)
      ? { requestBody: exemplifiedContent(operation.requestBody, document, "request") }
      : {}),
    responses: Object.fromEntries(
      Object.entries(responses).map(([status, response]) => [
        status,
        isObject(response)
          ? (sharedErrorResponse(status, response) ?? explainedResponse(status, response, document))
          : response,
      ]),
    ),
  };
}

/** The route's own description (when it has one), then who may call it and how. */
function describedOperation(operation: JsonObject, parameters: JsonObject[]): string {
  const parts: string[] = [];
  if (typeof operation.description === "string" && operation.description.trim() !== "") {
    parts.push(operation.description.trim());
  } else if (typeof operation.summary === "string") {
    parts.push(`${operation.summary}.`);
  }
  parts.push(whoMayCall(operation.security));
  const names = new Set(parameters.map((parameter) => String(parameter.name).toLowerCase()));
  if (names.has("cursor")) {
    parts.push(
      "Answers one page, newest first: `limit` sets its size, and the page's `next_cursor`, sent back as " +
        "`cursor`, asks for the next one.",
    );
  }
  if (names.has("idempotency-key")) {
    parts.push(
      "Safe to retry: send an `Idempotency-Key` of your own, and a repeat of the request with the same key " +
        "answers the first response instead of doing it twice.",
    );
  }
  if (names.has("fairbill-reason")) {
    parts.push("A `Fairbill-Reason` header says why you make the change; the audit log keeps it.");
  }
  return parts.join("\n\n");
}

function whoMayCall(security: unknown): string {
  if (Array.isArray(security) && security.length === 0) return "Needs no authentication.";
  const scopes = new Set<string>();
  if (Array.isArray(security)) {
    for (const requirement of security) {
      if (!isObject(requirement)) continue;
      for (const granted of Object.values(requirement)) {
        if (Array.isArray(granted)) for (const scope of granted) scopes.add(String(scope));
      }
    }
  }
  if (scopes.size === 0) return "Needs an API key, or a signed-in person's session.";
  const named = [...scopes].map((scope) => `\`${scope}\``).join(", ");
  return `Needs the ${named} permission: an API key that has it, or a signed-in person whose role grants it.`;
}

function explainedResponse(status: string, response: JsonObject, document: JsonObject): JsonObject {
  const given = typeof response.description === "string" ? response.description : "";
  const generic = given === "" || given === "Default Response" || given === "RFC 9457 problem details";
  const meaning =
    status.startsWith("2") || status.startsWith("3") ? successMeanings[status] : errorMeanings[status];
  const description = generic ? (meaning ?? `Status ${status}.`) : given;
  const explained: JsonObject = { ...response, description };
  return status.startsWith("2") ? exemplifiedContent(explained, document, "response") : explained;
}

/** Adds an `example` to each JSON media type of a body or response that has none. */
function exemplifiedContent(
  holder: JsonObject,
  document: JsonObject,
  side: "request" | "response",
): JsonObject {
  if (!isObject(holder.content)) return holder;
  const content = Object.fromEntries(
    Object.entries(holder.content).map(([mediaType, media]) => {
      if (!isObject(media) || !isObject(media.schema)) return [mediaType, media];
      if (media.example !== undefined || media.examples !== undefined) return [mediaType, media];
      return [mediaType, { ...media, example: sampled(media.schema, document, side) }];
    }),
  );
  return { ...holder, content };
}

/** A parameter gets an example where its schema says more than its type (`examples`, an enum, a format). */
function exemplifiedParameter(parameter: JsonObject, document: JsonObject): JsonObject {
  if (parameter.example !== undefined || !isObject(parameter.schema)) return parameter;
  const { examples, enum: values, format } = parameter.schema;
  if (examples === undefined && values === undefined && format === undefined) return parameter;
  const example = sampled(parameter.schema, document, "request");
  return example === undefined ? parameter : { ...parameter, example };
}

function sampled(schema: JsonObject, document: JsonObject, side: "request" | "response"): unknown {
  return sample(
    schema as Parameters<typeof sample>[0],
    {
      quiet: true,
      enablePatterns: true,
      skipReadOnly: side === "request",
      skipWriteOnly: side === "response",
      maxSampleDepth: 15,
    },
    document,
  );
}
