// The one way a grant's balance moves: a ledger entry. Every writer locks the
// customer's credit account for the currency first, then the grants it moves
// (in id order), so that the movements of one account are written one at a
// time, each entry's balance_after is exact, and two writers never wait on
// each other in a cycle. The grant's `remaining` and the account's `balance`
// are kept equal to the sums of their entries by changing them only here.
import type { Selectable } from "kysely";
import { Decimal } from "../core/index.ts";
import type { TenantScope } from "../platform/context.ts";
import type { Database, DatabaseTransaction } from "../platform/database/schema.ts";
import { insertTenantRow } from "../platform/database/tenant-rows.ts";
import { inTenant, selectInTenant } from "../platform/database/tenant-scope.ts";
import { lockCurrencyBalance, setCurrencyBalance } from "./currency-balances.ts";
import type { CreditGrantTable, CreditLedgerEntryKind, CreditLedgerEntryTable } from "./tables.ts";

export type CreditGrantRow = Selectable<CreditGrantTable>;
export type CreditLedgerEntryRow = Selectable<CreditLedgerEntryTable>;

/** A customer's credits in one currency, locked for the rest of the transaction. */
export type CreditAccount = {
  readonly customerId: string;
  readonly currency: string;
  /** The sum of the account's ledger entries so far, kept current by appendLedgerEntry. */
  balance: Decimal;
};

export type LedgerMovement = {
  kind: CreditLedgerEntryKind;
  /** Signed: positive for increment and void_reversal, negative for burn, expiry and void. */
  amount: Decimal;
  occurredAt: Date;
  invoiceId?: string;
  /** A `void` by a credit note on the invoice that sold the grant, with the part of their price it refunded. */
  creditNote?: { id: string; refunded: Decimal };
  automatic?: boolean;
  reason?: string;
};

/**
 * The handle a contract function was given, which must be a transaction: its
 * ledger entries, audit events and the caller's own writes commit together.
 */
export function requireTransaction(database: Database): DatabaseTransaction {
  if (!database.isTransaction)
    throw new Error("Credit ledger writes must run inside the caller's transaction.");
  return database as DatabaseTransaction;
}

export async function lockCreditAccount(
  transaction: DatabaseTransaction,
  scope: TenantScope,
  customerId: string,
  currency: string,
): Promise<CreditAccount> {
  const balance = await lockCurrencyBalance(transaction, scope, "credit_accounts", customerId, currency);
  return { customerId, currency, balance };
}

/** Locks the grants with these ids (after their account), in id order; unknown ids are left out. */
export async function lockGrants(
  transaction: DatabaseTransaction,
  scope: TenantScope,
  grantIds: readonly string[],
): Promise<Map<string, CreditGrantRow>> {
  if (grantIds.length === 0) return new Map();
  const rows = await selectInTenant(transaction, scope, "credit_grants")
    .where("id", "in", [...new Set(grantIds)])
    .orderBy("id")
    .forUpdate()
    .execute();
  return new Map(rows.map((row) => [row.id, row]));
}

/**
 * Writes one entry and moves the grant's remaining and the account's balance
 * by its amount. `grant` must be locked and belong to `account`; its
 * `remaining` is updated in place so that later entries see it.
 */
export async function appendLedgerEntry(
  transaction: DatabaseTransaction,
  scope: TenantScope,
  account: CreditAccount,
  grant: CreditGrantRow,
  movement: LedgerMovement,
  now: Date,
): Promise<CreditLedgerEntryRow> {
  if (grant.customer_id !== account.customerId || grant.currency !== account.currency) {
    throw new Error(`Grant ${grant.id} does not belong to the locked ${account.currency} account.`);
  }
  const grantBalanceAfter = new Decimal(grant.remaining).plus(movement.amount);
  const balanceAfter = account.balance.plus(movement.amount);
  await transaction
    .updateTable("credit_grants")
    .set({ remaining: grantBalanceAfter.toFixed() })
    .where(inTenant(scope))
    .where("id", "=", grant.id)
    .execute();
  await setCurrencyBalance(
    transaction,
    scope,
    "credit_accounts",
    { customerId: account.customerId, currency: account.currency, amount: balanceAfter },
    now,
  );
  const entry = await insertTenantRow(transaction, scope, "credit_ledger_entries", "creditLedgerEntry", now, {
    customer_id: account.customerId,
    currency: account.currency,
    grant_id: grant.id,
    wallet_id: grant.wallet_id,
    kind: movement.kind,
    amount: movement.amount.toFixed(),
    grant_balance_after: grantBalanceAfter.toFixed(),
    balance_after: balanceAfter.toFixed(),
    invoice_id: movement.invoiceId ?? null,
    credit_note_id: movement.creditNote?.id ?? null,
    refunded_amount: movement.creditNote?.refunded.toFixed() ?? null,
    automatic: movement.automatic ?? false,
    reason: movement.reason ?? null,
    occurred_at: movement.occurredAt,
    created_at: now,
  });
  grant.remaining = grantBalanceAfter.toFixed();
  account.balance = balanceAfter;
  return entry;
}

/**
 * Takes what is left of a grant whose end has come: an `expiry` entry when it
 * has expired by `now` (dated at its expiry), else a `void` entry (naming the
 * invoice whose void took the grant back, when one did). Nothing is written
 * for a grant with nothing left.
 */
export async function closeOutGrant(
  transaction: DatabaseTransaction,
  scope: TenantScope,
  account: CreditAccount,
  grant: CreditGrantRow,
  now: Date,
  voidReason: string,
  voidedInvoiceId?: string,
): Promise<CreditLedgerEntryRow | undefined> {
  const remaining = new Decimal(grant.remaining);
  if (remaining.isZero()) return undefined;
  const expired = grant.expires_at !== null && grant.expires_at <= now;
  return appendLedgerEntry(
    transaction,
    scope,
    account,
    grant,
    expired && grant.expires_at !== null
      ? { kind: "expiry", amount: remaining.negated(), occurredAt: grant.expires_at }
      : {
          kind: "void",
          amount: remaining.negated(),
          occurredAt: now,
          reason: voidReason,
          ...(voidedInvoiceId === undefined ? {} : { invoiceId: voidedInvoiceId }),
        },
    now,
  );
}
