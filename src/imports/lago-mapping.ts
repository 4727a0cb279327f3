// What a Lago organization becomes in Fairbill, worked out without touching
// either (pure): meters and plans (lago-plans.ts), coupons, customers
// (address, tax id, currency, payment terms), subscriptions (plan, start,
// calendar or anniversary billing, billed through the current period's start
// so Fairbill does not bill again what Lago billed), applied coupons, wallets
// with their remaining credits, and finalized subscription invoices as
// history. Lago keys customers, subscriptions, plans, metrics and coupons by
// their codes and external ids, and so does the report. A record with no
// exact equivalent is refused with the reason, for a person to decide.
import type {
  AppliedCouponObject,
  CouponObject,
  CustomerObject,
  FeeObject,
  PlanObject,
  SubscriptionObject,
  WalletObject,
} from "lago-javascript-client";
import { Decimal, findCurrency, fromMinorUnits } from "../core/index.ts";
import type { CreateCustomerInput } from "../customers/index.ts";
import type { ImportStep, OldInvoiceLine, Refusal, SourceRecord } from "./import-step-types.ts";
import type { LagoAccount, LagoInvoice } from "./lago-account.ts";
import { chargeIdsByLagoId, meterStepOf, planStepOf } from "./lago-plans.ts";

const couponCodePattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

function refuse(source: SourceRecord, reason: string, outcome: "refused" | "skipped" = "refused"): Refusal {
  return { ...source, kind: "refusal", outcome, reason };
}

/** Lago ends a period on its last second (…T23:59:59Z); Fairbill's periods end where the next begins. */
function periodEndOf(text: string): string {
  const end = new Date(text);
  if (end.getUTCSeconds() === 59) end.setUTCSeconds(60, 0);
  return end.toISOString();
}

function couponStep(coupon: CouponObject, at: Date): ImportStep {
  const source = { sourceType: "coupon", sourceId: coupon.code, record: coupon };
  if (!couponCodePattern.test(coupon.code)) {
    return refuse(source, "its code cannot be a Fairbill coupon code (letters, digits, _ and -, at most 64)");
  }
  const expiresAt = coupon.expiration === "time_limit" ? (coupon.expiration_at ?? null) : null;
  if (expiresAt !== null && Date.parse(expiresAt) <= at.getTime()) {
    return refuse(source, `expired in Lago on ${expiresAt}`, "skipped");
  }
  const duration =
    coupon.frequency === "recurring"
      ? { duration: "repeating" as const, duration_invoices: coupon.frequency_duration ?? 1 }
      : { duration: coupon.frequency };
  const common = {
    code: coupon.code,
    name: coupon.name.slice(0, 200),
    ...duration,
    ...(expiresAt === null ? {} : { redeem_by: expiresAt }),
    ...(coupon.limited_billable_metrics
      ? { applies_to: { meter_codes: coupon.billable_metric_codes ?? [] } }
      : {}),
    metadata: { lago_coupon_id: coupon.lago_id },
  };
  const plans = coupon.limited_plans ? (coupon.plan_codes ?? []) : [];
  const scope = { planSourceIds: plans };
  if (coupon.coupon_type === "percentage") {
    if (coupon.percentage_rate === null || coupon.percentage_rate === undefined) {
      return refuse(source, "a percentage coupon without its rate");
    }
    return {
      ...source,
      ...scope,
      kind: "coupon",
      input: { ...common, type: "percentage", percent: new Decimal(coupon.percentage_rate).toFixed() },
    };
  }
  const currency = coupon.amount_currency ?? null;
  if (coupon.amount_cents === null || coupon.amount_cents === undefined || currency === null) {
    return refuse(source, "a fixed amount coupon without its amount or currency");
  }
  return {
    ...source,
    ...scope,
    kind: "coupon",
    input: {
      ...common,
      type: "fixed",
      amount: fromMinorUnits(coupon.amount_cents, currency).toFixed(),
      currency,
    },
  };
}

function customerStep(customer: CustomerObject): ImportStep {
  const source = { sourceType: "customer", sourceId: customer.external_id, record: customer };
  const address = Object.fromEntries(
    Object.entries({
      line1: customer.address_line1,
      line2: customer.address_line2,
      city: customer.city,
      postal_code: customer.zipcode,
      state: customer.state,
      country: customer.country,
    }).filter(([, value]) => value !== null && value !== undefined && value !== ""),
  );
  const person = [customer.firstname, customer.lastname].filter(Boolean).join(" ");
  const name = customer.name || customer.legal_name || person;
  const extended = customer as CustomerObject & {
    billing_configuration?: { invoice_grace_period?: number; document_locale?: string };
    metadata?: { key: string; value: string }[];
  };
  const configuration = extended.billing_configuration ?? {};
  const invoiceSettings = {
    ...(customer.net_payment_term === null || customer.net_payment_term === undefined
      ? {}
      : { net_payment_terms_days: customer.net_payment_term }),
    ...(configuration.invoice_grace_period === undefined
      ? {}
      : { grace_period_days: configuration.invoice_grace_period }),
  };
  const input: CreateCustomerInput = {
    external_id: customer.external_id,
    ...(name ? { name: name.slice(0, 200) } : {}),
    ...(customer.email ? { email: customer.email } : {}),
    ...(Object.keys(address).length === 0 ? {} : { billing_address: address }),
    ...(customer.country ? { country: customer.country } : {}),
    ...(customer.currency ? { currency: customer.currency } : {}),
    ...(customer.timezone ? { timezone: customer.timezone } : {}),
    ...(configuration.document_locale ? { locale: configuration.document_locale } : {}),
    // Lago keeps one number without saying its kind: it is kept as a tax id of no stated kind.
    tax_ids: customer.tax_identification_number
      ? [{ type: "tax_id", value: customer.tax_identification_number }]
      : [],
    ...(Object.keys(invoiceSettings).length === 0 ? {} : { invoice_settings: invoiceSettings }),
    metadata: {
      ...Object.fromEntries((extended.metadata ?? []).map((entry) => [entry.key, entry.value])),
      lago_customer_id: customer.lago_id,
    },
  };
  return { ...source, kind: "customer", input };
}

function subscriptionStep(
  subscription: SubscriptionObject,
  plans: ReadonlyMap<string, { plan: PlanObject; refusal: string | null }>,
): ImportStep {
  const source = { sourceType: "subscription", sourceId: subscription.external_id, record: subscription };
  const found = plans.get(subscription.plan_code);
  if (found === undefined) return refuse(source, `its plan ${subscription.plan_code} is not in the account`);
  if (found.refusal !== null) {
    return refuse(source, `its plan ${subscription.plan_code} was not imported: ${found.refusal}`);
  }
  if (subscription.ending_at !== null) {
    return refuse(source, `is set to end on ${subscription.ending_at}: import it with its end by hand`);
  }
  if (subscription.next_plan_code !== null) {
    return refuse(
      source,
      `moves to plan ${subscription.next_plan_code} on ${subscription.downgrade_plan_date ?? "its period's end"}: make that change in Fairbill by hand`,
    );
  }
  const active = subscription.status === "active";
  const startedAt = active
    ? (subscription.started_at ?? subscription.subscription_at)
    : subscription.subscription_at;
  const periodStart = active ? subscription.current_billing_period_started_at : null;
  const periodEnd = active ? subscription.current_billing_period_ending_at : null;
  return {
    ...source,
    kind: "subscription",
    customerSourceId: subscription.external_customer_id,
    planSourceType: "plan",
    planSourceId: subscription.plan_code,
    startAt: new Date(startedAt).toISOString(),
    // The plan's trial, as in Lago.
    trialDays: null,
    billing: subscription.billing_time,
    currency: found.plan.amount_currency,
    quantities: {},
    metadata: { lago_subscription_id: subscription.lago_id },
    billedThrough: periodStart === null ? null : new Date(periodStart).toISOString(),
    nextBillingAt: periodEnd === null ? null : periodEndOf(periodEnd),
  };
}

function appliedCouponStep(applied: AppliedCouponObject): ImportStep {
  const source = { sourceType: "applied_coupon", sourceId: applied.lago_id, record: applied };
  const remaining = applied.frequency_duration_remaining;
  if (
    applied.frequency === "recurring" &&
    remaining !== null &&
    remaining !== undefined &&
    remaining !== applied.frequency_duration
  ) {
    return refuse(
      source,
      `has ${remaining} of its ${applied.frequency_duration} periods left: a Fairbill redemption starts with all of them`,
    );
  }
  const amountLeft = applied.amount_cents_remaining;
  if (amountLeft !== null && amountLeft !== undefined && amountLeft !== applied.amount_cents) {
    return refuse(
      source,
      `has ${amountLeft} of its ${applied.amount_cents} cents left: a Fairbill redemption starts with the whole amount`,
    );
  }
  return {
    ...source,
    kind: "redemption",
    couponSourceId: applied.coupon_code,
    customerSourceId: applied.external_customer_id,
    subscriptionSourceId: null,
  };
}

/** Lago prices a credit in money (rate_amount); Fairbill counts credits per unit of money: the inverse, when exact. */
function creditsPerUnit(rateAmount: string): string | null {
  const worth = new Decimal(rateAmount);
  if (worth.isZero()) return null;
  const rate = new Decimal(1).dividedBy(worth);
  return rate.times(worth).equals(1) ? rate.toFixed() : null;
}

function walletSteps(wallet: WalletObject, at: Date): ImportStep[] {
  const source = { sourceType: "wallet", sourceId: wallet.lago_id, record: wallet };
  if (wallet.status === "terminated") return [refuse(source, "terminated in Lago", "skipped")];
  if (wallet.expiration_at && Date.parse(wallet.expiration_at) <= at.getTime()) {
    return [refuse(source, `expired in Lago on ${wallet.expiration_at}`, "skipped")];
  }
  const limits = [
    ...(wallet.applies_to?.fee_types ?? []),
    ...(wallet.applies_to?.billable_metric_codes ?? []),
  ];
  if (limits.length > 0) {
    return [refuse(source, `pays only for ${limits.join(", ")}: Fairbill's wallet credits pay for any line`)];
  }
  const rate = creditsPerUnit(wallet.rate_amount);
  if (rate === null) {
    return [
      refuse(
        source,
        `a credit worth ${wallet.rate_amount} ${wallet.currency} is not a whole number of credits per ${wallet.currency}`,
      ),
    ];
  }
  const steps: ImportStep[] = [
    {
      ...source,
      kind: "wallet",
      customerSourceId: wallet.external_customer_id,
      currency: wallet.currency,
      name: (wallet.name || wallet.code || "Prepaid credits").slice(0, 200),
      rate,
      metadata: { lago_wallet_id: wallet.lago_id },
    },
  ];
  if (!new Decimal(wallet.credits_balance).isZero()) {
    steps.push({
      sourceType: "wallet.credits",
      sourceId: wallet.lago_id,
      record: { credits_balance: wallet.credits_balance, balance_cents: wallet.balance_cents },
      kind: "wallet_credits",
      walletSourceId: wallet.lago_id,
      credits: new Decimal(wallet.credits_balance).toFixed(),
      expiresAt: wallet.expiration_at ?? null,
    });
  }
  const rules = wallet.recurring_transaction_rules ?? [];
  if (rules.length > 0) {
    steps.push(
      refuse(
        { sourceType: "wallet.recurring_transaction_rules", sourceId: wallet.lago_id, record: rules },
        "recurring top-up rules: set the Fairbill wallet's automatic top-up by hand",
      ),
    );
  }
  return steps;
}

/** The Fairbill charge a fee bills: the subscription fee, the charge its Lago charge became, or its item's code. */
function chargeCodeOf(fee: FeeObject, chargeIds: ReadonlyMap<string, string>): string {
  if (fee.item.type === "subscription") return "subscription_fee";
  const chargeId = fee.lago_charge_id ? chargeIds.get(fee.lago_charge_id) : undefined;
  return chargeId ?? fee.item.code;
}

function lineOf(fee: FeeObject, currency: string, chargeIds: ReadonlyMap<string, string>): OldInvoiceLine {
  return {
    chargeCode: chargeCodeOf(fee, chargeIds),
    description: fee.item.invoice_display_name || fee.item.name || null,
    quantity: fee.units,
    unitPrice: fee.precise_unit_amount,
    amount: fromMinorUnits(fee.amount_cents, currency).toFixed(),
    tax: fromMinorUnits(fee.taxes_amount_cents, currency).toFixed(),
  };
}

/** The invoice's coupons and credits as lines of their own (discount, credits), as a parallel run reads them. */
function invoiceOwnLines(invoice: LagoInvoice): OldInvoiceLine[] {
  const credits =
    invoice.prepaid_credit_amount_cents +
    invoice.credit_notes_amount_cents +
    invoice.progressive_billing_credit_amount_cents;
  const own = [
    { chargeCode: "discount", description: "Coupons", cents: invoice.coupons_amount_cents },
    { chargeCode: "credits", description: "Credits", cents: credits },
  ];
  return own
    .filter((line) => line.cents !== 0)
    .map((line) => ({
      chargeCode: line.chargeCode,
      description: line.description,
      quantity: null,
      unitPrice: null,
      amount: fromMinorUnits(-line.cents, invoice.currency).toFixed(),
      tax: "0",
    }));
}

function invoiceStep(invoice: LagoInvoice, chargeIds: ReadonlyMap<string, string>): ImportStep {
  const source = { sourceType: "invoice", sourceId: invoice.lago_id, record: invoice };
  if (invoice.invoice_type !== "subscription") {
    return refuse(
      source,
      `a ${invoice.invoice_type} invoice: a parallel run compares subscription invoices`,
      "skipped",
    );
  }
  const customer = invoice.customer?.external_id;
  if (customer === undefined) return refuse(source, "listed without its customer");
  if (findCurrency(invoice.currency) === undefined)
    return refuse(source, `currency ${invoice.currency} is unknown`);
  // The period the invoice closes: its usage charges' (a fee paid in advance is for the next one).
  const charges = invoice.fees.filter(
    (fee) => fee.item.type !== "subscription" && fee.from_date && fee.to_date,
  );
  const dated = charges.length > 0 ? charges : invoice.fees.filter((fee) => fee.from_date && fee.to_date);
  if (dated.length === 0) return refuse(source, "none of its fees says which period it bills");
  const starts = dated.map((fee) => Date.parse(fee.from_date as string));
  const ends = dated.map((fee) => Date.parse(fee.to_date as string));
  return {
    ...source,
    kind: "old_invoice",
    customerSourceId: customer,
    number: invoice.number,
    issuedAt: new Date(invoice.issuing_date).toISOString(),
    periodStart: new Date(Math.min(...starts)).toISOString(),
    periodEnd: periodEndOf(new Date(Math.max(...ends)).toISOString()),
    currency: invoice.currency,
    total: fromMinorUnits(invoice.total_amount_cents, invoice.currency).toFixed(),
    tax: fromMinorUnits(invoice.taxes_amount_cents, invoice.currency).toFixed(),
    lines: [
      ...invoice.fees.map((fee) => lineOf(fee, invoice.currency, chargeIds)),
      ...invoiceOwnLines(invoice),
    ],
  };
}

/**
 * Every step of importing the organization, in the order they can be
 * applied: meters, plans, coupons, customers, subscriptions, applied coupons,
 * wallets with their credits, then invoices as history.
 */
export function planLagoImport(account: LagoAccount, at: Date): ImportStep[] {
  const steps: ImportStep[] = [];
  const meterAggregations = new Map<string, string>();
  for (const metric of account.billableMetrics) {
    const step = meterStepOf(metric);
    if (step.kind === "meter") meterAggregations.set(step.input.code, step.input.aggregation);
    steps.push(step);
  }
  const plans = new Map<string, { plan: PlanObject; refusal: string | null }>();
  for (const plan of account.plans) {
    const step = planStepOf(plan, meterAggregations);
    plans.set(plan.code, { plan, refusal: step.kind === "refusal" ? step.reason : null });
    steps.push(step);
  }
  for (const coupon of account.coupons) steps.push(couponStep(coupon, at));
  for (const customer of account.customers) steps.push(customerStep(customer));
  for (const subscription of account.subscriptions) steps.push(subscriptionStep(subscription, plans));
  for (const applied of account.appliedCoupons) steps.push(appliedCouponStep(applied));
  for (const wallet of account.wallets) steps.push(...walletSteps(wallet, at));
  const chargeIds = chargeIdsByLagoId(account.plans);
  for (const invoice of account.invoices) steps.push(invoiceStep(invoice, chargeIds));
  return steps;
}
