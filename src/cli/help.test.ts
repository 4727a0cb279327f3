// `fairbill --help` and each command's `--help` answer from the command
// definitions alone: the application (its domains, the database, Fastify) is
// loaded only when a command runs. Checked by recording every module of this
// project the process loads, not by timing it.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const main = new URL("./main.ts", import.meta.url).pathname;
const recorder = new URL("../../test/support/record-loaded-modules.ts", import.meta.url).href;

async function modulesLoadedFor(commandArguments: string[]): Promise<{ stdout: string; loaded: string[] }> {
  const { stdout, stderr } = await run(process.execPath, ["--import", recorder, main, ...commandArguments]);
  const loaded = stderr
    .split("\n")
    .filter((line) => line.startsWith("loaded "))
    .map((line) => line.slice("loaded ".length));
  return { stdout, loaded };
}

// The command definitions may use the CLI's own helpers, the error type and the list of roles; nothing else.
const applicationModule = /\/src\/(?!cli\/|platform\/errors\.ts$|platform\/auth\/roles\.ts$)/;

describe("fairbill --help", () => {
  it("lists the commands without loading the application", async () => {
    const { stdout, loaded } = await modulesLoadedFor(["--help"]);
    expect(stdout).toContain("serve");
    expect(stdout).toContain("simulate");
    expect(loaded.some((url) => url.endsWith("/src/cli/main.ts"))).toBe(true);
    expect(loaded.filter((url) => applicationModule.test(url))).toEqual([]);
  }, 30_000);

  it.each([["serve"], ["catalog", "apply"], ["keys", "create"], ["backtest"]])(
    "answers `%s --help` without loading the application",
    async (...command) => {
      const { stdout, loaded } = await modulesLoadedFor([...command, "--help"]);
      expect(stdout).toContain("Usage: fairbill");
      expect(loaded.filter((url) => applicationModule.test(url))).toEqual([]);
    },
    30_000,
  );
});
