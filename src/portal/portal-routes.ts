// HTTP routes of the customer portal: issuing a link (an API key's
// POST /v1/customers/{id}/portal-links), revoking every link
// (POST /v1/portal-secret/rotate), which sites may frame the portal
// (/v1/portal-frame-policy), and the portal API under /v1/portal that
// a link's token opens (`Authorization: Portal <token>`), for its customer only.
import type { FastifyRequest } from "fastify";
import { AlertRuleSchema } from "../alerts/index.ts";
import { CreditBalancesSchema } from "../credits/index.ts";
import { CustomerAllowancesSchema, InvoiceSchema } from "../invoicing/index.ts";
import { PaymentMethodSchema } from "../payments/index.ts";
import { sendCsvFile, sendPdfFile } from "../platform/http/file-replies.ts";
import { PagedQuery, PageOf } from "../platform/http/pagination.ts";
import { defineRoutes } from "../platform/http/routes.ts";
import { CsvText, ListOf, NonEmptyIdParams, PdfFile } from "../platform/http/schemas.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import { definePortalRoutes } from "./portal-authentication.ts";
import { portalBillingDetails, updatePortalBillingDetails } from "./portal-billing-details.ts";
import { portalChildInvoices, portalChildren } from "./portal-children.ts";
import { getPortalFramePolicy, updatePortalFramePolicy } from "./portal-frame-policy.ts";
import { createPortalLink, rotatePortalSecret } from "./portal-links.ts";
import { addPortalPaymentMethod, payPortalInvoice, portalPaymentMethods } from "./portal-payments.ts";
import {
  CreatePortalLinkBody,
  PortalBillingDetailsBody,
  PortalBillingDetailsSchema,
  PortalChildSchema,
  PortalFramePolicySchema,
  PortalLinkSchema,
  PortalPaymentMethodBody,
  PortalPaymentSchema,
  PortalProfileSchema,
  PortalSecretRotationSchema,
  PortalSpendAlertBody,
  PortalStatementQuery,
  PortalUpcomingInvoiceSchema,
  PortalUsageSchema,
  UpdatePortalFramePolicyBody,
} from "./portal-schemas.ts";
import { registerPortalSelfServeRoutes } from "./portal-self-serve-routes.ts";
import { portalStatement, portalStatementPdf, statementCsv } from "./portal-statement.ts";
import {
  createPortalSpendAlert,
  deletePortalSpendAlert,
  portalAllowances,
  portalCreditBalances,
  portalInvoicePdf,
  portalInvoices,
  portalProfile,
  portalSpendAlerts,
  portalUpcomingInvoice,
  portalUsage,
} from "./portal-views.ts";

/** Where this server serves the portal page, as the caller reached it. */
function portalBaseUrlOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}/portal/`;
}

export function registerPortalRoutes(app: FairbillApp): void {
  const links = defineRoutes(app, { tags: ["Customer portal links"], write: "billing:write" });
  links.write(
    "POST /customers/:id/portal-links",
    {
      operationId: "createPortalLink",
      summary: "Issue a short-lived signed link to the customer's portal (usage, cost, invoices, alerts)",
      description:
        "Send the customer's browser to `url`, or frame it: the portal page may be shown in an iframe. The " +
        "token is in the fragment, which browsers never send to a server. It works until `expires_at` " +
        "(default one hour, at most seven days), or until the environment's portal secret is rotated.",
      params: NonEmptyIdParams,
      body: CreatePortalLinkBody,
      response: PortalLinkSchema,
      status: 201,
    },
    (request) => createPortalLink(request.context, request.params.id, request.body, portalBaseUrlOf(request)),
  );

  links.write(
    "POST /portal-secret/rotate",
    {
      operationId: "rotatePortalSecret",
      summary: "Revoke every portal link of the environment by replacing the secret they are signed with",
      permission: "keys:manage",
      response: PortalSecretRotationSchema,
    },
    ({ context }) => rotatePortalSecret(context),
  );

  const settings = defineRoutes(app, {
    tags: ["Customer portal links"],
    read: "billing:read",
    write: "settings:manage",
  });
  settings.read(
    "GET /portal-frame-policy",
    {
      operationId: "getPortalFramePolicy",
      summary: "Which sites may show the organization's customer portal in a frame",
      response: PortalFramePolicySchema,
    },
    ({ context }) => getPortalFramePolicy(context),
  );
  settings.write(
    "PUT /portal-frame-policy",
    {
      operationId: "updatePortalFramePolicy",
      summary: "Let any site, no site, or only the listed origins frame the organization's customer portal",
      description:
        "Sets the portal page's Content-Security-Policy frame-ancestors for the links of every environment " +
        "of the organization: null lets any site frame it (the default), [] none, a list those origins only.",
      body: UpdatePortalFramePolicyBody,
      response: PortalFramePolicySchema,
    },
    ({ context, body }) => updatePortalFramePolicy(context, body),
  );

  const routes = definePortalRoutes(app);

  routes.read(
    "GET /portal/me",
    {
      operationId: "getPortalProfile",
      summary: "The portal's customer: name, currency, locale, time zone",
      response: PortalProfileSchema,
    },
    ({ context }) => portalProfile(context),
  );

  routes.read(
    "GET /portal/billing-details",
    {
      operationId: "getPortalBillingDetails",
      summary: "The name, email, billing address and tax number the customer's invoices carry",
      response: PortalBillingDetailsSchema,
    },
    ({ context }) => portalBillingDetails(context),
  );

  routes.write(
    "PUT /portal/billing-details",
    {
      operationId: "updatePortalBillingDetails",
      summary: "Change the customer's billing name, email, address or tax number (fields left out stay)",
      description:
        "The tax number must have the form of one of the billing address's country, with its check digit " +
        "where the scheme has one; a bad one is a 400 naming $.tax_id.",
      body: PortalBillingDetailsBody,
      response: PortalBillingDetailsSchema,
    },
    ({ context, body }) => updatePortalBillingDetails(context, body),
  );

  routes.read(
    "GET /portal/usage",
    {
      operationId: "getPortalUsage",
      summary: "Usage to date of each meter the upcoming invoice bills, per day of the current period",
      response: PortalUsageSchema,
    },
    ({ context }) => portalUsage(context),
  );

  routes.read(
    "GET /portal/upcoming-invoice",
    {
      operationId: "getPortalUpcomingInvoice",
      summary:
        "The cost to date (the upcoming invoice as it stands) and a linear forecast to the period's end",
      response: PortalUpcomingInvoiceSchema,
    },
    ({ context }) => portalUpcomingInvoice(context),
  );

  routes.read(
    "GET /portal/credit-balances",
    {
      operationId: "getPortalCreditBalances",
      summary: "The customer's credit balances per currency",
      response: CreditBalancesSchema,
    },
    ({ context }) => portalCreditBalances(context),
  );

  routes.read(
    "GET /portal/allowances",
    {
      operationId: "listPortalAllowances",
      summary:
        "The customer's allowances after the last closed period: units granted, carried in, used, expired, and carried on",
      response: CustomerAllowancesSchema,
    },
    ({ context }) => portalAllowances(context),
  );

  routes.read(
    "GET /portal/invoices",
    {
      operationId: "listPortalInvoices",
      summary: "The customer's finalized invoices, newest first",
      query: PagedQuery(),
      response: PageOf(InvoiceSchema),
    },
    ({ context, query }) => portalInvoices(context, query),
  );

  routes.read(
    "GET /portal/children",
    {
      operationId: "listPortalChildren",
      summary: "The customer's child accounts, each with its open balance and latest invoices",
      description:
        "A parent account's portal sees its children (account hierarchies); a child's portal lists none, " +
        "and sees neither its parent nor its siblings.",
      response: ListOf(PortalChildSchema),
    },
    ({ context }) => portalChildren(context),
  );

  routes.read(
    "GET /portal/children/:id/invoices",
    {
      operationId: "listPortalChildInvoices",
      summary: "One child account's finalized invoices, newest first, read-only",
      description:
        "Their PDFs open through GET /v1/portal/invoices/{id}/pdf; another customer's id is not found.",
      params: NonEmptyIdParams,
      query: PagedQuery(),
      response: PageOf(InvoiceSchema),
    },
    ({ context, params, query }) => portalChildInvoices(context, params.id, query),
  );

  routes.read(
    "GET /portal/invoices/:id/pdf",
    {
      operationId: "getPortalInvoicePdf",
      summary: "One of the customer's invoices, or of its child accounts', as a PDF",
      params: NonEmptyIdParams,
      response: PdfFile,
    },
    async ({ context, params }, reply) => {
      const { pdf, number } = await portalInvoicePdf(context, params.id);
      return sendPdfFile(reply, `${number}.pdf`, pdf, "attachment");
    },
  );

  routes.write(
    "POST /portal/invoices/:id/pay",
    {
      operationId: "payPortalInvoice",
      summary: "Pay what remains of one of the customer's open invoices with the card on file, once",
      description:
        "Charges the default payment method through the environment's Stripe provider. Asking again while " +
        "the payment is under way, or once the invoice is paid, charges nothing more. A declined card answers " +
        "200 with the payment failed and Stripe's message; 409 when there is no card on file or the " +
        "environment records payments by hand.",
      params: NonEmptyIdParams,
      response: PortalPaymentSchema,
    },
    ({ context, params }) => payPortalInvoice(context, params.id),
  );

  routes.read(
    "GET /portal/payment-methods",
    {
      operationId: "listPortalPaymentMethods",
      summary: "The customer's payment methods on file, newest first; the default one is charged",
      response: ListOf(PaymentMethodSchema),
    },
    async ({ context }) => ({ data: await portalPaymentMethods(context) }),
  );

  routes.write(
    "POST /portal/payment-methods",
    {
      operationId: "addPortalPaymentMethod",
      summary: "Add or replace the card charged for the customer's invoices (a Stripe SetupIntent)",
      description:
        "Sets up the payment method with Stripe for charges made later without the customer, and makes it " +
        "the default. A card Stripe declines is a 400 naming $.payment_method.",
      body: PortalPaymentMethodBody,
      response: PaymentMethodSchema,
      status: 201,
    },
    ({ context, body }) => addPortalPaymentMethod(context, body),
  );

  routes.read(
    "GET /portal/statement",
    {
      operationId: "getPortalStatement",
      summary: "The customer's statement of account as CSV: invoices, payments, credit notes and refunds",
      description:
        "One currency (the customer's unless asked), from `from` to `to`: the balance brought forward, each " +
        "entry with its debit or credit and the running balance, and the closing balance. Drafts and void " +
        "invoices are left out.",
      query: PortalStatementQuery,
      response: CsvText,
    },
    async ({ context, query }, reply) => {
      const { statement, currency, timezone } = await portalStatement(context, query);
      return sendCsvFile(reply, `statement-${currency}.csv`, statementCsv(statement, currency, timezone));
    },
  );

  routes.read(
    "GET /portal/statement.pdf",
    {
      operationId: "getPortalStatementPdf",
      summary: "The customer's statement of account as a PDF in the seller's branding",
      description:
        "The same entries and balances as GET /v1/portal/statement (one currency, from `from` to `to`: the " +
        "balance brought forward, each invoice, payment, credit note and refund with the running balance, the " +
        "closing balance), amounts written with the currency in the customer's locale, and what the customer " +
        "owes now by days past due (not yet due, 1–30, 31–60, 61–90, over 90). The seller's name, logo (when " +
        "it is a data: URL) and primary colour head it.",
      query: PortalStatementQuery,
      response: PdfFile,
    },
    async ({ context, query }, reply) => {
      const pdf = await portalStatementPdf(context, query);
      return sendPdfFile(reply, "statement.pdf", pdf, "attachment");
    },
  );

  routes.read(
    "GET /portal/alerts",
    {
      operationId: "listPortalSpendAlerts",
      summary: "The spend alerts the customer set in the portal",
      response: ListOf(AlertRuleSchema),
    },
    async ({ context }) => ({ data: await portalSpendAlerts(context) }),
  );

  routes.write(
    "POST /portal/alerts",
    {
      operationId: "createPortalSpendAlert",
      summary: "Set a spend alert: be told when the period's cost so far reaches the threshold",
      body: PortalSpendAlertBody,
      response: AlertRuleSchema,
      status: 201,
    },
    ({ context, body }) => createPortalSpendAlert(context, body),
  );

  routes.write(
    "DELETE /portal/alerts/:id",
    {
      operationId: "deletePortalSpendAlert",
      summary: "Delete one of the customer's spend alerts",
      params: NonEmptyIdParams,
      response: AlertRuleSchema,
    },
    ({ context, params }) => deletePortalSpendAlert(context, params.id),
  );

  registerPortalSelfServeRoutes(app);
}
