// One pass over usage events, any number of them, in any order: each event is
// routed by name to the meters it may match, checked against their filters,
// read, and added to the aggregator of the window its timestamp falls in.
// A meter given with its history of definitions reads each event by the
// definition in effect at its timestamp (see meter-history.ts).
// Memory depends on the number of windows, not of events (unique_count keeps
// its distinct values).
import { BillingInputError, type Meter } from "../catalog.ts";
import type { Instant } from "../instant.ts";
import {
  CountAggregator,
  LatestAggregator,
  MaxAggregator,
  SumAggregator,
  TransactionFeeAggregator,
  UniqueCountAggregator,
  WeightedSumAggregator,
  type WindowAggregator,
} from "./aggregators.ts";
import {
  CombinationLevels,
  DimensionalAggregator,
  type RefusedCombination,
} from "./dimensional-aggregator.ts";
import { InAdvanceAggregator } from "./in-advance-aggregator.ts";
import { LevelLedger } from "./level-ledger.ts";
import {
  checkMeterHistory,
  type MeterDefinitionSpan,
  readingKindOf,
  singleDefinition,
  spanAt,
} from "./meter-history.ts";
import {
  meterFilterOf,
  type NumericValue,
  ownProperty,
  propertyValueKey,
  readNumericValue,
  type UsageEvent,
} from "./usage-event.ts";
import type { UsageAggregate, UsageAggregates, UsageWindow } from "./usage-windows.ts";

/**
 * An event that matches a meter but lacks the property the meter reads, or
 * has a non-numeric one; or an event of a combination that a dimensional
 * charge refuses (its default is `reject`, V5).
 */
export type InvalidUsageEvent =
  | {
      readonly eventId: string;
      readonly meterCode: string;
      readonly property: string;
      readonly problem: "missing" | "not_numeric";
    }
  | {
      readonly eventId: string;
      readonly meterCode: string;
      readonly problem: "no_price";
      readonly refused: RefusedCombination;
    };

/** The windows of one meter that share one time range (one plan segment). */
type WindowSlot<Value> = {
  readonly start: Instant;
  readonly end: Instant;
  readonly aggregators: { readonly key: string; readonly aggregator: WindowAggregator<Value> }[];
};

interface MeterIngestor {
  /** The event names the meter's definitions count. */
  eventNames(): string[];
  offer(event: UsageEvent, sequence: number, problems: InvalidUsageEvent[]): void;
  collect(into: Map<string, UsageAggregate>): void;
}

/** Why a meter could not read an event's property. */
const MISSING = Symbol("missing");
const NOT_NUMERIC = Symbol("not numeric");
type Unreadable = typeof MISSING | typeof NOT_NUMERIC;
/** An event its definition reads, but not as a value of the kind the window combines (billing rule 34). */
const WITHOUT_VALUE = Symbol("without value");

/** Reads what a meter aggregates from an event's properties. */
type ValueReader<Value> = (properties: Readonly<Record<string, unknown>>) => Value | Unreadable;

const readNothing: ValueReader<null> = () => null;

/** How one definition of a meter reads the events of its span. */
type SpanReader<Value> = {
  readonly from: Instant;
  readonly until: Instant;
  readonly eventName: string;
  /** The property named when an event cannot be read. */
  readonly property: string;
  readonly passesFilters: (properties: Readonly<Record<string, unknown>>) => boolean;
  readonly readValue: ValueReader<Value | typeof WITHOUT_VALUE>;
};

function propertyOf(meter: Meter): string {
  if (meter.property === undefined) throw new BillingInputError(`meter "${meter.code}" needs a property`);
  return meter.property;
}

/** A definition's own reader, by its aggregation: nothing, a distinct value's key, or a number. */
function ownReader(meter: Meter): ValueReader<unknown> {
  if (meter.aggregation === "count") return readNothing;
  return meter.aggregation === "unique_count"
    ? valueKeyReader(propertyOf(meter))
    : numericReader(propertyOf(meter));
}

/**
 * The readers of a meter's definitions, for windows of `billed`'s
 * aggregation: a definition that reads the window's kind of value reads it
 * with `sameKind`; any other reads the event as its own aggregation does
 * (so that what it cannot read is still reported) and gives no value.
 */
function spanReadersOf<Value>(
  billed: Meter,
  spans: readonly MeterDefinitionSpan[],
  sameKind: (meter: Meter) => ValueReader<Value>,
): SpanReader<Value>[] {
  const kind = readingKindOf(billed.aggregation);
  return spans.map(({ from, until, meter }) => {
    let readValue: ValueReader<Value | typeof WITHOUT_VALUE>;
    if (readingKindOf(meter.aggregation) === kind) readValue = sameKind(meter);
    else {
      const read = ownReader(meter);
      readValue = (properties) => {
        const value = read(properties);
        return value === MISSING || value === NOT_NUMERIC ? value : WITHOUT_VALUE;
      };
    }
    return {
      from,
      until,
      eventName: meter.eventName,
      property: meter.property ?? "",
      passesFilters: meterFilterOf(meter.filters),
      readValue,
    };
  });
}

function numericReader(property: string): ValueReader<NumericValue> {
  return (properties) => {
    const raw = ownProperty(properties, property);
    return raw === undefined ? MISSING : (readNumericValue(raw) ?? NOT_NUMERIC);
  };
}

function valueKeyReader(property: string): ValueReader<string> {
  return (properties) => {
    const raw = ownProperty(properties, property);
    return raw === undefined ? MISSING : propertyValueKey(raw);
  };
}

class TypedMeterIngestor<Value> implements MeterIngestor {
  private readonly meter: Meter;
  /** Sorted and disjoint; one reader for a meter with a single definition. */
  private readonly readers: readonly SpanReader<Value>[];
  private readonly onlyReader: SpanReader<Value> | undefined;
  /** Sees every readable value of the meter, in a window or not (the weighted_sum ledger). */
  private readonly observe:
    | ((value: Value, timestamp: Instant, properties: Readonly<Record<string, unknown>>) => void)
    | undefined;
  private readonly slots: readonly WindowSlot<Value>[];
  private readonly slotStarts: readonly Instant[];
  private lastSlot: WindowSlot<Value> | undefined;

  constructor(options: {
    meter: Meter;
    readers: readonly SpanReader<Value>[];
    observe?: (value: Value, timestamp: Instant, properties: Readonly<Record<string, unknown>>) => void;
    slots: WindowSlot<Value>[];
  }) {
    this.meter = options.meter;
    this.readers = options.readers;
    const [only] = options.readers;
    // One definition for all time (every meter of a scenario): no look-up per event.
    this.onlyReader =
      options.readers.length === 1 &&
      only !== undefined &&
      only.from === Number.NEGATIVE_INFINITY &&
      only.until === Number.POSITIVE_INFINITY
        ? only
        : undefined;
    this.observe = options.observe;
    this.slots = [...options.slots].sort((left, right) => left.start - right.start);
    this.slotStarts = this.slots.map((slot) => slot.start);
  }

  eventNames(): string[] {
    return [...new Set(this.readers.map((reader) => reader.eventName))];
  }

  offer(event: UsageEvent, sequence: number, problems: InvalidUsageEvent[]): void {
    // The definition in effect at the event's timestamp reads it, or none does.
    const reader = this.onlyReader ?? spanAt(this.readers, event.timestamp);
    if (reader === undefined || reader.eventName !== event.name) return;
    if (!reader.passesFilters(event.properties)) return;
    const value = reader.readValue(event.properties);
    if (value === MISSING || value === NOT_NUMERIC) {
      problems.push({
        eventId: event.id,
        meterCode: this.meter.code,
        property: reader.property,
        problem: value === MISSING ? "missing" : "not_numeric",
      });
      return;
    }
    if (value !== WITHOUT_VALUE) this.observe?.(value, event.timestamp, event.properties);
    const slot = this.slotAt(event.timestamp);
    if (slot === undefined) return;
    for (const { aggregator } of slot.aggregators) {
      const refused =
        aggregator instanceof DimensionalAggregator ? aggregator.refusal(event.properties) : undefined;
      if (refused !== undefined)
        problems.push({ eventId: event.id, meterCode: this.meter.code, problem: "no_price", refused });
      else if (value === WITHOUT_VALUE) aggregator.addWithoutValue(event.timestamp, sequence, event);
      else aggregator.add(value, event.timestamp, sequence, event);
    }
  }

  /**
   * The slot whose range holds the instant: the last one found when it still
   * does (a stream in time order stays in one slot for long), else by binary
   * search over the sorted, disjoint slots.
   */
  private slotAt(timestamp: Instant): WindowSlot<Value> | undefined {
    const last = this.lastSlot;
    if (last !== undefined && timestamp >= last.start && timestamp < last.end) return last;
    const found = this.searchSlot(timestamp);
    if (found !== undefined) this.lastSlot = found;
    return found;
  }

  private searchSlot(timestamp: Instant): WindowSlot<Value> | undefined {
    let low = 0;
    let high = this.slotStarts.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.slotStarts[middle]! <= timestamp) low = middle + 1;
      else high = middle;
    }
    const slot = this.slots[low - 1];
    return slot !== undefined && timestamp < slot.end ? slot : undefined;
  }

  collect(into: Map<string, UsageAggregate>): void {
    for (const slot of this.slots) {
      for (const { key, aggregator } of slot.aggregators) into.set(key, aggregator.result());
    }
  }
}

function groupIntoSlots<Value>(
  windows: readonly UsageWindow[],
  createAggregator: (window: UsageWindow) => WindowAggregator<Value>,
): WindowSlot<Value>[] {
  const slotsByStart = new Map<Instant, WindowSlot<Value>>();
  for (const window of windows) {
    let slot = slotsByStart.get(window.start);
    if (slot === undefined) {
      slot = { start: window.start, end: window.end, aggregators: [] };
      slotsByStart.set(window.start, slot);
    } else if (slot.end !== window.end) {
      throw new BillingInputError(`usage windows of meter "${window.meterCode}" overlap`);
    }
    slot.aggregators.push({ key: window.key, aggregator: createAggregator(window) });
  }
  return [...slotsByStart.values()];
}

function transactionAggregator(window: UsageWindow): TransactionFeeAggregator | undefined {
  const { transactionPricing } = window;
  return transactionPricing === undefined
    ? undefined
    : new TransactionFeeAggregator({ ...window, transactionPricing });
}

/**
 * The aggregator of a window: the meter's own for a plain window, or one per
 * combination for a dimensional charge's, each made by `plain` (which is
 * given the combination's price, so that a percentage price gets its fees).
 */
function windowAggregator<Value>(
  window: UsageWindow,
  plain: (window: UsageWindow, ledger: LevelLedger | undefined) => WindowAggregator<Value>,
  levels: CombinationLevels | undefined,
): WindowAggregator<Value> {
  const { dimensions, charge, instantWindowMilliseconds } = window;
  if (instantWindowMilliseconds !== undefined) {
    return new InAdvanceAggregator<Value>(instantWindowMilliseconds, () => plain(window, undefined));
  }
  if (dimensions === undefined || charge === undefined) return plain(window, undefined);
  const ledgers = levels?.track(dimensions.properties);
  return new DimensionalAggregator<Value>({
    dimensions,
    charge,
    start: window.start,
    ...(ledgers === undefined ? {} : { ledgers }),
    createAggregator: (pricing, ledger) =>
      plain(pricing.model === "percentage" ? { ...window, transactionPricing: pricing } : window, ledger),
  });
}

function createIngestor(
  meter: Meter,
  history: readonly MeterDefinitionSpan[],
  windows: readonly UsageWindow[],
  levelsStartAt: Instant,
): MeterIngestor {
  const refuseTransactions = (window: UsageWindow): void => {
    if (window.transactionPricing !== undefined) {
      throw new BillingInputError(
        `a percentage charge needs a numeric meter, and "${meter.code}" is ${meter.aggregation}`,
      );
    }
  };
  /** Count and unique count: each window aggregates what it reads on its own, and no percentage charge applies. */
  const countingIngestor = <Value>(
    sameKind: (meter: Meter) => ValueReader<Value>,
    newAggregator: () => WindowAggregator<Value>,
  ) =>
    new TypedMeterIngestor<Value>({
      meter,
      readers: spanReadersOf(meter, history, sameKind),
      slots: groupIntoSlots(windows, (window) =>
        windowAggregator<Value>(
          window,
          (plainWindow) => {
            refuseTransactions(plainWindow);
            return newAggregator();
          },
          undefined,
        ),
      ),
    });
  const { aggregation, property } = meter;
  if (aggregation === "count")
    return countingIngestor(
      () => readNothing,
      () => new CountAggregator(),
    );
  if (property === undefined) throw new BillingInputError(`meter "${meter.code}" needs a property`);
  if (aggregation === "unique_count") {
    return countingIngestor(
      (definition) => valueKeyReader(propertyOf(definition)),
      () => new UniqueCountAggregator(),
    );
  }
  const windowStarts = windows.map((window) => window.start);
  const isWeighted = aggregation === "weighted_sum";
  const ledger = isWeighted ? new LevelLedger(levelsStartAt, windowStarts) : undefined;
  const combinationLevels =
    isWeighted && windows.some((window) => window.dimensions !== undefined)
      ? new CombinationLevels(
          levelsStartAt,
          [...new Set(windowStarts)].sort((left, right) => left - right),
        )
      : undefined;
  const numericAggregator = (
    window: UsageWindow,
    combinationLedger: LevelLedger | undefined,
  ): WindowAggregator<NumericValue> => {
    const transactional = transactionAggregator(window);
    if (transactional !== undefined) return transactional;
    switch (aggregation) {
      case "sum":
        return new SumAggregator();
      case "max":
        return new MaxAggregator();
      case "latest":
        return new LatestAggregator();
      case "weighted_sum":
        // The ledgers are created above for exactly this aggregation.
        return new WeightedSumAggregator(window, combinationLedger ?? ledger!);
    }
  };
  const observe =
    ledger === undefined
      ? undefined
      : (change: NumericValue, timestamp: Instant, properties: Readonly<Record<string, unknown>>) => {
          ledger.record(change, timestamp);
          combinationLevels?.record(change, timestamp, properties);
        };
  return new TypedMeterIngestor<NumericValue>({
    meter,
    readers: spanReadersOf(meter, history, (definition) => numericReader(propertyOf(definition))),
    ...(observe === undefined ? {} : { observe }),
    slots: groupIntoSlots(windows, (window) =>
      windowAggregator(window, numericAggregator, combinationLevels),
    ),
  });
}

/**
 * Aggregates usage events into the given windows, streaming. Feed events with
 * `add` (from an array, a file, a database cursor) and read the aggregates with
 * `finish`. Every meter is checked, even one no window needs, so that an event
 * a meter cannot read is always reported (billing rule 11).
 */
export class UsageAccumulator {
  private readonly ingestorsByEventName = new Map<string, MeterIngestor[]>();
  private readonly windows: readonly UsageWindow[];
  private arrivals = 0;
  /** The problems of the event being added (empty between events: most events have none). */
  private problems: InvalidUsageEvent[] = [];

  constructor(input: {
    meters: Iterable<Meter>;
    windows: readonly UsageWindow[];
    /** Where `weighted_sum` levels start at 0: the subscription start. */
    levelsStartAt: Instant;
    /**
     * The definitions a meter counted by over time, by meter code: each
     * event is read by the one in effect at its timestamp, and the meter
     * given in `meters` only says how its windows combine them (billing
     * rule 34). A meter without a history counts every event by itself.
     */
    histories?: ReadonlyMap<string, readonly MeterDefinitionSpan[]>;
  }) {
    this.windows = input.windows;
    const meters = [...input.meters];
    for (const meter of meters) {
      const meterWindows = input.windows.filter((window) => window.meterCode === meter.code);
      const history = input.histories?.get(meter.code) ?? singleDefinition(meter);
      checkMeterHistory(meter.code, history);
      const ingestor = createIngestor(meter, history, meterWindows, input.levelsStartAt);
      for (const eventName of ingestor.eventNames()) {
        const ingestors = this.ingestorsByEventName.get(eventName) ?? [];
        ingestors.push(ingestor);
        this.ingestorsByEventName.set(eventName, ingestors);
      }
    }
    const meterCodes = new Set(meters.map((meter) => meter.code));
    const orphan = input.windows.find((window) => !meterCodes.has(window.meterCode));
    if (orphan !== undefined) throw new BillingInputError(`unknown meter "${orphan.meterCode}"`);
  }

  /**
   * Adds one event. `sequence` is its position in the source's listing, which
   * breaks timestamp ties for `latest`; it defaults to the order of arrival.
   * Returns the problems that make the event unusable, if any.
   */
  add(event: UsageEvent, sequence: number = this.arrivals): InvalidUsageEvent[] | undefined {
    this.arrivals++;
    const ingestors = this.ingestorsByEventName.get(event.name);
    if (ingestors === undefined) return undefined;
    for (const ingestor of ingestors) ingestor.offer(event, sequence, this.problems);
    if (this.problems.length === 0) return undefined;
    const problems = this.problems;
    this.problems = [];
    return problems;
  }

  /** The aggregate of every window, zero for a window no event fell in. */
  finish(): UsageAggregates {
    const aggregates = new Map<string, UsageAggregate>();
    for (const ingestors of this.ingestorsByEventName.values()) {
      for (const ingestor of ingestors) ingestor.collect(aggregates);
    }
    for (const window of this.windows) {
      if (!aggregates.has(window.key))
        throw new BillingInputError(`usage window ${window.key} was not aggregated`);
    }
    return aggregates;
  }
}
