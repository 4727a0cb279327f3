// The composition root: one place that opens the database, applies the
// migrations and plugs every domain's routes into the HTTP server. The CLI,
// the tests and the benchmarks all build Fairbill through here.
import { createRequire } from "node:module";
import {
  alertJobHandlers,
  alertWebhookEvents,
  evaluateAlertsAfterCreditBurn,
  evaluateAlertsAfterIngestion,
  registerAlertRoutes,
} from "./alerts/index.ts";
import { auditRoutes, createAuditCheckpointSchedule } from "./audit/index.ts";
import {
  backtestJobHandlers,
  backtestWebhookEvents,
  registerBacktestRoutes,
  registerTestMatrixRoutes,
  runTestMatrixOnSubmission,
  testMatrixWebhookEvents,
} from "./backtests/index.ts";
import { registerBillingEntityRoutes } from "./billing-entities/index.ts";
import {
  billRunJobHandlers,
  createBillRunScheduler,
  registerBillRunRoutes,
  registerTestClockRoutes,
} from "./billing-runs/index.ts";
import { registerPlanRoutes, registerProductAndFeatureRoutes } from "./catalog/index.ts";
import { type ConsoleOptions, consoleExtension } from "./console/index.ts";
import { contractWebhookEvents, registerContractRoutes } from "./contracts/index.ts";
import { registerCouponRoutes } from "./coupons/index.ts";
import { creditWebhookEvents, registerCreditRoutes } from "./credits/index.ts";
import { customerRoutes, customerWebhookEvents } from "./customers/index.ts";
import { registerEntitlementRoutes } from "./entitlements/index.ts";
import {
  assignExperimentsAfterBillRun,
  checkRolloutsAfterBillRun,
  experimentWebhookEvents,
  registerExperimentRoutes,
  registerRolloutRoutes,
} from "./experiments/index.ts";
import { registerFinanceRoutes } from "./finance/index.ts";
import { governanceWebhookEvents, registerGovernanceRoutes } from "./governance/index.ts";
import {
  cutOverRoutes,
  importJobHandlers,
  importSecretColumns,
  registerImportRoutes,
  registerParallelRunRoutes,
} from "./imports/index.ts";
import {
  integrationJobHandlers,
  integrationSecretColumns,
  integrationSubscribers,
  integrationWebhookEvents,
  registerIntegrationRoutes,
  registerWarehouseRoutes,
  warehouseSecretColumns,
} from "./integrations/index.ts";
import {
  invoicingJobHandlers,
  invoicingWebhookEvents,
  recordFinalizedInvoiceTax,
  refuseUnpricedEvents,
  registerCreditSaleRoutes,
  registerInvoiceHoldRoutes,
  registerInvoicePreviewRoutes,
  registerInvoiceRoutes,
  topUpWalletBelowThreshold,
} from "./invoicing/index.ts";
import {
  createEventMaintenanceSchedule,
  createEventShipper,
  eventMaintenanceJobHandlers,
  eventRoutes,
  eventsSentUnder,
  prepareClickHouseEventTables,
  registerMeterRoutes,
  registerUsageRoutes,
} from "./metering/index.ts";
import {
  type EmailSettings,
  notificationJobHandlers,
  registerEmailRoutes,
  webhookCatalogue,
  webhookDocument,
  webhookRoutes,
  webhookSecretColumns,
} from "./notifications/index.ts";
import { apiKeyRoutes, clockForEnvironment, findEnvironmentScope } from "./organizations/index.ts";
import { partnerLinkSecretColumns, registerPartnerRoutes } from "./partners/index.ts";
import {
  collectFinalizedInvoice,
  paymentJobHandlers,
  paymentSecretColumns,
  paymentWebhookEvents,
  registerPaymentRoutes,
} from "./payments/index.ts";
import {
  keyOwners,
  type LocalKeyAccess,
  peopleRoutes,
  personAuthentication,
  secondFactorSecretColumns,
} from "./people/index.ts";
import { registerPlanMigrationRoutes } from "./plan-migrations/index.ts";
import { type Clock, systemClock } from "./platform/clock.ts";
import type { Configuration, JobSettings } from "./platform/config.ts";
import type { Logger } from "./platform/context.ts";
import { attachClickHouse, clickHouseOf, openClickHouse } from "./platform/database/clickhouse.ts";
import { type DatabaseHandle, type DatabaseLocation, openDatabase } from "./platform/database/database.ts";
import { migrate } from "./platform/database/migrator.ts";
import type { Database } from "./platform/database/schema.ts";
import { domainEventJobHandlers } from "./platform/events/domain-event-dispatch.ts";
import type { DomainEventSubscriber } from "./platform/events/domain-events.ts";
import { defaultRateLimits, type RateLimitSettings } from "./platform/http/rate-limits.ts";
import { createHttpServer, type FairbillApp, type RouteModule } from "./platform/http/server.ts";
import { createJobWorker, inLane, type JobHandler } from "./platform/jobs/job-worker.ts";
import { setOutgoingRequestPolicy } from "./platform/outgoing-requests/target-policy.ts";
import {
  rotateStoredSecrets,
  type SecretColumns,
  type SecretRotation,
  sealPlaintextSecrets as sealPlaintextSecretsOf,
} from "./platform/secrets/envelope.ts";
import { portalPageExtension, portalSecretColumns, registerPortalRoutes } from "./portal/index.ts";
import { registerSimulationRoutes } from "./simulation/index.ts";
import { singleSignOnRoutes, singleSignOnSecretColumns } from "./single-sign-on/index.ts";
import {
  makeApprovedPlanChange,
  registerPriceOverrideRoutes,
  registerSubscriptionRoutes,
  subscriptionWebhookEvents,
} from "./subscriptions/index.ts";
import { registerTaxRoutes, taxJobHandlers, taxSecretColumns } from "./taxes/index.ts";

const packageJson = createRequire(import.meta.url)("../package.json") as { version: string };
/** The version of Fairbill in package.json, which the API document and traces carry. */
export const fairbillVersion = packageJson.version;

/**
 * Every webhook event type, declared by the domain that sends it with the
 * schema of the object it carries: what endpoints may filter on, and the
 * OpenAPI document's webhooks, in this order.
 */
export const webhookEvents = webhookCatalogue([
  ...customerWebhookEvents,
  ...subscriptionWebhookEvents,
  ...invoicingWebhookEvents,
  ...paymentWebhookEvents,
  ...creditWebhookEvents,
  ...contractWebhookEvents,
  ...alertWebhookEvents,
  ...backtestWebhookEvents,
  ...testMatrixWebhookEvents,
  ...experimentWebhookEvents,
  ...governanceWebhookEvents,
  ...integrationWebhookEvents,
]);

/**
 * Every column that holds a stored secret, sealed with its organization's data
 * key: what `fairbill secrets rotate` seals anew.
 */
const storedSecretColumns: SecretColumns[] = [
  webhookSecretColumns,
  paymentSecretColumns,
  taxSecretColumns,
  singleSignOnSecretColumns,
  importSecretColumns,
  integrationSecretColumns,
  warehouseSecretColumns,
  secondFactorSecretColumns,
  portalSecretColumns,
  partnerLinkSecretColumns,
];

/** Gives every organization a new data key under the current master key and seals every stored secret with it. */
export function rotateSecrets(database: Database): Promise<SecretRotation> {
  return rotateStoredSecrets(database, storedSecretColumns);
}

/** Seals every stored secret still readable from before its column was encrypted at rest; how many it sealed. */
export function sealPlaintextSecrets(database: Database): Promise<number> {
  return sealPlaintextSecretsOf(database, storedSecretColumns);
}

/** Every domain's routes, in the order they appear in the OpenAPI document. */
const routeModules = (auditCheckpointFile: string | undefined): RouteModule[] => [
  // Usage is billed by the external id its events name: metering says whether any were sent under one.
  customerRoutes({ externalIdInUse: eventsSentUnder }),
  apiKeyRoutes(keyOwners),
  registerSimulationRoutes,
  registerProductAndFeatureRoutes,
  registerPlanRoutes,
  registerEntitlementRoutes,
  registerPriceOverrideRoutes,
  auditRoutes({ checkpointFile: auditCheckpointFile }),
  registerGovernanceRoutes,
  registerMeterRoutes,
  // Events a dimensional price refuses are refused at ingestion: invoicing knows the subscriptions' prices.
  eventRoutes({ refuseUnpriced: refuseUnpricedEvents }),
  registerUsageRoutes,
  registerTestClockRoutes,
  registerBillRunRoutes,
  registerCreditRoutes,
  registerCreditSaleRoutes,
  registerCouponRoutes,
  registerSubscriptionRoutes,
  registerContractRoutes,
  registerBillingEntityRoutes,
  registerInvoicePreviewRoutes,
  registerPlanMigrationRoutes,
  registerRolloutRoutes,
  registerExperimentRoutes,
  registerBacktestRoutes,
  registerTestMatrixRoutes,
  registerImportRoutes,
  registerParallelRunRoutes,
  registerInvoiceRoutes,
  registerInvoiceHoldRoutes,
  webhookRoutes(webhookEvents),
  registerEmailRoutes,
  registerTaxRoutes,
  registerPaymentRoutes,
  registerFinanceRoutes,
  registerAlertRoutes,
  registerIntegrationRoutes,
  registerWarehouseRoutes,
  registerPortalRoutes,
  registerPartnerRoutes,
];

export function databaseLocationOf(configuration: Configuration): DatabaseLocation {
  return configuration.databaseUrl
    ? { kind: "postgres", connectionString: configuration.databaseUrl }
    : {
        kind: "pglite",
        dataDirectory: configuration.dataDirectory,
        diskReserveMegabytes: configuration.diskReserveMegabytes,
      };
}

/**
 * Opens the configured database and brings its schema up to date; with a
 * ClickHouse URL (CLICKHOUSE_URL), raw events are also copied to ClickHouse.
 */
export async function openMigratedDatabase(
  location: DatabaseLocation,
  clickhouseUrl?: string,
): Promise<DatabaseHandle> {
  const handle = await openDatabase(location);
  try {
    await migrate(handle);
    // The data step of the migrations: secrets written readable by an earlier version are sealed.
    await sealPlaintextSecrets(handle.database);
    return clickhouseUrl === undefined ? handle : await connectEventStore(handle, clickhouseUrl);
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/**
 * Makes a ClickHouse server the store of raw events' copies for this
 * database: creates its tables, and closes it with the database. PostgreSQL
 * keeps dedup and the rollups; readers of raw events read ClickHouse.
 */
export async function connectEventStore(
  handle: DatabaseHandle,
  clickhouseUrl: string,
): Promise<DatabaseHandle> {
  const connection = await openClickHouse(clickhouseUrl);
  try {
    await prepareClickHouseEventTables(connection);
  } catch (error) {
    await connection.close();
    throw error;
  }
  attachClickHouse(handle.database, connection);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await connection.close();
    },
  };
}

export type ApplicationOptions = {
  handle: DatabaseHandle;
  logger?: Configuration["logLevel"] | false;
  clock?: Clock;
  /** Serve the built web console at `/` (`fairbill serve`, the browser tests). */
  console?: ConsoleOptions;
  /** Run the job worker and the bill run's schedule beside the API (`fairbill serve`). */
  background?: boolean;
  /** The worker's lease, slots by lane and tick interval (defaults as `readConfiguration` gives them). */
  jobs?: JobSettings;
  /** Where the job worker sends customer emails (SMTP_URL, EMAIL_FROM); without it, emails stay queued. */
  email?: EmailSettings;
  /** The start of the links that emails to people carry (PUBLIC_URL); http://localhost:8080 by default. */
  publicUrl?: string;
  /** The bearer token of /metrics (METRICS_TOKEN); without one, /metrics answers the machine itself only. */
  metricsToken?: string;
  /** `fairbill serve` on the embedded database: `fairbill keys create` makes keys through the server. */
  localKeys?: LocalKeyAccess;
  /** Webhooks, the tax provider and the payment provider may call this machine and private networks (off by default). */
  allowPrivateTargets?: boolean;
  /** Requests a minute per key and per address, and the backoff after failed authentication (defaults when absent); false for none. */
  rateLimits?: RateLimitSettings | false;
  /** Signed checkpoints of the audit chain: the file outside the database they go to, and (with background work) how often. */
  auditCheckpoints?: AuditCheckpointSettings;
  /** Where retention archives months of raw events (FAIRBILL_EVENT_ARCHIVE_DIR); without one, nothing is archived. */
  eventArchiveDirectory?: string;
};

export type AuditCheckpointSettings = { file: string | undefined; everySeconds: number };

export async function buildApplication(options: ApplicationOptions): Promise<FairbillApp> {
  const clock = options.clock ?? systemClock;
  const database = options.handle.database;
  setOutgoingRequestPolicy({ allowPrivateTargets: options.allowPrivateTargets ?? false });
  const { authenticate, authenticateSession } = personAuthentication(database, clock);
  const publicUrl = options.publicUrl ?? "http://localhost:8080";
  const app = await createHttpServer({
    database,
    authenticate,
    authenticateSession,
    clockFor: (scope) => clockForEnvironment(database, scope, clock),
    findEnvironment: (environmentId) => findEnvironmentScope(database, environmentId),
    routes: [
      ...routeModules(options.auditCheckpoints?.file),
      peopleRoutes({
        database,
        clock,
        publicUrl,
        ...(options.localKeys === undefined ? {} : { localKeys: options.localKeys }),
      }),
      singleSignOnRoutes({ database, clock, publicUrl }),
      // The cut-over checklist asks whether customer emails are sent through an SMTP server.
      cutOverRoutes({ sendsEmail: options.email?.smtpUrl !== undefined }),
    ],
    extensions: options.console
      ? [consoleExtension(options.console, authenticate), portalPageExtension(database)]
      : [],
    logger: options.logger ? { level: options.logger } : false,
    ...(options.metricsToken === undefined ? {} : { metricsToken: options.metricsToken }),
    rateLimits: options.rateLimits ?? defaultRateLimits,
    version: fairbillVersion,
    document: webhookDocument(webhookEvents),
  });
  if (options.background) {
    startBackgroundWork(app, options.handle, clock, options.jobs ?? defaultJobSettings, {
      email: options.email,
      eventArchiveDirectory: options.eventArchiveDirectory,
    });
    const checkpoints = createAuditCheckpointSchedule({
      database,
      // Checkpoints are signed at the real time, whatever an environment's test clock says.
      clock: systemClock,
      logger: app.log,
      checkpointFile: options.auditCheckpoints?.file,
      everySeconds: options.auditCheckpoints?.everySeconds ?? 3600,
    });
    app.addHook("onReady", async () => checkpoints.start());
    app.addHook("onClose", async () => checkpoints.stop());
  }
  return app;
}

/**
 * Who hears which domain event: each domain above the one that publishes an
 * event subscribes to it here, so that no domain imports one above it.
 */
const domainEventSubscribers: DomainEventSubscriber[] = [
  collectFinalizedInvoice,
  recordFinalizedInvoiceTax,
  topUpWalletBelowThreshold,
  evaluateAlertsAfterIngestion,
  evaluateAlertsAfterCreditBurn,
  runTestMatrixOnSubmission,
  checkRolloutsAfterBillRun,
  assignExperimentsAfterBillRun,
  makeApprovedPlanChange,
  ...integrationSubscribers,
];

export type JobHandlerOptions = {
  database: Database;
  clock: Clock;
  logger: Logger;
  /** Where the job worker sends customer emails (SMTP_URL, EMAIL_FROM); without it, emails stay queued. */
  email?: EmailSettings;
  /** Customers a bill run works on side by side (1 on PGlite's single connection). */
  billRunConcurrency?: number;
  /** Invoices a scheduled tick issues before a follow-up tick continues (500 unless told). */
  invoicesPerTick?: number;
  /** Seconds without progress after which a bill run counts as dead: the job lease (15 unless told). */
  leaseSeconds?: number;
  /** Where retention archives months of raw events; without one, the events table's upkeep archives nothing. */
  eventArchiveDirectory?: string | undefined;
};

/** Every domain's job handlers, by job kind, for the job worker of `fairbill serve` (and tests that drive it). */
export function applicationJobHandlers(options: JobHandlerOptions): Record<string, JobHandler> {
  const { database, clock, logger, email } = options;
  // Billing and deliveries run in lanes of their own, so neither waits for a slot behind the other.
  return {
    ...inLane("billing", {
      ...billRunJobHandlers({
        database,
        clock,
        logger,
        concurrency: options.billRunConcurrency ?? 1,
        ...(options.invoicesPerTick === undefined ? {} : { invoicesPerTick: options.invoicesPerTick }),
        ...(options.leaseSeconds === undefined ? {} : { interruptedAfterSeconds: options.leaseSeconds }),
      }),
      ...backtestJobHandlers({ database, clock, logger, concurrency: options.billRunConcurrency ?? 1 }),
      ...invoicingJobHandlers({ database, clock, logger }),
    }),
    ...inLane("delivery", notificationJobHandlers({ database, clock, ...(email ? { email } : {}) })),
    ...paymentJobHandlers({ database, clock, logger }),
    ...importJobHandlers({ database, clock, logger, refuseUnpriced: refuseUnpricedEvents }),
    ...taxJobHandlers({ database }),
    ...eventMaintenanceJobHandlers({
      database,
      clock,
      logger,
      archiveDirectory: options.eventArchiveDirectory,
    }),
    ...alertJobHandlers({ database, clock, logger }),
    ...integrationJobHandlers({ database, clock, logger }),
    ...domainEventJobHandlers({
      database,
      logger,
      clockFor: (scope) => clockForEnvironment(database, scope, clock),
      subscribers: domainEventSubscribers,
    }),
  };
}

/** The job settings when none are given: `readConfiguration`'s defaults. */
const defaultJobSettings: JobSettings = {
  leaseSeconds: 15,
  slots: { billing: 2, delivery: 8, general: 4 },
  tickSeconds: 60,
};

// The job worker and the bill run's schedule live as long as the server.
function startBackgroundWork(
  app: FairbillApp,
  handle: DatabaseHandle,
  clock: Clock,
  jobs: JobSettings,
  settings: { email: EmailSettings | undefined; eventArchiveDirectory: string | undefined },
): void {
  const { email } = settings;
  const worker = createJobWorker({
    database: handle.database,
    clock,
    logger: app.log,
    handlers: applicationJobHandlers({
      database: handle.database,
      clock,
      logger: app.log,
      ...(email ? { email } : {}),
      billRunConcurrency: handle.kind === "postgres" ? 4 : 1,
      leaseSeconds: jobs.leaseSeconds,
      eventArchiveDirectory: settings.eventArchiveDirectory,
    }),
    // Lanes: billing (bill runs, backtests, draft holds), delivery (webhooks, emails), general (the rest).
    lanes: jobs.slots,
    leaseSeconds: jobs.leaseSeconds,
  });
  const scheduler = createBillRunScheduler({
    database: handle.database,
    clock,
    logger: app.log,
    tickSeconds: jobs.tickSeconds,
  });
  // With ClickHouse, stored events are copied there in the background (each batch is queued when stored).
  const shipper =
    clickHouseOf(handle.database) === undefined
      ? undefined
      : createEventShipper({ database: handle.database, logger: app.log });
  // The events table's daily upkeep: partitions ahead, retention (real time, like the audit checkpoints).
  const eventMaintenance = createEventMaintenanceSchedule({
    database: handle.database,
    clock: systemClock,
    logger: app.log,
  });
  app.addHook("onReady", async () => {
    worker.start();
    scheduler.start();
    eventMaintenance.start();
    shipper?.start();
  });
  app.addHook("onClose", async () => {
    scheduler.stop();
    eventMaintenance.stop();
    await shipper?.stop();
    await worker.stop();
  });
}
