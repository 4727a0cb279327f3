// The migrator against a real database (PGlite and PostgreSQL): one global
// order by timestamped name whatever the folder, each migration once, changed,
// misnamed and out-of-order migrations refused before anything is applied,
// and a database that lists the old numbered names upgraded in place.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../test/support/test-database.ts";
import type { DatabaseHandle, RawConnection } from "./database.ts";
import { isMigrationName } from "./migration-names.ts";
import { renamedMigrations } from "./migration-renames.ts";
import { findMigrations, type Migration, migrate } from "./migrator.ts";

const handles: DatabaseHandle[] = [];
afterEach(async () => {
  for (const handle of handles.splice(0)) await handle.close();
});

/** A fresh database with every real migration applied. */
async function migratedDatabase(): Promise<DatabaseHandle> {
  const handle = await openTestDatabase();
  handles.push(handle);
  return handle;
}

function migration(name: string, sql: string, folder = "src/probes/migrations"): Migration {
  return { name, path: `${folder}/${name}.sql`, sql, checksum: `checksum of ${sql}` };
}

function query<Row>(handle: DatabaseHandle, text: string, parameters?: unknown[]): Promise<Row[]> {
  return handle.withRawConnection((connection: RawConnection) => connection.query<Row>(text, parameters));
}

async function appliedNames(handle: DatabaseHandle): Promise<string[]> {
  const rows = await query<{ name: string }>(handle, "select name from schema_migrations order by name");
  return rows.map((row) => row.name);
}

// Later than every real migration, so that these probes are never out of order.
const future = "2999";

describe("finding migrations", () => {
  it("finds every domain's migrations, timestamped, in one order by name, starting with the organizations", () => {
    const migrations = findMigrations();
    const names = migrations.map((found) => found.name);
    expect(names[0]).toBe("20261121013551_organizations");
    expect(names).toContain("20261121025207_customers");
    expect(names.filter((name) => !isMigrationName(name))).toEqual([]);
    expect([...names].sort()).toEqual(names);
    expect(
      new Set(migrations.map((found) => found.path.split(/[/\\]migrations[/\\]/)[0])).size,
    ).toBeGreaterThan(5);
  });

  it("keeps the numbered migrations' old order under their new names, with unchanged words", () => {
    const oldNames = renamedMigrations.map(([oldName]) => oldName);
    const newNames = renamedMigrations.map(([, newName]) => newName);
    expect([...oldNames].sort()).toEqual(oldNames);
    expect([...newNames].sort()).toEqual(newNames);
    for (const [oldName, newName] of renamedMigrations) {
      expect(oldName).toMatch(/^\d{4}_/);
      expect(newName.slice(15)).toBe(oldName.slice(5));
    }
    const found = findMigrations().map((existing) => existing.name);
    expect(newNames.filter((name) => !found.includes(name))).toEqual([]);
    // Every migration of the old numbering is in the map; later ones are newer than all of them.
    expect(found.slice(0, newNames.length)).toEqual(newNames);
  });
});

describe("applying migrations", () => {
  it("applies each migration once; a second run applies nothing", async () => {
    const handle = await migratedDatabase();
    const extra = [migration(`${future}0101000000_probe`, "create table probe (id int)")];
    const first = await migrate(handle, extra);
    const second = await migrate(handle, extra);
    expect(first.applied).toEqual([`${future}0101000000_probe`]);
    expect(second.applied).toEqual([]);
  });

  it("applies in name order whichever folder holds each file", async () => {
    const handle = await migratedDatabase();
    const report = await migrate(handle, [
      migration(`${future}0101000002_fill_probe`, "insert into probe values (1)", "src/customers/migrations"),
      migration(`${future}0101000001_probe`, "create table probe (id int)", "src/invoicing/migrations"),
    ]);
    expect(report.applied).toEqual([`${future}0101000001_probe`, `${future}0101000002_fill_probe`]);
  });

  it("refuses a migration whose text changed after it was applied", async () => {
    const handle = await migratedDatabase();
    await migrate(handle, [migration(`${future}0101000000_probe`, "create table probe_a (id int)")]);
    await expect(
      migrate(handle, [migration(`${future}0101000000_probe`, "create table probe_b (id int)")]),
    ).rejects.toThrow(/was changed after it was applied/);
  });

  it("rolls a failing migration back whole and names it", async () => {
    const handle = await migratedDatabase();
    await expect(
      migrate(handle, [
        migration(`${future}0101000000_broken`, "create table half (id int); select * from no_such_table"),
      ]),
    ).rejects.toThrow(/Migration 29990101000000_broken failed/);
    const tables = await query(handle, "select 1 from information_schema.tables where table_name = 'half'");
    expect(tables).toHaveLength(0);
  });

  it("lets two processes that start together take turns: every migration is applied once", async () => {
    const handle = await migratedDatabase();
    const extra = [
      migration(`${future}0101000001_counter`, "create table counter (applied int)"),
      migration(`${future}0101000002_counter`, "insert into counter values (1)"),
    ];
    const [left, right] = await Promise.all([migrate(handle, extra), migrate(handle, extra)]);
    expect([...left.applied, ...right.applied].sort()).toEqual([
      `${future}0101000001_counter`,
      `${future}0101000002_counter`,
    ]);
    const rows = await query(handle, "select * from counter");
    expect(rows).toHaveLength(1);
  });
});

// Every refusal here happens before anything is applied, so the tests share one database.
describe("refusing what would make databases differ", () => {
  const newest = migration(`${future}0301000000_newest`, "create table newest (id int)");
  let handle: DatabaseHandle;
  let namesBefore: string[];
  beforeAll(async () => {
    handle = await openTestDatabase();
    await migrate(handle, [newest]);
    namesBefore = await appliedNames(handle);
  });
  afterAll(async () => handle?.close());
  afterEach(async () => {
    expect(await appliedNames(handle)).toEqual(namesBefore);
  });

  it("refuses a pending migration dated before the newest applied one, naming both files", async () => {
    await expect(
      migrate(handle, [
        newest,
        migration(
          `${future}0201000000_late_arrival`,
          "create table late_arrival (id int)",
          "src/credits/migrations",
        ),
        migration(`${future}0401000000_after`, "create table after_newest (id int)"),
      ]),
    ).rejects.toMatchObject({
      code: "migration_out_of_order",
      detail: expect.stringMatching(
        /src\/credits\/migrations\/29990201000000_late_arrival\.sql is dated before src\/probes\/migrations\/29990301000000_newest\.sql/,
      ),
    });
  });

  it("names the newest applied migration even when this version has no file for it", async () => {
    await expect(
      migrate(handle, [migration(`${future}0201000000_late_arrival`, "select 1")]),
    ).rejects.toMatchObject({
      code: "migration_out_of_order",
      detail: expect.stringContaining("dated before 29990301000000_newest.sql"),
    });
  });

  it("refuses a file whose name is not a timestamp and words", async () => {
    for (const name of [
      "0900_numbered",
      "2026120612_short_time",
      "20261306120000_month_13",
      "20261206120000_Capital",
    ]) {
      await expect(
        migrate(handle, [migration(name, "create table misnamed (id int)")]),
      ).rejects.toMatchObject({
        code: "migration_name_invalid",
        detail: expect.stringContaining(`${name}.sql is misnamed`),
      });
    }
  });

  it("refuses two files with the same name in different folders", async () => {
    await expect(
      migrate(handle, [
        migration(`${future}0401000000_twice`, "select 1", "src/customers/migrations"),
        migration(`${future}0401000000_twice`, "select 2", "src/invoicing/migrations"),
      ]),
    ).rejects.toMatchObject({ code: "migration_name_taken" });
  });
});

describe("upgrading a database migrated under the numbered names", () => {
  /** A database whose schema_migrations reads as it did before the names were timestamped. */
  async function databaseWithOldNames(): Promise<DatabaseHandle> {
    const handle = await migratedDatabase();
    for (const [oldName, newName] of renamedMigrations) {
      await query(handle, "update schema_migrations set name = $1 where name = $2", [oldName, newName]);
    }
    return handle;
  }

  it("renames the old rows once, keeps their checksums, and applies nothing again", async () => {
    const handle = await databaseWithOldNames();
    const checksumsBefore = await query<{ name: string; checksum: string }>(
      handle,
      "select name, checksum from schema_migrations order by name",
    );
    const first = await migrate(handle);
    expect(first).toMatchObject({ renamed: renamedMigrations.length, applied: [] });
    const second = await migrate(handle);
    expect(second).toMatchObject({ renamed: 0, applied: [] });
    expect(await appliedNames(handle)).toEqual(findMigrations().map((found) => found.name));
    const newNameOf = new Map(renamedMigrations);
    const checksumsAfter = await query<{ name: string; checksum: string }>(
      handle,
      "select name, checksum from schema_migrations order by name",
    );
    expect(checksumsAfter).toEqual(
      checksumsBefore
        .map((row) => ({ name: newNameOf.get(row.name) ?? row.name, checksum: row.checksum }))
        .sort((left, right) => (left.name < right.name ? -1 : 1)),
    );
  });

  it("applies the migrations written after the renaming on top of the old ones", async () => {
    const handle = await databaseWithOldNames();
    const report = await migrate(handle, [
      ...findMigrations(),
      migration(`${future}0101000000_after_the_renaming`, "create table after_the_renaming (id int)"),
    ]);
    expect(report.renamed).toBe(renamedMigrations.length);
    expect(report.applied).toEqual([`${future}0101000000_after_the_renaming`]);
  });

  it("leaves an old-style name it does not know where it is, and still applies what is pending", async () => {
    const handle = await migratedDatabase();
    await query(handle, "insert into schema_migrations (name, checksum) values ('0999_from_a_branch', 'x')");
    const report = await migrate(handle, [migration(`${future}0101000000_probe`, "select 1")]);
    expect(report).toMatchObject({ renamed: 0, applied: [`${future}0101000000_probe`] });
    expect(await appliedNames(handle)).toContain("0999_from_a_branch");
  });
});
