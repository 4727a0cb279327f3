// The simulator's output format: invoices as JSON, amounts as decimal strings
// with exactly the currency's minor digits, instants in UTC to the second. A
// usage line's price details are its charge model's own explanation
// (src/pricing/line-explanations.ts).
import {
  type Currency,
  type Decimal,
  formatAmount,
  formatInstant,
  formatProrationFactor,
  formatQuantity,
  type Invoice,
  type InvoiceLine,
  type LineDetails,
  type ProrationFactor,
} from "../core/index.ts";
import { type JsonValue, priceDetails } from "../pricing/index.ts";

export type OutputLine = {
  charge: string;
  kind: InvoiceLine["kind"];
  period_start: string;
  period_end: string;
  quantity: string;
  amount: string;
  /** Version 2: a dimensional charge's combination, and whether the charge's default priced it. */
  dimensions?: { [name: string]: string | null };
  priced_by?: "default";
  details: { [key: string]: JsonValue };
};

/** Each total an invoice shows, and the engine invoice's field it comes from. */
const totalFields = {
  subtotal: "subtotal",
  discount: "discount",
  credits: "credits",
  tax: "tax",
  total: "total",
  balance_applied: "balanceApplied",
  amount_due: "amountDue",
} as const satisfies Record<string, keyof Invoice>;

/** An invoice's totals as decimal strings in its currency: what the simulator prints and invoicing stores. */
export type OutputTotals = Record<keyof typeof totalFields, string>;

export type OutputInvoice = { issued_at: string; currency: string; lines: OutputLine[] } & OutputTotals;

export type ScenarioOutput = { invoices: OutputInvoice[] };

/** Exact decimals inside explanations (tier amounts, unit prices) print without rounding. */
function exact(value: Decimal): string {
  return value.isZero() ? "0" : value.toFixed();
}

function proration(factor: ProrationFactor): { [key: string]: JsonValue } {
  return { days: factor.days, full_days: factor.fullDays, factor: formatProrationFactor(factor) };
}

function lineDetails(details: LineDetails, currency: Currency): { [key: string]: JsonValue } {
  switch (details.kind) {
    case "fixed":
      return {
        plan: details.planCode,
        timing: details.timing,
        full_amount: exact(details.fullAmount),
        proration: proration(details.proration),
      };
    case "usage":
      return {
        plan: details.planCode,
        meter: details.meterCode,
        aggregation: details.aggregation,
        event_count: details.eventCount,
        quantity: formatQuantity(details.quantity, { exact: !details.quantityIsInexact }),
        price: priceDetails(details.price, !details.quantityIsInexact),
      };
    case "proration_credit":
      return {
        plan: details.planCode,
        full_amount: exact(details.fullAmount),
        proration: proration(details.proration),
      };
    case "quantity_change":
      return {
        plan: details.planCode,
        full_amount: exact(details.fullAmount),
        previous_quantity: details.previousQuantity,
        new_quantity: details.newQuantity,
        proration: proration(details.proration),
      };
    case "minimum_true_up":
      return {
        plan: details.planCode,
        minimum_commitment: exact(details.minimumCommitment),
        proration: proration(details.proration),
        prorated_minimum: formatAmount(details.proratedMinimum, currency),
        charges: formatAmount(details.charges, currency),
      };
  }
}

export function outputLine(line: InvoiceLine, currency: Currency): OutputLine {
  return {
    charge: line.charge,
    kind: line.kind,
    period_start: formatInstant(line.periodStart),
    period_end: formatInstant(line.periodEnd),
    quantity: formatQuantity(line.quantity, {
      exact: line.details.kind !== "usage" || !line.details.quantityIsInexact,
    }),
    amount: formatAmount(line.amount, currency),
    ...(line.dimensions === undefined ? {} : { dimensions: { ...line.dimensions } }),
    ...(line.pricedBy === undefined ? {} : { priced_by: line.pricedBy }),
    details: lineDetails(line.details, currency),
  };
}

export function outputInvoice(invoice: Invoice): OutputInvoice {
  const { currency } = invoice;
  return {
    issued_at: formatInstant(invoice.issuedAt),
    currency: currency.code,
    lines: invoice.lines.map((line) => outputLine(line, currency)),
    ...outputTotals(invoice),
  };
}

export function outputTotals(invoice: Invoice): OutputTotals {
  const totals = Object.entries(totalFields).map(([field, engineField]) => [
    field,
    formatAmount(invoice[engineField], invoice.currency),
  ]);
  return Object.fromEntries(totals) as OutputTotals;
}
