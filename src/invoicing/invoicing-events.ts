// The domain events invoicing publishes for the domains above it (payments
// collects a finalized invoice; credits sold through a wallet are invoiced
// here and need nothing back).
import { Type } from "typebox";
import { defineDomainEvent } from "../platform/events/domain-events.ts";

/** An invoice was finalized: numbered, immutable, and asking for what it says is due. */
export const InvoiceFinalized = defineDomainEvent(
  "invoice.finalized",
  Type.Object({ invoice_id: Type.String(), customer_id: Type.String() }),
  "An invoice was finalized (numbered and immutable); payments start collecting what it asks for.",
);
