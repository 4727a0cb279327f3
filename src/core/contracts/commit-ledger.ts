// Prepaid commits drawn down invoice by invoice (scenario format v2, V30, V31):
// one balance per commit and term, drawing for the lines of its kinds whose
// service lies in its term, rolled over or expired when the term ends.
import type { Currency } from "../currency.ts";
import { type Decimal, maxDecimal, minDecimal, sumDecimals, ZERO } from "../decimal.ts";
import type { Instant } from "../instant.ts";
import type { InvoiceLine, LineKind } from "../invoicing/invoice-line.ts";
import { roundToMinorUnit } from "../money.ts";
import type { CommitPaidKind, Contract, ContractTerm, PrepaidCommit } from "./contract.ts";

/** A contract as billing reads it: its terms up to the schedule's `until`. */
export type ContractBilling = {
  readonly contract: Contract;
  /** In time order, each starting where the one before ends; every term that starts by `until`. */
  readonly terms: readonly ContractTerm[];
};

/** One prepaid commit's balance for one term. */
export type CommitBalance = {
  readonly commitId: string;
  readonly termIndex: number;
  /** What the term grants: the commit's amount. */
  readonly granted: Decimal;
  /** Carried in from the term before (V31). */
  readonly rolledOver: Decimal;
  readonly drawn: Decimal;
  /** Left at the term's end and not carried on: breakage. */
  readonly expired: Decimal;
  /** What can still be drawn. */
  readonly remaining: Decimal;
  /** The term has ended: nothing more is drawn. */
  readonly closed: boolean;
};

/** Every prepaid commit's balance for every term, by commit in listed order, then by term. */
export type CommitLedger = { readonly balances: readonly CommitBalance[] };

/** A commit's draw on one invoice. */
export type CommitDraw = { readonly commitId: string; readonly termStart: Instant; readonly amount: Decimal };

function prepaidCommits(billing: ContractBilling): PrepaidCommit[] {
  return billing.contract.commits.filter((commit): commit is PrepaidCommit => commit.type === "prepaid");
}

export function openingCommitLedger(billing: ContractBilling): CommitLedger {
  return {
    balances: prepaidCommits(billing).flatMap((commit) =>
      billing.terms.map((_, termIndex) => ({
        commitId: commit.id,
        termIndex,
        granted: commit.amount,
        rolledOver: ZERO,
        drawn: ZERO,
        expired: ZERO,
        remaining: commit.amount,
        closed: false,
      })),
    ),
  };
}

/**
 * The ledger as it stood after the last invoice (`stored`, kept by the caller
 * between invoices), with a fresh balance for each term it does not hold yet
 * (a term renewed since).
 */
export function resumeCommitLedger(billing: ContractBilling, stored: CommitLedger | undefined): CommitLedger {
  if (stored === undefined) return openingCommitLedger(billing);
  return {
    balances: openingCommitLedger(billing).balances.map(
      (opening) =>
        stored.balances.find(
          (balance) => balance.commitId === opening.commitId && balance.termIndex === opening.termIndex,
        ) ?? opening,
    ),
  };
}

/** The kind a line counts as for a commit: a proration credit counts against `fixed`. */
function paidKindOf(kind: LineKind): CommitPaidKind | undefined {
  switch (kind) {
    case "proration_credit":
    case "fixed":
      return "fixed";
    case "usage":
    case "usage_in_advance":
    case "quantity_change":
    case "minimum_true_up":
      return kind;
    case "commit":
    case "commit_true_up":
      return undefined;
  }
}

/** A line lies in the term that holds its period's start. */
function liesIn(line: InvoiceLine, term: ContractTerm): boolean {
  return term.start <= line.periodStart && line.periodStart < term.end;
}

/**
 * Ends a term: each balance's rest carries into the next term as its rollover
 * says (a next term exists only under renewal, or up to the end of a contract
 * whose renewal stopped after it renewed), and what does not carry expires.
 */
function closeTerm(balances: CommitBalance[], termIndex: number, billing: ContractBilling): void {
  const hasNext = termIndex + 1 < billing.terms.length;
  for (const commit of prepaidCommits(billing)) {
    const index = balances.findIndex(
      (balance) => balance.commitId === commit.id && balance.termIndex === termIndex,
    );
    const balance = balances[index]!;
    if (balance.closed) continue;
    const left = balance.remaining;
    const carried = !hasNext
      ? ZERO
      : commit.rollover.type === "full"
        ? left
        : commit.rollover.type === "capped"
          ? minDecimal(left, commit.rollover.cap)
          : ZERO;
    balances[index] = { ...balance, remaining: ZERO, expired: left.minus(carried), closed: true };
    if (hasNext) {
      const nextIndex = balances.findIndex(
        (candidate) => candidate.commitId === commit.id && candidate.termIndex === termIndex + 1,
      );
      const next = balances[nextIndex]!;
      balances[nextIndex] = { ...next, rolledOver: carried, remaining: next.remaining.plus(carried) };
    }
  }
}

/** Ends every term that ends at or before `instant` (strictly before with `strictly`), earliest first. */
function closeTermsUpTo(
  balances: CommitBalance[],
  billing: ContractBilling,
  instant: Instant,
  strictly: boolean,
): void {
  billing.terms.forEach((term, termIndex) => {
    if (strictly ? term.end < instant : term.end <= instant) closeTerm(balances, termIndex, billing);
  });
}

/**
 * The commits' draws on one invoice (V30). Terms draw in time order (a term's
 * balances pay only for lines whose period starts in it, so no two terms
 * compete for a line); within a term, by priority (lower first), then in the
 * order listed. Each draws the least of its balance, the unpaid part of the
 * lines it applies to (a negative line reduces it; below 0 counts as 0), and
 * what remains of `available` (the subtotal after the discount). What a
 * commit draws pays its lines in invoice order, so a later commit draws only
 * for what earlier ones left unpaid. A term that ends at the invoice's
 * instant ends right after drawing, so its rollover joins the next term's
 * balance before that one draws.
 */
export function drawCommits(input: {
  billing: ContractBilling;
  ledger: CommitLedger;
  issuedAt: Instant;
  lines: readonly InvoiceLine[];
  available: Decimal;
  currency: Currency;
}): { draws: CommitDraw[]; ledger: CommitLedger } {
  const { billing, issuedAt, lines } = input;
  const balances = [...input.ledger.balances];
  closeTermsUpTo(balances, billing, issuedAt, true);
  const unpaid = lines.map((line) => line.amount);
  const commits = prepaidCommits(billing);
  const inOrderOfDrawing = commits
    .map((commit, position) => ({ commit, position }))
    .sort((left, right) => left.commit.priority - right.commit.priority || left.position - right.position)
    .map(({ commit }) => commit);
  const draws: CommitDraw[] = [];
  let available = maxDecimal(input.available, ZERO);
  billing.terms.forEach((term, termIndex) => {
    if (term.start > issuedAt || term.end < issuedAt) return;
    for (const commit of inOrderOfDrawing) {
      const index = balances.findIndex(
        (balance) => balance.commitId === commit.id && balance.termIndex === termIndex,
      );
      const balance = balances[index]!;
      if (balance.closed || balance.remaining.lessThanOrEqualTo(ZERO)) continue;
      const paid = lines
        .map((line, lineIndex) => ({ line, lineIndex }))
        .filter(({ line }) => {
          const kind = paidKindOf(line.kind);
          return kind !== undefined && commit.appliesTo.includes(kind) && liesIn(line, term);
        });
      const owed = maxDecimal(sumDecimals(paid.map(({ lineIndex }) => unpaid[lineIndex]!)), ZERO);
      const amount = roundToMinorUnit(
        minDecimal(minDecimal(balance.remaining, owed), available),
        input.currency,
      );
      if (amount.lessThanOrEqualTo(ZERO)) continue;
      let toAllocate = amount;
      for (const { lineIndex } of paid) {
        const part = minDecimal(maxDecimal(unpaid[lineIndex]!, ZERO), toAllocate);
        unpaid[lineIndex] = unpaid[lineIndex]!.minus(part);
        toAllocate = toAllocate.minus(part);
      }
      available = available.minus(amount);
      balances[index] = {
        ...balance,
        drawn: balance.drawn.plus(amount),
        remaining: balance.remaining.minus(amount),
      };
      draws.push({ commitId: commit.id, termStart: term.start, amount });
    }
    if (term.end === issuedAt) closeTerm(balances, termIndex, billing);
  });
  return { draws, ledger: { balances } };
}

/** The ledger with every term that ended by `until` closed: its breakage known. */
export function closeEndedTerms(
  billing: ContractBilling,
  ledger: CommitLedger,
  until: Instant,
): CommitLedger {
  const balances = [...ledger.balances];
  closeTermsUpTo(balances, billing, until, false);
  return { balances };
}

/**
 * Whether a voided invoice's draw goes back to its commit: only while the
 * term it drew from runs. A term that has ended settled its rest (expired or
 * rolled over) at its end, and its draws stay drawn.
 */
export function drawGivenBack(termEnd: Instant, voidedAt: Instant): boolean {
  return voidedAt < termEnd;
}

/**
 * The ledger with a voided invoice's draws given back to the balances they
 * drew from, where drawGivenBack says so: each balance draws them again.
 */
export function giveBackCommitDraws(input: {
  billing: ContractBilling;
  ledger: CommitLedger;
  draws: readonly CommitDraw[];
  voidedAt: Instant;
}): CommitLedger {
  const balances = [...input.ledger.balances];
  for (const draw of input.draws) {
    const termIndex = input.billing.terms.findIndex((term) => term.start === draw.termStart);
    const term = input.billing.terms[termIndex];
    if (term === undefined || !drawGivenBack(term.end, input.voidedAt)) continue;
    const index = balances.findIndex(
      (balance) => balance.commitId === draw.commitId && balance.termIndex === termIndex,
    );
    const balance = balances[index];
    if (balance === undefined || balance.closed) continue;
    const amount = minDecimal(draw.amount, balance.drawn);
    balances[index] = {
      ...balance,
      drawn: balance.drawn.minus(amount),
      remaining: balance.remaining.plus(amount),
    };
  }
  return { balances };
}
