// HTTP routes of invoicing: invoices (list, read, one-off, finalize, void),
// receivables by age, credit notes, the upcoming invoice, billing a customer now, and the
// environment's invoicing settings.
import { Type } from "typebox";
import { notFound } from "../platform/errors.ts";
import { declareBulkInvoiceAction } from "../platform/http/bulk-actions.ts";
import { sendPdfFile } from "../platform/http/file-replies.ts";
import { PageOf } from "../platform/http/pagination.ts";
import { defineRoutes } from "../platform/http/routes.ts";
import { IdParams, PdfFile } from "../platform/http/schemas.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import { billCustomerDue } from "./bill-customer.ts";
import { createCreditNote, getCreditNote, listCreditNotes } from "./credit-notes.ts";
import { customerAllowances } from "./customer-allowances.ts";
import { loadCustomerRow } from "./customer-billing.ts";
import { renderInvoiceHtml } from "./documents/invoice-html.ts";
import { renderInvoicePdf } from "./documents/invoice-pdf.ts";
import { creditNoteDocument, invoiceDocument } from "./invoice-documents.ts";
import { finalizeInvoice } from "./invoice-finalization.ts";
import { upcomingInvoice } from "./invoice-previews.ts";
import {
  BillNowResultSchema,
  CreateCreditNoteBody,
  CreateOneOffInvoiceBody,
  CreditNoteListQuery,
  CreditNoteSchema,
  CustomerAllowancesSchema,
  InvoiceListQuery,
  InvoicePreviewSchema,
  InvoiceSchema,
  InvoicingSettingsBody,
  InvoicingSettingsSchema,
  ReceivablesAgeingQuery,
  ReceivablesAgeingSchema,
  UpcomingInvoiceQuery,
  VoidInvoiceBody,
} from "./invoice-schemas.ts";
import { getInvoice, listInvoices, voidInvoice } from "./invoices.ts";
import {
  presentInvoicingSettings,
  readInvoicingSettings,
  updateInvoicingSettings,
} from "./invoicing-settings.ts";
import { createOneOffInvoice } from "./one-off-invoices.ts";
import { billCustomerProgressively } from "./progressive-billing.ts";
import { receivablesAgeing } from "./receivables-ageing.ts";

export function registerInvoiceRoutes(app: FairbillApp): void {
  const access = { read: "billing:read", write: "billing:write" } as const;
  const routes = defineRoutes(app, { tags: ["Invoices"], ...access });

  routes.read(
    "GET /invoices",
    {
      operationId: "listInvoices",
      summary: "List invoices, newest first, by customer, subscription, status or issue date",
      query: InvoiceListQuery,
      response: PageOf(InvoiceSchema),
    },
    ({ context, query }) => listInvoices(context, query),
  );

  routes.read(
    "GET /receivables/ageing",
    {
      operationId: "getReceivablesAgeing",
      summary:
        "What customers still owe per currency, by days past due: current, 1-30, 31-60, 61-90, over 90",
      query: ReceivablesAgeingQuery,
      response: ReceivablesAgeingSchema,
    },
    ({ context, query }) => receivablesAgeing(context, query),
  );

  routes.readById(
    "GET /invoices/:id",
    {
      operationId: "getInvoice",
      summary: "An invoice with its lines and each line's explanation",
      response: InvoiceSchema,
    },
    getInvoice,
  );

  routes.write(
    "POST /invoices",
    {
      operationId: "createOneOffInvoice",
      summary: "Create a one-off invoice (a draft unless finalize is true)",
      body: CreateOneOffInvoiceBody,
      response: InvoiceSchema,
      status: 201,
    },
    async ({ context, body }) => {
      const { id } = await context.database.transaction().execute((transaction) =>
        createOneOffInvoice(transaction, context, {
          customerId: body.customer_id,
          currency: body.currency,
          lines: body.lines.map((line) => ({
            description: line.description,
            quantity: line.quantity,
            unitAmount: line.unit_amount,
          })),
          finalize: body.finalize === true,
          ...(body.memo === undefined ? {} : { memo: body.memo }),
        }),
      );
      return getInvoice(context, id);
    },
  );

  routes.writeById(
    "POST /invoices/:id/finalize",
    {
      operationId: "finalizeInvoice",
      summary:
        "Finalize a draft now: a one-off draft, or a subscription invoice before its grace period ends",
      response: InvoiceSchema,
    },
    finalizeInvoice,
  );

  declareBulkInvoiceAction(
    routes,
    "POST /invoices/bulk-finalize",
    {
      operationId: "finalizeInvoices",
      summary:
        "Finalize up to 100 drafts at once, each as POST /invoices/{id}/finalize would, reporting each",
      description:
        "Each draft is finalized in its own transaction by the same step as the single route (audited the same " +
        "way); one refused (not a draft, held, not found for this key) leaves the others done. The answer " +
        "lists every id in order with what was done or its problem; repeat the request with the same " +
        "Idempotency-Key to get the same answer without finalizing anything twice.",
    },
    async (context, id) => {
      const invoice = await finalizeInvoice(context, id);
      return `finalized as ${invoice.number ?? id}`;
    },
  );

  routes.writeById(
    "POST /invoices/:id/void",
    {
      operationId: "voidInvoice",
      summary:
        "Void a finalized, unpaid invoice; its number stays on record, its credits and balance come back, " +
        "and the credits it sold are voided (409 invoice_credits_used while any of them are used)",
      body: VoidInvoiceBody,
      response: InvoiceSchema,
    },
    (context, id, body) => voidInvoice(context, id, body.reason),
  );

  const documents = defineRoutes(app, { tags: ["Invoice documents"], ...access });
  const documentRoutes = [
    { path: "/invoices/:id", what: "invoice", noun: "Invoice", build: invoiceDocument },
    { path: "/credit-notes/:id", what: "credit note", noun: "CreditNote", build: creditNoteDocument },
  ] as const;
  for (const route of documentRoutes) {
    documents.read(
      `GET ${route.path}/pdf`,
      {
        operationId: `get${route.noun}Pdf`,
        summary: `The ${route.what} as a PDF, with seller, buyer, lines and their explanations, tax and totals`,
        params: IdParams,
        response: PdfFile,
      },
      async ({ context, params }, reply) => {
        const document = await route.build(context, params.id);
        const pdf = await renderInvoicePdf(document);
        return sendPdfFile(reply, `${document.number ?? "draft"}.pdf`, pdf, "inline");
      },
    );
    documents.read(
      `GET ${route.path}/html`,
      {
        operationId: `get${route.noun}Html`,
        summary: `The ${route.what} as a printable HTML page`,
        params: IdParams,
        response: Type.String({ description: "text/html" }),
      },
      async ({ context, params }, reply) => {
        const document = await route.build(context, params.id);
        return reply.type("text/html; charset=utf-8").send(renderInvoiceHtml(document));
      },
    );
  }

  // Correcting a finalized invoice is finance's; reading credit notes is everyone's who reads invoices.
  const creditNotes = defineRoutes(app, {
    tags: ["Credit notes"],
    read: access.read,
    write: "finance:write",
  });
  creditNotes.writeById(
    "POST /invoices/:id/credit-notes",
    {
      operationId: "createCreditNote",
      summary:
        "Correct a finalized invoice with a credit note, for some lines or in full; on an invoice that sold " +
        "credits, it takes back the credits left in the share it refunds (409 invoice_credits_used beyond what is left)",
      body: CreateCreditNoteBody,
      response: CreditNoteSchema,
      status: 201,
    },
    createCreditNote,
  );

  creditNotes.read(
    "GET /credit-notes",
    {
      operationId: "listCreditNotes",
      summary: "List credit notes, newest first",
      query: CreditNoteListQuery,
      response: PageOf(CreditNoteSchema),
    },
    ({ context, query }) => listCreditNotes(context, query),
  );

  creditNotes.readById(
    "GET /credit-notes/:id",
    {
      operationId: "getCreditNote",
      summary: "A credit note",
      response: CreditNoteSchema,
    },
    getCreditNote,
  );

  routes.read(
    "GET /customers/:id/upcoming-invoice",
    {
      operationId: "getUpcomingInvoice",
      summary: "The customer's next invoice as it stands now, from live usage (nothing is stored)",
      params: IdParams,
      query: UpcomingInvoiceQuery,
      response: InvoicePreviewSchema,
    },
    async ({ context, params, query }) => {
      const preview = await upcomingInvoice(context, params.id, {
        ...(query.subscription_id === undefined ? {} : { subscriptionId: query.subscription_id }),
      });
      if (preview === null) throw notFound("upcoming invoice of customer", params.id);
      return preview;
    },
  );

  routes.readById(
    "GET /customers/:id/allowances",
    {
      operationId: "listCustomerAllowances",
      summary:
        "The customer's allowances after the last closed period of each subscription: grant, units carried in, used, expired, and the balance carried on (from its finalized invoices)",
      response: CustomerAllowancesSchema,
    },
    customerAllowances,
  );

  routes.writeById(
    "POST /customers/:id/bill",
    {
      operationId: "billCustomer",
      summary:
        "Issue every invoice of the customer that is due now (what the bill run does, for one customer)",
      response: BillNowResultSchema,
    },
    async (context, id) => {
      await loadCustomerRow(context.database, context, id);
      const now = context.clock.now();
      const billed = await billCustomerDue(context, id, now);
      const progressive = await billCustomerProgressively(context, id, now);
      return { issued: billed.issued + progressive, finalized: billed.finalized + progressive };
    },
  );

  const settings = defineRoutes(app, {
    tags: ["Invoicing settings"],
    read: access.read,
    write: "finance:write",
  });
  settings.read(
    "GET /invoicing-settings",
    {
      operationId: "getInvoicingSettings",
      summary: "The seller printed on invoices, numbering prefixes, grace period and payment terms",
      response: InvoicingSettingsSchema,
    },
    async ({ context }) => presentInvoicingSettings(await readInvoicingSettings(context.database, context)),
  );

  settings.write(
    "PUT /invoicing-settings",
    {
      operationId: "updateInvoicingSettings",
      summary: "Change the invoicing settings (fields left out keep their value)",
      body: InvoicingSettingsBody,
      response: InvoicingSettingsSchema,
    },
    async ({ context, body }) => presentInvoicingSettings(await updateInvoicingSettings(context, body)),
  );
}
