// HTTP routes of payments: the environment's payment settings, payment
// methods on file, payments (recorded by hand, listed, read), refunds,
// collecting an invoice now or marking it uncollectible, and dunning
// (campaigns, a customer's settings, an invoice's dunning).
import { Type } from "typebox";
import { InvoiceSchema } from "../invoicing/index.ts";
import { PageOf, PageQuery } from "../platform/http/pagination.ts";
import { withReason } from "../platform/http/reason.ts";
import { standardErrorResponses } from "../platform/http/schemas.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import {
  createDunningCampaign,
  getCustomerDunning,
  getDunningCampaign,
  getInvoiceDunning,
  listDunningCampaigns,
  updateCustomerDunning,
  updateDunningCampaign,
} from "./dunning-campaigns.ts";
import {
  CreateDunningCampaignBody,
  CustomerDunningBody,
  CustomerDunningSchema,
  DunningCampaignListQuery,
  DunningCampaignSchema,
  InvoiceDunningSchema,
  UpdateDunningCampaignBody,
} from "./dunning-schemas.ts";
import { collectInvoiceNow, markUncollectible } from "./invoice-payment-actions.ts";
import { recordManualPayment } from "./manual-payments.ts";
import { attachPaymentMethod, listPaymentMethods } from "./payment-methods.ts";
import {
  AttachPaymentMethodBody,
  MarkUncollectibleBody,
  PaymentDetailSchema,
  PaymentListQuery,
  PaymentMethodSchema,
  PaymentSchema,
  PaymentSettingsBody,
  PaymentSettingsSchema,
  RecordPaymentBody,
  RefundBody,
  RefundSchema,
} from "./payment-schemas.ts";
import { getPaymentSettings, updatePaymentSettings } from "./payment-settings.ts";
import { getPayment, listPayments } from "./payment-store.ts";
import { refundPayment } from "./refunds.ts";
import { registerStripeWebhookRoutes } from "./stripe-webhook-routes.ts";

const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

const read = { permission: "billing:read" as const };
const write = { permission: "billing:write" as const };
// Money moving in or out of the books by hand is finance's to record.
const money = { permission: "finance:write" as const };
// Provider credentials are secrets, for admins only, like API keys.
const secrets = { permission: "keys:manage" as const };

export function registerPaymentRoutes(app: FairbillApp): void {
  registerSettingsRoutes(app);
  registerPaymentMethodRoutes(app);
  registerPaymentRecordRoutes(app);
  registerDunningRoutes(app);
  registerStripeWebhookRoutes(app);
}

function registerSettingsRoutes(app: FairbillApp): void {
  const tags = ["Payment settings"];
  app.get(
    "/payment-settings",
    {
      config: read,
      schema: {
        tags,
        summary: "How this environment collects: by hand, or through Stripe (secrets shown by hint only)",
        response: { 200: PaymentSettingsSchema, ...standardErrorResponses },
      },
    },
    async (request) => getPaymentSettings(request.context),
  );
  app.put(
    "/payment-settings",
    {
      config: secrets,
      schema: {
        tags,
        summary: "Set the payment provider and Stripe's secret key and webhook signing secret",
        body: PaymentSettingsBody,
        response: { 200: PaymentSettingsSchema, ...standardErrorResponses },
      },
    },
    async (request) => updatePaymentSettings(request.context, request.body),
  );
}

function registerPaymentMethodRoutes(app: FairbillApp): void {
  const tags = ["Payment methods"];
  app.post(
    "/customers/:id/payment-methods",
    {
      config: write,
      schema: {
        tags,
        summary:
          "Put a payment method collected by Stripe's own form on file for the customer (their Stripe customer is made the first time)",
        params: IdParams,
        body: AttachPaymentMethodBody,
        response: { 201: PaymentMethodSchema, ...standardErrorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await attachPaymentMethod(request.context, request.params.id, request.body)),
  );
  app.get(
    "/customers/:id/payment-methods",
    {
      config: read,
      schema: {
        tags,
        summary: "The customer's payment methods on file, newest first; the default one is charged",
        params: IdParams,
        querystring: Type.Object({ ...PageQuery }, { additionalProperties: false }),
        response: { 200: PageOf(PaymentMethodSchema), ...standardErrorResponses },
      },
    },
    async (request) => listPaymentMethods(request.context, request.params.id, request.query),
  );
}

function registerPaymentRecordRoutes(app: FairbillApp): void {
  const tags = ["Payments"];
  app.post(
    "/invoices/:id/payments",
    {
      config: money,
      schema: {
        tags,
        summary:
          "Record money received for an invoice by bank transfer, cheque or cash; partial payments are kept, an overpayment goes to the customer balance",
        params: IdParams,
        body: RecordPaymentBody,
        response: { 201: PaymentDetailSchema, ...standardErrorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await recordManualPayment(request.context, request.params.id, request.body)),
  );
  app.post(
    "/invoices/:id/collect",
    {
      config: write,
      schema: {
        tags,
        summary: "Charge what remains on the invoice now, with the customer's default payment method",
        params: IdParams,
        response: { 201: PaymentDetailSchema, ...standardErrorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await collectInvoiceNow(request.context, request.params.id)),
  );
  app.post(
    "/invoices/:id/mark-uncollectible",
    {
      config: write,
      schema: {
        tags,
        summary: "Give up collecting an open or partially paid invoice; its dunning stops",
        params: IdParams,
        body: MarkUncollectibleBody,
        response: { 200: InvoiceSchema, ...standardErrorResponses },
      },
    },
    async (request) => markUncollectible(withReason(request.context, request.body.reason), request.params.id),
  );
  app.get(
    "/payments",
    {
      config: read,
      schema: {
        tags,
        summary: "List payments, newest first, by invoice, customer or status",
        querystring: PaymentListQuery,
        response: { 200: PageOf(PaymentSchema), ...standardErrorResponses },
      },
    },
    async (request) => listPayments(request.context, request.query),
  );
  app.get(
    "/payments/:id",
    {
      config: read,
      schema: {
        tags,
        summary: "A payment with its refunds and disputes",
        params: IdParams,
        response: { 200: PaymentDetailSchema, ...standardErrorResponses },
      },
    },
    async (request) => getPayment(request.context, request.params.id),
  );
  app.post(
    "/payments/:id/refunds",
    {
      config: money,
      schema: {
        tags,
        summary:
          "Refund a payment in full or in part, the way it came (through Stripe, or recorded as paid back by hand)",
        params: IdParams,
        body: RefundBody,
        response: { 201: RefundSchema, ...standardErrorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await refundPayment(request.context, request.params.id, request.body)),
  );
}

function registerDunningRoutes(app: FairbillApp): void {
  const tags = ["Dunning"];
  app.post(
    "/dunning-campaigns",
    {
      config: write,
      schema: {
        tags,
        summary: "Create a dunning campaign: retry schedule, reminders around the due date, final action",
        body: CreateDunningCampaignBody,
        response: { 201: DunningCampaignSchema, ...standardErrorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createDunningCampaign(request.context, request.body)),
  );
  app.get(
    "/dunning-campaigns",
    {
      config: read,
      schema: {
        tags,
        summary: "List the environment's dunning campaigns, newest first",
        querystring: DunningCampaignListQuery,
        response: { 200: PageOf(DunningCampaignSchema), ...standardErrorResponses },
      },
    },
    async (request) => listDunningCampaigns(request.context, request.query),
  );
  app.get(
    "/dunning-campaigns/:id",
    {
      config: read,
      schema: {
        tags,
        summary: "A dunning campaign",
        params: IdParams,
        response: { 200: DunningCampaignSchema, ...standardErrorResponses },
      },
    },
    async (request) => getDunningCampaign(request.context, request.params.id),
  );
  app.patch(
    "/dunning-campaigns/:id",
    {
      config: write,
      schema: {
        tags,
        summary: "Change a dunning campaign (invoices already in dunning keep the rules they started with)",
        params: IdParams,
        body: UpdateDunningCampaignBody,
        response: { 200: DunningCampaignSchema, ...standardErrorResponses },
      },
    },
    async (request) => updateDunningCampaign(request.context, request.params.id, request.body),
  );
  app.get(
    "/customers/:id/dunning",
    {
      config: read,
      schema: {
        tags,
        summary:
          "The customer's dunning campaign or exemption, and whether dunning blocks their entitlements",
        params: IdParams,
        response: { 200: CustomerDunningSchema, ...standardErrorResponses },
      },
    },
    async (request) => getCustomerDunning(request.context, request.params.id),
  );
  app.put(
    "/customers/:id/dunning",
    {
      config: write,
      schema: {
        tags,
        summary: "Give the customer their own campaign, or exempt them from dunning",
        params: IdParams,
        body: CustomerDunningBody,
        response: { 200: CustomerDunningSchema, ...standardErrorResponses },
      },
    },
    async (request) => updateCustomerDunning(request.context, request.params.id, request.body),
  );
  app.get(
    "/invoices/:id/dunning",
    {
      config: read,
      schema: {
        tags,
        summary: "The invoice's dunning: its campaign, every step planned and what each did",
        params: IdParams,
        response: { 200: InvoiceDunningSchema, ...standardErrorResponses },
      },
    },
    async (request) => getInvoiceDunning(request.context, request.params.id),
  );
}
