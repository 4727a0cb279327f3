// The front door of backtests: a pricing change (a plan version, a draft too,
// or price overrides) priced against invoices already billed, run as a job,
// with its routes, job handler and webhook events.
// Other domains import only from here; everything else in the folder is private to it.
export { backtestJobHandlers } from "./backtest-jobs.ts";
export { registerBacktestRoutes } from "./backtest-routes.ts";
export { runBacktest } from "./backtest-run.ts";
export { backtestWebhookEvents } from "./backtest-webhook-events.ts";
export { backtestCsvText, getBacktest, requestBacktest } from "./backtests.ts";
