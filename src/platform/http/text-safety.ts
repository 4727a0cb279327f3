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

type Pending = { value: unknown; path: string; depth: number; replace: (value: unknown) => void };

/** `value` with its text in NFC (changed in place where it is an object); each refused part is added to `errors`. */
function normalizedInput(value: unknown, rootPath: string, errors: FieldError[]): unknown {
  let result = value;
  const pending: Pending[] = [
    {
      value,
      path: rootPath,
      depth: 0,
      replace: (normalized) => {
        result = normalized;
      },
    },
  ];
  while (pending.length > 0 && errors.length < maximumErrors) {
    const { value: current, path, depth, replace } = pending.pop() as Pending;
    if (typeof current === "string") {
      const problem = textProblem(current);
      if (problem !== undefined) errors.push({ path, message: problem });
      else replace(current.normalize("NFC"));
    } else if (typeof current === "number") {
      if (!Number.isFinite(current))
        errors.push({ path, message: "must be a number a JSON number can hold (up to about 1.8e308)" });
    } else if (current !== null && typeof current === "object" && !Buffer.isBuffer(current)) {
      if (depth >= maximumDepth) {
        errors.push({
          path,
          message: `must not nest objects and lists more than ${maximumDepth} levels deep`,
        });
      } else if (Array.isArray(current)) {
        for (let index = current.length - 1; index >= 0; index -= 1) {
          pending.push({
            value: current[index],
            path: `${path}[${index}]`,
            depth: depth + 1,
            replace: (normalized) => {
              current[index] = normalized;
            },
          });
        }
      } else {
        const record = current as Record<string, unknown>;
        normalizeKeys(record, path, errors);
        for (const key of Object.keys(record).reverse()) {
          pending.push({
            value: record[key],
            path: childPath(path, key),
            depth: depth + 1,
            replace: (normalized) => {
              record[key] = normalized;
            },
          });
        }
      }
    }
  }
  return result;
}

/** Puts the object's keys in NFC, keeping their order; refuses a key that cannot be stored or that two keys share once normalized. */
function normalizeKeys(record: Record<string, unknown>, path: string, errors: FieldError[]): void {
  const keys = Object.keys(record);
  if (keys.every((key) => textProblem(key) === undefined && key.normalize("NFC") === key)) return;
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
