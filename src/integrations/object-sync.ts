// One object's sync: its record is read (made pending the first time); an
// object already synced is not sent again, one skipped is left alone; else
// the call is made, with retries while the system is rate limiting or
// failing, and the record says how it ended. A failure puts the record in
// the error queue and stops the objects that depend on it.
import type { RequestContext } from "../platform/context.ts";
import { ensureSyncRecord, markFailed, markSynced, type SyncObject } from "./sync-records.ts";
import { VendorError } from "./vendor-errors.ts";
import { withVendorRetries } from "./vendor-retry.ts";

/** An object that could not be synced (now in the error queue), or was skipped: what depends on it waits. */
export class SyncStopped extends Error {
  constructor(object: SyncObject, why: "failed" | "skipped") {
    super(`The ${object.objectType} ${object.objectId} ${why}; what depends on it waits.`);
    this.name = "SyncStopped";
  }
}

export type SyncRun = {
  context: RequestContext;
  /** The waits between retries of a failing call; the default schedule unless a test shortens it. */
  retryDelaysMilliseconds?: readonly number[];
};

/** The object's id in the other system: recorded already, or from `send` now. */
export async function syncObject(
  run: SyncRun,
  object: SyncObject,
  send: () => Promise<string>,
): Promise<string> {
  const { context } = run;
  const record = await ensureSyncRecord(context.database, context, object, context.clock.now());
  if (record.state === "synced" && record.external_id !== null) return record.external_id;
  if (record.state === "skipped") throw new SyncStopped(object, "skipped");
  const outcome = await withVendorRetries(send, run.retryDelaysMilliseconds);
  if (outcome.ok) {
    await markSynced(context.database, record, outcome.result, outcome.attempts, context.clock.now());
    return outcome.result;
  }
  const error = outcome.error;
  if (!(error instanceof VendorError)) throw error;
  await markFailed(context, record, { code: error.kind, message: error.message }, outcome.attempts);
  throw new SyncStopped(object, "failed");
}
