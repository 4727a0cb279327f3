// `fairbill backup FILE` and `fairbill restore FILE` for the embedded
// database: the whole data folder of PGlite as one gzipped tarball, and back
// into an empty folder. Run them with the server stopped (the folder belongs
// to one process). The key file (fairbill.keys) is not in the backup: keep it
// apart, since without it stored secrets cannot be read and the audit chain
// cannot be verified. On PostgreSQL use pg_dump and pg_restore (README).
import { readFileSync, writeFileSync } from "node:fs";
import type { Command } from "commander";
import { FairbillError } from "../../platform/errors.ts";
import { runCommand } from "../run-command.ts";

function refusePostgres(databaseUrl: string | undefined, verb: string): void {
  if (databaseUrl === undefined) return;
  throw new FairbillError({
    code: "backup_on_postgres",
    status: 400,
    detail:
      `fairbill ${verb} works on the embedded database; with DATABASE_URL use pg_dump --format=custom ` +
      "and pg_restore (see the README's Backups).",
  });
}

export function registerBackupCommands(program: Command): void {
  program
    .command("backup <file>")
    .description(
      "Write the embedded database to FILE (a gzipped tarball of its data folder); stop the server first",
    )
    .action(
      runCommand(async (file: string) => {
        const { databaseLocationOf, openMigratedDatabase } = await import("../../app.ts");
        const { readConfiguration } = await import("../../platform/config.ts");
        const configuration = readConfiguration();
        refusePostgres(configuration.databaseUrl, "backup");
        const handle = await openMigratedDatabase(databaseLocationOf(configuration));
        try {
          const archive = await handle.dumpDataDirectory?.();
          if (archive === undefined) throw new Error("the embedded database gave no archive");
          writeFileSync(file, Buffer.from(await archive.arrayBuffer()), { mode: 0o600 });
          process.stdout.write(
            `Backed up ${configuration.dataDirectory} to ${file} (${archive.size} bytes). ` +
              "Keep fairbill.keys apart from it.\n",
          );
        } finally {
          await handle.close();
        }
      }),
    );

  program
    .command("restore <file>")
    .description(
      "Restore a backup made by fairbill backup into the data folder, which must hold no database yet",
    )
    .action(
      runCommand(async (file: string) => {
        const { readConfiguration } = await import("../../platform/config.ts");
        const { restoreEmbeddedDatabase } = await import("../../platform/database/database.ts");
        const configuration = readConfiguration();
        refusePostgres(configuration.databaseUrl, "restore");
        await restoreEmbeddedDatabase(configuration.dataDirectory, new Blob([readFileSync(file)]));
        process.stdout.write(`Restored ${file} into ${configuration.dataDirectory}.\n`);
      }),
    );
}
