// The front door of invoicing: invoices and credit notes, their numbers and
// documents, payments applied to them, previews of invoices to come, credit
// sales, and the events a finalized invoice announces (domain events, and the
// webhook events invoicing declares).
// Other domains import only from here; everything else in the folder is private to it.

export {
  type BulkBillingSettings,
  billCustomersDue,
  type CustomerBillingOutcome,
  customersPerPass,
  readBulkBillingSettings,
} from "./bill-customers.ts";
export { enginePlanVersion } from "./billing-catalog.ts";
export {
  type ChargeBilledLater,
  chargesBilledLater,
  periodToDateUsageAmounts,
} from "./charges-billed-later.ts";
export { createCreditNote, creditedToBalanceBy, listCreditNotes } from "./credit-notes.ts";
export { registerCreditSaleRoutes } from "./credit-sale-routes.ts";
export { topUpWallet, topUpWalletBelowThreshold } from "./credit-sales.ts";
export { customerAllowances } from "./customer-allowances.ts";
export { loadCustomerRow } from "./customer-billing.ts";
export { renderInvoicePdf } from "./documents/invoice-pdf.ts";
/** The text of a PDF Fairbill wrote, page by page: how tests read what a customer reads. */
export { readPdfText } from "./documents/pdf-text.ts";
export { renderStatementPdf } from "./documents/statement-pdf.ts";
export {
  type HeldDraft,
  heldDraftsOfSource,
  releaseHoldsOfSource,
  releaseWaitingHolds,
  type WaitingHold,
} from "./draft-hold-actions.ts";
export { invoicingJobHandlers, queueCustomerBilling } from "./draft-hold-jobs.ts";
export { registerInvoiceHoldRoutes } from "./draft-hold-routes.ts";
export { placeCustomerHolds } from "./draft-holds.ts";
export { invoiceDocument } from "./invoice-documents.ts";
export {
  applyPaymentToInvoice,
  applyRefundToInvoice,
  markInvoiceUncollectible,
  recordPaymentDisputeLost,
} from "./invoice-payment-state.ts";
export { amountRemaining, invoiceView } from "./invoice-presenter.ts";
export { registerInvoicePreviewRoutes } from "./invoice-preview-routes.ts";
export { type InvoicePreview, previewSubscriptionChange, upcomingInvoice } from "./invoice-previews.ts";
export {
  creditNotesForBooks,
  draftsIssuedBefore,
  findCreditNoteByMemoPrefix,
  invoicesForBooks,
  type UsageLineRecord,
  usageLinesOverlapping,
} from "./invoice-reports.ts";
export {
  customersBilledOnPlan,
  type PricedLine,
  type RepricedInvoice,
  type Repricing,
  repriceBilledInvoices,
} from "./invoice-repricing.ts";
export { registerInvoiceRoutes } from "./invoice-routes.ts";
export {
  CustomerAllowancesSchema,
  creditNoteReasons,
  InvoicePreviewSchema,
  InvoiceSchema,
  type InvoiceView,
  type InvoicingSettingsInput,
  SubscriptionChangePreviewSchema,
} from "./invoice-schemas.ts";
export {
  findInvoiceRow,
  type InvoiceRow,
  invoiceLineRows,
  lockFinalizedInvoice,
  lockInvoice,
} from "./invoice-store.ts";
export { recordFinalizedInvoiceTax } from "./invoice-tax-records.ts";
export { invoicingWebhookEvents } from "./invoice-webhook-events.ts";
export { countInvoices, getInvoice, listInvoices } from "./invoices.ts";
export {
  CreditNoteIssued,
  InvoiceFinalized,
  InvoicePaymentApplied,
  InvoiceRefundApplied,
} from "./invoicing-events.ts";
export { sellerCountryOf } from "./invoicing-settings.ts";
export { billProgressivelyDue } from "./progressive-billing.ts";
export { sellerBrandingOf } from "./seller-branding.ts";
export type { CreditNoteReason } from "./tables.ts";
export { refuseUnpricedEvents } from "./unpriced-events.ts";
export { creditNoteWarehouseRows, invoiceWarehouseRows } from "./warehouse-rows.ts";
