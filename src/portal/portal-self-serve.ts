// What a customer changes itself in the portal (issue 19): moving a
// subscription to another plan the seller allows, cancelling it at the end of
// its period when the seller allows that, and buying credits for one of its
// wallets. Each goes through the same use case as the seller's own API
// (POST /v1/subscriptions/{id}/change-plan, …/cancel, /v1/wallets/{id}/top-ups),
// so proration, audit and the top-up's invoice are the same; the portal only
// narrows what may be asked, and only for the portal's own customer.
import { findPlanIdByCode, planVersionsByIds, selectPlans } from "../catalog/index.ts";
import { currencyFor, Decimal, fitsMinorUnit, walletCreditsOf } from "../core/index.ts";
import { getWallet, listWallets, type TopUp, type Wallet } from "../credits/index.ts";
import { approvalRequestFor, pendingApprovalRequests } from "../governance/index.ts";
import { topUpWallet } from "../invoicing/index.ts";
import type { RequestContext } from "../platform/context.ts";
import { FairbillError, type FieldError, notFound, validationFailed } from "../platform/errors.ts";
import { withReason } from "../platform/http/reason.ts";
import {
  cancelSubscription,
  changePlan,
  getSubscription,
  listSubscriptions,
  planChangeApproval,
  planChangeOf,
  type SubscriptionView,
} from "../subscriptions/index.ts";
import type {
  PortalPlanChange,
  PortalPlanChangeInput,
  PortalSubscriptionOptions,
  PortalTopUpInput,
} from "./portal-self-serve-schemas.ts";
import { readPortalSelfServeSettings } from "./portal-self-serve-settings.ts";
import { portalCustomerId } from "./portal-views.ts";

/** The most a customer pays for one top-up in the portal, in the wallet's currency. */
const PORTAL_TOP_UP_LIMIT = new Decimal("100000");

/** The most subscriptions or wallets the portal lists for one customer. */
const PORTAL_LIST_LIMIT = 100;

/** Approval codes of the governance domain: a change the seller's policy sends to a person. */
const approvalCodes = new Set(["approval_required", "approval_pending"]);

/**
 * The customer's subscriptions that have not ended, each with the plans the
 * seller lets it move to now (those with a published version the
 * subscription could go on, checked as a real change would be) and whether
 * it may cancel.
 */
export async function portalPlanOptions(context: RequestContext): Promise<PortalSubscriptionOptions[]> {
  const customerId = portalCustomerId(context);
  const settings = await readPortalSelfServeSettings(context.database, context);
  const subscriptions = await listSubscriptions(
    context,
    { customer_id: customerId },
    { limit: PORTAL_LIST_LIMIT, afterId: undefined },
  );
  const current = subscriptions
    .slice(0, PORTAL_LIST_LIMIT)
    .filter((subscription) => subscription.status !== "ended");
  const [currentVersions, awaiting] = await Promise.all([
    planVersionsByIds(
      context.database,
      context,
      current.map((subscription) => subscription.current_plan.plan_version_id),
    ),
    awaitingApprovalOf(
      context,
      current.map((subscription) => subscription.id),
    ),
  ]);
  const options: PortalSubscriptionOptions[] = [];
  for (const subscription of current) {
    options.push({
      subscription,
      current_plan_name:
        currentVersions.get(subscription.current_plan.plan_version_id)?.planName ??
        subscription.current_plan.plan_code,
      awaiting_approval: awaiting.get(subscription.id) ?? null,
      plan_options: await planOptionsOf(context, subscription, settings.plan_codes),
      can_cancel: settings.cancellation === "at_period_end" && subscription.ends_at === null,
    });
  }
  return options;
}

/** The plan change of each subscription that waits for the seller's approval, the newest asked. */
async function awaitingApprovalOf(
  context: RequestContext,
  subscriptionIds: string[],
): Promise<Map<string, NonNullable<PortalSubscriptionOptions["awaiting_approval"]>>> {
  const requests = await pendingApprovalRequests(context.database, context, "plan_change", subscriptionIds);
  const planIds = [...new Set(requests.map((request) => String(request.request.plan_id)))];
  const plans =
    planIds.length === 0
      ? []
      : await selectPlans(context.database, context).where("id", "in", planIds).execute();
  const names = new Map(plans.map((plan) => [plan.id, plan.name]));
  const awaiting = new Map<string, NonNullable<PortalSubscriptionOptions["awaiting_approval"]>>();
  for (const request of requests) {
    if (request.target_id === null) continue;
    const planId = String(request.request.plan_id);
    awaiting.set(request.target_id, {
      approval_request_id: request.id,
      plan_id: planId,
      plan_name: names.get(planId) ?? planId,
      requested_at: request.created_at,
    });
  }
  return awaiting;
}

async function planOptionsOf(
  context: RequestContext,
  subscription: SubscriptionView,
  planCodes: readonly string[],
): Promise<PortalSubscriptionOptions["plan_options"]> {
  const versionIds: string[] = [];
  for (const code of planCodes) {
    const planId = await findPlanIdByCode(context.database, context, code);
    if (planId === undefined || planId === subscription.current_plan.plan_id) continue;
    try {
      const change = await planChangeOf(context, subscription.id, { plan_id: planId, timing: "immediate" });
      versionIds.push(change.planCode);
    } catch (error) {
      // Not offered: no version in the subscription's currency, or no change possible now.
      if (!(error instanceof FairbillError)) throw error;
    }
  }
  const versions = await planVersionsByIds(context.database, context, versionIds);
  return versionIds.flatMap((id) => {
    const version = versions.get(id);
    return version === undefined
      ? []
      : [
          {
            plan_id: version.planId,
            plan_code: version.planCode,
            plan_name: version.planName,
            version: version.version,
          },
        ];
  });
}

/**
 * Moves one of the customer's subscriptions to a plan the seller allows, as
 * the seller's API would. When the seller's approval policy reviews plan
 * changes (approval_required_for.plan_changes), the change is not made now:
 * the pending approval request is the answer (outcome awaiting_approval), and
 * the change is made when a person at the seller approves it.
 */
export async function changePortalSubscriptionPlan(
  context: RequestContext,
  subscriptionId: string,
  input: PortalPlanChangeInput,
): Promise<PortalPlanChange> {
  const subscription = await ownSubscription(context, subscriptionId);
  const settings = await readPortalSelfServeSettings(context.database, context);
  const planId = settings.plan_codes.includes(input.plan_code)
    ? await findPlanIdByCode(context.database, context, input.plan_code)
    : undefined;
  if (planId === undefined) {
    throw validationFailed([
      { path: "$.plan_code", message: `"${input.plan_code}" is not a plan you may switch to in the portal` },
    ]);
  }
  const change = { plan_id: planId, timing: input.timing ?? "immediate" } as const;
  try {
    const changed = await changePlan(
      withReason(context, "plan changed by the customer in the portal"),
      subscriptionId,
      change,
    );
    return { outcome: "changed", subscription: changed, approval_request: null };
  } catch (error) {
    if (error instanceof FairbillError && approvalCodes.has(error.code)) {
      const request = await approvalRequestFor(context, planChangeApproval(subscriptionId, change));
      if (request !== undefined) {
        return {
          outcome: "awaiting_approval",
          subscription,
          approval_request: { id: request.id, state: request.state },
        };
      }
    }
    throw asPortalError(error);
  }
}

/** Cancels one of the customer's subscriptions at the end of its period, when the seller allows it. */
export async function cancelPortalSubscription(
  context: RequestContext,
  subscriptionId: string,
): Promise<SubscriptionView> {
  await ownSubscription(context, subscriptionId);
  const settings = await readPortalSelfServeSettings(context.database, context);
  if (settings.cancellation !== "at_period_end") {
    throw new FairbillError({
      code: "portal_cancellation_not_allowed",
      status: 403,
      detail: "Subscriptions cannot be cancelled in the portal: ask the seller to cancel it.",
    });
  }
  try {
    return await cancelSubscription(
      withReason(context, "cancelled by the customer in the portal"),
      subscriptionId,
      { mode: "period_end" },
    );
  } catch (error) {
    throw asPortalError(error);
  }
}

export async function portalWallets(context: RequestContext): Promise<Wallet[]> {
  const wallets = await listWallets(context, portalCustomerId(context), {
    limit: PORTAL_LIST_LIMIT,
    afterId: undefined,
  });
  return wallets.slice(0, PORTAL_LIST_LIMIT);
}

/**
 * Buys credits for one of the customer's wallets: the seller's top-up (a
 * finalized one-off invoice for the amount, and purchased credits worth it
 * in the wallet at once), as POST /v1/wallets/{id}/top-ups makes it.
 */
export async function topUpPortalWallet(
  context: RequestContext,
  walletId: string,
  input: PortalTopUpInput,
): Promise<TopUp> {
  const wallet = await getWallet(context, walletId);
  if (wallet.customer_id !== portalCustomerId(context)) throw notFound("wallet", walletId);
  const amount = new Decimal(input.amount);
  const errors = topUpAmountErrors(amount, wallet.currency);
  if (errors.length > 0) throw validationFailed(errors);
  return topUpWallet(context, walletId, {
    amount: walletCreditsOf(amount, new Decimal(wallet.rate)).toFixed(),
    paid_amount: amount.toFixed(),
    reason: "credits bought by the customer in the portal",
  });
}

function topUpAmountErrors(amount: Decimal, currency: string): FieldError[] {
  if (amount.isZero()) return [{ path: "$.amount", message: "must be more than 0" }];
  if (amount.greaterThan(PORTAL_TOP_UP_LIMIT)) {
    return [{ path: "$.amount", message: `must be at most ${PORTAL_TOP_UP_LIMIT.toFixed()} ${currency}` }];
  }
  const { minorDigits } = currencyFor(currency);
  if (!fitsMinorUnit(amount, currencyFor(currency))) {
    return [{ path: "$.amount", message: `has more decimal places than ${currency} has (${minorDigits})` }];
  }
  return [];
}

/** The subscription when it is the portal customer's; another customer's is not found, as a missing one. */
async function ownSubscription(context: RequestContext, subscriptionId: string): Promise<SubscriptionView> {
  const subscription = await getSubscription(context, subscriptionId);
  if (subscription.customer_id !== portalCustomerId(context)) throw notFound("subscription", subscriptionId);
  return subscription;
}

/**
 * The error the customer reads: a change the seller's approval policy sends
 * to a person, and whose request cannot be shown, is refused as such (the
 * portal never makes it around the policy), and the fields of the seller's
 * API are named as the portal's body names them.
 */
function asPortalError(error: unknown): unknown {
  if (!(error instanceof FairbillError)) return error;
  if (approvalCodes.has(error.code)) {
    return new FairbillError({
      code: "portal_change_needs_approval",
      status: 409,
      detail:
        "Your provider reviews this change before it is made: they will confirm it, and it is made when they approve it.",
    });
  }
  return new FairbillError({
    code: error.code,
    status: error.status,
    detail: error.detail,
    errors: error.errors.map((field) =>
      field.path === "$.plan_id" || field.path === "$.plan_version"
        ? { ...field, path: "$.plan_code" }
        : field,
    ),
  });
}
