// Reading meter versions from the database as the MeterVersion values that
// ingestion, recounts and usage queries work with. Outside a transaction the
// environment's versions come from a cache in the process, which every
// change to a meter's versions (meters.ts announces them) drops in every
// process; inside one, from the database, as the transaction sees them.
import type { Selectable } from "kysely";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import { ChangeCache } from "../platform/database/change-cache.ts";
import { announceChange } from "../platform/database/change-notifications.ts";
import type { Database, DatabaseTransaction } from "../platform/database/schema.ts";
import { inTenant } from "../platform/database/tenant-scope.ts";
import { type MeterDefinition, type MeterVersion, toCoreMeter } from "./meter-definition.ts";
import type { MeterVersionTable } from "./tables.ts";

type VersionRow = Selectable<MeterVersionTable> & { code: string };

const meterVersionsTopic = "meter_versions";

/** The environment's meter versions, by environment: what loadMeterVersions returns outside a transaction. */
const meterVersionCache = new ChangeCache<readonly MeterVersion[]>(meterVersionsTopic);

/** Every version of every meter of the environment (the meters of one environment are few). */
export async function loadMeterVersions(
  database: Database | DatabaseTransaction,
  scope: TenantScope,
): Promise<MeterVersion[]> {
  const versions = await meterVersionCache.read(database as Database, scope.environmentId, "all", () =>
    versionsInOrder(selectVersionRows(database, scope)),
  );
  // A copy of the list: the cached one is shared by every reader.
  return [...versions];
}

/**
 * Tells every process, when `transaction` commits, that the environment's
 * meter versions changed (a meter or a version added, a definition edited).
 */
export function announceMeterVersionsChanged(
  transaction: DatabaseTransaction,
  context: RequestContext,
): Promise<void> {
  return announceChange(transaction, context.database, {
    topic: meterVersionsTopic,
    scope: context.environmentId,
  });
}

/** The versions of one meter, oldest first. */
export function loadVersionsOfMeter(
  database: Database | DatabaseTransaction,
  scope: TenantScope,
  meterId: string,
): Promise<MeterVersion[]> {
  return versionsInOrder(selectVersionRows(database, scope).where("meter_versions.meter_id", "=", meterId));
}

/** The versions of the meter with this code, oldest first; none when there is no such meter. */
export async function loadVersionsOfMeterCode(
  database: Database | DatabaseTransaction,
  scope: TenantScope,
  code: string,
): Promise<MeterVersion[]> {
  return (await loadMeterVersions(database, scope)).filter((version) => version.code === code);
}

/** The environment's meter versions, each with its meter's code. */
function selectVersionRows(database: Database | DatabaseTransaction, scope: TenantScope) {
  return database
    .selectFrom("meter_versions")
    .innerJoin("meters", "meters.id", "meter_versions.meter_id")
    .selectAll("meter_versions")
    .select("meters.code")
    .where(inTenant(scope, "meter_versions"));
}

export function definitionOf(row: Selectable<MeterVersionTable>): MeterDefinition {
  return {
    event_name: row.event_name,
    aggregation: row.aggregation,
    property: row.property,
    filters: row.filters,
    group_by: row.group_by,
  };
}

/** The versions `query` selects, by meter then version; each lasts until the next one of its meter starts. */
async function versionsInOrder(query: ReturnType<typeof selectVersionRows>): Promise<MeterVersion[]> {
  const rows: VersionRow[] = await query
    .orderBy("meter_versions.meter_id")
    .orderBy("meter_versions.version")
    .execute();
  return rows.map((row, index) => {
    const next = rows[index + 1];
    const definition = definitionOf(row);
    return {
      meterId: row.meter_id,
      code: row.code,
      version: row.version,
      definition,
      coreMeter: toCoreMeter(row.code, definition),
      effectiveFrom: row.effective_from.getTime(),
      effectiveUntil:
        next !== undefined && next.meter_id === row.meter_id
          ? next.effective_from.getTime()
          : Number.POSITIVE_INFINITY,
    };
  });
}
