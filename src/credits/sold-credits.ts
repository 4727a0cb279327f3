// Credits sold on an invoice are owed for by that invoice: when it is voided,
// the customer no longer owes for them, so the grant it sold is voided with
// it (a `void` entry naming the invoice; finance books it as the sale
// reversed, not as breakage). Credits already used cannot be taken back: the
// void is refused, naming how much was used, until the invoices that used
// them are voided (which gives them back) or the invoice is settled another
// way (paid, or marked uncollectible).
import { recordObjectChange } from "../audit/index.ts";
import { Decimal, grantAmountUsed } from "../core/index.ts";
import type { RequestContext } from "../platform/context.ts";
import type { DatabaseTransaction } from "../platform/database/schema.ts";
import { updateTenantRow } from "../platform/database/tenant-rows.ts";
import { selectInTenant } from "../platform/database/tenant-scope.ts";
import { conflict } from "../platform/errors.ts";
import { withReason } from "../platform/http/reason.ts";
import { presentGrant } from "./credit-grants.ts";
import { closeOutGrant, lockCreditAccount, lockGrants } from "./credit-ledger.ts";
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
  const purchase = await selectInTenant(transaction, context, "credit_purchases")
    .where("invoice_id", "=", invoiceId)
    .executeTakeFirst();
  if (purchase === undefined) return;
  const account = await lockCreditAccount(transaction, context, purchase.customer_id, purchase.currency);
  const grant = (await lockGrants(transaction, context, [purchase.grant_id])).get(purchase.grant_id);
  if (grant === undefined || grant.voided_at !== null) return;
  const movements = await selectInTenant(transaction, context, "credit_ledger_entries")
    .where("grant_id", "=", grant.id)
    .select(["kind", "amount"])
    .execute();
  const used = grantAmountUsed(movements.map(({ kind, amount }) => ({ kind, amount: new Decimal(amount) })));
  if (!used.isZero()) {
    throw conflict(
      "invoice_credits_used",
      `Invoice ${invoiceId} sold credit grant ${grant.id}, and ${showMoney(used, grant.currency)} of its ` +
        `${showMoney(grant.amount, grant.currency)} have been used; void the invoices that used ` +
        "them first, or mark this invoice uncollectible.",
    );
  }
  const now = context.clock.now();
  const before = presentGrant(grant, now);
  const voidReason = `invoice ${invoiceId} that sold it was voided: ${reason}`;
  await closeOutGrant(transaction, context, account, grant, now, voidReason, invoiceId);
  const row = await updateTenantRow(transaction, context, "credit_grants", grant.id, {
    voided_at: now,
    void_reason: voidReason,
  });
  await recordObjectChange(
    transaction,
    withReason(context, reason),
    "credit_grant",
    "voided",
    before,
    presentGrant(row, now),
  );
}
