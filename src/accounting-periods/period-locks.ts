// Locked accounting months. Once finance closes a month (`lockPeriod`),
// nothing dated in it may change: invoicing calls assertPeriodOpen before it
// finalizes an invoice (dated at its issue instant), voids one or issues a
// credit note (both dated now). A correction of a closed month is a credit
// note in an open one. This small domain sits below invoicing, which obeys the
// locks, and finance, which sets them.
import type { Selectable } from "kysely";
import type { Instant } from "../core/index.ts";
import type { TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { inTenant, selectInTenant } from "../platform/database/tenant-scope.ts";
import { conflict } from "../platform/errors.ts";
import type { PeriodLockTable } from "./tables.ts";

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
    .where(inTenant(scope))
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
  const rows = await selectInTenant(database, scope, "finance_period_locks").orderBy("starts_at").execute();
  return rows.map(presentRow);
}

function presentRow(row: Selectable<PeriodLockTable>): PeriodLock {
  return {
    id: row.id,
    period: row.period,
    start: row.starts_at.getTime(),
    end: row.ends_at.getTime(),
    timeZone: row.timezone,
    lockedAt: row.locked_at.getTime(),
    lockedBy: row.locked_by,
    reason: row.reason,
    checklist: row.checklist,
  };
}

/** The period of some lock of the environment, or undefined when no month is locked. */
export async function anyLockedPeriod(database: Database, scope: TenantScope): Promise<string | undefined> {
  const lock = await database
    .selectFrom("finance_period_locks")
    .select("period")
    .where(inTenant(scope))
    .executeTakeFirst();
  return lock?.period;
}

/**
 * Locks a month, part of `transaction`; undefined when it was locked already.
 * The caller (finance's close) checks the month is over and its checklist.
 */
export async function lockPeriod(
  transaction: Database,
  scope: TenantScope,
  lock: Omit<PeriodLock, "lockedAt"> & { lockedAt: Date },
): Promise<PeriodLock | undefined> {
  const inserted = await transaction
    .insertInto("finance_period_locks")
    .values({
      id: lock.id,
      organization_id: scope.organizationId,
      environment_id: scope.environmentId,
      period: lock.period,
      starts_at: new Date(lock.start),
      ends_at: new Date(lock.end),
      timezone: lock.timeZone,
      locked_at: lock.lockedAt,
      locked_by: lock.lockedBy,
      reason: lock.reason,
      checklist: JSON.stringify(lock.checklist),
    })
    .onConflict((conflicting) => conflicting.columns(["environment_id", "period"]).doNothing())
    .returningAll()
    .executeTakeFirst();
  return inserted === undefined ? undefined : presentRow(inserted);
}
