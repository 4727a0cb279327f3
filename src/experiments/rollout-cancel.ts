// Canceling a staged rollout: no further stage starts (pending stages are
// skipped); the watching stage's cohort goes back to the earlier version
// (its migration taken back), its holds are released, and the customers whose
// drafts they held are billed again, so those drafts are recomputed on the
// earlier version and finalized as usual. Stages that came out clean keep their cohorts on the
// new version. Audited with its reason and announced as rollout.canceled.
import { releaseHoldsOfSource } from "../invoicing/index.ts";
import { revertPlanMigration } from "../plan-migrations/index.ts";
import type { RequestContext } from "../platform/context.ts";
import { conflict } from "../platform/errors.ts";
import { rolloutCanceled } from "./experiment-webhook-events.ts";
import type { RolloutView } from "./rollout-schemas.ts";
import { announceRolloutChange, loadRollout, rolloutRow, stageRows } from "./rollouts.ts";

export async function cancelRollout(context: RequestContext, id: string): Promise<RolloutView> {
  await context.database.transaction().execute(async (transaction) => {
    const rollout = await rolloutRow(transaction, context, id, true);
    if (rollout.status !== "running") {
      throw conflict("rollout_not_running", `Rollout ${id} is already ${rollout.status.replace("_", " ")}.`);
    }
    const before = await loadRollout(transaction, context, id);
    const reasoned = { ...context, reason: context.reason ?? `rollout ${id} canceled` };
    const now = context.clock.now();
    for (const stage of await stageRows(transaction, context, id)) {
      if (stage.status === "pending") {
        await transaction
          .updateTable("rollout_stages")
          .set({ status: "skipped" })
          .where("id", "=", stage.id)
          .execute();
      }
      if (stage.status !== "watching") continue;
      const reverted =
        stage.migration_id === null
          ? null
          : await revertPlanMigration(transaction, reasoned, stage.migration_id, stage.subscription_ids);
      await transaction
        .updateTable("rollout_stages")
        .set({
          status: "canceled",
          evaluated_at: now,
          rollback_migration_id: reverted?.migration.id ?? null,
        })
        .where("id", "=", stage.id)
        .execute();
      // Every hold of the stage is released; the customers whose drafts they held are billed again.
      await releaseHoldsOfSource(transaction, reasoned, stage.id);
    }
    await transaction
      .updateTable("rollouts")
      .set({ status: "canceled", updated_at: now })
      .where("id", "=", id)
      .execute();
    await announceRolloutChange(transaction, reasoned, id, rolloutCanceled, before);
  });
  return loadRollout(context.database, context, id);
}
