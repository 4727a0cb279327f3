// `fairbill keys create|list|revoke`: API keys, straight on the configured
// database (useful before any key exists, or to recover from a lost one).
import type { Command } from "commander";
import { isRole, roles } from "../../platform/auth/roles.ts";
import { FairbillError } from "../../platform/errors.ts";
import { runCommand } from "../run-command.ts";

export function registerKeysCommand(program: Command): void {
  const keys = program.command("keys").description("Create, list and revoke API keys");

  keys
    .command("create")
    .description("Create an API key and print it (its last line of output is the key alone)")
    .requiredOption("--role <role>", `one of ${roles.join(", ")}`)
    .option("--environment <environment>", "test or live", "test")
    .option("--name <name>", "a name that says what the key is for", "Created with the CLI")
    .action(
      runCommand(async (options: { role: string; environment: string; name: string }) => {
        const role = options.role;
        if (!isRole(role)) {
          throw new FairbillError({
            code: "invalid_argument",
            status: 400,
            detail: `--role must be one of ${roles.join(", ")}, not "${role}".`,
          });
        }
        const { createServiceAccountKey } = await import("../../people/index.ts");
        const { openCliTenant } = await import("../tenant.ts");
        const tenant = await openCliTenant(options.environment);
        try {
          // A service account of its own holds the key: two keys made here are two holders.
          const { apiKey, secret } = await createServiceAccountKey(tenant.context, {
            name: options.name,
            role,
          });
          process.stdout.write(
            `Created ${apiKey.role} key ${apiKey.id} for the ${apiKey.environment} environment of ` +
              `${tenant.organization.name}. It is shown only now:\n${secret}\n`,
          );
        } finally {
          await tenant.handle.close();
        }
      }),
    );

  keys
    .command("list")
    .description("List the API keys of an environment (prefixes only)")
    .option("--environment <environment>", "test or live", "test")
    .action(
      runCommand(async (options: { environment: string }) => {
        const { listApiKeys } = await import("../../organizations/index.ts");
        const { openCliTenant } = await import("../tenant.ts");
        const tenant = await openCliTenant(options.environment);
        try {
          const apiKeys = await listApiKeys(tenant.context, { limit: 1000, afterId: undefined });
          for (const apiKey of apiKeys) {
            const state = apiKey.revoked_at ? `revoked ${apiKey.revoked_at}` : "active";
            process.stdout.write(
              `${apiKey.id}  ${apiKey.prefix}…  ${apiKey.role.padEnd(11)}  ${state}  ${apiKey.name}\n`,
            );
          }
        } finally {
          await tenant.handle.close();
        }
      }),
    );

  keys
    .command("revoke")
    .description("Revoke an API key: it stops working at once")
    .argument("<id>", "the key's id (key_…)")
    .option("--environment <environment>", "test or live", "test")
    .action(
      runCommand(async (id: string, options: { environment: string }) => {
        const { revokeApiKey } = await import("../../organizations/index.ts");
        const { openCliTenant } = await import("../tenant.ts");
        const tenant = await openCliTenant(options.environment);
        try {
          const apiKey = await revokeApiKey(tenant.context, id);
          process.stdout.write(`Revoked ${apiKey.id} (${apiKey.prefix}…) at ${apiKey.revoked_at}\n`);
        } finally {
          await tenant.handle.close();
        }
      }),
    );
}
