// HTTP routes of held drafts (/v1/invoice-holds): the queue billing
// operations review, and what they do with each held draft: release it,
// recompute it, or discard it.
import { ReasonOnlyBody, withReason } from "../platform/http/reason.ts";
import { defineRoutes } from "../platform/http/routes.ts";
import { IdParams } from "../platform/http/schemas.ts";
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

  routes.write(
    "POST /invoice-holds/:id/release",
    {
      operationId: "releaseInvoiceHold",
      summary:
        "Release the hold: the draft is finalized now when nothing else holds it and its grace period is over",
      params: IdParams,
      body: ReasonOnlyBody,
      response: InvoiceHoldSchema,
    },
    ({ context, params, body }) => releaseInvoiceHold(withReason(context, body.reason), params.id),
  );

  routes.write(
    "POST /invoice-holds/:id/recompute",
    {
      operationId: "recomputeHeldDraft",
      summary: "Recompute the held draft from the latest usage and plan versions; it stays held",
      params: IdParams,
      body: ReasonOnlyBody,
      response: InvoiceHoldSchema,
    },
    ({ context, params, body }) => recomputeHeldDraft(withReason(context, body.reason), params.id),
  );

  routes.write(
    "POST /invoice-holds/:id/discard",
    {
      operationId: "discardHeldDraft",
      summary: "Discard the held draft: its period is not invoiced",
      params: IdParams,
      body: ReasonOnlyBody,
      response: InvoiceHoldSchema,
    },
    ({ context, params, body }) => discardHeldDraft(withReason(context, body.reason), params.id),
  );
}
