// What CLI commands that work on the database directly share: opening the
// configured database (created and migrated when new) and the context of the
// default organization's chosen environment.
import { databaseLocationOf, openMigratedDatabase } from "../app.ts";
import type { EnvironmentKind } from "../organizations/index.ts";
import { findOrCreateDefaultOrganization, type Organization } from "../organizations/index.ts";
import { systemClock } from "../platform/clock.ts";
import { readConfiguration } from "../platform/config.ts";
import { type RequestContext, systemContext } from "../platform/context.ts";
import type { DatabaseHandle } from "../platform/database/database.ts";
import { FairbillError } from "../platform/errors.ts";

export type CliTenant = { handle: DatabaseHandle; organization: Organization; context: RequestContext };

export async function openCliTenant(environment: string): Promise<CliTenant> {
  const environmentKind = parseEnvironmentKind(environment);
  const handle = await openMigratedDatabase(databaseLocationOf(readConfiguration()));
  try {
    const { organization } = await findOrCreateDefaultOrganization(handle.database, systemClock);
    const context = systemContext({
      organizationId: organization.id,
      environmentId: organization.environments[environmentKind],
      database: handle.database,
      clock: systemClock,
      actorName: "cli",
    });
    return { handle, organization, context };
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
