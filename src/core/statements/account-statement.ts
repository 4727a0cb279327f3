// A customer's statement of account in one currency: what was invoiced
// (debits), what was paid and credited (credits), in date order with the
// running balance, between two instants. The balance brought forward is the
// sum of every entry before the first; the closing balance is the last
// running balance, so the statement always adds up: opening + debits −
// credits = closing. Entries at the same instant keep a fixed order (debits
// first, then by reference), so the same entries print the same statement.
import { Decimal } from "../decimal.ts";

export type StatementEntry = {
  /** When the entry happened: an invoice issued, a payment received, a credit note issued. */
  at: Date;
  /** A chargeback: what a dispute lost took back from the customer's balance. */
  kind: "invoice" | "payment" | "credit_note" | "refund" | "chargeback";
  /** The document's number, or its id when it has none. */
  reference: string;
  description: string;
  /** What the entry adds to the amount owed (an invoice, a refund, a chargeback) or takes off it (a payment, a credit note). */
  amount: Decimal;
};

export type StatementLine = StatementEntry & {
  debit: Decimal;
  credit: Decimal;
  balance: Decimal;
};

export type AccountStatement = {
  from: Date;
  to: Date;
  opening_balance: Decimal;
  lines: StatementLine[];
  total_debits: Decimal;
  total_credits: Decimal;
  closing_balance: Decimal;
};

const owedMore = new Set<StatementEntry["kind"]>(["invoice", "refund", "chargeback"]);

function order(a: StatementEntry, b: StatementEntry): number {
  const byTime = a.at.getTime() - b.at.getTime();
  if (byTime !== 0) return byTime;
  const byDirection = Number(!owedMore.has(a.kind)) - Number(!owedMore.has(b.kind));
  if (byDirection !== 0) return byDirection;
  return a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : 0;
}

/** The statement of `entries` from `from` to `to`, both included. */
export function accountStatement(entries: readonly StatementEntry[], from: Date, to: Date): AccountStatement {
  const sorted = [...entries].sort(order);
  const signed = (entry: StatementEntry) =>
    owedMore.has(entry.kind) ? entry.amount : entry.amount.negated();
  let balance = new Decimal(0);
  for (const entry of sorted) if (entry.at.getTime() < from.getTime()) balance = balance.plus(signed(entry));
  const opening = balance;
  let debits = new Decimal(0);
  let credits = new Decimal(0);
  const lines: StatementLine[] = [];
  for (const entry of sorted) {
    if (entry.at.getTime() < from.getTime() || entry.at.getTime() > to.getTime()) continue;
    const debit = owedMore.has(entry.kind) ? entry.amount : new Decimal(0);
    const credit = owedMore.has(entry.kind) ? new Decimal(0) : entry.amount;
    debits = debits.plus(debit);
    credits = credits.plus(credit);
    balance = balance.plus(debit).minus(credit);
    lines.push({ ...entry, debit, credit, balance });
  }
  return {
    from,
    to,
    opening_balance: opening,
    lines,
    total_debits: debits,
    total_credits: credits,
    closing_balance: balance,
  };
}
