// Advisory locks that keep ingestion and meter changes of one environment
// apart. Every batch of events takes the environment's lock shared, so batches
// run side by side; a change to what a meter counts (which recounts stored
// events) takes it exclusive, so no batch counts with a definition that is
// being replaced. Advisory locks live in memory: taking one writes no row.
import { sql } from "kysely";
import type { DatabaseTransaction } from "../platform/database/schema.ts";

// Arbitrary constants that keep these locks apart from other advisory locks.
const meteringLockSpace = 0x6d657472;
const correctionLockSpace = 0x636f7272;

export async function lockMeteringShared(
  transaction: DatabaseTransaction,
  environmentId: string,
): Promise<void> {
  await sql`select pg_advisory_xact_lock_shared(${meteringLockSpace}, hashtext(${environmentId}))`.execute(
    transaction,
  );
}

export async function lockMeteringExclusive(
  transaction: DatabaseTransaction,
  environmentId: string,
): Promise<void> {
  await sql`select pg_advisory_xact_lock(${meteringLockSpace}, hashtext(${environmentId}))`.execute(
    transaction,
  );
}

/**
 * Corrections of one environment take turns: each recomputes whole rollup
 * hours (delete, then rebuild from the events), and two rebuilding the same
 * hour at once could each miss the other's distinct values.
 */
export async function lockCorrections(
  transaction: DatabaseTransaction,
  environmentId: string,
): Promise<void> {
  await sql`select pg_advisory_xact_lock(${correctionLockSpace}, hashtext(${environmentId}))`.execute(
    transaction,
  );
}
