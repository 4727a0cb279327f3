// The `fairbill` command line. Each command lives in its own module under
// ./commands and registers itself on the program; this file only wires them.
import { Command } from "commander";
import { registerAuditCommand } from "./commands/audit.ts";
import { registerBacktestCommand } from "./commands/backtest.ts";
import { registerBillRunCommand } from "./commands/bill-run.ts";
import { registerCatalogCommand } from "./commands/catalog.ts";
import { registerKeysCommand } from "./commands/keys.ts";
import { registerKpisCommand } from "./commands/kpis.ts";
import { registerMigrateCommand } from "./commands/migrate.ts";
import { registerReconcileCommand } from "./commands/reconcile.ts";
import { registerServeCommand } from "./commands/serve.ts";
import { registerSimulateCommand } from "./commands/simulate.ts";

const program = new Command()
  .name("fairbill")
  .description("Fairbill: billing for usage-based and hybrid pricing")
  .showHelpAfterError()
  .configureOutput({ outputError: (message, write) => write(message) });

registerServeCommand(program);
registerMigrateCommand(program);
registerKeysCommand(program);
registerAuditCommand(program);
registerCatalogCommand(program);
registerSimulateCommand(program);
registerBillRunCommand(program);
registerBacktestCommand(program);
registerReconcileCommand(program);
registerKpisCommand(program);

await program.parseAsync(process.argv);
