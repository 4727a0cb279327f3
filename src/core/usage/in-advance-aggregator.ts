// The aggregator of a usage charge billed in advance (scenario format v2,
// section 3): a segment's events grouped by the instant window in which they
// were received, each window aggregated on its own (count, sum, or the
// per-transaction fees of a percentage price), so that each window's invoice
// bills the growth it brought to the period's price.
import { ZERO } from "../decimal.ts";
import type { Instant } from "../instant.ts";
import type { WindowAggregator } from "./aggregators.ts";
import type { UsageEvent } from "./usage-event.ts";
import type { UsageAggregate } from "./usage-windows.ts";

/** The start of the window of `length` milliseconds, counted from the epoch, that holds `instant`. */
export function instantWindowStart(instant: Instant, length: number): Instant {
  return Math.floor(instant / length) * length;
}

export class InAdvanceAggregator<Value> implements WindowAggregator<Value> {
  private readonly windowLength: number;
  private readonly createAggregator: () => WindowAggregator<Value>;
  private readonly byWindow = new Map<Instant, WindowAggregator<Value>>();

  constructor(windowLength: number, createAggregator: () => WindowAggregator<Value>) {
    this.windowLength = windowLength;
    this.createAggregator = createAggregator;
  }

  add(value: Value, timestamp: Instant, sequence: number, event: UsageEvent): void {
    this.aggregatorOf(timestamp, event).add(value, timestamp, sequence, event);
  }

  addWithoutValue(timestamp: Instant, sequence: number, event: UsageEvent): void {
    this.aggregatorOf(timestamp, event).addWithoutValue(timestamp, sequence, event);
  }

  private aggregatorOf(timestamp: Instant, event: UsageEvent): WindowAggregator<Value> {
    const start = instantWindowStart(event.receivedAt ?? timestamp, this.windowLength);
    let aggregator = this.byWindow.get(start);
    if (aggregator === undefined) {
      aggregator = this.createAggregator();
      this.byWindow.set(start, aggregator);
    }
    return aggregator;
  }

  result(): UsageAggregate {
    const receivedWindows = new Map<Instant, UsageAggregate>();
    let eventCount = 0;
    for (const start of [...this.byWindow.keys()].sort((left, right) => left - right)) {
      const aggregate = this.byWindow.get(start)!.result();
      eventCount += aggregate.eventCount;
      receivedWindows.set(start, aggregate);
    }
    return { quantity: ZERO, eventCount, receivedWindows };
  }
}
