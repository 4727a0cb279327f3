import {
  type CohortGuardrails,
  cohortGuardrailBreaches,
  Decimal,
  type GuardrailBreach,
  type PaymentRecord,
} from "../core/index.ts";
import {
  heldDraftsOfSource,
  queueCustomerBilling,
  releaseHoldsOfSource,
  releaseWaitingHolds,
  type WaitingHold,
} from "../invoicing/index.ts";
import { queueEmail } from "../notifications/index.ts";
import { loadPaymentFacts } from "../payments/index.ts";
import { revertPlanMigration } from "../plan-migrations/index.ts";
import type { RequestContext } from "../platform/context.ts";
import type { DatabaseTransaction } from "../platform/database/schema.ts";
import { loadTimelines, pauseAt, planMigrationMoves, selectSubscriptions } from "../subscriptions/index.ts";
import { eachRunningAfterBillRun } from "./after-bill-runs.ts";
import { rolloutRolledBack, rolloutStageCleared, rolloutStageSkipped } from "./experiment-webhook-events.ts";
import {
  announceRolloutChange,
  loadRollout,
  type RolloutRow,
  type RolloutStageRow,
  rolloutRow,
  rolloutVersions,
  stageRows,
  startDueStages,
} from "./rollouts.ts";
import type { StoredBreach, StoredGuardrails } from "./tables.ts";

/** After every bill run: each running rollout checks its watching stage, then starts the stages now due. */
export const checkRolloutsAfterBillRun = eachRunningAfterBillRun(
  "rollouts",
  "experiments.check_rollouts",
  (context, id) => checkRollout(context.database, context, id),
);

/** Checks the rollout's watching stage (when all its drafts are in) and starts the stages now due. */
export async function checkRollout(
  transaction: DatabaseTransaction,
  context: RequestContext,
  rolloutId: string,
): Promise<void> {
  const rollout = await rolloutRow(transaction, context, rolloutId, true);
  if (rollout.status !== "running") return;
  for (const stage of await stageRows(transaction, context, rolloutId)) {
    if (stage.status !== "watching") continue;
    let held = await heldDraftsOfSource(transaction, context, stage.id, rollout.history_invoices);
    const abandoned = await holdsWithoutDraft(transaction, context, stage, held.waitingHolds);
    if (abandoned.length > 0) {
      await releaseWaitingHolds(
        transaction,
        {
          ...context,
          reason: `rollout ${rollout.id}, stage ${stage.position}: no draft will come on the new version (the subscription ended, paused or was invoiced past it)`,
        },
        abandoned,
      );
      held = await heldDraftsOfSource(transaction, context, stage.id, rollout.history_invoices);
    }
    // Some customer's first draft on the new version is not written yet.
    if (held.waiting > 0) return;
    if (held.drafts.length === 0) {
      // Every customer of the stage left before billing a period on the new version: nothing to judge.
      await endStage(transaction, context, rollout, stage, "skipped");
      continue;
    }
    const breaches = cohortGuardrailBreaches({
      guardrails: guardrailsOf(rollout.guardrails),
      drafts: held.drafts,
      ...(await paymentRecords(transaction, context, rollout, stage)),
    });
    if (breaches.length > 0) {
      await rollBack(transaction, context, rollout, stage, breaches.map(describeBreach), held.drafts.length);
      return;
    }
    await endStage(transaction, context, rollout, stage, "clean");
  }
  await startDueStages(transaction, context, rolloutId);
}

/**
 * The holds of a stage that wait for a draft that will not come: the
 * customer's subscription ended before the hold's instant, is paused from
 * then on without an end, or was invoiced through it already.
 */
async function holdsWithoutDraft(
  transaction: DatabaseTransaction,
  context: RequestContext,
  stage: RolloutStageRow,
  waiting: readonly WaitingHold[],
): Promise<string[]> {
  if (waiting.length === 0) return [];
  const rows = await selectSubscriptions(transaction, context)
    .where("subscriptions.id", "in", stage.subscription_ids)
    .execute();
  const subscriptions = await loadTimelines(transaction, context, rows);
  const byCustomer = new Map(
    subscriptions.map((subscription) => [subscription.row.customer_id, subscription]),
  );
  return waiting.flatMap((hold) => {
    const subscription = byCustomer.get(hold.customerId);
    const from = hold.issuedFrom;
    if (subscription === undefined || from === null) return [hold.holdId];
    const { ends_at: endsAt, billed_through: billedThrough } = subscription.row;
    const ended = endsAt !== null && endsAt < from;
    const invoicedPast = billedThrough !== null && billedThrough >= from;
    const paused = pauseAt(subscription.pauses, from.getTime());
    return ended || invoicedPast || (paused !== undefined && paused.until === null) ? [hold.holdId] : [];
  });
}

/**
 * Ends a stage without a rollback, audited and announced: skipped when every
 * customer left before a draft on the new version, clean when its guardrails
 * passed (its held drafts are released).
 */
async function endStage(
  transaction: DatabaseTransaction,
  context: RequestContext,
  rollout: RolloutRow,
  stage: RolloutStageRow,
  status: "skipped" | "clean",
): Promise<void> {
  const before = await loadRollout(transaction, context, rollout.id);
  await transaction
    .updateTable("rollout_stages")
    .set({ status, evaluated_at: context.clock.now() })
    .where("id", "=", stage.id)
    .execute();
  if (status === "clean") {
    await releaseHoldsOfSource(
      transaction,
      { ...context, reason: `rollout ${rollout.id}: guardrails passed` },
      stage.id,
    );
  }
  const event = status === "clean" ? rolloutStageCleared : rolloutStageSkipped;
  await announceRolloutChange(transaction, context, rollout.id, event, before);
}

function guardrailsOf(stored: StoredGuardrails): CohortGuardrails {
  return {
    customerChangePercent:
      stored.customer_change_percent === null ? null : new Decimal(stored.customer_change_percent),
    zeroOrNegative: stored.zero_or_negative,
    movedShare:
      stored.moved_share === null
        ? null
        : {
            changePercent: new Decimal(stored.moved_share.change_percent),
            maximumSharePercent: new Decimal(stored.moved_share.maximum_share_percent),
          },
    paymentProblemsOverControlPoints:
      stored.payment_problems_over_control_points === null
        ? null
        : new Decimal(stored.payment_problems_over_control_points),
  };
}

/** The payments of the stage's cohort and of the control (the subscribers still on the earlier version) since the stage started. */
async function paymentRecords(
  transaction: DatabaseTransaction,
  context: RequestContext,
  rollout: RolloutRow,
  stage: RolloutStageRow,
): Promise<{ cohortPayments: PaymentRecord; controlPayments: PaymentRecord }> {
  const versions = await rolloutVersions(transaction, context, rollout);
  const control = await planMigrationMoves(transaction, context, {
    ...versions,
    timing: "next_period",
    at: undefined,
    subscriptionIds: undefined,
    now: context.clock.now(),
  });
  const facts = await loadPaymentFacts(transaction, context);
  const since = stage.started_at?.getTime() ?? 0;
  const recordOf = (customerIds: ReadonlySet<string>): PaymentRecord => {
    const payments = facts.payments.filter(
      (payment) => customerIds.has(payment.customerId) && payment.at >= since && payment.status !== "pending",
    );
    return {
      customers: customerIds.size,
      attempts: payments.length,
      failed: payments.filter((payment) => payment.status === "failed").length,
      disputes: facts.chargebacks.filter(
        (chargeback) => customerIds.has(chargeback.customerId) && chargeback.openedAt >= since,
      ).length,
    };
  };
  return {
    cohortPayments: recordOf(new Set(stage.customer_ids)),
    controlPayments: recordOf(new Set(control.map((move) => move.customerId))),
  };
}

function describeBreach(breach: GuardrailBreach): StoredBreach {
  const percent = (value: Decimal) => `${value.toDecimalPlaces(2).toFixed()}%`;
  switch (breach.rule) {
    case "customer_change":
      return {
        rule: breach.rule,
        customer_id: breach.customerId,
        message:
          `customer ${breach.customerId}: the draft moved ${percent(breach.changePercent)} against the mean of ` +
          `the previous invoices (${breach.baseline.toDecimalPlaces(2).toFixed()}), beyond ${percent(breach.boundPercent)}`,
      };
    case "zero_or_negative":
      return {
        rule: breach.rule,
        customer_id: breach.customerId,
        message: `customer ${breach.customerId}: the previous invoice was ${breach.previousTotal.toFixed()}, this one is ${breach.total.toFixed()}`,
      };
    case "moved_share":
      return {
        rule: breach.rule,
        customer_id: null,
        message:
          `${percent(breach.sharePercent)} of the cohort moved more than ${percent(breach.changePercent)}, ` +
          `above the ${percent(breach.maximumSharePercent)} allowed`,
      };
    case "failed_payments":
    case "disputes":
      return {
        rule: breach.rule,
        customer_id: null,
        message:
          `${breach.rule === "disputes" ? "disputes" : "failed payments"} in the cohort at ` +
          `${percent(breach.cohortRatePercent)} against the control's ${percent(breach.controlRatePercent)}, ` +
          `more than ${breach.allowedPoints.toFixed()} points above`,
      };
  }
}

async function rollBack(
  transaction: DatabaseTransaction,
  context: RequestContext,
  rollout: RolloutRow,
  stage: RolloutStageRow,
  breaches: StoredBreach[],
  heldDrafts: number,
): Promise<void> {
  const before = await loadRollout(transaction, context, rollout.id);
  const reason = `rollout ${rollout.id} broke its guardrails at stage ${stage.position}: ${breaches
    .map((breach) => breach.message)
    .join("; ")}`;
  const reverting = { ...context, reason: reason.slice(0, 1000) };
  const reverted =
    stage.migration_id === null
      ? null
      : await revertPlanMigration(transaction, reverting, stage.migration_id, stage.subscription_ids);
  const now = context.clock.now();
  await transaction
    .updateTable("rollout_stages")
    .set({
      status: "breached",
      evaluated_at: now,
      breaches: JSON.stringify(breaches),
      rollback_migration_id: reverted?.migration.id ?? null,
    })
    .where("id", "=", stage.id)
    .execute();
  await transaction
    .updateTable("rollouts")
    .set({ status: "rolled_back", breaches: JSON.stringify(breaches), updated_at: now })
    .where("id", "=", rollout.id)
    .execute();
  // The drafts stay held; billing the customers again recomputes them on the earlier version.
  await queueCustomerBilling(transaction, context, stage.customer_ids);
  await announceRolloutChange(transaction, reverting, rollout.id, rolloutRolledBack, before);
  if (rollout.notify_email !== null) {
    const versions = await rolloutVersions(transaction, context, rollout);
    await queueEmail(transaction, context, {
      template: "rollout_rolled_back",
      to: rollout.notify_email,
      data: {
        rollout: {
          id: rollout.id,
          plan: versions.to.planCode,
          from_version: versions.from.version,
          to_version: versions.to.version,
          stage: stage.position,
          customers: stage.customer_ids.length,
          held_drafts: heldDrafts,
        },
        reasons: breaches.map((breach) => breach.message),
      },
    });
  }
}
