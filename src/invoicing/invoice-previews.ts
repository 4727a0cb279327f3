// Invoices computed but not stored: the upcoming invoice (what the customer's
// next invoice holds so far, from live usage) and the before/after of a
// subscription change (a plan change's proration, a plan version migration).
// The same steps as the bill run, with the account as it stands now.
import { planVersionsByIds } from "../catalog/index.ts";
import {
  type AllowanceSummary,
  type CommitLedger,
  type ContractBilling,
  changePreviewDifference,
  currencyFor,
  type EarlierProgressiveDiscounts,
  formatAmount,
  type Instant,
  type Invoice,
  type QuantityChange,
  type Subscription,
  type SubscriptionChange,
} from "../core/index.ts";
import { engineMetersFor } from "../metering/index.ts";
import type { RequestContext } from "../platform/context.ts";
import { notFound } from "../platform/errors.ts";
import type { OutputAllowance } from "../simulation/index.ts";
import type { ChangePlanInput, ChangeQuantityInput } from "../subscriptions/index.ts";
import { planChangeOf, quantityChangeOf, subscriptionCustomerOf } from "../subscriptions/index.ts";
import { type EngineLine, linesOfGroup } from "./bill-customer.ts";
import { meterCodesOf } from "./billing-catalog.ts";
import { settleSubscriptionLines, taxDetailsOf } from "./customer-account.ts";
import {
  type CustomerBilling,
  loadCustomerBilling,
  nextBilledInstantOf,
  type SubscriptionBilling,
  subscriptionLinesAt,
} from "./customer-billing.ts";
import type { SubscriptionChangePreview } from "./invoice-schemas.ts";
import { totalsColumns } from "./invoice-store.ts";
import { readInvoicingSettings } from "./invoicing-settings.ts";
import { nextInvoiceGroup } from "./issue-instants.ts";
import { settingsForCustomer } from "./seller-entities.ts";
import { type StoredLine, storedLine } from "./stored-lines.ts";
import type { CommitDrawRecord, TaxDetails } from "./tables.ts";

export type InvoicePreview = {
  issued_at: string;
  currency: string;
  subscription_ids: string[];
  lines: PreviewLine[];
  tax_details: TaxDetails | null;
} & Omit<
  ReturnType<typeof totalsColumns>,
  "discounts" | "credits_applied" | "commit_draws" | "allowances"
> & {
    discounts: { redemption_id: string; amount: string }[];
    credits_applied: { grant_id: string; amount: string }[];
    commit_draws: CommitDrawRecord[];
    allowances: OutputAllowance[] | null;
  };

export type PreviewLine = Omit<StoredLine, "period_start" | "period_end"> & {
  period_start: string | null;
  period_end: string | null;
};

/**
 * What a preview bills: its subscriptions' lines at the invoice's instant, as
 * the bill run reads them (linesOfGroup), with their allowances, the contract
 * they draw on and what the period's progressive invoices took of the coupons.
 */
type PreviewBill = {
  subscriptions: readonly SubscriptionBilling[];
  issuedAt: Instant;
  lines: readonly EngineLine[];
  allowances: readonly AllowanceSummary[];
  contract: { billing: ContractBilling; ledger: CommitLedger | undefined } | undefined;
  progressive?: EarlierProgressiveDiscounts | undefined;
};

/** A preview as the API shows it, and the engine's invoice it was made from. */
type SettledPreview = { view: InvoicePreview; invoice: Invoice };

async function settlePreview(
  context: RequestContext,
  billing: CustomerBilling,
  bill: PreviewBill,
): Promise<SettledPreview | null> {
  const first = bill.subscriptions[0];
  if (first === undefined) return null;
  const currency = first.subscription.currency;
  const { issuedAt } = bill;
  const settings = await settingsForCustomer(
    context.database,
    context,
    await readInvoicingSettings(context.database, context),
    billing.customer.id,
    new Date(Math.min(...bill.lines.map(({ line }) => line.periodStart), issuedAt)),
  );
  const { account, settled } = await settleSubscriptionLines(context.database, context, {
    billing,
    currency,
    issuedAt,
    settings,
    subscriptions: bill.subscriptions,
    lines: bill.lines.map(({ line }) => line),
    allowances: bill.allowances,
    contract: bill.contract,
    progressive: bill.progressive,
  });
  const totals = totalsColumns(settled.invoice);
  const lines = bill.lines.map(({ stored }) => stored(settled.invoice.currency));
  const view: InvoicePreview = {
    issued_at: new Date(issuedAt).toISOString(),
    currency,
    subscription_ids: [...new Set(bill.subscriptions.map((entry) => entry.subscription.id))],
    lines: lines.map((line) => ({
      ...line,
      period_start: line.period_start?.toISOString() ?? null,
      period_end: line.period_end?.toISOString() ?? null,
    })),
    ...totals,
    discounts: JSON.parse(totals.discounts),
    credits_applied: JSON.parse(totals.credits_applied),
    commit_draws: JSON.parse(totals.commit_draws),
    allowances: totals.allowances === null ? null : JSON.parse(totals.allowances),
    tax_details: taxDetailsOf(account),
  };
  return { view, invoice: settled.invoice };
}

/**
 * The customer's next invoice from usage so far: for each subscription, the
 * first issue instant after now that no pause holds back; the earliest of them, joined by the others
 * in its currency on the same local date, as the bill run will join them.
 * With `subscriptionId`, that subscription's next invoice; with `currency`,
 * the next invoice in that currency (of the subscriptions billed in it).
 * Null when no subscription bills again.
 */
export async function upcomingInvoice(
  context: RequestContext,
  customerId: string,
  options: { subscriptionId?: string; currency?: string } = {},
): Promise<InvoicePreview | null> {
  const now = context.clock.now().getTime();
  const billing = await loadCustomerBilling(context.database, context, customerId, now);
  const entries = billing.subscriptions.filter(
    (entry) =>
      (options.subscriptionId === undefined || entry.subscription.id === options.subscriptionId) &&
      (options.currency === undefined || entry.subscription.currency === options.currency),
  );
  if (options.subscriptionId !== undefined && entries.length === 0) {
    throw notFound("subscription of this customer", options.subscriptionId);
  }
  const next: { entry: SubscriptionBilling; instant: Instant }[] = [];
  for (const entry of entries) {
    const instant = nextBilledInstantOf(billing, entry, now);
    if (instant !== null) next.push({ entry, instant });
  }
  if (next.length === 0) return null;
  const group = nextInvoiceGroup(next, billing.customer.timezone);
  // The lines as the bill run reads them: with the progressive-billing credit for what was invoiced early.
  const grouped = await linesOfGroup(context.database, context, billing, group);
  const preview = await settlePreview(context, billing, {
    subscriptions: group.map((member) => member.entry),
    issuedAt: Math.max(...group.map((member) => member.instant)),
    lines: grouped.engineLines,
    allowances: grouped.allowances,
    contract: grouped.contract,
    progressive: grouped.progressive,
  });
  return preview?.view ?? null;
}

/** A change a preview adds: to the timeline's plan or end, or to a fixed charge's quantity. */
type PreviewedChange = SubscriptionChange | ({ type: "change_quantity" } & QuantityChange);

/**
 * The timeline with `change` added in time order (after changes at the same
 * instant); changes of the same kind recorded after it are left out.
 */
function withChange(timeline: Subscription, change: PreviewedChange): Subscription {
  if (change.type === "change_quantity") {
    const quantityChanges = [
      ...(timeline.quantityChanges ?? []).filter((existing) => existing.at <= change.at),
      { at: change.at, chargeId: change.chargeId, quantity: change.quantity },
    ];
    return { ...timeline, quantityChanges };
  }
  const changes = [...timeline.changes.filter((existing) => existing.at <= change.at), change];
  return { ...timeline, changes };
}

/** The first invoice of the timeline at or after `from` that no pause holds back, as the subscription alone would bill it. */
async function firstInvoiceFrom(
  context: RequestContext,
  billing: CustomerBilling,
  entry: SubscriptionBilling,
  from: Instant,
): Promise<SettledPreview | null> {
  const instant = nextBilledInstantOf(billing, entry, from - 1);
  if (instant === null) return null;
  const lines = await subscriptionLinesAt(context.database, context, billing, entry, instant);
  if (lines.length === 0) return null;
  return settlePreview(context, billing, {
    subscriptions: [entry],
    issuedAt: instant,
    lines: lines.map((line) => ({
      // The subscription it bills, for a coupon redeemed for one.
      line: { ...line, subscriptionId: entry.subscription.id },
      stored: (currency) =>
        storedLine(line, currency, {
          subscriptionId: entry.subscription.id,
          version: billing.versions.get(line.details.planCode),
        }),
    })),
    allowances: [],
    contract: undefined,
  });
}

/**
 * A subscription's first invoice at or after a change takes effect, without
 * and with the change (changes recorded after it are left out of the preview),
 * and the difference of their totals. Usage is as recorded so far.
 */
export async function previewSubscriptionChange(
  context: RequestContext,
  subscriptionId: string,
  change: PreviewedChange,
): Promise<{ before: InvoicePreview | null; after: InvoicePreview | null; difference: string }> {
  const now = context.clock.now().getTime();
  const customerId = await subscriptionCustomerOf(context.database, context, subscriptionId);
  if (customerId === undefined) throw notFound("subscription", subscriptionId);
  const billing = await loadCustomerBilling(context.database, context, customerId, now);
  const entry = billing.subscriptions.find((candidate) => candidate.subscription.id === subscriptionId);
  if (entry === undefined) throw notFound("subscription", subscriptionId);
  if (change.type === "change_plan" && !billing.versions.has(change.planCode)) {
    const added = await planVersionsByIds(context.database, context, [change.planCode]);
    if (!added.has(change.planCode)) throw notFound("plan version", change.planCode);
    for (const [id, version] of added) billing.versions.set(id, version);
    const missingMeters = meterCodesOf(added.values()).filter((code) => !billing.meters.has(code));
    for (const [code, meter] of await engineMetersFor(context.database, context, missingMeters, now)) {
      billing.meters.set(code, meter);
    }
  }
  const changed: SubscriptionBilling = {
    ...entry,
    subscription: { ...entry.subscription, timeline: withChange(entry.subscription.timeline, change) },
    versionIds:
      change.type === "change_plan" ? [...new Set([...entry.versionIds, change.planCode])] : entry.versionIds,
  };
  const before = await firstInvoiceFrom(context, billing, entry, change.at);
  const after = await firstInvoiceFrom(context, billing, changed, change.at);
  const difference = changePreviewDifference(before?.invoice ?? null, after?.invoice ?? null);
  const currency = after?.view.currency ?? before?.view.currency;
  return {
    before: before?.view ?? null,
    after: after?.view ?? null,
    // Neither invoice has a currency to print the difference in when there is no invoice at all.
    difference: currency === undefined ? "0" : formatAmount(difference, currencyFor(currency)),
  };
}

/**
 * What a plan change (the change-plan body) would do to the subscription's
 * next invoice, recording nothing: the subscriptions domain checks the change
 * as `changePlan` would (the same errors on the same fields), then the first
 * invoice at or after it without and with it.
 */
export async function previewPlanChange(
  context: RequestContext,
  subscriptionId: string,
  input: ChangePlanInput,
): Promise<SubscriptionChangePreview> {
  const change = await planChangeOf(context, subscriptionId, input);
  return previewSubscriptionChange(context, subscriptionId, change);
}

/**
 * What a change of a fixed charge's quantity (the quantity-changes body)
 * would do to the subscription's next invoice, recording nothing: checked as
 * `changeQuantity` checks it, then the first invoice at or after it without
 * and with it.
 */
export async function previewQuantityChange(
  context: RequestContext,
  subscriptionId: string,
  input: ChangeQuantityInput,
): Promise<SubscriptionChangePreview> {
  const change = await quantityChangeOf(context, subscriptionId, input);
  return previewSubscriptionChange(context, subscriptionId, { type: "change_quantity", ...change });
}
