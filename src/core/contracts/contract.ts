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
  /** The end of the first term; without renewal, the end of the contract (see `firstTermEnd`). */
  readonly end: Instant;
  /** `none`: the subscription ends at `end`; `auto`: a new term of the same length follows each. */
  readonly renewal: "none" | "auto";
  /**
   * Set when an amendment stopped the renewal of a contract that had renewed
   * (`renewal` is `none`): the end of its first term. Its terms keep that
   * length up to `end`, the last one cut short at `end` when it falls inside it.
   */
  readonly firstTermEnd?: Instant;
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
 * the month's end clamped to its last day). When renewal stopped after the
 * contract renewed, the terms end at `end`, the last cut short there.
 */
export function contractTerms(contract: Contract, until: Instant, timeZone: string): ContractTerm[] {
  if (contract.renewal === "none" && contract.firstTermEnd === undefined) {
    return [{ start: contract.start, end: contract.end }];
  }
  const last = contract.renewal === "none" ? contract.end : Number.POSITIVE_INFINITY;
  return repeatedTerms(contract.start, contract.firstTermEnd ?? contract.end, until, timeZone)
    .filter((term) => term.start < last)
    .map((term) => ({ start: term.start, end: Math.min(term.end, last) }));
}

/** The terms of `[start, firstEnd)`'s length (V26a) from `start`, up to the one that holds `until`. */
function repeatedTerms(start: Instant, firstEnd: Instant, until: Instant, timeZone: string): ContractTerm[] {
  const terms: ContractTerm[] = [{ start, end: firstEnd }];
  const zonedStart = toZonedDateTime(start, timeZone);
  const length = zonedStart.until(toZonedDateTime(firstEnd, timeZone), { largestUnit: "months" });
  for (let index = 2; terms.at(-1)!.end <= until; index++) {
    const end = toInstant(
      zonedStart.add({
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

/** A contract's term as an amendment finds it: its first term, its renewal, and where it ends. */
export type ContractTermState = Pick<Contract, "start" | "end" | "renewal" | "firstTermEnd">;

/** What an amendment asks of the term: a new end, a new renewal, or both. */
export type TermChangeRequest = { readonly end?: Instant; readonly renewal?: "none" | "auto" };

export type TermChange =
  | {
      readonly ok: true;
      readonly term: ContractTermState;
      /** The term in progress at the amendment's instant when the contract has renewed (its terms are kept). */
      readonly termInProgress?: ContractTerm;
    }
  | { readonly ok: false; readonly reason: string };

/**
 * A change of the contract's end or renewal from `at` (in the contract, and
 * before the new `end`) that leaves every term begun by `at` as it was. In
 * the first term of a contract that has not renewed, the end moves freely (a
 * renewing contract's later terms take the new length). Once it has renewed
 * (`at` in a renewed term, or its renewal stopped after renewing), its terms
 * keep the first term's length: stopping the renewal ends it at the end of
 * the term in progress; a new end (under `renewal: none` only) may fall
 * inside the term in progress, cutting it short as an end inside a first
 * term would, or on the end of a later term (a term not begun is never cut:
 * its commits would be granted whole for part of it); renewing again makes
 * `end` the first term's end, terms following as before (billing rule 32).
 */
export function changeContractTerm(
  contract: ContractTermState,
  change: TermChangeRequest,
  at: Instant,
  timeZone: string,
): TermChange {
  const firstEnd = contract.firstTermEnd ?? contract.end;
  const renewed = contract.firstTermEnd !== undefined || (contract.renewal === "auto" && at >= firstEnd);
  const renewal = change.renewal ?? contract.renewal;
  if (!renewed) {
    return { ok: true, term: { start: contract.start, end: change.end ?? contract.end, renewal } };
  }
  const iso = (instant: Instant) => new Date(instant).toISOString();
  if (renewal === "auto") {
    if (change.end !== undefined) {
      return {
        ok: false,
        reason: `the contract renewed on ${iso(firstEnd)}: under renewal its end is its first term's end, and moving it would move the terms already begun; give renewal "none" with a new end to end the contract there`,
      };
    }
    const terms = repeatedTerms(contract.start, firstEnd, at, timeZone);
    const termInProgress = terms.find((term) => term.start <= at && at < term.end);
    return {
      ok: true,
      term: { start: contract.start, end: firstEnd, renewal },
      ...(termInProgress === undefined ? {} : { termInProgress }),
    };
  }
  const terms = repeatedTerms(contract.start, firstEnd, Math.max(at, change.end ?? at), timeZone);
  const inProgress = terms.findIndex((term) => term.start <= at && at < term.end);
  const termInProgress = terms[inProgress]!;
  // Without a new end, a contract that renews stops after the term in progress; one stopped already keeps its end.
  const end = change.end ?? (contract.renewal === "none" ? contract.end : termInProgress.end);
  if (end > termInProgress.end && !terms.some((term) => term.end === end)) {
    const holding = terms.find((term) => term.start < end && end < term.end)!;
    return {
      ok: false,
      reason: `falls inside the term from ${iso(holding.start)} to ${iso(holding.end)}, which has not begun: a renewed contract ends inside the term in progress (from ${iso(termInProgress.start)} to ${iso(termInProgress.end)}) or at the end of a later term`,
    };
  }
  // An end inside the first term leaves one term: the contract never renewed.
  const term: ContractTermState =
    end <= firstEnd
      ? { start: contract.start, end, renewal }
      : { start: contract.start, end, renewal, firstTermEnd: firstEnd };
  return { ok: true, term, termInProgress };
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
