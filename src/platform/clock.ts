// Time is passed in, never read from a global, so that tests and the test clock
// of an environment can decide what "now" is.
export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };
