// What the portal shows its customer, read through the use cases every other
// domain exports, always for the customer the portal token names (the
// context's actor), never for an id the request carries.

import type { AlertRule } from "../alerts/index.ts";
import {
  createAlertRule,
  deleteAlertRule,
  getAlertRule,
  listCustomerAlertRules,
  presentAlertRule,
} from "../alerts/index.ts";
import { DEFAULT_QUANTITY_DISPLAY_DECIMALS } from "../core/index.ts";
import type { CreditBalances } from "../credits/index.ts";
import { creditBalances } from "../credits/index.ts";
import { childCustomerRecords, getCustomer } from "../customers/index.ts";
import type { InvoiceView } from "../invoicing/index.ts";
import {
  customerAllowances,
  getInvoice,
  type InvoicePreview,
  invoiceDocument,
  listInvoices,
  renderInvoicePdf,
  sellerBrandingOf,
  upcomingInvoice,
} from "../invoicing/index.ts";
import { listMeters, queryUsage } from "../metering/index.ts";
import type { RequestContext } from "../platform/context.ts";
import { FairbillError, notFound } from "../platform/errors.ts";
import type { PortalForecast, PortalProfile, PortalSpendAlertInput, PortalUsage } from "./portal-schemas.ts";
import { forecastSpend } from "./spend-forecast.ts";

/** The portal customer's id; only portal routes call these, behind a portal token. */
export function portalCustomerId(context: RequestContext): string {
  if (context.actor.type !== "portal") {
    throw new FairbillError({
      code: "forbidden",
      status: 403,
      detail: "Only a customer signed in to the portal can read its portal.",
    });
  }
  return context.actor.customerId;
}

export async function portalProfile(context: RequestContext): Promise<PortalProfile> {
  const customer = await getCustomer(context, portalCustomerId(context));
  const seller = await sellerBrandingOf(context, customer.id);
  return {
    customer_id: customer.id,
    name: customer.name,
    email: customer.email,
    currency: customer.currency,
    locale: customer.locale,
    timezone: customer.timezone,
    seller: {
      name: seller.name,
      logo_url: seller.logoUrl,
      primary_color: seller.primaryColor,
      primary_text_color: seller.primaryTextColor,
      accent_color: seller.accentColor,
    },
  };
}

export type PortalUpcomingInvoice = {
  at: string;
  cost_to_date: string | null;
  currency: string | null;
  invoice: InvoicePreview | null;
  forecast: PortalForecast | null;
};

/** The next invoice as it stands now (the same preview as /v1/customers/{id}/upcoming-invoice) and its forecast. */
export async function portalUpcomingInvoice(context: RequestContext): Promise<PortalUpcomingInvoice> {
  const now = context.clock.now();
  const preview = await upcomingInvoice(context, portalCustomerId(context));
  return {
    at: now.toISOString(),
    cost_to_date: preview?.total ?? null,
    currency: preview?.currency ?? null,
    invoice: preview,
    forecast: preview === null ? null : forecastSpend(preview.lines, preview.currency, now),
  };
}

/**
 * Usage of each meter the upcoming invoice bills: the quantity billed so far
 * (the invoice line's, so it matches the cost) and its value per day of the
 * customer's time zone from the period start to now.
 */
export async function portalUsage(context: RequestContext): Promise<PortalUsage> {
  const customerId = portalCustomerId(context);
  const now = context.clock.now();
  const customer = await getCustomer(context, customerId);
  const preview = await upcomingInvoice(context, customerId);
  const meters: PortalUsage["meters"] = [];
  for (const line of preview?.lines ?? []) {
    const meterCode = line.details.meter;
    if (line.kind !== "usage" || typeof meterCode !== "string") continue;
    if (line.period_start === null || line.period_end === null || preview === null) continue;
    const [meter] = await listMeters(context, { code: meterCode }, { limit: 1, afterId: undefined });
    const until = Math.min(now.getTime(), Date.parse(line.period_end));
    const days =
      until <= Date.parse(line.period_start)
        ? []
        : (
            await queryUsage(context, {
              customer: customer.external_id,
              meter: meterCode,
              from: line.period_start,
              to: new Date(until).toISOString(),
              window: "day",
            })
          ).windows.map((window) => ({ start: window.start, end: window.end, value: window.value }));
    meters.push({
      meter: meterCode,
      name: meter?.name ?? meterCode,
      aggregation: typeof line.details.aggregation === "string" ? line.details.aggregation : "",
      period_start: line.period_start,
      period_end: line.period_end,
      quantity: line.quantity,
      display_decimals: meter?.display_decimals ?? DEFAULT_QUANTITY_DISPLAY_DECIMALS,
      amount: line.amount,
      currency: preview.currency,
      days,
    });
  }
  return { at: now.toISOString(), meters };
}

export async function portalCreditBalances(context: RequestContext): Promise<CreditBalances> {
  return creditBalances(context, portalCustomerId(context));
}

/** The customer's allowances after each subscription's last closed period. */
export function portalAllowances(context: RequestContext): ReturnType<typeof customerAllowances> {
  return customerAllowances(context, portalCustomerId(context));
}

/**
 * The customer's invoices, newest first. Drafts are left out: they may still
 * change before they are finalized, and the customer is sent only final ones.
 */
export async function portalInvoices(
  context: RequestContext,
  page: { limit?: number; cursor?: string },
): Promise<{ data: InvoiceView[]; next_cursor: string | null }> {
  const result = await listInvoices(context, { ...page, customer_id: portalCustomerId(context) });
  return {
    data: result.data.filter((invoice) => invoice.status !== "draft"),
    next_cursor: result.next_cursor,
  };
}

/**
 * The PDF of one of the customer's finalized invoices, or of one of its
 * children's (a parent's portal reads them); any other customer's is "not found".
 */
export async function portalInvoicePdf(
  context: RequestContext,
  invoiceId: string,
): Promise<{ pdf: Uint8Array; number: string }> {
  const invoice = await getInvoice(context, invoiceId);
  const readable =
    invoice.customer_id === portalCustomerId(context) ||
    (await childCustomerRecords(context.database, context, [portalCustomerId(context)])).some(
      (child) => child.id === invoice.customer_id,
    );
  if (!readable || invoice.status === "draft" || invoice.number === null) {
    throw notFound("invoice", invoiceId);
  }
  const document = await invoiceDocument(context, invoiceId);
  return { pdf: await renderInvoicePdf(document), number: invoice.number };
}

// The portal shows and changes only the spend alerts the customer set there:
// the seller's own alerts on the customer are the seller's business.
function isCustomersOwnSpendAlert(rule: AlertRule): boolean {
  return rule.kind === "spend" && rule.created_by.type === "portal";
}

export async function portalSpendAlerts(context: RequestContext): Promise<AlertRule[]> {
  const customerId = portalCustomerId(context);
  const rules: AlertRule[] = [];
  let afterId: string | undefined;
  // A customer sets a handful of alerts; read them all rather than paging the portal.
  for (;;) {
    const rows = await listCustomerAlertRules(
      context,
      customerId,
      { kind: "spend" },
      { limit: 100, afterId },
    );
    rules.push(...rows.slice(0, 100).map(presentAlertRule).filter(isCustomersOwnSpendAlert));
    if (rows.length <= 100) return rules;
    afterId = rows[99]?.id;
  }
}

export async function createPortalSpendAlert(
  context: RequestContext,
  input: PortalSpendAlertInput,
): Promise<AlertRule> {
  return createAlertRule(context, portalCustomerId(context), {
    kind: "spend",
    threshold: input.threshold,
    ...(input.name === undefined ? {} : { name: input.name }),
    ...(input.email_customer === undefined ? {} : { email_customer: input.email_customer }),
  });
}

export async function deletePortalSpendAlert(context: RequestContext, alertId: string): Promise<AlertRule> {
  const customerId = portalCustomerId(context);
  const rule = await getAlertRule(context, customerId, alertId);
  if (!isCustomersOwnSpendAlert(rule)) throw notFound("spend alert of yours", alertId);
  return deleteAlertRule(context, customerId, alertId);
}
