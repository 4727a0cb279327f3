// Locked accounting months. Once finance closes a month, nothing dated in it
// may change: invoicing calls assertPeriodOpen before it finalizes an invoice
// (dated at its issue instant), voids one or issues a credit note (both dated
// now). A correction of a closed month is a credit note in an open one.
import type { Instant } from "../core/instant.ts";
import type { TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { conflict } from "../platform/errors.ts";

export type PeriodLock = {
  id: string;
  period: string;
  start: Instant;
  end: Instant;
  timeZone: string;
  lockedAt: Instant;
  lockedBy: string;
  reason: string | null;
  checklist: unknown;
};

/**
 * Refuses (409 `period_locked`) a write dated `at` when the month holding
 * `at` is locked. Call it inside the transaction of the write.
 */
export async function assertPeriodOpen(database: Database, scope: TenantScope, at: Date): Promise<void> {
  const lock = await database
    .selectFrom("finance_period_locks")
    .select(["period", "locked_at"])
    .where("organization_id", "=", scope.organizationId)
    .where("environment_id", "=", scope.environmentId)
    .where("starts_at", "<=", at)
    .where("ends_at", ">", at)
    .executeTakeFirst();
  if (lock === undefined) return;
  throw conflict(
    "period_locked",
    `Accounting period ${lock.period} was closed on ${lock.locked_at.toISOString()}; nothing dated ${at.toISOString()} can change. Correct it with a credit note in an open period.`,
  );
}

/** Every lock of the environment, oldest period first. */
export async function periodLocks(database: Database, scope: TenantScope): Promise<PeriodLock[]> {
  const rows = await database
    .selectFrom("finance_period_locks")
    .selectAll()
    .where("organization_id", "=", scope.organizationId)
    .where("environment_id", "=", scope.environmentId)
    .orderBy("starts_at")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    period: row.period,
    start: row.starts_at.getTime(),
    end: row.ends_at.getTime(),
    timeZone: row.timezone,
    lockedAt: row.locked_at.getTime(),
    lockedBy: row.locked_by,
    reason: row.reason,
    checklist: row.checklist,
  }));
}
