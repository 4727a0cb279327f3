// The journal of an accounting month: the postings of every document and
// every revenue recognition dated in it, grouped into balanced entries with
// the environment's account codes, as the general ledger imports them (CSV
// or JSON). Every entry balances, so the month's debits equal its credits.
import { createHash } from "node:crypto";
import { currencyFor, type Decimal, formatAmount, ZERO } from "../core/index.ts";
import { canonicalJson } from "../platform/canonical-json.ts";
import { csvCell } from "../platform/csv.ts";
import type { AccountingPeriod } from "./accounting-periods.ts";
import type { AccountKey, ChartOfAccounts } from "./chart-of-accounts.ts";
import type { Posting } from "./revenue-recognition.ts";
import type { CurrencyTotals } from "./tables.ts";

export type JournalLine = {
  /** The balanced entry the line belongs to. */
  entry_id: string;
  date: string;
  account: string;
  account_name: string;
  account_role: AccountKey;
  debit: string;
  credit: string;
  currency: string;
  /** The document's number (invoice, credit note) or id (credit grant, payment). */
  reference: string;
  document_type: string;
  document_id: string;
  customer_id: string;
  product: string | null;
  memo: string;
};

const debitsFirst = (line: JournalLine) => (line.debit === "" ? 1 : 0);

/** The month's journal lines, in date and entry order, debits first within an entry. */
export function journalOf(
  postings: readonly Posting[],
  chart: ChartOfAccounts,
  period: AccountingPeriod,
): JournalLine[] {
  const grouped = new Map<string, { posting: Posting; amount: Decimal }>();
  for (const posting of postings) {
    if (posting.period !== period.key) continue;
    const key = JSON.stringify([
      posting.document.type,
      posting.document.id,
      posting.purpose,
      posting.date,
      posting.account,
      posting.currency,
      posting.product,
      posting.memo,
    ]);
    const group = grouped.get(key);
    grouped.set(key, { posting, amount: (group?.amount ?? ZERO).plus(posting.amount) });
  }
  const lines: JournalLine[] = [];
  for (const { posting, amount } of grouped.values()) {
    if (amount.isZero()) continue;
    const currency = currencyFor(posting.currency);
    const account = chart[posting.account];
    lines.push({
      entry_id: `${posting.document.type}:${posting.document.id}:${posting.purpose}:${posting.date}`,
      date: posting.date,
      account: account.code,
      account_name: account.name,
      account_role: posting.account,
      debit: amount.greaterThan(ZERO) ? formatAmount(amount, currency) : "",
      credit: amount.lessThan(ZERO) ? formatAmount(amount.negated(), currency) : "",
      currency: posting.currency,
      reference: posting.document.reference,
      document_type: posting.document.type,
      document_id: posting.document.id,
      customer_id: posting.customerId,
      product: posting.product,
      memo: posting.memo,
    });
  }
  return lines.sort(
    (left, right) =>
      left.date.localeCompare(right.date) ||
      left.entry_id.localeCompare(right.entry_id) ||
      debitsFirst(left) - debitsFirst(right) ||
      left.account.localeCompare(right.account) ||
      left.memo.localeCompare(right.memo),
  );
}

/** Debits and credits per currency; equal when the journal balances. */
export function journalTotals(lines: readonly JournalLine[]): CurrencyTotals {
  const totals = new Map<string, { debit: Decimal; credit: Decimal }>();
  for (const line of lines) {
    const total = totals.get(line.currency) ?? { debit: ZERO, credit: ZERO };
    totals.set(line.currency, {
      debit: line.debit === "" ? total.debit : total.debit.plus(line.debit),
      credit: line.credit === "" ? total.credit : total.credit.plus(line.credit),
    });
  }
  return [...totals]
    .sort(([left], [right]) => left.localeCompare(right))
    .map(([code, total]) => {
      const currency = currencyFor(code);
      return {
        currency: code,
        debit: formatAmount(total.debit, currency),
        credit: formatAmount(total.credit, currency),
      };
    });
}

/** SHA-256 of the journal: equal digests mean the books of the month have not changed. */
export function journalDigest(lines: readonly JournalLine[]): string {
  return createHash("sha256").update(canonicalJson(lines)).digest("hex");
}

const csvColumns = [
  "date",
  "account",
  "account_name",
  "debit",
  "credit",
  "currency",
  "reference",
  "entry_id",
  "document_type",
  "document_id",
  "customer_id",
  "product",
  "memo",
] as const;

export function journalCsv(lines: readonly JournalLine[]): string {
  const rows = [csvColumns.join(",")];
  for (const line of lines) rows.push(csvColumns.map((column) => csvCell(line[column])).join(","));
  return `${rows.join("\r\n")}\r\n`;
}
