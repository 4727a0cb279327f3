// HTTP routes of billing disputes: open one on an invoice (or a line), list
// and read them, add notes while they are open, resolve them.
import { Type } from "typebox";
import { PageOf } from "../platform/http/pagination.ts";
import { standardErrorResponses } from "../platform/http/schemas.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import {
  DisputeListQuery,
  DisputeNoteBody,
  DisputeSchema,
  OpenDisputeBody,
  ResolveDisputeBody,
} from "./dispute-schemas.ts";
import { addDisputeNote, getDispute, listDisputes, openDispute, resolveDispute } from "./disputes.ts";

const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

export function registerDisputeRoutes(app: FairbillApp): void {
  const tags = ["Disputes"];
  const read = { permission: "finance:read" as const };
  const write = { permission: "finance:write" as const };

  app.post(
    "/invoices/:id/disputes",
    {
      config: write,
      schema: {
        tags,
        summary: "Open a dispute on a finalized invoice, or on one of its lines",
        params: IdParams,
        body: OpenDisputeBody,
        response: { 201: DisputeSchema, ...standardErrorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await openDispute(request.context, request.params.id, request.body)),
  );

  app.get(
    "/disputes",
    {
      config: read,
      schema: {
        tags,
        summary: "List disputes, newest first, by status, customer or invoice",
        querystring: DisputeListQuery,
        response: { 200: PageOf(DisputeSchema), ...standardErrorResponses },
      },
    },
    async (request) => listDisputes(request.context, request.query),
  );

  app.get(
    "/disputes/:id",
    {
      config: read,
      schema: {
        tags,
        summary: "A dispute with its notes and times",
        params: IdParams,
        response: { 200: DisputeSchema, ...standardErrorResponses },
      },
    },
    async (request) => getDispute(request.context, request.params.id),
  );

  app.post(
    "/disputes/:id/notes",
    {
      config: write,
      schema: {
        tags,
        summary: "Add a note to an open dispute",
        params: IdParams,
        body: DisputeNoteBody,
        response: { 200: DisputeSchema, ...standardErrorResponses },
      },
    },
    async (request) => addDisputeNote(request.context, request.params.id, request.body.body),
  );

  app.post(
    "/disputes/:id/resolve",
    {
      config: write,
      schema: {
        tags,
        summary: "Resolve a dispute with a credit note for the customer, or reject it saying why",
        params: IdParams,
        body: ResolveDisputeBody,
        response: { 200: DisputeSchema, ...standardErrorResponses },
      },
    },
    async (request) => resolveDispute(request.context, request.params.id, request.body),
  );
}
