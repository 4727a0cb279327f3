// The lines a plan segment puts on invoices: its in-advance fixed charges when
// it opens; its usage, in-arrears fixed charges, minimum true-up and proration
// credits when it closes.

import type { AllowanceLedger } from "../allowances/allowance-ledger.ts";
import type { BillingSchedule, PlanSegment } from "../billing-schedule.ts";
import {
  BillingInputError,
  type Catalog,
  type ChargeDimensions,
  type FixedCharge,
  meterOf,
  type PlanVersion,
  type PricingModel,
  planOf,
  pricingUnitOf,
  type UsageCharge,
} from "../catalog.ts";
import type { RateCardEntry } from "../contracts/contract.ts";
import { planWithRateCard } from "../contracts/rate-card.ts";
import type { Currency } from "../currency.ts";
import { Decimal, maxDecimal, minDecimal, ONE, sumDecimals, ZERO } from "../decimal.ts";
import type { Instant } from "../instant.ts";
import { roundToMinorUnit } from "../money.ts";
import { priceUsage } from "../pricing/price-usage.ts";
import { type ProrationFactor, prorate, prorationFactor, WHOLE_PERIOD } from "../proration.ts";
import { type QuantityTimeline, quantityAt, quantityStepsWithin, quantityStretches } from "../quantities.ts";
import { combinationPricing, compareCombinationValues } from "../usage/dimensions.ts";
import {
  type CombinationAggregate,
  type UsageAggregate,
  type UsageAggregates,
  usageWindowKey,
} from "../usage/usage-windows.ts";
import type { InvoiceLine } from "./invoice-line.ts";
import type { AllowanceSummary } from "./invoice-totals.ts";

export type SegmentLines = {
  readonly segment: PlanSegment;
  /** Billed when the segment opens, at `segment.start`. */
  readonly opening: readonly InvoiceLine[];
  /**
   * Billed at the end of each instant window that received the segment's
   * usage billed in advance (V17), with the charge's position in its plan.
   */
  readonly inAdvance: readonly {
    readonly at: Instant;
    readonly chargeIndex: number;
    readonly line: InvoiceLine;
  }[];
  /** Billed inside the segment: quantity changes of in-advance charges, each at its instant (V9). */
  readonly midway: readonly { readonly at: Instant; readonly line: InvoiceLine }[];
  /**
   * Billed when the segment closes, at `segment.end`, in invoice order: usage
   * and in-arrears fixed charges in listed order, then the minimum true-up.
   * Empty when the segment closes after the schedule's `until`.
   */
  readonly closing: readonly InvoiceLine[];
  /** Billed when the segment closes, after `closing` (and a contract's true-ups): its proration credits. */
  readonly prorationCredits: readonly InvoiceLine[];
  /** The plan's allowances over the segment, shown on the invoice at its end (V25); absent when it has none. */
  readonly allowances?: readonly AllowanceSummary[];
};

type LineContext = {
  readonly segment: PlanSegment;
  readonly catalog: Catalog;
  readonly currency: Currency;
  readonly timeZone: string;
  readonly usage: UsageAggregates;
  readonly quantities: QuantityTimeline;
  /** The plan as the contract's rate card prices it at an instant (V28); the plan itself without a contract. */
  readonly pricedAt: (instant: Instant) => PlanVersion;
};

const NO_QUANTITIES: QuantityTimeline = { initial: new Map(), changes: new Map() };

function factorFor(context: LineContext, from: Instant, to: Instant): ProrationFactor {
  return prorationFactor({ from, to }, context.segment.period, context.timeZone);
}

/** `amount × quantity`, exact; the amount itself for a quantity of 1 (every version-1 charge). */
function timesQuantity(amount: Decimal, quantity: Decimal): Decimal {
  return quantity.equals(ONE) ? amount : amount.times(quantity);
}

function fixedLine(
  context: LineContext,
  charge: FixedCharge,
  from: Instant,
  to: Instant,
  quantity: Decimal,
): InvoiceLine {
  const proration = charge.prorate ? factorFor(context, from, to) : WHOLE_PERIOD;
  return {
    charge: charge.id,
    kind: "fixed",
    periodStart: from,
    periodEnd: to,
    quantity,
    amount: roundToMinorUnit(prorate(timesQuantity(charge.amount, quantity), proration), context.currency),
    details: {
      kind: "fixed",
      planCode: context.segment.planCode,
      timing: charge.timing,
      fullAmount: charge.amount,
      proration,
    },
  };
}

/** The opposite amount, never a negative zero. */
function negate(amount: Decimal): Decimal {
  return amount.isZero() ? ZERO : amount.negated();
}

/**
 * Credit for the part `[segment end, period end)` of an in-advance charge
 * billed up to the period's end, at the quantity in force until then (V11).
 */
function prorationCreditLine(context: LineContext, charge: FixedCharge): InvoiceLine {
  const { segment } = context;
  const proration = factorFor(context, segment.end, segment.period.end);
  const quantity = new Decimal(quantityAt(context.quantities, charge.id, segment.end, "before"));
  return {
    charge: charge.id,
    kind: "proration_credit",
    periodStart: segment.end,
    periodEnd: segment.period.end,
    quantity,
    amount: negate(
      roundToMinorUnit(prorate(timesQuantity(charge.amount, quantity), proration), context.currency),
    ),
    details: { kind: "proration_credit", planCode: segment.planCode, fullAmount: charge.amount, proration },
  };
}

function usageAggregateOf(context: LineContext, charge: UsageCharge): UsageAggregate {
  const { segment } = context;
  const source =
    charge.pricing.model === "percentage" || charge.dimensions !== undefined || charge.timing === "in_advance"
      ? { planCode: segment.planCode, chargeId: charge.id }
      : { meterCode: charge.meterCode };
  const aggregate = context.usage.get(usageWindowKey(source, segment.start, segment.end));
  if (aggregate === undefined) {
    throw new BillingInputError(`no usage aggregate for charge "${charge.id}" of plan "${segment.planCode}"`);
  }
  return aggregate;
}

function usageLine(
  context: LineContext,
  charge: UsageCharge,
  aggregate: UsageAggregate,
  pricing: PricingModel = charge.pricing,
): InvoiceLine {
  const { segment } = context;
  const price = priceUsage(pricing, aggregate);
  // A cost in a pricing unit, rounded to its decimals (V21); the allowance ledger turns it into the line's amount.
  const unit = charge.unit === undefined ? undefined : pricingUnitOf(context.catalog, charge.unit);
  const unitCost = unit === undefined ? undefined : price.amount.toDecimalPlaces(unit.decimals);
  return {
    charge: charge.id,
    kind: "usage",
    periodStart: segment.start,
    periodEnd: segment.end,
    quantity: aggregate.quantity,
    amount: unitCost ?? roundToMinorUnit(price.amount, context.currency),
    ...(unit === undefined || unitCost === undefined
      ? {}
      : { allowance: { unit: unit.code, decimals: unit.decimals, unitCost, applied: ZERO } }),
    details: {
      kind: "usage",
      planCode: segment.planCode,
      meterCode: charge.meterCode,
      aggregation: meterOf(context.catalog, charge.meterCode).aggregation,
      eventCount: aggregate.eventCount,
      quantity: aggregate.quantity,
      quantityIsInexact: aggregate.quantityIsInexact === true,
      price: price.breakdown,
    },
  };
}

/**
 * The lines of a dimensional charge (V6): one per combination with usage in
 * the segment, the listed combinations in their listed order, then those
 * priced by the default, ordered by their values. Without any, one line of
 * quantity 0, as a charge without dimensions gives.
 */
function dimensionalUsageLines(
  context: LineContext,
  charge: UsageCharge,
  dimensions: ChargeDimensions,
): InvoiceLine[] {
  const aggregate = usageAggregateOf(context, charge);
  const combinations = aggregate.combinations ?? new Map<string, CombinationAggregate>();
  if (combinations.size === 0) {
    return [usageLine(context, charge, { quantity: ZERO, eventCount: 0, transactionFees: ZERO })];
  }
  const listed: { position: number; line: InvoiceLine }[] = [];
  const byDefault: { values: readonly (string | null)[]; line: InvoiceLine }[] = [];
  for (const [key, combination] of combinations) {
    const pricing = combinationPricing(dimensions, key);
    // A refused combination never reaches the lines: its events are errors.
    if (pricing === "reject") continue;
    const named = Object.fromEntries(
      dimensions.properties.map((name, index) => [name, combination.values[index] ?? null]),
    );
    const line: InvoiceLine = {
      ...usageLine(context, charge, combination.aggregate, pricing.pricing),
      dimensions: named,
      ...(pricing.byDefault ? { pricedBy: "default" as const } : {}),
    };
    if (pricing.byDefault) byDefault.push({ values: combination.values, line });
    else listed.push({ position: pricing.position, line });
  }
  listed.sort((left, right) => left.position - right.position);
  byDefault.sort((left, right) => compareCombinationValues(left.values, right.values));
  return [...listed.map((entry) => entry.line), ...byDefault.map((entry) => entry.line)];
}

/**
 * The `usage_in_advance` lines of a charge billed in advance (V16, V17): one
 * per instant window that received the segment's events and ends by `until`,
 * for the growth of the period's price, `price(Q₁) − price(Q₀)`, rounded once
 * (a percentage price: the window's fees).
 */
function inAdvanceUsageLines(
  context: LineContext,
  charge: UsageCharge,
  chargeIndex: number,
  until: Instant,
  windowLength: number,
): { at: Instant; chargeIndex: number; line: InvoiceLine }[] {
  const { segment } = context;
  const aggregate = usageAggregateOf(context, charge);
  const lines: { at: Instant; chargeIndex: number; line: InvoiceLine }[] = [];
  const aggregation = meterOf(context.catalog, charge.meterCode).aggregation;
  let before = ZERO;
  for (const [start, received] of aggregate.receivedWindows ?? new Map<Instant, UsageAggregate>()) {
    const at = start + windowLength;
    if (at > until) break;
    const after = before.plus(received.quantity);
    const price = priceUsage(charge.pricing, { ...received, quantity: after });
    const growth =
      charge.pricing.model === "percentage"
        ? (received.transactionFees ?? ZERO)
        : price.amount.minus(priceUsage(charge.pricing, { quantity: before, eventCount: 0 }).amount);
    lines.push({
      at,
      chargeIndex,
      line: {
        charge: charge.id,
        kind: "usage_in_advance",
        // The period as known when the window's invoice is issued: a later cut does not rewrite it (V17).
        periodStart: segment.start,
        periodEnd: segment.period.end,
        quantity: received.quantity,
        amount: roundToMinorUnit(growth, context.currency),
        details: {
          kind: "usage",
          planCode: segment.planCode,
          meterCode: charge.meterCode,
          aggregation,
          eventCount: received.eventCount,
          quantity: received.quantity,
          quantityIsInexact: false,
          price: price.breakdown,
        },
      },
    });
    before = after;
  }
  return lines;
}

/** The plan's charge of the same id as `charge` (the same charge, priced as of another instant). */
function fixedChargeIn(plan: PlanVersion, charge: FixedCharge): FixedCharge {
  const found = plan.charges.find((candidate) => candidate.id === charge.id);
  return found?.type === "fixed" ? found : charge;
}

/**
 * The `quantity_change` lines of an in-advance charge inside the segment
 * (V9): each change bills `amount × (new − old)` for the rest of the period;
 * a decrease only when the charge credits decreases. Changes at the segment's
 * start set the quantity its opening line bills, and bill nothing else.
 */
function quantityChangeLines(
  context: LineContext,
  charge: FixedCharge,
  until: Instant,
): { at: Instant; order: number; line: InvoiceLine }[] {
  const { segment } = context;
  const lines: { at: Instant; order: number; line: InvoiceLine }[] = [];
  for (const step of quantityStepsWithin(context.quantities, charge.id, segment.start, segment.end)) {
    if (step.at > until) break;
    const difference = step.quantity - step.previous;
    if (difference === 0 || (difference < 0 && charge.creditOnDecrease !== true)) continue;
    const proration = charge.prorate ? factorFor(context, step.at, segment.period.end) : WHOLE_PERIOD;
    // Priced as the rate card says at the change (V28).
    const fullAmount = fixedChargeIn(context.pricedAt(step.at), charge).amount;
    const amount = roundToMinorUnit(prorate(fullAmount.times(difference), proration), context.currency);
    lines.push({
      at: step.at,
      order: step.order,
      line: {
        charge: charge.id,
        kind: "quantity_change",
        periodStart: step.at,
        periodEnd: segment.period.end,
        quantity: new Decimal(difference),
        amount: amount.isZero() ? ZERO : amount,
        details: {
          kind: "quantity_change",
          planCode: segment.planCode,
          fullAmount,
          previousQuantity: step.previous,
          newQuantity: step.quantity,
          proration,
        },
      },
    });
  }
  return lines;
}

/**
 * An in-arrears fixed charge's lines for the segment: one per stretch of
 * constant quantity (V10), or one at the quantity in force at the segment's
 * end when it is not prorated; a charge whose quantity follows a meter bills
 * the meter's aggregate over the segment, within its bounds (V12).
 */
function inArrearsLines(context: LineContext, charge: FixedCharge): InvoiceLine[] {
  const { segment } = context;
  if (charge.quantityMeter !== undefined) {
    const aggregate = context.usage.get(
      usageWindowKey({ meterCode: charge.quantityMeter }, segment.start, segment.end),
    );
    if (aggregate === undefined) {
      throw new BillingInputError(`no usage aggregate for the quantity of charge "${charge.id}"`);
    }
    let quantity = aggregate.quantity;
    if (charge.minQuantity !== undefined) quantity = maxDecimal(quantity, new Decimal(charge.minQuantity));
    if (charge.maxQuantity !== undefined) quantity = minDecimal(quantity, new Decimal(charge.maxQuantity));
    return [fixedLine(context, charge, segment.start, segment.end, quantity)];
  }
  if (!charge.prorate) {
    const quantity = quantityAt(context.quantities, charge.id, segment.end, "before");
    return [fixedLine(context, charge, segment.start, segment.end, new Decimal(quantity))];
  }
  return quantityStretches(context.quantities, charge.id, segment.start, segment.end).map((stretch) =>
    fixedLine(context, charge, stretch.start, stretch.end, new Decimal(stretch.quantity)),
  );
}

/**
 * The true-up that lifts the segment's charges to its prorated minimum
 * commitment (billing rule 14), or undefined when they already reach it.
 */
function minimumTrueUpLine(
  context: LineContext,
  chargeLines: readonly InvoiceLine[],
): InvoiceLine | undefined {
  const { segment } = context;
  const plan = planOf(context.catalog, segment.planCode);
  if (plan.minimumCommitment === undefined) return undefined;
  const proration = factorFor(context, segment.start, segment.end);
  const proratedMinimum = roundToMinorUnit(prorate(plan.minimumCommitment, proration), context.currency);
  const charges = sumDecimals(chargeLines.map((line) => line.amount));
  const shortfall = proratedMinimum.minus(charges);
  if (shortfall.lessThanOrEqualTo(ZERO)) return undefined;
  return {
    charge: plan.code,
    kind: "minimum_true_up",
    periodStart: segment.start,
    periodEnd: segment.end,
    quantity: ONE,
    amount: shortfall,
    details: {
      kind: "minimum_true_up",
      planCode: plan.code,
      minimumCommitment: plan.minimumCommitment,
      proration,
      proratedMinimum,
      charges,
    },
  };
}

/**
 * The lines of one plan segment. An in-advance charge is billed at the
 * segment's start for the rest of its period (the segment's end is not known
 * yet); a segment cut short by a change or a cancellation gives back the unused
 * part as a proration credit (none for a charge with `prorate: false`).
 */
export function segmentLines(input: {
  segment: PlanSegment;
  schedule: BillingSchedule;
  catalog: Catalog;
  currency: Currency;
  usage: UsageAggregates;
  /** The subscription's allowances, handed every segment in time order; absent without pricing units. */
  allowanceLedger?: AllowanceLedger | undefined;
  /** The next segment continues this one's plan into a new period, so its allowances roll over (V24). */
  continuesInNextPeriod?: boolean;
}): SegmentLines {
  const { segment, schedule } = input;
  const listedPlan = planOf(input.catalog, segment.planCode);
  const rateCard: readonly RateCardEntry[] = schedule.contract?.contract.rateCard ?? [];
  const pricedAt = (instant: Instant) => planWithRateCard(listedPlan, rateCard, instant);
  const context: LineContext = {
    ...input,
    timeZone: schedule.timeZone,
    quantities: schedule.quantities ?? NO_QUANTITIES,
    pricedAt,
  };
  // In-advance fees take the prices in force at the segment's start, usage and
  // in-arrears fees those in force just before its end (V28).
  const atStart = pricedAt(segment.start);
  const plan = pricedAt(segment.end - 1);
  const fixedInAdvance = atStart.charges.filter(
    (charge): charge is FixedCharge => charge.type === "fixed" && charge.timing === "in_advance",
  );
  const opening = fixedInAdvance.map((charge) =>
    fixedLine(
      context,
      charge,
      segment.start,
      segment.period.end,
      new Decimal(quantityAt(context.quantities, charge.id, segment.start, "at")),
    ),
  );
  const midway = fixedInAdvance
    .flatMap((charge) => quantityChangeLines(context, charge, schedule.until))
    .sort((left, right) => left.order - right.order);
  const inAdvance = plan.charges.flatMap((charge, chargeIndex) =>
    charge.type === "usage" && charge.timing === "in_advance"
      ? inAdvanceUsageLines(
          context,
          charge,
          chargeIndex,
          schedule.until,
          schedule.instantWindowMilliseconds ?? 3_600_000,
        )
      : [],
  );
  if (segment.end > schedule.until) {
    return { segment, opening, inAdvance, midway, closing: [], prorationCredits: [] };
  }

  const listedChargeLines = plan.charges.flatMap((charge) => {
    if (charge.type === "usage") {
      // Billed as it arrives, never at the period's end (V18).
      if (charge.timing === "in_advance") return [];
      return charge.dimensions === undefined
        ? [usageLine(context, charge, usageAggregateOf(context, charge))]
        : dimensionalUsageLines(context, charge, charge.dimensions);
    }
    return charge.timing === "in_arrears" ? inArrearsLines(context, charge) : [];
  });
  const ledger = input.allowanceLedger;
  let allowances: AllowanceSummary[] | undefined;
  let chargeLines = listedChargeLines;
  if (ledger !== undefined) {
    ledger.open(segment, plan);
    chargeLines = ledger.draw(listedChargeLines, input.currency);
    allowances = ledger.close(input.continuesInNextPeriod === true);
  }
  const credits =
    segment.end < segment.period.end
      ? fixedInAdvance
          .filter((charge) => charge.prorate)
          .map((charge) => prorationCreditLine(context, charge))
      : [];
  const trueUp = minimumTrueUpLine(context, [
    ...chargeLines,
    ...opening,
    ...credits,
    ...midway.map((entry) => entry.line),
    // The segment's usage billed in advance, as far as it was invoiced by the segment's end (V13a).
    ...inAdvance.filter((entry) => entry.at <= segment.end).map((entry) => entry.line),
  ]);
  return {
    segment,
    opening,
    inAdvance,
    midway,
    closing: trueUp === undefined ? chargeLines : [...chargeLines, trueUp],
    prorationCredits: credits,
    ...(allowances === undefined || allowances.length === 0 ? {} : { allowances }),
  };
}
