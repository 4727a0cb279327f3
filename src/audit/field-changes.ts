// A field-level diff of two JSON values, for the audit log: which fields an
// entry's change added, removed or changed, each by its JSON path, so that a
// reader sees "$.email changed" rather than two whole objects to compare.
import { canonicalJson } from "../platform/canonical-json.ts";

export type FieldChange = {
  path: string;
  change: "added" | "removed" | "changed";
  /** The value before; null when the field was added. */
  before: unknown;
  /** The value after; null when the field was removed. */
  after: unknown;
};

/**
 * Every leaf that differs between `before` and `after`. Objects are compared
 * key by key and arrays element by element, so a changed tier price shows as
 * `$.charges[1].tiers[0].unit_price`, not as a changed charge list.
 */
export function fieldChanges(before: unknown, after: unknown, path = "$"): FieldChange[] {
  // An entry that creates or removes an object lists its fields one by one.
  if (path === "$" && before === null && isPlainObject(after)) return fieldChanges({}, after, path);
  if (path === "$" && after === null && isPlainObject(before)) return fieldChanges(before, {}, path);
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...Object.keys(before), ...Object.keys(after).filter((key) => !(key in before))];
    return keys.flatMap((key) => {
      const childPath = `${path}${formatKey(key)}`;
      if (!(key in after))
        return [{ path: childPath, change: "removed" as const, before: before[key], after: null }];
      if (!(key in before))
        return [{ path: childPath, change: "added" as const, before: null, after: after[key] }];
      return fieldChanges(before[key], after[key], childPath);
    });
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const changes: FieldChange[] = [];
    for (let index = 0; index < Math.max(before.length, after.length); index++) {
      const childPath = `${path}[${index}]`;
      if (index >= after.length)
        changes.push({ path: childPath, change: "removed", before: before[index], after: null });
      else if (index >= before.length)
        changes.push({ path: childPath, change: "added", before: null, after: after[index] });
      else changes.push(...fieldChanges(before[index], after[index], childPath));
    }
    return changes;
  }
  if (before === undefined || before === null) {
    if (after === undefined || after === null) return [];
    return [{ path, change: "added", before: null, after }];
  }
  if (after === undefined || after === null) return [{ path, change: "removed", before, after: null }];
  return canonicalJson(before) === canonicalJson(after) ? [] : [{ path, change: "changed", before, after }];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function formatKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}
