// A partner's settlement statement for one period, computed from plain facts:
// the attributed customers' finalized invoice lines (accrual basis) or the
// payments on their invoices (cash basis), the customers activated, the
// refunds, credit notes and chargebacks to claw back, and the adjustments
// carried from earlier statements. Every line names the document behind it.
//
// The rules, in order:
// - revenue share: each invoice line that an agreement rule matches (by
//   product, plan or charge; the first rule that matches) earns the rule's
//   percent of its amount (net of tax); with volume tiers, the percent of the
//   tier that the period's whole commissionable base reaches (all units).
//   Lines are summed per invoice (or payment) and percent, then rounded.
// - cash basis: a payment earns the share of its invoice's commission that
//   it paid (payment amount / invoice total).
// - activation fee: a fixed amount per customer activated in the period.
// - minimum guarantee: when shares and fees together earn less, a top-up to it.
// - clawbacks: a refund, credit note or chargeback of a commissioned invoice
//   takes back the commission in proportion (amount / invoice total), at the
//   rule's percent (the first tier's with tiers), in the period it happens.
// - adjustments: corrections of earlier statements, as they were decided.
import type { Currency } from "../currency.ts";
import { Decimal } from "../decimal.ts";
import { roundToMinorUnit } from "../money.ts";

export type ShareRule = {
  /** Which lines it covers; an empty match covers every line. */
  match: { product?: string; plan?: string; charge?: string };
  /** Percent of the line's amount, such as 20 for 20 %. */
  percent: Decimal;
};

export type VolumeTier = {
  /** The tier covers a period base up to this amount (inclusive); null for the last. */
  upTo: Decimal | null;
  percent: Decimal;
};

export type AgreementTerms = {
  basis: "accrual" | "cash";
  shares: readonly ShareRule[];
  volumeTiers: readonly VolumeTier[];
  activationFee: Decimal | null;
  minimumGuarantee: Decimal | null;
  clawback: { refunds: boolean; creditNotes: boolean; chargebacks: boolean };
};

export type CommissionableLine = {
  product: string | null;
  plan: string | null;
  charge: string | null;
  /** Net of tax. */
  amount: Decimal;
};

export type InvoiceFact = {
  invoiceId: string;
  invoiceNumber: string;
  customerId: string;
  /** What the customer is charged, tax included: the base of payments and reversals. */
  total: Decimal;
  lines: readonly CommissionableLine[];
};

export type PaymentFact = {
  paymentId: string;
  reference: string;
  amount: Decimal;
  invoice: InvoiceFact;
};

export type ReversalFact = {
  kind: "refund" | "credit_note" | "chargeback";
  id: string;
  reference: string;
  /** Taken back from the customer, tax included. */
  amount: Decimal;
  invoice: InvoiceFact;
};

export type AdjustmentFact = {
  /** The earlier statement corrected. */
  settlementId: string;
  reference: string;
  description: string;
  amount: Decimal;
};

export type SettlementFacts = {
  currency: Currency;
  /** Accrual basis: the attributed customers' finalized invoices dated in the period. */
  invoices: readonly InvoiceFact[];
  /** Cash basis: payments received in the period on the attributed customers' invoices. */
  payments: readonly PaymentFact[];
  /** Customers whose first invoice was finalized in the period, with that invoice. */
  activations: readonly { customerId: string; invoiceId: string; invoiceNumber: string }[];
  reversals: readonly ReversalFact[];
  adjustments: readonly AdjustmentFact[];
};

export type SettlementLineKind =
  | "revenue_share"
  | "activation_fee"
  | "minimum_guarantee"
  | "clawback"
  | "adjustment";

/** What a revenue share line covers of its invoice: the commissioned lines summed per item. */
export type CoveredItem = {
  product: string | null;
  plan: string | null;
  charge: string | null;
  /** Net of tax, as invoiced. */
  amount: Decimal;
};

export type SettlementLine = {
  kind: SettlementLineKind;
  /** The document behind the line. */
  source: {
    type: "invoice" | "payment" | "refund" | "credit_note" | "chargeback" | "settlement" | "agreement";
    id: string;
    reference: string;
  };
  invoiceId: string | null;
  customerId: string | null;
  description: string;
  /** What the percent applies to, when it does. */
  base: Decimal | null;
  percent: Decimal | null;
  amount: Decimal;
  /** A revenue share's commissioned invoice lines by item: what external sales are matched against. */
  items?: readonly CoveredItem[];
};

export type SettlementStatement = {
  lines: SettlementLine[];
  /** Shares and activation fees, before the guarantee. */
  earned: Decimal;
  total: Decimal;
};

const zero = new Decimal(0);
const hundred = new Decimal(100);

function ruleFor(rules: readonly ShareRule[], line: CommissionableLine): ShareRule | undefined {
  return rules.find(
    (rule) =>
      (rule.match.product === undefined || rule.match.product === line.product) &&
      (rule.match.plan === undefined || rule.match.plan === line.plan) &&
      (rule.match.charge === undefined || rule.match.charge === line.charge),
  );
}

/** The lines of an invoice that earn commission, summed per percent (the rule's). */
function commissionableBases(terms: AgreementTerms, invoice: InvoiceFact): Map<string, Decimal> {
  const bases = new Map<string, Decimal>();
  for (const line of invoice.lines) {
    const rule = ruleFor(terms.shares, line);
    if (rule === undefined) continue;
    const key = rule.percent.toFixed();
    bases.set(key, (bases.get(key) ?? zero).plus(line.amount));
  }
  return bases;
}

/** The invoice's lines that a rule matches (only those at `percent`, when given), summed per item. */
function coveredItems(terms: AgreementTerms, invoice: InvoiceFact, percent?: string): CoveredItem[] {
  const items = new Map<string, CoveredItem>();
  for (const line of invoice.lines) {
    const rule = ruleFor(terms.shares, line);
    if (rule === undefined || (percent !== undefined && rule.percent.toFixed() !== percent)) continue;
    const key = JSON.stringify([line.product, line.plan, line.charge]);
    const before = items.get(key);
    items.set(key, {
      product: line.product,
      plan: line.plan,
      charge: line.charge,
      amount: (before?.amount ?? zero).plus(line.amount),
    });
  }
  return [...items.values()];
}

/** The percent the volume tiers give a period base (all units); null without tiers. */
export function tierPercent(tiers: readonly VolumeTier[], base: Decimal): Decimal | null {
  if (tiers.length === 0) return null;
  for (const tier of tiers) if (tier.upTo === null || base.lessThanOrEqualTo(tier.upTo)) return tier.percent;
  return (tiers[tiers.length - 1] as VolumeTier).percent;
}

/** The commission an invoice earned at the rules' percents (the first tier's with tiers), unrounded. */
function commissionOf(terms: AgreementTerms, invoice: InvoiceFact): Decimal {
  const firstTier = terms.volumeTiers[0]?.percent;
  let commission = zero;
  for (const [percent, base] of commissionableBases(terms, invoice)) {
    commission = commission.plus(base.times(firstTier ?? new Decimal(percent)).dividedBy(hundred));
  }
  return commission;
}

const clawbackApplies = (terms: AgreementTerms, kind: ReversalFact["kind"]) =>
  kind === "refund"
    ? terms.clawback.refunds
    : kind === "credit_note"
      ? terms.clawback.creditNotes
      : terms.clawback.chargebacks;

const reversalWords = { refund: "Refund", credit_note: "Credit note", chargeback: "Chargeback" } as const;

export function computeSettlement(terms: AgreementTerms, facts: SettlementFacts): SettlementStatement {
  const round = (amount: Decimal) => roundToMinorUnit(amount, facts.currency);
  const lines: SettlementLine[] = [];

  if (terms.basis === "accrual") {
    const bases = facts.invoices.map((invoice) => ({ invoice, bases: commissionableBases(terms, invoice) }));
    const periodBase = bases.reduce(
      (sum, entry) => [...entry.bases.values()].reduce((total, base) => total.plus(base), sum),
      zero,
    );
    const tiered = tierPercent(terms.volumeTiers, periodBase);
    for (const { invoice, bases: invoiceBases } of bases) {
      for (const [rulePercent, base] of invoiceBases) {
        const percent = tiered ?? new Decimal(rulePercent);
        lines.push({
          kind: "revenue_share",
          source: { type: "invoice", id: invoice.invoiceId, reference: invoice.invoiceNumber },
          invoiceId: invoice.invoiceId,
          customerId: invoice.customerId,
          description: `${percent.toFixed()} % of ${invoice.invoiceNumber}`,
          base,
          percent,
          amount: round(base.times(percent).dividedBy(hundred)),
          items: coveredItems(terms, invoice, rulePercent),
        });
      }
    }
  } else {
    for (const payment of facts.payments) {
      const { invoice } = payment;
      if (invoice.total.isZero()) continue;
      const paidShare = payment.amount.dividedBy(invoice.total);
      const commission = commissionOf(terms, invoice).times(paidShare);
      if (commission.isZero()) continue;
      lines.push({
        kind: "revenue_share",
        source: { type: "payment", id: payment.paymentId, reference: payment.reference },
        invoiceId: invoice.invoiceId,
        customerId: invoice.customerId,
        description: `Commission on payment ${payment.reference} of ${invoice.invoiceNumber}`,
        base: payment.amount,
        percent: null,
        amount: round(commission),
        items: coveredItems(terms, invoice),
      });
    }
  }

  if (terms.activationFee !== null) {
    for (const activation of facts.activations) {
      lines.push({
        kind: "activation_fee",
        source: { type: "invoice", id: activation.invoiceId, reference: activation.invoiceNumber },
        invoiceId: activation.invoiceId,
        customerId: activation.customerId,
        description: `Activation of ${activation.customerId} (first invoice ${activation.invoiceNumber})`,
        base: null,
        percent: null,
        amount: round(terms.activationFee),
      });
    }
  }

  const earned = lines.reduce((sum, line) => sum.plus(line.amount), zero);
  if (terms.minimumGuarantee !== null && earned.lessThan(terms.minimumGuarantee)) {
    lines.push({
      kind: "minimum_guarantee",
      source: { type: "agreement", id: "minimum_guarantee", reference: "Minimum guarantee" },
      invoiceId: null,
      customerId: null,
      description: `Top-up to the minimum guarantee of ${terms.minimumGuarantee.toFixed(facts.currency.minorDigits)}`,
      base: null,
      percent: null,
      amount: round(terms.minimumGuarantee.minus(earned)),
    });
  }

  for (const reversal of facts.reversals) {
    const { invoice } = reversal;
    if (!clawbackApplies(terms, reversal.kind) || invoice.total.isZero()) continue;
    const commission = commissionOf(terms, invoice).times(reversal.amount).dividedBy(invoice.total);
    if (commission.isZero()) continue;
    lines.push({
      kind: "clawback",
      source: { type: reversal.kind, id: reversal.id, reference: reversal.reference },
      invoiceId: invoice.invoiceId,
      customerId: invoice.customerId,
      description: `${reversalWords[reversal.kind]} ${reversal.reference} of ${invoice.invoiceNumber}`,
      base: reversal.amount,
      percent: null,
      amount: round(commission).negated(),
    });
  }

  for (const adjustment of facts.adjustments) {
    lines.push({
      kind: "adjustment",
      source: { type: "settlement", id: adjustment.settlementId, reference: adjustment.reference },
      invoiceId: null,
      customerId: null,
      description: adjustment.description,
      base: null,
      percent: null,
      amount: round(adjustment.amount),
    });
  }

  return { lines, earned, total: lines.reduce((sum, line) => sum.plus(line.amount), zero) };
}
