// The cut-over from the old billing system: read the checklist (computed
// from the data, cut-over-checklist.ts), the switch date once set, and the
// old system's subscriptions to cancel there; set the switch date, refused
// unless every item is ok. From the switch date Fairbill issues the invoices:
// the subscriptions imported from the old system bill from then, not before.
// Setting it is audited.
import { describeActor, recordAuditEvent } from "../audit/index.ts";
import type { RequestContext } from "../platform/context.ts";
import { selectInTenant } from "../platform/database/tenant-scope.ts";
import { conflict, validationFailed } from "../platform/errors.ts";
import { billSubscriptionsFrom } from "../subscriptions/index.ts";
import { type ChecklistOptions, cutOverChecklist } from "./cut-over-checklist.ts";
import type { CutOver, SetCutOverInput } from "./cut-over-schemas.ts";

type OldSubscription = CutOver["old_subscriptions_to_cancel"][number];

/** The subscriptions imported from the old system (not in a dry run), oldest import first. */
async function importedSubscriptions(context: RequestContext): Promise<OldSubscription[]> {
  const rows = await context.database
    .selectFrom("import_references")
    .select(["source", "source_id", "fairbill_id"])
    .where("environment_id", "=", context.environmentId)
    .where("source_type", "=", "subscription")
    .where("fairbill_id", "<>", "")
    .orderBy("created_at")
    .orderBy("source_id")
    .execute();
  return rows.map((row) => ({
    source: row.source,
    external_id: row.source_id,
    subscription_id: row.fairbill_id,
  }));
}

async function switchOf(context: RequestContext): Promise<CutOver["switch"]> {
  const row = await selectInTenant(context.database, context, "cut_overs").executeTakeFirst();
  if (row === undefined) return null;
  return {
    switch_at: row.switch_at.toISOString(),
    subscriptions_moved: row.subscriptions_moved,
    set_by: row.set_by,
    reason: row.reason,
    created_at: row.created_at.toISOString(),
  };
}

export async function getCutOver(context: RequestContext, options: ChecklistOptions): Promise<CutOver> {
  const checklist = await cutOverChecklist(context, options);
  return {
    ready: checklist.every((entry) => entry.status === "ok"),
    checklist,
    switch: await switchOf(context),
    old_subscriptions_to_cancel: await importedSubscriptions(context),
  };
}

/** Sets the switch date once every item is ok, and makes the imported subscriptions bill from it. */
export async function setCutOver(
  context: RequestContext,
  input: SetCutOverInput,
  options: ChecklistOptions,
): Promise<CutOver> {
  const switchAt = new Date(input.switch_at);
  const now = context.clock.now();
  if (switchAt.getTime() < now.getTime())
    throw validationFailed([
      {
        path: "$.switch_at",
        message: `is before now (${now.toISOString()}): the old system has billed until now, so Fairbill takes over from now or later`,
      },
    ]);
  const before = await getCutOver(context, options);
  if (before.switch !== null)
    throw conflict(
      "cut_over_already_set",
      `The switch date is set already (${before.switch.switch_at}): Fairbill issues the invoices from then.`,
    );
  const missing = before.checklist.filter((entry) => entry.status === "missing");
  if (missing.length > 0)
    throw conflict(
      "cut_over_not_ready",
      `The switch date can be set once every item of the checklist is ok. Missing: ${missing
        .map((entry) => `${entry.title}: ${entry.detail}`)
        .join(" ")}`,
    );
  await context.database.transaction().execute(async (transaction) => {
    const subscriptionsMoved = await billSubscriptionsFrom(
      transaction,
      context,
      before.old_subscriptions_to_cancel.map((subscription) => subscription.subscription_id),
      switchAt.getTime(),
    );
    const inserted = await transaction
      .insertInto("cut_overs")
      .values({
        environment_id: context.environmentId,
        organization_id: context.organizationId,
        switch_at: switchAt,
        subscriptions_moved: subscriptionsMoved,
        set_by: describeActor(context.actor).person?.name ?? describeActor(context.actor).id,
        reason: context.reason ?? null,
        created_at: now,
      })
      .onConflict((conflicting) => conflicting.column("environment_id").doNothing())
      .returning("switch_at")
      .executeTakeFirst();
    if (inserted === undefined)
      throw conflict("cut_over_already_set", "The switch date was set meanwhile by someone else.");
    await recordAuditEvent(transaction, context, {
      action: "cut_over.set",
      objectType: "cut_over",
      objectId: context.environmentId,
      before: null,
      after: {
        switch_at: switchAt.toISOString(),
        subscriptions_moved: subscriptionsMoved,
        old_subscriptions_to_cancel: before.old_subscriptions_to_cancel.length,
      },
    });
  });
  return getCutOver(context, options);
}
