// The front door of credits: grants, wallets, the ledger of burns and
// expiries, the customer balance, and the events a burn announces.
// Other domains import only from here; everything else in the folder is private to it.
export { creditBalances } from "./credit-balances.ts";
export { expireCredits } from "./credit-expiry.ts";
export { registerCreditRoutes } from "./credit-routes.ts";
export {
  type CreditBalances,
  CreditBalancesSchema,
  type TopUp,
  TopUpBody,
  type TopUpInput,
  TopUpSchema,
  type Wallet,
  WalletSchema,
} from "./credit-schemas.ts";
export { creditWebhookEvents } from "./credit-webhook-events.ts";
export {
  burnCredits,
  creditGrantsFor,
  creditGrantsForCustomers,
  customerBalanceOf,
  customerBalancesOf,
  recordBalanceMovement,
  restoreCredits,
} from "./credits.ts";
export { CreditsBurned, WalletBelowThreshold } from "./credits-events.ts";
export { showMoney } from "./money-input.ts";
export { type PurchasedGrant, purchasedGrantsForBooks } from "./purchased-grants.ts";
export { takeBackCreditsRefundedBy, takeBackCreditsSoldBy } from "./sold-credits.ts";
export {
  automaticTopUpDue,
  checkWalletTopUp,
  createWallet,
  getWallet,
  listWallets,
  recordWalletTopUp,
  topUpInvoiceTerms,
  type WalletTopUp,
} from "./wallets.ts";
