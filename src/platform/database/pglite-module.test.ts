// The embedded database opened on pgliteModule() keeps its peak memory low: a
// process that opens a data folder and parses a few hundred statements (the
// parser is hot after the first few) stays far under the 800 MB that PGlite
// alone took when V8's optimizing compiler compiled the parser, and its
// statements answer as before. Linux only: the peak is the kernel's VmHWM.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKind } from "../../../test/support/test-database.ts";
import { openDatabase } from "./database.ts";

const dataDirectory = mkdtempSync(join(tmpdir(), "fairbill-pglite-module-"));
afterAll(() => rmSync(dataDirectory, { recursive: true, force: true }));

// What the child process runs: 300 statements on the folder, then time for any tier-up to finish.
const openAndParse = `
import { readFileSync } from "node:fs";
import { openDatabase } from "./src/platform/database/database.ts";
const handle = await openDatabase({ kind: "pglite", dataDirectory: process.env.DATA_DIRECTORY });
let answers = 0;
await handle.withRawConnection(async (connection) => {
  for (let statement = 0; statement < 300; statement++) {
    const rows = await connection.query(
      "select relname, $1::int + " + statement + " as sum from pg_class where relname = $2 order by 1 limit 1",
      [1, "pg_class"],
    );
    if (rows[0]?.sum === 1 + statement) answers++;
  }
});
await new Promise((resolve) => setTimeout(resolve, 5000));
const peakKilobytes = Number(/VmHWM:\\s+(\\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"))?.[1]);
await handle.close();
process.stdout.write(JSON.stringify({ answers, peakMegabytes: Math.round(peakKilobytes / 1024) }));
`;

async function openAndParseInAChild(): Promise<{ answers: number; peakMegabytes: number }> {
  const child = spawn(process.execPath, ["--input-type=module", "--eval", openAndParse], {
    cwd: new URL("../../..", import.meta.url),
    env: { ...process.env, DATA_DIRECTORY: dataDirectory },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  let errors = "";
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    errors += chunk.toString();
  });
  const exitCode = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (exitCode !== 0) throw new Error(`The child process ended with ${exitCode}:\n${errors}`);
  return JSON.parse(output) as { answers: number; peakMegabytes: number };
}

describe.skipIf(testDatabaseKind !== "pglite" || !existsSync("/proc/self/status"))(
  "the embedded database's module",
  () => {
    beforeAll(async () => {
      // The folder exists (initdb done) before the measured process opens it, as on a second start.
      const handle = await openDatabase({ kind: "pglite", dataDirectory });
      await handle.close();
    });

    it("keeps a process that opens a data folder and parses 300 statements under 500 MB at its peak", async () => {
      const { answers, peakMegabytes } = await openAndParseInAChild();
      expect(answers).toBe(300);
      expect(peakMegabytes).toBeLessThan(500);
    });
  },
);
