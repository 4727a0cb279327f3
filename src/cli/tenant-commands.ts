// What the CLI commands that work in one environment of one organization
// share: the --environment and --organization options, and running the
// command's work in that tenant with the database closed after it, whatever
// happens. The database code is loaded only when a command runs, so that
// `fairbill --help` stays quick.
import type { Command } from "commander";
import type { CliTenant } from "./tenant.ts";

/** The tenant a command's options name: the environment, and the organization (the default one when left out). */
export type TenantOptions = { environment: string; organization?: string | undefined };

/** Adds --environment and --organization to `command`, after the options it already has. */
export function withTenantOptions(command: Command): Command {
  return command
    .option("--environment <environment>", "test or live", "test")
    .option("--organization <id>", "the organization (default: the first one created)");
}

/** Opens the tenant `options` name, runs `work` in it, and closes the database when the work ends or fails. */
export async function inCliTenant<Result>(
  options: TenantOptions,
  work: (tenant: CliTenant) => Promise<Result>,
): Promise<Result> {
  const { openCliTenant } = await import("./tenant.ts");
  const tenant = await openCliTenant(options.environment, { organization: options.organization });
  try {
    return await work(tenant);
  } finally {
    await tenant.handle.close();
  }
}
