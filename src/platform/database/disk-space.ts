// Writes refused while the disk of the embedded database is nearly full.
// PGlite cannot fail a write cleanly when its folder runs out of space: the
// PostgreSQL inside it loops on the failed WAL write and the process stops
// answering anything, reads and health checks included. So the embedded
// database keeps a reserve of free space: once the disk has less than that,
// every statement that may write is refused with a clear error (the request
// changes nothing and can be sent again once space is freed) and reads go on.
// PostgreSQL, which reports a full disk itself (SQLSTATE 53100), needs no
// reserve: problem.ts turns its error into the same answer.
import { statfsSync } from "node:fs";
import { FairbillError } from "../errors.ts";

/** Free space the embedded database keeps by default: a WAL segment (16 MB) and the largest request, with room to spare. */
export const defaultDiskReserveMegabytes = 64;

const megabyte = 1024 * 1024;

/** How long one reading of the free space is trusted: a statfs per statement would cost more than it tells. */
const readingLifetimeMilliseconds = 250;

export type DiskSpaceGuard = {
  /** Throws `disk_full` when the disk has less free space than the reserve. */
  assertRoomToWrite(): void;
};

export function diskSpaceGuard(
  directory: string,
  reserveMegabytes: number,
  freeBytesOf: (directory: string) => number = freeBytes,
): DiskSpaceGuard {
  let lastReading = { at: Number.NEGATIVE_INFINITY, freeBytes: 0 };
  return {
    assertRoomToWrite() {
      const now = performance.now();
      if (now - lastReading.at > readingLifetimeMilliseconds) {
        lastReading = { at: now, freeBytes: freeBytesOf(directory) };
      }
      if (lastReading.freeBytes < reserveMegabytes * megabyte) {
        throw diskFull(
          `The disk holding the database has ${Math.floor(lastReading.freeBytes / megabyte)} MB free, less than ` +
            `the ${reserveMegabytes} MB kept in reserve (FAIRBILL_DISK_RESERVE_MB): writes are refused until space ` +
            "is freed; reads go on. Nothing of this request was written; send it again once there is room.",
        );
      }
    },
  };
}

/** The answer to a write the disk has no room for, from the reserve above or from PostgreSQL's own disk_full. */
export function diskFull(detail: string): FairbillError {
  return new FairbillError({ code: "disk_full", status: 503, detail });
}

/** Bytes an unprivileged process may still write on the file system holding `directory`. */
function freeBytes(directory: string): number {
  const stats = statfsSync(directory);
  return stats.bavail * stats.bsize;
}

// Statements that only read: a SELECT (without FOR UPDATE/SHARE, which takes row locks) or a SHOW.
const readOnlyStatement =
  /^\s*(select|show)\b(?![\s\S]*\bfor\s+(update|no\s+key\s+update|share|key\s+share)\b)/i;

/** True when the statement may write: everything but plain reads (a writing CTE starts with WITH, so it counts). */
export function mayWrite(statement: string): boolean {
  return !readOnlyStatement.test(statement);
}
