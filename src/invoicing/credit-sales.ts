// Selling credits: a wallet's top-up, by hand (POST /v1/wallets/{id}/top-ups)
// or automatic (when a burn leaves the wallet below its threshold, announced
// by the credits domain), becomes credits in the wallet and, when it is paid
// for, a finalized one-off invoice with one "Prepaid credits" line, both in
// one transaction. A free top-up (paid 0) is a promotional grant and bills
// nothing.

import { ZERO } from "../core/index.ts";
import type { TopUp, TopUpInput } from "../credits/index.ts";
import {
  automaticTopUpDue,
  checkWalletTopUp,
  recordWalletTopUp,
  topUpInvoiceTerms,
  WalletBelowThreshold,
  type WalletTopUp,
} from "../credits/index.ts";
import type { RequestContext } from "../platform/context.ts";
import type { DatabaseTransaction } from "../platform/database/schema.ts";
import { subscribe } from "../platform/events/domain-events.ts";
import { withReason } from "../platform/http/reason.ts";
import { createOneOffInvoice } from "./one-off-invoices.ts";

/** Adds credits to a wallet by hand: a purchased grant billed to the customer, or a free one when paid_amount is 0. */
export async function topUpWallet(
  context: RequestContext,
  walletId: string,
  input: TopUpInput,
): Promise<TopUp> {
  const topUp = await checkWalletTopUp(context, walletId, input);
  const reasoned = withReason(context, input.reason);
  return context.database.transaction().execute((transaction) => sellCredits(transaction, reasoned, topUp));
}

/**
 * A wallet below its automatic top-up threshold after a burn gets one top-up
 * (however far below it is), unless it was topped up above it meanwhile: the
 * need is read again under the wallet's lock.
 */
export const topUpWalletBelowThreshold = subscribe(
  WalletBelowThreshold,
  "invoicing.top_up_wallet_below_threshold",
  async (context, event) => {
    const topUp = await automaticTopUpDue(context.database, context, event.data.wallet_id);
    if (topUp !== null) await sellCredits(context.database, context, topUp);
  },
);

async function sellCredits(
  transaction: DatabaseTransaction,
  context: RequestContext,
  topUp: WalletTopUp,
): Promise<TopUp> {
  let invoiceId: string | null = null;
  if (topUp.paidAmount.greaterThan(ZERO)) {
    const terms = topUpInvoiceTerms(topUp);
    const invoice = await createOneOffInvoice(transaction, context, {
      customerId: topUp.wallet.customer_id,
      currency: topUp.wallet.currency,
      lines: [{ description: terms.description, quantity: "1", unitAmount: topUp.paidAmount.toFixed() }],
      finalize: true,
      memo: terms.memo,
    });
    invoiceId = invoice.id;
  }
  return recordWalletTopUp(transaction, context, topUp, invoiceId);
}
