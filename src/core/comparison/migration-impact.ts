// What moving subscribers to another plan version does to revenue: per
// currency, how many subscriptions have a next invoice in it, and the sums of
// those invoices without the move (before), with it (after) and of their
// differences. Amounts of different currencies are never added; the sums are
// exact, and printed with the currency's minor digits.
import { currencyFor } from "../currency.ts";
import { Decimal, sumDecimals } from "../decimal.ts";
import { formatAmount } from "../money.ts";

/** One subscription's next invoice without and with the move, as a preview prints them. */
export type NextInvoiceChange = {
  readonly currency: string;
  /** The invoice's total without the move; null when there is no such invoice. */
  readonly before: string | null;
  /** The invoice's total with the move; null when there is no such invoice. */
  readonly after: string | null;
  /** after − before as the preview computed it. */
  readonly difference: string;
};

export type CurrencyRevenueImpact = {
  readonly currency: string;
  readonly subscriptions: number;
  readonly before: string;
  readonly after: string;
  readonly difference: string;
};

/** Sums the next-invoice changes per currency, currencies in alphabetical order. */
export function migrationRevenueImpact(changes: readonly NextInvoiceChange[]): CurrencyRevenueImpact[] {
  const byCurrency = new Map<string, NextInvoiceChange[]>();
  for (const change of changes) {
    byCurrency.set(change.currency, [...(byCurrency.get(change.currency) ?? []), change]);
  }
  return [...byCurrency.entries()]
    .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0))
    .map(([code, entries]) => {
      // Resolving the currency refuses an unknown code rather than printing it with a guessed precision.
      const currency = currencyFor(code);
      const sum = (amounts: (string | null)[]) =>
        formatAmount(sumDecimals(amounts.map((amount) => new Decimal(amount ?? 0))), currency);
      return {
        currency: code,
        subscriptions: entries.length,
        before: sum(entries.map((entry) => entry.before)),
        after: sum(entries.map((entry) => entry.after)),
        difference: sum(entries.map((entry) => entry.difference)),
      };
    });
}
