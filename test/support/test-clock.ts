// A clock a test sets and moves by hand: the app under test reads it as its
// "now", so a test can start a subscription, then step into its next period.
import type { Clock } from "../../src/platform/clock.ts";

export class TestClock implements Clock {
  current: Date;

  constructor(start: string | Date) {
    this.current = new Date(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  /** Moves the clock to `instant` (earlier or later). */
  set(instant: string | Date): void {
    this.current = new Date(instant);
  }

  /** Moves the clock on by `milliseconds`. */
  advance(milliseconds: number): void {
    this.current = new Date(this.current.getTime() + milliseconds);
  }

  /** Runs `run`, which may move the clock, then puts the clock back where it stood, even when `run` throws. */
  async restoredAfter<Result>(run: () => Promise<Result>): Promise<Result> {
    const start = this.current;
    try {
      return await run();
    } finally {
      this.current = start;
    }
  }

  /** Moves the clock on by `seconds`. */
  advanceSeconds(seconds: number): void {
    this.advance(seconds * 1000);
  }
}
