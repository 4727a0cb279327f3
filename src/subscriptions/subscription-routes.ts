// HTTP routes for subscriptions (/v1/subscriptions).
import { Type } from "typebox";
import { decodeCursor, PageOf, PageQuery, toPage } from "../platform/http/pagination.ts";
import { withReason } from "../platform/http/reason.ts";
import { standardErrorResponses } from "../platform/http/schemas.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import { cancelSubscription, changePlan } from "./subscription-changes.ts";
import { pauseSubscription, resumeSubscription } from "./subscription-pauses.ts";
import {
  CancelSubscriptionBody,
  ChangePlanBody,
  CreateSubscriptionBody,
  PauseSubscriptionBody,
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
}
