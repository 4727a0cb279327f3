// Every request's body, query and path parameters are checked and normalized
// here, once, before validation and before any use case sees them:
// - text (values and object keys) is normalized to Unicode NFC, so that an
//   accent typed two ways is one value, in names, ids and the audit chain's hash;
// - text PostgreSQL cannot store is refused: the NUL character (U+0000), and a
//   lone UTF-16 surrogate, which jsonb refuses or stores as U+FFFD (so the
//   audit chain hashed one text and kept another);
// - a number beyond a double (`1e400` reads as Infinity) is refused: JSON has
//   no Infinity, and it would be stored as null;
// - values nested deeper than 64 levels are refused.
// The walk keeps its own stack, so no input can exhaust the call stack.
// Raw bodies (a payment provider's signed webhook, read as bytes) are left as sent.
import type { FastifyInstance } from "fastify";
import { type FieldError, validationFailed } from "../errors.ts";

const maximumDepth = 64;
const maximumErrors = 20;

export function registerTextSafety(app: FastifyInstance): void {
  app.addHook("preValidation", async (request) => {
    const errors: FieldError[] = [];
    request.body = normalizedInput(request.body, "$", errors);
    request.query = normalizedInput(request.query, "query", errors);
    request.params = normalizedInput(request.params, "path", errors);
    if (errors.length > 0) throw validationFailed(errors.slice(0, maximumErrors));
  });
}

/**
 * A value still to check, and where it sits: its path is spelled out only
 * when it is refused, from the chain of its parents, since a batch of a
 * thousand events has tens of thousands of values and refuses none of them.
 */
type Pending = {
  value: unknown;
  depth: number;
  /** The object or list that holds the value, and its key there; none for the root. */
  parent: Pending | undefined;
  key: string | number;
};

/** `value` with its text in NFC (changed in place where it is an object); each refused part is added to `errors`. */
function normalizedInput(value: unknown, rootPath: string, errors: FieldError[]): unknown {
  const root: Pending = { value, depth: 0, parent: undefined, key: rootPath };
  let result = value;
  const replace = (pending: Pending, normalized: unknown) => {
    if (pending.parent === undefined) result = normalized;
    else (pending.parent.value as Record<string | number, unknown>)[pending.key] = normalized;
  };
  const pendingValues: Pending[] = [root];
  while (pendingValues.length > 0 && errors.length < maximumErrors) {
    const pending = pendingValues.pop() as Pending;
    const { value: current, depth } = pending;
    if (typeof current === "string") {
      if (plainAscii.test(current)) continue;
      const problem = textProblem(current);
      if (problem !== undefined) errors.push({ path: pathOf(pending), message: problem });
      else {
        const normalized = current.normalize("NFC");
        if (normalized !== current) replace(pending, normalized);
      }
    } else if (typeof current === "number") {
      if (!Number.isFinite(current))
        errors.push({
          path: pathOf(pending),
          message: "must be a number a JSON number can hold (up to about 1.8e308)",
        });
    } else if (current !== null && typeof current === "object" && !Buffer.isBuffer(current)) {
      if (depth >= maximumDepth) {
        errors.push({
          path: pathOf(pending),
          message: `must not nest objects and lists more than ${maximumDepth} levels deep`,
        });
      } else if (Array.isArray(current)) {
        for (let index = current.length - 1; index >= 0; index -= 1) {
          pendingValues.push({ value: current[index], depth: depth + 1, parent: pending, key: index });
        }
      } else {
        const record = current as Record<string, unknown>;
        normalizeKeys(record, pending, errors);
        const keys = Object.keys(record);
        for (let index = keys.length - 1; index >= 0; index -= 1) {
          const key = keys[index] as string;
          pendingValues.push({ value: record[key], depth: depth + 1, parent: pending, key });
        }
      }
    }
  }
  return result;
}

/** Printable ASCII, as most ids, names and keys are: already NFC, well formed and storable. */
const plainAscii = /^[\u0020-\u007e]*$/;

/** `$.events[3].properties.region`, `query.limit`: the path of a value, spelled out from its parents. */
function pathOf(pending: Pending): string {
  if (pending.parent === undefined) return String(pending.key);
  const parentPath = pathOf(pending.parent);
  return typeof pending.key === "number"
    ? `${parentPath}[${pending.key}]`
    : childPath(parentPath, pending.key);
}

/** Puts the object's keys in NFC, keeping their order; refuses a key that cannot be stored or that two keys share once normalized. */
function normalizeKeys(record: Record<string, unknown>, pending: Pending, errors: FieldError[]): void {
  const keys = Object.keys(record);
  if (
    keys.every(
      (key) => plainAscii.test(key) || (textProblem(key) === undefined && key.normalize("NFC") === key),
    )
  )
    return;
  const path = pathOf(pending);
  const entries = keys.map((key) => [key, record[key]] as const);
  for (const key of keys) delete record[key];
  for (const [key, item] of entries) {
    const problem = textProblem(key);
    if (problem !== undefined) {
      errors.push({ path: childPath(path, key), message: problem });
      continue;
    }
    const normalized = key.normalize("NFC");
    if (Object.hasOwn(record, normalized)) {
      errors.push({
        path: childPath(path, normalized),
        message: "is given twice, once with its accents composed and once decomposed",
      });
      continue;
    }
    record[normalized] = item;
  }
}

function textProblem(text: string): string | undefined {
  if (text.includes("\u0000")) return "must not contain the NUL character (U+0000)";
  if (!text.isWellFormed()) return "must not contain a lone UTF-16 surrogate (an unpaired \\ud800-\\udfff)";
  return undefined;
}

// Body paths are JSON paths; query and path parameters are named plainly, as validation names them.
function childPath(path: string, key: string): string {
  const plainName = !path.startsWith("$") || /^[A-Za-z_][A-Za-z0-9_]*$/.test(key);
  return plainName ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}
