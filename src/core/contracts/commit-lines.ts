// The lines a contract's commits put on invoices (scenario format v2, V29,
// V32): a prepaid commit's `commit` lines, whole at the term's start or in
// instalments at the starts of its first billing periods, and a postpaid
// commit's `commit_true_up` at the end of each term.
import type { BillingSchedule } from "../billing-schedule.ts";
import type { Currency } from "../currency.ts";
import { type Decimal, ONE, sumDecimals, ZERO } from "../decimal.ts";
import type { Instant } from "../instant.ts";
import type { InvoiceLine } from "../invoicing/invoice-line.ts";
import { roundToMinorUnit } from "../money.ts";
import type { ContractBilling } from "./commit-ledger.ts";
import type { ContractTerm, PrepaidCommit } from "./contract.ts";

/** The plan the subscription is on at `instant` (the last one when it has ended). */
function planAt(schedule: BillingSchedule, instant: Instant): string {
  const segment =
    schedule.segments.find((candidate) => candidate.start <= instant && instant < candidate.end) ??
    schedule.segments.at(-1);
  return segment?.planCode ?? "";
}

/** The starts of the billing periods that start in or after the term, in time order. */
function periodStartsFrom(schedule: BillingSchedule, term: ContractTerm): Instant[] {
  const starts = new Set<Instant>();
  for (const segment of schedule.segments) {
    if (segment.period.start >= term.start) starts.add(segment.period.start);
  }
  return [...starts].sort((left, right) => left - right);
}

/** Each instalment's amount: `round(amount / count)`, the last taking the rest. */
function instalmentAmounts(amount: Decimal, count: number, currency: Currency): Decimal[] {
  const each = roundToMinorUnit(amount.dividedBy(count), currency);
  return Array.from({ length: count }, (_, index) =>
    index < count - 1 ? each : amount.minus(each.times(count - 1)),
  );
}

function commitLine(
  commit: PrepaidCommit,
  term: ContractTerm,
  amount: Decimal,
  planCode: string,
  instalment: { number: number; of: number },
): InvoiceLine {
  return {
    charge: commit.id,
    kind: "commit",
    periodStart: term.start,
    periodEnd: term.end,
    quantity: ONE,
    amount,
    details: {
      kind: "commit",
      planCode,
      commitId: commit.id,
      commitment: commit.amount,
      instalment: instalment.number,
      instalments: instalment.of,
    },
  };
}

/**
 * The `commit` lines of every term that starts by the schedule's `until`, each
 * at the instant it is due, in the order of the commits.
 */
export function commitLines(
  billing: ContractBilling,
  schedule: BillingSchedule,
  currency: Currency,
): { at: Instant; line: InvoiceLine }[] {
  const lines: { at: Instant; line: InvoiceLine }[] = [];
  if (billing.contract.drawsOnly === true) return lines;
  for (const term of billing.terms) {
    for (const commit of billing.contract.commits) {
      if (commit.type !== "prepaid") continue;
      if (commit.invoicing.type === "upfront") {
        const line = commitLine(commit, term, commit.amount, planAt(schedule, term.start), {
          number: 1,
          of: 1,
        });
        lines.push({ at: term.start, line });
        continue;
      }
      const count = commit.invoicing.count;
      const amounts = instalmentAmounts(commit.amount, count, currency);
      periodStartsFrom(schedule, term)
        .slice(0, count)
        .forEach((at, index) => {
          const line = commitLine(commit, term, amounts[index]!, planAt(schedule, at), {
            number: index + 1,
            of: count,
          });
          lines.push({ at, line });
        });
    }
  }
  lines.push(...topUpLines(billing, schedule));
  return lines.filter((entry) => entry.at <= schedule.until);
}

/** The first instant at or after `at` at which the schedule issues an invoice: a segment's start or end. */
function firstIssueInstantFrom(schedule: BillingSchedule, at: Instant): Instant | undefined {
  const instants = schedule.segments
    .flatMap((segment) => [segment.start, segment.end])
    .filter((instant) => instant >= at);
  return instants.length === 0 ? undefined : Math.min(...instants);
}

/**
 * An amendment's change to a prepaid commit already invoiced for its term: one
 * `commit` line of the difference (instalment 1 of 1), on the first invoice
 * at or after the amendment's instant.
 */
function topUpLines(
  billing: ContractBilling,
  schedule: BillingSchedule,
): { at: Instant; line: InvoiceLine }[] {
  return (billing.contract.topUps ?? []).flatMap((topUp) => {
    const commit = billing.contract.commits.find(
      (candidate): candidate is PrepaidCommit =>
        candidate.type === "prepaid" && candidate.id === topUp.commitId,
    );
    const term = billing.terms.find((candidate) => candidate.start <= topUp.at && topUp.at < candidate.end);
    const at = firstIssueInstantFrom(schedule, topUp.at);
    if (commit === undefined || term === undefined || at === undefined) return [];
    const line = commitLine(commit, term, topUp.amount, planAt(schedule, at), { number: 1, of: 1 });
    return [{ at, line }];
  });
}

/**
 * The `commit_true_up` lines of every term that ends by `until` (V32): the
 * commit's amount less the term's spend, when positive. The spend is what the
 * lines issued up to the term's end whose period starts in the term add up to,
 * commit lines aside, with those of the contract's other subscriptions.
 */
export function commitTrueUpLines(
  billing: ContractBilling,
  schedule: BillingSchedule,
  linesDue: readonly { issuedAt: Instant; lines: readonly InvoiceLine[] }[],
): { at: Instant; line: InvoiceLine }[] {
  const trueUps: { at: Instant; line: InvoiceLine }[] = [];
  if (billing.contract.drawsOnly === true) return trueUps;
  for (const term of billing.terms) {
    if (term.end > schedule.until) continue;
    const spend = sumDecimals(
      linesDue
        .filter((due) => due.issuedAt <= term.end)
        .flatMap((due) => due.lines)
        .filter(
          (line) =>
            line.kind !== "commit" &&
            line.kind !== "commit_true_up" &&
            term.start <= line.periodStart &&
            line.periodStart < term.end,
        )
        .map((line) => line.amount),
    ).plus(
      sumDecimals(
        (billing.contract.sharedSpend ?? [])
          .filter(
            (shared) =>
              shared.issuedAt <= term.end &&
              term.start <= shared.periodStart &&
              shared.periodStart < term.end,
          )
          .map((shared) => shared.amount),
      ),
    );
    for (const commit of billing.contract.commits) {
      if (commit.type !== "postpaid") continue;
      const shortfall = commit.amount.minus(spend);
      if (shortfall.lessThanOrEqualTo(ZERO)) continue;
      trueUps.push({
        at: term.end,
        line: {
          charge: commit.id,
          kind: "commit_true_up",
          periodStart: term.start,
          periodEnd: term.end,
          quantity: ONE,
          amount: shortfall,
          details: {
            kind: "commit_true_up",
            planCode: planAt(schedule, term.end - 1),
            commitId: commit.id,
            commitment: commit.amount,
            spend,
          },
        },
      });
    }
  }
  return trueUps;
}
