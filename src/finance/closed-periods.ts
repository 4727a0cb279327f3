// Closed months stay closed. Every report of a locked month (reconciliation,
// DSO, KPIs, revenue) reads as it stood when the month was locked:
//
// - A document written after the lock of the month its business date falls
//   in (a payment recorded on 6 February with a received date of 30 January,
//   January locked on 5 February) counts on its accounting date, the day it
//   was written, in the open month; its business date is kept as information.
//   The journal books it the same way, so the reports and the ledger agree.
// - What a locked month's report reads of documents that change state later
//   (an invoice voided or finalized after the lock, an event received after
//   it) is their state at the lock.
import type { Instant } from "../core/index.ts";
import { type AccountingPeriod, periodContaining } from "./accounting-periods.ts";
import type { BookLock } from "./books.ts";

/** The lock of `period`, if the month is closed. */
function lockOf(locks: readonly BookLock[], period: AccountingPeriod): BookLock | undefined {
  return locks.find((lock) => lock.period === period.key);
}

/**
 * When a document counts in the books: its business date `at`, unless the
 * month of that date was locked before the document was written
 * (`recordedAt`); then the day it was written.
 */
export function accountingInstant(
  locks: readonly BookLock[],
  timeZone: string,
  at: Instant,
  recordedAt: Instant,
): Instant {
  if (recordedAt <= at) return at;
  const lock = lockOf(locks, periodContaining(at, timeZone));
  return lock !== undefined && lock.lockedAt < recordedAt ? recordedAt : at;
}

/** The instant a report of `period` is read as of: its lock, or null while the month is open. */
export function readAsOf(locks: readonly BookLock[], period: AccountingPeriod): Instant | null {
  return lockOf(locks, period)?.lockedAt ?? null;
}
