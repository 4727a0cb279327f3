// HTTP routes of the portal's self-serve changes (issue 19): the seller's
// settings (/v1/portal-self-serve-settings, an API key's), and under
// /v1/portal, with a portal link's token, the plan options of the customer's
// subscriptions, a plan change, a cancellation at period end, its wallets and
// a top-up of one of them.
import { TopUpSchema, WalletSchema } from "../credits/index.ts";
import { defineRoutes } from "../platform/http/routes.ts";
import { ListOf, NonEmptyIdParams } from "../platform/http/schemas.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import { SubscriptionSchema } from "../subscriptions/index.ts";
import { definePortalRoutes } from "./portal-authentication.ts";
import {
  cancelPortalSubscription,
  changePortalSubscriptionPlan,
  portalPlanOptions,
  portalWallets,
  topUpPortalWallet,
} from "./portal-self-serve.ts";
import {
  PortalPlanChangeBody,
  PortalPlanChangeSchema,
  PortalSelfServeSettingsSchema,
  PortalSubscriptionOptionsSchema,
  PortalTopUpBody,
  UpdatePortalSelfServeSettingsBody,
} from "./portal-self-serve-schemas.ts";
import { getPortalSelfServeSettings, updatePortalSelfServeSettings } from "./portal-self-serve-settings.ts";

export function registerPortalSelfServeRoutes(app: FairbillApp): void {
  const settings = defineRoutes(app, {
    tags: ["Customer portal links"],
    read: "billing:read",
    write: "billing:write",
  });
  settings.read(
    "GET /portal-self-serve-settings",
    {
      operationId: "getPortalSelfServeSettings",
      summary: "Which plans customers may switch to in the portal, and whether they may cancel there",
      description:
        "Per environment. Until it is set, customers may neither change nor cancel a subscription in the portal.",
      response: PortalSelfServeSettingsSchema,
    },
    ({ context }) => getPortalSelfServeSettings(context),
  );
  settings.write(
    "PUT /portal-self-serve-settings",
    {
      operationId: "updatePortalSelfServeSettings",
      summary: "Set the plans customers may switch to in the portal, and whether they may cancel there",
      description:
        "Fields left out stay as they are. A plan is offered to a subscription while it has a published version " +
        "in the subscription's currency; a cancellation in the portal always takes effect at the end of the period.",
      body: UpdatePortalSelfServeSettingsBody,
      response: PortalSelfServeSettingsSchema,
    },
    ({ context, body }) => updatePortalSelfServeSettings(context, body),
  );

  const routes = definePortalRoutes(app);

  routes.read(
    "GET /portal/plan-options",
    {
      operationId: "listPortalPlanOptions",
      summary: "The customer's subscriptions, each with the plans it may move to and whether it may cancel",
      description:
        "Subscriptions that have ended are left out. The plans are those the seller allows " +
        "(GET /v1/portal-self-serve-settings) that the subscription could go on now.",
      response: ListOf(PortalSubscriptionOptionsSchema),
    },
    async ({ context }) => ({ data: await portalPlanOptions(context) }),
  );

  routes.write(
    "POST /portal/subscriptions/:id/change-plan",
    {
      operationId: "changePortalSubscriptionPlan",
      summary: "Move one of the customer's subscriptions to a plan the seller allows, now or at period end",
      description:
        "The same change as POST /v1/subscriptions/{id}/change-plan: the rest of a period is prorated the " +
        "same way (200, outcome changed). When the seller's approval policy reviews plan changes " +
        "(approval_required_for.plan_changes), the change waits: 202, outcome awaiting_approval, with the " +
        "pending approval request; it is made when a person at the seller approves it. A plan the seller does " +
        "not allow is a 400 naming $.plan_code; another customer's subscription is not found.",
      params: NonEmptyIdParams,
      body: PortalPlanChangeBody,
      response: PortalPlanChangeSchema,
      status: [200, 202],
      statusOf: (answer) => (answer.outcome === "awaiting_approval" ? 202 : 200),
    },
    ({ context, params, body }) => changePortalSubscriptionPlan(context, params.id, body),
  );

  routes.write(
    "POST /portal/subscriptions/:id/cancel",
    {
      operationId: "cancelPortalSubscription",
      summary: "Cancel one of the customer's subscriptions at the end of its current period",
      description:
        "Only when the seller lets customers cancel (403 portal_cancellation_not_allowed otherwise); the " +
        "subscription runs and bills to the end of the period. Another customer's subscription is not found.",
      params: NonEmptyIdParams,
      response: SubscriptionSchema,
    },
    ({ context, params }) => cancelPortalSubscription(context, params.id),
  );

  routes.read(
    "GET /portal/wallets",
    {
      operationId: "listPortalWallets",
      summary: "The customer's prepaid wallets with their balances, newest first",
      response: ListOf(WalletSchema),
    },
    async ({ context }) => ({ data: await portalWallets(context) }),
  );

  routes.write(
    "POST /portal/wallets/:id/top-up",
    {
      operationId: "topUpPortalWallet",
      summary: "Buy credits for one of the customer's wallets: an invoice for the amount, and the credits",
      description:
        "The same top-up as POST /v1/wallets/{id}/top-ups: a finalized one-off invoice for the amount (to pay " +
        "like any other) and purchased credits worth it in the wallet at once. The amount is money in the " +
        "wallet's currency, to its minor unit, at most 100000. Another customer's wallet is not found.",
      params: NonEmptyIdParams,
      body: PortalTopUpBody,
      response: TopUpSchema,
      status: 201,
    },
    ({ context, params, body }) => topUpPortalWallet(context, params.id, body),
  );
}
