// HTTP routes of integrations: connections to accounting systems and CRMs
// (made and consented to by an admin), their mappings, the sync log with its
// error queue (retry, skip), and syncs queued by hand (an invoice, a journal
// month, a CRM's sync).
import { type Static, type TSchema, Type } from "typebox";
import { getInvoice } from "../invoicing/index.ts";
import { realTimeOf } from "../platform/clock.ts";
import type { RequestContext } from "../platform/context.ts";
import { conflict } from "../platform/errors.ts";
import { defineRoutes, type RouteDeclarations, type RouteSpec } from "../platform/http/routes.ts";
import { ListOf, NonEmptyId, NonEmptyIdParams } from "../platform/http/schemas.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import {
  authorizeConnection,
  type ConnectionRow,
  createConnection,
  findConnection,
  getConnection,
  listConnections,
} from "./connections.ts";
import { listCrmDeals, presentCrmDeal } from "./crm-deals.ts";
import { isCrmConnection, queueCrmSync } from "./crm-jobs.ts";
import { listExternalLinks } from "./external-links.ts";
import { queueInvoiceSync, queueJournalSync } from "./integration-jobs.ts";
import {
  AuthorizeConnectionBody,
  ConnectionSchema,
  CreateConnectionBody,
  CrmDealListQuery,
  CrmDealSchema,
  ExternalLinkQuery,
  ExternalLinkSchema,
  MappingSchema,
  PutMappingBody,
  QueuedSyncSchema,
  QueueInvoiceSyncBody,
  QueueJournalSyncBody,
  SyncListQuery,
  SyncSchema,
} from "./integration-schemas.ts";
import { listMappings, putMapping } from "./mappings.ts";
import { getSync, listSyncs, presentSync, reopenSync, skipSync } from "./sync-records.ts";

export function registerIntegrationRoutes(app: FairbillApp): void {
  const settings = defineRoutes(app, {
    tags: ["Integrations"],
    read: "finance:read",
    write: "settings:manage",
  });
  const routes = defineRoutes(app, { tags: ["Integrations"], read: "finance:read", write: "finance:write" });

  settings.write(
    "POST /integrations/connections",
    {
      operationId: "createIntegrationConnection",
      summary: "Connect an accounting system: answers the consent page to send a person to (OAuth 2)",
      body: CreateConnectionBody,
      response: ConnectionSchema,
      status: 201,
    },
    ({ context, body }) => createConnection(context, body),
  );

  settings.write(
    "POST /integrations/connections/:id/authorization",
    {
      operationId: "authorizeIntegrationConnection",
      summary: "Complete the consent with the code and state the system sent back",
      params: NonEmptyIdParams,
      body: AuthorizeConnectionBody,
      response: ConnectionSchema,
    },
    async ({ context, params, body }) => {
      const connection = await authorizeConnection(context, params.id, body);
      const row = await findConnection(context.database, context, connection.id);
      // A CRM's sync starts at once, then runs every hour.
      if (isCrmConnection(row)) {
        await queueCrmSync(context.database, context, row.id, {
          scheduled: true,
          runAt: realTimeOf(context.clock).now(),
        });
      }
      return connection;
    },
  );

  routes.read(
    "GET /integrations/connections",
    {
      operationId: "listIntegrationConnections",
      summary: "List the environment's connections to accounting systems",
      response: ListOf(ConnectionSchema),
    },
    ({ context }) => listConnections(context),
  );

  routes.read(
    "GET /integrations/connections/:id",
    {
      operationId: "getIntegrationConnection",
      summary: "Read a connection (its secrets are never shown)",
      params: NonEmptyIdParams,
      response: ConnectionSchema,
    },
    ({ context, params }) => getConnection(context, params.id),
  );

  routes.read(
    "GET /integrations/connections/:id/mappings",
    {
      operationId: "listIntegrationMappings",
      summary: "List a connection's mappings of accounts, tax codes, items, currencies and customers",
      params: NonEmptyIdParams,
      response: ListOf(MappingSchema),
    },
    ({ context, params }) => listMappings(context, params.id),
  );

  routes.write(
    "PUT /integrations/connections/:id/mappings",
    {
      operationId: "putIntegrationMapping",
      summary: "Map a Fairbill key to the system's (made, or changed when the key is mapped already)",
      params: NonEmptyIdParams,
      body: PutMappingBody,
      response: MappingSchema,
    },
    ({ context, params, body }) => putMapping(context, params.id, body),
  );

  declareSyncByHand(
    routes,
    "POST /integrations/connections/:id/invoice-syncs",
    {
      operationId: "queueIntegrationInvoiceSync",
      summary:
        "Sync a finalized invoice, its customer, payments, refunds and credit notes (what is synced already is not sent again)",
      body: QueueInvoiceSyncBody,
    },
    async (context, connection, body) => {
      const invoice = await getInvoice(context, body.invoice_id);
      if (invoice.number === null || invoice.status === "void") {
        throw conflict(
          "invoice_not_syncable",
          `Invoice ${invoice.id} is ${invoice.status}: only finalized invoices are synced.`,
          [{ path: "$.invoice_id", message: "is not a finalized invoice" }],
        );
      }
      return queueInvoiceSync(context.database, context, connection.id, invoice.id);
    },
  );

  declareSyncByHand(
    routes,
    "POST /integrations/connections/:id/journal-syncs",
    {
      operationId: "queueIntegrationJournalSync",
      summary: "Send an accounting month's revenue-recognition journal as journal entries",
      body: QueueJournalSyncBody,
    },
    (context, connection, body) => queueJournalSync(context.database, context, connection.id, body.period),
  );

  declareSyncByHand(
    routes,
    "POST /integrations/connections/:id/crm-syncs",
    {
      operationId: "queueIntegrationCrmSync",
      summary:
        "Sync a CRM now: companies or accounts and customers both ways, won deals to draft contracts, and each customer's figures on its company",
    },
    (context, connection) => {
      if (!isCrmConnection(connection)) {
        throw conflict(
          "not_a_crm",
          `Connection ${connection.id} is to ${connection.system}, an accounting system: sync its invoices or journal instead.`,
          [{ path: "$.id", message: "is not a CRM connection" }],
        );
      }
      return queueCrmSync(context.database, context, connection.id, { scheduled: false });
    },
  );

  routes.list(
    "GET /integrations/connections/:id/crm-deals",
    {
      operationId: "listIntegrationCrmDeals",
      summary:
        "The deals a CRM connection read as won, newest first: each with its amount, state and the draft contract (approval request) and contract it became",
      params: NonEmptyIdParams,
      filters: CrmDealListQuery,
      item: CrmDealSchema,
    },
    ({ context, params }, filters, page) => listCrmDeals(context, params.id, filters, page),
    presentCrmDeal,
  );

  routes.read(
    "GET /integrations/external-links",
    {
      operationId: "listIntegrationExternalLinks",
      summary:
        "An object's links in the connected systems: its id there, the state of its sync and the vendor's page for it",
      query: ExternalLinkQuery,
      response: ListOf(ExternalLinkSchema),
    },
    ({ context, query }) => listExternalLinks(context, query),
  );

  routes.list(
    "GET /integrations/syncs",
    {
      operationId: "listIntegrationSyncs",
      summary: "The sync log, newest first; state=failed is the error queue",
      filters: SyncListQuery,
      item: SyncSchema,
    },
    ({ context }, filters, page) => listSyncs(context, filters, page),
    presentSync,
  );

  routes.read(
    "GET /integrations/syncs/:id",
    {
      operationId: "getIntegrationSync",
      summary: "Read one object's sync",
      params: Type.Object({ id: NonEmptyId }),
      response: SyncSchema,
    },
    ({ context, params }) => getSync(context, params.id),
  );

  routes.write(
    "POST /integrations/syncs/:id/retry",
    {
      operationId: "retryIntegrationSync",
      summary:
        "Take a failed or skipped sync out of the error queue and run it again (after fixing a mapping, say)",
      params: NonEmptyIdParams,
      response: SyncSchema,
      status: 202,
    },
    async ({ context, params }) =>
      presentSync(
        await reopenSync(context, params.id, (transaction, row) =>
          row.source_type === "invoice"
            ? queueInvoiceSync(transaction, context, row.connection_id, row.source_id)
            : row.source_type === "crm"
              ? queueCrmSync(transaction, context, row.connection_id, { scheduled: false })
              : queueJournalSync(transaction, context, row.connection_id, row.source_id),
        ),
      ),
  );

  routes.write(
    "POST /integrations/syncs/:id/skip",
    {
      operationId: "skipIntegrationSync",
      summary:
        "Leave a failed sync alone for good: it leaves the error queue, and nothing that depends on it is sent",
      params: NonEmptyIdParams,
      response: SyncSchema,
    },
    ({ context, params }) => skipSync(context, params.id),
  );
}

/**
 * Declares a route that queues a sync of one connection by hand (202, with the
 * job's id): `queue` gets the connection, found in the environment, and the
 * body, and queues the sync or refuses it.
 */
function declareSyncByHand<Body extends TSchema>(
  routes: RouteDeclarations,
  spec: RouteSpec,
  definition: { operationId: string; summary: string; body?: Body },
  queue: (context: RequestContext, connection: ConnectionRow, body: Static<Body>) => Promise<{ id: string }>,
): void {
  routes.write(
    spec,
    { ...definition, params: NonEmptyIdParams, response: QueuedSyncSchema, status: 202 },
    async ({ context, params, body }) => {
      const connection = await findConnection(context.database, context, params.id);
      const job = await queue(context, connection, body as Static<Body>);
      return { queued: true, job_id: job.id };
    },
  );
}
