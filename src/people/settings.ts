// An organization's sign-in rules: whether every person must use a second factor.
import type { Database } from "../platform/database/schema.ts";

export type PeopleSettings = { require_second_factor: boolean };

export async function readPeopleSettings(
  database: Database,
  organizationId: string,
): Promise<PeopleSettings> {
  const row = await database
    .selectFrom("people_settings")
    .select("require_second_factor")
    .where("organization_id", "=", organizationId)
    .executeTakeFirst();
  return { require_second_factor: row?.require_second_factor ?? false };
}

export async function writePeopleSettings(
  database: Database,
  organizationId: string,
  settings: PeopleSettings,
  now: Date,
): Promise<PeopleSettings> {
  await database
    .insertInto("people_settings")
    .values({
      organization_id: organizationId,
      require_second_factor: settings.require_second_factor,
      updated_at: now,
    })
    .onConflict((conflicting) =>
      conflicting
        .column("organization_id")
        .doUpdateSet({ require_second_factor: settings.require_second_factor, updated_at: now }),
    )
    .execute();
  return settings;
}
