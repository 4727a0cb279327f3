// What an alert rule watches, measured now: the current billing period's
// spend so far, a meter's quantity in the current billing period, or the
// credits usable now. One evaluation measures a customer's rules together,
// reading each subscription list, upcoming invoice and usage total once.
//
// "The current billing period" is a subscription's, as the engine bills it
// (the subscription's `current_period_start` and `_end`). A rule for one
// subscription uses that subscription's; a rule for the whole customer uses
// the period of the customer's subscription that ends first (the one the
// upcoming invoice closes). No period (no subscription, a trial, an ended
// subscription) means nothing to measure yet.

import { allowanceUsedPercent, Decimal, sumDecimals, ZERO } from "../core/index.ts";
import { creditBalances } from "../credits/index.ts";
import type { Customer } from "../customers/index.ts";
import { type InvoicePreview, upcomingInvoice } from "../invoicing/index.ts";
import { listMeters, queryUsage } from "../metering/index.ts";
import type { RequestContext } from "../platform/context.ts";
import type { SubscriptionView } from "../subscriptions/index.ts";
import { listSubscriptions } from "../subscriptions/index.ts";
import type { AlertRuleRow } from "./alert-rules.ts";

export type BillingPeriod = { start: Date; end: Date };

/** A spend or usage rule's value in a billing period, for one subscription or the whole customer. */
export type PeriodMeasurement = { value: Decimal; period: BillingPeriod };

// A customer with more subscriptions than this has them read in pages.
const subscriptionPageSize = 100;

export class AlertMeasurements {
  private readonly context: RequestContext;
  private readonly customer: Customer;
  private subscriptions: Promise<SubscriptionView[]> | undefined;
  private readonly upcoming = new Map<string, Promise<Decimal | null>>();
  private readonly previews = new Map<string, Promise<InvoicePreview | null>>();
  private readonly usage = new Map<string, Promise<Decimal>>();
  private readonly meterNames = new Map<string, Promise<string>>();

  constructor(context: RequestContext, customer: Customer) {
    this.context = context;
    this.customer = customer;
  }

  /**
   * Spend: what the upcoming invoice charges so far for time already passed,
   * before discounts, credits and tax (its subtotal without the in-advance
   * fees of the period it opens). Usage billed early by progressive billing
   * is spent in the period too: the `progressive_billing_credit` that gives
   * it back on the period's invoice is not counted, so the period's spend
   * does not depend on the progressive threshold (billing rule 33). The
   * invoice is the subscription's, or for a rule on the whole customer the
   * customer's next one in the rule's currency: a customer billed in two
   * currencies has one per currency.
   */
  async spend(rule: AlertRuleRow): Promise<PeriodMeasurement | null> {
    const subscription = await this.subscriptionFor(rule, rule.currency);
    if (subscription === undefined) return null;
    const key = `${rule.subscription_id ?? ""}|${rule.currency ?? ""}`;
    let spent = this.upcoming.get(key);
    if (spent === undefined) {
      spent = this.spentOnUpcomingInvoice(rule.subscription_id, rule.currency);
      this.upcoming.set(key, spent);
    }
    const value = await spent;
    return value === null ? null : { value, period: periodOf(subscription) };
  }

  /** Usage: the meter's quantity (by its aggregation) over the current billing period. */
  async quantity(rule: AlertRuleRow): Promise<PeriodMeasurement | null> {
    const subscription = await this.subscriptionFor(rule, null);
    if (subscription === undefined || rule.meter_code === null) return null;
    const period = periodOf(subscription);
    const key = `${rule.meter_code}|${period.start.toISOString()}|${period.end.toISOString()}`;
    let total = this.usage.get(key);
    if (total === undefined) {
      total = this.meterQuantity(rule.meter_code, period);
      this.usage.set(key, total);
    }
    return { value: await total, period };
  }

  /**
   * Allowance: the percent of the rule's pricing unit used in the current
   * billing period (of the units granted and rolled over), as the upcoming
   * invoice that closes the period reports it; null when that invoice has no
   * allowance of the unit.
   */
  async allowanceUsed(rule: AlertRuleRow): Promise<PeriodMeasurement | null> {
    const subscription = await this.subscriptionFor(rule, null);
    if (subscription === undefined || rule.pricing_unit === null) return null;
    let preview = this.previews.get(subscription.id);
    if (preview === undefined) {
      preview = upcomingInvoice(this.context, this.customer.id, { subscriptionId: subscription.id });
      this.previews.set(subscription.id, preview);
    }
    const allowance = (await preview)?.allowances?.find((entry) => entry.unit === rule.pricing_unit);
    if (allowance === undefined) return null;
    const value = allowanceUsedPercent({
      granted: new Decimal(allowance.granted),
      rolledOver: new Decimal(allowance.rolled_over),
      used: new Decimal(allowance.used),
    });
    return value === null ? null : { value, period: periodOf(subscription) };
  }

  /** The meter's name, for the email that tells the customer. */
  meterName(code: string): Promise<string> {
    let name = this.meterNames.get(code);
    if (name === undefined) {
      name = listMeters(this.context, { code }, { limit: 1, afterId: undefined }).then(
        ([meter]) => meter?.name ?? code,
      );
      this.meterNames.set(code, name);
    }
    return name;
  }

  private async subscriptionFor(
    rule: AlertRuleRow,
    currency: string | null,
  ): Promise<SubscriptionView | undefined> {
    const inPeriod = await this.subscriptionsInPeriod();
    if (rule.subscription_id !== null) return inPeriod.find((entry) => entry.id === rule.subscription_id);
    return inPeriod.find((entry) => currency === null || entry.currency === currency);
  }

  /** The customer's subscriptions in a billing period now, the period ending first first (then the oldest). */
  private subscriptionsInPeriod(): Promise<SubscriptionView[]> {
    this.subscriptions ??= (async () => {
      const all: SubscriptionView[] = [];
      let afterId: string | undefined;
      for (;;) {
        const page = await listSubscriptions(
          this.context,
          { customer_id: this.customer.id },
          { limit: subscriptionPageSize, afterId },
        );
        all.push(...page.slice(0, subscriptionPageSize));
        if (page.length <= subscriptionPageSize) break;
        afterId = page[subscriptionPageSize - 1]?.id;
      }
      return all
        .filter((entry) => entry.current_period_start !== null && entry.current_period_end !== null)
        .sort(
          (left, right) =>
            (left.current_period_end ?? "").localeCompare(right.current_period_end ?? "") ||
            left.id.localeCompare(right.id),
        );
    })();
    return this.subscriptions;
  }

  private async spentOnUpcomingInvoice(
    subscriptionId: string | null,
    currency: string | null,
  ): Promise<Decimal | null> {
    if (currency === null) return null;
    const preview = await upcomingInvoice(
      this.context,
      this.customer.id,
      subscriptionId === null ? { currency } : { subscriptionId },
    );
    if (preview === null || preview.currency !== currency) return null;
    const issuedAt = Date.parse(preview.issued_at);
    // The invoice at a period's end also opens the next period (its in-advance fees): not spent yet.
    const passed = preview.lines.filter(
      (line) =>
        line.kind !== "progressive_billing_credit" &&
        (line.period_start === null || Date.parse(line.period_start) < issuedAt),
    );
    return sumDecimals(passed.map((line) => new Decimal(line.amount)));
  }

  private async meterQuantity(meterCode: string, period: BillingPeriod): Promise<Decimal> {
    const report = await queryUsage(this.context, {
      customer: this.customer.external_id,
      meter: meterCode,
      from: period.start.toISOString(),
      to: period.end.toISOString(),
    });
    // One window (no window unit asked for); none when nothing was used.
    return report.windows.reduce((total, window) => total.plus(window.value), ZERO);
  }
}

function periodOf(subscription: SubscriptionView): BillingPeriod {
  return {
    start: new Date(subscription.current_period_start ?? 0),
    end: new Date(subscription.current_period_end ?? 0),
  };
}

/**
 * The credits the customer can use now in `currency`. Pass a context whose
 * database is the evaluating transaction, so that the balance is read after
 * the rule's lock is taken.
 */
export async function availableCredits(
  context: RequestContext,
  customerId: string,
  currency: string,
): Promise<Decimal> {
  const balances = await creditBalances(context, customerId);
  const account = balances.data.find((entry) => entry.currency === currency);
  return account === undefined ? ZERO : new Decimal(account.available);
}
