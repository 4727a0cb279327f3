// `fairbill audit verify`: recomputes the keyed hash chain of every
// organization's audit log, straight on the configured database, checks it
// against the signed checkpoints (in the database, in the checkpoint file of
// the data folder, and in any copy given with --checkpoints), and names every
// entry that was changed or removed. Exit code 0 when every chain holds, 1
// when one is broken, so that it can run from cron or CI.
// `fairbill audit checkpoint` signs a checkpoint of every chain at once.
import type { Command } from "commander";
import { FairbillError } from "../../platform/errors.ts";
import { runCommand } from "../run-command.ts";

export function registerAuditCommand(program: Command): void {
  const audit = program.command("audit").description("Check the tamper-evident audit log");

  audit
    .command("verify")
    .description(
      "Recompute every organization's audit hash chain and name every entry that was tampered with " +
        "(exit code 1 when a chain is broken)",
    )
    .option(
      "--checkpoints <file>",
      "also check against this copy of the checkpoint file (default: AUDIT_CHECKPOINT_FILE, in the data folder)",
    )
    .action(
      runCommand(async (options: { checkpoints?: string }) => {
        const { databaseLocationOf, openMigratedDatabase } = await import("../../app.ts");
        const { verifyEveryAuditChain } = await import("../../audit/index.ts");
        const { readConfiguration } = await import("../../platform/config.ts");
        const configuration = readConfiguration();
        const handle = await openMigratedDatabase(databaseLocationOf(configuration));
        try {
          const results = await verifyEveryAuditChain(handle.database, {
            checkpointFile: options.checkpoints ?? configuration.auditCheckpointFile,
          });
          const broken: string[] = [];
          for (const { organizationId, verification } of results) {
            if (verification.ok) {
              process.stdout.write(
                `ok      ${organizationId}: ${verification.entriesChecked} entries verified\n`,
              );
              continue;
            }
            for (const entry of verification.brokenEntries) {
              const named = entry.id === null ? `after sequence ${entry.sequence - 1}` : `entry ${entry.id}`;
              process.stdout.write(
                `BROKEN  ${organizationId}: ${named} (sequence ${entry.sequence}): ${entry.problem}\n`,
              );
            }
            const entry = verification.firstBrokenEntry;
            broken.push(
              `${organizationId} at ${entry.id ?? `sequence ${entry.sequence}`}` +
                ` (${verification.brokenEntries.length} broken of ${verification.entriesChecked} entries)`,
            );
          }
          if (broken.length > 0) {
            throw new FairbillError({
              code: "audit_chain_broken",
              status: 409,
              detail: `The audit log was tampered with: ${broken.join("; ")}.`,
            });
          }
          process.stdout.write(`${results.length} organization(s), every audit chain verifies\n`);
        } finally {
          await handle.close();
        }
      }),
    );

  audit
    .command("checkpoint")
    .description(
      "Sign a checkpoint of every audit chain that grew since its last one (after checking the new entries), " +
        "into the database and the checkpoint file",
    )
    .action(
      runCommand(async () => {
        const { databaseLocationOf, openMigratedDatabase } = await import("../../app.ts");
        const { writeAuditCheckpoints } = await import("../../audit/index.ts");
        const { systemClock } = await import("../../platform/clock.ts");
        const { readConfiguration } = await import("../../platform/config.ts");
        const configuration = readConfiguration();
        const handle = await openMigratedDatabase(databaseLocationOf(configuration));
        try {
          const run = await writeAuditCheckpoints(handle.database, {
            clock: systemClock,
            checkpointFile: configuration.auditCheckpointFile,
          });
          for (const checkpoint of run.written) {
            process.stdout.write(
              `signed  ${checkpoint.organization_id}: sequence ${checkpoint.sequence} (${checkpoint.hash.slice(0, 16)}…)\n`,
            );
          }
          if (run.refused.length > 0) {
            throw new FairbillError({
              code: "audit_chain_broken",
              status: 409,
              detail:
                "No checkpoint signed for a chain broken since its last checkpoint: " +
                run.refused.map((refused) => refused.organizationId).join(", ") +
                ". Run fairbill audit verify.",
            });
          }
          process.stdout.write(
            `${run.written.length} checkpoint(s) signed, appended to ${configuration.auditCheckpointFile}\n`,
          );
        } finally {
          await handle.close();
        }
      }),
    );
}
