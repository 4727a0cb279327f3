import { describe, expect, it } from "vitest";
import {
  array,
  childPath,
  formatPath,
  INVALID,
  IssueCollector,
  integer,
  nonEmptyText,
  nullable,
  object,
  oneOf,
  optional,
  ROOT,
  required,
  variants,
} from "./schema.ts";

function validate<T>(
  schema: (value: unknown, path: typeof ROOT, issues: IssueCollector) => T,
  value: unknown,
) {
  const issues = new IssueCollector();
  const result = schema(value, ROOT, issues);
  return { result, issues: issues.issues.map((issue) => `${issue.path}: ${issue.message}`) };
}

describe("paths", () => {
  it("print as JSON paths, quoting keys that are not identifiers", () => {
    const path = childPath(childPath(childPath(ROOT, "plans"), 0), "model name");
    expect(formatPath(path)).toBe('$.plans[0]["model name"]');
    expect(formatPath(ROOT)).toBe("$");
  });
});

describe("objects", () => {
  const plan = object({
    code: required(nonEmptyText),
    interval_count: optional(integer({ min: 1 })),
    cap: required(nullable(integer())),
  });

  it("report every problem: unknown fields, missing fields and bad values", () => {
    const { result, issues } = validate(plan, { interval_count: 0, colour: "red" });
    expect(result).toBe(INVALID);
    expect(issues).toEqual([
      '$.colour: unknown field "colour"',
      "$.code: is required",
      "$.interval_count: must be at least 1, not 0",
      "$.cap: is required",
    ]);
  });

  it("treat null as left out for an optional field, and as a value for a nullable one", () => {
    expect(validate(plan, { code: "pro", interval_count: null, cap: null })).toEqual({
      result: { code: "pro", cap: null },
      issues: [],
    });
  });
});

describe("arrays", () => {
  it("report duplicates by a field with the index of the first", () => {
    const codes = array(object({ code: required(nonEmptyText) }), {
      uniqueBy: { field: "code", label: "plan code" },
    });
    const { issues } = validate(codes, [{ code: "a" }, { code: "b" }, { code: "a" }]);
    expect(issues).toEqual(['$[2].code: duplicate plan code "a" (also at index 0)']);
  });
});

describe("variants", () => {
  const change = variants("type", {
    cancel: object({ type: required(oneOf(["cancel"])), mode: required(oneOf(["immediate", "period_end"])) }),
  });

  it("name the tag when it is missing or unknown", () => {
    expect(validate(change, {}).issues).toEqual(["$.type: is required"]);
    expect(validate(change, { type: "pause" }).issues).toEqual([
      '$.type: must be one of "cancel", not "pause"',
    ]);
    expect(validate(change, { type: "cancel", mode: "later" }).issues).toEqual([
      '$.mode: must be one of "immediate", "period_end", not "later"',
    ]);
  });
});
