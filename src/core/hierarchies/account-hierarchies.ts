// Account hierarchies (issue #21): a parent account billed for its children.
// Two pieces of arithmetic, both pure. Pooling: the usage of the parent and
// its children on a meter summed into one aggregate per window before the
// charge's tiers and allowances price it, with each member's share kept for
// the line's explanation. Sections: a consolidated invoice's lines grouped by
// the customer they were billed for (the parent's own first, then each child
// in the order its lines come), each with its subtotal, and the subtotals
// adding up to the lines' sum exactly.
import { BillingInputError, type Meter } from "../catalog.ts";
import { type Decimal, maxDecimal, ZERO } from "../decimal.ts";
import type { Instant } from "../instant.ts";
import type {
  CombinationAggregate,
  UsageAggregate,
  UsageAggregates,
  UsageWindow,
} from "../usage/usage-windows.ts";

/** One account of a pool and its usage, read for the pool's windows. */
export type PoolMember = { readonly customerId: string; readonly usage: UsageAggregates };

/** What one account of a pool used in a window. */
export type PoolShare = {
  readonly customerId: string;
  readonly quantity: Decimal;
  readonly eventCount: number;
};

export type PooledUsage = {
  /** The pool's aggregates, by window key, as one account's would be. */
  readonly usage: UsageAggregates;
  /** Each window's shares, by window key, in the members' order. */
  readonly shares: ReadonlyMap<string, readonly PoolShare[]>;
};

type Combine = (left: Decimal, right: Decimal) => Decimal;

/**
 * How a meter's aggregates of two accounts make the pool's. A sum, a count and
 * a time-weighted sum add up; a maximum is the larger one. A unique count
 * cannot (the same value may be counted by two accounts) and neither can a
 * latest value (the aggregates carry no time): those meters are refused.
 */
function combinerOf(meter: Meter): Combine {
  switch (meter.aggregation) {
    case "count":
    case "sum":
    case "weighted_sum":
      return (left, right) => left.plus(right);
    case "max":
      return maxDecimal;
    case "unique_count":
    case "latest":
      throw new BillingInputError(
        `Meter ${meter.code} aggregates by ${meter.aggregation}: its usage cannot be pooled across a parent's children.`,
      );
  }
}

/** Both maps' entries, the two values of a key in both combined by `combineValues`. */
function mergeMaps<Key, Value>(
  left: ReadonlyMap<Key, Value>,
  right: ReadonlyMap<Key, Value>,
  combineValues: (left: Value, right: Value) => Value,
): Map<Key, Value> {
  const merged = new Map(left);
  for (const [key, value] of right) {
    const before = merged.get(key);
    merged.set(key, before === undefined ? value : combineValues(before, value));
  }
  return merged;
}

function combineCombinations(
  left: ReadonlyMap<string, CombinationAggregate> | undefined,
  right: ReadonlyMap<string, CombinationAggregate> | undefined,
  combine: Combine,
): ReadonlyMap<string, CombinationAggregate> | undefined {
  if (left === undefined || right === undefined) return left ?? right;
  return mergeMaps(left, right, (before, combination) => ({
    values: before.values,
    aggregate: combineAggregates(before.aggregate, combination.aggregate, combine),
  }));
}

function combineReceivedWindows(
  left: ReadonlyMap<Instant, UsageAggregate> | undefined,
  right: ReadonlyMap<Instant, UsageAggregate> | undefined,
  combine: Combine,
): ReadonlyMap<Instant, UsageAggregate> | undefined {
  if (left === undefined || right === undefined) return left ?? right;
  const merged = mergeMaps(left, right, (before, aggregate) => combineAggregates(before, aggregate, combine));
  return new Map([...merged].sort(([first], [second]) => first - second));
}

function combineAggregates(left: UsageAggregate, right: UsageAggregate, combine: Combine): UsageAggregate {
  const fees =
    left.transactionFees === undefined && right.transactionFees === undefined
      ? undefined
      : (left.transactionFees ?? ZERO).plus(right.transactionFees ?? ZERO);
  const combinations = combineCombinations(left.combinations, right.combinations, combine);
  const receivedWindows = combineReceivedWindows(left.receivedWindows, right.receivedWindows, combine);
  return {
    quantity: combine(left.quantity, right.quantity),
    eventCount: left.eventCount + right.eventCount,
    ...(left.quantityIsInexact === true || right.quantityIsInexact === true
      ? { quantityIsInexact: true }
      : {}),
    ...(fees === undefined ? {} : { transactionFees: fees }),
    ...(combinations === undefined ? {} : { combinations }),
    ...(receivedWindows === undefined ? {} : { receivedWindows }),
  };
}

const emptyAggregate: UsageAggregate = { quantity: ZERO, eventCount: 0 };

/**
 * The pool's usage in each window: the members' aggregates combined as the
 * window's meter aggregates (see combinerOf), and what each member used. A
 * member without an aggregate for a window used nothing in it.
 */
export function poolUsage(
  members: readonly PoolMember[],
  windows: readonly UsageWindow[],
  meters: ReadonlyMap<string, Meter>,
): PooledUsage {
  const usage = new Map<string, UsageAggregate>();
  const shares = new Map<string, PoolShare[]>();
  for (const window of windows) {
    const meter = meters.get(window.meterCode);
    if (meter === undefined)
      throw new BillingInputError(`Unknown meter ${window.meterCode} in a usage window.`);
    const combine = combinerOf(meter);
    let pooled: UsageAggregate | undefined;
    const windowShares: PoolShare[] = [];
    for (const member of members) {
      const aggregate = member.usage.get(window.key) ?? emptyAggregate;
      windowShares.push({
        customerId: member.customerId,
        quantity: aggregate.quantity,
        eventCount: aggregate.eventCount,
      });
      pooled = pooled === undefined ? aggregate : combineAggregates(pooled, aggregate, combine);
    }
    usage.set(window.key, pooled ?? emptyAggregate);
    shares.set(window.key, windowShares);
  }
  return { usage, shares };
}

/** A line of a consolidated invoice: the customer it was billed for (null: the invoice's own customer). */
export type SectionedLine = { readonly billedCustomerId: string | null; readonly amount: Decimal };

export type InvoiceSection<Line extends SectionedLine> = {
  /** Null for the invoice's own customer's section. */
  readonly billedCustomerId: string | null;
  readonly lines: readonly Line[];
  /** The sum of the section's line amounts, exact (line amounts are already rounded). */
  readonly subtotal: Decimal;
};

/**
 * A consolidated invoice's sections: the parent's own lines first, then one
 * section per child in the order its first line comes, each line in its
 * original order. The subtotals add up to the sum of all the lines.
 */
export function invoiceSections<Line extends SectionedLine>(lines: readonly Line[]): InvoiceSection<Line>[] {
  const byCustomer = new Map<string | null, Line[]>([[null, []]]);
  for (const line of lines) {
    const section = byCustomer.get(line.billedCustomerId) ?? [];
    section.push(line);
    byCustomer.set(line.billedCustomerId, section);
  }
  return [...byCustomer]
    .filter(([customerId, sectionLines]) => customerId !== null || sectionLines.length > 0)
    .map(([billedCustomerId, sectionLines]) => ({
      billedCustomerId,
      lines: sectionLines,
      subtotal: sectionLines.reduce((sum, line) => sum.plus(line.amount), ZERO),
    }));
}

/** A stretch of time in which a parent's subscription pools a meter's usage with its children. */
export type PoolCover = { readonly meterCode: string; readonly start: Instant; readonly end: Instant };

/** The parts of `[start, end)` that no cover of the meter covers, in order. */
function uncoveredParts(
  window: UsageWindow,
  covers: readonly PoolCover[],
): { start: Instant; end: Instant }[] {
  const relevant = covers
    .filter(
      (cover) => cover.meterCode === window.meterCode && cover.start < window.end && cover.end > window.start,
    )
    .sort((left, right) => left.start - right.start);
  const parts: { start: Instant; end: Instant }[] = [];
  let from = window.start;
  for (const cover of relevant) {
    if (cover.start > from) parts.push({ start: from, end: cover.start });
    from = Math.max(from, cover.end);
  }
  if (from < window.end) parts.push({ start: from, end: window.end });
  return parts;
}

/** A child's usage to read when a parent's pool already prices part of it, and how to put it back together. */
export type UnpooledUsage = {
  /** The windows to read: each window's uncovered parts, keyed apart. */
  readonly pieces: readonly UsageWindow[];
  /** The child's usage per original window key from the pieces' aggregates: a covered part counts nothing. */
  combine(read: UsageAggregates): UsageAggregates;
};

/**
 * A pooled meter is never billed twice: a child's own subscription reads its
 * usage of a meter only outside the stretches in which its parent's pool
 * prices that meter. A window the pool covers whole reads nothing; one it
 * covers in part reads the rest (each part a piece of the window, its full
 * period kept for a weighted sum), the parts combined as the meter combines
 * usage.
 */
export function withoutPooledUsage(
  windows: readonly UsageWindow[],
  covers: readonly PoolCover[],
  meters: ReadonlyMap<string, Meter>,
): UnpooledUsage {
  const partsOf = new Map(windows.map((window) => [window.key, uncoveredParts(window, covers)]));
  const pieceKey = (key: string, index: number) => `${key}#unpooled-${index}`;
  const pieces = windows.flatMap((window) =>
    (partsOf.get(window.key) ?? []).map((part, index) => ({
      ...window,
      key: pieceKey(window.key, index),
      start: part.start,
      end: part.end,
    })),
  );
  return {
    pieces,
    combine(read) {
      const usage = new Map<string, UsageAggregate>();
      for (const window of windows) {
        const parts = (partsOf.get(window.key) ?? []).map(
          (_part, index) => read.get(pieceKey(window.key, index)) ?? emptyAggregate,
        );
        if (parts.length === 0) {
          usage.set(window.key, emptyAggregate);
          continue;
        }
        const meter = meters.get(window.meterCode);
        if (meter === undefined)
          throw new BillingInputError(`Unknown meter ${window.meterCode} in a usage window.`);
        const combine = parts.length === 1 ? (left: Decimal) => left : combinerOf(meter);
        usage.set(
          window.key,
          parts.reduce((sum, aggregate) => combineAggregates(sum, aggregate, combine)),
        );
      }
      return usage;
    },
  };
}
