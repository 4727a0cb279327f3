// The front door of bill runs: the run over an environment's due customers,
// its per-minute schedule and job handlers, and the test clock's routes.
// Other domains import only from here; everything else in the folder is private to it.

export { billRunTotals, hasRunInProgress, runBillRun } from "./bill-run.ts";
export { BillRunCompleted } from "./bill-run-events.ts";
export { registerBillRunRoutes } from "./bill-run-routes.ts";
export { billRunJobHandlers, createBillRunScheduler } from "./bill-run-scheduler.ts";
export { presentBillRun } from "./bill-run-schemas.ts";
export { registerTestClockRoutes } from "./test-clock-routes.ts";
