// The jobs that talk to CRMs, outside any transaction: a connection's whole
// sync (companies and customers, won deals, figures), run on a schedule
// (every hour, the next queued when one ends), by hand, and when a consent
// completes; and one customer's figures, after an invoice event.
import { Type } from "typebox";
import type { Clock } from "../platform/clock.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import type { JobHandler } from "../platform/jobs/job-worker.ts";
import { connectionJobHandler, type JobContextOf } from "./connection-jobs.ts";
import { accessOf, type ConnectionRow } from "./connections.ts";
import { type CrmSyncTarget, syncCrm, syncCustomerFigures } from "./crm-sync.ts";
import type { CrmSystem } from "./crm-system.ts";
import { refreshingOnExpiredToken } from "./crm-token-refresh.ts";
import { nextScheduledRunAt, queueIntegrationJob } from "./integration-job-queue.ts";
import { loadMappings } from "./mappings.ts";
import type { SyncRun } from "./object-sync.ts";
import { type CrmSystemName, crmSystems } from "./tables.ts";

const crmSyncJobKind = "integrations.crm_sync";
const crmFiguresJobKind = "integrations.crm_figures";
const scheduledEveryMinutes = 60;

const CrmSyncPayload = Type.Object({ connection_id: Type.String(), scheduled: Type.Boolean() });
const CrmFiguresPayload = Type.Object({ connection_id: Type.String(), customer_id: Type.String() });

export function isCrmConnection(
  connection: ConnectionRow,
): connection is ConnectionRow & { system: CrmSystemName } {
  return (crmSystems as readonly string[]).includes(connection.system);
}

/** A sync of the connection at `runAt` (now when left out); a scheduled one queues the next when it ends. */
export function queueCrmSync(
  database: Database,
  scope: TenantScope,
  connectionId: string,
  options: { scheduled: boolean; runAt?: Date },
): Promise<{ id: string }> {
  return queueIntegrationJob(
    database,
    scope,
    crmSyncJobKind,
    { connection_id: connectionId, scheduled: options.scheduled },
    { objectId: connectionId, ...options },
  );
}

export function queueCrmFigures(
  database: Database,
  scope: TenantScope,
  connectionId: string,
  customerId: string,
): Promise<{ id: string }> {
  return queueIntegrationJob(database, scope, crmFiguresJobKind, {
    connection_id: connectionId,
    customer_id: customerId,
  });
}

export function crmJobHandlers(
  contextOf: JobContextOf,
  runOf: (context: RequestContext) => SyncRun,
  realClock: Clock,
): Record<string, JobHandler> {
  return {
    [crmSyncJobKind]: connectionJobHandler(
      contextOf,
      crmSyncJobKind,
      CrmSyncPayload,
      isCrmConnection,
      async (context, connection, payload) => {
        try {
          await syncCrm(runOf(context), await crmTargetOf(context, connection));
        } finally {
          if (payload.scheduled) {
            const runAt = nextScheduledRunAt(realClock, scheduledEveryMinutes);
            await queueCrmSync(context.database, context, connection.id, { scheduled: true, runAt });
          }
        }
      },
    ),
    [crmFiguresJobKind]: connectionJobHandler(
      contextOf,
      crmFiguresJobKind,
      CrmFiguresPayload,
      isCrmConnection,
      async (context, connection, payload) => {
        await syncCustomerFigures(
          runOf(context),
          await crmTargetOf(context, connection),
          payload.customer_id,
        );
      },
    ),
  };
}

async function crmTargetOf(
  context: RequestContext,
  connection: ConnectionRow & { system: CrmSystemName },
): Promise<CrmSyncTarget> {
  const access = await accessOf(context.database, connection, context.clock.now());
  // The CRM's module (and its SDK) is loaded when a sync first needs it, not at every start.
  const open = async (accessToken: string): Promise<CrmSystem> => {
    const credentials = { apiBaseUrl: access.apiBaseUrl, accessToken };
    return connection.system === "hubspot"
      ? (await import("./hubspot-crm.ts")).hubSpotCrm(credentials)
      : (await import("./salesforce-crm.ts")).salesforceCrm(credentials);
  };
  const system = refreshingOnExpiredToken({
    accessToken: access.accessToken,
    open,
    renew: async (refusedToken) =>
      (await accessOf(context.database, connection, context.clock.now(), { refusedToken })).accessToken,
  });
  return { connection, system, mappings: await loadMappings(context.database, context, connection.id) };
}
