// A lost key while the server runs. `fairbill keys create` opens the embedded
// database directly, which a running `fairbill serve` holds: so that server
// accepts the same request from the same machine, proven by a token it wrote
// into its data folder at start (readable only by the folder's owner, who
// could open the database anyway). PostgreSQL needs none of this: the command
// opens it beside the server.
import { timingSafeEqual } from "node:crypto";
import { type EnvironmentKind, loadOrganization } from "../organizations/index.ts";
import type { Role } from "../platform/auth/roles.ts";
import type { Clock } from "../platform/clock.ts";
import { type RequestContext, systemContext } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { unauthorized } from "../platform/errors.ts";
import { createServiceAccountKey } from "./service-accounts.ts";

/** What `fairbill serve` on the embedded database lets the command line do through it. */
export type LocalKeyAccess = { token: string; organizationId: string };

export type LocalKeyRequest = {
  control_token: string;
  role: Role;
  environment: "test" | "live";
  name: string;
};

export async function createLocalKey(
  database: Database,
  clock: Clock,
  access: LocalKeyAccess,
  request: LocalKeyRequest,
) {
  if (!sameToken(request.control_token, access.token)) {
    throw unauthorized("The control token is not this server's: read it from the data folder it serves.");
  }
  const organization = await loadOrganization(database, access.organizationId);
  const context = systemContext({
    organizationId: organization.id,
    environmentId: organization.environments[request.environment],
    database,
    clock,
    actorName: "cli",
  });
  const key = await createCommandLineKey(context, request);
  return { ...key, organization_name: organization.name };
}

/**
 * A key made for the command line (`fairbill keys create`, directly or
 * through the server): a service account of its own holds it, so two keys
 * made there are two holders.
 */
export async function createCommandLineKey(
  context: RequestContext,
  request: { name: string; role: Role },
): Promise<{ id: string; role: Role; environment: EnvironmentKind; secret: string }> {
  const { apiKey, secret } = await createServiceAccountKey(context, {
    name: request.name,
    role: request.role,
  });
  return { id: apiKey.id, role: apiKey.role, environment: apiKey.environment, secret };
}

function sameToken(given: string, expected: string): boolean {
  const left = Buffer.from(given, "utf8");
  const right = Buffer.from(expected, "utf8");
  return left.length === right.length && timingSafeEqual(left, right);
}
