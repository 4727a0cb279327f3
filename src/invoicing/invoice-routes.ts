// HTTP routes of invoicing: invoices (list, read, one-off, finalize, void),
// credit notes, the upcoming invoice, billing a customer now, and the
// environment's invoicing settings.
import { Type } from "typebox";
import { notFound } from "../platform/errors.ts";
import { PageOf } from "../platform/http/pagination.ts";
import { standardErrorResponses } from "../platform/http/schemas.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import { billCustomerDue } from "./bill-customer.ts";
import { createCreditNote, getCreditNote, listCreditNotes } from "./credit-notes.ts";
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
  InvoiceListQuery,
  InvoicePreviewSchema,
  InvoiceSchema,
  InvoicingSettingsBody,
  InvoicingSettingsSchema,
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

const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

export function registerInvoiceRoutes(app: FairbillApp): void {
  const read = { permission: "billing:read" as const };
  const write = { permission: "billing:write" as const };
  const tags = ["Invoices"];

  app.get(
    "/invoices",
    {
      config: read,
      schema: {
        tags,
        summary: "List invoices, newest first, by customer, subscription, status or issue date",
        querystring: InvoiceListQuery,
        response: { 200: PageOf(InvoiceSchema), ...standardErrorResponses },
      },
    },
    async (request) => listInvoices(request.context, request.query),
  );

  app.get(
    "/invoices/:id",
    {
      config: read,
      schema: {
        tags,
        summary: "An invoice with its lines and each line's explanation",
        params: IdParams,
        response: { 200: InvoiceSchema, ...standardErrorResponses },
      },
    },
    async (request) => getInvoice(request.context, request.params.id),
  );

  app.post(
    "/invoices",
    {
      config: write,
      schema: {
        tags,
        summary: "Create a one-off invoice (a draft unless finalize is true)",
        body: CreateOneOffInvoiceBody,
        response: { 201: InvoiceSchema, ...standardErrorResponses },
      },
    },
    async (request, reply) => {
      const { body, context } = request;
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
      return reply.code(201).send(await getInvoice(context, id));
    },
  );

  app.post(
    "/invoices/:id/finalize",
    {
      config: write,
      schema: {
        tags,
        summary:
          "Finalize a draft now: a one-off draft, or a subscription invoice before its grace period ends",
        params: IdParams,
        response: { 200: InvoiceSchema, ...standardErrorResponses },
      },
    },
    async (request) => finalizeInvoice(request.context, request.params.id),
  );

  app.post(
    "/invoices/:id/void",
    {
      config: write,
      schema: {
        tags,
        summary:
          "Void a finalized, unpaid invoice; its number stays on record, its credits and balance come back",
        params: IdParams,
        body: VoidInvoiceBody,
        response: { 200: InvoiceSchema, ...standardErrorResponses },
      },
    },
    async (request) => voidInvoice(request.context, request.params.id, request.body.reason),
  );

  const documentTags = ["Invoice documents"];
  const documentRoutes = [
    { path: "/invoices/:id", what: "invoice", build: invoiceDocument },
    { path: "/credit-notes/:id", what: "credit note", build: creditNoteDocument },
  ] as const;
  for (const route of documentRoutes) {
    app.get(
      `${route.path}/pdf`,
      {
        config: read,
        schema: {
          tags: documentTags,
          summary: `The ${route.what} as a PDF, with seller, buyer, lines and their explanations, tax and totals`,
          params: IdParams,
          response: {
            200: Type.Unsafe<Buffer>({ type: "string", format: "binary", description: "application/pdf" }),
            ...standardErrorResponses,
          },
        },
      },
      async (request, reply) => {
        const document = await route.build(request.context, request.params.id);
        const pdf = await renderInvoicePdf(document);
        return reply
          .type("application/pdf")
          .header("content-disposition", `inline; filename="${document.number ?? "draft"}.pdf"`)
          .send(Buffer.from(pdf));
      },
    );
    app.get(
      `${route.path}/html`,
      {
        config: read,
        schema: {
          tags: documentTags,
          summary: `The ${route.what} as a printable HTML page`,
          params: IdParams,
          response: { 200: Type.String({ description: "text/html" }), ...standardErrorResponses },
        },
      },
      async (request, reply) => {
        const document = await route.build(request.context, request.params.id);
        return reply.type("text/html; charset=utf-8").send(renderInvoiceHtml(document));
      },
    );
  }

  const creditNoteTags = ["Credit notes"];
  app.post(
    "/invoices/:id/credit-notes",
    {
      config: write,
      schema: {
        tags: creditNoteTags,
        summary: "Correct a finalized invoice with a credit note, for some lines or in full",
        params: IdParams,
        body: CreateCreditNoteBody,
        response: { 201: CreditNoteSchema, ...standardErrorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createCreditNote(request.context, request.params.id, request.body)),
  );

  app.get(
    "/credit-notes",
    {
      config: read,
      schema: {
        tags: creditNoteTags,
        summary: "List credit notes, newest first",
        querystring: CreditNoteListQuery,
        response: { 200: PageOf(CreditNoteSchema), ...standardErrorResponses },
      },
    },
    async (request) => listCreditNotes(request.context, request.query),
  );

  app.get(
    "/credit-notes/:id",
    {
      config: read,
      schema: {
        tags: creditNoteTags,
        summary: "A credit note",
        params: IdParams,
        response: { 200: CreditNoteSchema, ...standardErrorResponses },
      },
    },
    async (request) => getCreditNote(request.context, request.params.id),
  );

  app.get(
    "/customers/:id/upcoming-invoice",
    {
      config: read,
      schema: {
        tags,
        summary: "The customer's next invoice as it stands now, from live usage (nothing is stored)",
        params: IdParams,
        querystring: UpcomingInvoiceQuery,
        response: { 200: InvoicePreviewSchema, ...standardErrorResponses },
      },
    },
    async (request) => {
      const preview = await upcomingInvoice(request.context, request.params.id, {
        ...(request.query.subscription_id === undefined
          ? {}
          : { subscriptionId: request.query.subscription_id }),
      });
      if (preview === null) throw notFound("upcoming invoice of customer", request.params.id);
      return preview;
    },
  );

  app.post(
    "/customers/:id/bill",
    {
      config: write,
      schema: {
        tags,
        summary:
          "Issue every invoice of the customer that is due now (what the bill run does, for one customer)",
        params: IdParams,
        response: { 200: BillNowResultSchema, ...standardErrorResponses },
      },
    },
    async (request) => {
      const { context } = request;
      await loadCustomerRow(context.database, context, request.params.id);
      const now = context.clock.now();
      const billed = await billCustomerDue(context, request.params.id, now);
      const progressive = await billCustomerProgressively(context, request.params.id, now);
      return { issued: billed.issued + progressive, finalized: billed.finalized + progressive };
    },
  );

  const settingsTags = ["Invoicing settings"];
  app.get(
    "/invoicing-settings",
    {
      config: read,
      schema: {
        tags: settingsTags,
        summary: "The seller printed on invoices, numbering prefixes, grace period and payment terms",
        response: { 200: InvoicingSettingsSchema, ...standardErrorResponses },
      },
    },
    async (request) =>
      presentInvoicingSettings(await readInvoicingSettings(request.context.database, request.context)),
  );

  app.put(
    "/invoicing-settings",
    {
      config: { permission: "finance:write" as const },
      schema: {
        tags: settingsTags,
        summary: "Change the invoicing settings (fields left out keep their value)",
        body: InvoicingSettingsBody,
        response: { 200: InvoicingSettingsSchema, ...standardErrorResponses },
      },
    },
    async (request) => presentInvoicingSettings(await updateInvoicingSettings(request.context, request.body)),
  );
}
