// Per-environment metering settings: how old an event may be when it arrives,
// and how many months of raw events are kept before retention archives them.
// An environment without a row uses the defaults.
import { recordSettingsUpdate } from "../audit/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import type { Database, DatabaseTransaction } from "../platform/database/schema.ts";
import { writeEnvironmentSettings } from "../platform/database/tenant-rows.ts";
import { selectInTenant } from "../platform/database/tenant-scope.ts";
import type { MeteringSettings, UpdateMeteringSettingsInput } from "./settings-schemas.ts";

const defaultEventPastWindowDays = 35;
/** Clocks of event producers drift; more than this ahead is a bug, not drift. */
export const eventFutureWindowSeconds = 5 * 60;

export async function getMeteringSettings(context: RequestContext): Promise<MeteringSettings> {
  return readMeteringSettings(context.database, context);
}

export async function readMeteringSettings(
  database: Database | DatabaseTransaction,
  scope: TenantScope,
): Promise<MeteringSettings> {
  const row = await selectInTenant(database, scope, "metering_settings").executeTakeFirst();
  return {
    event_past_window_days: row?.event_past_window_days ?? defaultEventPastWindowDays,
    event_retention_months: row?.event_retention_months ?? null,
    event_future_window_seconds: eventFutureWindowSeconds,
    updated_at: row?.updated_at.toISOString() ?? null,
  };
}

export async function updateMeteringSettings(
  context: RequestContext,
  input: UpdateMeteringSettingsInput,
): Promise<MeteringSettings> {
  return context.database.transaction().execute(async (transaction) => {
    const before = await readMeteringSettings(transaction, context);
    const now = context.clock.now();
    await writeEnvironmentSettings(transaction, context, "metering_settings", {
      event_past_window_days: input.event_past_window_days,
      event_retention_months:
        input.event_retention_months === undefined
          ? before.event_retention_months
          : input.event_retention_months,
      updated_at: now,
    });
    const after = await readMeteringSettings(transaction, context);
    await recordSettingsUpdate(transaction, context, "metering_settings", before, after);
    return after;
  });
}
