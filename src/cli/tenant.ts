// What CLI commands that work on the database directly share: opening the
// configured database (created and migrated when new) and the context of an
// organization's chosen environment (the default organization unless
// --organization names one), and that environment's clock.
import { databaseLocationOf, openMigratedDatabase } from "../app.ts";
import type { EnvironmentKind } from "../organizations/index.ts";
import {
  clockForEnvironment,
  findOrCreateDefaultOrganization,
  loadOrganization,
  type Organization,
} from "../organizations/index.ts";
import { type Clock, systemClock } from "../platform/clock.ts";
import { readConfiguration } from "../platform/config.ts";
import { type RequestContext, systemContext, type TenantScope } from "../platform/context.ts";
import type { DatabaseHandle } from "../platform/database/database.ts";
import { FairbillError } from "../platform/errors.ts";
import { setOutgoingRequestPolicy } from "../platform/outgoing-requests/target-policy.ts";

export type CliTenant = {
  handle: DatabaseHandle;
  organization: Organization;
  /** The organization and the chosen environment. */
  scope: TenantScope;
  /** Acting as the CLI, on real time. */
  context: RequestContext;
  /** The environment's clock: its test clock when one is set, for reports "as of now" there. */
  environmentClock: Clock;
};

/** Opens the database and the context of `environment` (test or live), acting as the CLI. Close `handle` when done. */
export async function openCliTenant(
  environment: string,
  options: { organization?: string | undefined } = {},
): Promise<CliTenant> {
  const environmentKind = parseEnvironmentKind(environment);
  const configuration = readConfiguration();
  // A bill run from the command line asks the tax provider as the server would.
  setOutgoingRequestPolicy({ allowPrivateTargets: configuration.allowPrivateTargets });
  const handle = await openMigratedDatabase(databaseLocationOf(configuration), configuration.clickhouseUrl);
  try {
    const organization =
      options.organization === undefined
        ? (await findOrCreateDefaultOrganization(handle.database, systemClock)).organization
        : await loadOrganization(handle.database, options.organization);
    const scope = {
      organizationId: organization.id,
      environmentId: organization.environments[environmentKind],
    };
    const context = systemContext({
      ...scope,
      database: handle.database,
      clock: systemClock,
      actorName: "cli",
    });
    const environmentClock = await clockForEnvironment(handle.database, scope, systemClock);
    return { handle, organization, scope, context, environmentClock };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

function parseEnvironmentKind(text: string): EnvironmentKind {
  if (text === "test" || text === "live") return text;
  throw new FairbillError({
    code: "invalid_argument",
    status: 400,
    detail: `--environment must be test or live, not "${text}".`,
  });
}
