// An invoice's lines (stored, previewed or simulated) with the engine's
// explanation of each, and its totals: what the customer pays and why.
// Discounts, commits, credits and the applied balance are shown subtracted.
import type { InvoiceLine, InvoiceTotals, SimulatedLine } from "../../api/resources.ts";
import { formatPeriodBound } from "../../format/date-format.ts";
import { formatMoney, formatQuantity } from "../../format/decimal-format.ts";
import { DataTable } from "../../ui/data-table.tsx";
import { explainLine } from "../simulator/line-explanation.ts";
import type { QuantityDisplayDecimals } from "./quantity-display-decimals.ts";

const kindLabels: Record<string, string> = {
  fixed: "Fixed",
  usage: "Usage",
  proration_credit: "Proration credit",
  minimum_true_up: "Minimum true-up",
  progressive_billing_credit: "Billed earlier",
  one_off: "One-off",
  commit: "Commit",
  commit_true_up: "Commit true-up",
};

const totals = [
  ["subtotal", "Subtotal", false],
  ["discount", "Discount", true],
  // Only on an invoice whose contract has commits (its `commits` is then a string).
  ["commits", "Commits", true],
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

/** A line as the table shows it: a simulated line's fields, with a stored line's description. */
type ShownLine = Omit<SimulatedLine, "period_start" | "period_end"> & {
  description?: string;
  period_start: string | null;
  period_end: string | null;
};

/** A stored or previewed line in the simulator's shape, which the explanation reads. */
export function shownLine(line: InvoiceLine | InvoicePreviewLine): ShownLine {
  return {
    description: line.description,
    charge: line.charge_id ?? "",
    kind: line.kind,
    period_start: line.period_start,
    period_end: line.period_end,
    quantity: line.quantity,
    amount: line.amount,
    details: line.details,
  };
}

type InvoicePreviewLine = Pick<
  InvoiceLine,
  "description" | "charge_id" | "kind" | "period_start" | "period_end" | "quantity" | "amount" | "details"
>;

/** The meter a usage line counts, from its explanation. */
function meterOf(line: ShownLine): string | undefined {
  const meter = (line.details as Record<string, unknown> | undefined)?.meter;
  return typeof meter === "string" ? meter : undefined;
}

/** A consolidated invoice's section as the table heads it: from which line, for whom, and its subtotal. */
export type LineSection = { firstLine: number; heading: string; subtotal: string };

/**
 * A consolidated invoice's lines in section order (the parent's own, then each
 * child's), with each section's heading at its first line; any other invoice's
 * lines as they are, without headings.
 */
export function linesBySection<Line extends { id: string }>(invoice: {
  lines: readonly Line[];
  sections: readonly {
    billed_customer: { name: string } | null;
    line_ids: readonly string[];
    subtotal: string;
  }[];
}): { lines: Line[]; sections: LineSection[] } {
  if (invoice.sections.length === 0) return { lines: [...invoice.lines], sections: [] };
  const byId = new Map(invoice.lines.map((line) => [line.id, line]));
  const lines: Line[] = [];
  const sections: LineSection[] = [];
  for (const section of invoice.sections) {
    sections.push({
      firstLine: lines.length,
      heading: section.billed_customer?.name ?? "Own charges",
      subtotal: section.subtotal,
    });
    for (const id of section.line_ids) {
      const line = byId.get(id);
      if (line !== undefined) lines.push(line);
    }
  }
  return { lines, sections };
}

export function InvoiceLinesTable({
  lines,
  invoiceTotals,
  currency,
  timeZone,
  locale,
  label,
  displayDecimals,
  sections = [],
}: {
  lines: ShownLine[];
  invoiceTotals: InvoiceTotals;
  currency: string;
  timeZone: string;
  locale?: string;
  label: string;
  /** A customer's view rounds metered quantities to their meter's display decimals; the simulator shows every digit. */
  displayDecimals?: QuantityDisplayDecimals;
  /** A consolidated invoice's sections: a heading per child, before its first line (its lines follow it). */
  sections?: readonly LineSection[];
}) {
  const money = (amount: string) => formatMoney(amount, currency, locale);
  const quantity = (line: ShownLine) => {
    const meter = meterOf(line);
    if (meter === undefined || displayDecimals === undefined) return formatQuantity(line.quantity, locale);
    return <span title={line.quantity}>{formatQuantity(line.quantity, locale, displayDecimals(meter))}</span>;
  };
  const period = (line: ShownLine) =>
    line.period_start && line.period_end
      ? `${formatPeriodBound(line.period_start, timeZone, locale)} – ${formatPeriodBound(line.period_end, timeZone, locale)}`
      : "—";
  // Simulated lines have no description: the charge names them.
  const described = lines.some((line) => line.description !== undefined);
  return (
    <DataTable
      label={label}
      className="invoice-table"
      rows={lines}
      // Lines have no id in a preview or a simulation; their order on the invoice is stable.
      rowKey={(_line, index) => index}
      groupHeading={(_line, index) => {
        const section = sections.find((candidate) => candidate.firstLine === index);
        return section === undefined ? null : (
          <>
            {section.heading} <span className="line-kind">subtotal {money(section.subtotal)}</span>
          </>
        );
      }}
      columns={[
        {
          header: described ? "Line" : "Charge",
          cell: (line) => (
            <>
              {described ? line.description : <code>{line.charge}</code>}
              <span className="line-kind">
                {kindLabels[line.kind] ?? line.kind}
                {described && line.charge !== "" && (
                  <>
                    {" "}
                    <code>{line.charge}</code>
                  </>
                )}
              </span>
            </>
          ),
        },
        { header: "Period", className: "nowrap", cell: period },
        { header: "Quantity", numeric: true, cell: quantity },
        { header: "Amount", numeric: true, cell: (line) => money(line.amount) },
        {
          header: "How it was computed",
          cell: (line) => (
            <ul className="explanation">
              {explainLine(
                { ...line, period_start: line.period_start ?? "", period_end: line.period_end ?? "" },
                currency,
                locale,
              ).map((sentence) => (
                <li key={sentence}>{sentence}</li>
              ))}
            </ul>
          ),
        },
      ]}
      footer={
        <tfoot>
          {totals.map(([field, totalLabel, subtracted]) => {
            const amount = invoiceTotals[field];
            if (typeof amount !== "string") return null;
            return (
              <tr key={field} className={field === "amount_due" ? "total-row" : undefined}>
                <th scope="row" colSpan={3}>
                  {totalLabel}
                </th>
                <td className="numeric">{money(subtracted ? negated(amount) : amount)}</td>
                <td className="filler" />
              </tr>
            );
          })}
        </tfoot>
      }
    />
  );
}
