// The customer balance: money owed TO the customer, per currency, from a
// negative invoice total, an overpayment or a credit note, and used up by
// later invoices (billing rule 19). Unlike credit grants it has no priority,
// window or grant: one running amount per currency with a ledger of entries.
// Every movement locks the customer's summary row, so entries of one currency
// are written one at a time and each balance_after is exact.

import type { Selectable } from "kysely";
import { recordAuditEvent } from "../audit/index.ts";
import { Decimal, ZERO } from "../core/index.ts";
import { getCustomer } from "../customers/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { insertTenantRow } from "../platform/database/tenant-rows.ts";
import { inTenant } from "../platform/database/tenant-scope.ts";
import { conflict } from "../platform/errors.ts";
import { requireTransaction } from "./credit-ledger.ts";
import type { CustomerBalanceEntry } from "./credit-schemas.ts";
import { currencyBalancesOf, lockCurrencyBalance, setCurrencyBalance } from "./currency-balances.ts";
import { showMoney } from "./money-input.ts";
import type { CustomerLedger } from "./sequence-pages.ts";
import type { CustomerBalanceEntryTable } from "./tables.ts";

/** What is owed to the customer in `currency` now; zero when nothing ever was. */
export async function customerBalanceOf(
  database: Database,
  scope: TenantScope,
  customerId: string,
  currency: string,
): Promise<Decimal> {
  const row = await database
    .selectFrom("customer_balances")
    .select("balance")
    .where(inTenant(scope))
    .where("customer_id", "=", customerId)
    .where("currency", "=", currency)
    .executeTakeFirst();
  return row ? new Decimal(row.balance) : ZERO;
}

/** customerBalanceOf of many customers in one query: a function answering it for any of them and a currency. */
export async function customerBalancesOf(
  database: Database,
  scope: TenantScope,
  customerIds: readonly string[],
): Promise<(customerId: string, currency: string) => Decimal> {
  const rows =
    customerIds.length === 0
      ? []
      : await database
          .selectFrom("customer_balances")
          .select(["customer_id", "currency", "balance"])
          .where(inTenant(scope))
          .where("customer_id", "in", [...customerIds])
          .execute();
  const balances = new Map(
    rows.map((row) => [`${row.customer_id}|${row.currency}`, new Decimal(row.balance)]),
  );
  return (customerId, currency) => balances.get(`${customerId}|${currency}`) ?? ZERO;
}

/**
 * Moves the customer balance: `amount` > 0 adds to what is owed to the
 * customer, `amount` < 0 uses it up (an invoice's balance_applied), never
 * below zero. Call it in the transaction that stores the invoice or credit note.
 */
export async function recordBalanceMovement(
  database: Database,
  context: RequestContext,
  input: {
    customerId: string;
    currency: string;
    amount: Decimal;
    invoiceId?: string;
    creditNoteId?: string;
    reason: string;
  },
): Promise<void> {
  if (input.amount.isZero()) return;
  const transaction = requireTransaction(database);
  const now = context.clock.now();
  const before = await lockCurrencyBalance(
    transaction,
    context,
    "customer_balances",
    input.customerId,
    input.currency,
  );
  const after = before.plus(input.amount);
  if (after.isNegative()) {
    throw conflict(
      "customer_balance_insufficient",
      `Customer ${input.customerId} is owed ${before.toFixed()} ${input.currency}, less than the ${input.amount.negated().toFixed()} to use.`,
    );
  }
  await setCurrencyBalance(
    transaction,
    context,
    "customer_balances",
    { customerId: input.customerId, currency: input.currency, amount: after },
    now,
  );
  const entry = await insertTenantRow(transaction, context, "customer_balance_entries", "balanceEntry", now, {
    customer_id: input.customerId,
    currency: input.currency,
    amount: input.amount.toFixed(),
    balance_after: after.toFixed(),
    invoice_id: input.invoiceId ?? null,
    credit_note_id: input.creditNoteId ?? null,
    reason: input.reason,
    occurred_at: now,
  });
  await recordAuditEvent(transaction, context, {
    action: "customer_balance.moved",
    objectType: "customer",
    objectId: input.customerId,
    before: { currency: input.currency, balance: showMoney(before, input.currency) },
    after: { ...presentBalanceEntry(entry) },
  });
}

export async function customerBalances(
  context: RequestContext,
  customerId: string,
): Promise<{ data: { currency: string; balance: string }[] }> {
  await getCustomer(context, customerId);
  const rows = await currencyBalancesOf(context.database, context, "customer_balances", customerId);
  return {
    data: rows.map((row) => ({ currency: row.currency, balance: showMoney(row.balance, row.currency) })),
  };
}

/** The movements of the customer balance (customerLedgerPage reads them newest first). */
export const customerBalanceLedger: CustomerLedger<"customer_balance_entries", CustomerBalanceEntry> = {
  table: "customer_balance_entries",
  present: presentBalanceEntry,
};

function presentBalanceEntry(row: Selectable<CustomerBalanceEntryTable>): CustomerBalanceEntry {
  return {
    id: row.id,
    customer_id: row.customer_id,
    currency: row.currency,
    amount: showMoney(row.amount, row.currency),
    balance_after: showMoney(row.balance_after, row.currency),
    invoice_id: row.invoice_id,
    credit_note_id: row.credit_note_id,
    reason: row.reason,
    occurred_at: row.occurred_at.toISOString(),
  };
}
