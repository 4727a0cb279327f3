// Invoice assembly: places every segment's lines on the invoice issued at the
// instant they fall due, then totals the invoices in time order.
import type { BillingSchedule } from "../billing-schedule.ts";
import type { Catalog } from "../catalog.ts";
import type { Instant } from "../instant.ts";
import type { UsageAggregates } from "../usage/usage-windows.ts";
import type { InvoiceLine } from "./invoice-line.ts";
import {
  type AccountState,
  type AccountTerms,
  type Invoice,
  openingAccountState,
  settleInvoice,
} from "./invoice-totals.ts";
import { segmentLines } from "./segment-lines.ts";

/**
 * Lines due at one instant: those of the segment that closes, quantity
 * changes made at it, then those of the segment that opens.
 */
type DueLines = {
  closing: InvoiceLine[];
  midway: InvoiceLine[];
  opening: InvoiceLine[];
  /** Usage billed in advance, last: by the charge's position in its plan, then by period (V17). */
  inAdvance: { chargeIndex: number; line: InvoiceLine }[];
};

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
}): { issuedAt: Instant; lines: InvoiceLine[] }[] {
  const { schedule } = input;
  const due = new Map<Instant, DueLines>();
  const dueAt = (instant: Instant): DueLines => {
    let entry = due.get(instant);
    if (entry === undefined) {
      entry = { closing: [], midway: [], opening: [], inAdvance: [] };
      due.set(instant, entry);
    }
    return entry;
  };
  for (const segment of schedule.segments) {
    const lines = segmentLines({ ...input, segment, currency: input.terms.currency });
    if (segment.start <= schedule.until) dueAt(segment.start).opening.push(...lines.opening);
    for (const { at, line } of lines.midway) dueAt(at).midway.push(line);
    for (const { at, chargeIndex, line } of lines.inAdvance) dueAt(at).inAdvance.push({ chargeIndex, line });
    if (segment.end <= schedule.until) dueAt(segment.end).closing.push(...lines.closing);
  }
  return [...due.entries()]
    .sort(([left], [right]) => left - right)
    .map(([issuedAt, { closing, midway, opening, inAdvance }]) => ({
      issuedAt,
      lines: [
        ...closing,
        ...midway,
        ...opening,
        // Stable: periods stay in time order, as segments come.
        ...inAdvance.sort((left, right) => left.chargeIndex - right.chargeIndex).map((entry) => entry.line),
      ],
    }))
    .filter((invoice) => invoice.lines.length > 0);
}

/**
 * The invoices of a schedule, from usage aggregated over its usage windows
 * (see usageWindowsFor). `state` is the account as it stood before the first
 * of them; the state after the last is returned for the next run.
 */
export function computeInvoices(input: {
  schedule: BillingSchedule;
  catalog: Catalog;
  terms: AccountTerms;
  usage: UsageAggregates;
  state?: AccountState;
}): { invoices: Invoice[]; state: AccountState } {
  let state = input.state ?? openingAccountState(input.terms.creditGrants);
  const invoices: Invoice[] = [];
  for (const { issuedAt, lines } of linesByIssueInstant(input)) {
    const settled = settleInvoice({ issuedAt, lines, terms: input.terms, state });
    invoices.push(settled.invoice);
    state = settled.state;
  }
  return { invoices, state };
}
