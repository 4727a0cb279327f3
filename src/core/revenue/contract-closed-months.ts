// A contract's schedule in books whose months close: a closed month never
// changes, though the schedule is worked out again from every invoice and
// credit note (a later invoice changes the allocation, usage billed after a
// month closed is revenue of that month). Each month books the entries of the
// schedule as it stood then (as at its lock when it is closed, as the books
// stand now when open), plus a cumulative catch-up on its first day: what
// that schedule earned by the month's start, less what the months before
// booked, per obligation and kind (ASC 606-10-32-43: a change in the
// transaction price is recognized in the period of the change). So every
// closed month reads as at its lock, and the months together book exactly the
// current schedule once the last of them is open.
import { Temporal } from "temporal-polyfill";
import { type Decimal, ZERO } from "../decimal.ts";
import { startOfLocalDate } from "../time-zone.ts";
import type { RevenueEntry } from "./obligation-schedule.ts";

export type ClosedMonthSchedule = {
  /** The closed month, "2030-01". */
  readonly month: string;
  /** The schedule worked out from what the books held when the month was closed. */
  readonly entries: readonly RevenueEntry[];
};

const keyOf = (entry: RevenueEntry) => `${entry.obligationId}|${entry.kind}`;

function addTo(sums: Map<string, Decimal>, entry: RevenueEntry): void {
  sums.set(keyOf(entry), (sums.get(keyOf(entry)) ?? ZERO).plus(entry.amount));
}

/** The entries to book, month by month, in time order. */
export function entriesBookedByMonth(input: {
  current: readonly RevenueEntry[];
  closed: readonly ClosedMonthSchedule[];
  timeZone: string;
}): RevenueEntry[] {
  if (input.closed.length === 0) return [...input.current];
  const closed = new Map(input.closed.map((schedule) => [schedule.month, schedule.entries]));
  const months = [
    ...new Set([
      ...input.current.map((entry) => entry.month),
      ...input.closed.flatMap((schedule) => [
        schedule.month,
        ...schedule.entries.map((entry) => entry.month),
      ]),
    ]),
  ].sort();
  const booked = new Map<string, Decimal>();
  const entries: RevenueEntry[] = [];
  for (const month of months) {
    const schedule = closed.get(month) ?? input.current;
    const before = new Map<string, Decimal>();
    for (const entry of schedule) if (entry.month < month) addTo(before, entry);
    for (const key of new Set([...before.keys(), ...booked.keys()])) {
      const catchUp = (before.get(key) ?? ZERO).minus(booked.get(key) ?? ZERO);
      if (catchUp.isZero()) continue;
      const [obligationId, kind] = key.split("|") as [string, RevenueEntry["kind"]];
      const entry: RevenueEntry = {
        obligationId,
        kind,
        at: startOfLocalDate(Temporal.PlainDate.from(`${month}-01`), input.timeZone),
        month,
        amount: catchUp,
      };
      entries.push(entry);
      addTo(booked, entry);
    }
    for (const entry of schedule) {
      if (entry.month !== month) continue;
      entries.push(entry);
      addTo(booked, entry);
    }
  }
  return entries.sort((left, right) => left.at - right.at);
}
