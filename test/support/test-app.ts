// The whole Fairbill HTTP application on a fresh test database, driven through
// Fastify's inject (no port), with helpers to make tenants and keys and to
// call the API as a client would.
import { applicationJobHandlers, buildApplication, connectEventStore } from "../../src/app.ts";
import type { ConsoleOptions } from "../../src/console/index.ts";
import type { EmailSettings } from "../../src/notifications/index.ts";
import type { EnvironmentKind } from "../../src/organizations/index.ts";
import { createOrganization, type Organization } from "../../src/organizations/index.ts";
import { createServiceAccountKey } from "../../src/people/index.ts";
import type { Role } from "../../src/platform/auth/roles.ts";
import { type Clock, systemClock } from "../../src/platform/clock.ts";
import { type RequestContext, silentLogger, systemContext } from "../../src/platform/context.ts";
import type { DatabaseHandle } from "../../src/platform/database/database.ts";
import type { RateLimitSettings } from "../../src/platform/http/rate-limits.ts";
import type { FairbillApp } from "../../src/platform/http/server.ts";
import { createJobWorker, type JobWorker } from "../../src/platform/jobs/job-worker.ts";
import { sharedByFile } from "./shared-by-file.ts";
import { openTestDatabase } from "./test-database.ts";
import { webhookPayloadProblems } from "./webhook-payloads.ts";

// Tests read response bodies loosely and let their assertions check the shape.
// biome-ignore lint/suspicious/noExplicitAny: a test's view of JSON it is about to assert on.
type ResponseBody = any;

/** JSON a test reads loosely (a response body, an import record), its assertions checking the shape. */
export type LooseJson = ResponseBody;

export type ApiResponse<Body = ResponseBody> = {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: Body;
};

export type ApiClient = {
  key: string;
  get<Body = ResponseBody>(path: string, headers?: Record<string, string>): Promise<ApiResponse<Body>>;
  post<Body = ResponseBody>(
    path: string,
    payload?: unknown,
    headers?: Record<string, string>,
  ): Promise<ApiResponse<Body>>;
  patch<Body = ResponseBody>(
    path: string,
    payload?: unknown,
    headers?: Record<string, string>,
  ): Promise<ApiResponse<Body>>;
  put<Body = ResponseBody>(
    path: string,
    payload?: unknown,
    headers?: Record<string, string>,
  ): Promise<ApiResponse<Body>>;
  delete<Body = ResponseBody>(path: string, headers?: Record<string, string>): Promise<ApiResponse<Body>>;
};

export type TestTenant = {
  organization: Organization;
  /** An admin client of the tenant's test environment. */
  admin: ApiClient;
  /** A client with a new key of the given role and environment. */
  client(role: Role, environment?: EnvironmentKind): Promise<ApiClient>;
  /** A use-case context of the given environment, acting as the system. */
  context(environment?: EnvironmentKind): RequestContext;
};

export type TestApp = {
  app: FairbillApp;
  handle: DatabaseHandle;
  newTenant(name?: string): Promise<TestTenant>;
  /** A client that sends the given raw Authorization header value (or none). */
  rawClient(authorization: string | undefined): ApiClient;
  /**
   * Runs every job due at `now` (real time by default) with the handlers of
   * `fairbill serve`'s worker: domain events, webhooks, emails, payments,
   * alerts, bill runs. Returns how many ran.
   */
  runJobs(options?: { now?: Date; email?: EmailSettings }): Promise<number>;
  /** Runs due jobs again and again until a round runs none (ten rounds at most): domain events queue the jobs they lead to. */
  runJobsUntilIdle(options?: { email?: EmailSettings }): Promise<void>;
  /** Closes the app and its database; fails when a webhook event published meanwhile breaks its declared schema. */
  close(): Promise<void>;
};

/**
 * A use-case context of the organization's environment (test unless told),
 * acting as the system: what a test seeds data with, beside the API.
 */
export function systemContextOf(
  organization: Organization,
  database: DatabaseHandle["database"],
  options: { clock?: Clock; environment?: EnvironmentKind; actorName?: string } = {},
): RequestContext {
  return systemContext({
    organizationId: organization.id,
    environmentId: organization.environments[options.environment ?? "test"],
    database,
    clock: options.clock ?? systemClock,
    actorName: options.actorName ?? "test",
  });
}

/**
 * A job worker with `fairbill serve`'s handlers whose use cases read the given
 * clock (not the database's), sending emails by the given settings: for a test
 * that runs its own worker on a test clock.
 */
export function applicationJobWorker(
  database: DatabaseHandle["database"],
  clock: Clock,
  email: EmailSettings,
): JobWorker {
  return createJobWorker({
    database,
    clock,
    logger: silentLogger,
    handlers: applicationJobHandlers({ database, clock, logger: silentLogger, email }),
  });
}

export type TestAppOptions = {
  clock?: Clock;
  metricsToken?: string;
  /** Let webhooks and providers call servers the test runs on this machine (the setting self-hosters may turn on). */
  allowPrivateTargets?: boolean;
  /** Rate limits and the backoff after failed authentication; off unless a test sets them (tests send thousands of requests from one address). */
  rateLimits?: RateLimitSettings;
  /** Copy raw events to this ClickHouse server and read them from there (CLICKHOUSE_URL). */
  clickhouseUrl?: string;
  /** Serve a built console (a folder with index.html) at `/` and the portal page at `/portal/`. */
  console?: ConsoleOptions;
  /** The server's email settings (SMTP_URL, EMAIL_FROM), as `fairbill serve` is given them. */
  email?: EmailSettings;
};

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const clock = options.clock ?? systemClock;
  const openedHandle = await openTestDatabase();
  const handle =
    options.clickhouseUrl === undefined
      ? openedHandle
      : await connectEventStore(openedHandle, options.clickhouseUrl);
  const app = await buildApplication({
    handle,
    clock,
    allowPrivateTargets: options.allowPrivateTargets ?? false,
    rateLimits: options.rateLimits ?? false,
    ...(options.metricsToken === undefined ? {} : { metricsToken: options.metricsToken }),
    ...(options.console === undefined ? {} : { console: options.console }),
    ...(options.email === undefined ? {} : { email: options.email }),
  });
  await app.ready();

  const rawClient = (authorization: string | undefined): ApiClient => {
    const send = async (
      method: string,
      path: string,
      payload: unknown,
      headers: Record<string, string> = {},
    ) => {
      const response = await app.inject({
        method: method as "GET",
        url: path,
        headers: { ...(authorization === undefined ? {} : { authorization }), ...headers },
        ...(payload === undefined ? {} : { payload: payload as string }),
      });
      const contentType = String(response.headers["content-type"] ?? "");
      const body = contentType.includes("json") && response.body !== "" ? response.json() : response.body;
      return { status: response.statusCode, headers: response.headers, body };
    };
    return {
      key: authorization?.replace(/^Bearer /, "") ?? "",
      get: (path, headers) => send("GET", path, undefined, headers),
      post: (path, payload, headers) => send("POST", path, payload ?? {}, headers),
      patch: (path, payload, headers) => send("PATCH", path, payload ?? {}, headers),
      put: (path, payload, headers) => send("PUT", path, payload ?? {}, headers),
      delete: (path, headers) => send("DELETE", path, undefined, headers),
    };
  };

  const newTenant = async (name = "Test organization"): Promise<TestTenant> => {
    const organization = await createOrganization(handle.database, name, clock);
    const context = (environment: EnvironmentKind = "test") =>
      systemContextOf(organization, handle.database, { clock, environment });
    const client = async (role: Role, environment: EnvironmentKind = "test") => {
      // Each key is held by a service account of its own, so that two clients are two persons.
      const { secret } = await createServiceAccountKey(context(environment), {
        name: `${role} test key`,
        role,
      });
      return rawClient(`Bearer ${secret}`);
    };
    return { organization, admin: await client("admin"), client, context };
  };

  const runJobs = (options: { now?: Date; email?: EmailSettings } = {}) =>
    createJobWorker({
      database: handle.database,
      // Jobs are queued "at once" by the database's real clock, whatever the app's clock reads.
      clock: systemClock,
      logger: process.env.DEBUG_JOBS
        ? { ...silentLogger, warn: console.warn, error: console.error }
        : silentLogger,
      handlers: applicationJobHandlers({
        database: handle.database,
        clock,
        logger: silentLogger,
        ...(options.email ? { email: options.email } : {}),
      }),
    }).runDueJobs(options.now);

  const runJobsUntilIdle = async (options: { email?: EmailSettings } = {}) => {
    for (let round = 0; round < 10; round += 1) {
      if ((await runJobs(options)) === 0) return;
    }
  };

  return {
    app,
    handle,
    newTenant,
    rawClient,
    runJobs,
    runJobsUntilIdle,
    close: async () => {
      await app.close();
      const problems = await webhookPayloadProblems(handle.database);
      await handle.close();
      if (problems.length > 0) {
        throw new Error(`Webhook payloads that break their declared schema:\n${problems.join("\n")}`);
      }
    },
  };
}

/** The app and one tenant, for a test file whose tests share them. */
export async function startTestAppWithTenant(
  options: TestAppOptions & { tenantName?: string } = {},
): Promise<{ testApp: TestApp; tenant: TestTenant }> {
  const testApp = await startTestApp(options);
  return { testApp, tenant: await testApp.newTenant(options.tenantName) };
}

/** The app and the tenant a test file shares, read by its hooks and tests once the file's first beforeAll has run. */
export type FileTestApp = {
  readonly testApp: TestApp;
  readonly tenant: TestTenant;
};

/**
 * Starts the app and one tenant before the tests of the file (or of the
 * describe block it is called in) and closes the app after them: it registers
 * the beforeAll and afterAll itself. A beforeAll the file registers after this
 * call runs once the app and tenant exist.
 */
export function testAppForFile(
  options: TestAppOptions & { tenantName?: string; timeout?: number } = {},
): FileTestApp {
  const { timeout, ...appOptions } = options;
  const started = sharedByFile(
    "test app",
    () => startTestAppWithTenant(appOptions),
    ({ testApp }) => testApp.close(),
    timeout === undefined ? {} : { timeout },
  );
  return {
    get testApp() {
      return started().testApp;
    },
    get tenant() {
      return started().tenant;
    },
  };
}

/** The app a test file shares when each of its tests makes the tenants it needs. */
export type FileApp = {
  readonly testApp: TestApp;
};

/** Starts the app alone before the tests of the file (or describe block) and closes it after them, as testAppForFile does. */
export function appForFile(options: TestAppOptions & { timeout?: number } = {}): FileApp {
  const { timeout, ...appOptions } = options;
  const started = sharedByFile(
    "test app",
    () => startTestApp(appOptions),
    (testApp) => testApp.close(),
    timeout === undefined ? {} : { timeout },
  );
  return {
    get testApp() {
      return started();
    },
  };
}
