import { Type } from "typebox";
import { describe, expect, it } from "vitest";
import {
  checkDocument,
  discriminatedUnion,
  formatPath,
  refine,
  ruleProblems,
  withMessage,
  withRules,
} from "./document-checks.ts";

function problemsOf(result: ReturnType<typeof checkDocument>): string[] {
  return result.ok ? [] : result.problems.map((problem) => `${problem.path}: ${problem.message}`);
}

describe("paths", () => {
  it("print as JSON paths, quoting keys that are not identifiers", () => {
    expect(formatPath(["plans", 0, "model name"])).toBe('$.plans[0]["model name"]');
    expect(formatPath([])).toBe("$");
  });
});

describe("objects", () => {
  const plan = withRules(
    Type.Object(
      {
        code: Type.String({ minLength: 1 }),
        interval_count: Type.Optional(Type.Integer({ minimum: 1 })),
        cap: Type.Union([Type.Integer(), Type.Null()]),
      },
      { additionalProperties: false },
    ),
    (_value, path, run) => {
      if (run.isValid(path)) run.report([...path, "code"], "is checked last, when the rest is valid");
    },
  );

  it("report every problem in reading order: unknown fields, then fields in the schema's order", () => {
    expect(problemsOf(checkDocument(plan, { colour: "red", cap: "x", interval_count: 0 }, {}))).toEqual([
      '$.colour: unknown field "colour"',
      "$.code: is required",
      "$.interval_count: must be at least 1, not 0",
      '$.cap: must be an integer, not "x"',
    ]);
  });

  it("run a node's rules once its fields are checked", () => {
    expect(problemsOf(checkDocument(plan, { code: "pro", cap: null }, {}))).toEqual([
      "$.code: is checked last, when the rest is valid",
    ]);
  });

  it("read an optional null as left out when asked, and keep null where it is allowed", () => {
    const loose = Type.Object(
      {
        code: Type.String(),
        interval_count: Type.Optional(Type.Integer()),
        cap: Type.Union([Type.Integer(), Type.Null()]),
      },
      { additionalProperties: false },
    );
    expect(
      checkDocument(loose, { code: "pro", interval_count: null, cap: null }, {}, { nullMeansLeftOut: true }),
    ).toEqual({
      ok: true,
      value: { code: "pro", cap: null },
    });
    expect(problemsOf(checkDocument(loose, { code: "pro", interval_count: null, cap: null }, {}))).toEqual([
      "$.interval_count: must be an integer, not null",
    ]);
  });

  it("name the place of a document inside another", () => {
    const result = checkDocument(Type.Object({ id: Type.String() }), {}, {}, { basePath: ["events", 3] });
    expect(problemsOf(result)).toEqual(["$.events[3].id: is required"]);
  });
});

describe("messages and refinements", () => {
  const Percent = refine(
    withMessage(
      Type.String({ pattern: "^[0-9]+$" }),
      (value) => `must be a whole percent, not ${JSON.stringify(value)}`,
    ),
    (value) => Number(value) <= 100,
  );

  it("word a node's problems with its own message, for the schema's refusals and the refinement's alike", () => {
    const document = Type.Object({ percent: Percent, other: Percent });
    expect(problemsOf(checkDocument(document, { percent: "x", other: "120" }, {}))).toEqual([
      '$.percent: must be a whole percent, not "x"',
      '$.other: must be a whole percent, not "120"',
    ]);
  });
});

describe("discriminated unions", () => {
  const change = discriminatedUnion("type", [
    Type.Object(
      { type: Type.Literal("cancel"), mode: Type.Union([Type.Literal("now"), Type.Literal("later")]) },
      { additionalProperties: false },
    ),
    Type.Object({ type: Type.Literal("pause") }, { additionalProperties: false }),
  ]);

  it("name the tag alone when it is missing or unknown, and check the variant it chooses", () => {
    const problems = (value: unknown) => problemsOf(checkDocument(change, value, {}));
    expect(problems({})).toEqual(["$.type: is required"]);
    expect(problems({ type: "stop", extra: 1 })).toEqual([
      '$.type: must be one of "cancel", "pause", not "stop"',
    ]);
    expect(problems({ type: "pause", extra: 1 })).toEqual(['$.extra: unknown field "extra"']);
    expect(problems({ type: "cancel" })).toEqual(["$.mode: is required"]);
    expect(problems(5)).toEqual(["$: must be an object, not 5"]);
  });
});

describe("rules", () => {
  const list = withRules(Type.Array(Type.Object({ id: Type.String() })), (value, path, run) => {
    if (!Array.isArray(value)) return;
    value.forEach((_element, index) => {
      if (index > 0) run.report([...path, index, "id"], "is not the first", [...path, index]);
    });
  });

  it("list a problem after the node it names, when the rule says so", () => {
    expect(problemsOf(checkDocument(list, [{ id: "a" }, { id: 1 }, { id: "c" }], {}))).toEqual([
      "$[1].id: must be a string, not 1",
      "$[1].id: is not the first",
      "$[2].id: is not the first",
    ]);
  });

  it("run on a document the API has already validated", () => {
    expect(ruleProblems(list, [{ id: "a" }, { id: "b" }], {}, ["charges"])).toEqual([
      { path: "$.charges[1].id", message: "is not the first" },
    ]);
  });
});
