// HTTP routes of pricing experiments (/v1/experiments): create one (the
// customers due are assigned at once), read them with their arms, run the
// assignment again (it keeps every assignment and adds the customers now
// due), read the assignments and the per-arm metrics, and decide: promote a
// variant or stop.

import { Type } from "typebox";
import { ReasonOnlyBody, withReason } from "../platform/http/reason.ts";
import { defineRoutes } from "../platform/http/routes.ts";
import { StringEnum } from "../platform/http/schemas.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import { assignExperiment, loadAssignments } from "./experiment-assignments.ts";
import { promoteExperiment, stopExperiment } from "./experiment-decisions.ts";
import { experimentMetrics } from "./experiment-metrics.ts";
import {
  CreateExperimentBody,
  ExperimentAssignmentsSchema,
  ExperimentMetricsSchema,
  ExperimentSchema,
  PromoteExperimentBody,
} from "./experiment-schemas.ts";
import { listExperiments, loadExperiment } from "./experiment-store.ts";
import { createExperiment } from "./experiments.ts";

export function registerExperimentRoutes(app: FairbillApp): void {
  const routes = defineRoutes(app, { tags: ["Experiments"], read: "billing:read", write: "billing:write" });

  routes.write(
    "POST /experiments",
    {
      operationId: "createExperiment",
      summary: "Start a pricing experiment: a control version, variant versions and an assignment rule",
      body: CreateExperimentBody,
      response: ExperimentSchema,
      status: 201,
    },
    ({ context, body }) => createExperiment(withReason(context, body.reason), body),
  );

  routes.list(
    "GET /experiments",
    {
      operationId: "listExperiments",
      summary: "List pricing experiments, newest first, each with its arms and assignment counts",
      filters: Type.Object({ status: Type.Optional(StringEnum(["running", "promoted", "stopped"])) }),
      item: ExperimentSchema,
    },
    ({ context }, filters, page) => listExperiments(context, filters, page),
  );

  routes.readById(
    "GET /experiments/:id",
    {
      operationId: "getExperiment",
      summary: "A pricing experiment with its arms, assignment counts and decision",
      response: ExperimentSchema,
    },
    (context, id) => loadExperiment(context.database, context, id),
  );

  routes.readById(
    "GET /experiments/:id/assignments",
    {
      operationId: "getExperimentAssignments",
      summary: "Which arm each customer of the experiment is assigned to",
      response: ExperimentAssignmentsSchema,
    },
    async (context, id) => {
      await loadExperiment(context.database, context, id);
      return loadAssignments(context.database, context, id);
    },
  );

  routes.writeById(
    "POST /experiments/:id/assignments",
    {
      operationId: "assignExperiment",
      summary:
        "Run the assignment again: every customer keeps its arm, and the customers now due are assigned",
      body: ReasonOnlyBody,
      response: ExperimentAssignmentsSchema,
    },
    async (context, id, body) => {
      const reasoned = withReason(context, body.reason);
      const assigned = await context.database
        .transaction()
        .execute((transaction) => assignExperiment(transaction, { ...reasoned, database: transaction }, id));
      return loadAssignments(context.database, context, id, assigned);
    },
  );

  routes.readById(
    "GET /experiments/:id/metrics",
    {
      operationId: "getExperimentMetrics",
      summary:
        "Each arm's metrics with 95% intervals, its test against the control and the sample size it needs",
      response: ExperimentMetricsSchema,
    },
    experimentMetrics,
  );

  routes.writeById(
    "POST /experiments/:id/promote",
    {
      operationId: "promoteExperiment",
      summary: "Promote a variant, for its cohort or for everyone on the control version",
      body: PromoteExperimentBody,
      response: ExperimentSchema,
    },
    (context, id, body) => promoteExperiment(withReason(context, body.reason), id, body),
  );

  routes.writeById(
    "POST /experiments/:id/stop",
    {
      operationId: "stopExperiment",
      summary: "Stop the experiment: every variant's customers go back to the control version",
      body: ReasonOnlyBody,
      response: ExperimentSchema,
    },
    (context, id, body) => stopExperiment(withReason(context, body.reason), id),
  );
}
