// Quantities of fixed charges (seats, licences; docs/scenario-format-v2.md
// section 2): which quantities a plan version's charges may hold, and the
// change of one charge's quantity from an instant on, appended to the
// subscription's timeline. The engine bills it: an in-advance charge's
// difference prorated to the period's end (a decrease credited only when the
// charge allows it), an in-arrears charge's stretches at the period's end.
import { describeActor } from "../audit/index.ts";
import { type PlanVersionRecord, planVersionsByIds } from "../catalog/index.ts";
import type { QuantityChange } from "../core/index.ts";
import type { RequestContext } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { insertTenantRow } from "../platform/database/tenant-rows.ts";
import { conflict, type FieldError, validationFailed } from "../platform/errors.ts";
import type { ChangeQuantityInput, SubscriptionView } from "./subscription-schemas.ts";
import {
  findSubscription,
  type LoadedSubscription,
  loadSubscription,
  withLockedTimeline,
} from "./subscription-store.ts";
import { planVersionAt } from "./subscription-timeline.ts";
import { subscriptionUpdated } from "./subscription-webhook-events.ts";
import { billAgainAndRecord, ensureNotBilled, ensureNotCanceled, nowOrStart } from "./timeline-writes.ts";

type Problem = { on: "charge" | "quantity"; message: string };

/**
 * Why charge `chargeId` of `version` cannot hold `quantity`: it is not a fixed
 * charge of the version, its quantity follows a meter, or the quantity is
 * outside its bounds. Undefined when it can.
 */
function quantityProblem(
  version: PlanVersionRecord,
  chargeId: string,
  quantity: number,
): Problem | undefined {
  const of = `version ${version.version} of plan ${version.planCode}`;
  const charge = version.content.charges.find((candidate) => candidate.id === chargeId);
  if (charge === undefined) return { on: "charge", message: `${of} has no charge "${chargeId}"` };
  if (charge.type !== "fixed") {
    return {
      on: "charge",
      message: `charge "${chargeId}" of ${of} is a usage charge: only fixed charges hold a quantity`,
    };
  }
  if (charge.quantity_meter !== undefined) {
    return {
      on: "charge",
      message: `the quantity of charge "${chargeId}" of ${of} follows meter "${charge.quantity_meter}" and cannot be set`,
    };
  }
  if (charge.min_quantity !== undefined && quantity < charge.min_quantity) {
    return {
      on: "quantity",
      message: `must be at least ${charge.min_quantity} (the min_quantity of charge "${chargeId}" of ${of}), not ${quantity}`,
    };
  }
  if (charge.max_quantity !== undefined && quantity > charge.max_quantity) {
    return {
      on: "quantity",
      message: `must be at most ${charge.max_quantity} (the max_quantity of charge "${chargeId}" of ${of}), not ${quantity}`,
    };
  }
  return undefined;
}

/** Refuses quantities at a subscription's start that the version's charges cannot hold, each at its path. */
export function ensureQuantitiesFit(
  version: PlanVersionRecord,
  quantities: Readonly<Record<string, number>>,
): void {
  const errors: FieldError[] = [];
  for (const [chargeId, quantity] of Object.entries(quantities)) {
    const problem = quantityProblem(version, chargeId, quantity);
    if (problem !== undefined) {
      errors.push({ path: `$.quantities[${JSON.stringify(chargeId)}]`, message: problem.message });
    }
  }
  if (errors.length > 0) throw validationFailed(errors);
}

/**
 * The change `changeQuantity` records, after its checks: the subscription is
 * not canceled; the instant is not before its start, nor before its last
 * quantity change, nor on or before what was invoiced; the plan version in
 * force then has the fixed charge and it can hold the quantity.
 */
async function checkedQuantityChange(
  database: Database,
  context: RequestContext,
  loaded: LoadedSubscription,
  input: ChangeQuantityInput,
): Promise<QuantityChange> {
  ensureNotCanceled(loaded);
  const at = input.at === undefined ? nowOrStart(loaded, context.clock.now()) : new Date(input.at);
  const atPath = input.at === undefined ? "$" : "$.at";
  if (at < loaded.row.started_at) {
    throw validationFailed([
      {
        path: atPath,
        message: `is before the subscription starts, at ${loaded.row.started_at.toISOString()}`,
      },
    ]);
  }
  const last = loaded.quantityChanges.at(-1);
  if (last !== undefined && at < last.at) {
    throw conflict(
      "change_before_last_change",
      `Subscription ${loaded.row.id} already has a quantity change at ${last.at.toISOString()}; ` +
        "a new one cannot take effect before it.",
      [{ path: atPath, message: `must not be before ${last.at.toISOString()}` }],
    );
  }
  ensureNotBilled(loaded.row, at, atPath, true);
  const versionId = planVersionAt(loaded.timeline, at.getTime());
  const version = (await planVersionsByIds(database, context, [versionId])).get(versionId);
  if (version === undefined) throw new Error(`Plan version ${versionId} named by a subscription is missing.`);
  const problem = quantityProblem(version, input.charge_id, input.quantity);
  if (problem !== undefined) {
    throw validationFailed([
      { path: problem.on === "charge" ? "$.charge_id" : "$.quantity", message: problem.message },
    ]);
  }
  return { at: at.getTime(), chargeId: input.charge_id, quantity: input.quantity };
}

/** Changes a fixed charge's quantity from `at` (now when left out) on. */
export async function changeQuantity(
  context: RequestContext,
  subscriptionId: string,
  input: ChangeQuantityInput,
): Promise<SubscriptionView> {
  return withLockedTimeline(context, subscriptionId, async (transaction, { row, loaded }) => {
    const change = await checkedQuantityChange(transaction, context, loaded, input);
    const now = context.clock.now();
    const at = new Date(change.at);
    await insertTenantRow(
      transaction,
      context,
      "subscription_quantity_changes",
      "subscriptionQuantityChange",
      now,
      {
        subscription_id: row.id,
        sequence: loaded.quantityChanges.length + 1,
        charge_id: change.chargeId,
        quantity: change.quantity,
        at,
        created_by: describeActor(context.actor).id,
        created_at: now,
      },
    );
    return billAgainAndRecord(
      transaction,
      context,
      loaded,
      { from: at, now },
      { action: "subscription.quantity_changed", event: subscriptionUpdated },
    );
  });
}

/**
 * The change `changeQuantity` would record, recording nothing: the same checks
 * (so the same errors on the same fields). Invoicing previews its invoice.
 */
export async function quantityChangeOf(
  context: RequestContext,
  subscriptionId: string,
  input: ChangeQuantityInput,
): Promise<QuantityChange> {
  const row = await findSubscription(context.database, context, subscriptionId);
  const loaded = await loadSubscription(context.database, context, row);
  return checkedQuantityChange(context.database, context, loaded, input);
}
