// The jobs that talk to accounting systems, outside any transaction: the
// sync of an invoice's family, and of a journal month, to one connection.
// Subscribers of invoicing's domain events queue the first; the API queues
// both (a retry from the error queue, a month's journal, a backfill). A job
// whose object fails does not fail itself: the object waits in the error
// queue, and a person decides.
import { Type } from "typebox";
import { environmentJobContext } from "../organizations/index.ts";
import type { Clock } from "../platform/clock.ts";
import type { Logger, RequestContext, TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { jobPayloadReader } from "../platform/jobs/job-payloads.ts";
import type { JobHandler } from "../platform/jobs/job-worker.ts";
import type { AccountingSystem } from "./accounting-system.ts";
import { connectionJobHandler, type JobContextOf } from "./connection-jobs.ts";
import { accessOf, type ConnectionRow } from "./connections.ts";
import { crmJobHandlers, isCrmConnection } from "./crm-jobs.ts";
import { nextScheduledRunAt, queueIntegrationJob } from "./integration-job-queue.ts";
import { syncInvoiceFamily } from "./invoice-sync.ts";
import { syncJournalMonth } from "./journal-sync.ts";
import { loadMappings } from "./mappings.ts";
import { SyncStopped } from "./object-sync.ts";
import type { AccountingSystemName } from "./tables.ts";
import { findWarehouseDestination } from "./warehouse-destinations.ts";
import { runWarehouseExport } from "./warehouse-export.ts";

const invoiceSyncJobKind = "integrations.sync_invoice";
const warehouseExportJobKind = "integrations.warehouse_export";
const journalSyncJobKind = "integrations.sync_journal";

const InvoiceSyncPayload = Type.Object({ connection_id: Type.String(), invoice_id: Type.String() });
const JournalSyncPayload = Type.Object({ connection_id: Type.String(), period: Type.String() });

const readWarehouseExportPayload = jobPayloadReader(
  warehouseExportJobKind,
  Type.Object({ destination_id: Type.String(), scheduled: Type.Boolean() }),
);

/** An export of the destination at `runAt` (now when left out); a scheduled one queues the next when it ends. */
export function queueWarehouseExport(
  database: Database,
  scope: TenantScope,
  destinationId: string,
  options: { scheduled: boolean; runAt?: Date },
): Promise<{ id: string }> {
  return queueIntegrationJob(
    database,
    scope,
    warehouseExportJobKind,
    { destination_id: destinationId, scheduled: options.scheduled },
    { objectId: destinationId, ...options },
  );
}

export function queueInvoiceSync(
  database: Database,
  scope: TenantScope,
  connectionId: string,
  invoiceId: string,
): Promise<{ id: string }> {
  return queueIntegrationJob(database, scope, invoiceSyncJobKind, {
    connection_id: connectionId,
    invoice_id: invoiceId,
  });
}

export function queueJournalSync(
  database: Database,
  scope: TenantScope,
  connectionId: string,
  period: string,
): Promise<{ id: string }> {
  return queueIntegrationJob(database, scope, journalSyncJobKind, { connection_id: connectionId, period });
}

export type IntegrationJobOptions = {
  database: Database;
  /** Real time; each environment's own clock is read from it through its test clock. */
  clock: Clock;
  logger: Logger;
  /** The waits between retries of a failing call to a system (the default schedule unless told). */
  retryDelaysMilliseconds?: readonly number[];
};

export function integrationJobHandlers(options: IntegrationJobOptions): Record<string, JobHandler> {
  const { logger } = options;
  const contextOf: JobContextOf = (job) => environmentJobContext(options, job, "integrations");
  const run = (context: RequestContext) => ({
    context,
    ...(options.retryDelaysMilliseconds === undefined
      ? {}
      : { retryDelaysMilliseconds: options.retryDelaysMilliseconds }),
  });
  return {
    ...crmJobHandlers(contextOf, run, options.clock),
    [invoiceSyncJobKind]: connectionJobHandler(
      contextOf,
      invoiceSyncJobKind,
      InvoiceSyncPayload,
      isAccountingConnection,
      async (context, connection, payload) => {
        try {
          await syncInvoiceFamily(run(context), await targetOf(context, connection), payload.invoice_id);
        } catch (error) {
          if (!(error instanceof SyncStopped)) throw error;
          logger.warn(
            { invoice_id: payload.invoice_id, err: error },
            "an invoice's sync stopped at the error queue",
          );
        }
      },
    ),
    [warehouseExportJobKind]: {
      // Exports are long and a failed one moves no cursor: the next tries the same window again.
      retryDelaysSeconds: [60, 300, 900],
      handle: async (job) => {
        const context = await contextOf(job);
        const payload = readWarehouseExportPayload(job.payload);
        const destination = await findWarehouseDestination(context.database, context, payload.destination_id);
        await runWarehouseExport(context, destination);
        if (payload.scheduled) {
          const runAt = nextScheduledRunAt(options.clock, destination.every_minutes);
          await queueWarehouseExport(context.database, context, destination.id, { scheduled: true, runAt });
        }
      },
    },
    [journalSyncJobKind]: connectionJobHandler(
      contextOf,
      journalSyncJobKind,
      JournalSyncPayload,
      isAccountingConnection,
      async (context, connection, payload) => {
        await syncJournalMonth(run(context), await targetOf(context, connection), payload.period);
      },
    ),
  };
}

function isAccountingConnection(
  connection: ConnectionRow,
): connection is ConnectionRow & { system: AccountingSystemName } {
  return !isCrmConnection(connection);
}

async function targetOf(context: RequestContext, connection: ConnectionRow) {
  const access = await accessOf(context.database, connection, context.clock.now());
  const mappings = await loadMappings(context.database, context, connection.id);
  const defaultItem = mappings.optional("item", "default");
  // Each system's module (and its vendor SDK) is loaded when a sync first needs it, not at every start.
  const systemName = connection.system;
  if (systemName === "hubspot" || systemName === "salesforce") {
    throw new Error(`Connection ${connection.id} reaches a CRM, which keeps no accounting records.`);
  }
  const systems: Record<AccountingSystemName, () => Promise<AccountingSystem>> = {
    xero: async () => (await import("./xero-accounting.ts")).xeroAccounting(access),
    quickbooks: async () =>
      (await import("./quickbooks-accounting.ts")).quickbooksAccounting({ ...access, defaultItem }),
    netsuite: async () =>
      (await import("./netsuite-accounting.ts")).netsuiteAccounting({ ...access, defaultItem }),
  };
  return { connectionId: connection.id, system: await systems[systemName](), mappings };
}
