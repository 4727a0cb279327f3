// `fairbill catalog export|diff|apply`: the catalog as code. These commands
// work on the configured database directly, like `fairbill keys` (set
// FAIRBILL_DATA_DIR or DATABASE_URL as for `fairbill serve`; with the
// embedded database, stop a running server first), as the system actor `cli`
// in the audit log. `apply` never publishes around review: it submits each
// changed plan's draft for approval, and publishes only with --publish in an
// environment whose approval policy does not require approval.
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import type { CatalogFile } from "../../catalog/index.ts";
import { FairbillError } from "../../platform/errors.ts";
import { runCommand } from "../run-command.ts";
import type { CliTenant } from "../tenant.ts";
import { inCliTenant } from "../tenant-commands.ts";

type EnvironmentOption = { environment: string };

export function registerCatalogCommand(program: Command): void {
  const catalog = program
    .command("catalog")
    .description(
      "Export the catalog to YAML, see what a file would change, and apply it (on the database directly)",
    );

  catalog
    .command("export")
    .description(
      "Print the catalog as YAML: products, features, meters referred to, and each plan's latest published and open versions",
    )
    .option("--environment <environment>", "test or live", "test")
    .action(
      runCommand(async (options: EnvironmentOption) => {
        const { exportCatalog, formatCatalogFile, loadCurrentCatalog } = await import(
          "../../catalog/index.ts"
        );
        await inCliTenant(options, async (tenant) => {
          const current = await loadCurrentCatalog(tenant.handle.database, tenant.context);
          const header =
            `Fairbill catalog of the ${options.environment} environment of ${tenant.organization.name}.\n` +
            "The last version under each plan is the pricing this file asks for; change it and run\n" +
            "`fairbill catalog diff` to see what would change, then `fairbill catalog apply` to submit it.";
          process.stdout.write(formatCatalogFile(exportCatalog(current), header));
        });
      }),
    );

  catalog
    .command("diff")
    .description("Print what applying the file would change, in the words of the version diff")
    .argument("<file>", "a catalog.yaml")
    .option("--environment <environment>", "test or live", "test")
    .action(
      runCommand(async (file: string, options: EnvironmentOption) => {
        const { describeCatalogChanges, parseCatalogFile } = await import("../../catalog/index.ts");
        const parsed = parseCatalogFile(readCatalogText(file), file);
        await inCliTenant(options, async (tenant) => {
          const changes = await catalogFileChanges(file, parsed, tenant, tenant.context);
          const lines = describeCatalogChanges(changes, "submit");
          process.stdout.write(lines.length === 0 ? "No changes.\n" : `${lines.join("\n")}\n`);
        });
      }),
    );

  catalog
    .command("apply")
    .description(
      "Apply the file: create what is new, and open a draft for each changed plan and submit it for approval",
    )
    .argument("<file>", "a catalog.yaml")
    .option("--environment <environment>", "test or live", "test")
    .option("--publish", "publish the drafts at once, where the approval policy does not require approval")
    .option("--reason <reason>", "why, for the audit log", "applied from a catalog file")
    .action(
      runCommand(async (file: string, options: EnvironmentOption & { publish?: boolean; reason: string }) => {
        const { applyCatalogChanges, describeCatalogChanges, parseCatalogFile } = await import(
          "../../catalog/index.ts"
        );
        const parsed = parseCatalogFile(readCatalogText(file), file);
        await inCliTenant(options, async (tenant) => {
          const context = { ...tenant.context, reason: options.reason };
          const changes = await catalogFileChanges(file, parsed, tenant, context);
          if (changes.length === 0) {
            process.stdout.write("No changes.\n");
            return;
          }
          const publish = options.publish === true;
          await applyCatalogChanges(context, changes, { publish, comment: `Applied from ${file}` });
          const lines = describeCatalogChanges(changes, publish ? "publish" : "submit");
          process.stdout.write(`${lines.join("\n")}\n`);
        });
      }),
    );
}

/** What applying the parsed catalog file would change in the tenant's catalog; a file with errors is refused, naming each. */
async function catalogFileChanges(
  file: string,
  parsed: CatalogFile,
  tenant: CliTenant,
  context: CliTenant["context"],
) {
  const { catalogFileError, loadCurrentCatalog, planCatalogChanges } = await import("../../catalog/index.ts");
  const current = await loadCurrentCatalog(tenant.handle.database, context);
  const { changes, errors } = planCatalogChanges(parsed, current);
  if (errors.length > 0) throw catalogFileError(file, errors);
  return changes;
}

function readCatalogText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new FairbillError({
      code: "invalid_argument",
      status: 400,
      detail: `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
    });
  }
}
