// What invoices do to credits: an issued invoice burns the grants the engine
// applied (one `burn` entry per grant, with the invoice id), and a voided
// invoice gives them back (`void_reversal`). A grant given back after it was
// voided or expired is closed out again at once, so restored credits never
// outlive the grant they belong to.
import { recordAuditEvent } from "../audit/index.ts";
import { Decimal, ZERO } from "../core/index.ts";
import type { RequestContext } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { inTenant, selectInTenant } from "../platform/database/tenant-scope.ts";
import { conflict } from "../platform/errors.ts";
import { publishDomainEvent } from "../platform/events/domain-events.ts";
import { presentLedgerEntry } from "./credit-balances.ts";
import {
  appendLedgerEntry,
  type CreditLedgerEntryRow,
  closeOutGrant,
  lockCreditAccount,
  lockGrants,
  requireTransaction,
} from "./credit-ledger.ts";
import { CreditsBurned, WalletBelowThreshold } from "./credits-events.ts";
import { walletsBelowThreshold } from "./wallets.ts";

/**
 * Ledger `burn` entries for the credits an invoice used (the engine's
 * `creditsApplied`); each wallet the burn left below its automatic top-up
 * threshold is announced, for invoicing to top it up. Call it in the transaction that stores the invoice.
 * A grant that no longer holds what the engine was told it held (voided,
 * expired or used meanwhile) refuses the burn: the invoice must be computed
 * again from fresh balances.
 */
export async function burnCredits(
  database: Database,
  context: RequestContext,
  input: {
    customerId: string;
    invoiceId: string;
    currency: string;
    applied: readonly { grantId: string; amount: Decimal }[];
  },
): Promise<void> {
  const amounts = new Map<string, Decimal>();
  for (const { grantId, amount } of input.applied) {
    if (amount.isNegative()) throw new Error(`A burn of grant ${grantId} cannot be negative (${amount}).`);
    if (!amount.isZero()) amounts.set(grantId, (amounts.get(grantId) ?? ZERO).plus(amount));
  }
  if (amounts.size === 0) return;
  const transaction = requireTransaction(database);
  const now = context.clock.now();
  const account = await lockCreditAccount(transaction, context, input.customerId, input.currency);
  const earlier = await transaction
    .selectFrom("credit_ledger_entries")
    .select("id")
    .where(inTenant(context))
    .where("invoice_id", "=", input.invoiceId)
    .where("kind", "=", "burn")
    .executeTakeFirst();
  if (earlier) {
    throw conflict("credits_already_burned", `Invoice ${input.invoiceId} has already used its credits.`);
  }
  const grants = await lockGrants(transaction, context, [...amounts.keys()]);
  const entries: CreditLedgerEntryRow[] = [];
  const walletIds = new Set<string>();
  // In the order the engine used the grants (the locks above were taken in id order).
  for (const [grantId, amount] of amounts) {
    const grant = grants.get(grantId);
    if (!grant || grant.customer_id !== input.customerId || grant.currency !== input.currency) {
      throw new Error(
        `Credit grant ${grantId} is not a ${input.currency} grant of customer ${input.customerId}.`,
      );
    }
    if (grant.voided_at !== null || new Decimal(grant.remaining).lessThan(amount)) {
      throw conflict(
        "credit_balance_changed",
        `Credit grant ${grantId} no longer holds ${amount.toFixed()}; compute invoice ${input.invoiceId} again.`,
      );
    }
    entries.push(
      await appendLedgerEntry(
        transaction,
        context,
        account,
        grant,
        { kind: "burn", amount: amount.negated(), invoiceId: input.invoiceId, occurredAt: now },
        now,
      ),
    );
    if (grant.wallet_id !== null) walletIds.add(grant.wallet_id);
  }
  await recordAuditEvent(transaction, context, {
    action: "credits.burned",
    objectType: "invoice",
    objectId: input.invoiceId,
    before: null,
    after: {
      customer_id: input.customerId,
      currency: input.currency,
      entries: entries.map(presentLedgerEntry),
    },
  });
  // Invoicing tops up each wallet left below its threshold, and alerts evaluate the
  // customer's credit balance rules, once this burn commits.
  for (const walletId of await walletsBelowThreshold(transaction, context, walletIds)) {
    await publishDomainEvent(
      transaction,
      context,
      WalletBelowThreshold,
      { wallet_id: walletId, customer_id: input.customerId, invoice_id: input.invoiceId },
      now,
    );
  }
  await publishDomainEvent(
    transaction,
    context,
    CreditsBurned,
    { customer_id: input.customerId, invoice_id: input.invoiceId },
    now,
  );
}

/**
 * Gives back the credits a voided invoice burned (`void_reversal` entries).
 * Running it again for the same invoice changes nothing.
 */
export async function restoreCredits(
  database: Database,
  context: RequestContext,
  invoiceId: string,
): Promise<void> {
  const transaction = requireTransaction(database);
  const entries = await selectInTenant(transaction, context, "credit_ledger_entries")
    .where("invoice_id", "=", invoiceId)
    .orderBy("sequence")
    .execute();
  const restoredGrants = new Set(
    entries.filter((entry) => entry.kind === "void_reversal").map((entry) => entry.grant_id),
  );
  const burns = entries.filter((entry) => entry.kind === "burn" && !restoredGrants.has(entry.grant_id));
  if (burns.length === 0) return;
  const now = context.clock.now();
  const written: CreditLedgerEntryRow[] = [];
  // An invoice has one customer and currency; grouping keeps the lock order right regardless.
  for (const accountBurns of groupByAccount(burns)) {
    const [first] = accountBurns;
    if (!first) continue;
    const account = await lockCreditAccount(transaction, context, first.customer_id, first.currency);
    const grants = await lockGrants(
      transaction,
      context,
      accountBurns.map((burn) => burn.grant_id),
    );
    for (const burn of accountBurns) {
      const grant = grants.get(burn.grant_id);
      if (!grant) throw new Error(`Credit grant ${burn.grant_id} of ledger entry ${burn.id} is missing.`);
      written.push(
        await appendLedgerEntry(
          transaction,
          context,
          account,
          grant,
          {
            kind: "void_reversal",
            amount: new Decimal(burn.amount).negated(),
            invoiceId,
            occurredAt: now,
          },
          now,
        ),
      );
      const expired = grant.expires_at !== null && grant.expires_at <= now;
      if (grant.voided_at !== null || expired) {
        const closing = await closeOutGrant(
          transaction,
          context,
          account,
          grant,
          now,
          "the grant was voided",
        );
        if (closing) written.push(closing);
      }
    }
  }
  await recordAuditEvent(transaction, context, {
    action: "credits.restored",
    objectType: "invoice",
    objectId: invoiceId,
    before: null,
    after: { entries: written.map(presentLedgerEntry) },
  });
}

function groupByAccount(entries: readonly CreditLedgerEntryRow[]): CreditLedgerEntryRow[][] {
  const groups = new Map<string, CreditLedgerEntryRow[]>();
  for (const entry of entries) {
    const key = `${entry.customer_id} ${entry.currency}`;
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  return [...groups.entries()].sort(([left], [right]) => left.localeCompare(right)).map(([, group]) => group);
}
