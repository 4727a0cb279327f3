// HTTP routes of held drafts (/v1/invoice-holds): the queue billing
// operations review, and what they do with each held draft: release it,
// recompute it, or discard it.
import { ReasonOnlyBody, withReason } from "../platform/http/reason.ts";
import { defineRoutes } from "../platform/http/routes.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import {
  discardHeldDraft,
  getInvoiceHold,
  listInvoiceHolds,
  recomputeHeldDraft,
  releaseInvoiceHold,
} from "./draft-hold-actions.ts";
import { InvoiceHoldListQuery, InvoiceHoldSchema } from "./draft-hold-schemas.ts";

export function registerInvoiceHoldRoutes(app: FairbillApp): void {
  const routes = defineRoutes(app, { tags: ["Held drafts"], read: "billing:read", write: "billing:write" });

  routes.list(
    "GET /invoice-holds",
    {
      operationId: "listInvoiceHolds",
      summary: "List the holds that keep draft invoices from being finalized, newest first",
      filters: InvoiceHoldListQuery,
      item: InvoiceHoldSchema,
    },
    ({ context }, filters, page) => listInvoiceHolds(context, filters, page),
  );

  routes.readById(
    "GET /invoice-holds/:id",
    {
      operationId: "getInvoiceHold",
      summary: "A hold on a draft invoice, with why it holds it",
      response: InvoiceHoldSchema,
    },
    getInvoiceHold,
  );

  routes.writeById(
    "POST /invoice-holds/:id/release",
    {
      operationId: "releaseInvoiceHold",
      summary:
        "Release the hold: the draft is finalized now when nothing else holds it and its grace period is over",
      body: ReasonOnlyBody,
      response: InvoiceHoldSchema,
    },
    (context, id, body) => releaseInvoiceHold(withReason(context, body.reason), id),
  );

  routes.writeById(
    "POST /invoice-holds/:id/recompute",
    {
      operationId: "recomputeHeldDraft",
      summary: "Recompute the held draft from the latest usage and plan versions; it stays held",
      body: ReasonOnlyBody,
      response: InvoiceHoldSchema,
    },
    (context, id, body) => recomputeHeldDraft(withReason(context, body.reason), id),
  );

  routes.writeById(
    "POST /invoice-holds/:id/discard",
    {
      operationId: "discardHeldDraft",
      summary: "Discard the held draft: its period is not invoiced",
      body: ReasonOnlyBody,
      response: InvoiceHoldSchema,
    },
    (context, id, body) => discardHeldDraft(withReason(context, body.reason), id),
  );
}
