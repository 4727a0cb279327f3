// One simulated invoice: its lines with period, quantity, amount and the
// engine's explanation, and its totals.

import type { SimulatedInvoice } from "../../api/resources.ts";
import { formatPeriodBound } from "../../format/date-format.ts";
import { formatMoney, formatQuantity } from "../../format/decimal-format.ts";
import { TableScroll } from "../../ui/table-scroll.tsx";
import { explainLine } from "./line-explanation.ts";

const kindLabels: Record<string, string> = {
  fixed: "Fixed",
  usage: "Usage",
  proration_credit: "Proration credit",
  minimum_true_up: "Minimum true-up",
};

// Discounts, credits and the applied balance come as positive amounts that
// the invoice subtracts; they are shown with a minus sign.
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

export function InvoiceTable({
  invoice,
  index,
  timeZone,
}: {
  invoice: SimulatedInvoice;
  index: number;
  timeZone: string;
}) {
  const money = (amount: string) => formatMoney(amount, invoice.currency);
  const titleId = `invoice-${index}-title`;
  return (
    <section className="panel invoice" aria-labelledby={titleId}>
      <h3 id={titleId}>
        Invoice {index + 1}: issued {formatPeriodBound(invoice.issued_at, timeZone)}
        <span className="invoice-due">{money(invoice.amount_due)} due</span>
      </h3>
      {invoice.lines.length === 0 ? (
        <p className="muted">No lines: nothing was billed in this period.</p>
      ) : null}
      <TableScroll label={`Invoice ${index + 1} lines`}>
        <table className="invoice-table stacked-on-phone">
          <thead>
            <tr>
              <th scope="col">Charge</th>
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
            {invoice.lines.map((line, lineIndex) => (
              // Lines have no id; their order on the invoice is stable.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              <tr key={lineIndex}>
                <th scope="row">
                  <code>{line.charge}</code>
                  <span className="line-kind">{kindLabels[line.kind] ?? line.kind}</span>
                </th>
                <td data-label="Period" className="nowrap">
                  {formatPeriodBound(line.period_start, timeZone)} –{" "}
                  {formatPeriodBound(line.period_end, timeZone)}
                </td>
                <td data-label="Quantity" className="numeric">
                  {formatQuantity(line.quantity)}
                </td>
                <td data-label="Amount" className="numeric">
                  {money(line.amount)}
                </td>
                <td data-label="How it was computed">
                  <ul className="explanation">
                    {explainLine(line, invoice.currency).map((sentence) => (
                      <li key={sentence}>{sentence}</li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            {totals.map(([field, label, subtracted]) => (
              <tr key={field} className={field === "amount_due" ? "total-row" : undefined}>
                <th scope="row" colSpan={3}>
                  {label}
                </th>
                <td className="numeric">{money(subtracted ? negated(invoice[field]) : invoice[field])}</td>
                <td className="filler" />
              </tr>
            ))}
          </tfoot>
        </table>
      </TableScroll>
    </section>
  );
}
