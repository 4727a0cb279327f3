// `fairbill catalog` and `fairbill audit verify` as an operator runs them: real
// processes on a fresh embedded database in a temporary folder.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openMigratedDatabase } from "../../src/app.ts";
import { createMeter } from "../../src/metering/index.ts";
import { findOrCreateDefaultOrganization } from "../../src/organizations/index.ts";
import { systemClock } from "../../src/platform/clock.ts";
import { asTableOwner } from "../support/table-owner.ts";
import { systemContextOf } from "../support/test-app.ts";
import { restoreMigratedDataDirectory, testDatabaseKind } from "../support/test-database.ts";

const run = promisify(execFile);
const cli = new URL("../../bin/fairbill.js", import.meta.url).pathname;
const dataDirectory = mkdtempSync(join(tmpdir(), "fairbill-catalog-cli-"));
const environment = {
  ...process.env,
  FAIRBILL_DATA_DIR: dataDirectory,
  DATABASE_URL: "",
  LOG_LEVEL: "silent",
};

type Outcome = { code: number; stdout: string; stderr: string };

async function fairbill(...commandArguments: string[]): Promise<Outcome> {
  return fairbillWith({}, ...commandArguments);
}

async function fairbillWith(
  settings: Record<string, string>,
  ...commandArguments: string[]
): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...commandArguments], {
      env: { ...environment, ...settings },
      cwd: dataDirectory,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

async function withDatabase(
  work: (database: Awaited<ReturnType<typeof openMigratedDatabase>>) => Promise<void>,
) {
  const handle = await openMigratedDatabase({ kind: "pglite", dataDirectory });
  try {
    await work(handle);
  } finally {
    await handle.close();
  }
}

const planYaml = (secondTierPrice: string) =>
  [
    "version: 1",
    "products:",
    "  - code: api",
    "    name: API",
    "plans:",
    "  - code: pro",
    "    name: Pro",
    "    versions:",
    "      - currency: USD",
    "        interval: month",
    '        minimum_commitment: "100.00"',
    "        charges:",
    '          - { id: base, type: fixed, amount: "49.00", product: api }',
    "          - id: calls",
    "            type: usage",
    "            meter: api_calls",
    "            model: graduated",
    "            tiers:",
    '              - { up_to: 1000, unit_price: "0" }',
    `              - { up_to: 10000, unit_price: "${secondTierPrice}" }`,
    '              - { up_to: null, unit_price: "0.001" }',
    "",
  ].join("\n");

beforeAll(async () => {
  if (testDatabaseKind !== "pglite") return;
  await restoreMigratedDataDirectory(dataDirectory);
  await withDatabase(async (handle) => {
    const { organization } = await findOrCreateDefaultOrganization(handle.database, systemClock);
    const context = systemContextOf(organization, handle.database);
    await createMeter(context, {
      code: "api_calls",
      name: "API calls",
      event_name: "api_call",
      aggregation: "count",
    });
  });
}, 60_000);
afterAll(() => rmSync(dataDirectory, { recursive: true, force: true }));

// The commands run on their own embedded database whichever engine the suite
// tests, so they run once, in the PGlite half.
const cliDescribe = describe.skipIf(testDatabaseKind !== "pglite");

cliDescribe("fairbill catalog", () => {
  it("applies a new plan, round-trips an export as a no-op, and turns a changed price into one submitted draft", async () => {
    writeFileSync(join(dataDirectory, "new.yaml"), planYaml("0.002"));
    const created = await fairbill("catalog", "apply", "new.yaml", "--publish");
    expect(created.stderr).toBe("");
    expect(created.stdout).toBe("product api: created\nplan pro: created with version 1 (published)\n");

    const exported = await fairbill("catalog", "export");
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain("meters:\n  - api_calls\n");
    writeFileSync(join(dataDirectory, "catalog.yaml"), exported.stdout);
    expect((await fairbill("catalog", "apply", "catalog.yaml")).stdout).toBe("No changes.\n");

    writeFileSync(
      join(dataDirectory, "catalog.yaml"),
      exported.stdout.replace('unit_price: "0.002"', 'unit_price: "0.0015"'),
    );
    const diff = await fairbill("catalog", "diff", "catalog.yaml");
    expect(diff.stdout).toBe(
      "plan pro: new version from version 1 (submitted for approval)\n" +
        "  charge calls graduated tier 2 unit price 0.002 → 0.0015\n",
    );
    const applied = await fairbill("catalog", "apply", "catalog.yaml");
    expect(applied.stdout).toBe(diff.stdout);
  }, 120_000);

  it("names a bad field of the file by its path and exits 1 without changing anything", async () => {
    writeFileSync(
      join(dataDirectory, "catalog.yaml"),
      planYaml("0.002").replace(
        '{ up_to: 10000, unit_price: "0.002" }',
        '{ up_to: 500, unit_price: "0.002" }',
      ),
    );
    const failed = await fairbill("catalog", "apply", "catalog.yaml");
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(
      'error: catalog.yaml: $.plans[0].versions[0].charges[1].tiers: tiers are out of order: "up_to" must increase',
    );
    expect(failed.stderr).not.toContain("    at ");
  }, 60_000);
});

cliDescribe("fairbill audit verify", () => {
  it("signs checkpoints into the data folder and catches a chain cut back behind one; another audit key verifies nothing", async () => {
    const signed = await fairbill("audit", "checkpoint");
    expect(signed.stderr).toBe("");
    expect(signed.stdout).toMatch(/^signed {2}org_\w+: sequence \d+/m);
    const checkpointFile = join(dataDirectory, "audit-checkpoints.jsonl");
    expect(statSync(checkpointFile).mode & 0o777).toBe(0o600);
    expect((await fairbill("audit", "checkpoint")).stdout).toContain("0 checkpoint(s) signed");

    // The head moved back by one entry, as after deleting the last one: the checkpoint reaches further.
    let head = { organization_id: "", last_sequence: 0, last_hash: "" };
    await withDatabase(async (handle) => {
      head = await handle.database.selectFrom("audit_chain_heads").selectAll().executeTakeFirstOrThrow();
      const before = await handle.database
        .selectFrom("audit_events")
        .select("hash")
        .where("sequence", "=", Number(head.last_sequence) - 1)
        .executeTakeFirstOrThrow();
      await handle.database
        .updateTable("audit_chain_heads")
        .set({ last_sequence: Number(head.last_sequence) - 1, last_hash: before.hash })
        .execute();
    });
    const cut = await fairbill("audit", "verify");
    expect(cut.code).toBe(1);
    expect(cut.stdout).toContain("signed checkpoint");
    expect(cut.stdout).toContain("entries at the end were removed");
    await withDatabase(async (handle) => {
      await handle.database.updateTable("audit_chain_heads").set(head).execute();
    });
    expect((await fairbill("audit", "verify")).code).toBe(0);

    // The key lives outside the database: without it, nothing verifies.
    const otherKey = await fairbillWith(
      { FAIRBILL_AUDIT_KEY: Buffer.alloc(32, 1).toString("base64") },
      "audit",
      "verify",
    );
    expect(otherKey.code).toBe(1);
    expect(otherKey.stdout).toContain("not signed with this server's audit key");
  }, 60_000);

  it("passes on an intact log and names the entry edited by hand, exiting 1", async () => {
    const intact = await fairbill("audit", "verify");
    expect(intact.code).toBe(0);
    expect(intact.stdout).toContain("every audit chain verifies");

    let tamperedId = "";
    await withDatabase(async (handle) => {
      const entry = await handle.database
        .selectFrom("audit_events")
        .select("id")
        .where("action", "=", "plan_version.submitted")
        .executeTakeFirstOrThrow();
      tamperedId = entry.id;
      await asTableOwner(handle.database, async (owner) => {
        await sql`alter table audit_events disable trigger audit_events_append_only`.execute(owner);
        await sql`update audit_events set actor_id = 'someone-else' where id = ${entry.id}`.execute(owner);
        await sql`alter table audit_events enable trigger audit_events_append_only`.execute(owner);
      });
    });
    const broken = await fairbill("audit", "verify");
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`BROKEN`);
    expect(broken.stdout).toContain(`entry ${tamperedId}`);
    expect(broken.stderr).toContain("The audit log was tampered with");
  }, 60_000);
});
