// The webhook events of staged rollouts and experiments: every change of
// state, each carrying the whole object as the API shows it.
import { defineWebhookEvent } from "../notifications/index.ts";
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

export const experimentWebhookEvents = [
  rolloutCreated,
  rolloutStageStarted,
  rolloutStageCleared,
  rolloutCompleted,
  rolloutRolledBack,
];
