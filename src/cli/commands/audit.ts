// `fairbill audit verify`: recomputes the hash chain of every organization's
// audit log, straight on the configured database, and names the first entry
// that was changed or removed. Exit code 0 when every chain holds, 1 when one
// is broken, so that it can run from cron or CI.
import type { Command } from "commander";
import { databaseLocationOf, openMigratedDatabase } from "../../app.ts";
import { verifyEveryAuditChain } from "../../audit/index.ts";
import { readConfiguration } from "../../platform/config.ts";
import { FairbillError } from "../../platform/errors.ts";
import { runCommand } from "../run-command.ts";

export function registerAuditCommand(program: Command): void {
  const audit = program.command("audit").description("Check the tamper-evident audit log");

  audit
    .command("verify")
    .description(
      "Recompute every organization's audit hash chain and name the first entry that was tampered with " +
        "(exit code 1 when a chain is broken)",
    )
    .action(
      runCommand(async () => {
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
            const entry = verification.firstBrokenEntry;
            const named = entry.id === null ? `after sequence ${entry.sequence - 1}` : `entry ${entry.id}`;
            process.stdout.write(
              `BROKEN  ${organizationId}: ${named} (sequence ${entry.sequence}): ${entry.problem}; ` +
                `the ${verification.entriesChecked} entries before it verify\n`,
            );
            broken.push(`${organizationId} at ${entry.id ?? `sequence ${entry.sequence}`}`);
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
