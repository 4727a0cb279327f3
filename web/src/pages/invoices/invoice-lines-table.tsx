// An invoice's lines (stored or previewed) with the engine's explanation of
// each, and its totals: what the customer pays and why. Discounts, credits
// and the applied balance are shown subtracted.

import type { InvoiceLine, InvoiceTotals } from "../../api/resources.ts";
import { formatPeriodBound } from "../../format/date-format.ts";
import { formatMoney, formatQuantity } from "../../format/decimal-format.ts";
import { TableScroll } from "../../ui/table-scroll.tsx";
import { explainLine } from "../simulator/line-explanation.ts";

const kindLabels: Record<string, string> = {
  fixed: "Fixed",
  usage: "Usage",
  proration_credit: "Proration credit",
  minimum_true_up: "Minimum true-up",
  progressive_billing_credit: "Billed earlier",
  one_off: "One-off",
};

const totals = [
  ["subtotal", "Subtotal", false],
  ["discount", "Discount", true],
  ["credits", "Credits", true],
  ["tax", "Tax", false],
  ["total", "Total", false],
  ["balance_applied", "Balance applied", true],
  ["amount_due", "Amount due", false],
] as const;

function negated(amount: string): string {
  if (/^[-+]?0(\.0+)?$/.test(amount)) return amount;
  return amount.startsWith("-") ? amount.slice(1) : `-${amount.replace(/^\+/, "")}`;
}

export function InvoiceLinesTable({
  lines,
  invoiceTotals,
  currency,
  timeZone,
  locale,
  label,
}: {
  lines: InvoiceLine[];
  invoiceTotals: InvoiceTotals;
  currency: string;
  timeZone: string;
  locale?: string;
  label: string;
}) {
  const money = (amount: string) => formatMoney(amount, currency, locale);
  return (
    <TableScroll label={label}>
      <table className="invoice-table stacked-on-phone">
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Period</th>
            <th scope="col" className="numeric">
              Quantity
            </th>
            <th scope="col" className="numeric">
              Amount
            </th>
            <th scope="col">How it was computed</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line, index) => (
            // Previewed lines have no id; their order on the invoice is stable.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <tr key={index}>
              <th scope="row">
                {line.description}
                <span className="line-kind">
                  {kindLabels[line.kind] ?? line.kind}
                  {line.charge_id && (
                    <>
                      {" "}
                      <code>{line.charge_id}</code>
                    </>
                  )}
                </span>
              </th>
              <td data-label="Period" className="nowrap">
                {line.period_start && line.period_end
                  ? `${formatPeriodBound(line.period_start, timeZone, locale)} – ${formatPeriodBound(line.period_end, timeZone, locale)}`
                  : "—"}
              </td>
              <td data-label="Quantity" className="numeric">
                {formatQuantity(line.quantity, locale)}
              </td>
              <td data-label="Amount" className="numeric">
                {money(line.amount)}
              </td>
              <td data-label="How it was computed">
                <ul className="explanation">
                  {explainLine(
                    {
                      charge: line.charge_id ?? "",
                      kind: line.kind,
                      period_start: line.period_start ?? "",
                      period_end: line.period_end ?? "",
                      quantity: line.quantity,
                      amount: line.amount,
                      details: line.details,
                    },
                    currency,
                    locale,
                  ).map((sentence) => (
                    <li key={sentence}>{sentence}</li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          {totals.map(([field, totalLabel, subtracted]) => (
            <tr key={field} className={field === "amount_due" ? "total-row" : undefined}>
              <th scope="row" colSpan={3}>
                {totalLabel}
              </th>
              <td className="numeric">
                {money(subtracted ? negated(invoiceTotals[field]) : invoiceTotals[field])}
              </td>
              <td className="filler" />
            </tr>
          ))}
        </tfoot>
      </table>
    </TableScroll>
  );
}
