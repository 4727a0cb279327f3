// Plan changes and cancellations: each is one entry appended to the
// subscription's timeline, at now, at the end of the current period or at a
// given instant, which the engine then bills (proration, credits, true-ups).

import { type PlanVersionRecord, planVersionsByIds, selectPlans } from "../catalog/index.ts";
import type { SubscriptionChange } from "../core/index.ts";
import { getCustomer } from "../customers/index.ts";
import { type GuardedChange, withApproval } from "../governance/index.ts";
import type { RequestContext } from "../platform/context.ts";
import type { Database, DatabaseTransaction } from "../platform/database/schema.ts";
import { conflict, validationFailed } from "../platform/errors.ts";
import { ensureBillableIn } from "./engine-catalog.ts";
import { choosePlanVersion } from "./plan-choice.ts";
import type { CancelSubscriptionInput, ChangePlanInput, SubscriptionView } from "./subscription-schemas.ts";
import {
  findSubscription,
  type LoadedSubscription,
  loadSubscription,
  withLockedTimeline,
} from "./subscription-store.ts";
import { planVersionAt } from "./subscription-timeline.ts";
import { getSubscription } from "./subscriptions.ts";
import {
  appendChange,
  ensureChangeFits,
  ensureNotCanceled,
  nowOrStart,
  periodEndOf,
} from "./timeline-writes.ts";

/**
 * Moves the subscription to another plan or version. When the approval
 * policy's approval_required_for.plan_changes is on, a checked change is
 * refused (409 approval_required) with a pending approval request, and it is
 * made when another person approves it (plan-change-approvals.ts).
 */
export async function changePlan(
  context: RequestContext,
  subscriptionId: string,
  input: ChangePlanInput,
): Promise<SubscriptionView> {
  ensureAtMatchesTiming(input);
  const now = context.clock.now();
  const change = {
    ...planChangeApproval(subscriptionId, input),
    summary: await planChangeSummary(context, subscriptionId, input),
  };
  return withApproval(context, change, (spendApproval) =>
    withLockedTimeline(context, subscriptionId, async (transaction, { loaded }) => {
      const view = await appendPlanChange(transaction, context, loaded, input, now);
      await spendApproval(transaction, subscriptionId);
      return view;
    }),
  );
}

/** The change as the approval policy sees it; the same change asked twice is one request. */
export function planChangeApproval(subscriptionId: string, input: ChangePlanInput): GuardedChange {
  // The reason is the author's, not the change's: the same change with another reason is the same request.
  const { reason: _reason, ...request } = input;
  const when = planChangeTiming(input);
  const version = input.plan_version === undefined ? "" : ` version ${input.plan_version}`;
  return {
    subject: { kind: "plan_change" },
    summary: `Move subscription ${subscriptionId} to plan ${input.plan_id}${version}, ${when}`,
    targetId: subscriptionId,
    request: { ...request },
    madeOnApproval: true,
  };
}

/** When a plan change takes effect, as a summary says it: "now", "at the period's end", "at 2025-03-01T00:00:00Z". */
function planChangeTiming(input: ChangePlanInput): string {
  if (input.timing === "immediate") return "now";
  if (input.timing === "period_end") return "at the period's end";
  return `at ${input.at}`;
}

/** The change as the approver reads it, by names: "Move Acme's subscription sub_… from Basic to Pro, now". */
async function planChangeSummary(
  context: RequestContext,
  subscriptionId: string,
  input: ChangePlanInput,
): Promise<string> {
  const subscription = await getSubscription(context, subscriptionId);
  const [customer, plans, versions] = await Promise.all([
    getCustomer(context, subscription.customer_id),
    selectPlans(context.database, context).where("id", "=", input.plan_id).select(["name"]).execute(),
    planVersionsByIds(context.database, context, [subscription.current_plan.plan_version_id]),
  ]);
  const currentName = versions.get(subscription.current_plan.plan_version_id)?.planName;
  const from = currentName === undefined ? "" : ` from ${currentName}`;
  const to = plans[0]?.name ?? input.plan_id;
  const version = input.plan_version === undefined ? "" : ` (version ${input.plan_version})`;
  const when = planChangeTiming(input);
  return `Move ${customer.name ?? customer.id}'s subscription ${subscriptionId}${from} to ${to}${version}, ${when}`;
}

/** Checks the change and appends it to the locked timeline, in `transaction`. */
export async function appendPlanChange(
  transaction: DatabaseTransaction,
  context: RequestContext,
  loaded: LoadedSubscription,
  input: ChangePlanInput,
  now: Date,
): Promise<SubscriptionView> {
  ensureAtMatchesTiming(input);
  const { version, at } = await checkedPlanChange(transaction, context, loaded, input, now);
  return appendChange(transaction, context, loaded, {
    kind: "change_plan",
    version,
    at,
    timing: input.timing,
  });
}

/**
 * The change `changePlan` would record, recording nothing: the same checks (so
 * the same errors on the same fields). Invoicing previews its invoice. Nothing
 * is locked, so a change recorded meanwhile can still make the real request fail.
 */
export async function planChangeOf(
  context: RequestContext,
  subscriptionId: string,
  input: ChangePlanInput,
): Promise<SubscriptionChange & { type: "change_plan" }> {
  ensureAtMatchesTiming(input);
  const now = context.clock.now();
  const row = await findSubscription(context.database, context, subscriptionId);
  const loaded = await loadSubscription(context.database, context, row);
  const { version, at } = await checkedPlanChange(context.database, context, loaded, input, now);
  return { type: "change_plan", at: at.getTime(), planCode: version.id };
}

function ensureAtMatchesTiming(input: ChangePlanInput): void {
  if (input.timing === "at" && input.at === undefined) {
    throw validationFailed([{ path: "$.at", message: "is required when timing is at" }]);
  }
  if (input.timing !== "at" && input.at !== undefined) {
    throw validationFailed([{ path: "$.at", message: `must be left out when timing is ${input.timing}` }]);
  }
}

/**
 * The version the subscription moves to and when, after every check a plan
 * change passes: not canceled, in timeline order and after what was billed, a
 * published version other than the one in force then, priced in the
 * subscription's currency.
 */
async function checkedPlanChange(
  database: Database,
  context: RequestContext,
  loaded: LoadedSubscription,
  input: ChangePlanInput,
  now: Date,
): Promise<{ version: PlanVersionRecord; at: Date }> {
  const { row } = loaded;
  ensureNotCanceled(loaded);
  const at =
    input.timing === "immediate"
      ? nowOrStart(loaded, now)
      : input.timing === "period_end"
        ? await periodEndOf(database, context, loaded, now)
        : new Date(input.at as string);
  ensureChangeFits(loaded, at, input.timing === "at" ? "$.at" : "$.timing");
  const versionPath = input.plan_version === undefined ? "$.plan_id" : "$.plan_version";
  const version = await choosePlanVersion(database, context, {
    planId: input.plan_id,
    version: input.plan_version,
    at,
    paths: { plan: "$.plan_id", version: "$.plan_version" },
  });
  if (version.id === planVersionAt(loaded.timeline, at.getTime())) {
    throw conflict(
      "subscription_already_on_version",
      `Subscription ${row.id} is already on version ${version.version} of plan ${version.planCode} ` +
        `at ${at.toISOString()}.`,
      [{ path: versionPath, message: "is the version the subscription is on then" }],
    );
  }
  await ensureBillableIn(database, context, version, row.currency, versionPath);
  return { version, at };
}

export async function cancelSubscription(
  context: RequestContext,
  subscriptionId: string,
  input: CancelSubscriptionInput,
): Promise<SubscriptionView> {
  const now = context.clock.now();
  return withLockedTimeline(context, subscriptionId, async (transaction, { row, loaded }) => {
    const last = loaded.timeline.changes.at(-1);
    if (last?.type === "cancel") {
      throw conflict(
        "subscription_already_canceled",
        `Subscription ${row.id} already has a cancellation at ${new Date(last.at).toISOString()}.`,
      );
    }
    const at = input.at === undefined ? nowOrStart(loaded, now) : new Date(input.at);
    ensureChangeFits(loaded, at, "$.at");
    return appendChange(transaction, context, loaded, {
      kind: "cancel",
      mode: input.mode,
      at,
      timing: input.at === undefined ? "now" : "at",
    });
  });
}
