// Reports also shown in the organization's reporting currency (finance
// settings): the revenue report and KPIs at the rate in force on each month's
// last day, the journal at the rate of each entry's date, each entry
// converted so that it still balances. The rates used are listed beside the
// figures. Invoices and the journal itself stay in each document's currency.
import { Temporal } from "temporal-polyfill";
import {
  convertAmount,
  convertBalancedEntry,
  currencyFor,
  Decimal,
  formatAmount,
  sumDecimals,
  ZERO,
} from "../core/index.ts";
import type { RateBook } from "./exchange-rates.ts";
import type { JournalLine } from "./journal.ts";
import type { RevenueReportRow } from "./revenue-reports.ts";

/** The last day of an accounting month "2026-01": "2026-01-31". */
function lastDayOf(period: string): string {
  const month = Temporal.PlainYearMonth.from(period);
  return month.toPlainDate({ day: month.daysInMonth }).toString();
}

const amountOf = (text: string) => (text === "" ? ZERO : new Decimal(text));

function mapFields<Field extends string, Value>(
  fields: readonly Field[],
  value: (field: Field) => Value,
): Record<Field, Value> {
  return Object.fromEntries(fields.map((field) => [field, value(field)])) as Record<Field, Value>;
}

/**
 * Rows of amounts (decimal strings) in several currencies, each converted at
 * the rate in force on its month's last day and summed per key in the
 * reporting currency.
 */
class ConvertedSums<Field extends string> {
  private readonly sums = new Map<string, Record<Field, Decimal>>();
  private readonly fields: readonly Field[];
  private readonly book: RateBook;

  constructor(fields: readonly Field[], book: RateBook) {
    this.fields = fields;
    this.book = book;
  }

  add(key: string, row: { period: string; currency: string } & Record<Field, string>): void {
    const rate = this.book.rate(row.currency, lastDayOf(row.period));
    const target = currencyFor(this.book.currency);
    const sum = this.sums.get(key) ?? mapFields(this.fields, () => ZERO);
    this.sums.set(
      key,
      mapFields(this.fields, (field) => sum[field].plus(convertAmount(amountOf(row[field]), rate, target))),
    );
  }

  /** Each key with its sums printed in the reporting currency. */
  formatted(): [string, Record<Field, string>][] {
    const target = currencyFor(this.book.currency);
    return [...this.sums].map(([key, sum]) => [
      key,
      mapFields(this.fields, (field) => formatAmount(sum[field], target)),
    ]);
  }
}

const revenueFields = ["recognized", "breakage", "deferred_balance", "unbilled_balance"] as const;

/** The revenue report's rows summed per month (and group) in the reporting currency. */
export function revenueReportInReportingCurrency(rows: readonly RevenueReportRow[], book: RateBook) {
  const sums = new ConvertedSums(revenueFields, book);
  for (const row of rows) sums.add(JSON.stringify([row.period, row.group]), row);
  return {
    currency: book.currency,
    rows: sums.formatted().map(([key, amounts]) => {
      const [period, group] = JSON.parse(key) as [string, string | null];
      return { period, group, ...amounts };
    }),
    rates_used: book.ratesUsed(),
  };
}

/** The journal's lines in the reporting currency, entry by entry at the rate of the entry's date. */
export function journalInReportingCurrency(lines: readonly JournalLine[], book: RateBook) {
  const target = currencyFor(book.currency);
  const entries = new Map<string, JournalLine[]>();
  for (const line of lines) {
    const key = JSON.stringify([line.entry_id, line.currency]);
    entries.set(key, [...(entries.get(key) ?? []), line]);
  }
  const converted = [...entries.values()].flatMap((entryLines) => {
    const first = entryLines[0] as JournalLine;
    const rate = book.rate(first.currency, first.date);
    const amounts = convertBalancedEntry(
      entryLines.map((line) => ({ debit: amountOf(line.debit), credit: amountOf(line.credit) })),
      rate,
      target,
    );
    return entryLines.map((line, index) => {
      const amount = amounts[index] as { debit: Decimal; credit: Decimal };
      return {
        entry_id: line.entry_id,
        date: line.date,
        account: line.account,
        account_role: line.account_role,
        debit: line.debit === "" ? "" : formatAmount(amount.debit, target),
        credit: line.credit === "" ? "" : formatAmount(amount.credit, target),
        original_currency: line.currency,
        rate: rate.toDecimalPlaces(12).toFixed(),
      };
    });
  });
  const debit = sumDecimals(converted.map((line) => amountOf(line.debit)));
  const credit = sumDecimals(converted.map((line) => amountOf(line.credit)));
  return {
    currency: book.currency,
    balanced: debit.equals(credit),
    totals: { debit: formatAmount(debit, target), credit: formatAmount(credit, target) },
    lines: converted,
    rates_used: book.ratesUsed(),
  };
}

const mrrFields = [
  "mrr",
  "arr",
  "starting_mrr",
  "new",
  "expansion",
  "contraction",
  "churn",
  "reactivation",
  "usage_mrr",
] as const;

/** MRR and its movements per month, every currency summed in the reporting currency at the month's last day. */
export function mrrInReportingCurrency(
  rows: readonly ({ period: string; currency: string } & Record<(typeof mrrFields)[number], string>)[],
  book: RateBook,
) {
  const sums = new ConvertedSums(mrrFields, book);
  for (const row of rows) sums.add(row.period, row);
  return {
    currency: book.currency,
    mrr: sums.formatted().map(([period, amounts]) => ({ period, ...amounts })),
    rates_used: book.ratesUsed(),
  };
}
