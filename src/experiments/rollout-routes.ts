// HTTP routes of staged rollouts (/v1/rollouts): create one (its first stage
// may start at once), read them with their stages' timeline, check one now
// (the guardrails run after every bill run by themselves), and cancel one.

import { ReasonOnlyBody, withReason } from "../platform/http/reason.ts";
import { defineRoutes } from "../platform/http/routes.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import { cancelRollout } from "./rollout-cancel.ts";
import { checkRollout } from "./rollout-guardrails.ts";
import { CreateRolloutBody, RolloutSchema } from "./rollout-schemas.ts";
import { createRollout, listRollouts, loadRollout } from "./rollouts.ts";

export function registerRolloutRoutes(app: FairbillApp): void {
  const routes = defineRoutes(app, { tags: ["Rollouts"], read: "billing:read", write: "billing:write" });

  routes.write(
    "POST /rollouts",
    {
      operationId: "createRollout",
      summary:
        "Roll a published plan version out to the subscribers of an earlier version in stages, with guardrails",
      body: CreateRolloutBody,
      response: RolloutSchema,
      status: 201,
    },
    ({ context, body }) => createRollout(withReason(context, body.reason), body),
  );

  routes.list(
    "GET /rollouts",
    {
      operationId: "listRollouts",
      summary: "List staged rollouts, newest first, each with its stages",
      item: RolloutSchema,
    },
    ({ context }, _filters, page) => listRollouts(context, page),
  );

  routes.readById(
    "GET /rollouts/:id",
    {
      operationId: "getRollout",
      summary: "A staged rollout with its stages' timeline, cohorts and guardrail breaches",
      response: RolloutSchema,
    },
    (context, id) => loadRollout(context.database, context, id),
  );

  routes.writeById(
    "POST /rollouts/:id/check",
    {
      operationId: "checkRollout",
      summary:
        "Check the rollout's guardrails on its cohort's held drafts now, and start the stages that are due",
      body: ReasonOnlyBody,
      response: RolloutSchema,
    },
    async (context, id, body) => {
      const reasoned = withReason(context, body.reason);
      await context.database.transaction().execute(async (transaction) => {
        await loadRollout(transaction, context, id);
        await checkRollout(transaction, { ...reasoned, database: transaction }, id);
      });
      return loadRollout(context.database, context, id);
    },
  );

  routes.writeById(
    "POST /rollouts/:id/cancel",
    {
      operationId: "cancelRollout",
      summary:
        "Cancel the rollout: no further stage starts, and the watching stage's cohort goes back to the earlier version",
      body: ReasonOnlyBody,
      response: RolloutSchema,
    },
    (context, id, body) => cancelRollout(withReason(context, body.reason), id),
  );
}
