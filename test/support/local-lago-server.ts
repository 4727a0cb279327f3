// A local HTTP server that speaks the read side of Lago's API that the Lago
// importer uses (src/imports/lago-account.ts), under /api/v1 as Lago serves
// it: lists of billable metrics, plans (with charges and filters), coupons,
// customers, subscriptions (active only unless status[] asks for more),
// wallets, applied coupons and invoices (statuses[] filters them), each as
// { <plural>: [...], meta: { current_page, next_page, prev_page, total_pages,
// total_count } } paginated by page and per_page; GET /invoices/:lago_id as
// { invoice } with its fees; 401 { status, error } for a missing or wrong
// bearer key. Tests build the organization with the builders below, in
// Lago's documented object shapes; the importer reads it through the
// official lago-javascript-client.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { closeServer, listenLocally } from "./local-server.ts";

type LagoObject = Record<string, unknown> & { lago_id: string };

const collections = [
  "billable_metrics",
  "plans",
  "coupons",
  "customers",
  "subscriptions",
  "wallets",
  "applied_coupons",
  "invoices",
] as const;
type Collection = (typeof collections)[number];

export type LocalLago = {
  /** Lago's API address without /api/v1, as a person gives it. */
  url: string;
  apiKey: string;
  /** Adds objects to the organization, in the order lists return them. */
  add(collection: Collection, ...objects: LagoObject[]): void;
  /** Every request received (method and path with query), in order. */
  requests: string[];
  close(): Promise<void>;
};

const createdAt = "2026-01-01T00:00:00Z";

export function lagoBillableMetric(fields: {
  code: string;
  aggregation: string;
  fieldName?: string;
  recurring?: boolean;
  filters?: { key: string; values: string[] }[];
}): LagoObject {
  return {
    lago_id: randomUUID(),
    name: fields.code.replaceAll("_", " "),
    code: fields.code,
    description: null,
    recurring: fields.recurring ?? false,
    rounding_function: null,
    rounding_precision: null,
    created_at: createdAt,
    expression: "",
    field_name: fields.fieldName ?? null,
    aggregation_type: fields.aggregation,
    weighted_interval: fields.aggregation === "weighted_sum_agg" ? "seconds" : null,
    filters: fields.filters ?? [],
  };
}

export type LagoChargeFields = {
  metric: string;
  /** The charge's own code (newer Lago versions), when it has one. */
  code?: string;
  model: string;
  properties: Record<string, unknown>;
  payInAdvance?: boolean;
  filters?: { values: Record<string, string[]>; properties: Record<string, unknown> }[];
};

export function lagoCharge(fields: LagoChargeFields): LagoObject {
  return {
    lago_id: randomUUID(),
    lago_billable_metric_id: randomUUID(),
    code: fields.code ?? null,
    billable_metric_code: fields.metric,
    invoice_display_name: null,
    created_at: createdAt,
    charge_model: fields.model,
    pay_in_advance: fields.payInAdvance ?? false,
    invoiceable: true,
    regroup_paid_fees: null,
    prorated: false,
    min_amount_cents: 0,
    properties: fields.properties,
    filters: (fields.filters ?? []).map((filter) => ({
      invoice_display_name: null,
      properties: filter.properties,
      values: filter.values,
    })),
    taxes: [],
  };
}

export function lagoPlan(fields: {
  code: string;
  interval?: string;
  amountCents: number;
  currency?: string;
  payInAdvance?: boolean;
  trialPeriod?: number;
  minimumCommitmentCents?: number;
  charges: LagoObject[];
}): LagoObject {
  const interval = fields.interval ?? "monthly";
  return {
    lago_id: randomUUID(),
    name: fields.code.replaceAll("_", " "),
    invoice_display_name: fields.code,
    created_at: createdAt,
    code: fields.code,
    interval,
    description: "",
    amount_cents: fields.amountCents,
    amount_currency: fields.currency ?? "EUR",
    trial_period: fields.trialPeriod ?? 0,
    pay_in_advance: fields.payInAdvance ?? false,
    bill_charges_monthly: null,
    active_subscriptions_count: 0,
    draft_invoices_count: 0,
    minimum_commitment:
      fields.minimumCommitmentCents === undefined
        ? null
        : {
            lago_id: randomUUID(),
            plan_code: fields.code,
            amount_cents: fields.minimumCommitmentCents,
            invoice_display_name: "Minimum commitment",
            interval,
            created_at: createdAt,
            updated_at: createdAt,
            taxes: [],
          },
    charges: fields.charges,
    taxes: [],
    usage_thresholds: [],
  };
}

export function lagoCoupon(fields: {
  code: string;
  type: "fixed_amount" | "percentage";
  amountCents?: number;
  percentageRate?: string;
  frequency: "once" | "recurring" | "forever";
  frequencyDuration?: number;
  planCodes?: string[];
}): LagoObject {
  return {
    lago_id: randomUUID(),
    name: fields.code.replaceAll("_", " "),
    code: fields.code,
    description: null,
    coupon_type: fields.type,
    amount_cents: fields.amountCents ?? null,
    amount_currency: fields.amountCents === undefined ? null : "EUR",
    reusable: true,
    limited_plans: fields.planCodes !== undefined,
    plan_codes: fields.planCodes ?? [],
    limited_billable_metrics: false,
    billable_metric_codes: [],
    percentage_rate: fields.percentageRate ?? null,
    frequency: fields.frequency,
    frequency_duration: fields.frequencyDuration ?? null,
    expiration: "no_expiration",
    expiration_at: null,
    created_at: createdAt,
    terminated_at: null,
  };
}

export function lagoCustomer(fields: {
  externalId: string;
  name: string;
  country: string;
  taxNumber?: string;
  currency?: string;
  netPaymentTerm?: number;
}): LagoObject {
  return {
    lago_id: randomUUID(),
    sequential_id: 1,
    slug: `LAG-${fields.externalId}`,
    external_id: fields.externalId,
    address_line1: `${fields.externalId} Rue de la Paix`,
    address_line2: null,
    applicable_timezone: "UTC",
    city: "Paris",
    country: fields.country,
    currency: fields.currency ?? "EUR",
    email: `${fields.externalId}@example.com`,
    legal_name: `${fields.name} SAS`,
    legal_number: null,
    logo_url: null,
    name: fields.name,
    firstname: null,
    lastname: null,
    account_type: "customer",
    customer_type: "company",
    phone: null,
    state: null,
    tax_identification_number: fields.taxNumber ?? null,
    timezone: null,
    url: null,
    zipcode: "75002",
    net_payment_term: fields.netPaymentTerm ?? null,
    created_at: createdAt,
    updated_at: createdAt,
    finalize_zero_amount_invoice: "inherit",
    billing_configuration: { invoice_grace_period: 0, document_locale: "fr" },
    shipping_address: null,
    metadata: [
      {
        lago_id: randomUUID(),
        key: "segment",
        value: "smb",
        display_in_invoice: false,
        created_at: createdAt,
      },
    ],
    integration_customers: [],
    taxes: [],
  };
}

export function lagoSubscription(fields: {
  externalId: string;
  customer: string;
  plan: string;
  startedAt: string;
  periodStart: string;
  periodEnd: string;
  status?: "active" | "pending" | "terminated";
  billingTime?: "calendar" | "anniversary";
  endingAt?: string;
}): LagoObject {
  const status = fields.status ?? "active";
  return {
    lago_id: randomUUID(),
    external_id: fields.externalId,
    lago_customer_id: randomUUID(),
    external_customer_id: fields.customer,
    billing_time: fields.billingTime ?? "anniversary",
    name: null,
    plan_code: fields.plan,
    status,
    created_at: fields.startedAt,
    canceled_at: null,
    started_at: status === "pending" ? null : fields.startedAt,
    ending_at: fields.endingAt ?? null,
    subscription_at: fields.startedAt,
    terminated_at: null,
    previous_plan_code: null,
    next_plan_code: null,
    downgrade_plan_date: null,
    trial_ended_at: null,
    current_billing_period_started_at: status === "pending" ? null : fields.periodStart,
    current_billing_period_ending_at: status === "pending" ? null : fields.periodEnd,
    on_termination_credit_note: "credit",
    on_termination_invoice: "generate",
  };
}

export function lagoWallet(fields: {
  customer: string;
  rateAmount: string;
  creditsBalance: string;
  balanceCents: number;
  status?: "active" | "terminated";
}): LagoObject {
  return {
    lago_id: randomUUID(),
    lago_customer_id: randomUUID(),
    external_customer_id: fields.customer,
    status: fields.status ?? "active",
    currency: "EUR",
    name: "Prepaid credits",
    code: "prepaid",
    priority: 50,
    rate_amount: fields.rateAmount,
    credits_balance: fields.creditsBalance,
    balance_cents: fields.balanceCents,
    consumed_credits: "0.0",
    created_at: createdAt,
    expiration_at: null,
    last_balance_sync_at: null,
    last_consumed_credit_at: null,
    terminated_at: null,
    invoice_requires_successful_payment: false,
    applies_to: { fee_types: [], billable_metric_codes: [] },
    recurring_transaction_rules: [],
    ongoing_balance_cents: fields.balanceCents,
    ongoing_usage_balance_cents: 0,
    credits_ongoing_balance: fields.creditsBalance,
    credits_ongoing_usage_balance: "0.0",
  };
}

export function lagoAppliedCoupon(fields: { couponCode: string; customer: string }): LagoObject {
  return {
    lago_id: randomUUID(),
    lago_coupon_id: randomUUID(),
    coupon_code: fields.couponCode,
    coupon_name: fields.couponCode,
    lago_customer_id: randomUUID(),
    external_customer_id: fields.customer,
    status: "active",
    amount_cents: null,
    amount_cents_remaining: null,
    amount_currency: null,
    percentage_rate: null,
    frequency: "forever",
    frequency_duration: null,
    frequency_duration_remaining: null,
    expiration_at: null,
    created_at: createdAt,
    terminated_at: null,
  };
}

export type LagoFeeFields = {
  type: "subscription" | "charge";
  /** The Lago charge a charge fee bills (a new one when left out). */
  chargeLagoId?: string;
  code: string;
  units: string;
  unitAmount: string;
  amountCents: number;
  taxesCents: number;
  from: string;
  to: string;
};

function lagoFee(fields: LagoFeeFields, currency: string): LagoObject {
  return {
    lago_id: randomUUID(),
    lago_charge_id: fields.type === "charge" ? (fields.chargeLagoId ?? randomUUID()) : null,
    lago_charge_filter_id: null,
    amount_cents: fields.amountCents,
    precise_amount: (fields.amountCents / 100).toFixed(2),
    amount_currency: currency,
    taxes_amount_cents: fields.taxesCents,
    taxes_rate: 20,
    units: fields.units,
    precise_unit_amount: fields.unitAmount,
    total_aggregated_units: fields.units,
    total_amount_cents: fields.amountCents + fields.taxesCents,
    total_amount_currency: currency,
    events_count: null,
    pay_in_advance: false,
    invoiceable: true,
    from_date: fields.from,
    to_date: fields.to,
    payment_status: "pending",
    created_at: createdAt,
    sub_total_excluding_taxes_amount_cents: fields.amountCents,
    sub_total_excluding_taxes_precise_amount_cents: String(fields.amountCents),
    item: {
      type: fields.type,
      code: fields.code,
      name: fields.code,
      invoice_display_name: fields.code,
      filters: null,
      lago_item_id: randomUUID(),
      item_type: fields.type === "charge" ? "BillableMetric" : "Subscription",
    },
  };
}

export function lagoInvoice(fields: {
  number: string;
  customer: string;
  issuingDate: string;
  type?: "subscription" | "credit" | "one_off";
  status?: "finalized" | "draft";
  fees: LagoFeeFields[];
  /** What coupons took off the invoice, before tax. */
  couponsCents?: number;
}): LagoObject {
  const currency = "EUR";
  const fees = fields.fees.map((fee) => lagoFee(fee, currency));
  const feesCents = fields.fees.reduce((sum, fee) => sum + fee.amountCents, 0);
  const taxesCents = fields.fees.reduce((sum, fee) => sum + fee.taxesCents, 0);
  const couponsCents = fields.couponsCents ?? 0;
  return {
    lago_id: randomUUID(),
    billing_entity_code: null,
    sequential_id: 1,
    number: fields.number,
    issuing_date: fields.issuingDate,
    payment_due_date: fields.issuingDate,
    net_payment_term: 0,
    invoice_type: fields.type ?? "subscription",
    status: fields.status ?? "finalized",
    payment_status: "succeeded",
    currency,
    fees_amount_cents: feesCents,
    coupons_amount_cents: couponsCents,
    credit_notes_amount_cents: 0,
    sub_total_excluding_taxes_amount_cents: feesCents,
    taxes_amount_cents: taxesCents,
    sub_total_including_taxes_amount_cents: feesCents + taxesCents,
    prepaid_credit_amount_cents: 0,
    progressive_billing_credit_amount_cents: 0,
    total_amount_cents: feesCents + taxesCents - couponsCents,
    version_number: 4,
    file_url: null,
    created_at: fields.issuingDate,
    updated_at: fields.issuingDate,
    customer: { external_id: fields.customer, lago_id: randomUUID(), name: fields.customer },
    metadata: [],
    applied_taxes: [],
    fees,
    subscriptions: [],
    credits: [],
  };
}

/** The list's objects a query asks for: subscriptions by status[] (active by default), invoices by statuses[]. */
function filtered(collection: Collection, objects: LagoObject[], query: URLSearchParams): LagoObject[] {
  if (collection === "subscriptions") {
    const statuses = query.getAll("status[]");
    const wanted = statuses.length === 0 ? ["active"] : statuses;
    return objects.filter((object) => wanted.includes(String(object.status)));
  }
  if (collection === "invoices" && query.getAll("statuses[]").length > 0) {
    return objects.filter((object) => query.getAll("statuses[]").includes(String(object.status)));
  }
  if (collection === "applied_coupons" && query.get("status") !== null) {
    return objects.filter((object) => object.status === query.get("status"));
  }
  return objects;
}

/** An invoice as the list shows it: without its fees, which GET /invoices/:id adds. */
function listed(collection: Collection, object: LagoObject): LagoObject {
  if (collection !== "invoices") return object;
  const { fees: _fees, subscriptions: _subscriptions, credits: _credits, ...invoice } = object;
  return invoice as LagoObject;
}

export async function startLocalLago(): Promise<LocalLago> {
  const apiKey = "lago_local_key_0000000000000000";
  const organization = Object.fromEntries(collections.map((name) => [name, []])) as unknown as Record<
    Collection,
    LagoObject[]
  >;
  const requests: string[] = [];

  function list(collection: Collection, query: URLSearchParams): { status: number; body: unknown } {
    const perPage = Math.min(Number(query.get("per_page") ?? 20), 100);
    const page = Math.max(Number(query.get("page") ?? 1), 1);
    const objects = filtered(collection, organization[collection], query);
    const totalPages = Math.max(Math.ceil(objects.length / perPage), 1);
    return {
      status: 200,
      body: {
        [collection]: objects
          .slice((page - 1) * perPage, page * perPage)
          .map((object) => listed(collection, object)),
        meta: {
          current_page: page,
          next_page: page < totalPages ? page + 1 : null,
          prev_page: page > 1 ? page - 1 : null,
          total_pages: totalPages,
          total_count: objects.length,
        },
      },
    };
  }

  function handle(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? "/", "http://localhost");
    requests.push(`${request.method} ${url.pathname}${url.search}`);
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { "content-type": "application/json; charset=utf-8" });
      response.end(JSON.stringify(body));
    };
    if (request.headers.authorization !== `Bearer ${apiKey}`) {
      send(401, { status: 401, error: "Unauthorized" });
      return;
    }
    const path = url.pathname.replace(/^\/api\/v1\//, "");
    const collection = collections.find((name) => name === path);
    if (request.method === "GET" && collection !== undefined) {
      const answer = list(collection, url.searchParams);
      send(answer.status, answer.body);
      return;
    }
    const invoiceId = /^invoices\/([^/]+)$/.exec(path)?.[1];
    const invoice = organization.invoices.find((candidate) => candidate.lago_id === invoiceId);
    if (request.method === "GET" && invoice !== undefined) {
      send(200, { invoice });
      return;
    }
    send(404, {
      status: 404,
      error: "Not Found",
      code: `${invoiceId === undefined ? "resource" : "invoice"}_not_found`,
    });
  }

  const server: Server = createServer((request, response) => {
    request.resume();
    request.on("end", () => handle(request, response));
  });
  return {
    url: await listenLocally(server),
    apiKey,
    requests,
    add(collection, ...objects) {
      organization[collection].push(...objects);
    },
    close: () => closeServer(server),
  };
}
