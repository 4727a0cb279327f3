// A local HTTP server that speaks the read side of Stripe Billing's API that
// the Stripe importer uses (src/imports): lists of customers (tax ids when
// expanded), products, prices (tiers when expanded), billing meters, coupons,
// subscriptions (every status with status=all) and invoices, with Stripe's
// wire format: JSON lists of { object: "list", data, has_more }, cursor
// pagination by `limit` and `starting_after`, 401 for a wrong key. Tests build
// the account with the builders below, in Stripe's object shapes; the
// importer reads it through the official `stripe` SDK. It is a separate file
// from local-stripe-server.ts (payments), which speaks the write side.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { closeServer, listenLocally } from "./local-server.ts";

type StripeObject = Record<string, unknown> & { id: string };

const listPaths = {
  "/v1/customers": "customers",
  "/v1/products": "products",
  "/v1/prices": "prices",
  "/v1/billing/meters": "meters",
  "/v1/coupons": "coupons",
  "/v1/subscriptions": "subscriptions",
  "/v1/invoices": "invoices",
} as const;

type Collection = (typeof listPaths)[keyof typeof listPaths];

export type LocalStripeBilling = {
  url: string;
  secretKey: string;
  /** Adds objects to the account, in the order lists return them. */
  add(collection: Collection, ...objects: StripeObject[]): void;
  /** Every request received (method and path with query), in order. */
  requests: string[];
  close(): Promise<void>;
};

/** Seconds since the epoch, as Stripe writes instants. */
function stripeTime(iso: string): number {
  return Math.floor(new Date(iso).getTime() / 1000);
}

export function stripeCustomer(fields: {
  id: string;
  name: string;
  email: string;
  currency?: string;
  balance?: number;
  address?: { line1: string; city: string; postal_code: string; country: string; state?: string };
  taxIds?: { type: string; value: string }[];
  preferredLocale?: string;
  couponId?: string;
}): StripeObject {
  return {
    id: fields.id,
    object: "customer",
    name: fields.name,
    email: fields.email,
    currency: fields.currency ?? "usd",
    balance: fields.balance ?? 0,
    address:
      fields.address === undefined
        ? null
        : { line2: null, state: null, ...fields.address, country: fields.address.country },
    created: stripeTime("2030-06-01T00:00:00Z"),
    description: null,
    discount:
      fields.couponId === undefined
        ? null
        : {
            id: `di_${fields.id}`,
            object: "discount",
            source: { type: "coupon", coupon: fields.couponId },
            customer: fields.id,
            subscription: null,
            start: stripeTime("2030-06-01T00:00:00Z"),
            end: null,
          },
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null },
    livemode: false,
    metadata: {},
    preferred_locales: fields.preferredLocale === undefined ? [] : [fields.preferredLocale],
    tax_exempt: "none",
    tax_ids: {
      object: "list",
      has_more: false,
      url: `/v1/customers/${fields.id}/tax_ids`,
      data: (fields.taxIds ?? []).map((taxId, index) => ({
        id: `txi_${fields.id}_${index}`,
        object: "tax_id",
        type: taxId.type,
        value: taxId.value,
        customer: fields.id,
      })),
    },
  };
}

export function stripeProduct(id: string, name: string): StripeObject {
  return { id, object: "product", name, active: true, description: null, metadata: {}, livemode: false };
}

export function stripeMeter(fields: {
  id: string;
  eventName: string;
  displayName: string;
  formula: "sum" | "count" | "last";
  payloadKey?: string;
}): StripeObject {
  return {
    id: fields.id,
    object: "billing.meter",
    display_name: fields.displayName,
    event_name: fields.eventName,
    default_aggregation: { formula: fields.formula },
    customer_mapping: { event_payload_key: "stripe_customer_id", type: "by_id" },
    value_settings: { event_payload_key: fields.payloadKey ?? "value" },
    event_time_window: null,
    status: "active",
    livemode: false,
  };
}

type PriceFields = {
  id: string;
  product: string;
  currency?: string;
  interval?: "day" | "week" | "month" | "year";
  intervalCount?: number;
  nickname?: string;
  /** Licensed (per unit of the item's quantity) unless a meter is given. */
  meter?: string;
  unitAmountDecimal?: string;
  tiers?: { upTo: number | null; unitAmountDecimal: string; flatAmountDecimal?: string }[];
  tiersMode?: "graduated" | "volume";
  transformQuantity?: { divideBy: number; round: "up" | "down" };
  recurring?: boolean;
};

export function stripePrice(fields: PriceFields): StripeObject {
  const tiered = fields.tiers !== undefined;
  const unit = fields.unitAmountDecimal ?? null;
  return {
    id: fields.id,
    object: "price",
    active: true,
    billing_scheme: tiered ? "tiered" : "per_unit",
    currency: fields.currency ?? "usd",
    custom_unit_amount: null,
    livemode: false,
    lookup_key: null,
    metadata: {},
    nickname: fields.nickname ?? null,
    product: fields.product,
    recurring:
      fields.recurring === false
        ? null
        : {
            interval: fields.interval ?? "month",
            interval_count: fields.intervalCount ?? 1,
            meter: fields.meter ?? null,
            usage_type: fields.meter === undefined ? "licensed" : "metered",
            trial_period_days: null,
          },
    tax_behavior: "unspecified",
    tiers: tiered
      ? (fields.tiers ?? []).map((tier) => ({
          up_to: tier.upTo,
          unit_amount: Number.isInteger(Number(tier.unitAmountDecimal))
            ? Number(tier.unitAmountDecimal)
            : null,
          unit_amount_decimal: tier.unitAmountDecimal,
          flat_amount: tier.flatAmountDecimal === undefined ? null : Number(tier.flatAmountDecimal),
          flat_amount_decimal: tier.flatAmountDecimal ?? null,
        }))
      : undefined,
    tiers_mode: tiered ? (fields.tiersMode ?? "graduated") : null,
    transform_quantity:
      fields.transformQuantity === undefined
        ? null
        : { divide_by: fields.transformQuantity.divideBy, round: fields.transformQuantity.round },
    type: fields.recurring === false ? "one_time" : "recurring",
    unit_amount: unit !== null && Number.isInteger(Number(unit)) ? Number(unit) : null,
    unit_amount_decimal: unit,
  };
}

export function stripeCoupon(fields: {
  id: string;
  name: string;
  percentOff?: number;
  amountOff?: number;
  currency?: string;
  duration: "once" | "repeating" | "forever";
  durationInMonths?: number;
  appliesToProducts?: string[];
}): StripeObject {
  return {
    id: fields.id,
    object: "coupon",
    name: fields.name,
    percent_off: fields.percentOff ?? null,
    amount_off: fields.amountOff ?? null,
    currency: fields.currency ?? (fields.amountOff === undefined ? null : "usd"),
    duration: fields.duration,
    duration_in_months: fields.durationInMonths ?? null,
    ...(fields.appliesToProducts === undefined ? {} : { applies_to: { products: fields.appliesToProducts } }),
    max_redemptions: null,
    redeem_by: null,
    times_redeemed: 0,
    valid: true,
    metadata: {},
    livemode: false,
    created: stripeTime("2030-06-01T00:00:00Z"),
  };
}

export function stripeSubscription(
  fields: {
    id: string;
    customer: string;
    items: { price: StripeObject; quantity?: number }[];
    start: string;
    status?: "active" | "trialing" | "canceled" | "past_due" | "incomplete";
    trialEnd?: string;
    couponId?: string;
    cancelAtPeriodEnd?: boolean;
    schedule?: string;
  },
  periodEnd: string,
): StripeObject {
  const start = stripeTime(fields.start);
  const trialEnd = fields.trialEnd === undefined ? null : stripeTime(fields.trialEnd);
  return {
    id: fields.id,
    object: "subscription",
    billing_cycle_anchor: trialEnd ?? start,
    cancel_at: null,
    cancel_at_period_end: fields.cancelAtPeriodEnd ?? false,
    canceled_at: null,
    collection_method: "charge_automatically",
    created: start,
    currency: String(fields.items[0]?.price.currency ?? "usd"),
    customer: fields.customer,
    discounts:
      fields.couponId === undefined
        ? []
        : [
            {
              id: `di_${fields.id}`,
              object: "discount",
              source: { type: "coupon", coupon: fields.couponId },
              customer: fields.customer,
              subscription: fields.id,
              start,
              end: null,
            },
          ],
    ended_at: null,
    items: {
      object: "list",
      has_more: false,
      url: `/v1/subscription_items?subscription=${fields.id}`,
      data: fields.items.map((item, index) => ({
        id: `si_${fields.id}_${index}`,
        object: "subscription_item",
        price: item.price,
        quantity:
          (item.price.recurring as { usage_type: string } | null)?.usage_type === "metered"
            ? undefined
            : (item.quantity ?? 1),
        current_period_start: start,
        current_period_end: stripeTime(periodEnd),
        discounts: [],
        metadata: {},
        subscription: fields.id,
      })),
    },
    livemode: false,
    metadata: {},
    schedule: fields.schedule ?? null,
    start_date: start,
    status: fields.status ?? (trialEnd === null ? "active" : "trialing"),
    trial_end: trialEnd,
    trial_start: trialEnd === null ? null : start,
  };
}

/** A finalized (or draft) subscription invoice of one line billing `price` for the period. */
export function stripeInvoice(fields: {
  id: string;
  number: string;
  customer: string;
  subscription: string;
  price: StripeObject;
  periodStart: string;
  periodEnd: string;
  /** In the currency's minor unit. */
  amount: number;
  tax?: number;
  status?: "draft" | "open" | "paid" | "uncollectible" | "void";
}): StripeObject {
  const tax = fields.tax ?? 0;
  const finalized = fields.status === "draft" ? null : stripeTime(fields.periodEnd);
  const currency = String(fields.price.currency ?? "usd");
  return {
    id: fields.id,
    object: "invoice",
    number: fields.status === "draft" ? null : fields.number,
    customer: fields.customer,
    currency,
    status: fields.status ?? "paid",
    created: stripeTime(fields.periodEnd),
    period_start: stripeTime(fields.periodStart),
    period_end: stripeTime(fields.periodEnd),
    status_transitions: {
      finalized_at: finalized,
      paid_at: finalized,
      marked_uncollectible_at: null,
      voided_at: null,
    },
    subtotal: fields.amount,
    total: fields.amount + tax,
    total_taxes: tax === 0 ? [] : [{ amount: tax, tax_behavior: "exclusive", taxable_amount: fields.amount }],
    lines: {
      object: "list",
      has_more: false,
      url: `/v1/invoices/${fields.id}/lines`,
      data: [
        {
          id: `il_${fields.id}`,
          object: "line_item",
          amount: fields.amount,
          currency,
          description: `1 × ${String(fields.price.product)}`,
          quantity: 1,
          period: { start: stripeTime(fields.periodStart), end: stripeTime(fields.periodEnd) },
          pricing: {
            type: "price_details",
            price_details: { price: fields.price.id, product: fields.price.product },
            unit_amount_decimal: String(fields.amount),
          },
          taxes: tax === 0 ? [] : [{ amount: tax, tax_behavior: "exclusive", taxable_amount: fields.amount }],
          subscription: fields.subscription,
        },
      ],
    },
    livemode: false,
    metadata: {},
  };
}

function expansionsOf(query: URLSearchParams): Set<string> {
  const expand = new Set<string>();
  for (const [key, value] of query) if (key.startsWith("expand")) expand.add(value);
  return expand;
}

/** The object as a list returns it: expandable fields only when asked for. */
function presented(collection: Collection, object: StripeObject, expand: Set<string>): StripeObject {
  const copy: StripeObject = structuredClone(object);
  if (collection === "customers" && !expand.has("data.tax_ids")) delete copy.tax_ids;
  if (collection === "prices" && !expand.has("data.tiers")) delete copy.tiers;
  // A subscription's discounts are ids unless expanded.
  if (collection === "subscriptions" && !expand.has("data.discounts")) {
    copy.discounts = (copy.discounts as StripeObject[]).map((discount) => discount.id);
  }
  return copy;
}

export async function startLocalStripeBilling(): Promise<LocalStripeBilling> {
  const secretKey = "sk_test_localbilling000000000000";
  const account: Record<Collection, StripeObject[]> = {
    customers: [],
    products: [],
    prices: [],
    meters: [],
    coupons: [],
    subscriptions: [],
    invoices: [],
  };
  const requests: string[] = [];

  function list(collection: Collection, query: URLSearchParams): { status: number; body: unknown } {
    const limit = Math.min(Number(query.get("limit") ?? 10), 100);
    let objects = account[collection];
    if (collection === "subscriptions" && query.get("status") !== "all") {
      objects = objects.filter((subscription) => subscription.status !== "canceled");
    }
    const after = query.get("starting_after");
    const from = after === null ? 0 : objects.findIndex((object) => object.id === after) + 1;
    if (after !== null && from === 0) {
      return {
        status: 400,
        body: {
          error: {
            type: "invalid_request_error",
            code: "resource_missing",
            param: "starting_after",
            message: `No such object: '${after}'`,
          },
        },
      };
    }
    const page = objects.slice(from, from + limit);
    const expand = expansionsOf(query);
    return {
      status: 200,
      body: {
        object: "list",
        url: Object.entries(listPaths).find(([, name]) => name === collection)?.[0],
        has_more: from + limit < objects.length,
        data: page.map((object) => presented(collection, object, expand)),
      },
    };
  }

  function handle(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? "/", "http://localhost");
    requests.push(`${request.method} ${url.pathname}${url.search}`);
    const send = (answer: { status: number; body: unknown }) => {
      response.writeHead(answer.status, { "content-type": "application/json", "request-id": "req_local" });
      response.end(JSON.stringify(answer.body));
    };
    if (request.headers.authorization !== `Bearer ${secretKey}`) {
      send({
        status: 401,
        body: { error: { type: "invalid_request_error", message: "Invalid API Key provided." } },
      });
      return;
    }
    const collection = listPaths[url.pathname as keyof typeof listPaths];
    if (request.method === "GET" && collection !== undefined) {
      send(list(collection, url.searchParams));
      return;
    }
    send({
      status: 404,
      body: {
        error: {
          type: "invalid_request_error",
          message: `Unrecognized request URL (${request.method}: ${url.pathname}).`,
        },
      },
    });
  }

  const server: Server = createServer((request, response) => {
    request.resume();
    request.on("end", () => handle(request, response));
  });
  return {
    url: await listenLocally(server),
    secretKey,
    requests,
    add(collection, ...objects) {
      account[collection].push(...objects);
    },
    close: () => closeServer(server),
  };
}
