// Invoiced revenue per calendar month and currency, summed exactly from the
// invoices' decimal totals: drafts and void invoices are left out, since
// neither is revenue. Months are read in the given time zone.

import type { Invoice } from "../../api/resources.ts";
import { sumDecimalStrings } from "../../format/decimal-sum.ts";

export type MonthRevenue = { month: string; total: string; invoiceCount: number };

/** "2026-03" for an instant, in `timeZone`. */
export function monthOf(instant: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    year: "numeric",
    month: "2-digit",
    timeZone,
  }).formatToParts(new Date(instant));
  const year = parts.find((part) => part.type === "year")?.value ?? "0000";
  const month = parts.find((part) => part.type === "month")?.value ?? "00";
  return `${year}-${month}`;
}

/** Each currency's months in order, oldest first. */
export function revenueByMonth(
  invoices: readonly Pick<Invoice, "status" | "currency" | "issued_at" | "total">[],
  timeZone: string,
): Map<string, MonthRevenue[]> {
  const totals = new Map<string, Map<string, string[]>>();
  for (const invoice of invoices) {
    if (invoice.status === "draft" || invoice.status === "void") continue;
    const months = totals.get(invoice.currency) ?? new Map<string, string[]>();
    totals.set(invoice.currency, months);
    const month = monthOf(invoice.issued_at, timeZone);
    months.set(month, [...(months.get(month) ?? []), invoice.total]);
  }
  const result = new Map<string, MonthRevenue[]>();
  for (const [currency, months] of totals) {
    result.set(
      currency,
      [...months.entries()]
        .sort(([first], [second]) => first.localeCompare(second))
        .map(([month, amounts]) => ({
          month,
          total: sumDecimalStrings(amounts),
          invoiceCount: amounts.length,
        })),
    );
  }
  return result;
}
