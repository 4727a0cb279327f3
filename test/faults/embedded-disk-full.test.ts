// The fault suite, a full disk: `fairbill serve` on a PGlite folder in a small
// RAM disk (tmpfs) ingests events until the disk nears full. Without a guard
// the PostgreSQL inside PGlite loops on its failed WAL write and the process
// never answers again, health checks included. With it, the write that finds
// less free space than the reserve is refused with 503 `disk_full`, nothing
// of it is stored, reads and /healthz go on, and once space is freed (a
// ballast file deleted) the same batch is accepted in full, while every batch
// acknowledged before is there exactly once.
//
// Mounting a tmpfs takes root (CI runs as root); elsewhere the test is skipped
// and says why.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, statfsSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { printedAdminKey, type ServeProcess, startServeProcess } from "../support/serve-process.ts";
import { testDatabaseKind } from "../support/test-database.ts";

const diskMegabytes = 96;
const reserveMegabytes = 16;
/** Room left for events above the reserve once the ballast is written: a few batches fill it. */
const roomMegabytes = 8;

function mountSmallDisk(): string | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const mountPoint = mkdtempSync(join(tmpdir(), "fairbill-full-disk-"));
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${diskMegabytes}m`, "tmpfs", mountPoint]);
    return mountPoint;
  } catch {
    rmSync(mountPoint, { recursive: true, force: true });
    return undefined;
  }
}

const mountPoint = testDatabaseKind === "pglite" ? mountSmallDisk() : undefined;
let server: ServeProcess | undefined;
afterAll(async () => {
  await server?.kill();
  if (mountPoint) {
    execFileSync("umount", ["--lazy", mountPoint]);
    rmSync(mountPoint, { recursive: true, force: true });
  }
});

type Answer = { status: number; body: Record<string, unknown> };

/** Every request must be answered: a hung server fails the test here instead of at its timeout. */
async function send(key: string, method: "GET" | "POST", path: string, body?: unknown): Promise<Answer> {
  const response = await fetch(`${server?.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(60_000),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

function batch(round: number) {
  return {
    events: Array.from({ length: 1000 }, (_, index) => ({
      id: `disk-${round}-${index}`,
      customer: "disk-full-customer",
      name: "api_call",
      properties: { padding: "p".repeat(400) },
    })),
  };
}

describe.skipIf(mountPoint === undefined)(
  "the embedded server on a disk that fills up (needs root for a tmpfs; pglite project)",
  () => {
    it("refuses the write past the reserve with disk_full, stays up, and takes it once space is freed", {
      timeout: 300_000,
    }, async () => {
      const disk = mountPoint as string;
      server = await startServeProcess({
        environment: {
          FAIRBILL_DATA_DIR: join(disk, "data"),
          FAIRBILL_DISK_RESERVE_MB: String(reserveMegabytes),
          // The embedded database alone: with ClickHouse, reading events first ships the waiting ones (a write).
          CLICKHOUSE_URL: "",
          RATE_LIMIT_PER_KEY: "100000",
        },
      });
      const key = printedAdminKey(server);
      if (key === undefined) throw new Error(`no admin key in the output of serve:\n${server.output()}`);
      const customer = await send(key, "POST", "/v1/customers", {
        external_id: "disk-full-customer",
        currency: "USD",
      });
      expect(customer.status, JSON.stringify(customer.body)).toBe(201);
      // A ballast file takes all but the reserve and a little room: the disk fills after a few batches.
      const ballast = join(disk, "ballast");
      const { bavail, bsize } = statfsSync(disk);
      const ballastBytes = bavail * bsize - (reserveMegabytes + roomMegabytes) * 1024 * 1024;
      writeFileSync(ballast, Buffer.alloc(ballastBytes, 1));

      let refused: { round: number; answer: Answer } | undefined;
      let acknowledgedRounds = 0;
      for (let round = 0; round < 200 && refused === undefined; round++) {
        const answer = await send(key, "POST", "/v1/events/batch", batch(round));
        if (answer.status === 200) {
          expect(answer.body.accepted).toBe(1000);
          acknowledgedRounds++;
        } else {
          refused = { round, answer };
        }
      }
      if (refused === undefined) throw new Error("the disk never filled: 200 batches were stored");
      expect(refused.answer.status, JSON.stringify(refused.answer.body)).toBe(503);
      expect(refused.answer.body.code).toBe("disk_full");
      expect(String(refused.answer.body.detail)).toContain("FAIRBILL_DISK_RESERVE_MB");
      expect(acknowledgedRounds).toBeGreaterThan(0);

      // Still serving: health, and reads of what was stored.
      expect((await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(10_000) })).status).toBe(
        200,
      );
      const read = await send(key, "GET", `/v1/customers/${customer.body.id}`);
      expect(read.status, JSON.stringify(read.body)).toBe(200);
      expect(read.body.external_id).toBe("disk-full-customer");
      const listed = await send(key, "GET", "/v1/events?limit=5");
      expect(listed.status, JSON.stringify(listed.body)).toBe(200);
      expect((listed.body.data as unknown[]).length).toBe(5);
      // Another write is refused too while the disk stays full.
      expect(
        (await send(key, "POST", "/v1/customers", { external_id: "late", currency: "USD" })).status,
      ).toBe(503);

      // Space freed: the refused batch goes in whole (none of it was stored), the first batch was stored once.
      rmSync(ballast);
      await new Promise((resolve) => setTimeout(resolve, 500));
      const again = await send(key, "POST", "/v1/events/batch", batch(refused.round));
      expect(again.status, JSON.stringify(again.body)).toBe(200);
      expect(again.body.accepted).toBe(1000);
      const first = await send(key, "POST", "/v1/events/batch", batch(0));
      expect(first.status).toBe(200);
      expect(first.body.accepted).toBe(0);
      expect((first.body.duplicates as unknown[]).length).toBe(1000);
    });
  },
);
