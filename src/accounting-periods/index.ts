// The front door of accounting periods: which months finance has closed (locks),
// and the check every write dated in a closed month must pass.
// Other domains import only from here; everything else in the folder is private to it.
export {
  anyLockedPeriod,
  assertPeriodOpen,
  lockPeriod,
  type PeriodLock,
  periodLocks,
} from "./period-locks.ts";
