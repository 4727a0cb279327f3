import { afterEach, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../test/support/test-database.ts";
import type { DatabaseHandle } from "./database.ts";
import { findMigrations, type Migration, migrate } from "./migrator.ts";

const handles: DatabaseHandle[] = [];
afterEach(async () => {
  for (const handle of handles.splice(0)) await handle.close();
});

function migration(name: string, sql: string): Migration {
  return { name, path: `${name}.sql`, sql, checksum: `checksum of ${sql}` };
}

describe("migrations", () => {
  it("finds every domain's migrations in file-name order, starting with the organizations", () => {
    const names = findMigrations().map((found) => found.name);
    expect(names[0]).toBe("0001_organizations");
    expect([...names].sort()).toEqual(names);
    expect(names).toContain("0100_customers");
  });

  it("applies each migration once; a second run applies nothing", async () => {
    const handle = await openTestDatabase();
    handles.push(handle);
    const extra = [migration("9990_probe", "create table probe (id int)")];
    const first = await migrate(handle, extra);
    const second = await migrate(handle, extra);
    expect(first.applied).toEqual(["9990_probe"]);
    expect(second.applied).toEqual([]);
  });

  it("refuses a migration whose text changed after it was applied", async () => {
    const handle = await openTestDatabase();
    handles.push(handle);
    await migrate(handle, [migration("9991_probe", "create table probe_a (id int)")]);
    await expect(migrate(handle, [migration("9991_probe", "create table probe_b (id int)")])).rejects.toThrow(
      /was changed after it was applied/,
    );
  });

  it("rolls a failing migration back whole and names it", async () => {
    const handle = await openTestDatabase();
    handles.push(handle);
    await expect(
      migrate(handle, [migration("9992_broken", "create table half (id int); select * from no_such_table")]),
    ).rejects.toThrow(/Migration 9992_broken failed/);
    const tables = await handle.withRawConnection((connection) =>
      connection.query("select 1 from information_schema.tables where table_name = 'half'"),
    );
    expect(tables).toHaveLength(0);
  });

  it("lets two processes that start together take turns: every migration is applied once", async () => {
    const handle = await openTestDatabase();
    handles.push(handle);
    const extra = [
      migration("9993_counter", "create table counter (applied int)"),
      migration("9994_counter", "insert into counter values (1)"),
    ];
    const [left, right] = await Promise.all([migrate(handle, extra), migrate(handle, extra)]);
    expect([...left.applied, ...right.applied].sort()).toEqual(["9993_counter", "9994_counter"]);
    const rows = await handle.withRawConnection((connection) => connection.query("select * from counter"));
    expect(rows).toHaveLength(1);
  });
});
