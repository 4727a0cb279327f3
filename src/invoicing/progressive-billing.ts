// Progressive billing: a subscription with a threshold is invoiced during its
// period as soon as its usage charges so far, less what earlier progressive
// invoices of the period took, reach the threshold. Each progressive invoice
// bills the growth of each usage charge since the last one; the invoice at the
// period's end bills the whole period as usual and gives back what the
// progressive invoices took with one `progressive_billing_credit` line, so the
// period's charges add up to the same amount either way. Coupons discount
// each progressive invoice by their share of the period's charges billed so
// far, less what earlier ones took, and the period's invoice by their share of
// the whole period less what all of them took (billing rule 28), so the
// period's discount does not depend on the threshold either. The amounts are
// the engine's (settleProgressiveInvoice, progressiveBillingCredit); this
// module loads what was billed and discounted, and writes the invoices.
import { sql } from "kysely";
import {
  currencyFor,
  Decimal,
  formatAmount,
  type InvoiceLine,
  type ProgressivelyBilled,
  type ProgressivelyDiscounted,
  progressiveBillingCredit,
  progressiveInvoiceLines,
  progressivelyBilledByCharge,
  progressivelyDiscountedByCoupon,
  settleProgressiveInvoice,
  ZERO,
} from "../core/index.ts";
import { recordCouponUse } from "../coupons/index.ts";
import { lockCustomer } from "../customers/index.ts";
import type { RequestContext } from "../platform/context.ts";
import type { Database, DatabaseTransaction } from "../platform/database/schema.ts";
import { inTenant } from "../platform/database/tenant-scope.ts";
import { customersBilledProgressively } from "../subscriptions/index.ts";
import { childrenBilled, loadCustomerAccount, taxDetailsOf } from "./customer-account.ts";
import {
  type CustomerBilling,
  loadCustomerBilling,
  nextInstantOf,
  type SubscriptionBilling,
  subscriptionLinesAt,
} from "./customer-billing.ts";
import { finalizeDraftInvoice } from "./draft-finalization.ts";
import { totalsColumns, writeDraft } from "./invoice-store.ts";
import { readInvoicingSettings } from "./invoicing-settings.ts";
import { isPausedAt } from "./issue-instants.ts";
import { settingsForCustomer } from "./seller-entities.ts";
import { type StoredLine, storedLine } from "./stored-lines.ts";

/** What progressive invoices (not voided) already billed of a subscription's usage period, per charge. */
async function progressivelyBilled(
  database: Database,
  context: RequestContext,
  subscriptionId: string,
  periodStart: Date,
): Promise<ProgressivelyBilled> {
  const rows = await database
    .selectFrom("invoice_lines")
    .innerJoin("invoices", "invoices.id", "invoice_lines.invoice_id")
    .select(["invoice_lines.charge_id", "invoice_lines.amount"])
    .where(inTenant(context, "invoices"))
    .where("invoices.origin", "=", "progressive")
    .where("invoices.status", "!=", "void")
    .where("invoice_lines.subscription_id", "=", subscriptionId)
    .where("invoice_lines.period_start", "=", periodStart)
    .execute();
  return progressivelyBilledByCharge(
    rows.map((row) => ({ charge: row.charge_id ?? "", amount: new Decimal(row.amount) })),
  );
}

/** What progressive invoices (not voided) of a subscription's usage period took off, per coupon redemption. */
async function progressivelyDiscounted(
  database: Database,
  context: RequestContext,
  subscriptionId: string,
  periodStart: Date,
): Promise<ProgressivelyDiscounted> {
  const rows = await database
    .selectFrom("invoices")
    .select("discounts")
    .where(inTenant(context))
    .where("origin", "=", "progressive")
    .where("status", "!=", "void")
    .where(sql<boolean>`${subscriptionId} = any(subscription_ids)`)
    .where("period_start", "=", periodStart)
    .execute();
  return progressivelyDiscountedByCoupon(
    rows.flatMap((row) =>
      row.discounts.map((entry) => ({ couponId: entry.redemption_id, amount: new Decimal(entry.amount) })),
    ),
  );
}

/**
 * The line of a period-end invoice that gives back what progressive invoices
 * already billed of the period, or undefined when there were none. Returned as
 * the stored line and as an engine line for the totals, with what those
 * invoices took of each coupon (billing rule 28).
 */
export async function progressiveCreditFor(
  database: Database,
  context: RequestContext,
  subscriptionId: string,
  usageLines: readonly InvoiceLine[],
  currencyCode: string,
): Promise<{ stored: StoredLine; engine: InvoiceLine; discounted: ProgressivelyDiscounted } | undefined> {
  const first = usageLines.find((line) => line.kind === "usage");
  if (first === undefined) return undefined;
  const periodStart = new Date(first.periodStart);
  const billed = await progressivelyBilled(database, context, subscriptionId, periodStart);
  const credit = progressiveBillingCredit({ usageLines, billed });
  if (credit === undefined) return undefined;
  const currency = currencyFor(currencyCode);
  return {
    stored: {
      subscription_id: subscriptionId,
      plan_id: null,
      plan_version_id: null,
      charge_id: null,
      kind: "progressive_billing_credit",
      description: "Usage already billed progressively this period",
      period_start: new Date(credit.periodStart),
      period_end: new Date(credit.periodEnd),
      quantity: "1",
      unit_amount: null,
      amount: formatAmount(credit.amount, currency),
      details: { progressive_invoices_total: formatAmount(credit.amount.negated(), currency) },
    },
    engine: credit,
    discounted: await progressivelyDiscounted(database, context, subscriptionId, periodStart),
  };
}

async function billSubscriptionProgressively(
  transaction: DatabaseTransaction,
  context: RequestContext,
  billing: CustomerBilling,
  entry: SubscriptionBilling,
  at: number,
): Promise<boolean> {
  const threshold = entry.subscription.progressiveBillingThreshold;
  if (threshold === null || isPausedAt(entry.subscription.pauses, at)) return false;
  const instant = nextInstantOf(billing, entry, at);
  if (instant === null) return false;
  const usage = (await subscriptionLinesAt(transaction, context, billing, entry, instant))
    .filter((line) => line.kind === "usage" && line.periodStart <= at)
    // The subscription it bills, for a coupon redeemed for one.
    .map((line) => ({ ...line, subscriptionId: entry.subscription.id }));
  const first = usage[0];
  if (first === undefined) return false;
  const periodStart = new Date(first.periodStart);
  const billed = await progressivelyBilled(transaction, context, entry.subscription.id, periodStart);
  // Below the threshold, nothing more is read.
  if (progressiveInvoiceLines({ usageLines: usage, billed, threshold }) === undefined) return false;

  const { customer } = billing;
  const currencyCode = entry.subscription.currency;
  const currency = currencyFor(currencyCode);
  const settings = await settingsForCustomer(
    transaction,
    context,
    await readInvoicingSettings(transaction, context),
    customer.id,
    new Date(first.periodStart),
  );
  const account = await loadCustomerAccount(transaction, context, {
    customer,
    currency: currencyCode,
    at,
    settings,
    versions: billing.versions,
    subscriptionIds: [entry.subscription.id],
    children: childrenBilled([entry]),
  });
  // Credits and the customer balance wait for the period-end invoice; coupons take their share so far.
  const settled = settleProgressiveInvoice({
    issuedAt: at,
    usageLines: usage,
    billed,
    discounted: await progressivelyDiscounted(transaction, context, entry.subscription.id, periodStart),
    threshold,
    terms: account.terms,
    couponInvoiceCounts: account.state.couponInvoiceCounts,
  });
  if (settled === undefined) return false;
  const { progressive } = settled;
  const engineLines = progressive.lines.map(({ line }) => line);
  const lines = engineLines.map((line) => ({
    ...storedLine(line, currency, {
      subscriptionId: entry.subscription.id,
      version: billing.versions.get(line.details.planCode),
    }),
    period_end: new Date(at),
  }));
  for (const [index, line] of lines.entries()) {
    line.details = {
      ...line.details,
      progressive: { billed_before: formatAmount(progressive.lines[index]?.billedBefore ?? ZERO, currency) },
    };
    // The period stays the usage period's start, which the period-end invoice matches on.
    line.period_start = new Date(first.periodStart);
  }
  const previousCount = await transaction
    .selectFrom("invoices")
    .select((select) => select.fn.countAll<string>().as("count"))
    .where(inTenant(context))
    .where("origin", "=", "progressive")
    .where(sql<boolean>`${entry.subscription.id} = any(subscription_ids)`)
    .where("period_start", "=", new Date(first.periodStart))
    .executeTakeFirstOrThrow();
  const totals = totalsColumns(settled.invoice);
  const invoiceId = await writeDraft(transaction, context, {
    customerId: customer.id,
    origin: "progressive",
    billingKey: `${customer.id}|progressive|${entry.subscription.id}|${new Date(first.periodStart).toISOString()}|${Number(previousCount.count) + 1}`,
    currency: currencyCode,
    issuedAt: new Date(at),
    periodStart: new Date(first.periodStart),
    periodEnd: new Date(at),
    totals,
    taxDetails: taxDetailsOf(account),
    subscriptionIds: [entry.subscription.id],
    locale: customer.locale,
    timezone: customer.timezone,
    memo: null,
    lines,
  });
  await finalizeDraftInvoice(transaction, context, {
    id: invoiceId,
    customer,
    settings,
    issuedAt: new Date(at),
    amountDue: totals.amount_due,
    auditDetails: { threshold: threshold.toFixed() },
  });
  // The discounts, not a count: only the period's own invoice counts towards a coupon's invoices.
  await recordCouponUse(transaction, context, {
    invoiceId,
    counts: new Map(),
    discounts: settled.invoice.discounts,
  });
  return true;
}

/** Issues the progressive invoices of one customer whose usage so far has crossed its threshold. */
export async function billCustomerProgressively(
  context: RequestContext,
  customerId: string,
  at: Date,
): Promise<number> {
  return context.database.transaction().execute(async (transaction) => {
    await lockCustomer(transaction, context, customerId);
    const billing = await loadCustomerBilling(transaction, context, customerId, at.getTime());
    let issued = 0;
    for (const entry of billing.subscriptions) {
      if (await billSubscriptionProgressively(transaction, context, billing, entry, at.getTime()))
        issued += 1;
    }
    return issued;
  });
}

/** Every customer of the environment that bills progressively, checked at `at`; the number of invoices issued. */
export async function billProgressivelyDue(context: RequestContext, at: Date): Promise<number> {
  let issued = 0;
  let after: string | undefined;
  for (;;) {
    const customers = await customersBilledProgressively(context.database, context, at, 500, after);
    for (const customerId of customers) issued += await billCustomerProgressively(context, customerId, at);
    if (customers.length < 500) return issued;
    after = customers.at(-1);
  }
}
