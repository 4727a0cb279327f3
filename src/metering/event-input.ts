// Reading one event as sent: its shape (by the same schema the API documents),
// text the database can store, and its timestamp, parsed by the billing
// core's strict RFC 3339 reader. Each problem is named by its JSON path, so a
// batch can say which of its events was refused and why.
import { type Instant, parseInstant } from "../core/index.ts";
import type { FieldError } from "../platform/errors.ts";
import { strictValidatorOnFirstUse, toFieldErrors } from "../platform/http/validation.ts";
import { EventInputSchema } from "./event-schemas.ts";
import { isStorableText, unstorableTextMessage, unstorableTextPaths } from "./stored-text.ts";
import type { EventProperties } from "./tables.ts";

export type ParsedEvent = {
  /** Position in the request's list of events (0 for a single event). */
  index: number;
  id: string;
  customerExternalId: string;
  name: string;
  timestamp: Instant;
  properties: EventProperties;
};

export type EventRejection = {
  index: number;
  id: string | null;
  code: string;
  reason: string;
  path: string;
  errors: FieldError[];
};

// Compiled on the first event parsed, not when the module loads (it is a large schema; a start need not pay for it).
const shapeValidator = strictValidatorOnFirstUse(EventInputSchema);

/**
 * Parses one raw event; `path` is where it sits in the request (`$` or
 * `$.events[3]`), and `arrivedAt` the timestamp of an event that gives none.
 */
export function parseEvent(
  raw: unknown,
  index: number,
  path: string,
  arrivedAt: Instant,
): ParsedEvent | EventRejection {
  const id =
    typeof raw === "object" && raw !== null && typeof (raw as { id?: unknown }).id === "string"
      ? (raw as { id: string }).id
      : null;
  const validateShape = shapeValidator();
  if (!validateShape(raw)) {
    const errors = toFieldErrors(validateShape.errors ?? [], "body").map((error) => ({
      path: path + error.path.slice(1),
      message: error.message,
    }));
    return rejection(index, id, "invalid_event", errors);
  }
  const event = raw as {
    id: string;
    customer: string;
    name: string;
    timestamp?: string;
    properties?: EventProperties;
  };
  const textProblems: FieldError[] = [];
  for (const field of ["id", "customer", "name"] as const) {
    if (!isStorableText(event[field]))
      textProblems.push({ path: `${path}.${field}`, message: unstorableTextMessage });
  }
  for (const propertyPath of unstorableTextPaths(event.properties ?? {}, `${path}.properties`)) {
    textProblems.push({ path: propertyPath, message: unstorableTextMessage });
  }
  if (textProblems.length > 0) return rejection(index, id, "invalid_event", textProblems);
  let timestamp = arrivedAt;
  if (event.timestamp !== undefined) {
    const parsed = parseInstant(dropSubMilliseconds(event.timestamp));
    if (parsed === undefined) {
      return rejection(index, id, "invalid_event", [
        { path: `${path}.timestamp`, message: "must be an RFC 3339 timestamp such as 2026-01-15T10:00:00Z" },
      ]);
    }
    timestamp = parsed;
  }
  return {
    index,
    id: event.id,
    customerExternalId: event.customer,
    name: event.name,
    timestamp,
    properties: event.properties ?? {},
  };
}

export function isRejection(value: ParsedEvent | EventRejection): value is EventRejection {
  return "code" in value;
}

export function rejection(
  index: number,
  id: string | null,
  code: string,
  errors: FieldError[],
): EventRejection {
  const first = errors[0] ?? { path: "$", message: "is invalid" };
  return { index, id, code, reason: `${first.path} ${first.message}`, path: first.path, errors };
}

/** Producers often send microseconds or nanoseconds; the engine counts milliseconds. */
function dropSubMilliseconds(timestamp: string): string {
  return timestamp.replace(/(\.\d{3})\d+/, "$1");
}
