// Expiry: what is left of a grant whose expires_at has come leaves the ledger
// with an `expiry` entry dated at the expiry. Balances already ignore such a
// grant from that instant on (credit-balances.ts); this writes it down, so the
// ledger's sum matches what the customer can use. The bill-run scheduler calls
// it; each customer's currency is one short transaction.
import { recordObjectChange } from "../audit/index.ts";
import { systemContext, type TenantScope } from "../platform/context.ts";
import type { Database, DatabaseTransaction } from "../platform/database/schema.ts";
import { inTenant } from "../platform/database/tenant-scope.ts";
import { presentGrant } from "./credit-grants.ts";
import { closeOutGrant, lockCreditAccount, lockGrants } from "./credit-ledger.ts";

const ACCOUNTS_PER_BATCH = 100;

/** Writes the `expiry` entries of every grant expired by `now` with something left; returns how many. */
export async function expireCredits(
  database: Database,
  scope: TenantScope,
  now: Date,
): Promise<{ expiredGrants: number }> {
  const context = systemContext({
    ...scope,
    database,
    clock: { now: () => now },
    actorName: "credit-expiry",
  });
  let expiredGrants = 0;
  for (;;) {
    const accounts = await database
      .selectFrom("credit_grants")
      .select(["customer_id", "currency"])
      .distinct()
      .where(inTenant(scope))
      .where("remaining", ">", "0")
      .where("expires_at", "<=", now)
      .orderBy("customer_id")
      .orderBy("currency")
      .limit(ACCOUNTS_PER_BATCH)
      .execute();
    for (const { customer_id: customerId, currency } of accounts) {
      expiredGrants += await inTransaction(database, async (transaction) => {
        const account = await lockCreditAccount(transaction, scope, customerId, currency);
        const due = await transaction
          .selectFrom("credit_grants")
          .select("id")
          .where(inTenant(scope))
          .where("customer_id", "=", customerId)
          .where("currency", "=", currency)
          .where("remaining", ">", "0")
          .where("expires_at", "<=", now)
          .execute();
        const grants = await lockGrants(
          transaction,
          scope,
          due.map((row) => row.id),
        );
        let expired = 0;
        for (const grant of grants.values()) {
          const before = presentGrant({ ...grant }, now);
          const entry = await closeOutGrant(transaction, scope, account, grant, now, "expired");
          if (!entry) continue;
          expired += 1;
          await recordObjectChange(
            transaction,
            context,
            "credit_grant",
            "expired",
            before,
            presentGrant(grant, now),
          );
        }
        return expired;
      });
    }
    if (accounts.length < ACCOUNTS_PER_BATCH) return { expiredGrants };
  }
}

/** Runs `work` in a new transaction, or in the caller's when `database` already is one. */
async function inTransaction<Result>(
  database: Database,
  work: (transaction: DatabaseTransaction) => Promise<Result>,
): Promise<Result> {
  if (database.isTransaction) return work(database as DatabaseTransaction);
  return database.transaction().execute(work);
}
