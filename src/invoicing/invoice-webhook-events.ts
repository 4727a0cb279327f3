// The webhook events invoicing sends: an invoice's life (each carrying the
// whole invoice as the API shows it, lines included) and credit notes.
import { defineWebhookEvent } from "../notifications/index.ts";
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

export const invoicingWebhookEvents = [invoiceCreated, invoiceFinalized, invoiceVoided, creditNoteCreated];
