// Whether the environment's cut-over switch date is set: until it is, the
// old billing system still bills, so the subscriptions imported from it
// wait (they issue no invoice in Fairbill) and setting it makes them bill.
import type { RequestContext } from "../platform/context.ts";

/** True while no switch date is set: what is imported now waits for the cut-over. */
export async function importsAwaitCutOver(context: RequestContext): Promise<boolean> {
  const row = await context.database
    .selectFrom("cut_overs")
    .select("switch_at")
    .where("environment_id", "=", context.environmentId)
    .executeTakeFirst();
  return row === undefined;
}
