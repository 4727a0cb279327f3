// The front door of experiments: staged rollouts of a plan version with
// guardrails that roll a stage back by themselves, and pricing experiments
// (a control and variant versions, per-arm metrics and decisions).
// Other domains import only from here; everything else in the folder is private to it.
export { hashFractionEstimate } from "./cohort-buckets.ts";
export { assignExperimentsAfterBillRun } from "./experiment-assignments.ts";
export { registerExperimentRoutes } from "./experiment-routes.ts";
export { experimentWebhookEvents } from "./experiment-webhook-events.ts";
export { checkRolloutsAfterBillRun } from "./rollout-guardrails.ts";
export { registerRolloutRoutes } from "./rollout-routes.ts";
