// The README's role table is the permission table of the code
// (src/platform/auth/roles.ts); `npm run generate:roles` writes it.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { withRoleTable } from "../../src/platform/auth/role-table.ts";

const readmePath = join(import.meta.dirname, "..", "..", "README.md");

describe("the README's role table", () => {
  it("is the one the code grants (run npm run generate:roles)", () => {
    const readme = readFileSync(readmePath, "utf8");
    expect(readme).toBe(withRoleTable(readme));
  });
});
