// The two running balances the credits domain keeps per customer and
// currency, in rows of the same shape: the credit account (what the
// customer's credit grants hold) and the customer balance (what is owed to
// the customer). A writer locks the row first, made at zero the first time,
// so that the movements of one currency are written one at a time, and sets
// the new balance in the same transaction.
import { Decimal } from "../core/index.ts";
import type { TenantScope } from "../platform/context.ts";
import type { Database, DatabaseTransaction } from "../platform/database/schema.ts";
import { inTenant } from "../platform/database/tenant-scope.ts";

type BalanceTable = "credit_accounts" | "customer_balances";

/** The customer's balances, one a currency, in the order of the currencies' codes. */
export function currencyBalancesOf(
  database: Database,
  scope: TenantScope,
  table: BalanceTable,
  customerId: string,
): Promise<{ currency: string; balance: string }[]> {
  return database
    .selectFrom(table)
    .select(["currency", "balance"])
    .where(inTenant(scope))
    .where("customer_id", "=", customerId)
    .orderBy("currency")
    .execute();
}

/** Locks the customer's balance in `currency` (made at zero the first time) and answers it. */
export async function lockCurrencyBalance(
  transaction: DatabaseTransaction,
  scope: TenantScope,
  table: BalanceTable,
  customerId: string,
  currency: string,
): Promise<Decimal> {
  await transaction
    .insertInto(table)
    .values({
      organization_id: scope.organizationId,
      environment_id: scope.environmentId,
      customer_id: customerId,
      currency,
      balance: "0",
    })
    .onConflict((conflicting) =>
      conflicting.columns(["environment_id", "customer_id", "currency"]).doNothing(),
    )
    .execute();
  const row = await transaction
    .selectFrom(table)
    .select("balance")
    .where(inTenant(scope))
    .where("customer_id", "=", customerId)
    .where("currency", "=", currency)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return new Decimal(row.balance);
}

/** Sets the customer's balance in `currency`, locked by lockCurrencyBalance in this transaction. */
export async function setCurrencyBalance(
  transaction: DatabaseTransaction,
  scope: TenantScope,
  table: BalanceTable,
  balance: { customerId: string; currency: string; amount: Decimal },
  now: Date,
): Promise<void> {
  await transaction
    .updateTable(table)
    .set({ balance: balance.amount.toFixed(), updated_at: now })
    .where(inTenant(scope))
    .where("customer_id", "=", balance.customerId)
    .where("currency", "=", balance.currency)
    .execute();
}
