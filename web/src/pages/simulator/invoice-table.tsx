// One simulated invoice: its lines with period, quantity, amount and the
// engine's explanation, and its totals, in the same table as a stored invoice.
import type { SimulatedInvoice } from "../../api/resources.ts";
import { formatPeriodBound } from "../../format/date-format.ts";
import { formatMoney } from "../../format/decimal-format.ts";
import { InvoiceLinesTable } from "../invoices/invoice-lines-table.tsx";

export function InvoiceTable({
  invoice,
  index,
  timeZone,
}: {
  invoice: SimulatedInvoice;
  index: number;
  timeZone: string;
}) {
  const titleId = `invoice-${index}-title`;
  return (
    <section className="panel invoice" aria-labelledby={titleId}>
      <h3 id={titleId}>
        Invoice {index + 1}: issued {formatPeriodBound(invoice.issued_at, timeZone)}
        <span className="invoice-due">{formatMoney(invoice.amount_due, invoice.currency)} due</span>
      </h3>
      {invoice.lines.length === 0 ? (
        <p className="muted">No lines: nothing was billed in this period.</p>
      ) : null}
      <InvoiceLinesTable
        lines={invoice.lines}
        invoiceTotals={invoice}
        currency={invoice.currency}
        timeZone={timeZone}
        label={`Invoice ${index + 1} lines`}
      />
    </section>
  );
}
