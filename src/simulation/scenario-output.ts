// The simulator's output format: invoices as JSON, amounts as decimal strings
// with exactly the currency's minor digits, instants in UTC to the second. A
// usage line's price details are its charge model's own explanation
// (src/pricing/line-explanations.ts).
import {
  type AllowanceSummary,
  type CommitBalanceReport,
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
  /** Version 2: a line priced in a pricing unit, its cost in the unit and the allowance it drew (V23). */
  unit?: string;
  unit_cost?: string;
  allowance_applied?: string;
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

/** Version 2: an allowance over the period the invoice closes, amounts in the unit (V25). */
export type OutputAllowance = {
  unit: string;
  granted: string;
  rolled_over: string;
  used: string;
  expired: string;
  balance: string;
};

export type OutputInvoice = {
  issued_at: string;
  currency: string;
  lines: OutputLine[];
  allowances?: OutputAllowance[];
} & OutputTotals & { commits?: string };

/** Version 2: a commit's balance for one term (V33); a postpaid commit has `true_up` where a prepaid one has `drawn`. */
type OutputCommitBalance = {
  id: string;
  term_start: string;
  term_end: string;
  granted: string;
  rolled_over: string;
  drawn?: string;
  true_up?: string;
  expired: string;
};

export type ScenarioOutput = { invoices: OutputInvoice[]; commit_balances?: OutputCommitBalance[] };

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
    case "commit":
      return {
        plan: details.planCode,
        commitment: formatAmount(details.commitment, currency),
        instalment: details.instalment,
        instalments: details.instalments,
      };
    case "commit_true_up":
      return {
        plan: details.planCode,
        commitment: formatAmount(details.commitment, currency),
        spend: formatAmount(details.spend, currency),
      };
  }
}

/** An amount in a pricing unit, with the unit's decimals. */
function unitAmount(amount: Decimal, decimals: number): string {
  return amount.toFixed(decimals);
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
    ...(line.allowance === undefined
      ? {}
      : {
          unit: line.allowance.unit,
          unit_cost: unitAmount(line.allowance.unitCost, line.allowance.decimals),
          allowance_applied: unitAmount(line.allowance.applied, line.allowance.decimals),
        }),
    details: lineDetails(line.details, currency),
  };
}

export function outputAllowance(allowance: AllowanceSummary): OutputAllowance {
  const inUnit = (amount: Decimal) => unitAmount(amount, allowance.decimals);
  return {
    unit: allowance.unit,
    granted: inUnit(allowance.granted),
    rolled_over: inUnit(allowance.rolledOver),
    used: inUnit(allowance.used),
    expired: inUnit(allowance.expired),
    balance: inUnit(allowance.balance),
  };
}

export function outputInvoice(invoice: Invoice): OutputInvoice {
  const { currency } = invoice;
  const totals = outputTotals(invoice);
  // Version 2: the commits drawn follow the discount (V33).
  const { subtotal, discount, ...rest } = totals;
  return {
    issued_at: formatInstant(invoice.issuedAt),
    currency: currency.code,
    lines: invoice.lines.map((line) => outputLine(line, currency)),
    ...(invoice.commits === undefined
      ? totals
      : { subtotal, discount, commits: formatAmount(invoice.commits, currency), ...rest }),
    ...(invoice.allowances === undefined ? {} : { allowances: invoice.allowances.map(outputAllowance) }),
  };
}

export function outputCommitBalance(balance: CommitBalanceReport, currency: Currency): OutputCommitBalance {
  const amount = (value: Decimal) => formatAmount(value, currency);
  return {
    id: balance.commitId,
    term_start: formatInstant(balance.termStart),
    term_end: formatInstant(balance.termEnd),
    granted: amount(balance.granted),
    rolled_over: amount(balance.rolledOver),
    ...(balance.type === "prepaid" ? { drawn: amount(balance.drawn) } : { true_up: amount(balance.trueUp) }),
    expired: amount(balance.expired),
  };
}

export function outputTotals(invoice: Invoice): OutputTotals {
  const totals = Object.entries(totalFields).map(([field, engineField]) => [
    field,
    formatAmount(invoice[engineField], invoice.currency),
  ]);
  return Object.fromEntries(totals) as OutputTotals;
}
