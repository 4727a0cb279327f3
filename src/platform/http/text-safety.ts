// PostgreSQL text cannot hold the NUL character (U+0000): a string with one
// would fail deep in a query as a 500. Requests are checked here first, and
// any such field is named in a 400 before a use case sees it.
import type { FastifyInstance } from "fastify";
import { type FieldError, validationFailed } from "../errors.ts";

export function registerTextSafety(app: FastifyInstance): void {
  app.addHook("preValidation", async (request) => {
    const errors: FieldError[] = [];
    collectNulCharacters(request.body, "$", errors);
    collectNulCharacters(request.query, "query", errors);
    collectNulCharacters(request.params, "path", errors);
    if (errors.length > 0) throw validationFailed(errors);
  });
}

function collectNulCharacters(value: unknown, path: string, errors: FieldError[]): void {
  if (errors.length >= 20) return;
  if (typeof value === "string") {
    if (value.includes("\u0000"))
      errors.push({ path, message: "must not contain the NUL character (U+0000)" });
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      collectNulCharacters(item, `${path}[${index}]`, errors);
    });
    return;
  }
  if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      // Body paths are JSON paths; query and path parameters are named plainly, as validation names them.
      const plainName = !path.startsWith("$") || /^[A-Za-z_][A-Za-z0-9_]*$/.test(key);
      const keyPath = plainName ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
      if (key.includes("\u0000"))
        errors.push({ path: keyPath, message: "must not contain the NUL character (U+0000)" });
      collectNulCharacters(item, keyPath, errors);
    }
  }
}
