// The front door of alerts: spend, usage and credit-balance rules per customer,
// evaluated after ingestion and credit burns (domain event subscribers), with
// their routes and job handlers.
// Other domains import only from here; everything else in the folder is private to it.
export { evaluateAlertsAfterCreditBurn, evaluateAlertsAfterIngestion } from "./alert-evaluation-requests.ts";
export { alertJobHandlers } from "./alert-jobs.ts";
export { registerAlertRoutes } from "./alert-routes.ts";
export {
  createAlertRule,
  deleteAlertRule,
  getAlertRule,
  listCustomerAlertRules,
  presentAlertRule,
} from "./alert-rules.ts";
export { type AlertRule, AlertRuleSchema } from "./alert-schemas.ts";
export { alertWebhookEvents } from "./alert-webhook-events.ts";
