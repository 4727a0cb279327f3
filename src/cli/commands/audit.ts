// `fairbill audit verify`: recomputes the hash chain of every organization's
// audit log, straight on the configured database, and names every entry
// that was changed or removed. Exit code 0 when every chain holds, 1 when one
// is broken, so that it can run from cron or CI.
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
    .action(
      runCommand(async () => {
        const { databaseLocationOf, openMigratedDatabase } = await import("../../app.ts");
        const { verifyEveryAuditChain } = await import("../../audit/index.ts");
        const { readConfiguration } = await import("../../platform/config.ts");
        const handle = await openMigratedDatabase(databaseLocationOf(readConfiguration()));
        try {
          const results = await verifyEveryAuditChain(handle.database);
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
}
