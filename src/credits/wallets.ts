// Prepaid wallets: a customer's purse of credits in one currency. A wallet
// counts in credits at its `rate` (credits per unit of money); each top-up is a
// purchased credit grant in the wallet worth credits ÷ rate, so invoices use
// wallet credits exactly like any other grant. A wallet with an automatic
// top-up refills itself when a burn leaves it below its threshold.
//
// Billing a purchase: each paid top-up, by hand or automatic, gets a
// finalized one-off invoice with one "Prepaid credits" line for the paid
// amount, written in the same transaction as the grant, and is recorded in
// credit_purchases with that invoice's id. A free top-up (paid 0) is a
// promotional grant and bills nothing.
import type { Selectable } from "kysely";
import { recordAuditEvent, recordCreation, recordObjectChange } from "../audit/index.ts";
import {
  currencyFor,
  Decimal,
  sumDecimals,
  walletCreditsOf,
  walletCreditValue,
  ZERO,
} from "../core/index.ts";
import { getCustomer } from "../customers/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import { newestFirstPage, type PageRequest } from "../platform/database/list-pages.ts";
import type { Database, DatabaseTransaction } from "../platform/database/schema.ts";
import { insertTenantRow, updateTenantRow } from "../platform/database/tenant-rows.ts";
import { findInTenant, inTenant, selectInTenant } from "../platform/database/tenant-scope.ts";
import { type FieldError, validationFailed } from "../platform/errors.ts";
import { withReason } from "../platform/http/reason.ts";
import { issueGrant, presentGrant, requireActiveCustomer, windowErrors } from "./credit-grants.ts";
import { lockCreditAccount } from "./credit-ledger.ts";
import {
  type CreateWalletInput,
  DEFAULT_GRANT_PRIORITY,
  type TopUp,
  type TopUpInput,
  type UpdateWalletInput,
  type Wallet,
} from "./credit-schemas.ts";
import { currencyErrors, readMoney, showMoney } from "./money-input.ts";
import type { WalletTable } from "./tables.ts";

type WalletRow = Selectable<WalletTable>;
type AutoTopUp = { threshold: string; amount: string };

export async function createWallet(
  context: RequestContext,
  customerId: string,
  input: CreateWalletInput,
): Promise<Wallet> {
  await requireActiveCustomer(context, customerId);
  const errors = currencyErrors(input.currency, "$.currency");
  const rate = new Decimal(input.rate ?? "1");
  if (rate.isZero()) errors.push({ path: "$.rate", message: "must be more than 0" });
  else if (input.auto_top_up && errors.length === 0) {
    errors.push(...autoTopUpErrors(input.auto_top_up, rate, input.currency));
  }
  if (errors.length > 0) throw validationFailed(errors);
  const now = context.clock.now();
  return context.database.transaction().execute(async (transaction) => {
    const row = await insertTenantRow(transaction, context, "wallets", "wallet", now, {
      customer_id: customerId,
      currency: input.currency,
      name: input.name,
      rate: rate.toFixed(),
      auto_top_up_threshold: input.auto_top_up?.threshold ?? null,
      auto_top_up_amount: input.auto_top_up?.amount ?? null,
      metadata: JSON.stringify(input.metadata ?? {}),
      created_at: now,
      updated_at: now,
    });
    return recordCreation(transaction, context, "wallet", presentWallet(row, ZERO));
  });
}

export async function getWallet(context: RequestContext, walletId: string): Promise<Wallet> {
  const row = await findWallet(context.database, context, walletId);
  const balances = await walletBalancesAt(context.database, context, [walletId], context.clock.now());
  return presentWallet(row, balances.get(walletId) ?? ZERO);
}

export async function listWallets(
  context: RequestContext,
  customerId: string,
  page: PageRequest,
): Promise<Wallet[]> {
  await getCustomer(context, customerId);
  const query = newestFirstPage(
    selectWallets(context.database, context).where("customer_id", "=", customerId),
    page,
  );
  const rows = await query.execute();
  const balances = await walletBalancesAt(
    context.database,
    context,
    rows.map((row) => row.id),
    context.clock.now(),
  );
  return rows.map((row) => presentWallet(row, balances.get(row.id) ?? ZERO));
}

/** Renames a wallet, or sets or clears (null) its automatic top-up. */
export async function updateWallet(
  context: RequestContext,
  walletId: string,
  input: UpdateWalletInput,
): Promise<Wallet> {
  const reasoned = withReason(context, input.reason);
  return context.database.transaction().execute(async (transaction) => {
    const row = await findInTenant(transaction, context, "wallets", walletId, "wallet", { lock: true });
    if (input.auto_top_up) {
      const errors = autoTopUpErrors(input.auto_top_up, new Decimal(row.rate), row.currency);
      if (errors.length > 0) throw validationFailed(errors);
    }
    const now = context.clock.now();
    const balance = (await walletBalancesAt(transaction, context, [walletId], now)).get(walletId) ?? ZERO;
    const updated = await updateTenantRow(transaction, context, "wallets", walletId, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.auto_top_up !== undefined
        ? {
            auto_top_up_threshold: input.auto_top_up?.threshold ?? null,
            auto_top_up_amount: input.auto_top_up?.amount ?? null,
          }
        : {}),
      ...(input.metadata !== undefined ? { metadata: JSON.stringify(input.metadata) } : {}),
      updated_at: now,
    });
    const before = presentWallet(row, balance);
    const after = presentWallet(updated, balance);
    await recordObjectChange(transaction, reasoned, "wallet", "updated", before, after);
    return after;
  });
}

/** A top-up ready to record: how many credits, what they are worth and cost, and why. */
export type WalletTopUp = {
  wallet: WalletRow;
  credits: Decimal;
  /** What the credits are worth in the wallet's currency (credits ÷ rate). */
  value: Decimal;
  /** What the customer pays for them: a purchase when more than 0, a free top-up otherwise. */
  paidAmount: Decimal;
  expiresAt: Date | null;
  automatic: boolean;
  reason: string | undefined;
};

/** What an invoice says about a paid top-up: one "Prepaid credits" line and a memo naming the wallet. */
export function topUpInvoiceTerms(topUp: WalletTopUp): { description: string; memo: string } {
  const { wallet } = topUp;
  return {
    description: "Prepaid credits",
    memo: `${topUp.credits.toFixed()} credits for wallet "${wallet.name}" (${wallet.id})${topUp.automatic ? ", topped up automatically" : ""}`,
  };
}

/**
 * A top-up asked for by hand, checked (the credits must be worth whole minor
 * units, the expiry in the future); nothing is written. The caller records
 * it with `recordWalletTopUp`, after invoicing it when it is paid.
 */
export async function checkWalletTopUp(
  context: RequestContext,
  walletId: string,
  input: TopUpInput,
): Promise<WalletTopUp> {
  const wallet = await findWallet(context.database, context, walletId);
  await requireActiveCustomer(context, wallet.customer_id);
  const now = context.clock.now();
  const errors: FieldError[] = [];
  const credits = new Decimal(input.amount);
  if (credits.isZero()) errors.push({ path: "$.amount", message: "must be more than 0" });
  const value = credits.isZero() ? ZERO : creditValue(credits, wallet, "$.amount", errors);
  const paidAmount =
    input.paid_amount === undefined
      ? value
      : readMoney(input.paid_amount, wallet.currency, "$.paid_amount", errors, { allowZero: true });
  const expiresAt = input.expires_at === undefined ? null : new Date(input.expires_at);
  errors.push(...windowErrors(now, expiresAt, now));
  if (errors.length > 0) throw validationFailed(errors);
  return { wallet, credits, value, paidAmount, expiresAt, automatic: false, reason: input.reason };
}

/**
 * The automatic top-up a wallet needs now, or null: when its usable balance
 * is below its threshold, one top-up of its set amount, however far below it
 * is. Read inside the transaction that records it (after the wallet's row is
 * locked), so that a second look after the top-up finds nothing to do.
 */
export async function automaticTopUpDue(
  transaction: DatabaseTransaction,
  context: RequestContext,
  walletId: string,
): Promise<WalletTopUp | null> {
  const wallet = await selectWallets(transaction, context)
    .where("id", "=", walletId)
    .forUpdate()
    .executeTakeFirst();
  if (wallet === undefined || wallet.auto_top_up_threshold === null || wallet.auto_top_up_amount === null) {
    return null;
  }
  const now = context.clock.now();
  const balance = (await walletBalancesAt(transaction, context, [wallet.id], now)).get(wallet.id) ?? ZERO;
  const rate = new Decimal(wallet.rate);
  const creditsLeft = walletCreditsOf(balance, rate);
  const threshold = new Decimal(wallet.auto_top_up_threshold);
  if (creditsLeft.greaterThanOrEqualTo(threshold)) return null;
  const credits = new Decimal(wallet.auto_top_up_amount);
  // The amount was checked to come out in whole minor units when the top-up was configured.
  const { value } = walletCreditValue(credits, rate, currencyFor(wallet.currency));
  return {
    wallet,
    credits,
    value,
    paidAmount: value,
    expiresAt: null,
    automatic: true,
    reason: `automatic top-up: ${creditsLeft.toFixed()} credits left, below the threshold of ${threshold.toFixed()}`,
  };
}

/**
 * After a burn: the wallets among `walletIds` that have an automatic top-up
 * and are now below its threshold. Each is announced (`wallet.below_threshold`)
 * for invoicing to top it up and bill it, after the burn commits.
 */
export async function walletsBelowThreshold(
  transaction: DatabaseTransaction,
  context: RequestContext,
  walletIds: ReadonlySet<string>,
): Promise<string[]> {
  if (walletIds.size === 0) return [];
  const wallets = await selectWallets(transaction, context)
    .where("id", "in", [...walletIds])
    .where("auto_top_up_threshold", "is not", null)
    .orderBy("id")
    .execute();
  if (wallets.length === 0) return [];
  const balances = await walletBalancesAt(
    transaction,
    context,
    wallets.map((wallet) => wallet.id),
    context.clock.now(),
  );
  return wallets
    .filter((wallet) => {
      if (wallet.auto_top_up_threshold === null) return false;
      const creditsLeft = walletCreditsOf(balances.get(wallet.id) ?? ZERO, new Decimal(wallet.rate));
      return creditsLeft.lessThan(new Decimal(wallet.auto_top_up_threshold));
    })
    .map((wallet) => wallet.id);
}

/**
 * Adds a top-up's credits to the wallet, part of `transaction`: a purchased
 * grant (or a promotional one when nothing was paid), the purchase with the
 * invoice that bills it (invoicing issues that invoice first, in the same
 * transaction), and the audit entry.
 */
export async function recordWalletTopUp(
  transaction: DatabaseTransaction,
  context: RequestContext,
  topUp: WalletTopUp,
  invoiceId: string | null,
): Promise<TopUp> {
  const { wallet } = topUp;
  const account = await lockCreditAccount(transaction, context, wallet.customer_id, wallet.currency);
  const now = context.clock.now();
  const paid = topUp.paidAmount.greaterThan(ZERO);
  const grant = await issueGrant(transaction, context, account, {
    walletId: wallet.id,
    name: `${wallet.name} ${topUp.automatic ? "automatic top-up" : "top-up"}`,
    type: paid ? "purchased" : "promotional",
    amount: topUp.value,
    costBasis: paid ? topUp.paidAmount : null,
    priority: DEFAULT_GRANT_PRIORITY,
    effectiveAt: now,
    expiresAt: topUp.expiresAt,
    metadata: { credits: topUp.credits.toFixed() },
    automatic: topUp.automatic,
    reason: topUp.reason,
  });
  if (paid) {
    if (invoiceId === null)
      throw new Error(`A paid top-up of wallet ${wallet.id} needs the invoice that bills it.`);
    await transaction
      .insertInto("credit_purchases")
      .values({
        grant_id: grant.id,
        organization_id: context.organizationId,
        environment_id: context.environmentId,
        customer_id: wallet.customer_id,
        wallet_id: wallet.id,
        currency: wallet.currency,
        credits: topUp.credits.toFixed(),
        paid_amount: topUp.paidAmount.toFixed(),
        automatic: topUp.automatic,
        invoice_id: invoiceId,
        created_at: now,
      })
      .execute();
  }
  const balance = (await walletBalancesAt(transaction, context, [wallet.id], now)).get(wallet.id) ?? ZERO;
  const result: TopUp = {
    grant: presentGrant(grant, now),
    purchase: paid
      ? {
          paid_amount: showMoney(topUp.paidAmount, wallet.currency),
          invoice_id: invoiceId,
          automatic: topUp.automatic,
        }
      : null,
    wallet: presentWallet(wallet, balance),
  };
  await recordAuditEvent(transaction, context, {
    action: topUp.automatic ? "wallet.topped_up_automatically" : "wallet.topped_up",
    objectType: "wallet",
    objectId: wallet.id,
    before: null,
    after: result,
  });
  return result;
}

/** Money usable at `at` from each wallet's grants: effective, not expired, not voided. */
async function walletBalancesAt(
  database: Database,
  scope: TenantScope,
  walletIds: readonly string[],
  at: Date,
): Promise<Map<string, Decimal>> {
  if (walletIds.length === 0) return new Map();
  const rows = await database
    .selectFrom("credit_grants")
    .select(["wallet_id", "remaining"])
    .where(inTenant(scope))
    .where("wallet_id", "in", walletIds)
    .where("voided_at", "is", null)
    .where("remaining", ">", "0")
    .where("effective_at", "<=", at)
    .where((eb) => eb.or([eb("expires_at", "is", null), eb("expires_at", ">", at)]))
    .execute();
  const balances = new Map<string, Decimal>();
  for (const walletId of walletIds) {
    balances.set(
      walletId,
      sumDecimals(rows.filter((row) => row.wallet_id === walletId).map((row) => new Decimal(row.remaining))),
    );
  }
  return balances;
}

/** The money a number of credits is worth in the wallet, which must come out in whole minor units. */
function creditValue(credits: Decimal, wallet: WalletRow, path: string, errors: FieldError[]): Decimal {
  const rate = new Decimal(wallet.rate);
  const { value, inWholeMinorUnits } = walletCreditValue(credits, rate, currencyFor(wallet.currency));
  if (!inWholeMinorUnits) {
    errors.push({
      path,
      message: `${credits.toFixed()} credits at ${rate.toFixed()} per ${wallet.currency} is not a whole number of the currency's minor unit`,
    });
  }
  return value;
}

function autoTopUpErrors(autoTopUp: AutoTopUp, rate: Decimal, currency: string): FieldError[] {
  const credits = new Decimal(autoTopUp.amount);
  if (credits.isZero()) return [{ path: "$.auto_top_up.amount", message: "must be more than 0" }];
  if (!walletCreditValue(credits, rate, currencyFor(currency)).inWholeMinorUnits) {
    return [
      {
        path: "$.auto_top_up.amount",
        message: `${credits.toFixed()} credits at ${rate.toFixed()} per ${currency} is not a whole number of the currency's minor unit`,
      },
    ];
  }
  return [];
}

async function findWallet(database: Database, scope: TenantScope, walletId: string): Promise<WalletRow> {
  return findInTenant(database, scope, "wallets", walletId, "wallet");
}

function selectWallets(database: Database, scope: TenantScope) {
  return selectInTenant(database, scope, "wallets");
}

function presentWallet(row: WalletRow, balance: Decimal): Wallet {
  const rate = new Decimal(row.rate);
  return {
    id: row.id,
    customer_id: row.customer_id,
    currency: row.currency,
    name: row.name,
    rate: rate.toFixed(),
    auto_top_up:
      row.auto_top_up_threshold === null || row.auto_top_up_amount === null
        ? null
        : {
            threshold: new Decimal(row.auto_top_up_threshold).toFixed(),
            amount: new Decimal(row.auto_top_up_amount).toFixed(),
          },
    balance: showMoney(balance, row.currency),
    credits: walletCreditsOf(balance, rate).toFixed(),
    metadata: row.metadata,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}
