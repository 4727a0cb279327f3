// The front door of backtests: a pricing change (a plan version, a draft too,
// or price overrides) priced against invoices already billed, run as a job,
// with its routes, job handler and webhook events; and test matrices, a
// plan's saved scenarios run on every version submitted for approval.
// Other domains import only from here; everything else in the folder is private to it.
export { backtestJobHandlers } from "./backtest-jobs.ts";
export { registerBacktestRoutes } from "./backtest-routes.ts";
export { runBacktest } from "./backtest-run.ts";
export { backtestWebhookEvents } from "./backtest-webhook-events.ts";
export { backtestCsvText, requestBacktest } from "./backtests.ts";
export { runTestMatrixOnSubmission } from "./test-matrices.ts";
export { registerTestMatrixRoutes } from "./test-matrix-routes.ts";
export { testMatrixWebhookEvents } from "./test-matrix-webhook-events.ts";
