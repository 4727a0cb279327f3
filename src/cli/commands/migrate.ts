// `fairbill migrate`: brings the configured database's schema up to date.
import type { Command } from "commander";
import { runCommand } from "../run-command.ts";

export function registerMigrateCommand(program: Command): void {
  program
    .command("migrate")
    .description("Apply the database migrations that have not run yet (serve does this too)")
    .action(
      runCommand(async () => {
        const { databaseLocationOf } = await import("../../app.ts");
        const { readConfiguration } = await import("../../platform/config.ts");
        const { openDatabase } = await import("../../platform/database/database.ts");
        const { migrate } = await import("../../platform/database/migrator.ts");
        const handle = await openDatabase(databaseLocationOf(readConfiguration()));
        try {
          const report = await migrate(handle);
          if (report.renamed > 0) {
            process.stdout.write(`gave ${report.renamed} applied migration(s) their timestamped names\n`);
          }
          for (const name of report.applied) process.stdout.write(`applied ${name}\n`);
          process.stdout.write(
            `${report.applied.length} migration(s) applied, ${report.alreadyApplied} already there (${handle.location})\n`,
          );
        } finally {
          await handle.close();
        }
      }),
    );
}
