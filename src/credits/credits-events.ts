// The domain events the credits domain publishes for the domains above it:
// invoicing tops up (and bills) a wallet that fell below its threshold, and
// alerts evaluate a customer's credit balance rules after a burn.
import { Type } from "typebox";
import { defineDomainEvent } from "../platform/events/domain-events.ts";

/** An invoice used a customer's credits. */
export const CreditsBurned = defineDomainEvent(
  "credits.burned",
  Type.Object({ customer_id: Type.String(), invoice_id: Type.String() }),
  "An invoice used the customer's credits; alerts evaluate the customer's credit balance rules.",
);

/** A burn left a wallet with an automatic top-up below its threshold. */
export const WalletBelowThreshold = defineDomainEvent(
  "wallet.below_threshold",
  Type.Object({
    wallet_id: Type.String(),
    customer_id: Type.String(),
    invoice_id: Type.String({ description: "the invoice whose burn left the wallet below its threshold" }),
  }),
  "A wallet with an automatic top-up fell below its threshold; invoicing tops it up once and bills the top-up.",
);
