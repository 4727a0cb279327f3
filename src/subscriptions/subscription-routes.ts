// HTTP routes for subscriptions (/v1/subscriptions) and plan version
// migrations (/v1/plans/{id}/migrations).
import { Type } from "typebox";
import { decodeCursor, PageOf, PageQuery, toPage } from "../platform/http/pagination.ts";
import { withReason } from "../platform/http/reason.ts";
import { standardErrorResponses } from "../platform/http/schemas.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import { createPlanMigration, listPlanMigrations } from "./plan-migrations.ts";
import { cancelSubscription, changePlan, previewPlanChange } from "./subscription-changes.ts";
import { pauseSubscription, resumeSubscription } from "./subscription-pauses.ts";
import {
  CancelSubscriptionBody,
  ChangePlanBody,
  ChangePlanPreviewSchema,
  CreatePlanMigrationBody,
  CreateSubscriptionBody,
  PauseSubscriptionBody,
  PlanMigrationParams,
  PlanMigrationSchema,
  ResumeSubscriptionBody,
  SubscriptionIdParams,
  SubscriptionListQuery,
  SubscriptionSchema,
} from "./subscription-schemas.ts";
import { createSubscription, getSubscription, listSubscriptions } from "./subscriptions.ts";

export function registerSubscriptionRoutes(app: FairbillApp): void {
  const tags = ["Subscriptions"];
  const read = { permission: "billing:read" as const };
  const write = { permission: "billing:write" as const };
  const subscriptionResponse = { 200: SubscriptionSchema, ...standardErrorResponses };

  app.post(
    "/subscriptions",
    {
      config: write,
      schema: {
        tags,
        summary: "Subscribe a customer to a published plan version",
        body: CreateSubscriptionBody,
        response: { 201: SubscriptionSchema, ...standardErrorResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await createSubscription(withReason(request.context, request.body.reason), request.body)),
  );

  app.get(
    "/subscriptions",
    {
      config: read,
      schema: {
        tags,
        summary: "List subscriptions, newest first; status and plan_id are read at the time of the request",
        querystring: Type.Object(
          { ...SubscriptionListQuery.properties, ...PageQuery },
          { additionalProperties: false },
        ),
        response: { 200: PageOf(SubscriptionSchema), ...standardErrorResponses },
      },
    },
    async (request) => {
      const { limit = 20, cursor, ...filters } = request.query;
      const subscriptions = await listSubscriptions(request.context, filters, {
        limit,
        afterId: decodeCursor(cursor),
      });
      return toPage(subscriptions, limit, (subscription) => subscription);
    },
  );

  app.get(
    "/subscriptions/:id",
    {
      config: read,
      schema: {
        tags,
        summary: "Read a subscription with its timeline, status and current period",
        params: SubscriptionIdParams,
        response: subscriptionResponse,
      },
    },
    async (request) => getSubscription(request.context, request.params.id),
  );

  app.post(
    "/subscriptions/:id/change-plan",
    {
      config: write,
      schema: {
        tags,
        summary: "Move the subscription to another plan or plan version, now, at period end or at a date",
        params: SubscriptionIdParams,
        body: ChangePlanBody,
        response: subscriptionResponse,
      },
    },
    async (request) =>
      changePlan(withReason(request.context, request.body.reason), request.params.id, request.body),
  );

  app.post(
    "/subscriptions/:id/change-plan/preview",
    {
      // Records nothing, so reading is enough.
      config: read,
      schema: {
        tags,
        summary:
          "Preview a plan change (the change-plan body, checked the same way): the next invoice without and " +
          "with it, showing the proration credit and the new plan's prorated fee; nothing is recorded",
        params: SubscriptionIdParams,
        body: ChangePlanBody,
        response: { 200: ChangePlanPreviewSchema, ...standardErrorResponses },
      },
    },
    async (request) => previewPlanChange(request.context, request.params.id, request.body),
  );

  app.post(
    "/subscriptions/:id/cancel",
    {
      config: write,
      schema: {
        tags,
        summary: "Cancel the subscription, at once or at the end of the period",
        params: SubscriptionIdParams,
        body: CancelSubscriptionBody,
        response: subscriptionResponse,
      },
    },
    async (request) =>
      cancelSubscription(withReason(request.context, request.body.reason), request.params.id, request.body),
  );

  app.post(
    "/subscriptions/:id/pause",
    {
      config: write,
      schema: {
        tags,
        summary: "Pause the subscription: invoices falling due while paused are skipped",
        params: SubscriptionIdParams,
        body: PauseSubscriptionBody,
        response: subscriptionResponse,
      },
    },
    async (request) =>
      pauseSubscription(withReason(request.context, request.body.reason), request.params.id, request.body),
  );

  app.post(
    "/subscriptions/:id/resume",
    {
      config: write,
      schema: {
        tags,
        summary: "End the subscription's pause",
        params: SubscriptionIdParams,
        body: ResumeSubscriptionBody,
        response: subscriptionResponse,
      },
    },
    async (request) =>
      resumeSubscription(withReason(request.context, request.body.reason), request.params.id, request.body),
  );

  const migrationTags = ["Plan migrations"];
  app.post(
    "/plans/:id/migrations",
    {
      config: write,
      schema: {
        tags: migrationTags,
        summary:
          "Move the subscribers of one version of the plan to another version (dry_run: preview only); " +
          "subscriptions left out keep their version",
        params: PlanMigrationParams,
        body: CreatePlanMigrationBody,
        response: { 200: PlanMigrationSchema, 201: PlanMigrationSchema, ...standardErrorResponses },
      },
    },
    async (request, reply) => {
      const migration = await createPlanMigration(
        withReason(request.context, request.body.reason),
        request.params.id,
        request.body,
      );
      return reply.code(migration.dry_run ? 200 : 201).send(migration);
    },
  );

  app.get(
    "/plans/:id/migrations",
    {
      config: read,
      schema: {
        tags: migrationTags,
        summary: "List the plan's version migrations, newest first, each with the subscriptions it moved",
        params: PlanMigrationParams,
        querystring: Type.Object(PageQuery, { additionalProperties: false }),
        response: { 200: PageOf(PlanMigrationSchema), ...standardErrorResponses },
      },
    },
    async (request) => {
      const { limit = 20, cursor } = request.query;
      const migrations = await listPlanMigrations(request.context, request.params.id, {
        limit,
        afterId: decodeCursor(cursor),
      });
      return toPage(migrations, limit, (migration) => migration);
    },
  );
}
