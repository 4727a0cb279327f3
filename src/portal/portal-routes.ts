// HTTP routes of the customer portal: issuing a link (an API key's
// POST /v1/customers/{id}/portal-links), revoking every link
// (POST /v1/portal-secret/rotate), and the portal API under /v1/portal that
// a link's token opens (`Authorization: Portal <token>`), for its customer only.
import type { FastifyRequest } from "fastify";
import { Type } from "typebox";
import { AlertRuleSchema } from "../alerts/index.ts";
import { CreditBalancesSchema } from "../credits/index.ts";
import { InvoiceSchema } from "../invoicing/index.ts";
import { PageOf, PageQuery } from "../platform/http/pagination.ts";
import { standardErrorResponses } from "../platform/http/schemas.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import { authenticatePortalCaller } from "./portal-authentication.ts";
import { createPortalLink, rotatePortalSecret } from "./portal-links.ts";
import {
  CreatePortalLinkBody,
  PortalLinkSchema,
  PortalProfileSchema,
  PortalSecretRotationSchema,
  PortalSpendAlertBody,
  PortalUpcomingInvoiceSchema,
  PortalUsageSchema,
} from "./portal-schemas.ts";
import {
  createPortalSpendAlert,
  deletePortalSpendAlert,
  portalCreditBalances,
  portalInvoicePdf,
  portalInvoices,
  portalProfile,
  portalSpendAlerts,
  portalUpcomingInvoice,
  portalUsage,
} from "./portal-views.ts";

const ObjectId = Type.String({ minLength: 1, maxLength: 64 });
const IdParams = Type.Object({ id: ObjectId });

/** Where this server serves the portal page, as the caller reached it. */
function portalBaseUrlOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}/portal/`;
}

export function registerPortalRoutes(app: FairbillApp): void {
  const linkTags = ["Customer portal links"];
  app.post(
    "/customers/:id/portal-links",
    {
      config: { permission: "billing:write" },
      schema: {
        tags: linkTags,
        summary: "Issue a short-lived signed link to the customer's portal (usage, cost, invoices, alerts)",
        description:
          "Send the customer's browser to `url`, or frame it: the portal page may be shown in an iframe. The " +
          "token is in the fragment, which browsers never send to a server. It works until `expires_at` " +
          "(default one hour, at most seven days), or until the environment's portal secret is rotated.",
        params: IdParams,
        body: CreatePortalLinkBody,
        response: { 201: PortalLinkSchema, ...standardErrorResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await createPortalLink(request.context, request.params.id, request.body, portalBaseUrlOf(request)),
        ),
  );

  app.post(
    "/portal-secret/rotate",
    {
      config: { permission: "keys:manage" },
      schema: {
        tags: linkTags,
        summary: "Revoke every portal link of the environment by replacing the secret they are signed with",
        response: { 200: PortalSecretRotationSchema, ...standardErrorResponses },
      },
    },
    async (request) => rotatePortalSecret(request.context),
  );

  const tags = ["Customer portal"];
  const portal = { authenticateCaller: authenticatePortalCaller };
  // Not an API key: these routes take the token of a portal link.
  const security: never[] = [];
  const description = 'Authenticate with "Authorization: Portal <token>", the token of a portal link.';

  app.get(
    "/portal/me",
    {
      config: portal,
      schema: {
        tags,
        security,
        description,
        summary: "The portal's customer: name, currency, locale, time zone",
        response: { 200: PortalProfileSchema, ...standardErrorResponses },
      },
    },
    async (request) => portalProfile(request.context),
  );

  app.get(
    "/portal/usage",
    {
      config: portal,
      schema: {
        tags,
        security,
        description,
        summary: "Usage to date of each meter the upcoming invoice bills, per day of the current period",
        response: { 200: PortalUsageSchema, ...standardErrorResponses },
      },
    },
    async (request) => portalUsage(request.context),
  );

  app.get(
    "/portal/upcoming-invoice",
    {
      config: portal,
      schema: {
        tags,
        security,
        description,
        summary:
          "The cost to date (the upcoming invoice as it stands) and a linear forecast to the period's end",
        response: { 200: PortalUpcomingInvoiceSchema, ...standardErrorResponses },
      },
    },
    async (request) => portalUpcomingInvoice(request.context),
  );

  app.get(
    "/portal/credit-balances",
    {
      config: portal,
      schema: {
        tags,
        security,
        description,
        summary: "The customer's credit balances per currency",
        response: { 200: CreditBalancesSchema, ...standardErrorResponses },
      },
    },
    async (request) => portalCreditBalances(request.context),
  );

  app.get(
    "/portal/invoices",
    {
      config: portal,
      schema: {
        tags,
        security,
        description,
        summary: "The customer's finalized invoices, newest first",
        querystring: Type.Object(PageQuery, { additionalProperties: false }),
        response: { 200: PageOf(InvoiceSchema), ...standardErrorResponses },
      },
    },
    async (request) => portalInvoices(request.context, request.query),
  );

  app.get(
    "/portal/invoices/:id/pdf",
    {
      config: portal,
      schema: {
        tags,
        security,
        description,
        summary: "One of the customer's invoices as a PDF",
        params: IdParams,
        response: {
          200: Type.Unsafe<Buffer>({ type: "string", format: "binary", description: "application/pdf" }),
          ...standardErrorResponses,
        },
      },
    },
    async (request, reply) => {
      const { pdf, number } = await portalInvoicePdf(request.context, request.params.id);
      return reply
        .type("application/pdf")
        .header("content-disposition", `attachment; filename="${number}.pdf"`)
        .send(Buffer.from(pdf));
    },
  );

  app.get(
    "/portal/alerts",
    {
      config: portal,
      schema: {
        tags,
        security,
        description,
        summary: "The spend alerts the customer set in the portal",
        response: { 200: Type.Object({ data: Type.Array(AlertRuleSchema) }), ...standardErrorResponses },
      },
    },
    async (request) => ({ data: await portalSpendAlerts(request.context) }),
  );

  app.post(
    "/portal/alerts",
    {
      config: portal,
      schema: {
        tags,
        security,
        description,
        summary: "Set a spend alert: be told when the period's cost so far reaches the threshold",
        body: PortalSpendAlertBody,
        response: { 201: AlertRuleSchema, ...standardErrorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createPortalSpendAlert(request.context, request.body)),
  );

  app.delete(
    "/portal/alerts/:id",
    {
      config: portal,
      schema: {
        tags,
        security,
        description,
        summary: "Delete one of the customer's spend alerts",
        params: IdParams,
        response: { 200: AlertRuleSchema, ...standardErrorResponses },
      },
    },
    async (request) => deletePortalSpendAlert(request.context, request.params.id),
  );
}
