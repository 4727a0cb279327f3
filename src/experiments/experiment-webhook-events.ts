// The webhook events of staged rollouts and experiments: every change of
// state, each carrying the whole object as the API shows it.
import { defineWebhookEvent } from "../notifications/index.ts";
import { ExperimentSchema } from "./experiment-schemas.ts";
import { RolloutSchema } from "./rollout-schemas.ts";

export const rolloutCreated = defineWebhookEvent(
  "rollout.created",
  RolloutSchema,
  "A staged rollout was created.",
);

export const rolloutStageStarted = defineWebhookEvent(
  "rollout.stage_started",
  RolloutSchema,
  "A stage of a rollout started: its cohort migrates at the end of its current period, and its first drafts " +
    "are held until the guardrails pass.",
);

export const rolloutStageCleared = defineWebhookEvent(
  "rollout.stage_cleared",
  RolloutSchema,
  "The guardrails passed on a stage's drafts: the holds are released and the drafts are finalized.",
);

export const rolloutCompleted = defineWebhookEvent(
  "rollout.completed",
  RolloutSchema,
  "Every stage of a rollout came out clean.",
);

export const rolloutRolledBack = defineWebhookEvent(
  "rollout.rolled_back",
  RolloutSchema,
  "A stage broke the rollout's guardrails: its cohort went back to the earlier version, and its drafts are " +
    "recomputed and held for review (`breaches` says why).",
);

export const rolloutCanceled = defineWebhookEvent(
  "rollout.canceled",
  RolloutSchema,
  "A rollout was canceled: no further stage starts, the watching stage's cohort goes back to the earlier " +
    "version and its drafts are recomputed there and released.",
);

export const rolloutStageSkipped = defineWebhookEvent(
  "rollout.stage_skipped",
  RolloutSchema,
  "A watching stage was skipped: every customer of its cohort left (ended, paused or invoiced otherwise) " +
    "before a draft on the new version, so there was nothing to judge.",
);

export const experimentCreated = defineWebhookEvent(
  "experiment.created",
  ExperimentSchema,
  "A pricing experiment was created with its control and variant arms.",
);

export const experimentAssigned = defineWebhookEvent(
  "experiment.assigned",
  ExperimentSchema,
  "Customers were assigned to the experiment's arms (`arms[].assigned` counts them); a variant's customers " +
    "move to its version at once (new sign-ups) or at their next period.",
);

export const experimentPromoted = defineWebhookEvent(
  "experiment.promoted",
  ExperimentSchema,
  "A variant was promoted (`decision` says which, and whether for its cohort or everyone).",
);

export const experimentStopped = defineWebhookEvent(
  "experiment.stopped",
  ExperimentSchema,
  "The experiment was stopped: every variant's customers went back to the control version.",
);

export const experimentWebhookEvents = [
  rolloutCreated,
  rolloutStageStarted,
  rolloutStageCleared,
  rolloutCompleted,
  rolloutRolledBack,
  rolloutCanceled,
  rolloutStageSkipped,
  experimentCreated,
  experimentAssigned,
  experimentPromoted,
  experimentStopped,
];
