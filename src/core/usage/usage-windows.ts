// What usage has to be aggregated for a billing schedule: one window per
// (meter, plan segment), plus one per (percentage charge, plan segment) since
// a percentage charge prices each event on its own. The live service answers
// the same windows from its rollups; simulations answer them from raw events.
import type { BillingSchedule } from "../billing-schedule.ts";
import { type Catalog, type ChargeDimensions, type PercentagePricing, planOf } from "../catalog.ts";
import type { Decimal } from "../decimal.ts";
import type { Instant } from "../instant.ts";

export type UsageWindow = {
  /** Identifies the window in UsageAggregates (see usageWindowKey). */
  readonly key: string;
  readonly meterCode: string;
  /** Events with `start ≤ timestamp < end` are counted. */
  readonly start: Instant;
  readonly end: Instant;
  /** The full billing period, the denominator of a `weighted_sum` (billing rule 12). */
  readonly fullPeriodStart: Instant;
  readonly fullPeriodEnd: Instant;
  /** Present when the window prices each event for a percentage charge. */
  readonly transactionPricing?: PercentagePricing;
  /**
   * Present when the window aggregates each combination of a dimensional
   * charge on its own; `charge` names it when its default refuses an event.
   */
  readonly dimensions?: ChargeDimensions;
  readonly charge?: { readonly planCode: string; readonly chargeId: string };
  /** Present for a usage charge billed in advance: events are grouped by the instant window they arrived in. */
  readonly instantWindowMilliseconds?: number;
};

/** One combination's usage in a dimensional window. */
export type CombinationAggregate = {
  /** One value per dimension, in its compared form; null for no value. */
  readonly values: readonly (string | null)[];
  readonly aggregate: UsageAggregate;
};

export type UsageAggregate = {
  /** The meter's aggregate over the window (for a percentage charge: the sum of the values). */
  readonly quantity: Decimal;
  /**
   * True when the quantity is not a finite decimal and was carried to the
   * engine's precision (a time-weighted average such as 470/31).
   */
  readonly quantityIsInexact?: boolean;
  /** Matching events in the window. */
  readonly eventCount: number;
  /** For a percentage charge: the exact sum of the per-transaction fees. */
  readonly transactionFees?: Decimal;
  /**
   * For a dimensional charge: each combination with an event in the window
   * (or, for `weighted_sum`, a level other than 0 in it), by combination key.
   */
  readonly combinations?: ReadonlyMap<string, CombinationAggregate>;
  /** For a charge billed in advance: each instant window's events, by the window's start, in time order. */
  readonly receivedWindows?: ReadonlyMap<Instant, UsageAggregate>;
};

/** Aggregates by window key; a window with no events still has its (zero) aggregate. */
export type UsageAggregates = ReadonlyMap<string, UsageAggregate>;

export function usageWindowKey(
  source: { meterCode: string } | { planCode: string; chargeId: string },
  start: Instant,
  end: Instant,
): string {
  return "meterCode" in source
    ? JSON.stringify(["meter", source.meterCode, start, end])
    : JSON.stringify(["charge", source.planCode, source.chargeId, start, end]);
}

/**
 * The usage windows whose aggregates a schedule's invoices need: the usage
 * charges of every segment that closes on or before the schedule's `until`.
 * Usage is never prorated, so a window is exactly its segment. A dimensional
 * charge has a window of its own in every billed segment (one that starts on
 * or before `until`), so that an event its default refuses is found there (V5).
 */
export function usageWindowsFor(schedule: BillingSchedule, catalog: Catalog): UsageWindow[] {
  const windows = new Map<string, UsageWindow>();
  for (const segment of schedule.segments) {
    if (segment.start > schedule.until) continue;
    const closes = segment.end <= schedule.until;
    const plan = planOf(catalog, segment.planCode);
    // The segment's window of a meter, or of one charge, with what that charge's window adds.
    const add = (
      source: Parameters<typeof usageWindowKey>[0],
      meterCode: string,
      extra: Partial<UsageWindow> = {},
    ) => {
      const key = usageWindowKey(source, segment.start, segment.end);
      windows.set(key, {
        key,
        meterCode,
        start: segment.start,
        end: segment.end,
        fullPeriodStart: segment.period.fullStart,
        fullPeriodEnd: segment.period.fullEnd,
        ...extra,
      });
    };
    for (const charge of plan.charges) {
      if (charge.type === "fixed") {
        // A quantity that follows a meter is the meter's aggregate over the segment (V12).
        if (charge.quantityMeter !== undefined && closes) {
          add({ meterCode: charge.quantityMeter }, charge.quantityMeter);
        }
        continue;
      }
      const ofCharge = { planCode: plan.code, chargeId: charge.id };
      const transactionPricing =
        charge.pricing.model === "percentage" ? { transactionPricing: charge.pricing } : {};
      if (charge.timing === "in_advance") {
        add(ofCharge, charge.meterCode, {
          charge: ofCharge,
          instantWindowMilliseconds: schedule.instantWindowMilliseconds ?? 3_600_000,
          ...transactionPricing,
        });
      } else if (charge.dimensions !== undefined) {
        add(ofCharge, charge.meterCode, { dimensions: charge.dimensions, charge: ofCharge });
      } else if (closes) {
        const isTransactional = charge.pricing.model === "percentage";
        add(
          isTransactional ? ofCharge : { meterCode: charge.meterCode },
          charge.meterCode,
          transactionPricing,
        );
      }
    }
  }
  return [...windows.values()];
}
