// What other domains use of credits: invoicing reads the grants and the
// customer balance an invoice can use, then records what the invoice used
// (burns, balance movements) and gives it back when the invoice is voided.
// The bill-run scheduler imports expireCredits from credit-expiry.ts.
export { burnCredits, restoreCredits } from "./credit-burns.ts";
export { creditGrantsFor, creditGrantsForCustomers } from "./credit-grants.ts";
export { customerBalanceOf, customerBalancesOf, recordBalanceMovement } from "./customer-balance.ts";
