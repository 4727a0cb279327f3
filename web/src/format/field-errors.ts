// The API names each bad field by its JSON path ("$.billing_address.country",
// "$.tax_ids[0].value"); a form names its inputs by the same path without the
// "$." so that each message lands next to its input.
import type { FieldError } from "../api/api-error.ts";

export type FieldErrorMap = Record<string, string>;

/** "$.tax_ids[0].value" → "tax_ids.0.value"; query and path parameters keep their prefix. */
export function fieldNameOfPath(path: string): string {
  return path
    .replace(/^\$\.?/, "")
    .replace(/\[(\d+)\]/g, ".$1")
    .replace(/\["([^"]+)"\]/g, ".$1")
    .replace(/^\./, "");
}

/** The first message for each field, by field name. */
export function fieldErrorMap(errors: FieldError[]): FieldErrorMap {
  const map: FieldErrorMap = {};
  for (const error of errors) {
    const name = fieldNameOfPath(error.path);
    map[name] ??= error.message;
  }
  return map;
}

/** Errors whose field the form has no input for, to be shown above the form. */
export function unplacedFieldErrors(errors: FieldError[], placed: ReadonlySet<string>): FieldError[] {
  return errors.filter((error) => !placed.has(fieldNameOfPath(error.path)));
}
