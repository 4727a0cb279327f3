// `fairbill backup` and `fairbill restore` round trip on the embedded
// database, as an operator runs them: every table's rows, checksummed, are
// the same in the restored folder; a folder that holds a database is not
// restored into.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runFairbill } from "../../../test/support/fairbill-cli.ts";
import { tableChecksums } from "../../../test/support/table-checksums.ts";
import { systemContextOf } from "../../../test/support/test-app.ts";
import { testDatabaseKind } from "../../../test/support/test-database.ts";
import { openMigratedDatabase } from "../../app.ts";
import { createMeter } from "../../metering/index.ts";
import { findOrCreateDefaultOrganization } from "../../organizations/index.ts";
import { systemClock } from "../../platform/clock.ts";

const folder = mkdtempSync(join(tmpdir(), "fairbill-backup-"));
const original = join(folder, "original");
const restored = join(folder, "restored");
const archive = join(folder, "fairbill-backup.tar.gz");
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function fairbill(dataDirectory: string, ...commandArguments: string[]) {
  return runFairbill([...commandArguments], {
    env: { ...process.env, FAIRBILL_DATA_DIR: dataDirectory, DATABASE_URL: "", LOG_LEVEL: "silent" },
    cwd: folder,
  });
}

describe.skipIf(testDatabaseKind !== "pglite")("fairbill backup and restore (embedded database)", () => {
  it("restores every table's rows exactly, and refuses a folder that holds a database", async () => {
    let before: Record<string, string> = {};
    const handle = await openMigratedDatabase({ kind: "pglite", dataDirectory: original });
    try {
      const { organization } = await findOrCreateDefaultOrganization(handle.database, systemClock);
      const context = systemContextOf(organization, handle.database);
      for (const index of [1, 2, 3]) {
        await createMeter(context, {
          code: `calls_${index}`,
          name: `Calls ${index}`,
          event_name: `call_${index}`,
          aggregation: "count",
        });
      }
      before = await tableChecksums(handle.database);
    } finally {
      await handle.close();
    }
    expect(before.meters).toMatch(/^3:/);
    expect(Number(before.audit_events?.split(":")[0])).toBeGreaterThanOrEqual(3);

    const backedUp = await fairbill(original, "backup", archive);
    expect(backedUp.stdout).toContain(`to ${archive}`);
    const restoredRun = await fairbill(restored, "restore", archive);
    expect(restoredRun.stdout).toContain("Restored");

    const reopened = await openMigratedDatabase({ kind: "pglite", dataDirectory: restored });
    try {
      expect(await tableChecksums(reopened.database)).toEqual(before);
    } finally {
      await reopened.close();
    }
    await expect(fairbill(original, "restore", archive)).rejects.toMatchObject({
      stderr: expect.stringContaining("already holds a database"),
    });
  }, 180_000);
});
