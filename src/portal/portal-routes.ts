// HTTP routes of the customer portal: issuing a link (an API key's
// POST /v1/customers/{id}/portal-links), revoking every link
// (POST /v1/portal-secret/rotate), which sites may frame the portal
// (/v1/portal-frame-policy), and the portal API under /v1/portal that
// a link's token opens (`Authorization: Portal <token>`), for its customer only.
import type { FastifyRequest } from "fastify";
import { AlertRuleSchema } from "../alerts/index.ts";
import { CreditBalancesSchema } from "../credits/index.ts";
import { CustomerAllowancesSchema, InvoiceSchema } from "../invoicing/index.ts";
import { PagedQuery, PageOf } from "../platform/http/pagination.ts";
import { defineRoutes } from "../platform/http/routes.ts";
import { ListOf, NonEmptyIdParams, PdfFile } from "../platform/http/schemas.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import { authenticatePortalCaller } from "./portal-authentication.ts";
import { getPortalFramePolicy, updatePortalFramePolicy } from "./portal-frame-policy.ts";
import { createPortalLink, rotatePortalSecret } from "./portal-links.ts";
import {
  CreatePortalLinkBody,
  PortalFramePolicySchema,
  PortalLinkSchema,
  PortalProfileSchema,
  PortalSecretRotationSchema,
  PortalSpendAlertBody,
  PortalUpcomingInvoiceSchema,
  PortalUsageSchema,
  UpdatePortalFramePolicyBody,
} from "./portal-schemas.ts";
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

  // Not an API key: these routes take the token of a portal link.
  const portal = { authenticateCaller: authenticatePortalCaller };
  const routes = defineRoutes(app, {
    tags: ["Customer portal"],
    read: portal,
    write: portal,
    security: [],
    description: 'Authenticate with "Authorization: Portal <token>", the token of a portal link.',
  });

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
    "GET /portal/invoices/:id/pdf",
    {
      operationId: "getPortalInvoicePdf",
      summary: "One of the customer's invoices as a PDF",
      params: NonEmptyIdParams,
      response: PdfFile,
    },
    async ({ context, params }, reply) => {
      const { pdf, number } = await portalInvoicePdf(context, params.id);
      return reply
        .type("application/pdf")
        .header("content-disposition", `attachment; filename="${number}.pdf"`)
        .send(Buffer.from(pdf));
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
}
