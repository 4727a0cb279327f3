// Invoice assembly: places every segment's lines on the invoice issued at the
// instant they fall due, then totals the invoices in time order.
import { AllowanceLedger } from "../allowances/allowance-ledger.ts";
import type { BillingSchedule } from "../billing-schedule.ts";
import type { Catalog } from "../catalog.ts";
import {
  type CommitLedger,
  type ContractBilling,
  closeEndedTerms,
  openingCommitLedger,
} from "../contracts/commit-ledger.ts";
import { commitLines, commitTrueUpLines } from "../contracts/commit-lines.ts";
import { type CommitBalanceReport, commitBalanceReport } from "../contracts/commit-report.ts";
import type { Instant } from "../instant.ts";
import type { UsageAggregates } from "../usage/usage-windows.ts";
import type { InvoiceLine } from "./invoice-line.ts";
import {
  type AccountState,
  type AccountTerms,
  type AllowanceSummary,
  type Invoice,
  openingAccountState,
  settleInvoice,
} from "./invoice-totals.ts";
import { segmentLines } from "./segment-lines.ts";

/**
 * Lines due at one instant, in the groups of the invoice's line order: those
 * of the segment that closes, a contract's true-ups, proration credits,
 * quantity changes made at it, the segment that opens, commits, then usage
 * billed in advance.
 */
type DueLines = {
  closing: InvoiceLine[];
  trueUps: InvoiceLine[];
  credits: InvoiceLine[];
  midway: InvoiceLine[];
  opening: InvoiceLine[];
  commits: InvoiceLine[];
  /** Usage billed in advance, last: by the charge's position in its plan, then by period (V17). */
  inAdvance: { chargeIndex: number; line: InvoiceLine }[];
  /** The allowances of the segment that closes (V25). */
  allowances?: readonly AllowanceSummary[];
};

function linesInOrder(due: DueLines): InvoiceLine[] {
  return [
    ...due.closing,
    ...due.trueUps,
    ...due.credits,
    ...due.midway,
    ...due.opening,
    ...due.commits,
    // Stable: periods stay in time order, as segments come.
    ...due.inAdvance.sort((left, right) => left.chargeIndex - right.chargeIndex).map((entry) => entry.line),
  ];
}

/**
 * The lines due at each instant up to the schedule's `until`, in time order.
 * All billing that falls on one instant goes on one invoice (billing rule 5),
 * and an instant with no lines issues no invoice. A bill run settles the one
 * instant due now with settleInvoice.
 *
 * @public
 */
export function linesByIssueInstant(input: {
  schedule: BillingSchedule;
  catalog: Catalog;
  terms: AccountTerms;
  usage: UsageAggregates;
}): { issuedAt: Instant; lines: InvoiceLine[]; allowances?: readonly AllowanceSummary[] }[] {
  const { schedule } = input;
  // Allowances carry from segment to segment, in time order (section 4).
  const allowanceLedger =
    input.catalog.pricingUnits === undefined
      ? undefined
      : new AllowanceLedger(input.catalog, schedule.timeZone);
  const due = new Map<Instant, DueLines>();
  const dueAt = (instant: Instant): DueLines => {
    let entry = due.get(instant);
    if (entry === undefined) {
      entry = { closing: [], trueUps: [], credits: [], midway: [], opening: [], commits: [], inAdvance: [] };
      due.set(instant, entry);
    }
    return entry;
  };
  schedule.segments.forEach((segment, index) => {
    const next = schedule.segments[index + 1];
    const lines = segmentLines({
      ...input,
      segment,
      currency: input.terms.currency,
      allowanceLedger,
      continuesInNextPeriod:
        next !== undefined &&
        next.start === segment.end &&
        next.planCode === segment.planCode &&
        segment.end === segment.period.end,
    });
    if (segment.start <= schedule.until) dueAt(segment.start).opening.push(...lines.opening);
    for (const { at, line } of lines.midway) dueAt(at).midway.push(line);
    for (const { at, chargeIndex, line } of lines.inAdvance) dueAt(at).inAdvance.push({ chargeIndex, line });
    if (segment.end <= schedule.until) {
      dueAt(segment.end).closing.push(...lines.closing);
      dueAt(segment.end).credits.push(...lines.prorationCredits);
      if (lines.allowances !== undefined) dueAt(segment.end).allowances = lines.allowances;
    }
  });
  const inTimeOrder = () =>
    [...due.entries()]
      .sort(([left], [right]) => left - right)
      .map(([issuedAt, lines]) => ({
        issuedAt,
        lines: linesInOrder(lines),
        ...(lines.allowances === undefined ? {} : { allowances: lines.allowances }),
      }));
  const contract = schedule.contract;
  if (contract !== undefined) {
    for (const { at, line } of commitLines(contract, schedule, input.terms.currency))
      dueAt(at).commits.push(line);
    for (const { at, line } of commitTrueUpLines(contract, schedule, inTimeOrder()))
      dueAt(at).trueUps.push(line);
  }
  return inTimeOrder().filter((invoice) => invoice.lines.length > 0);
}

/**
 * The invoices of a schedule, from usage aggregated over its usage windows
 * (see usageWindowsFor). `state` is the account as it stood before the first
 * of them; the state after the last is returned for the next run. With a
 * contract that has commits, `commitBalances` reports each commit's balance
 * per term as of the schedule's `until`.
 */
export function computeInvoices(input: {
  schedule: BillingSchedule;
  catalog: Catalog;
  terms: AccountTerms;
  usage: UsageAggregates;
  state?: AccountState;
}): { invoices: Invoice[]; state: AccountState; commitBalances?: CommitBalanceReport[] } {
  const contract: ContractBilling | undefined = input.schedule.contract;
  let state = input.state ?? openingAccountState(input.terms.creditGrants, contract);
  const invoices: Invoice[] = [];
  for (const { issuedAt, lines, allowances } of linesByIssueInstant(input)) {
    const settled = settleInvoice({ issuedAt, lines, terms: input.terms, state, contract, allowances });
    invoices.push(settled.invoice);
    state = settled.state;
  }
  if (contract === undefined || contract.contract.commits.length === 0) return { invoices, state };
  const ledger: CommitLedger = closeEndedTerms(
    contract,
    state.commitLedger ?? openingCommitLedger(contract),
    input.schedule.until,
  );
  return {
    invoices,
    state,
    commitBalances: commitBalanceReport(
      contract,
      ledger,
      invoices.flatMap((invoice) => invoice.lines),
    ),
  };
}
