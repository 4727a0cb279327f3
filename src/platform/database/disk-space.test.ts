// The disk-space guard of the embedded database (its run on a real full disk:
// test/faults/embedded-disk-full.test.ts) and PostgreSQL's own disk_full.
import type { FastifyRequest } from "fastify";
import { describe, expect, it } from "vitest";
import { FairbillError } from "../errors.ts";
import { toProblem } from "../http/problem.ts";
import { diskSpaceGuard, mayWrite } from "./disk-space.ts";

const megabyte = 1024 * 1024;

describe("the disk-space guard", () => {
  it("refuses a write with disk_full below the reserve and lets it through above", () => {
    let free = 100 * megabyte;
    const guard = diskSpaceGuard("/data", 64, () => free);
    expect(() => guard.assertRoomToWrite()).not.toThrow();
    free = 10 * megabyte;
    const later = diskSpaceGuard("/data", 64, () => free);
    const refusal = (() => {
      try {
        later.assertRoomToWrite();
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(FairbillError);
    expect(refusal).toMatchObject({ code: "disk_full", status: 503 });
    expect((refusal as FairbillError).detail).toContain("10 MB free, less than the 64 MB");
  });

  it("reads the free space at most once a quarter second", () => {
    let readings = 0;
    const guard = diskSpaceGuard("/data", 1, () => {
      readings++;
      return 2 * megabyte;
    });
    for (let time = 0; time < 100; time++) guard.assertRoomToWrite();
    expect(readings).toBe(1);
  });

  it("counts every statement but plain reads as a write", () => {
    expect(mayWrite("select * from invoices where id = $1")).toBe(false);
    expect(mayWrite("  SHOW search_path")).toBe(false);
    expect(mayWrite("select id from jobs for update skip locked")).toBe(true);
    expect(mayWrite("select id from invoices for no key update")).toBe(true);
    expect(mayWrite('insert into "events" ("id") values ($1)')).toBe(true);
    expect(mayWrite("update invoices set status = 'open'")).toBe(true);
    expect(mayWrite("with moved as (delete from jobs returning *) select * from moved")).toBe(true);
    expect(mayWrite("delete from sessions")).toBe(true);
  });
});

describe("PostgreSQL's disk_full", () => {
  it("answers 503 disk_full, not 500", () => {
    const request = { url: "/v1/events/batch", id: "req_1" } as FastifyRequest;
    const problem = toProblem(Object.assign(new Error("could not extend file"), { code: "53100" }), request);
    expect(problem).toMatchObject({ status: 503, code: "disk_full", instance: "/v1/events/batch" });
  });
});
