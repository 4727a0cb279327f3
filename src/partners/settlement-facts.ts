// What a partner's statement for a month is computed from, read through the
// other domains' front doors: the attributed customers' finalized invoices
// (with each line's plan, charge and product), the payments on them, their
// refunds, credit notes and chargebacks, and each customer's first invoice
// (its activation). Only documents in the partner's currency, dated on or
// after the customer's attribution, count; an invoice counts in the month of
// its date (accrual basis), whenever the bill run finalized it.
import { planVersionsByIds } from "../catalog/index.ts";
import {
  type Currency,
  currencyFor,
  Decimal,
  type SettlementFacts,
  type SettlementInvoiceFact,
} from "../core/index.ts";
import { creditNotesForBooks, invoicesForBooks } from "../invoicing/index.ts";
import { loadPaymentFacts } from "../payments/index.ts";
import type { TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import type { AttributionRow } from "./partners.ts";

export type SettlementPeriod = { key: string; start: number; end: number };

/** Every fact of the environment a partner's statements may draw on, read once. */
export type PartnerLedger = {
  currency: Currency;
  /** The qualifying invoices, by id, with their dates. */
  invoices: Map<string, { fact: SettlementInvoiceFact; issuedAt: number }>;
  facts(period: SettlementPeriod): Omit<SettlementFacts, "adjustments">;
};

const inPeriod = (at: number, period: SettlementPeriod) => at >= period.start && at < period.end;

export async function loadPartnerLedger(
  database: Database,
  scope: TenantScope,
  partnerCurrency: string,
  attributions: readonly AttributionRow[],
): Promise<PartnerLedger> {
  const attributedFrom = new Map(attributions.map((row) => [row.customer_id, row.attributed_from.getTime()]));
  const { invoices: invoiceRows, lines: lineRows } = await invoicesForBooks(database, scope);
  const qualifying = invoiceRows.filter((row) => {
    const from = attributedFrom.get(row.customer_id);
    return (
      from !== undefined &&
      row.status !== "void" &&
      row.currency === partnerCurrency &&
      row.issued_at.getTime() >= from &&
      row.finalized_at !== null
    );
  });
  const qualifyingIds = new Set(qualifying.map((row) => row.id));
  const versions = await planVersionsByIds(
    database,
    scope,
    lineRows.flatMap((line) =>
      line.plan_version_id !== null && qualifyingIds.has(line.invoice_id) ? [line.plan_version_id] : [],
    ),
  );
  const productOf = (versionId: string | null, chargeId: string | null) =>
    versionId === null
      ? null
      : (versions.get(versionId)?.content.charges.find((charge) => charge.id === chargeId)?.product ?? null);
  const linesOf = new Map<string, SettlementInvoiceFact["lines"][number][]>();
  for (const line of lineRows) {
    if (!qualifyingIds.has(line.invoice_id)) continue;
    const lines = linesOf.get(line.invoice_id) ?? [];
    lines.push({
      product: productOf(line.plan_version_id, line.charge_id),
      plan: line.plan_version_id === null ? null : (versions.get(line.plan_version_id)?.planCode ?? null),
      charge: line.charge_id,
      amount: new Decimal(line.amount),
    });
    linesOf.set(line.invoice_id, lines);
  }
  const invoices = new Map(
    qualifying.map((row) => [
      row.id,
      {
        fact: {
          invoiceId: row.id,
          invoiceNumber: row.number ?? row.id,
          customerId: row.customer_id,
          total: new Decimal(row.total),
          lines: linesOf.get(row.id) ?? [],
        },
        issuedAt: row.issued_at.getTime(),
      },
    ]),
  );
  // A customer's activation: its first finalized invoice that is not void, whatever the partner.
  const firstInvoice = new Map<string, (typeof invoiceRows)[number]>();
  for (const row of invoiceRows) {
    if (row.status === "void" || row.finalized_at === null || !attributedFrom.has(row.customer_id)) continue;
    const first = firstInvoice.get(row.customer_id);
    if (first === undefined || row.issued_at < first.issued_at) {
      firstInvoice.set(row.customer_id, row);
    }
  }
  const payments = await loadPaymentFacts(database, scope);
  const { creditNotes } = await creditNotesForBooks(database, scope);
  const invoiceOf = (id: string) => invoices.get(id)?.fact;

  return {
    currency: currencyFor(partnerCurrency),
    invoices,
    facts(period) {
      return {
        currency: currencyFor(partnerCurrency),
        invoices: [...invoices.values()]
          .filter((entry) => inPeriod(entry.issuedAt, period))
          .map((entry) => entry.fact),
        payments: payments.payments.flatMap((payment) => {
          const invoice = invoiceOf(payment.invoiceId);
          return payment.status === "succeeded" && invoice !== undefined && inPeriod(payment.at, period)
            ? [{ paymentId: payment.id, reference: payment.reference, amount: payment.applied, invoice }]
            : [];
        }),
        activations: [...firstInvoice.values()].flatMap((row) =>
          qualifyingIds.has(row.id) && inPeriod(row.issued_at.getTime(), period)
            ? [{ customerId: row.customer_id, invoiceId: row.id, invoiceNumber: row.number ?? row.id }]
            : [],
        ),
        reversals: [
          ...payments.refunds.flatMap((refund) => {
            const invoice = invoiceOf(refund.invoiceId);
            return invoice !== undefined && inPeriod(refund.at, period) && refund.fromInvoice.greaterThan(0)
              ? [
                  {
                    kind: "refund" as const,
                    id: refund.id,
                    reference: refund.id,
                    amount: refund.fromInvoice,
                    invoice,
                  },
                ]
              : [];
          }),
          ...creditNotes.flatMap((note) => {
            const invoice = invoiceOf(note.invoice_id);
            return invoice !== undefined && inPeriod(note.issued_at.getTime(), period)
              ? [
                  {
                    kind: "credit_note" as const,
                    id: note.id,
                    reference: note.number,
                    amount: new Decimal(note.total),
                    invoice,
                  },
                ]
              : [];
          }),
          ...payments.chargebacks.flatMap((chargeback) => {
            const invoice = invoiceOf(chargeback.invoiceId);
            return invoice !== undefined && inPeriod(chargeback.openedAt, period)
              ? [
                  {
                    kind: "chargeback" as const,
                    id: chargeback.id,
                    reference: chargeback.id,
                    amount: chargeback.amount,
                    invoice,
                  },
                ]
              : [];
          }),
        ],
      };
    },
  };
}
