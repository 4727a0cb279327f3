// The migrations' names before they were timestamped, and the name each has
// now. Until December 2026 each domain numbered its migrations in a range of
// its own (`0100_customers`, `0500_invoices`), so a new low-numbered file ran
// first on a fresh database and last on an upgraded one. Every migration now
// carries the UTC time it was written; the existing ones were given times
// that keep their old order exactly (the time each file was first committed,
// moved a second later wherever that was needed to stay after the one before).
//
// A database migrated before the change still lists the old names in
// `schema_migrations`. The migrator renames them there once, inside its lock,
// before it looks for pending migrations; the files' text did not change, so
// their checksums still match. Never add to this list: a new migration is born
// with a timestamped name (`npm run migration:new`).
import { FairbillError } from "../errors.ts";
import type { RawConnection } from "./database.ts";

/** Old name → new name, in the order both sort in. */
export const renamedMigrations: ReadonlyArray<readonly [oldName: string, newName: string]> = [
  ["0001_organizations", "20261121013551_organizations"],
  ["0005_idempotency_keys", "20261121013552_idempotency_keys"],
  ["0006_jobs", "20261121025204_jobs"],
  ["0010_audit_events", "20261121025205_audit_events"],
  ["0011_approvals", "20261121025206_approvals"],
  ["0100_customers", "20261121025207_customers"],
  ["0200_meters", "20261121025208_meters"],
  ["0201_events", "20261121025209_events"],
  ["0202_usage_rollups", "20261121025210_usage_rollups"],
  ["0203_events_time_brin", "20261121025211_events_time_brin"],
  ["0204_rollup_fillfactor", "20261121025212_rollup_fillfactor"],
  ["0300_catalog", "20261121025213_catalog"],
  ["0301_entitlement_grants", "20261121025214_entitlement_grants"],
  ["0302_price_overrides", "20261121025215_price_overrides"],
  ["0400_subscriptions", "20261121025707_subscriptions"],
  ["0420_credits", "20261121030730_credits"],
  ["0421_customer_balance", "20261121030731_customer_balance"],
  ["0430_coupons", "20261121030732_coupons"],
  ["0500_invoices", "20261121030733_invoices"],
  ["0550_taxes", "20261121030734_taxes"],
  ["0590_bill_runs", "20261121030840_bill_runs"],
  ["0591_test_clocks", "20261121030841_test_clocks"],
  ["0600_payments", "20261121033657_payments"],
  ["0601_dunning", "20261121033658_dunning"],
  ["0700_webhooks", "20261121033659_webhooks"],
  ["0701_emails", "20261121033700_emails"],
  ["0750_alerts", "20261121033701_alerts"],
  ["0760_portal_secrets", "20261121034324_portal_secrets"],
  ["0800_finance", "20261121034325_finance"],
];

/**
 * Gives the old-named rows of `schema_migrations` their new names, all in one
 * transaction, and returns how many it renamed: every old one on the first
 * start after the change, none after that. The caller holds the migration lock.
 */
export async function renameOldMigrations(connection: RawConnection): Promise<number> {
  const newNameOf = new Map(renamedMigrations);
  const rows = await connection.query<{ name: string }>(
    "select name from schema_migrations where name ~ '^[0-9]{4}_' order by name",
  );
  const renames = rows.flatMap((row) => {
    const newName = newNameOf.get(row.name);
    return newName === undefined ? [] : [{ oldName: row.name, newName }];
  });
  if (renames.length === 0) return 0;
  await connection.executeScript("begin");
  try {
    for (const { oldName, newName } of renames) {
      await connection.query("update schema_migrations set name = $2 where name = $1", [oldName, newName]);
    }
    await connection.executeScript("commit");
  } catch (error) {
    await connection.executeScript("rollback");
    throw new FairbillError({
      code: "migration_failed",
      status: 500,
      detail: `Could not give the applied migrations their timestamped names: ${(error as Error).message}`,
    });
  }
  return renames.length;
}
