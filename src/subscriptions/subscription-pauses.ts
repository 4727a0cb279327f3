// Pausing and resuming: a pause holds the invoices that fall due while it
// lasts (invoicing skips them), from `from` until `until` or a resume. Pauses
// of one subscription never overlap, and none reaches back into what was
// already billed.
import { describeActor } from "../audit/index.ts";
import type { RequestContext } from "../platform/context.ts";
import { insertTenantRow } from "../platform/database/tenant-rows.ts";
import { inTenant } from "../platform/database/tenant-scope.ts";
import { conflict, validationFailed } from "../platform/errors.ts";
import type {
  PauseSubscriptionInput,
  ResumeSubscriptionInput,
  SubscriptionView,
} from "./subscription-schemas.ts";
import { withLockedTimeline } from "./subscription-store.ts";
import { pauseAt } from "./subscription-timeline.ts";
import { subscriptionPaused, subscriptionResumed } from "./subscription-webhook-events.ts";
import { billAgainAndRecord, ensureNotBilled, nowOrStart } from "./timeline-writes.ts";

export async function pauseSubscription(
  context: RequestContext,
  subscriptionId: string,
  input: PauseSubscriptionInput,
): Promise<SubscriptionView> {
  const now = context.clock.now();
  return withLockedTimeline(context, subscriptionId, async (transaction, { row, loaded }) => {
    const from = input.at === undefined ? nowOrStart(loaded, now) : new Date(input.at);
    const until = input.until === undefined ? null : new Date(input.until);
    if (from < row.started_at) {
      throw validationFailed([
        { path: "$.at", message: `is before the subscription starts, at ${row.started_at.toISOString()}` },
      ]);
    }
    if (until !== null && until <= from) {
      throw validationFailed([{ path: "$.until", message: "must be after the pause starts" }]);
    }
    const endsAt = row.ends_at;
    if (endsAt !== null && from >= endsAt) {
      throw conflict(
        "subscription_ended",
        `Subscription ${row.id} ends at ${endsAt.toISOString()}: there is nothing to pause then.`,
        [{ path: "$.at", message: `must be before ${endsAt.toISOString()}` }],
      );
    }
    ensureNotBilled(row, from, "$.at", false);
    const overlapping = loaded.pauses.find(
      (pause) =>
        (until === null || pause.from < until.getTime()) &&
        (pause.until === null || from.getTime() < pause.until),
    );
    if (overlapping !== undefined) {
      const through =
        overlapping.until === null ? "until resumed" : `until ${new Date(overlapping.until).toISOString()}`;
      throw conflict(
        "subscription_already_paused",
        `Subscription ${row.id} is paused from ${new Date(overlapping.from).toISOString()} ${through}; ` +
          "pauses cannot overlap.",
        [{ path: "$.at", message: "falls in or reaches into another pause" }],
      );
    }
    await insertTenantRow(transaction, context, "subscription_pauses", "subscriptionPause", now, {
      subscription_id: row.id,
      paused_from: from,
      paused_until: until,
      paused_by: describeActor(context.actor).id,
      resumed_by: null,
      created_at: now,
      updated_at: now,
    });
    return billAgainAndRecord(
      transaction,
      context,
      loaded,
      { from, now },
      { action: "subscription.paused", event: subscriptionPaused },
    );
  });
}

/** Ends the pause in force at `at` (now when left out) there; invoices due from then on are billed again. */
export async function resumeSubscription(
  context: RequestContext,
  subscriptionId: string,
  input: ResumeSubscriptionInput,
): Promise<SubscriptionView> {
  const now = context.clock.now();
  return withLockedTimeline(context, subscriptionId, async (transaction, { row, loaded }) => {
    const at = input.at === undefined ? now : new Date(input.at);
    const pause = pauseAt(loaded.pauses, at.getTime());
    const pauseRow =
      pause && loaded.pauseRows.find((candidate) => candidate.paused_from.getTime() === pause.from);
    if (pauseRow === undefined) {
      throw conflict(
        "subscription_not_paused",
        `Subscription ${row.id} is not paused at ${at.toISOString()}.`,
        input.at === undefined ? undefined : [{ path: "$.at", message: "falls in no pause" }],
      );
    }
    ensureNotBilled(row, at, "$.at", false);
    const resumedBy = describeActor(context.actor).id;
    if (at.getTime() === pauseRow.paused_from.getTime()) {
      // Resumed the instant it started: the pause held nothing and is dropped (the audit entry keeps it).
      await transaction
        .deleteFrom("subscription_pauses")
        .where(inTenant(context))
        .where("id", "=", pauseRow.id)
        .execute();
    } else {
      await transaction
        .updateTable("subscription_pauses")
        .set({ paused_until: at, resumed_by: resumedBy, updated_at: now })
        .where(inTenant(context))
        .where("id", "=", pauseRow.id)
        .execute();
    }
    return billAgainAndRecord(
      transaction,
      context,
      loaded,
      { from: at, now },
      { action: "subscription.resumed", event: subscriptionResumed },
    );
  });
}
