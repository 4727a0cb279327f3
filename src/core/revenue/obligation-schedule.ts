// When each performance obligation's allocated price is earned, month by
// month in the accounting zone (ASC 606 step 5):
// - ratable: over time, by local day over its service period (a platform fee,
//   support), each month's share rounded by allocateAmount so the months add
//   up to the allocation;
// - point in time: all of it at one instant (onboarding, a licence key);
// - drawdown: a prepaid commit, deferred and released as it is drawn down, at
//   allocated ÷ face per unit drawn, rounded on the running total so the
//   releases never drift; what is left when it expires is breakage then.
// Variable consideration (usage beyond what the fixed price covers, billed as
// used) is earned as used, wholly by the obligation it pays for.
import { allocateAmount } from "../allocation.ts";
import type { Currency } from "../currency.ts";
import { type Decimal, sumDecimals, ZERO } from "../decimal.ts";
import type { Instant } from "../instant.ts";
import { prepaidCreditReleases } from "./prepaid-credit-releases.ts";
import { daysServed, localMonthOf, serviceMonths } from "./service-months.ts";

/** A draw on a commit: `at` is the end of what it pays for, earned in the month that ends at or holds it. */
export type Draw = { readonly at: Instant; readonly amount: Decimal };

export type ObligationPattern =
  | { readonly type: "ratable"; readonly start: Instant; readonly end: Instant }
  | { readonly type: "point_in_time"; readonly at: Instant }
  | {
      readonly type: "drawdown";
      /** The commit's face value: what the customer may draw. */
      readonly face: Decimal;
      /** Draws in time order, each positive; together at most the face value. */
      readonly draws: readonly Draw[];
      readonly expiresAt: Instant;
    };

export type ScheduledObligation = {
  /** The obligation's id, as allocated. */
  readonly id: string;
  /** What it was scheduled from (an invoice line's id), copied to its entries; absent when one piece. */
  readonly source?: string;
  /** Its share of the transaction price (allocateTransactionPrice). */
  readonly allocated: Decimal;
  readonly pattern: ObligationPattern;
};

/** Usage billed as used: variable consideration earned by the obligation it pays for. */
export type VariableConsideration = {
  readonly obligationId: string;
  /** The end of the use it pays for: revenue of the month holding the instant just before. */
  readonly at: Instant;
  readonly amount: Decimal;
};

export type RevenueEntry = {
  readonly obligationId: string;
  /** The scheduled piece it comes from (ScheduledObligation.source). */
  readonly source?: string;
  readonly kind: "revenue" | "variable" | "breakage";
  /** When it is earned: the end of what it serves. */
  readonly at: Instant;
  /** The accounting month, "2027-01". */
  readonly month: string;
  readonly amount: Decimal;
};

export function monthOf(at: Instant, timeZone: string): string {
  return localMonthOf(at, timeZone).month;
}

function ratableEntries(
  obligation: ScheduledObligation,
  pattern: { start: Instant; end: Instant },
  currency: Currency,
  timeZone: string,
): RevenueEntry[] {
  if (pattern.end <= pattern.start) {
    throw new RangeError(`Obligation ${obligation.id}: its service period must end after it starts`);
  }
  const months = serviceMonths(pattern.start, pattern.end, timeZone);
  const pieces = allocateAmount(
    obligation.allocated,
    months.map((month) => daysServed(month.from, month.to, timeZone)),
    currency,
  );
  return months.map((month, index) => ({
    obligationId: obligation.id,
    kind: "revenue" as const,
    at: month.to,
    month: month.month,
    amount: pieces[index] ?? ZERO,
  }));
}

function drawdownEntries(
  obligation: ScheduledObligation,
  pattern: Extract<ObligationPattern, { type: "drawdown" }>,
  currency: Currency,
  timeZone: string,
): RevenueEntry[] {
  const drawn = sumDecimals(pattern.draws.map((draw) => draw.amount));
  if (drawn.greaterThan(pattern.face)) {
    throw new RangeError(
      `Obligation ${obligation.id}: draws of ${drawn.toFixed()} exceed the commit's ${pattern.face.toFixed()}; bill the rest as variable consideration`,
    );
  }
  const late = pattern.draws.find((draw) => draw.at > pattern.expiresAt || !draw.amount.greaterThan(ZERO));
  if (late !== undefined) {
    throw new RangeError(
      `Obligation ${obligation.id}: a draw must be positive and made before the commit expires`,
    );
  }
  const releases = prepaidCreditReleases({
    grantAmount: pattern.face,
    deferredValue: obligation.allocated,
    movements: pattern.draws.map((draw) => ({ amount: draw.amount, givesBack: false })),
    currency,
  });
  const entries: RevenueEntry[] = pattern.draws.map((draw, index) => ({
    obligationId: obligation.id,
    kind: "revenue",
    at: draw.at,
    month: monthOf(draw.at - 1, timeZone),
    amount: releases[index] ?? ZERO,
  }));
  const breakage = obligation.allocated.minus(sumDecimals(releases));
  if (!breakage.isZero()) {
    entries.push({
      obligationId: obligation.id,
      kind: "breakage",
      at: pattern.expiresAt,
      month: monthOf(pattern.expiresAt - 1, timeZone),
      amount: breakage,
    });
  }
  return entries;
}

function entriesOf(obligation: ScheduledObligation, currency: Currency, timeZone: string): RevenueEntry[] {
  const entries = patternEntries(obligation, currency, timeZone);
  const { source } = obligation;
  return source === undefined ? entries : entries.map((entry) => ({ ...entry, source }));
}

function patternEntries(
  obligation: ScheduledObligation,
  currency: Currency,
  timeZone: string,
): RevenueEntry[] {
  const pattern = obligation.pattern;
  switch (pattern.type) {
    case "ratable":
      return ratableEntries(obligation, pattern, currency, timeZone);
    case "point_in_time":
      return [
        {
          obligationId: obligation.id,
          kind: "revenue",
          at: pattern.at,
          month: monthOf(pattern.at, timeZone),
          amount: obligation.allocated,
        },
      ];
    case "drawdown":
      return drawdownEntries(obligation, pattern, currency, timeZone);
  }
}

/** Every obligation's revenue entries, then the variable consideration, each list in time order. */
export function obligationSchedule(input: {
  obligations: readonly ScheduledObligation[];
  variable?: readonly VariableConsideration[];
  currency: Currency;
  timeZone: string;
}): RevenueEntry[] {
  const known = new Set(input.obligations.map((obligation) => obligation.id));
  const entries = input.obligations.flatMap((obligation) =>
    entriesOf(obligation, input.currency, input.timeZone),
  );
  for (const usage of input.variable ?? []) {
    if (!known.has(usage.obligationId)) {
      throw new RangeError(
        `Variable consideration names obligation ${usage.obligationId}, which the contract lacks`,
      );
    }
    entries.push({
      obligationId: usage.obligationId,
      kind: "variable",
      at: usage.at,
      month: monthOf(usage.at - 1, input.timeZone),
      amount: usage.amount,
    });
  }
  return entries.filter((entry) => !entry.amount.isZero()).sort((left, right) => left.at - right.at);
}
