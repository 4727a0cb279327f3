// What someone holding the database owner's password can do, which the
// application's own role (fairbill_application) cannot: switch triggers off,
// TRUNCATE, edit rows outside row-level security. Tests that play that
// attacker run their statements through `asTableOwner`.
import { sql } from "kysely";
import type { Database, DatabaseTransaction } from "../../src/platform/database/schema.ts";

/** Runs `work` in one transaction as the tables' owner (the connecting user), then back to the application role. */
export async function asTableOwner<T>(
  database: Database,
  work: (owner: DatabaseTransaction) => Promise<T>,
): Promise<T> {
  return database.transaction().execute(async (transaction) => {
    await sql`set local role none`.execute(transaction);
    return work(transaction);
  });
}
