// The front door of partners: resellers, referral partners, marketplaces and
// installers, their agreements and attributed customers, and the settlement
// statements they are paid by.
// Other domains import only from here; everything else in the folder is private to it.
export { type UnmatchedExternalSale, unmatchedExternalSales } from "./external-sale-matching.ts";
export { partnerLinkSecretColumns } from "./partner-links.ts";
export { registerPartnerRoutes } from "./partner-routes.ts";
export { type SettlementForBooks, settlementsForBooks } from "./settlements.ts";
