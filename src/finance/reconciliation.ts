// The reconciliation of an accounting month: usage (events ingested,
// attributed, matched, billed, and why the rest was not), invoices against
// payments against receivables, and revenue leakage per 1,000 events. Clean
// when nothing is left unexplained, pending or different.
import { currencyFor, Decimal, formatAmount, formatQuantity, ZERO } from "../core/index.ts";
import { unmatchedExternalSales } from "../partners/index.ts";
import { loadPaymentFacts } from "../payments/index.ts";
import type { TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { type AccountingPeriod, parsePeriod } from "./accounting-periods.ts";
import { readAsOf } from "./closed-periods.ts";
import { readFinanceSettings } from "./finance-settings.ts";
import { loadBooks } from "./load-books.ts";
import { reconcileReceivables } from "./receivables-reconciliation.ts";
import type { ReconciliationView } from "./reconciliation-schemas.ts";
import {
  differenceCauses,
  type ReconciliationProgress,
  reconcileUsage,
  type UsageDifference,
  type UsageReconciliation,
} from "./usage-reconciliation.ts";

export type { ReconciliationProgress };

const iso = (instant: number) => new Date(instant).toISOString();

export async function reconcilePeriod(
  database: Database,
  scope: TenantScope,
  periodText: string,
  options: { now: Date; path: string; onProgress?: (progress: ReconciliationProgress) => void },
): Promise<ReconciliationView> {
  const { timeZone } = await readFinanceSettings(database, scope);
  return reconcile(database, scope, parsePeriod(periodText, timeZone, options.path), options);
}

export async function reconcile(
  database: Database,
  scope: TenantScope,
  period: AccountingPeriod,
  options: { now: Date; onProgress?: (progress: ReconciliationProgress) => void },
): Promise<ReconciliationView> {
  const payments = await loadPaymentFacts(database, scope);
  const books = await loadBooks(database, scope, payments);
  // A locked month reads as it stood at its lock (closed-periods.ts).
  const asOf = readAsOf(books.locks, period);
  const usage = await reconcileUsage(database, scope, period, { ...options, asOf });
  const receivables = reconcileReceivables(books, payments, period);
  const unmatchedSales = await unmatchedExternalSales(database, scope, period);
  return {
    period: period.key,
    timezone: period.timeZone,
    period_start: iso(period.start),
    period_end: iso(period.end),
    generated_at: options.now.toISOString(),
    locked_at: asOf === null ? null : iso(asOf),
    // Usage not yet billed is accrued at the month end (usage-accruals.ts): pending, not a difference to clear.
    clean:
      usage.differences.every((difference) => difference.cause === "not_yet_billed") &&
      receivables.differences.length === 0 &&
      unmatchedSales.length === 0,
    usage: {
      events_ingested: usage.ingested,
      events_voided: usage.voided,
      events_attributed: usage.attributed,
      events_matched: usage.matched,
      events_billed: usage.billed,
      events_by_category: usage.eventsByCategory,
      rows: usage.rows.map((row) => ({
        customer_external_id: row.customerExternalId,
        customer_id: row.customerId,
        meter: row.meter,
        event_name: row.eventName,
        events_ingested: row.ingested,
        events_attributed: row.attributed,
        events_matched: row.matched,
        events_billed: row.billed,
        events_unbilled: row.ingested - row.billed,
        billed_lines: row.billedLines.map((line) => ({
          invoice_id: line.invoiceId,
          invoice_number: line.invoiceNumber,
          invoice_line_id: line.id,
          status: line.status,
          period_start: iso(line.start),
          period_end: iso(line.end),
          quantity: formatQuantity(line.quantity),
          event_count: line.eventCount,
          amount: formatAmount(line.amount, currencyFor(line.currency)),
          currency: line.currency,
        })),
      })),
      differences: usage.differences.map(presentDifference),
    },
    receivables,
    external_sales: {
      unmatched: unmatchedSales.map((sale) => ({
        partner_id: sale.partner_id,
        partner_code: sale.partner_code,
        external_sale_id: sale.id,
        external_id: sale.external_id,
        occurred_at: sale.occurred_at,
        customer_reference: sale.customer_reference,
        customer_id: sale.customer_id,
        item: sale.item,
        amount: sale.amount,
        currency: sale.currency,
        reason: sale.reason?.code ?? "",
        description: sale.reason?.message ?? "",
        difference: sale.difference,
      })),
    },
    leakage: leakageOf(usage),
  };
}

function presentDifference(difference: UsageDifference) {
  const priced = difference.priced;
  return {
    cause: difference.cause,
    category: difference.category,
    description: differenceCauses[difference.cause].description,
    customer_external_id: difference.customerExternalId,
    customer_id: difference.customerId,
    meter: difference.meter,
    event_name: difference.eventName,
    subscription_id: difference.subscriptionId,
    invoice_id: difference.invoiceId,
    invoice_number: difference.invoiceNumber,
    invoice_line_id: difference.invoiceLineId,
    events: difference.events,
    first_event_at: iso(difference.firstAt),
    last_event_at: iso(difference.lastAt),
    example_event_ids: difference.exampleEventIds,
    quantity: priced === null ? null : formatQuantity(priced.quantity),
    amount:
      priced?.amount == null || priced.currency === null
        ? null
        : formatAmount(priced.amount, currencyFor(priced.currency)),
    currency: priced?.currency ?? null,
    price_basis: priced?.basis ?? (difference.meter === null ? "no meter counts the event" : "not priced"),
  };
}

const perThousand = (count: Decimal, events: number) =>
  events === 0 ? ZERO : count.times(1000).dividedBy(events);

function leakageOf(usage: UsageReconciliation): ReconciliationView["leakage"] {
  const amounts = new Map<string, Decimal>();
  let unpriced = 0;
  for (const difference of usage.differences) {
    if (difference.category !== "leakage") continue;
    const priced = difference.priced;
    if (priced?.amount == null || priced.currency === null) {
      unpriced += difference.events;
      continue;
    }
    amounts.set(priced.currency, (amounts.get(priced.currency) ?? ZERO).plus(priced.amount));
  }
  const sorted = [...amounts].sort(([left], [right]) => left.localeCompare(right));
  return {
    events: usage.eventsByCategory.leakage,
    per_thousand_events: perThousand(new Decimal(usage.eventsByCategory.leakage), usage.ingested).toFixed(2),
    amounts: sorted.map(([code, amount]) => ({
      currency: code,
      amount: formatAmount(amount, currencyFor(code)),
    })),
    amounts_per_thousand_events: sorted.map(([code, amount]) => ({
      currency: code,
      amount: formatAmount(perThousand(amount, usage.ingested), currencyFor(code)),
    })),
    unpriced_events: unpriced,
  };
}
