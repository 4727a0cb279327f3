// Writes the audit chain's signed checkpoints: for each organization whose
// chain grew since its last checkpoint, the entries since then are checked
// and, when they hold, the head is signed and stored (database and file).
// `fairbill serve` does it at start and then on a schedule
// (AUDIT_CHECKPOINT_SECONDS); `fairbill audit checkpoint` does it at once.
import type { Clock } from "../platform/clock.ts";
import type { Logger } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import {
  type AuditCheckpoint,
  type CheckpointFileOption,
  checkpointSignatureHolds,
  readAuditCheckpoints,
  signedCheckpoint,
  storeCheckpoint,
} from "./audit-checkpoints.ts";
import { type BrokenAuditEntry, chainHeadToSign } from "./audit-log.ts";

export type CheckpointRun = {
  written: AuditCheckpoint[];
  /** Organizations whose chain broke since their last checkpoint: nothing is signed for them. */
  refused: { organizationId: string; brokenEntries: BrokenAuditEntry[] }[];
};

export async function writeAuditCheckpoints(
  database: Database,
  options: CheckpointFileOption & { clock: Clock },
): Promise<CheckpointRun> {
  const heads = await database
    .selectFrom("audit_chain_heads")
    .select("organization_id")
    .orderBy("organization_id")
    .execute();
  const run: CheckpointRun = { written: [], refused: [] };
  for (const { organization_id: organizationId } of heads) {
    const last = (await readAuditCheckpoints(database, organizationId, options))
      .filter(checkpointSignatureHolds)
      .at(-1);
    const { head, brokenEntries } = await chainHeadToSign(database, organizationId, last);
    if (brokenEntries.length > 0) {
      run.refused.push({ organizationId, brokenEntries });
      continue;
    }
    if (head === undefined) continue;
    const checkpoint = signedCheckpoint({
      organization_id: organizationId,
      sequence: head.sequence,
      hash: head.hash,
      signed_at: options.clock.now().toISOString(),
    });
    await database.transaction().execute((transaction) => storeCheckpoint(transaction, checkpoint, options));
    run.written.push(checkpoint);
  }
  return run;
}

/** Signs checkpoints at start and then every `everySeconds`, for as long as the server runs. */
export function createAuditCheckpointSchedule(
  options: CheckpointFileOption & { database: Database; clock: Clock; logger: Logger; everySeconds: number },
): { start(): void; stop(): Promise<void> } {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = running.then(async () => {
      try {
        const run = await writeAuditCheckpoints(options.database, options);
        for (const refused of run.refused) {
          options.logger.error(
            { organizationId: refused.organizationId, brokenEntries: refused.brokenEntries.slice(0, 10) },
            "audit chain broken since its last checkpoint: no checkpoint signed (run fairbill audit verify)",
          );
        }
      } catch (error) {
        options.logger.error({ err: error }, "audit checkpoint failed");
      }
    });
  };
  return {
    start() {
      tick();
      timer = setInterval(tick, options.everySeconds * 1000);
      timer.unref();
    },
    async stop() {
      if (timer !== undefined) clearInterval(timer);
      await running;
    },
  };
}
