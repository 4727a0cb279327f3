// PostgreSQL text cannot hold a NUL character, and jsonb refuses a lone UTF-16
// surrogate: either would fail the insert and answer a 500. Input is checked
// for both first, so that it gets a 400 naming the field instead.

/** The paths of strings (and object keys) in `value` that PostgreSQL cannot store, at most `limit`. */
export function unstorableTextPaths(value: unknown, path: string, limit = 5): string[] {
  // Nearly every value is storable: look first without spelling out paths.
  if (!containsUnstorableText(value)) return [];
  const found: string[] = [];
  visit(value, path, found, limit);
  return found;
}

function containsUnstorableText(value: unknown): boolean {
  if (typeof value === "string") return !isStorableText(value);
  if (Array.isArray(value)) return value.some(containsUnstorableText);
  if (typeof value === "object" && value !== null) {
    for (const [key, element] of Object.entries(value)) {
      if (!isStorableText(key) || containsUnstorableText(element)) return true;
    }
  }
  return false;
}

export function isStorableText(text: string): boolean {
  return !text.includes("\u0000") && text.isWellFormed();
}

export const unstorableTextMessage = "must not contain NUL characters or unpaired UTF-16 surrogates";

function visit(value: unknown, path: string, found: string[], limit: number): void {
  if (found.length >= limit) return;
  if (typeof value === "string") {
    if (!isStorableText(value)) found.push(path);
    return;
  }
  if (Array.isArray(value)) {
    for (const [index, element] of value.entries()) visit(element, `${path}[${index}]`, found, limit);
    return;
  }
  if (typeof value === "object" && value !== null) {
    for (const [key, element] of Object.entries(value)) {
      const childPath = /^[A-Za-z_][A-Za-z0-9_]*$/.test(key)
        ? `${path}.${key}`
        : `${path}[${JSON.stringify(key)}]`;
      if (!isStorableText(key)) found.push(childPath);
      visit(element, childPath, found, limit);
    }
  }
}
