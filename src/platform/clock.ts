// Time is passed in, never read from a global, so that tests and the test clock
// of an environment can decide what "now" is.
export type Clock = {
  now(): Date;
  /** Real time beneath a test clock: what links, invitations and keys expire by. */
  realTime?: Clock;
};

/** The clock expiry is measured on: real time, even where a test clock decides what "now" is for billing. */
export function realTimeOf(clock: Clock): Clock {
  return clock.realTime ?? clock;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that always reads `instant`: a test environment's frozen clock, or the time an event happened. */
export function fixedClock(instant: Date): Clock {
  const fixed = instant.getTime();
  return { now: () => new Date(fixed) };
}
