// A credit note on a contract's invoice lowers the transaction price (ASC 606
// step 3, a price concession) and the revenue of the obligation it credits,
// never another's. The rule, one for every obligation earned over time:
// the credited fraction f = credit ÷ the value scheduled for what was credited
// (a fee line's allocated piece, or a commit term's deferred value) is taken
// off each of its revenue and breakage entries; entries earned by the credit
// note's date are reversed on that date (a cumulative catch-up), later ones
// when they are earned. Each reversal is f times the running total of the
// entries, rounded to the minor unit, less the reversals before it, so the
// reversals of an obligation fully earned add up to the credit exactly.
// Usage (variable consideration) is earned as used: its credit is reversed on
// the credit note's date.
import type { Currency } from "../currency.ts";
import { type Decimal, ZERO } from "../decimal.ts";
import type { Instant } from "../instant.ts";
import { roundToMinorUnit } from "../money.ts";
import { monthOf, type RevenueEntry } from "./obligation-schedule.ts";

/** Part of a credit note, net of tax, on one obligation of the contract. */
export type ContractCredit = {
  /** When the credit note was issued. */
  readonly at: Instant;
  /** Positive: what it takes off. */
  readonly amount: Decimal;
  readonly target:
    | { readonly type: "fee"; readonly lineId: string }
    | { readonly type: "commit"; readonly obligationId: string }
    | { readonly type: "usage" };
};

/** The credit reversed at once, on its date: usage, or what has no scheduled value to take it from. */
export function reversedOnItsDate(
  credit: ContractCredit,
  obligationId: string,
  kind: RevenueEntry["kind"],
  timeZone: string,
): RevenueEntry {
  return {
    obligationId,
    kind,
    at: credit.at,
    month: monthOf(credit.at, timeZone),
    amount: credit.amount.negated(),
  };
}

/**
 * The reversals a credit makes of `entries` (one obligation's revenue and
 * breakage, in time order) scheduled from `value`: the catch-up of the
 * entries earned by the credit's date as one entry on it (per kind), then one
 * reversal beside each later entry.
 */
export function creditReversals(input: {
  credit: ContractCredit;
  entries: readonly RevenueEntry[];
  value: Decimal;
  currency: Currency;
  timeZone: string;
}): RevenueEntry[] {
  const { credit, currency } = input;
  if (input.value.isZero()) return [];
  const fraction = credit.amount.dividedBy(input.value);
  const reversals: RevenueEntry[] = [];
  const catchUp = new Map<RevenueEntry["kind"], RevenueEntry>();
  let total = ZERO;
  let reversed = ZERO;
  for (const entry of input.entries) {
    total = total.plus(entry.amount);
    const soFar = roundToMinorUnit(fraction.times(total), currency);
    const amount = reversed.minus(soFar);
    reversed = soFar;
    if (amount.isZero()) continue;
    if (entry.at > credit.at) {
      reversals.push({ ...entry, amount });
      continue;
    }
    const earlier = catchUp.get(entry.kind) ?? {
      ...reversedOnItsDate(credit, entry.obligationId, entry.kind, input.timeZone),
      ...(entry.source === undefined ? {} : { source: entry.source }),
      amount: ZERO,
    };
    catchUp.set(entry.kind, { ...earlier, amount: earlier.amount.plus(amount) });
  }
  return [...catchUp.values(), ...reversals].filter((entry) => !entry.amount.isZero());
}
