// A contract (scenario format v2, section 5): a term with its renewal, ramps
// that switch the subscription's plan at dates, a negotiated rate card, and
// commitments. Plain data, already validated; amounts are Decimals.
import type { Decimal } from "../decimal.ts";
import type { Instant } from "../instant.ts";
import type { LineKind } from "../invoicing/invoice-line.ts";
import type { PlanChange, Subscription, SubscriptionChange } from "../subscription.ts";
import { toInstant, toZonedDateTime } from "../time-zone.ts";

/** The line kinds a prepaid commit may pay for (V30). */
export type CommitPaidKind = Extract<
  LineKind,
  "usage" | "usage_in_advance" | "fixed" | "quantity_change" | "minimum_true_up"
>;

export type CommitRollover =
  | { readonly type: "none" }
  | { readonly type: "full" }
  | { readonly type: "capped"; readonly cap: Decimal };

/** Paid for up front (whole or in instalments) and drawn down by the contract's lines (V29–V31). */
export type PrepaidCommit = {
  readonly type: "prepaid";
  readonly id: string;
  /** Granted anew for each term, in the currency's minor unit. */
  readonly amount: Decimal;
  readonly invoicing: { readonly type: "upfront" } | { readonly type: "instalments"; readonly count: number };
  /** `proration_credit` lines count against `fixed`. */
  readonly appliesTo: readonly CommitPaidKind[];
  /** Lower draws first. */
  readonly priority: number;
  readonly rollover: CommitRollover;
};

/** A minimum spend over each term, trued up at the term's end (V32). */
export type PostpaidCommit = {
  readonly type: "postpaid";
  readonly id: string;
  readonly amount: Decimal;
};

export type Commit = PrepaidCommit | PostpaidCommit;

/**
 * What an amendment added to (or, negative, took from) a prepaid commit's
 * balance for the term that holds `at`, after that term's commit line was
 * invoiced: billed as a `commit` line on the contract's first invoice at or
 * after `at`.
 */
export type CommitTopUp = { readonly commitId: string; readonly at: Instant; readonly amount: Decimal };

/** New prices for a charge, or for one combination of a dimensional charge, field by field (V28). */
export type PriceReplacement = {
  readonly amount?: Decimal;
  readonly unitPrice?: Decimal;
  readonly packagePrice?: Decimal;
  readonly tiers?: readonly {
    readonly upTo: Decimal | null;
    readonly unitPrice: Decimal;
    readonly flatFee: Decimal;
  }[];
  readonly rate?: Decimal;
  readonly fixedFee?: Decimal;
};

/** One negotiated override of a plan's charge, in force over `[from, until)` (V28). */
export type RateCardEntry = {
  readonly planCode: string;
  readonly chargeId: string;
  /** A combination's values (in their compared form), the charge's `default`, or absent: the whole charge. */
  readonly match?: readonly string[] | "default";
  readonly from: Instant;
  readonly until?: Instant;
  readonly change:
    | { readonly type: "replacement"; readonly prices: PriceReplacement }
    | { readonly type: "discount"; readonly percent: Decimal };
};

export type ContractPhase = { readonly start: Instant; readonly planCode: string };

export type Contract = {
  readonly start: Instant;
  /** The end of the first term. */
  readonly end: Instant;
  /** `none`: the subscription ends at `end`; `auto`: a new term of the same length follows each. */
  readonly renewal: "none" | "auto";
  /** In increasing `start`, the first at the contract's start; empty: no ramp. */
  readonly phases: readonly ContractPhase[];
  /** In listed order: a later entry wins a tie on `from`. */
  readonly rateCard: readonly RateCardEntry[];
  /** In listed order. */
  readonly commits: readonly Commit[];
  /** Amendments' changes to prepaid commits already invoiced for their term; none by default. */
  readonly topUps?: readonly CommitTopUp[];
  /**
   * The subscription billed under this contract only draws on its commits:
   * another subscription of the contract carries the commit lines and true-ups.
   */
  readonly drawsOnly?: boolean;
  /**
   * What the contract's other subscriptions billed (their lines, commit lines
   * aside): a postpaid commit's spend over a term counts theirs too (V32's
   * rule applied to each).
   */
  readonly sharedSpend?: readonly SharedSpend[];
};

/** A line another subscription of the contract billed: its service period's start, its invoice's instant, its amount. */
export type SharedSpend = {
  readonly periodStart: Instant;
  readonly issuedAt: Instant;
  readonly amount: Decimal;
};

export type ContractTerm = { readonly start: Instant; readonly end: Instant };

/**
 * The contract's terms that start at or before `until`. A renewed term has the
 * first term's length in local calendar units: term k runs from `start + k × L`
 * to `start + (k + 1) × L`, where L is the first term's length in months, then
 * days, then time (each added to the contract's start, a day of month beyond
 * the month's end clamped to its last day).
 */
export function contractTerms(contract: Contract, until: Instant, timeZone: string): ContractTerm[] {
  const terms: ContractTerm[] = [{ start: contract.start, end: contract.end }];
  if (contract.renewal === "none") return terms;
  const start = toZonedDateTime(contract.start, timeZone);
  const length = start.until(toZonedDateTime(contract.end, timeZone), { largestUnit: "months" });
  for (let index = 2; terms.at(-1)!.end <= until; index++) {
    const end = toInstant(
      start.add({
        months: length.months * index,
        days: length.days * index,
        hours: length.hours * index,
        minutes: length.minutes * index,
        seconds: length.seconds * index,
        milliseconds: length.milliseconds * index,
      }),
    );
    terms.push({ start: terms.at(-1)!.end, end });
  }
  return terms;
}

/**
 * The subscription a contract shapes (V26, V27): each phase after the first
 * switches the plan at its start as a `change_plan` would, and without renewal
 * the subscription ends at the contract's end as an immediate cancellation
 * would (unless it was cancelled before).
 */
export function subscriptionUnderContract(subscription: Subscription, contract: Contract): Subscription {
  const phaseChanges: PlanChange[] = contract.phases
    .slice(1)
    .map((phase) => ({ type: "change_plan", at: phase.start, planCode: phase.planCode }));
  const cancelled = subscription.changes.some(
    (change) => change.type === "cancel" && change.at <= contract.end,
  );
  const ending: SubscriptionChange[] =
    contract.renewal === "none" && !cancelled
      ? [{ type: "cancel", at: contract.end, mode: "immediate" }]
      : [];
  const beforeEnd = (change: SubscriptionChange) => contract.renewal === "auto" || change.at < contract.end;
  // Stable: at one instant, the subscription's own changes come before a phase's, the end last.
  const changes = [...subscription.changes, ...phaseChanges]
    .filter(beforeEnd)
    .sort((left, right) => left.at - right.at);
  return { ...subscription, changes: [...changes, ...ending] };
}
