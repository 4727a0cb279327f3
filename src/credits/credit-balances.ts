// What a customer holds in credits, read from the grants and the ledger:
// balances per currency at an instant, and the ledger itself. A balance at an
// instant counts only grants usable then, so a grant whose expiry has come is
// no longer available even before expireCredits writes its `expiry` entry.
import { Decimal, sumDecimals } from "../core/index.ts";
import { getCustomer } from "../customers/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { grantStatus, selectGrants } from "./credit-grants.ts";
import type { CreditLedgerEntryRow } from "./credit-ledger.ts";
import type { CreditBalances, CreditLedgerEntry } from "./credit-schemas.ts";
import { currencyBalancesOf } from "./currency-balances.ts";
import { showMoney } from "./money-input.ts";
import type { CustomerLedger } from "./sequence-pages.ts";

export async function creditBalances(context: RequestContext, customerId: string): Promise<CreditBalances> {
  await getCustomer(context, customerId);
  return creditBalancesAt(context.database, context, customerId, context.clock.now());
}

async function creditBalancesAt(
  database: Database,
  scope: TenantScope,
  customerId: string,
  at: Date,
): Promise<CreditBalances> {
  const accounts = await currencyBalancesOf(database, scope, "credit_accounts", customerId);
  const grants = await selectGrants(database, scope)
    .where("customer_id", "=", customerId)
    .where("voided_at", "is", null)
    .where("remaining", ">", "0")
    .orderBy("id")
    .execute();
  return {
    at: at.toISOString(),
    data: accounts.map((account) => {
      const held = grants
        .filter((grant) => grant.currency === account.currency)
        .map((grant) => ({ grant, status: grantStatus(grant, at) }));
      const sumOf = (status: string) =>
        sumDecimals(
          held.filter((entry) => entry.status === status).map(({ grant }) => new Decimal(grant.remaining)),
        );
      return {
        currency: account.currency,
        available: showMoney(sumOf("active"), account.currency),
        scheduled: showMoney(sumOf("scheduled"), account.currency),
        ledger_balance: showMoney(account.balance, account.currency),
        grants: held.map(({ grant, status }) => ({
          grant_id: grant.id,
          name: grant.name,
          type: grant.type,
          wallet_id: grant.wallet_id,
          priority: grant.priority,
          amount: showMoney(grant.amount, grant.currency),
          remaining: showMoney(grant.remaining, grant.currency),
          effective_at: grant.effective_at.toISOString(),
          expires_at: grant.expires_at?.toISOString() ?? null,
          status,
        })),
      };
    }),
  };
}

/** The customer's credit ledger (customerLedgerPage reads it newest first). */
export const creditLedger: CustomerLedger<"credit_ledger_entries", CreditLedgerEntry> = {
  table: "credit_ledger_entries",
  present: presentLedgerEntry,
};

export function presentLedgerEntry(row: CreditLedgerEntryRow): CreditLedgerEntry {
  return {
    id: row.id,
    customer_id: row.customer_id,
    currency: row.currency,
    grant_id: row.grant_id,
    wallet_id: row.wallet_id,
    kind: row.kind,
    amount: showMoney(row.amount, row.currency),
    grant_balance_after: showMoney(row.grant_balance_after, row.currency),
    balance_after: showMoney(row.balance_after, row.currency),
    invoice_id: row.invoice_id,
    credit_note_id: row.credit_note_id,
    refunded_amount: row.refunded_amount === null ? null : showMoney(row.refunded_amount, row.currency),
    automatic: row.automatic,
    reason: row.reason,
    occurred_at: row.occurred_at.toISOString(),
    created_at: row.created_at.toISOString(),
  };
}
