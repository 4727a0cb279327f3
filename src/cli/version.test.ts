// `fairbill --version` prints the package's version, and nothing else.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = join(import.meta.dirname, "..", "..");

describe("fairbill --version", () => {
  it("prints the version of package.json", async () => {
    const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
    for (const flag of ["--version", "-V"]) {
      const { stdout } = await run(process.execPath, [join(root, "src", "cli", "main.ts"), flag]);
      expect(stdout).toBe(`${version}\n`);
    }
  });
});
