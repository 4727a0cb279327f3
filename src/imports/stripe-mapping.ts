// What a Stripe account becomes in Fairbill, worked out without touching
// either (pure): billing meters become meters; each set of prices that a
// subscription bills together becomes a plan with a charge per price (a price
// no subscription uses becomes a plan of its own), with Stripe's products as
// the charges' products; coupons, customers (address, tax ids, locale), their
// credit balances and discounts, and subscriptions (quantities, trials,
// discounts, billed through the current period's start, so Fairbill does not
// bill again what Stripe billed). A record with no exact equivalent is not
// guessed at: it becomes a refusal with the reason, for a person to decide,
// and so does every record that depends on it.
import { createHash } from "node:crypto";
import type Stripe from "stripe";
import type { CatalogFile } from "../catalog/index.ts";
import { findCurrency, fromMinorUnits } from "../core/index.ts";
import type { CreateCustomerInput } from "../customers/index.ts";
import type { CreateMeterInput } from "../metering/index.ts";
import type {
  CouponStep,
  ImportStep,
  MeterStep,
  PlanStep,
  RedemptionStep,
  Refusal,
  SourceRecord,
} from "./import-step-types.ts";
import type { StripeAccount } from "./stripe-account.ts";
import { stripeInvoiceStep } from "./stripe-invoices.ts";

type CatalogPlanVersion = NonNullable<CatalogFile["plans"]>[number]["versions"][number];

const codePattern = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;
const couponCodePattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const secondsPerDay = 86_400;

function iso(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}

function idOf(value: string | { id: string } | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === "string" ? value : value.id;
}

/** The plan's source id and code for a set of prices billed together. */
function planKeyOf(priceIds: readonly string[]): { sourceId: string; code: string } {
  const sorted = [...new Set(priceIds)].sort();
  const sourceId = sorted.join("+");
  const readable = `stripe.${sorted.join(".")}`;
  const code =
    readable.length <= 100
      ? readable
      : `stripe.${createHash("sha256").update(sourceId).digest("hex").slice(0, 32)}`;
  return { sourceId, code };
}

type ChargeResult = { charge: Record<string, unknown> } | { refusal: string };

/** A Stripe price as a charge of a plan, or why it has no exact equivalent. */
function chargeOfPrice(price: Stripe.Price, meterCodes: ReadonlyMap<string, string>): ChargeResult {
  const recurring = price.recurring;
  if (recurring === null || price.type !== "recurring") {
    return {
      refusal: "a one-time price: Fairbill bills it as a one-off invoice line, not as a plan's charge",
    };
  }
  if (price.custom_unit_amount !== null && price.custom_unit_amount !== undefined) {
    return {
      refusal: "a customer-chosen amount (pay what you want) has no equivalent among Fairbill's charges",
    };
  }
  const currency = findCurrency(price.currency.toUpperCase());
  if (currency === undefined) return { refusal: `currency ${price.currency} is not an ISO 4217 currency` };
  const product = idOf(price.product as string | { id: string });
  const common = { id: price.id, ...(product !== null && codePattern.test(product) ? { product } : {}) };
  const amount = (minorUnits: unknown) => fromMinorUnits(String(minorUnits), currency.code).toFixed();
  const transform = price.transform_quantity;
  if (recurring.usage_type === "licensed") {
    if (price.billing_scheme === "tiered") {
      return {
        refusal:
          "tiers on a licensed quantity (seats): a Fairbill fixed charge prices every unit of its quantity at one amount",
      };
    }
    if (transform !== null) {
      return {
        refusal: `a licensed quantity divided by ${transform.divide_by}: a fixed charge has no packages`,
      };
    }
    return { charge: { ...common, type: "fixed", amount: amount(price.unit_amount_decimal ?? 0) } };
  }
  const meterId = recurring.meter;
  if (meterId === null || meterId === undefined) {
    return {
      refusal:
        "a metered price without a billing meter (legacy usage records): which events it counts is not known",
    };
  }
  const meter = meterCodes.get(meterId);
  if (meter === undefined) return { refusal: `its billing meter ${meterId} could not be imported` };
  const usage = { ...common, type: "usage", meter };
  if (price.billing_scheme === "tiered") {
    const tiers = (price.tiers ?? []).map((tier) => ({
      up_to: tier.up_to === null ? null : String(tier.up_to),
      unit_price: amount(tier.unit_amount_decimal ?? 0),
      ...(tier.flat_amount_decimal === null || isZeroText(tier.flat_amount_decimal)
        ? {}
        : { flat_fee: amount(tier.flat_amount_decimal) }),
    }));
    if (tiers.length === 0) return { refusal: "a tiered price listed without its tiers" };
    if (transform !== null) return { refusal: "tiers on a transformed quantity have no exact equivalent" };
    return { charge: { ...usage, model: price.tiers_mode === "volume" ? "volume" : "graduated", tiers } };
  }
  if (transform !== null) {
    if (transform.round === "down") {
      return {
        refusal: `packages of ${transform.divide_by} rounded down: Fairbill bills every started package`,
      };
    }
    return {
      charge: {
        ...usage,
        model: "package",
        package_size: String(transform.divide_by),
        package_price: amount(price.unit_amount_decimal ?? 0),
      },
    };
  }
  return { charge: { ...usage, model: "per_unit", unit_price: amount(price.unit_amount_decimal ?? 0) } };
}

/** Whether a decimal is zero (Stripe's decimals arrive as text or as the SDK's Decimal). */
/** The step that refuses the source record (or skips it), saying why. */
function refusal(source: SourceRecord, reason: string, outcome: Refusal["outcome"] = "refused"): Refusal {
  return { ...source, kind: "refusal", outcome, reason };
}

/** The step that redeems a Stripe discount's coupon for the customer, on one subscription or (null) on all. */
function redemption(
  discount: Stripe.Discount,
  couponSourceId: string,
  customerSourceId: string,
  subscriptionSourceId: string | null,
): RedemptionStep {
  return {
    sourceType: "discount",
    sourceId: discount.id,
    record: discount,
    kind: "redemption",
    couponSourceId,
    customerSourceId,
    subscriptionSourceId,
  };
}

function isZeroText(value: unknown): boolean {
  return /^0*(\.0*)?$/.test(String(value));
}

function meterStep(meter: Stripe.Billing.Meter): MeterStep | Refusal {
  const source = { sourceType: "billing.meter", sourceId: meter.id, record: meter };
  const formula = meter.default_aggregation.formula as string;
  const aggregation = { sum: "sum", count: "count", last: "latest" }[formula];
  if (aggregation === undefined) return refusal(source, `aggregation ${formula} has no equivalent`);
  if (!codePattern.test(meter.event_name) || meter.event_name.length > 100) {
    return refusal(
      source,
      `event name "${meter.event_name}" cannot be a meter code (letters, digits and _ . : -)`,
    );
  }
  const property = meter.value_settings?.event_payload_key ?? "value";
  return {
    ...source,
    kind: "meter",
    input: {
      code: meter.event_name,
      name: meter.display_name,
      event_name: meter.event_name,
      aggregation: aggregation as CreateMeterInput["aggregation"],
      ...(aggregation === "count" ? {} : { property }),
    },
  };
}

function productNameOf(price: Stripe.Price, products: ReadonlyMap<string, Stripe.Product>): string {
  const productId = idOf(price.product as string | { id: string });
  return (productId === null ? undefined : products.get(productId)?.name) ?? price.nickname ?? price.id;
}

/** The plan billing these prices together, or why there is none. */
function planStep(
  prices: readonly Stripe.Price[],
  charges: ReadonlyMap<string, ChargeResult>,
  products: ReadonlyMap<string, Stripe.Product>,
): PlanStep | Refusal {
  const key = planKeyOf(prices.map((price) => price.id));
  const source = { sourceType: "price_set", sourceId: key.sourceId, record: prices.map((price) => price.id) };
  const refusals = prices.flatMap((price) => {
    const result = charges.get(price.id);
    return result !== undefined && "refusal" in result ? [`price ${price.id}: ${result.refusal}`] : [];
  });
  if (refusals.length > 0) return refusal(source, refusals.join("; "));
  const first = prices[0] as Stripe.Price;
  const recurring = first.recurring as Stripe.Price.Recurring;
  const mixed = prices.find(
    (price) =>
      price.currency !== first.currency ||
      price.recurring?.interval !== recurring.interval ||
      price.recurring?.interval_count !== recurring.interval_count,
  );
  if (mixed !== undefined) {
    return refusal(
      source,
      `prices ${first.id} and ${mixed.id} differ in currency or interval: ` +
        "a Fairbill plan bills all its charges in one currency on one interval",
    );
  }
  const productCodes = new Set(
    prices.map((price) => idOf(price.product as string | { id: string })).filter((id) => id !== null),
  );
  const catalog: CatalogFile = {
    version: 1,
    products: [...productCodes]
      .filter((code) => codePattern.test(code))
      .map((code) => ({ code, name: products.get(code)?.name ?? code })),
    plans: [
      {
        code: key.code,
        name: prices
          .map((price) => productNameOf(price, products))
          .join(" + ")
          .slice(0, 200),
        description: `Imported from Stripe: ${prices.map((price) => price.id).join(", ")}`.slice(0, 2000),
        versions: [
          {
            currency: first.currency.toUpperCase(),
            interval: recurring.interval,
            interval_count: recurring.interval_count,
            charges: prices.map(
              (price) => (charges.get(price.id) as { charge: Record<string, unknown> }).charge,
            ),
          } as CatalogPlanVersion,
        ],
      },
    ],
  };
  return { ...source, kind: "plan", code: key.code, catalog };
}

function couponStep(coupon: Stripe.Coupon): CouponStep | Refusal {
  const source = { sourceType: "coupon", sourceId: coupon.id, record: coupon };
  const refuse = (reason: string): Refusal => refusal(source, reason);
  if (!couponCodePattern.test(coupon.id)) {
    return refuse("its id cannot be a Fairbill coupon code (letters, digits, _ and -, at most 64)");
  }
  const products = coupon.applies_to?.products ?? [];
  if (products.length > 0) {
    return refuse(
      `applies only to products ${products.join(", ")}: Fairbill coupons apply to whole plans or to meters`,
    );
  }
  const duration =
    coupon.duration === "repeating"
      ? { duration: "repeating" as const, duration_invoices: coupon.duration_in_months ?? 1 }
      : { duration: coupon.duration as "once" | "forever" };
  const name = (coupon.name ?? coupon.id).slice(0, 200);
  if (coupon.percent_off !== null) {
    return {
      ...source,
      kind: "coupon",
      input: { code: coupon.id, name, type: "percentage", percent: String(coupon.percent_off), ...duration },
    };
  }
  if (coupon.amount_off !== null && coupon.currency !== null) {
    const currency = coupon.currency.toUpperCase();
    return {
      ...source,
      kind: "coupon",
      input: {
        code: coupon.id,
        name,
        type: "fixed",
        amount: fromMinorUnits(coupon.amount_off, currency).toFixed(),
        currency,
        ...duration,
      },
    };
  }
  return refuse("neither a percentage nor an amount off");
}

function customerSteps(customer: Stripe.Customer): ImportStep[] {
  const source = { sourceType: "customer", sourceId: customer.id, record: customer };
  const address = customer.address ?? null;
  const country = address?.country?.toUpperCase() ?? null;
  const billingAddress =
    address === null
      ? null
      : Object.fromEntries(
          Object.entries({
            line1: address.line1,
            line2: address.line2,
            city: address.city,
            postal_code: address.postal_code,
            state: address.state,
            country,
          }).filter(([, value]) => value !== null && value !== undefined && value !== ""),
        );
  const input: CreateCustomerInput = {
    external_id: customer.id,
    ...(customer.name ? { name: customer.name.slice(0, 200) } : {}),
    ...(customer.email ? { email: customer.email } : {}),
    ...(billingAddress === null ? {} : { billing_address: billingAddress }),
    ...(country === null ? {} : { country }),
    ...(customer.currency ? { currency: customer.currency.toUpperCase() } : {}),
    ...(customer.preferred_locales?.[0] ? { locale: customer.preferred_locales[0] } : {}),
    tax_ids: (customer.tax_ids?.data ?? []).map((taxId) => ({ type: taxId.type, value: taxId.value })),
    metadata: { ...customer.metadata, stripe_customer_id: customer.id },
  };
  const steps: ImportStep[] = [{ ...source, kind: "customer", input }];
  const balance = customer.balance ?? 0;
  const balanceSource = {
    sourceType: "customer.balance",
    sourceId: customer.id,
    record: { balance, currency: customer.currency },
  };
  if (balance < 0 && customer.currency) {
    const currency = customer.currency.toUpperCase();
    steps.push({
      ...balanceSource,
      kind: "customer_balance",
      customerSourceId: customer.id,
      currency,
      amount: fromMinorUnits(-balance, currency).toFixed(),
    });
  } else if (balance !== 0) {
    steps.push(
      refusal(
        balanceSource,
        balance > 0
          ? `owes ${balance} in minor units as a balance: Fairbill's customer balance holds only credit; bill it as a one-off invoice`
          : "a credit balance without a currency",
      ),
    );
  }
  const discount = customer.discount ?? null;
  const coupon = discount === null ? null : idOf(discount.source?.coupon as string | { id: string } | null);
  if (discount !== null && coupon !== null) steps.push(redemption(discount, coupon, customer.id, null));
  return steps;
}

const endedStatuses: Record<string, string> = {
  canceled: "ended in Stripe",
  incomplete_expired: "never started in Stripe (its first payment expired)",
  incomplete: "not started in Stripe (its first payment is incomplete)",
};

function subscriptionSteps(
  subscription: Stripe.Subscription,
  plans: ReadonlyMap<string, { code: string } | { refusal: string }>,
  coupons: ReadonlyMap<string, Stripe.Coupon>,
): ImportStep[] {
  const source = { sourceType: "subscription", sourceId: subscription.id, record: subscription };
  const refuse = (reason: string, outcome?: Refusal["outcome"]): ImportStep[] => [
    refusal(source, reason, outcome),
  ];
  const ended = endedStatuses[subscription.status];
  if (ended !== undefined) return refuse(ended, "skipped");
  if (subscription.status === "paused")
    return refuse("paused in Stripe: resume or pause it in Fairbill by hand");
  if (subscription.schedule !== null) {
    return refuse(
      `follows the subscription schedule ${idOf(subscription.schedule as string | { id: string })}: ` +
        "its later phases would be plan changes in Fairbill, to be made by a person",
    );
  }
  if (subscription.cancel_at_period_end || subscription.cancel_at !== null) {
    return refuse("is set to cancel in Stripe: import it with its cancellation by hand, or let it end there");
  }
  const items = subscription.items.data;
  const first = items[0];
  if (first === undefined) return refuse("has no items");
  const planSourceId = planKeyOf(items.map((item) => item.price.id)).sourceId;
  const plan = plans.get(planSourceId);
  if (plan === undefined || "refusal" in plan) {
    return refuse(
      `its plan (prices ${planSourceId}) was not imported: ${plan === undefined ? "not found" : plan.refusal}`,
    );
  }
  const trialDays =
    subscription.trial_start !== null && subscription.trial_end !== null
      ? (subscription.trial_end - subscription.trial_start) / secondsPerDay
      : null;
  if (trialDays !== null && !Number.isInteger(trialDays)) {
    return refuse("its trial is not a whole number of days: Fairbill counts trials in days");
  }
  const expectedAnchor = subscription.trial_end ?? subscription.start_date;
  if (
    subscription.billing_cycle_anchor !== expectedAnchor &&
    subscription.billing_cycle_anchor !== subscription.start_date
  ) {
    return refuse(
      `its billing cycle is anchored at ${iso(subscription.billing_cycle_anchor)}, not at its start or trial end: ` +
        "Fairbill bills on the anniversaries of the start",
    );
  }
  const quantities: Record<string, number> = {};
  for (const item of items) {
    if (item.price.recurring?.usage_type === "licensed") quantities[item.price.id] = item.quantity ?? 1;
  }
  const steps: ImportStep[] = [
    {
      ...source,
      kind: "subscription",
      customerSourceId: idOf(subscription.customer as string | { id: string }) as string,
      planSourceType: "price_set",
      planSourceId,
      startAt: iso(subscription.start_date),
      trialDays,
      billing: "anniversary",
      currency: subscription.currency.toUpperCase(),
      quantities,
      metadata: { ...subscription.metadata, stripe_subscription_id: subscription.id },
      billedThrough: iso(first.current_period_start),
      nextBillingAt: iso(first.current_period_end),
    },
  ];
  for (const discount of subscription.discounts) {
    if (typeof discount === "string") {
      steps.push(
        refusal(
          { sourceType: "discount", sourceId: discount, record: discount },
          "listed without its coupon (the importer asks Stripe to expand discounts)",
        ),
      );
      continue;
    }
    const coupon = idOf(discount.source?.coupon as string | { id: string } | null);
    if (coupon === null) continue;
    const recurring = first.price.recurring;
    const monthly = recurring?.interval === "month" && recurring.interval_count === 1;
    if (coupons.get(coupon)?.duration === "repeating" && !monthly) {
      steps.push(
        refusal(
          { sourceType: "discount", sourceId: discount.id, record: discount },
          `coupon ${coupon} lasts a number of months in Stripe and Fairbill counts invoices: ` +
            `on a plan billed every ${recurring?.interval_count ?? 1} ${recurring?.interval ?? "period"} they differ`,
        ),
      );
      continue;
    }
    const customerSourceId = idOf(subscription.customer as string | { id: string }) as string;
    steps.push(redemption(discount, coupon, customerSourceId, subscription.id));
  }
  return steps;
}

/**
 * Every step of importing the account, in the order they can be applied:
 * meters, plans, coupons, customers with their balances and discounts, then
 * subscriptions with theirs.
 */
export function planStripeImport(account: StripeAccount): ImportStep[] {
  const steps: ImportStep[] = [];
  const meterCodes = new Map<string, string>();
  for (const meter of account.meters) {
    const step = meterStep(meter);
    if (step.kind === "meter") meterCodes.set(meter.id, step.input.code);
    steps.push(step);
  }
  const products = new Map(account.products.map((product) => [product.id, product]));
  const prices = new Map(account.prices.map((price) => [price.id, price]));
  const charges = new Map(account.prices.map((price) => [price.id, chargeOfPrice(price, meterCodes)]));

  // The sets of prices billed together, each once; then every other recurring price alone.
  const priceSets = new Map<string, Stripe.Price[]>();
  const used = new Set<string>();
  for (const subscription of account.subscriptions) {
    if (endedStatuses[subscription.status] !== undefined) continue;
    const itemPrices = subscription.items.data.map((item) => prices.get(item.price.id) ?? item.price);
    if (itemPrices.length === 0) continue;
    const key = planKeyOf(itemPrices.map((price) => price.id));
    priceSets.set(
      key.sourceId,
      [...itemPrices].sort((left, right) => left.id.localeCompare(right.id)),
    );
    for (const price of itemPrices) used.add(price.id);
  }
  for (const price of account.prices) {
    if (used.has(price.id)) continue;
    const source = { sourceType: "price", sourceId: price.id, record: price };
    if (!price.active) {
      steps.push(refusal(source, "archived in Stripe and billed by no subscription", "skipped"));
      continue;
    }
    if (price.type !== "recurring") {
      steps.push(refusal(source, "a one-time price billed by no subscription", "skipped"));
      continue;
    }
    priceSets.set(planKeyOf([price.id]).sourceId, [price]);
  }
  const plans = new Map<string, { code: string } | { refusal: string }>();
  for (const [sourceId, set] of priceSets) {
    const step = planStep(set, charges, products);
    plans.set(sourceId, step.kind === "plan" ? { code: step.code } : { refusal: step.reason });
    steps.push(step);
  }
  for (const coupon of account.coupons) steps.push(couponStep(coupon));
  for (const customer of account.customers) steps.push(...customerSteps(customer));
  const coupons = new Map(account.coupons.map((coupon) => [coupon.id, coupon]));
  for (const subscription of account.subscriptions) {
    steps.push(...subscriptionSteps(subscription, plans, coupons));
  }
  for (const invoice of account.invoices) steps.push(stripeInvoiceStep(invoice));
  return steps;
}
