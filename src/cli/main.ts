// The `fairbill` command line. Each command lives in its own module under
// ./commands and registers itself on the program; this file only wires them.
// `--version` answers before those modules (and the whole application they
// import) are loaded, so it is instant.
import { readFileSync } from "node:fs";
import nodeModule from "node:module";
import { Command } from "commander";

// Node's compile cache (in the system's temporary folder) keeps what reading
// Fairbill's modules costs, stripping their types included, for the next
// start: `npm start` runs this file directly, not bin/fairbill.js, which enables
// it too. Here it covers every module below, which are imported after it.
nodeModule.enableCompileCache();

const { version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
  version: string;
};

if (["--version", "-V"].includes(process.argv[2] ?? "")) {
  process.stdout.write(`${version}\n`);
  process.exit(0);
}

const program = new Command()
  .name("fairbill")
  .description("Fairbill: billing for usage-based and hybrid pricing")
  .version(version, "-V, --version", "print Fairbill's version")
  .showHelpAfterError()
  .configureOutput({ outputError: (message, write) => write(message) });

const commands = await Promise.all([
  import("./commands/serve.ts").then((module) => module.registerServeCommand),
  import("./commands/migrate.ts").then((module) => module.registerMigrateCommand),
  import("./commands/keys.ts").then((module) => module.registerKeysCommand),
  import("./commands/audit.ts").then((module) => module.registerAuditCommand),
  import("./commands/secrets.ts").then((module) => module.registerSecretsCommand),
  import("./commands/backup.ts").then((module) => module.registerBackupCommands),
  import("./commands/catalog.ts").then((module) => module.registerCatalogCommand),
  import("./commands/simulate.ts").then((module) => module.registerSimulateCommand),
  import("./commands/bill-run.ts").then((module) => module.registerBillRunCommand),
  import("./commands/backtest.ts").then((module) => module.registerBacktestCommand),
  import("./commands/import.ts").then((module) => module.registerImportCommand),
  import("./commands/reconcile.ts").then((module) => module.registerReconcileCommand),
  import("./commands/kpis.ts").then((module) => module.registerKpisCommand),
]);
for (const register of commands) register(program);

await program.parseAsync(process.argv);
