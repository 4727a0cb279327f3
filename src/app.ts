// The composition root: one place that opens the database, applies the
// migrations and plugs every domain's routes into the HTTP server. The CLI,
// the tests and the benchmarks all build Fairbill through here.
import { createRequire } from "node:module";
import {
  evaluateAlertsAfterCreditBurn,
  evaluateAlertsAfterIngestion,
} from "./alerts/alert-evaluation-requests.ts";
import { alertJobHandlers } from "./alerts/alert-jobs.ts";
import { registerAlertRoutes } from "./alerts/alert-routes.ts";
import { registerAuditRoutes } from "./audit/audit-routes.ts";
import { registerBillRunRoutes } from "./billing-runs/bill-run-routes.ts";
import { billRunJobHandlers, createBillRunScheduler } from "./billing-runs/bill-run-scheduler.ts";
import { registerTestClockRoutes } from "./billing-runs/test-clock-routes.ts";
import { registerPlanRoutes } from "./catalog/plan-routes.ts";
import { registerProductAndFeatureRoutes } from "./catalog/product-feature-routes.ts";
import { type ConsoleOptions, consoleExtension } from "./console/console-extension.ts";
import { registerCouponRoutes } from "./coupons/coupon-routes.ts";
import { registerCreditRoutes } from "./credits/credit-routes.ts";
import { registerCustomerRoutes } from "./customers/customer-routes.ts";
import { registerEntitlementRoutes } from "./entitlements/entitlement-routes.ts";
import { registerFinanceRoutes } from "./finance/finance-routes.ts";
import { registerGovernanceRoutes } from "./governance/governance-routes.ts";
import { registerCreditSaleRoutes } from "./invoicing/credit-sale-routes.ts";
import { topUpWalletBelowThreshold } from "./invoicing/credit-sales.ts";
import { registerInvoicePreviewRoutes } from "./invoicing/invoice-preview-routes.ts";
import { registerInvoiceRoutes } from "./invoicing/invoice-routes.ts";
import { registerEventRoutes } from "./metering/event-routes.ts";
import { registerMeterRoutes } from "./metering/meter-routes.ts";
import { registerUsageRoutes } from "./metering/usage-routes.ts";
import { registerEmailRoutes } from "./notifications/email-routes.ts";
import { type EmailSettings, notificationJobHandlers } from "./notifications/notification-jobs.ts";
import { registerWebhookRoutes } from "./notifications/webhook-routes.ts";
import { registerApiKeyRoutes } from "./organizations/api-key-routes.ts";
import { authenticateApiKey } from "./organizations/api-keys.ts";
import { clockForEnvironment } from "./organizations/test-clock.ts";
import { collectFinalizedInvoice } from "./payments/collection.ts";
import { paymentJobHandlers } from "./payments/payment-jobs.ts";
import { registerPaymentRoutes } from "./payments/payment-routes.ts";
import { registerPlanMigrationRoutes } from "./plan-migrations/plan-migration-routes.ts";
import { type Clock, systemClock } from "./platform/clock.ts";
import type { Configuration } from "./platform/config.ts";
import type { Logger } from "./platform/context.ts";
import { type DatabaseHandle, type DatabaseLocation, openDatabase } from "./platform/database/database.ts";
import { migrate } from "./platform/database/migrator.ts";
import type { Database } from "./platform/database/schema.ts";
import { domainEventJobHandlers } from "./platform/events/domain-event-dispatch.ts";
import type { DomainEventSubscriber } from "./platform/events/domain-events.ts";
import { createHttpServer, type FairbillApp, type RouteModule } from "./platform/http/server.ts";
import { createJobWorker, type JobHandler } from "./platform/jobs/job-worker.ts";
import { portalPageExtension } from "./portal/portal-page.ts";
import { registerPortalRoutes } from "./portal/portal-routes.ts";
import { registerSimulationRoutes } from "./simulation/simulation-routes.ts";
import { registerPriceOverrideRoutes } from "./subscriptions/price-override-routes.ts";
import { registerSubscriptionRoutes } from "./subscriptions/subscription-routes.ts";
import { registerTaxRoutes } from "./taxes/tax-routes.ts";

const packageJson = createRequire(import.meta.url)("../package.json") as { version: string };
const fairbillVersion = packageJson.version;

/** Every domain's routes, in the order they appear in the OpenAPI document. */
const routeModules: RouteModule[] = [
  registerCustomerRoutes,
  registerApiKeyRoutes,
  registerSimulationRoutes,
  registerProductAndFeatureRoutes,
  registerPlanRoutes,
  registerEntitlementRoutes,
  registerPriceOverrideRoutes,
  registerAuditRoutes,
  registerGovernanceRoutes,
  registerMeterRoutes,
  registerEventRoutes,
  registerUsageRoutes,
  registerTestClockRoutes,
  registerBillRunRoutes,
  registerCreditRoutes,
  registerCreditSaleRoutes,
  registerCouponRoutes,
  registerSubscriptionRoutes,
  registerInvoicePreviewRoutes,
  registerPlanMigrationRoutes,
  registerInvoiceRoutes,
  registerWebhookRoutes,
  registerEmailRoutes,
  registerTaxRoutes,
  registerPaymentRoutes,
  registerFinanceRoutes,
  registerAlertRoutes,
  registerPortalRoutes,
];

export function databaseLocationOf(configuration: Configuration): DatabaseLocation {
  return configuration.databaseUrl
    ? { kind: "postgres", connectionString: configuration.databaseUrl }
    : { kind: "pglite", dataDirectory: configuration.dataDirectory };
}

/** Opens the configured database and brings its schema up to date. */
export async function openMigratedDatabase(location: DatabaseLocation): Promise<DatabaseHandle> {
  const handle = await openDatabase(location);
  try {
    await migrate(handle);
    return handle;
  } catch (error) {
    await handle.close();
    throw error;
  }
}

export type ApplicationOptions = {
  handle: DatabaseHandle;
  logger?: Configuration["logLevel"] | false;
  clock?: Clock;
  /** Serve the built web console at `/` (`fairbill serve`, the browser tests). */
  console?: ConsoleOptions;
  /** Run the job worker and the bill run's schedule beside the API (`fairbill serve`). */
  background?: boolean;
  /** Where the job worker sends customer emails (SMTP_URL, EMAIL_FROM); without it, emails stay queued. */
  email?: EmailSettings;
};

export async function buildApplication(options: ApplicationOptions): Promise<FairbillApp> {
  const clock = options.clock ?? systemClock;
  const database = options.handle.database;
  const authenticate = (secret: string) => authenticateApiKey(database, secret, clock.now());
  const app = await createHttpServer({
    database,
    authenticate,
    clockFor: (scope) => clockForEnvironment(database, scope, clock),
    routes: routeModules,
    extensions: options.console ? [consoleExtension(options.console, authenticate), portalPageExtension] : [],
    logger: options.logger ? { level: options.logger } : false,
    version: fairbillVersion,
  });
  if (options.background) startBackgroundWork(app, options.handle, clock, options.email);
  return app;
}

/**
 * Who hears which domain event: each domain above the one that publishes an
 * event subscribes to it here, so that no domain imports one above it.
 */
const domainEventSubscribers: DomainEventSubscriber[] = [
  collectFinalizedInvoice,
  topUpWalletBelowThreshold,
  evaluateAlertsAfterIngestion,
  evaluateAlertsAfterCreditBurn,
];

export type JobHandlerOptions = {
  database: Database;
  clock: Clock;
  logger: Logger;
  /** Where the job worker sends customer emails (SMTP_URL, EMAIL_FROM); without it, emails stay queued. */
  email?: EmailSettings;
  /** Customers a bill run works on side by side (1 on PGlite's single connection). */
  billRunConcurrency?: number;
};

/** Every domain's job handlers, by job kind, for the job worker of `fairbill serve` (and tests that drive it). */
export function applicationJobHandlers(options: JobHandlerOptions): Record<string, JobHandler> {
  const { database, clock, logger, email } = options;
  return {
    ...billRunJobHandlers({ database, clock, logger, concurrency: options.billRunConcurrency ?? 1 }),
    ...notificationJobHandlers({ database, clock, ...(email ? { email } : {}) }),
    ...paymentJobHandlers({ database, clock, logger }),
    ...alertJobHandlers({ database, clock, logger }),
    ...domainEventJobHandlers({
      database,
      logger,
      clockFor: (scope) => clockForEnvironment(database, scope, clock),
      subscribers: domainEventSubscribers,
    }),
  };
}

// The job worker and the bill run's schedule live as long as the server.
function startBackgroundWork(
  app: FairbillApp,
  handle: DatabaseHandle,
  clock: Clock,
  email: EmailSettings | undefined,
): void {
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
    }),
  });
  const scheduler = createBillRunScheduler({ database: handle.database, clock, logger: app.log });
  app.addHook("onReady", async () => {
    worker.start();
    scheduler.start();
  });
  app.addHook("onClose", async () => {
    scheduler.stop();
    await worker.stop();
  });
}
