// The front door of finance: reconciliation, revenue recognition, the journal,
// the month-end close, disputes and KPIs.
// Other domains import only from here; everything else in the folder is private to it.
export { registerFinanceRoutes } from "./finance-routes.ts";
export type { JournalLine } from "./journal.ts";
export { computeKpis } from "./kpis.ts";
export { reconcilePeriod } from "./reconciliation.ts";
export { getJournal, journalLinesOfDays } from "./revenue.ts";
