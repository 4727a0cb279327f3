// Which plan version a subscription goes on: the one the caller names, which
// must be published, or the one in effect when the subscription (or the
// change) starts. Unknown plans and versions are bad input naming the field.
import { selectPlans, selectPlanVersions, versionInEffect } from "../catalog/index.ts";
import type { TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { conflict, validationFailed } from "../platform/errors.ts";
import { loadPlanVersions, type PlanVersionFacts } from "./engine-catalog.ts";

export type PlanChoice = {
  planId: string;
  /** A version number; the version in effect at `at` when undefined. */
  version: number | undefined;
  at: Date;
  /** The JSON paths of the plan and version fields, for errors. */
  paths: { plan: string; version: string };
};

export async function choosePlanVersion(
  database: Database,
  scope: TenantScope,
  choice: PlanChoice,
): Promise<PlanVersionFacts> {
  const { planId, paths } = choice;
  const plan = await selectPlans(database, scope).where("id", "=", planId).executeTakeFirst();
  if (!plan) throw validationFailed([{ path: paths.plan, message: `no plan with id "${planId}"` }]);
  let versionId: string;
  if (choice.version !== undefined) {
    const row = await selectPlanVersions(database, scope)
      .where("plan_id", "=", plan.id)
      .where("version", "=", choice.version)
      .executeTakeFirst();
    if (!row) {
      throw validationFailed([
        { path: paths.version, message: `plan ${plan.code} has no version ${choice.version}` },
      ]);
    }
    if (row.state !== "published") {
      throw conflict(
        "plan_version_not_published",
        `Version ${row.version} of plan ${plan.code} is ${row.state.replace("_", " ")}: ` +
          "subscriptions go only on published versions.",
        [{ path: paths.version, message: `is ${row.state.replace("_", " ")}, not published` }],
      );
    }
    versionId = row.id;
  } else {
    const inEffect = await versionInEffect(database, scope, plan.id, choice.at);
    if (inEffect === undefined) {
      throw conflict(
        "plan_not_in_effect",
        `Plan ${plan.code} has no published version in effect at ${choice.at.toISOString()}: ` +
          "publish one, or name a published version.",
        [{ path: paths.plan, message: `has no version in effect at ${choice.at.toISOString()}` }],
      );
    }
    versionId = inEffect.id;
  }
  const version = (await loadPlanVersions(database, scope, [versionId])).get(versionId);
  if (version === undefined) throw new Error(`Plan version ${versionId} vanished while being read.`);
  return version;
}
