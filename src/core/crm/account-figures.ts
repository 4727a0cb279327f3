// The figures of a customer that a CRM shows sales on the account: the
// recurring fees of the next invoice (its monthly recurring revenue), the
// usage charged so far in the period, what is still owed on issued
// invoices, and how many invoices were issued with the newest's number.
import { currencyFor } from "../currency.ts";
import { Decimal, sumDecimals } from "../decimal.ts";
import { formatAmount } from "../money.ts";

export type FigureLine = { kind: string; amount: string };

export type FigureInvoice = {
  status: string;
  number: string | null;
  amount_remaining: string;
  finalized_at: string | null;
};

export type AccountFigures = {
  monthlyRecurringRevenue: string;
  usageToDate: string;
  openBalance: string;
  invoiceCount: number;
  lastInvoiceNumber: string | null;
};

const owing = new Set(["open", "partially_paid", "uncollectible"]);

/** `upcoming` is the next invoice's lines (none when nothing is billed next); `invoices` any order; amounts in the currency's decimals. */
export function accountFigures(
  currency: string,
  upcoming: readonly FigureLine[],
  invoices: readonly FigureInvoice[],
): AccountFigures {
  const money = (amount: Decimal) => formatAmount(amount, currencyFor(currency));
  const sumOf = (kind: string) =>
    sumDecimals(upcoming.filter((line) => line.kind === kind).map((line) => new Decimal(line.amount)));
  const issued = invoices
    .filter((invoice) => invoice.number !== null && invoice.status !== "draft" && invoice.status !== "void")
    .sort((first, second) => (first.finalized_at ?? "").localeCompare(second.finalized_at ?? ""));
  return {
    monthlyRecurringRevenue: money(sumOf("fixed")),
    usageToDate: money(sumOf("usage")),
    openBalance: money(
      sumDecimals(
        issued
          .filter((invoice) => owing.has(invoice.status))
          .map((invoice) => new Decimal(invoice.amount_remaining)),
      ),
    ),
    invoiceCount: issued.length,
    lastInvoiceNumber: issued.at(-1)?.number ?? null,
  };
}
