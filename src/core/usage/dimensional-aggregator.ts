// The aggregator of a dimensional charge's window (scenario format v2, V4):
// events grouped by the combination of their dimension values, each
// combination aggregated on its own by the meter's aggregation (its own
// per-transaction fees when its price is a percentage; its own level for
// weighted_sum, kept across windows by CombinationLevels).
import type { ChargeDimensions, PricingModel } from "../catalog.ts";
import { Decimal, ZERO } from "../decimal.ts";
import type { Instant } from "../instant.ts";
import type { WindowAggregator } from "./aggregators.ts";
import { combinationOf, combinationPricing } from "./dimensions.ts";
import { LevelLedger } from "./level-ledger.ts";
import { type NumericValue, ownProperty, type UsageEvent } from "./usage-event.ts";
import type { CombinationAggregate, UsageAggregate } from "./usage-windows.ts";

/** An event whose combination no entry lists, under a `reject` default. */
export type RefusedCombination = {
  readonly planCode: string;
  readonly chargeId: string;
  /** Dimension name → value in its compared form, null for no value. */
  readonly dimensions: Readonly<Record<string, string | null>>;
};

/**
 * The level of each combination of a `weighted_sum` meter, by dimension list:
 * every readable event of the meter moves the level of its combination.
 */
export class CombinationLevels {
  private readonly levelsStartAt: Instant;
  private readonly windowStarts: readonly Instant[];
  /** By dimension list (JSON of the names), then by combination key. */
  private readonly ledgers = new Map<
    string,
    { names: readonly string[]; byCombination: Map<string, CombinationLedger> }
  >();

  constructor(levelsStartAt: Instant, windowStarts: readonly Instant[]) {
    this.levelsStartAt = levelsStartAt;
    this.windowStarts = windowStarts;
  }

  /** Registers a dimension list whose combinations need levels. */
  track(names: readonly string[]): Map<string, CombinationLedger> {
    const listKey = JSON.stringify(names);
    let entry = this.ledgers.get(listKey);
    if (entry === undefined) {
      entry = { names, byCombination: new Map() };
      this.ledgers.set(listKey, entry);
    }
    return entry.byCombination;
  }

  record(change: NumericValue, timestamp: Instant, properties: Readonly<Record<string, unknown>>): void {
    for (const { names, byCombination } of this.ledgers.values()) {
      const { key, values } = combinationOf(properties, names);
      let ledger = byCombination.get(key);
      if (ledger === undefined) {
        ledger = { values, ledger: new LevelLedger(this.levelsStartAt, this.windowStarts) };
        byCombination.set(key, ledger);
      }
      ledger.ledger.record(change, timestamp);
    }
  }
}

export type CombinationLedger = { readonly values: readonly (string | null)[]; readonly ledger: LevelLedger };

/** Creates the aggregator of one combination, given its price and (for weighted_sum) its ledger. */
export type CombinationAggregatorFactory<Value> = (
  pricing: PricingModel,
  ledger: LevelLedger | undefined,
) => WindowAggregator<Value>;

/**
 * An aggregate whose quantity uses every significant digit is not a finite
 * decimal (15/31 of a GB): it prints with at most 12 decimal places. The
 * time-weighted aggregator's own test (the quotient multiplies back to the
 * integral) misses such quotients when the product rounds back; version-1
 * outputs are recorded with that, so the stricter test applies to version 2's
 * dimensional charges only.
 */
function usesEveryDigit(aggregate: UsageAggregate): UsageAggregate {
  if (aggregate.quantityIsInexact !== false) return aggregate;
  return aggregate.quantity.precision() >= Decimal.precision
    ? { ...aggregate, quantityIsInexact: true }
    : aggregate;
}

export class DimensionalAggregator<Value> implements WindowAggregator<Value> {
  private readonly dimensions: ChargeDimensions;
  private readonly charge: { readonly planCode: string; readonly chargeId: string };
  private readonly start: Instant;
  private readonly createAggregator: CombinationAggregatorFactory<Value>;
  /** For weighted_sum: the ledgers of every combination seen, in a window or not. */
  private readonly ledgers: Map<string, CombinationLedger> | undefined;
  private readonly combinations = new Map<
    string,
    { values: readonly (string | null)[]; aggregator: WindowAggregator<Value> }
  >();
  /** The charge's one dimension, when it has one: its aggregators are also found by a text value as such. */
  private readonly singleDimension: string | undefined;
  private readonly byText = new Map<string, WindowAggregator<Value>>();

  constructor(options: {
    dimensions: ChargeDimensions;
    charge: { readonly planCode: string; readonly chargeId: string };
    start: Instant;
    createAggregator: CombinationAggregatorFactory<Value>;
    ledgers?: Map<string, CombinationLedger>;
  }) {
    this.dimensions = options.dimensions;
    this.charge = options.charge;
    this.start = options.start;
    this.createAggregator = options.createAggregator;
    this.ledgers = options.ledgers;
    const names = options.dimensions.properties;
    this.singleDimension = names.length === 1 ? names[0] : undefined;
  }

  /** The refusal of an event whose combination no entry lists, under a `reject` default. */
  refusal(properties: Readonly<Record<string, unknown>>): RefusedCombination | undefined {
    if (this.dimensions.fallback !== "reject") return undefined;
    const { key, values } = combinationOf(properties, this.dimensions.properties);
    if (this.dimensions.prices.has(key)) return undefined;
    return {
      ...this.charge,
      dimensions: Object.fromEntries(this.dimensions.properties.map((name, index) => [name, values[index]!])),
    };
  }

  add(value: Value, timestamp: Instant, sequence: number, event: UsageEvent): void {
    this.aggregatorOf(event)?.add(value, timestamp, sequence, event);
  }

  addWithoutValue(timestamp: Instant, sequence: number, event: UsageEvent): void {
    this.aggregatorOf(event)?.addWithoutValue(timestamp, sequence, event);
  }

  /** The aggregator of the event's combination; none for a combination its default refuses. */
  private aggregatorOf(event: UsageEvent): WindowAggregator<Value> | undefined {
    // One dimension whose value is text compared as itself (V3): found by that text, with no key built.
    const single = this.singleDimension;
    const raw = single === undefined ? undefined : ownProperty(event.properties, single);
    if (typeof raw === "string") {
      const known = this.byText.get(raw);
      if (known !== undefined) return known;
    }
    const { key, values } = combinationOf(event.properties, this.dimensions.properties);
    const aggregator = this.combinationAggregator(key, values);
    if (typeof raw === "string" && values[0] === raw && aggregator !== undefined)
      this.byText.set(raw, aggregator);
    return aggregator;
  }

  private combinationAggregator(
    key: string,
    values: readonly (string | null)[],
  ): WindowAggregator<Value> | undefined {
    let entry = this.combinations.get(key);
    if (entry === undefined) {
      const pricing = combinationPricing(this.dimensions, key);
      // A refused event makes the whole simulation an error; it is aggregated nowhere.
      if (pricing === "reject") return undefined;
      entry = { values, aggregator: this.createAggregator(pricing.pricing, this.ledgers?.get(key)?.ledger) };
      this.combinations.set(key, entry);
    }
    return entry.aggregator;
  }

  result(): UsageAggregate {
    // A weighted_sum combination without an event here still has a line when its level is not 0.
    for (const [key, { values, ledger }] of this.ledgers ?? []) {
      if (!this.combinations.has(key) && !ledger.levelAt(this.start).isZero()) {
        this.combinationAggregator(key, values);
      }
    }
    const combinations = new Map<string, CombinationAggregate>();
    let eventCount = 0;
    for (const [key, { values, aggregator }] of this.combinations) {
      const aggregate = usesEveryDigit(aggregator.result());
      eventCount += aggregate.eventCount;
      combinations.set(key, { values, aggregate });
    }
    return { quantity: ZERO, eventCount, combinations };
  }
}
