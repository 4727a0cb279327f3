// The revenue of a live contract (ASC 606 steps 4 and 5) from what it has
// invoiced: its fixed fees and its prepaid commits are performance
// obligations whose fixed price is allocated by relative standalone selling
// price (allocateTransactionPrice); each fee's share is earned ratably over
// the service periods of its lines, each commit's as it is drawn down (and
// what is left at its term's end is breakage); usage billed beyond the
// commits is variable consideration, earned as used. contractJournal then
// gives one balanced entry per month.
//
// Rules for what an invoice brings (its amount net of tax):
// - fee lines (fixed, quantity changes, proration credits) are fixed
//   consideration of the obligation they name (a product, or a plan's charge);
// - commit lines are the commits' prepayment: a commit's fixed price is its
//   face value for the term, whether invoiced up front or in instalments;
// - what the commits draw on an invoice pays its usage first, then its fees:
//   fees paid by a commit are not paid twice, so their drawn part leaves the
//   fee's fixed price (the commit's release earns it);
// - the rest (usage beyond the commits, true-ups, less any discount or
//   credit) is variable consideration, spread over the invoice's usage lines
//   by amount and earned at the end of each line's period.
// A fee's list price and standalone selling price follow its line: the
// charge's price per period times the quantity, prorated as the line is
// (amount ÷ the line's full-period amount).
//
// A prepaid commit is one obligation per term, priced at the term's face
// value; rollover and breakage follow commit-term-revenue.ts. Credit notes
// lower the obligation of the line they credit (contract-credits.ts), after
// the allocation: they never move revenue between obligations.
import { allocateAmount } from "../allocation.ts";
import { drawGivenBack } from "../contracts/commit-ledger.ts";
import type { Currency } from "../currency.ts";
import { type Decimal, maxDecimal, minDecimal, sumDecimals, ZERO } from "../decimal.ts";
import type { Instant } from "../instant.ts";
import { commitTermsRevenue } from "./commit-term-revenue.ts";
import { entriesBookedByMonth } from "./contract-closed-months.ts";
import { type ContractCredit, creditReversals, reversedOnItsDate } from "./contract-credits.ts";
import { type ContractJournalMonth, contractJournal } from "./contract-journal.ts";
import { allocateTransactionPrice, type TransactionPriceAllocation } from "./obligation-allocation.ts";
import {
  obligationSchedule,
  type RevenueEntry,
  type ScheduledObligation,
  type VariableConsideration,
} from "./obligation-schedule.ts";

/** A fee line of a contract's invoice. */
export type ContractFeeLine = {
  /** The invoice line's id: what a credit note names. */
  readonly id: string;
  /** The obligation it serves: a product, or a plan's charge. */
  readonly obligationId: string;
  readonly amount: Decimal;
  readonly quantity: Decimal;
  /** The charge's full-period amount times the quantity (what the line prorates); null when unknown. */
  readonly periodAmount: Decimal | null;
  /** The charge's list price per period, in the invoice's currency; null when unknown. */
  readonly listPrice: Decimal | null;
  /** The standalone selling price per period configured for it; null: the list price stands in. */
  readonly standaloneSellingPrice: Decimal | null;
  readonly start: Instant;
  readonly end: Instant;
};

export type ContractUsageLine = { readonly amount: Decimal; readonly end: Instant };

export type ContractRevenueInvoice = {
  readonly at: Instant;
  /** When it was written down (finalized); `at` when absent. */
  readonly finalizedAt?: Instant;
  /** What it brought in, net of tax. */
  readonly net: Decimal;
  readonly fees: readonly ContractFeeLine[];
  /** Its commit lines' amounts (the commits' prepayment). */
  readonly commitLines: Decimal;
  /** Usage, usage in advance, minimum and commit true-ups. */
  readonly usage: readonly ContractUsageLine[];
  /** What each commit term drew on it, by the commit term's obligation id. */
  readonly draws: readonly { readonly obligationId: string; readonly amount: Decimal }[];
  /** When it was voided: its draws on terms still running then went back to their commits (drawGivenBack). */
  readonly voidedAt?: Instant | null;
};

/** A prepaid commit for one term, as the commit ledger left it; a commit's terms in time order. */
export type ContractCommitTerm = {
  readonly obligationId: string;
  readonly commitId: string;
  /** What the term grants. */
  readonly face: Decimal;
  /** Units rolled over into it from the term before. */
  readonly rolledIn: Decimal;
  readonly expiresAt: Instant;
  /** Units that expired at its end; null while the term is open. */
  readonly expired: Decimal | null;
};

export type ContractRevenueSchedule = {
  readonly allocation: TransactionPriceAllocation;
  readonly variable: Decimal;
  /** What credit notes took off each obligation (usage for variable consideration). */
  readonly credited: ReadonlyMap<string, Decimal>;
  readonly entries: readonly RevenueEntry[];
  readonly journal: readonly ContractJournalMonth[];
};

/** The obligation variable consideration is earned by. */
const USAGE_OBLIGATION = "usage";

type FeeShare = { line: ContractFeeLine; fixed: Decimal };

/** A fee line's list or standalone price, prorated and scaled as the line is. */
function scaledPrice(line: ContractFeeLine, price: Decimal): Decimal {
  const whole = price.times(line.quantity);
  if (line.periodAmount === null || line.periodAmount.isZero()) return whole;
  return whole.times(line.amount).dividedBy(line.periodAmount);
}

/** Each fee line's fixed price once the commits' draws on the invoice beyond its usage are taken out. */
function feeShares(invoice: ContractRevenueInvoice, currency: Currency): FeeShare[] {
  const drawn = sumDecimals(invoice.draws.map((draw) => draw.amount));
  const usage = maxDecimal(ZERO, sumDecimals(invoice.usage.map((line) => line.amount)));
  const onFees = drawn.minus(minDecimal(drawn, usage));
  const paid = allocateAmount(
    onFees,
    invoice.fees.map((line) => maxDecimal(ZERO, line.amount)),
    currency,
  );
  return invoice.fees.map((line, index) => ({ line, fixed: line.amount.minus(paid[index] ?? ZERO) }));
}

function variableOf(invoice: ContractRevenueInvoice, fees: readonly FeeShare[], currency: Currency) {
  const amount = invoice.net.minus(sumDecimals(fees.map((fee) => fee.fixed))).minus(invoice.commitLines);
  if (amount.isZero()) return [];
  if (invoice.usage.length === 0) {
    return [{ obligationId: USAGE_OBLIGATION, at: invoice.at + 1, amount }];
  }
  const pieces = allocateAmount(
    amount,
    invoice.usage.map((line) => line.amount),
    currency,
  );
  return invoice.usage.map((line, index) => ({
    obligationId: USAGE_OBLIGATION,
    at: line.end,
    amount: pieces[index] ?? ZERO,
  }));
}

type ScheduleInput = {
  invoices: readonly ContractRevenueInvoice[];
  commits: readonly ContractCommitTerm[];
  credits?: readonly ContractCredit[];
  currency: Currency;
  timeZone: string;
};

/**
 * A live contract's allocation, revenue schedule and journal, from its
 * invoices, commit terms and credit notes. With `closedMonths`, each closed
 * month keeps the schedule as it stood at its lock (contract-closed-months.ts):
 * the entries are those the books post, and the journal is theirs.
 */
export function contractRevenueSchedule(
  input: ScheduleInput & {
    closedMonths?: readonly { readonly month: string; readonly lockedAt: Instant }[];
  },
): ContractRevenueSchedule {
  const current = scheduleOf(input);
  const closed = (input.closedMonths ?? []).map((closedMonth) => ({
    month: closedMonth.month,
    entries: scheduleOf(asAt(input, closedMonth.lockedAt)).entries,
  }));
  const entries = entriesBookedByMonth({ current: current.entries, closed, timeZone: input.timeZone });
  const journal = contractJournal({
    entries,
    invoices: [
      ...input.invoices.map((invoice) => ({ at: invoice.at, amount: invoice.net })),
      ...(input.credits ?? []).map((credit) => ({ at: credit.at, amount: credit.amount.negated() })),
    ],
    timeZone: input.timeZone,
  });
  return { ...current, entries, journal };
}

/** What the books held at `instant`: invoices finalized and credit notes issued by then, terms ended by then. */
function asAt(input: ScheduleInput, instant: Instant): ScheduleInput {
  return {
    ...input,
    invoices: input.invoices.filter((invoice) => (invoice.finalizedAt ?? invoice.at) <= instant),
    credits: (input.credits ?? []).filter((credit) => credit.at <= instant),
    commits: input.commits
      .filter((commit) => commit.expiresAt > instant || commit.expired !== null)
      .map((commit) => (commit.expiresAt > instant ? { ...commit, expired: null } : commit)),
  };
}

function scheduleOf(input: ScheduleInput): Omit<ContractRevenueSchedule, "journal"> {
  const { currency, timeZone } = input;
  const credits = input.credits ?? [];
  const fees: FeeShare[] = [];
  const variable: VariableConsideration[] = [];
  for (const invoice of input.invoices) {
    const shares = feeShares(invoice, currency);
    fees.push(...shares);
    variable.push(...variableOf(invoice, shares, currency));
  }
  const feeIds = [...new Set(fees.map((fee) => fee.line.obligationId))];
  const feeObligations = feeIds.map((id) => {
    const lines = fees.filter((fee) => fee.line.obligationId === id);
    const list = (fee: FeeShare) =>
      fee.line.listPrice === null ? fee.line.amount : scaledPrice(fee.line, fee.line.listPrice);
    const configured = lines.every((fee) => fee.line.standaloneSellingPrice !== null);
    return {
      id,
      contractPrice: maxDecimal(ZERO, sumDecimals(lines.map((fee) => fee.fixed))),
      listPrice: maxDecimal(ZERO, sumDecimals(lines.map(list))),
      standaloneSellingPrice: configured
        ? maxDecimal(
            ZERO,
            sumDecimals(
              lines.map((fee) => scaledPrice(fee.line, fee.line.standaloneSellingPrice as Decimal)),
            ),
          )
        : null,
    };
  });
  const allocation = allocateTransactionPrice(
    [
      ...feeObligations,
      ...input.commits.map((commit) => ({
        id: commit.obligationId,
        contractPrice: commit.face,
        listPrice: commit.face,
        standaloneSellingPrice: null,
      })),
    ],
    currency,
  );
  const allocated = new Map(
    allocation.obligations.map((obligation) => [obligation.id, obligation.allocated]),
  );
  const scheduled: ScheduledObligation[] = [
    { id: USAGE_OBLIGATION, allocated: ZERO, pattern: { type: "point_in_time", at: 0 } },
  ];
  for (const id of feeIds) {
    const lines = fees.filter((fee) => fee.line.obligationId === id);
    const pieces = allocateAmount(
      allocated.get(id) ?? ZERO,
      lines.map((fee) => fee.fixed),
      currency,
    );
    lines.forEach((fee, index) => {
      const pattern =
        fee.line.end > fee.line.start
          ? { type: "ratable" as const, start: fee.line.start, end: fee.line.end }
          : { type: "point_in_time" as const, at: fee.line.start };
      scheduled.push({ id, source: fee.line.id, allocated: pieces[index] ?? ZERO, pattern });
    });
  }
  // Fees, then commits, then usage: the order entries of one instant keep.
  const entries = [
    ...obligationSchedule({ obligations: scheduled, currency, timeZone }),
    ...commitEntries(input, allocated, credits),
    ...obligationSchedule({ obligations: scheduled.slice(0, 1), variable, currency, timeZone }),
  ];
  entries.push(...feeAndUsageReversals(scheduled, entries, credits, currency, timeZone));
  return {
    allocation,
    variable: sumDecimals(variable.map((usage) => usage.amount)),
    credited: creditedByObligation(credits, scheduled),
    entries: entries.filter((entry) => !entry.amount.isZero()).sort((left, right) => left.at - right.at),
  };
}

/** Each commit's terms, released as drawn, with rollover, breakage and their credits. */
function commitEntries(
  input: ScheduleInput,
  allocated: ReadonlyMap<string, Decimal>,
  credits: readonly ContractCredit[],
): RevenueEntry[] {
  // Each draw on the term, and after it, where its invoice was voided while the term ran, its giving back.
  const drawsOf = (term: ContractCommitTerm) =>
    input.invoices.flatMap((invoice) =>
      invoice.draws
        .filter((draw) => draw.obligationId === term.obligationId && draw.amount.greaterThan(ZERO))
        .flatMap((draw) => {
          const drawn = { at: drawnAt(invoice), amount: draw.amount };
          const voidedAt = invoice.voidedAt ?? null;
          if (voidedAt === null || !drawGivenBack(term.expiresAt, voidedAt)) return [drawn];
          return [drawn, { at: Math.max(drawn.at, voidedAt), amount: draw.amount, givesBack: true }];
        }),
    );
  const commitIds = [...new Set(input.commits.map((commit) => commit.commitId))];
  return commitIds.flatMap((commitId) =>
    commitTermsRevenue({
      terms: input.commits
        .filter((commit) => commit.commitId === commitId)
        .map((commit) => ({
          obligationId: commit.obligationId,
          granted: commit.face,
          rolledIn: commit.rolledIn,
          allocated: allocated.get(commit.obligationId) ?? ZERO,
          draws: drawsOf(commit).sort((left, right) => left.at - right.at),
          expiresAt: commit.expiresAt,
          expired: commit.expired,
          credits: credits.filter(
            (credit) => credit.target.type === "commit" && credit.target.obligationId === commit.obligationId,
          ),
        })),
      currency: input.currency,
      timeZone: input.timeZone,
    }).flatMap((term) => term.entries),
  );
}

/** The reversals of credit notes on fee lines (over the line's piece) and on usage (on their date). */
function feeAndUsageReversals(
  scheduled: readonly ScheduledObligation[],
  entries: readonly RevenueEntry[],
  credits: readonly ContractCredit[],
  currency: Currency,
  timeZone: string,
): RevenueEntry[] {
  return credits.flatMap((credit) => {
    const { target } = credit;
    if (target.type === "commit") return [];
    const lineId = target.type === "fee" ? target.lineId : undefined;
    const piece = scheduled.find((candidate) => lineId !== undefined && candidate.source === lineId);
    if (piece === undefined || piece.allocated.isZero()) {
      return [
        piece === undefined
          ? reversedOnItsDate(credit, USAGE_OBLIGATION, "variable", timeZone)
          : reversedOnItsDate(credit, piece.id, "revenue", timeZone),
      ];
    }
    return creditReversals({
      credit,
      entries: entries.filter((entry) => entry.source === lineId),
      value: piece.allocated,
      currency,
      timeZone,
    });
  });
}

function creditedByObligation(
  credits: readonly ContractCredit[],
  scheduled: readonly ScheduledObligation[],
): Map<string, Decimal> {
  const credited = new Map<string, Decimal>();
  for (const credit of credits) {
    const { target } = credit;
    const id =
      target.type === "commit"
        ? target.obligationId
        : target.type === "fee"
          ? (scheduled.find((candidate) => candidate.source === target.lineId)?.id ?? USAGE_OBLIGATION)
          : USAGE_OBLIGATION;
    credited.set(id, (credited.get(id) ?? ZERO).plus(credit.amount));
  }
  return credited;
}

/** A draw pays for the invoice's usage: it is earned at the end of that usage, else when the invoice is issued. */
function drawnAt(invoice: ContractRevenueInvoice): Instant {
  const ends = invoice.usage.map((line) => line.end);
  return ends.length === 0 ? invoice.at + 1 : Math.max(...ends);
}
