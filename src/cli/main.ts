// The `fairbill` command line. Each command lives in its own module under
// ./commands and registers itself on the program; this file only wires them.
import { Command } from "commander";
import { registerSimulateCommand } from "./commands/simulate.ts";

const program = new Command()
  .name("fairbill")
  .description("Fairbill: billing for usage-based and hybrid pricing")
  .showHelpAfterError()
  .configureOutput({ outputError: (message, write) => write(message) });

registerSimulateCommand(program);

await program.parseAsync(process.argv);
