// Credits sold on an invoice are owed for by that invoice: when it is voided,
// the customer no longer owes for them, so the grant it sold is voided with
// it (a `void` entry naming the invoice; finance books it as the sale
// reversed, not as breakage). Credits already used cannot be taken back: the
// void is refused, naming how much was used, until the invoices that used
// them are voided (which gives them back) or the invoice is settled another
// way (paid, or marked uncollectible). A credit note on that invoice refunds
// part of the sale: it takes back the same share of the credits left (a
// `void` entry naming the credit note and what it refunded), and is refused
// beyond what is left of the sale (the engine's creditsReturnedBy).
import { recordObjectChange } from "../audit/index.ts";
import {
  creditsReturnedBy,
  currencyFor,
  Decimal,
  type GrantLedgerMovement,
  grantAmountUsed,
} from "../core/index.ts";
import type { RequestContext } from "../platform/context.ts";
import type { DatabaseTransaction } from "../platform/database/schema.ts";
import { selectInTenant } from "../platform/database/tenant-scope.ts";
import { conflict } from "../platform/errors.ts";
import { withReason } from "../platform/http/reason.ts";
import { presentGrant, voidLockedGrant } from "./credit-grants.ts";
import {
  appendLedgerEntry,
  type CreditAccount,
  type CreditGrantRow,
  lockCreditAccount,
  lockGrants,
} from "./credit-ledger.ts";
import { showMoney } from "./money-input.ts";

/**
 * Voids the grant the invoice sold, if it sold one, in the caller's
 * transaction (the invoice's void); refused (409 invoice_credits_used) when
 * some of its credits were used.
 */
export async function takeBackCreditsSoldBy(
  transaction: DatabaseTransaction,
  context: RequestContext,
  invoiceId: string,
  reason: string,
): Promise<void> {
  const sold = await lockGrantSoldBy(transaction, context, invoiceId);
  if (sold === undefined) return;
  const { account, grant, movements } = sold;
  const used = grantAmountUsed(movements);
  if (!used.isZero()) {
    throw conflict(
      "invoice_credits_used",
      `Invoice ${invoiceId} sold credit grant ${grant.id}, and ${showMoney(used, grant.currency)} of its ` +
        `${showMoney(grant.amount, grant.currency)} have been used; void the invoices that used ` +
        "them first, or mark this invoice uncollectible.",
    );
  }
  if (grant.voided_at !== null) return;
  await voidLockedGrant(transaction, withReason(context, reason), account, grant, {
    reason: `invoice ${invoiceId} that sold it was voided: ${reason}`,
    invoiceId,
  });
}

/**
 * Takes back the credits a credit note refunds of the invoice that sold them,
 * if it sold any, in the caller's transaction (the credit note's). Refused
 * (409 invoice_credits_used) beyond what is left of the sale, naming that.
 */
export async function takeBackCreditsRefundedBy(
  transaction: DatabaseTransaction,
  context: RequestContext,
  note: {
    invoiceId: string;
    creditNoteId: string;
    creditNoteNumber: string;
    refund: { total: Decimal; tax: Decimal };
    sale: { total: Decimal; tax: Decimal };
  },
): Promise<void> {
  const sold = await lockGrantSoldBy(transaction, context, note.invoiceId);
  if (sold === undefined || note.refund.total.isZero()) return;
  const { account, grant, movements } = sold;
  const currency = currencyFor(grant.currency);
  const outcome = creditsReturnedBy({
    refund: note.refund,
    sale: note.sale,
    grantAmount: new Decimal(grant.amount),
    remaining: new Decimal(grant.remaining),
    movements,
    currency,
  });
  if (!outcome.ok) {
    throw conflict(
      "invoice_credits_used",
      `Invoice ${note.invoiceId} sold credit grant ${grant.id}, and only ${showMoney(grant.remaining, grant.currency)} ` +
        `of its ${showMoney(grant.amount, grant.currency)} are left (the rest used, expired or voided): a credit ` +
        `note may refund at most ${showMoney(outcome.creditable, grant.currency)} of it before tax.`,
    );
  }
  const now = context.clock.now();
  const before = presentGrant(grant, now);
  await appendLedgerEntry(
    transaction,
    context,
    account,
    grant,
    {
      kind: "void",
      amount: outcome.credits.negated(),
      occurredAt: now,
      creditNote: { id: note.creditNoteId, refunded: outcome.refunded },
      reason: `refunded by credit note ${note.creditNoteNumber}`,
    },
    now,
  );
  await recordObjectChange(
    transaction,
    context,
    "credit_grant",
    "refunded",
    before,
    presentGrant(grant, now),
  );
}

/** The grant the invoice sold, locked with its account, and its ledger so far; undefined when it sold none. */
async function lockGrantSoldBy(
  transaction: DatabaseTransaction,
  context: RequestContext,
  invoiceId: string,
): Promise<{ account: CreditAccount; grant: CreditGrantRow; movements: GrantLedgerMovement[] } | undefined> {
  const purchase = await selectInTenant(transaction, context, "credit_purchases")
    .where("invoice_id", "=", invoiceId)
    .executeTakeFirst();
  if (purchase === undefined) return undefined;
  const account = await lockCreditAccount(transaction, context, purchase.customer_id, purchase.currency);
  const grant = (await lockGrants(transaction, context, [purchase.grant_id])).get(purchase.grant_id);
  if (grant === undefined) return undefined;
  const entries = await selectInTenant(transaction, context, "credit_ledger_entries")
    .where("grant_id", "=", grant.id)
    .select(["kind", "amount", "refunded_amount"])
    .orderBy("sequence")
    .execute();
  const movements = entries.map(({ kind, amount, refunded_amount }) => ({
    kind,
    amount: new Decimal(amount),
    ...(refunded_amount === null ? {} : { refunded: new Decimal(refunded_amount) }),
  }));
  return { account, grant, movements };
}
