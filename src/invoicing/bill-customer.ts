// The bill run's unit of work: bring one customer's invoices up to date at an
// instant. Each invoice is settled in its own transaction that also moves the
// subscriptions' billed-through marks, burns the credits, counts the coupons
// and takes the number, so a run killed at any point and started again
// issues each invoice exactly once and numbers them without gaps.

import { lockContractLedgers, recordContractSettlement } from "../contracts/index.ts";
import {
  type AllowanceSummary,
  type CommitLedger,
  type ContractBilling,
  type Currency,
  type Decimal,
  type EarlierProgressiveDiscounts,
  formatAmount,
  type Instant,
  type InvoiceLine,
  progressivelyDiscountedByCoupon,
  type SharedSpend,
  type settleInvoice,
  ZERO,
} from "../core/index.ts";
import { recordCouponUse } from "../coupons/index.ts";
import { burnCredits, recordBalanceMovement } from "../credits/index.ts";
import { lockCustomer } from "../customers/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import type { Database, DatabaseTransaction } from "../platform/database/schema.ts";
import { markSubscriptionBilled } from "../subscriptions/index.ts";
import { trueUpsOf } from "./contract-billing.ts";
import { settleSubscriptionLines, taxDetailsOf } from "./customer-account.ts";
import {
  type CustomerBilling,
  dueInstantsOf,
  loadCustomerBilling,
  nextLookOf,
  type SubscriptionBilling,
  subscriptionBillAt,
} from "./customer-billing.ts";
import { finalizeDraftInvoice, gracePeriodOf } from "./draft-finalization.ts";
import { draftIsHeld } from "./draft-holds.ts";
import { announceDraftInvoice } from "./invoice-announcements.ts";
import { findInvoiceByBillingKey, totalsColumns, writeDraft } from "./invoice-store.ts";
import { readInvoicingSettings } from "./invoicing-settings.ts";
import { isPausedAt, nextInvoiceGroup } from "./issue-instants.ts";
import { progressiveCreditFor } from "./progressive-billing.ts";
import { settingsForCustomer } from "./seller-entities.ts";
import { type StoredLine, storedLine } from "./stored-lines.ts";

/** The contract an invoice settles: its terms as of the invoice, and the balances the last one left. */
export type InvoiceContract = { id: string; billing: ContractBilling; ledger: CommitLedger | undefined };

/** A subscription with something to bill at `instant`, its first unbilled issue instant. */
type DueSubscription = { entry: SubscriptionBilling; instant: Instant };

type Step = { issued: number; finalized: number; more: boolean };

export type BillingOptions = {
  /** Finalize invoices still in their grace period (billing ops closing a draft early). */
  endGracePeriods?: boolean;
  /** Discard this held draft: its period is marked billed without an invoice. */
  discardDraftId?: string;
  /** Stop once this many invoices are issued (a bill run's slice of a long catch-up); the rest stays due. */
  invoiceLimit?: number;
};

/**
 * Issues every invoice of the customer due at or before `at`, in time order,
 * exactly once each (or the first `invoiceLimit` of them, `more` saying some are left). An invoice whose grace period has not ended at `at` stays
 * a draft and holds back the customer's later invoices; the first run after
 * its grace period ends recomputes it (so late usage lands on it) and
 * finalizes it.
 */
export async function billCustomerDue(
  context: RequestContext,
  customerId: string,
  at: Date,
  options: BillingOptions = {},
): Promise<{ issued: number; finalized: number; more: boolean }> {
  let issued = 0;
  let finalized = 0;
  for (;;) {
    const step = await context.database
      .transaction()
      .execute((transaction) => billNextInvoice(transaction, context, customerId, at.getTime(), options));
    issued += step.issued;
    finalized += step.finalized;
    if (!step.more) return { issued, finalized, more: false };
    if (options.invoiceLimit !== undefined && issued >= options.invoiceLimit)
      return { issued, finalized, more: true };
  }
}

/**
 * The subscriptions whose first unbilled instant is due, each with it. A
 * subscription looked at but with nothing due (its next instant was a lower
 * bound) gets its real next instant stored.
 */
async function dueSubscriptions(
  transaction: Database,
  context: RequestContext,
  billing: CustomerBilling,
  until: Instant,
): Promise<DueSubscription[]> {
  const due: DueSubscription[] = [];
  for (const entry of billing.subscriptions) {
    const { nextBillingAt, billedThrough, id } = entry.subscription;
    if (nextBillingAt === null || nextBillingAt > until) continue;
    const [first] = await dueInstantsOf(transaction, context, billing, entry, until);
    if (first === undefined) {
      await markSubscriptionBilled(
        transaction,
        context,
        id,
        // Nothing billed yet: just before the start keeps every instant from the start on due.
        billedThrough ?? entry.subscription.timeline.start - 1,
        nextLookOf(billing, entry, until),
      );
      continue;
    }
    due.push({ entry, instant: first });
  }
  return due;
}

/** The service period an invoice covers: from its earliest line start to its latest line end. */
export function periodOf(lines: readonly StoredLine[]): { start: Date | null; end: Date | null } {
  let start: Date | null = null;
  let end: Date | null = null;
  for (const line of lines) {
    if (line.period_start !== null && (start === null || line.period_start < start))
      start = line.period_start;
    if (line.period_end !== null && (end === null || line.period_end > end)) end = line.period_end;
  }
  return { start, end };
}

/** Records what a finalized invoice used up: credits burned, coupon counts, customer balance. */
export async function recordAccountEffects(
  transaction: Database,
  context: RequestContext,
  input: {
    customerId: string;
    invoiceId: string;
    currency: string;
    settled: ReturnType<typeof settleInvoice>;
  },
): Promise<void> {
  const { invoice, state } = input.settled;
  if (invoice.creditsApplied.length > 0) {
    await burnCredits(transaction, context, {
      customerId: input.customerId,
      invoiceId: input.invoiceId,
      currency: input.currency,
      applied: invoice.creditsApplied,
    });
  }
  await recordCouponUse(transaction, context, {
    invoiceId: input.invoiceId,
    counts: state.couponInvoiceCounts,
    discounts: invoice.discounts,
  });
  const moveBalance = (amount: Decimal, reason: string) =>
    recordBalanceMovement(transaction, context, {
      customerId: input.customerId,
      currency: input.currency,
      amount,
      invoiceId: input.invoiceId,
      reason,
    });
  if (invoice.balanceApplied.greaterThan(ZERO)) {
    await moveBalance(invoice.balanceApplied.negated(), "applied to invoice");
  }
  if (invoice.total.lessThan(ZERO)) await moveBalance(invoice.total.negated(), "negative invoice total");
}

async function billNextInvoice(
  transaction: DatabaseTransaction,
  context: RequestContext,
  customerId: string,
  until: Instant,
  options: BillingOptions,
): Promise<Step> {
  await lockCustomer(transaction, context, customerId);
  const billing = await loadCustomerBilling(transaction, context, customerId, until);
  const due = await dueSubscriptions(transaction, context, billing, until);
  if (due.length === 0) return { issued: 0, finalized: 0, more: false };

  const { customer } = billing;
  const group = nextInvoiceGroup(due, customer.timezone);
  const currency = group[0]!.entry.subscription.currency;
  const issuedAt = Math.max(...group.map((member) => member.instant));
  const billingKey = `${customerId}|${currency}|${new Date(issuedAt).toISOString()}`;
  const settings = await readInvoicingSettings(transaction, context);
  const existing = await findInvoiceByBillingKey(transaction, context.environmentId, billingKey);
  /**
   * Moves the group's billed-through marks past this invoice. Returns whether
   * anything of the customer is still due by `until` (another subscription, or
   * a later instant of one of these), so that a caught-up customer costs no
   * second transaction.
   */
  const markBilled = async (): Promise<boolean> => {
    let stillDue = due.length > group.length;
    for (const member of group) {
      const next = nextLookOf(billing, member.entry, member.instant);
      await markSubscriptionBilled(transaction, context, member.entry.subscription.id, member.instant, next);
      if (next !== null && next <= until) stillDue = true;
    }
    return stillDue;
  };
  if (existing !== undefined && existing.status !== "draft") {
    // Already finalized by an earlier run whose marks were lost: only the marks are missing.
    return { issued: 0, finalized: 0, more: await markBilled() };
  }
  if (existing !== undefined && existing.id === options.discardDraftId) {
    await transaction.deleteFrom("invoices").where("id", "=", existing.id).execute();
    return { issued: 0, finalized: 0, more: await markBilled() };
  }

  const grouped = await linesOfGroup(transaction, context, billing, group);
  const { engineLines, allowances } = grouped;
  if (engineLines.length === 0) {
    if (existing !== undefined)
      await transaction.deleteFrom("invoices").where("id", "=", existing.id).execute();
    return { issued: 0, finalized: 0, more: await markBilled() };
  }

  // The contract's balances as its last finalized invoice left them, locked while this one draws.
  const contract = await withLockedLedger(transaction, context, grouped.contract);
  // Tax as the seller of the invoice's period sees it: its billing entity's country and registrations.
  const sellerSettings = await settingsForCustomer(
    transaction,
    context,
    settings,
    customerId,
    new Date(Math.min(...engineLines.map(({ line }) => line.periodStart))),
  );
  const { account, settled } = await settleSubscriptionLines(transaction, context, {
    billing,
    currency,
    issuedAt,
    settings: sellerSettings,
    subscriptions: group.map((member) => member.entry),
    lines: engineLines.map(({ line }) => line),
    ...(allowances.length === 0 ? {} : { allowances }),
    contract,
    progressive: grouped.progressive,
  });
  const lines = engineLines.map(({ stored }) => stored(settled.invoice.currency));
  const period = periodOf(lines);
  const totals = totalsColumns(settled.invoice);
  const invoiceId = await writeDraft(transaction, context, {
    ...(existing === undefined ? {} : { id: existing.id }),
    customerId,
    origin: "subscription",
    billingKey,
    currency,
    issuedAt: new Date(issuedAt),
    periodStart: period.start,
    periodEnd: period.end,
    totals,
    taxDetails: taxDetailsOf(account),
    subscriptionIds: group.map((member) => member.entry.subscription.id),
    locale: customer.locale,
    timezone: customer.timezone,
    memo: customer.invoice_settings.footer ?? null,
    lines,
  });

  const graceEnds =
    options.endGracePeriods === true ? issuedAt : issuedAt + gracePeriodOf(customer, settings);
  const held = await draftIsHeld(
    transaction,
    context,
    {
      id: invoiceId,
      customerId,
      currency,
      issuedAt: new Date(issuedAt),
      total: totals.total,
      finalizing: until >= graceEnds,
    },
    settings,
  );
  if (until < graceEnds || held) {
    // Still in its grace period, or held: a draft that the first run after its grace period ends recomputes,
    // and every run after it while it is held; later invoices wait for it.
    for (const member of group) {
      await markSubscriptionBilled(
        transaction,
        context,
        member.entry.subscription.id,
        // Unchanged: the draft's own instant stays due (just before it when nothing was billed yet).
        member.entry.subscription.billedThrough ?? member.instant - 1,
        graceEnds,
      );
    }
    if (existing === undefined) {
      const draft = await findInvoiceByBillingKey(transaction, context.environmentId, billingKey);
      if (draft !== undefined) await announceDraftInvoice(transaction, context, draft);
    }
    return { issued: existing === undefined ? 1 : 0, finalized: 0, more: false };
  }

  await finalizeDraftInvoice(transaction, context, {
    id: invoiceId,
    customer,
    settings,
    issuedAt: new Date(issuedAt),
    amountDue: totals.amount_due,
  });
  await recordAccountEffects(transaction, context, { customerId, invoiceId, currency, settled });
  if (contract !== undefined) {
    const { invoice } = settled;
    await recordContractSettlement(transaction, context, {
      contractId: contract.id,
      ledger: settled.state.commitLedger,
      trueUps: trueUpsOf(invoice.lines, (line) => formatAmount(line.amount, invoice.currency)),
      at: context.clock.now(),
    });
  }
  const more = await markBilled();
  return { issued: existing === undefined ? 1 : 0, finalized: 1, more };
}

/**
 * What the other subscriptions of a shared contract bill on this very
 * invoice (commit lines aside), by contract id, when the subscription the
 * contract was made around is billed on it too: its postpaid true-up counts
 * them (their earlier invoices are read by customer-billing's sharedSpendOf).
 */
async function sameInvoiceSpend(
  transaction: Database,
  context: RequestContext,
  billing: CustomerBilling,
  group: readonly DueSubscription[],
  readUsage?: Parameters<typeof subscriptionBillAt>[5],
): Promise<Map<string, SharedSpend[]>> {
  const primaries = new Set(
    group.flatMap((member) =>
      member.entry.contract?.stored.primary === true ? [member.entry.contract.id] : [],
    ),
  );
  const spend = new Map<string, SharedSpend[]>();
  for (const member of group) {
    const shared = member.entry.contract;
    if (shared === undefined || shared.stored.primary || !primaries.has(shared.id)) continue;
    if (isPausedAt(member.entry.subscription.pauses, member.instant)) continue;
    const bill = await subscriptionBillAt(
      transaction,
      context,
      billing,
      member.entry,
      member.instant,
      readUsage,
    );
    const lines = bill.lines
      .filter((line) => line.kind !== "commit" && line.kind !== "commit_true_up")
      .map((line) => ({ periodStart: line.periodStart, issuedAt: member.instant, amount: line.amount }));
    spend.set(shared.id, [...(spend.get(shared.id) ?? []), ...lines]);
  }
  return spend;
}

/** The entry with the spend of its contract's other subscriptions on the same invoice counted in its true-up. */
function withSameInvoiceSpend(
  entry: SubscriptionBilling,
  spend: ReadonlyMap<string, SharedSpend[]>,
): SubscriptionBilling {
  const shared = entry.contract;
  const extra = shared === undefined ? undefined : spend.get(shared.id);
  if (shared === undefined || extra === undefined || !shared.stored.primary) return entry;
  const contract = { ...shared.contract, sharedSpend: [...(shared.contract.sharedSpend ?? []), ...extra] };
  return { ...entry, contract: { ...shared, contract } };
}

/**
 * The contract an invoice draws on, with its balances read again under a lock
 * of its row: another subscription of the contract, billed since the
 * customer's billing was read (or by another chunk), may have drawn on it.
 */
async function withLockedLedger(
  transaction: DatabaseTransaction,
  scope: TenantScope,
  contract: InvoiceContract | undefined,
): Promise<InvoiceContract | undefined> {
  if (contract === undefined) return undefined;
  const ledgers = await lockContractLedgers(transaction, scope, [contract.id]);
  return { ...contract, ledger: ledgers.get(contract.id) };
}

/** A line for the engine's totals, with the row it is stored as. */
export type EngineLine = { line: InvoiceLine; stored: (currency: Currency) => StoredLine };

/**
 * What a group of a customer's subscriptions bills at their instants on one
 * invoice: each one's lines (a paused one bills nothing), its allowances, the
 * contract the engine settles (the first subscription of the group that has
 * one) and a progressive-billing credit for what was invoiced early, with
 * what those early invoices took of the coupons (billing rule 28). The bill
 * run's, and the upcoming invoice's (read outside a transaction).
 */
export async function linesOfGroup(
  transaction: Database,
  context: RequestContext,
  billing: CustomerBilling,
  group: readonly DueSubscription[],
  readUsage?: Parameters<typeof subscriptionBillAt>[5],
): Promise<{
  engineLines: EngineLine[];
  allowances: AllowanceSummary[];
  contract: InvoiceContract | undefined;
  progressive: EarlierProgressiveDiscounts | undefined;
}> {
  const engineLines: EngineLine[] = [];
  const allowances: AllowanceSummary[] = [];
  let contract: InvoiceContract | undefined;
  const discountedEarly: { couponId: string; amount: Decimal }[] = [];
  const sameInvoice = await sameInvoiceSpend(transaction, context, billing, group, readUsage);
  for (const member of group) {
    const { subscription } = member.entry;
    if (isPausedAt(subscription.pauses, member.instant)) continue;
    const bill = await subscriptionBillAt(
      transaction,
      context,
      billing,
      withSameInvoiceSpend(member.entry, sameInvoice),
      member.instant,
      readUsage,
    );
    allowances.push(...(bill.allowances ?? []));
    if (contract === undefined && bill.contract !== undefined && member.entry.contract !== undefined) {
      const { id, ledger } = member.entry.contract;
      contract = { id, billing: bill.contract, ledger };
    }
    const { billedFor, pool } = member.entry;
    for (const line of bill.lines) {
      engineLines.push({
        // The subscription it bills, for a coupon redeemed for one.
        line: { ...line, subscriptionId: subscription.id },
        stored: (lineCurrency) =>
          storedLine(line, lineCurrency, {
            subscriptionId: subscription.id,
            version: billing.versions.get(line.details.planCode),
            ...(billedFor === undefined ? {} : { billedFor }),
            ...(pool === undefined || bill.poolShares === undefined
              ? {}
              : { pool: { accounts: pool, shares: bill.poolShares } }),
          }),
      });
    }
    if (subscription.progressiveBillingThreshold !== null) {
      const credit = await progressiveCreditFor(
        transaction,
        context,
        subscription.id,
        bill.lines,
        subscription.currency,
      );
      if (credit !== undefined) {
        const section =
          billedFor === undefined
            ? {}
            : {
                billed_customer_id: billedFor.id,
                billed_customer_name: billedFor.name ?? billedFor.external_id,
              };
        engineLines.push({
          line: { ...credit.engine, subscriptionId: subscription.id },
          stored: () => ({ ...credit.stored, ...section }),
        });
        for (const [couponId, amount] of credit.discounted) discountedEarly.push({ couponId, amount });
      }
    }
  }
  const progressive =
    discountedEarly.length === 0
      ? undefined
      : { discounted: progressivelyDiscountedByCoupon(discountedEarly) };
  return { engineLines, allowances, contract, progressive };
}
