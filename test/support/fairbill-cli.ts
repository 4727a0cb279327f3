// The `fairbill` command run as a process, as an operator runs it, on a data
// folder of the test file's own.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe } from "vitest";
import { openMigratedDatabase } from "../../src/app.ts";
import { findOrCreateDefaultOrganization, type Organization } from "../../src/organizations/index.ts";
import type { Clock } from "../../src/platform/clock.ts";
import type { DatabaseHandle } from "../../src/platform/database/database.ts";
import { restoreMigratedDataDirectory, testDatabaseKind } from "./test-database.ts";

const runProcess = promisify(execFile);

/** bin/fairbill.js, the command's entry point. */
const fairbillEntryPoint = new URL("../../bin/fairbill.js", import.meta.url).pathname;

/**
 * Runs `fairbill <args>` with this Node: resolves to its stdout and stderr,
 * rejects (with its exit code, stdout and stderr) when it exits non-zero.
 */
export function runFairbill(args: string[], options: { env: NodeJS.ProcessEnv; cwd?: string }) {
  return runProcess(process.execPath, [fairbillEntryPoint, ...args], options);
}

/**
 * A temporary data folder for the test file's commands, holding a freshly
 * migrated embedded database before the file's tests and removed after them;
 * `environment` runs a command on it (no DATABASE_URL), with `settings` added.
 * The commands run on their own embedded database whichever engine the suite
 * tests, so `cliDescribe` runs them once, in the PGlite half.
 */
export function dataFolderForFile(name: string, settings: Record<string, string> = {}) {
  const dataDirectory = mkdtempSync(join(tmpdir(), `fairbill-${name}-`));
  beforeAll(async () => {
    if (testDatabaseKind === "pglite") await restoreMigratedDataDirectory(dataDirectory);
  });
  afterAll(() => rmSync(dataDirectory, { recursive: true, force: true }));
  return {
    dataDirectory,
    environment: { ...process.env, FAIRBILL_DATA_DIR: dataDirectory, DATABASE_URL: "", ...settings },
    cliDescribe: describe.skipIf(testDatabaseKind !== "pglite"),
  };
}

/** Opens the data folder's embedded database for `work` on its default organization (made at `clock`'s time if missing), and closes it. */
export async function withDefaultOrganization<Result>(
  dataDirectory: string,
  clock: Clock,
  work: (handle: DatabaseHandle, organization: Organization) => Promise<Result>,
): Promise<Result> {
  const handle = await openMigratedDatabase({ kind: "pglite", dataDirectory });
  try {
    const { organization } = await findOrCreateDefaultOrganization(handle.database, clock);
    return await work(handle, organization);
  } finally {
    await handle.close();
  }
}
