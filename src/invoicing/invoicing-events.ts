// The domain events invoicing publishes for the domains above it (payments
// collects a finalized invoice; integrations send invoices, their payments,
// refunds and credit notes to accounting systems; credits sold through a
// wallet are invoiced here and need nothing back).
import { Type } from "typebox";
import { defineDomainEvent } from "../platform/events/domain-events.ts";

/** An invoice was finalized: numbered, immutable, and asking for what it says is due. */
export const InvoiceFinalized = defineDomainEvent(
  "invoice.finalized",
  Type.Object({ invoice_id: Type.String(), customer_id: Type.String() }),
  "An invoice was finalized (numbered and immutable); payments start collecting what it asks for.",
);

/** A credit note was issued against a finalized invoice. */
export const CreditNoteIssued = defineDomainEvent(
  "credit_note.issued",
  Type.Object({ credit_note_id: Type.String(), invoice_id: Type.String(), customer_id: Type.String() }),
  "A credit note was issued against a finalized invoice; integrations send it to the accounting system.",
);

/** A payment was applied to an invoice (what payments records when money arrives). */
export const InvoicePaymentApplied = defineDomainEvent(
  "invoice.payment_applied",
  Type.Object({ invoice_id: Type.String(), customer_id: Type.String() }),
  "A payment was applied to a finalized invoice; integrations send the payment to the accounting system.",
);

/** A refund was taken off what an invoice had been paid. */
export const InvoiceRefundApplied = defineDomainEvent(
  "invoice.refund_applied",
  Type.Object({ invoice_id: Type.String(), customer_id: Type.String() }),
  "A refund was taken off what an invoice had been paid; integrations send the refund to the accounting system.",
);
