// The PostgreSQL backup route of the README, run as an operator runs it:
// pg_dump in its custom format, pg_restore into a new, empty database without
// the source's owner and grants, then Fairbill started on it (the migrator
// grants the application role its rights again). Every table's rows,
// checksummed, are the same; the keyed audit chain still verifies; the
// row-level security policies came along. PostgreSQL only: the embedded
// database has `fairbill backup` (src/cli/commands/backup.test.ts).
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { openMigratedDatabase } from "../../src/app.ts";
import { verifyEveryAuditChain } from "../../src/audit/index.ts";
import { createMeter } from "../../src/metering/index.ts";
import { createOrganization } from "../../src/organizations/index.ts";
import { systemClock } from "../../src/platform/clock.ts";
import type { Database } from "../../src/platform/database/schema.ts";
import { tableChecksums } from "../support/table-checksums.ts";
import { systemContextOf } from "../support/test-app.ts";
import { createSeparateDatabase, type SeparateDatabase, testDatabaseKind } from "../support/test-database.ts";

const run = promisify(execFile);
const folder = mkdtempSync(join(tmpdir(), "fairbill-pg-backup-"));
const created: SeparateDatabase[] = [];
afterAll(async () => {
  rmSync(folder, { recursive: true, force: true });
  for (const database of created) await database.remove();
});

function urlOf(database: SeparateDatabase): string {
  if (database.location.kind !== "postgres") throw new Error("a PostgreSQL database was expected");
  return database.location.connectionString;
}

async function policyCount(database: Database): Promise<number> {
  const result = await sql<{ count: number }>`
    select count(*)::int as count from pg_policies where schemaname = current_schema()`.execute(database);
  return result.rows[0]?.count ?? 0;
}

describe.skipIf(testDatabaseKind !== "postgres")("backup and restore with pg_dump and pg_restore", () => {
  it("restores every table's rows exactly into a new database, which Fairbill then serves", async () => {
    const source = await createSeparateDatabase("backup-source");
    created.push(source);
    const target = await createSeparateDatabase("backup-target");
    created.push(target);
    const dump = join(folder, "fairbill.dump");

    let before: Record<string, string> = {};
    let policiesBefore = 0;
    const handle = await openMigratedDatabase(source.location);
    try {
      for (const name of ["Backed up", "Also backed up"]) {
        const organization = await createOrganization(handle.database, name, systemClock);
        const context = systemContextOf(organization, handle.database);
        for (const index of [1, 2, 3]) {
          await createMeter(context, {
            code: `calls_${index}`,
            name: `Calls ${index}`,
            event_name: `call_${index}`,
            aggregation: "count",
          });
        }
      }
      before = await tableChecksums(handle.database);
      policiesBefore = await policyCount(handle.database);
    } finally {
      await handle.close();
    }
    expect(before.meters).toMatch(/^6:/);
    expect(Number(before.audit_events?.split(":")[0])).toBeGreaterThanOrEqual(6);
    expect(policiesBefore).toBeGreaterThan(90);

    // The commands of the README's Backups section.
    await run("pg_dump", ["--format=custom", `--file=${dump}`, urlOf(source)]);
    await run("pg_restore", [
      "--no-owner",
      "--no-acl",
      "--exit-on-error",
      "--single-transaction",
      `--dbname=${urlOf(target)}`,
      dump,
    ]);

    const restored = await openMigratedDatabase(target.location);
    try {
      expect(await tableChecksums(restored.database)).toEqual(before);
      expect(await policyCount(restored.database)).toBe(policiesBefore);
      const chains = await verifyEveryAuditChain(restored.database);
      expect(chains.length).toBeGreaterThanOrEqual(2);
      for (const chain of chains) expect(chain.verification.ok).toBe(true);
    } finally {
      await restored.close();
    }
  }, 180_000);
});
