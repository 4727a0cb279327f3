// What `fairbill serve` does, loaded only when it runs (so that `--help` does not
// load the application): answer on the port at once with a loading page, open and
// migrate the database, create the organization on the first start, load the demo
// when asked, build the application, and hand it the port.
import { buildApplication, databaseLocationOf, fairbillVersion, openMigratedDatabase } from "../../app.ts";
import { findBuiltConsole } from "../../console/index.ts";
import { seedDemoData } from "../../demo/index.ts";
import { findOrCreateDefaultOrganization } from "../../organizations/index.ts";
import { createServiceAccountKey, firstAdminLink } from "../../people/index.ts";
import { systemClock } from "../../platform/clock.ts";
import { readConfiguration } from "../../platform/config.ts";
import { systemContext } from "../../platform/context.ts";
import { releaseKeysOfEndedProcess } from "../../platform/http/idempotency.ts";
import { loadKeyRing, setKeyRing } from "../../platform/secrets/key-ring.ts";
import { startTracing } from "../../platform/tracing.ts";
import { newControlToken, writeLocalControl } from "../local-control.ts";
import { type LoadingServer, listenWhileLoading } from "./loading-server.ts";

export async function startServer(options: { demo: boolean; role: "api" | "worker" | "all" }): Promise<void> {
  const configuration = readConfiguration();
  const tracing = await startTracing(process.env, fairbillVersion);
  // The keys first: a key file that cannot be read stops the start before anything is written.
  setKeyRing(loadKeyRing(configuration));
  // A worker node listens on no port; the others answer at once, saying they are starting.
  const loading: LoadingServer | undefined =
    options.role === "worker"
      ? undefined
      : await listenWhileLoading({ port: configuration.port, host: configuration.host });
  loading?.show("Opening the database");
  const handle = await openMigratedDatabase(databaseLocationOf(configuration), configuration.clickhouseUrl);
  if (handle.kind === "pglite") await releaseKeysOfEndedProcess(handle.database);
  const { organization, created } = await findOrCreateDefaultOrganization(handle.database, systemClock);
  const testContext = systemContext({
    organizationId: organization.id,
    environmentId: organization.environments.test,
    database: handle.database,
    clock: systemClock,
    actorName: "serve",
  });
  if (created) {
    const { secret } = await createServiceAccountKey(testContext, {
      name: "First admin key",
      role: "admin",
    });
    process.stdout.write(
      [
        "",
        `Created organization ${organization.name} (${organization.id}) with a test and a live environment.`,
        "Your admin API key for the test environment (shown only now, keep it):",
        "",
        `    ${secret}`,
        "",
        "More keys: npx fairbill keys create --role admin --environment live",
        "",
      ].join("\n"),
    );
  }
  const firstAdmin = await firstAdminLink(
    handle.database,
    systemClock,
    organization.id,
    configuration.publicUrl,
  );
  if (firstAdmin !== undefined) {
    process.stdout.write(
      [
        "",
        "Nobody can sign in to this organization yet. Create its first admin (this link works once, for 24 hours):",
        "",
        `    ${firstAdmin}`,
        "",
      ].join("\n"),
    );
  }
  if (options.demo) {
    loading?.show("Loading demo data: three months of usage and invoices");
    const started = Date.now();
    const demo = await seedDemoData(handle, testContext, () =>
      process.stdout.write(
        "Loading demo data into the test environment: three months of usage and invoices…\n",
      ),
    );
    if (demo) {
      process.stdout.write(
        `Added demo data in ${Math.round((Date.now() - started) / 1000)} s: ${demo.customers} customers, ` +
          `${demo.events} usage events and ${demo.invoices} invoices since ${demo.from.toISOString().slice(0, 10)}.\n`,
      );
    }
  }
  loading?.show("Building the application");
  const consoleDirectory = findBuiltConsole();
  // On the embedded database, which this process holds, `fairbill keys create` goes through the server.
  const localKeys =
    handle.kind === "pglite" ? { token: newControlToken(), organizationId: organization.id } : undefined;
  const app = await buildApplication({
    handle,
    logger: configuration.logLevel,
    background: options.role !== "api",
    jobs: configuration.jobs,
    email: configuration,
    publicUrl: configuration.publicUrl,
    allowPrivateTargets: configuration.allowPrivateTargets,
    rateLimits: configuration.rateLimits,
    auditCheckpoints: {
      file: configuration.auditCheckpointFile,
      everySeconds: configuration.auditCheckpointSeconds,
    },
    eventArchiveDirectory: configuration.eventArchiveDirectory,
    ...(configuration.metricsToken === undefined ? {} : { metricsToken: configuration.metricsToken }),
    ...(consoleDirectory ? { console: { directory: consoleDirectory } } : {}),
    ...(localKeys === undefined ? {} : { localKeys }),
  });
  // A worker node listens on no port: this timer keeps its process running until a signal stops it.
  const keepRunning = options.role === "worker" ? setInterval(() => {}, 60_000) : undefined;
  let removeLocalControl = () => {};
  const stop = async () => {
    clearInterval(keepRunning);
    removeLocalControl();
    await app.close();
    await handle.close();
    await tracing?.stop();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
  if (options.role === "worker") {
    // No HTTP: the hooks that start the job worker and the schedule run on ready.
    await app.ready();
    process.stdout.write(
      `Fairbill is working the job queue (role worker, lease ${configuration.jobs.leaseSeconds} s, database: ${handle.location})\n`,
    );
    return;
  }
  await loading?.close();
  await app.listen({ port: configuration.port, host: configuration.host });
  removeLocalControl =
    localKeys === undefined
      ? () => {}
      : writeLocalControl(configuration.dataDirectory, {
          url: `http://${["0.0.0.0", "::"].includes(configuration.host) ? "127.0.0.1" : configuration.host}:${configuration.port}`,
          token: localKeys.token,
        });
  const shownHost = configuration.host === "0.0.0.0" ? "localhost" : configuration.host;
  process.stdout.write(
    `Fairbill is serving on http://${shownHost}:${configuration.port} (API docs at /docs, database: ${handle.location})\n`,
  );
  process.stdout.write(
    consoleDirectory
      ? `The web console is at http://${shownHost}:${configuration.port}/ (sign in with an API key)\n`
      : "The web console is not built, so only the API is served: run `npm run build:web` to build it.\n",
  );
}
