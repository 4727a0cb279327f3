// What a customer holds in credits, read from the grants and the ledger:
// balances per currency at an instant, and the ledger itself. A balance at an
// instant counts only grants usable then, so a grant whose expiry has come is
// no longer available even before expireCredits writes its `expiry` entry.
import { Decimal, sumDecimals } from "../core/index.ts";
import { getCustomer } from "../customers/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { selectInTenant } from "../platform/database/tenant-scope.ts";
import { grantStatus, selectGrants } from "./credit-grants.ts";
import type { CreditLedgerEntryRow } from "./credit-ledger.ts";
import type { CreditBalances, CreditLedgerEntry, CreditLedgerFilters } from "./credit-schemas.ts";
import { currencyBalancesOf } from "./currency-balances.ts";
import { showMoney } from "./money-input.ts";
import { newestSequenceFirst, toSequencePage } from "./sequence-pages.ts";

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

/** The customer's ledger, newest entry first, paged by the order entries were written in. */
export async function listCreditLedger(
  context: RequestContext,
  customerId: string,
  filters: CreditLedgerFilters,
  page: { limit: number; cursor: string | undefined },
): Promise<{ data: CreditLedgerEntry[]; next_cursor: string | null }> {
  await getCustomer(context, customerId);
  const customerEntries = selectInTenant(context.database, context, "credit_ledger_entries").where(
    "customer_id",
    "=",
    customerId,
  );
  let query = newestSequenceFirst(customerEntries, page);
  if (filters.currency !== undefined) query = query.where("currency", "=", filters.currency);
  if (filters.grant_id !== undefined) query = query.where("grant_id", "=", filters.grant_id);
  if (filters.wallet_id !== undefined) query = query.where("wallet_id", "=", filters.wallet_id);
  if (filters.kind !== undefined) query = query.where("kind", "=", filters.kind);
  return toSequencePage(await query.execute(), page.limit, presentLedgerEntry);
}

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
    automatic: row.automatic,
    reason: row.reason,
    occurred_at: row.occurred_at.toISOString(),
    created_at: row.created_at.toISOString(),
  };
}
