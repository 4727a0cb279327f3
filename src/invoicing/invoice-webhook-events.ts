// The webhook events invoicing sends: an invoice's life (each carrying the
// whole invoice as the API shows it, lines included) and credit notes.
import { defineWebhookEvent } from "../notifications/index.ts";
import { InvoiceHoldSchema } from "./draft-hold-schemas.ts";
import { CreditNoteSchema, InvoiceSchema } from "./invoice-schemas.ts";

export const invoiceCreated = defineWebhookEvent(
  "invoice.created",
  InvoiceSchema,
  "A draft invoice was created: a subscription's invoice waiting for its grace period, or a one-off draft.",
);

export const invoiceFinalized = defineWebhookEvent(
  "invoice.finalized",
  InvoiceSchema,
  "An invoice was finalized: numbered, immutable, and (when something is due) sent to the customer and collected.",
);

export const invoiceVoided = defineWebhookEvent(
  "invoice.voided",
  InvoiceSchema,
  "A finalized invoice was voided; the credits and customer balance it used were given back.",
);

export const creditNoteCreated = defineWebhookEvent(
  "credit_note.created",
  CreditNoteSchema,
  "A credit note corrected a finalized invoice.",
);

export const invoiceHoldCreated = defineWebhookEvent(
  "invoice_hold.created",
  InvoiceHoldSchema,
  "A draft invoice was held back from finalization: by the bill run's standing guard (its total moved beyond " +
    "the bound) or by a staged rollout watching its cohort.",
);

export const invoiceHoldReleased = defineWebhookEvent(
  "invoice_hold.released",
  InvoiceHoldSchema,
  "A hold on a draft was released (by billing operations, or by a rollout whose guardrails passed); the draft " +
    "is finalized by the next bill once nothing else holds it.",
);

export const invoiceHoldDiscarded = defineWebhookEvent(
  "invoice_hold.discarded",
  InvoiceHoldSchema,
  "A held draft was discarded: its period is not invoiced, and the draft is gone.",
);

export const invoicingWebhookEvents = [
  invoiceCreated,
  invoiceFinalized,
  invoiceVoided,
  creditNoteCreated,
  invoiceHoldCreated,
  invoiceHoldReleased,
  invoiceHoldDiscarded,
];
