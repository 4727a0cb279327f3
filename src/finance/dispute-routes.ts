// HTTP routes of billing disputes: open one on an invoice (or a line), list
// and read them, add notes while they are open, resolve them.
import { defineRoutes } from "../platform/http/routes.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import {
  DisputeListQuery,
  DisputeNoteBody,
  DisputeSchema,
  OpenDisputeBody,
  ResolveDisputeBody,
} from "./dispute-schemas.ts";
import { addDisputeNote, getDispute, listDisputes, openDispute, resolveDispute } from "./disputes.ts";

export function registerDisputeRoutes(app: FairbillApp): void {
  const routes = defineRoutes(app, { tags: ["Disputes"], read: "finance:read", write: "finance:write" });

  routes.writeById(
    "POST /invoices/:id/disputes",
    {
      operationId: "openDispute",
      summary: "Open a dispute on a finalized invoice, or on one of its lines",
      body: OpenDisputeBody,
      response: DisputeSchema,
      status: 201,
    },
    openDispute,
  );

  routes.list(
    "GET /disputes",
    {
      operationId: "listDisputes",
      summary: "List disputes, newest first, by status, customer or invoice",
      filters: DisputeListQuery,
      item: DisputeSchema,
    },
    ({ context }, filters, page) => listDisputes(context, filters, page),
  );

  routes.readById(
    "GET /disputes/:id",
    {
      operationId: "getDispute",
      summary: "A dispute with its notes and times",
      response: DisputeSchema,
    },
    getDispute,
  );

  routes.writeById(
    "POST /disputes/:id/notes",
    {
      operationId: "addDisputeNote",
      summary: "Add a note to an open dispute",
      body: DisputeNoteBody,
      response: DisputeSchema,
    },
    (context, id, body) => addDisputeNote(context, id, body.body),
  );

  routes.writeById(
    "POST /disputes/:id/resolve",
    {
      operationId: "resolveDispute",
      summary: "Resolve a dispute with a credit note for the customer, or reject it saying why",
      body: ResolveDisputeBody,
      response: DisputeSchema,
    },
    resolveDispute,
  );
}
