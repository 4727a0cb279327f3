// The front door of taxes: rates, exemptions and the tax quote an invoice uses.
// Other domains import only from here; everything else in the folder is private to it.

export { isEuMemberState, normalizeTaxId, taxIdLooksValid } from "./tax-ids.ts";
export type { PostalAddress, TaxableInvoice } from "./tax-quote.ts";
export { registerTaxRoutes } from "./tax-routes.ts";
export type { CreateTaxRateInput } from "./tax-schemas.ts";
export { taxSecretColumns } from "./tax-settings.ts";
export {
  queueTaxRecording,
  queueTaxReversal,
  taxJobHandlers,
  usesTaxEngine,
} from "./tax-transactions.ts";
export { type TaxQuote, type TaxRequest, taxQuoteFor, taxQuotesFor } from "./taxes.ts";
