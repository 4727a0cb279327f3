// Which meters have a dimensional charge that refuses what it has no price
// for (`"default": "reject"`) in some published plan version: ingestion asks
// before it looks at subscriptions, so that an environment without such a
// charge pays one small query per batch and nothing more.
import { sql } from "kysely";
import type { TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";

/** The codes of the meters priced by a dimensional charge with `"default": "reject"` in a published (or retired) version. */
export async function metersRefusingUnpricedUsage(database: Database, scope: TenantScope): Promise<string[]> {
  const { rows } = await sql<{ meter: string }>`
    select distinct charge ->> 'meter' as meter
    from plan_versions as version, jsonb_array_elements(version.charges) as charge
    where version.environment_id = ${scope.environmentId}
      and version.state in ('published', 'retired')
      and version.charges @> '[{"default": "reject"}]'::jsonb
      and charge ->> 'default' = 'reject'`.execute(database);
  return rows.map((row) => row.meter);
}
