import { describe, expect, it } from "vitest";
import { isStorableText, unstorableTextPaths } from "./stored-text.ts";

describe("text PostgreSQL can store", () => {
  it("refuses the NUL character and a lone UTF-16 surrogate, and takes anything else", () => {
    expect(isStorableText("plain, accentué, 日本, 🙂")).toBe(true);
    expect(isStorableText("a\u0000b")).toBe(false);
    expect(isStorableText("\ud800")).toBe(false);
  });

  it("names each unstorable string and key by its path, up to the limit, and none when all is storable", () => {
    const properties = {
      region: "eu",
      nested: { list: ["ok", "bad\u0000", { deep: "\udc00" }], "odd key\u0000": 1 },
      count: 3,
    };
    expect(unstorableTextPaths(properties, "$.properties")).toEqual([
      "$.properties.nested.list[1]",
      "$.properties.nested.list[2].deep",
      '$.properties.nested["odd key\\u0000"]',
    ]);
    expect(unstorableTextPaths({ a: "\u0000", b: "\u0000", c: "\u0000" }, "$", 2)).toEqual(["$.a", "$.b"]);
    expect(unstorableTextPaths({ region: "eu", list: [1, "two", { three: null }] }, "$")).toEqual([]);
    expect(unstorableTextPaths("\u0000", "$.name")).toEqual(["$.name"]);
  });
});
