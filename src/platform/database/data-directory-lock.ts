// PGlite is a database inside one process: two processes opening the same
// folder would corrupt it. A lock file holding the owner's process id keeps the
// second one out with a clear message, and a lock left by a dead process is
// taken over.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { FairbillError } from "../errors.ts";

export function acquireDataDirectoryLock(dataDirectory: string): () => void {
  const lockPath = join(dataDirectory, "fairbill.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const descriptor = openSync(lockPath, "wx");
      writeSync(descriptor, String(process.pid));
      closeSync(descriptor);
      return () => rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const ownerProcessId = Number(readFileSync(lockPath, "utf8").trim());
      if (Number.isInteger(ownerProcessId) && ownerProcessId !== process.pid && isAlive(ownerProcessId)) {
        throw new FairbillError({
          code: "data_directory_in_use",
          status: 409,
          detail:
            `The embedded database in ${dataDirectory} is in use by process ${ownerProcessId} ` +
            "(a running `fairbill serve`?). Stop it first, or use the HTTP API while it runs.",
        });
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new FairbillError({
    code: "data_directory_in_use",
    status: 409,
    detail: `Could not lock the embedded database in ${dataDirectory}.`,
  });
}

function isAlive(processId: number): boolean {
  try {
    process.kill(processId, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
