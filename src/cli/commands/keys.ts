// `fairbill keys create|list|revoke`: API keys, straight on the configured
// database (useful before any key exists, or to recover from a lost one).
import type { Command } from "commander";
import { isRole, type Role, roles } from "../../platform/auth/roles.ts";
import { FairbillError } from "../../platform/errors.ts";
import { runCommand } from "../run-command.ts";
import { inCliTenant } from "../tenant-commands.ts";

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
        const created = await createKey({ role, environment: options.environment, name: options.name });
        process.stdout.write(
          `Created ${created.role} key ${created.id} for the ${created.environment} environment of ` +
            `${created.organizationName}. It is shown only now:\n${created.secret}\n`,
        );
      }),
    );

  keys
    .command("list")
    .description("List the API keys of an environment (prefixes only)")
    .option("--environment <environment>", "test or live", "test")
    .action(
      runCommand(async (options: { environment: string }) => {
        const { listApiKeys } = await import("../../organizations/index.ts");
        await inCliTenant(options, async (tenant) => {
          const apiKeys = await listApiKeys(tenant.context, { limit: 1000, afterId: undefined });
          for (const apiKey of apiKeys) {
            const state = apiKey.revoked_at ? `revoked ${apiKey.revoked_at}` : "active";
            process.stdout.write(
              `${apiKey.id}  ${apiKey.prefix}…  ${apiKey.role.padEnd(11)}  ${state}  ${apiKey.name}\n`,
            );
          }
        });
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
        await inCliTenant(options, async (tenant) => {
          const apiKey = await revokeApiKey(tenant.context, id);
          process.stdout.write(`Revoked ${apiKey.id} (${apiKey.prefix}…) at ${apiKey.revoked_at}\n`);
        });
      }),
    );
}

type CreatedKey = { id: string; role: string; environment: string; organizationName: string; secret: string };

/**
 * A new key of its own service account, on the database directly; while a
 * `fairbill serve` holds the embedded database, through that server (its
 * control file in the data folder says where, with the token it accepts).
 */
async function createKey(request: { role: Role; environment: string; name: string }): Promise<CreatedKey> {
  const { openCliTenant } = await import("../tenant.ts");
  let tenant: Awaited<ReturnType<typeof openCliTenant>>;
  try {
    tenant = await openCliTenant(request.environment);
  } catch (error) {
    if (error instanceof FairbillError && error.code === "data_directory_in_use") {
      return createKeyThroughServer(request, error);
    }
    throw error;
  }
  try {
    const { createCommandLineKey } = await import("../../people/index.ts");
    const key = await createCommandLineKey(tenant.context, request);
    return { ...key, organizationName: tenant.organization.name };
  } finally {
    await tenant.handle.close();
  }
}

async function createKeyThroughServer(
  request: { role: Role; environment: string; name: string },
  inUse: FairbillError,
): Promise<CreatedKey> {
  const { readConfiguration } = await import("../../platform/config.ts");
  const { readLocalControl } = await import("../local-control.ts");
  const control = readLocalControl(readConfiguration().dataDirectory);
  if (control === undefined) throw inUse;
  const response = await fetch(`${control.url}/v1/local-keys`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      control_token: control.token,
      role: request.role,
      environment: request.environment,
      name: request.name,
    }),
  }).catch(() => undefined);
  if (response === undefined) throw inUse;
  const body = (await response.json()) as Record<string, unknown>;
  if (response.status !== 201) {
    throw new FairbillError({
      code: typeof body.code === "string" ? body.code : "local_key_refused",
      status: response.status,
      detail: `The running server refused the key: ${typeof body.detail === "string" ? body.detail : response.status}`,
    });
  }
  return {
    id: String(body.id),
    role: String(body.role),
    environment: String(body.environment),
    organizationName: String(body.organization_name),
    secret: String(body.secret),
  };
}
