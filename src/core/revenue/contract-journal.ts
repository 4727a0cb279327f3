// A contract's journal, month by month: what was invoiced goes to accounts
// receivable, what was earned to revenue (breakage to breakage revenue), and
// the difference moves the contract's net position (ASC 606-10-45-1): billed
// ahead of revenue is deferred revenue (a contract liability), earned ahead of
// billing is unbilled receivables (a contract asset). A contract is one or the
// other at each month end, never both, and every month's entry balances.
import { type Decimal, sumDecimals, ZERO } from "../decimal.ts";
import type { Instant } from "../instant.ts";
import type { RevenueEntry } from "./obligation-schedule.ts";
import { localMonthOf } from "./service-months.ts";

export type ContractAccount =
  | "accounts_receivable"
  | "unbilled_receivables"
  | "deferred_revenue"
  | "revenue"
  | "breakage_revenue";

/** One side of the month's entry: a debit or a credit, the other zero. */
export type ContractJournalLine = { account: ContractAccount; debit: Decimal; credit: Decimal };

export type ContractJournalMonth = {
  readonly month: string;
  /** Invoiced in the month, net of tax. */
  readonly invoiced: Decimal;
  /** Revenue and breakage earned in the month. */
  readonly recognized: Decimal;
  /** Balances at the month's end. */
  readonly deferredRevenue: Decimal;
  readonly unbilledReceivables: Decimal;
  /** Debits first; lines of zero left out. */
  readonly lines: readonly ContractJournalLine[];
};

/** An invoice of the contract, net of tax (tax is payable, never revenue). */
export type ContractInvoice = { readonly at: Instant; readonly amount: Decimal };

function line(account: ContractAccount, amount: Decimal): ContractJournalLine {
  return amount.isNegative()
    ? { account, debit: ZERO, credit: amount.negated() }
    : { account, debit: amount, credit: ZERO };
}

function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  for (let month = first; month <= last; ) {
    months.push(month);
    const [year, number] = month.split("-").map(Number) as [number, number];
    month = number === 12 ? `${year + 1}-01` : `${year}-${String(number + 1).padStart(2, "0")}`;
  }
  return months;
}

/** One balanced entry per month from the first invoice or revenue to the last. */
export function contractJournal(input: {
  entries: readonly RevenueEntry[];
  invoices: readonly ContractInvoice[];
  timeZone: string;
}): ContractJournalMonth[] {
  const invoices = input.invoices.map((invoice) => ({
    month: localMonthOf(invoice.at, input.timeZone).month,
    amount: invoice.amount,
  }));
  const touched = [
    ...invoices.map((invoice) => invoice.month),
    ...input.entries.map((entry) => entry.month),
  ].sort();
  if (touched.length === 0) return [];
  let deferred = ZERO;
  let unbilled = ZERO;
  let position = ZERO;
  return monthsBetween(touched[0] as string, touched.at(-1) as string).map((month) => {
    const invoiced = sumDecimals(
      invoices.filter((invoice) => invoice.month === month).map((invoice) => invoice.amount),
    );
    const ofMonth = input.entries.filter((entry) => entry.month === month);
    const breakage = sumDecimals(
      ofMonth.filter((entry) => entry.kind === "breakage").map((entry) => entry.amount),
    );
    const revenue = sumDecimals(
      ofMonth.filter((entry) => entry.kind !== "breakage").map((entry) => entry.amount),
    );
    position = position.plus(invoiced).minus(revenue).minus(breakage);
    const nextDeferred = position.greaterThan(ZERO) ? position : ZERO;
    const nextUnbilled = position.isNegative() ? position.negated() : ZERO;
    const lines = [
      line("accounts_receivable", invoiced),
      line("unbilled_receivables", nextUnbilled.minus(unbilled)),
      line("deferred_revenue", deferred.minus(nextDeferred)),
      line("revenue", revenue.negated()),
      line("breakage_revenue", breakage.negated()),
    ]
      .filter((candidate) => !candidate.debit.isZero() || !candidate.credit.isZero())
      .sort((left, right) => Number(left.debit.isZero()) - Number(right.debit.isZero()));
    deferred = nextDeferred;
    unbilled = nextUnbilled;
    return {
      month,
      invoiced,
      recognized: revenue.plus(breakage),
      deferredRevenue: deferred,
      unbilledReceivables: unbilled,
      lines,
    };
  });
}
