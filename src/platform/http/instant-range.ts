// The instants Fairbill takes as input: from 2000-01-01 up to 2100-01-01
// (both included), wherever a date enters (a subscription's start, a test
// clock, an event, a change's effective date, a query's range). A date far
// outside them billed every period since year 1 in one bill run, or overflowed
// into five-digit years the database refuses; inside them every period a plan
// can bill ends before the year 10000.

const earliestInstant = "2000-01-01T00:00:00Z";
const latestInstant = "2100-01-01T00:00:00Z";

const earliest = Date.parse(earliestInstant);
const latest = Date.parse(latestInstant);

/** Whether an instant given as text that is already a valid RFC 3339 date and time lies in the range. */
export function isInstantInRange(text: string): boolean {
  const instant = Date.parse(text);
  return Number.isFinite(instant) && instant >= earliest && instant <= latest;
}

/** What a refused date is told, wherever it was sent. */
export const instantRangeMessage = `must be an RFC 3339 date and time (such as 2026-02-15T00:00:00Z) from ${earliestInstant} to ${latestInstant}`;
