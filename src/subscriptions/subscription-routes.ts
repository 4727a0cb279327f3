// HTTP routes for subscriptions (/v1/subscriptions).
import { withReason } from "../platform/http/reason.ts";
import { defineRoutes } from "../platform/http/routes.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import { cancelSubscription, changePlan } from "./subscription-changes.ts";
import { pauseSubscription, resumeSubscription } from "./subscription-pauses.ts";
import { changeQuantity } from "./subscription-quantities.ts";
import {
  CancelSubscriptionBody,
  ChangePlanBody,
  ChangeQuantityBody,
  CreateSubscriptionBody,
  PauseSubscriptionBody,
  ResumeSubscriptionBody,
  SubscriptionListQuery,
  SubscriptionSchema,
  subscriptionSortFields,
} from "./subscription-schemas.ts";
import { createSubscription, getSubscription, listSubscriptions } from "./subscriptions.ts";

export function registerSubscriptionRoutes(app: FairbillApp): void {
  const routes = defineRoutes(app, { tags: ["Subscriptions"], read: "billing:read", write: "billing:write" });

  routes.write(
    "POST /subscriptions",
    {
      operationId: "createSubscription",
      summary: "Subscribe a customer to a published plan version",
      body: CreateSubscriptionBody,
      response: SubscriptionSchema,
      status: 201,
    },
    ({ context, body }) => createSubscription(withReason(context, body.reason), body),
  );

  routes.list(
    "GET /subscriptions",
    {
      operationId: "listSubscriptions",
      summary:
        "List subscriptions, newest first or sorted by start, next bill or end; status and plan_id are read at the time of the request",
      filters: SubscriptionListQuery,
      sorts: subscriptionSortFields,
      item: SubscriptionSchema,
    },
    ({ context }, filters, page) => listSubscriptions(context, filters, page),
  );

  routes.readById(
    "GET /subscriptions/:id",
    {
      operationId: "getSubscription",
      summary: "Read a subscription with its timeline, status and current period",
      response: SubscriptionSchema,
    },
    getSubscription,
  );

  routes.writeById(
    "POST /subscriptions/:id/change-plan",
    {
      operationId: "changeSubscriptionPlan",
      summary: "Move the subscription to another plan or plan version, now, at period end or at a date",
      body: ChangePlanBody,
      response: SubscriptionSchema,
    },
    (context, id, body) => changePlan(withReason(context, body.reason), id, body),
  );

  routes.writeById(
    "POST /subscriptions/:id/quantity-changes",
    {
      operationId: "changeSubscriptionQuantity",
      summary:
        "Change a fixed charge's quantity (seats) now or at a date; inside a period an in-advance charge bills the prorated difference",
      body: ChangeQuantityBody,
      response: SubscriptionSchema,
    },
    (context, id, body) => changeQuantity(withReason(context, body.reason), id, body),
  );

  routes.writeById(
    "POST /subscriptions/:id/cancel",
    {
      operationId: "cancelSubscription",
      summary: "Cancel the subscription, at once or at the end of the period",
      body: CancelSubscriptionBody,
      response: SubscriptionSchema,
    },
    (context, id, body) => cancelSubscription(withReason(context, body.reason), id, body),
  );

  routes.writeById(
    "POST /subscriptions/:id/pause",
    {
      operationId: "pauseSubscription",
      summary: "Pause the subscription: invoices falling due while paused are skipped",
      body: PauseSubscriptionBody,
      response: SubscriptionSchema,
    },
    (context, id, body) => pauseSubscription(withReason(context, body.reason), id, body),
  );

  routes.writeById(
    "POST /subscriptions/:id/resume",
    {
      operationId: "resumeSubscription",
      summary: "End the subscription's pause",
      body: ResumeSubscriptionBody,
      response: SubscriptionSchema,
    },
    (context, id, body) => resumeSubscription(withReason(context, body.reason), id, body),
  );
}
