// Closing a PostgreSQL handle whose change listener is connected finishes in a
// process where nothing else runs: the listener's socket is unref'd so that
// listening alone never keeps a process alive, and the close must hold the
// process until that connection has ended (found by bench:ingest, which died
// of an unsettled top-level await inside `handle.close()`, once the pool's
// idle connections, which had kept the process alive, had timed out after
// node-postgres's 10 s: the script waits that long too).
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { testDatabaseKind, testPostgresUrl } from "../support/test-database.ts";

const script = `
import { changeFeedOf } from "./src/platform/database/change-notifications.ts";
import { openDatabase } from "./src/platform/database/database.ts";
const handle = await openDatabase({ kind: "postgres", connectionString: process.env.DATABASE_URL });
const feed = changeFeedOf(handle.database);
const deadline = Date.now() + 10_000;
while (!feed.listening && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
console.log(feed.listening ? "listening" : "not listening");
await new Promise((resolve) => setTimeout(resolve, 11_000));
await handle.close();
console.log("closed");
`;

function runScript(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
      cwd: new URL("../..", import.meta.url).pathname,
      env: { ...process.env, DATABASE_URL: testPostgresUrl },
    });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

describe.skipIf(testDatabaseKind !== "postgres")(
  "closing a handle with its change listener connected",
  () => {
    it("ends the listener's connection and returns, the process exiting 0", async () => {
      const { code, output } = await runScript();
      expect(output).toContain("listening");
      expect(output).toContain("closed");
      expect(code).toBe(0);
    }, 30_000);
  },
);
