// The webhook events backtests send, each carrying the backtest as the API
// shows it (with its summary once completed).
import { defineWebhookEvent } from "../notifications/index.ts";
import { BacktestSchema } from "./backtest-schemas.ts";

export const backtestCreated = defineWebhookEvent(
  "backtest.created",
  BacktestSchema,
  "A backtest was requested (POST /v1/backtests); it is queued to run.",
);

export const backtestCompleted = defineWebhookEvent(
  "backtest.completed",
  BacktestSchema,
  "A backtest priced every invoice of its population; its summary holds the revenue change and the movers.",
);

export const backtestFailed = defineWebhookEvent(
  "backtest.failed",
  BacktestSchema,
  "A backtest stopped on an error (in failure); what it compared so far is kept.",
);

export const backtestCanceled = defineWebhookEvent(
  "backtest.canceled",
  BacktestSchema,
  "A backtest was canceled (POST /v1/backtests/{id}/cancel) before it completed.",
);

export const backtestWebhookEvents = [backtestCreated, backtestCompleted, backtestFailed, backtestCanceled];
