// HTTP routes of payments: the environment's payment settings, payment
// methods on file, payments (recorded by hand, listed, read), refunds,
// collecting an invoice now or marking it uncollectible, and dunning
// (campaigns, a customer's settings, an invoice's dunning).
import { InvoiceSchema } from "../invoicing/index.ts";
import { declareBulkInvoiceAction } from "../platform/http/bulk-actions.ts";
import { withReason } from "../platform/http/reason.ts";
import { defineRoutes } from "../platform/http/routes.ts";
import { IdParams } from "../platform/http/schemas.ts";
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
  DunningCampaignSchema,
  InvoiceDunningSchema,
  UpdateDunningCampaignBody,
} from "./dunning-schemas.ts";
import { collectInvoiceNow, markUncollectible } from "./invoice-payment-actions.ts";
import { sendInvoiceReminder } from "./invoice-reminders.ts";
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
  paymentSortFields,
  RecordPaymentBody,
  RefundBody,
  RefundSchema,
  SentReminderSchema,
} from "./payment-schemas.ts";
import { getPaymentSettings, updatePaymentSettings } from "./payment-settings.ts";
import { getPayment, listPayments, presentPayment } from "./payment-store.ts";
import { refundPayment } from "./refunds.ts";
import { registerStripeWebhookRoutes } from "./stripe-webhook-routes.ts";

const access = { read: "billing:read", write: "billing:write" } as const;
// Money moving in or out of the books (recorded, charged, refunded, written off) is finance's.
const money = { read: access.read, write: "finance:write" } as const;
// Provider credentials are secrets: settings for admins only.
const secrets = "settings:manage";

export function registerPaymentRoutes(app: FairbillApp): void {
  registerSettingsRoutes(app);
  registerPaymentMethodRoutes(app);
  registerPaymentRecordRoutes(app);
  registerDunningRoutes(app);
  registerStripeWebhookRoutes(app);
}

function registerSettingsRoutes(app: FairbillApp): void {
  const routes = defineRoutes(app, { tags: ["Payment settings"], read: access.read, write: secrets });
  routes.read(
    "GET /payment-settings",
    {
      operationId: "getPaymentSettings",
      summary: "How this environment collects: by hand, or through Stripe (secrets shown by hint only)",
      response: PaymentSettingsSchema,
    },
    ({ context }) => getPaymentSettings(context),
  );
  routes.write(
    "PUT /payment-settings",
    {
      operationId: "updatePaymentSettings",
      summary: "Set the payment provider and Stripe's secret key and webhook signing secret",
      body: PaymentSettingsBody,
      response: PaymentSettingsSchema,
    },
    ({ context, body }) => updatePaymentSettings(context, body),
  );
}

function registerPaymentMethodRoutes(app: FairbillApp): void {
  const routes = defineRoutes(app, { tags: ["Payment methods"], ...access });
  routes.writeById(
    "POST /customers/:id/payment-methods",
    {
      operationId: "attachPaymentMethod",
      summary:
        "Put a payment method collected by Stripe's own form on file for the customer (their Stripe customer is made the first time)",
      body: AttachPaymentMethodBody,
      response: PaymentMethodSchema,
      status: 201,
    },
    attachPaymentMethod,
  );
  routes.listById(
    "GET /customers/:id/payment-methods",
    {
      operationId: "listPaymentMethods",
      summary: "The customer's payment methods on file, newest first; the default one is charged",
      item: PaymentMethodSchema,
    },
    (context, id, _filters, page) => listPaymentMethods(context, id, page),
  );
}

function registerPaymentRecordRoutes(app: FairbillApp): void {
  const routes = defineRoutes(app, { tags: ["Payments"], ...money });
  routes.writeById(
    "POST /invoices/:id/payments",
    {
      operationId: "recordPayment",
      summary:
        "Record money received for an invoice by bank transfer, cheque or cash; partial payments are kept, an overpayment goes to the customer balance",
      body: RecordPaymentBody,
      response: PaymentDetailSchema,
      status: 201,
    },
    recordManualPayment,
  );
  routes.write(
    "POST /invoices/:id/collect",
    {
      operationId: "collectInvoice",
      summary: "Charge what remains on the invoice now, with the customer's default payment method",
      params: IdParams,
      response: PaymentDetailSchema,
      status: 201,
    },
    ({ context, params }) => collectInvoiceNow(context, params.id),
  );
  declareBulkInvoiceAction(
    routes,
    "POST /invoices/bulk-collect",
    {
      operationId: "collectInvoices",
      summary:
        "Retry the payment of up to 100 invoices at once, each as POST /invoices/{id}/collect would, reporting each",
      description:
        "Each invoice is charged what remains with its customer's default payment method, one after the other, " +
        "each recorded (and audited) as the single route records it; a charge the provider declines is a " +
        "failed payment of that invoice, and an invoice that cannot be charged (paid, no payment method, not " +
        "found for this key) is refused without stopping the others.",
    },
    async (context, id) => {
      const payment = await collectInvoiceNow(context, id);
      const reason = payment.failure?.message ?? payment.failure?.code;
      const failure = reason === null || reason === undefined ? "" : `: ${reason}`;
      return `payment ${payment.id} ${payment.status}${failure}`;
    },
  );
  routes.writeById(
    "POST /invoices/:id/mark-uncollectible",
    {
      operationId: "markInvoiceUncollectible",
      summary: "Give up collecting an open or partially paid invoice; its dunning stops",
      body: MarkUncollectibleBody,
      response: InvoiceSchema,
    },
    (context, id, body) => markUncollectible(withReason(context, body.reason), id),
  );
  routes.list(
    "GET /payments",
    {
      operationId: "listPayments",
      summary:
        "List payments, newest first or sorted by amount, status, receipt or creation, by invoice, customer or status",
      filters: PaymentListQuery,
      sorts: paymentSortFields,
      item: PaymentSchema,
    },
    ({ context }, filters, page) => listPayments(context, filters, page),
    presentPayment,
  );
  routes.readById(
    "GET /payments/:id",
    {
      operationId: "getPayment",
      summary: "A payment with its refunds and disputes",
      response: PaymentDetailSchema,
    },
    getPayment,
  );
  routes.writeById(
    "POST /payments/:id/refunds",
    {
      operationId: "refundPayment",
      summary:
        "Refund a payment in full or in part, the way it came (through Stripe, or recorded as paid back by hand)",
      body: RefundBody,
      response: RefundSchema,
      status: 201,
    },
    refundPayment,
  );
}

function registerDunningRoutes(app: FairbillApp): void {
  const routes = defineRoutes(app, { tags: ["Dunning"], ...access });
  routes.write(
    "POST /dunning-campaigns",
    {
      operationId: "createDunningCampaign",
      summary: "Create a dunning campaign: retry schedule, reminders around the due date, final action",
      body: CreateDunningCampaignBody,
      response: DunningCampaignSchema,
      status: 201,
    },
    ({ context, body }) => createDunningCampaign(context, body),
  );
  routes.list(
    "GET /dunning-campaigns",
    {
      operationId: "listDunningCampaigns",
      summary: "List the environment's dunning campaigns, newest first",
      item: DunningCampaignSchema,
    },
    ({ context }, _filters, page) => listDunningCampaigns(context, page),
  );
  routes.readById(
    "GET /dunning-campaigns/:id",
    {
      operationId: "getDunningCampaign",
      summary: "A dunning campaign",
      response: DunningCampaignSchema,
    },
    getDunningCampaign,
  );
  routes.writeById(
    "PATCH /dunning-campaigns/:id",
    {
      operationId: "updateDunningCampaign",
      summary: "Change a dunning campaign (invoices already in dunning keep the rules they started with)",
      body: UpdateDunningCampaignBody,
      response: DunningCampaignSchema,
    },
    updateDunningCampaign,
  );
  routes.readById(
    "GET /customers/:id/dunning",
    {
      operationId: "getCustomerDunning",
      summary: "The customer's dunning campaign or exemption, and whether dunning blocks their entitlements",
      response: CustomerDunningSchema,
    },
    getCustomerDunning,
  );
  routes.writeById(
    "PUT /customers/:id/dunning",
    {
      operationId: "updateCustomerDunning",
      summary: "Give the customer their own campaign, or exempt them from dunning",
      body: CustomerDunningBody,
      response: CustomerDunningSchema,
    },
    updateCustomerDunning,
  );
  routes.write(
    "POST /invoices/:id/send-reminder",
    {
      operationId: "sendInvoiceReminder",
      summary: "Email the customer a payment reminder for an invoice still owed, now",
      description:
        "Before the due date the invoice email again, from the due date on the dunning reminder with the days " +
        "overdue (the templates the dunning campaign sends); recorded in the audit log. Refused (409) for an " +
        "invoice not owed or a customer without an email address.",
      params: IdParams,
      response: SentReminderSchema,
    },
    ({ context, params }) => sendInvoiceReminder(context, params.id),
  );
  declareBulkInvoiceAction(
    routes,
    "POST /invoices/bulk-send-reminder",
    {
      operationId: "sendInvoiceReminders",
      summary:
        "Email payment reminders for up to 100 invoices at once, each as send-reminder would, reporting each",
      description:
        "Each reminder is sent and audited in its own transaction; an invoice not owed, a customer without an " +
        "email address or an id not found for this key is refused without stopping the others.",
    },
    async (context, id) => {
      const sent = await sendInvoiceReminder(context, id);
      return sent.template === "dunning_reminder"
        ? `reminder emailed (${sent.days_overdue} days overdue)`
        : "invoice emailed again (not yet due)";
    },
  );
  routes.readById(
    "GET /invoices/:id/dunning",
    {
      operationId: "getInvoiceDunning",
      summary: "The invoice's dunning: its campaign, every step planned and what each did",
      response: InvoiceDunningSchema,
    },
    getInvoiceDunning,
  );
}
