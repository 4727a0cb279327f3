// Which plan version a subscription goes on: the one the caller names, which
// must be published, or the one in effect when the subscription (or the
// change) starts. Unknown plans and versions are bad input naming the field.
import {
  type PlanVersionRecord,
  planVersionByNumber,
  planVersionsByIds,
  selectPlans,
  versionInEffect,
} from "../catalog/index.ts";
import type { TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { conflict, validationFailed } from "../platform/errors.ts";

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
): Promise<PlanVersionRecord> {
  const { planId, paths } = choice;
  const plan = await selectPlans(database, scope).where("id", "=", planId).executeTakeFirst();
  if (!plan) throw validationFailed([{ path: paths.plan, message: `no plan with id "${planId}"` }]);
  if (choice.version !== undefined) {
    const version = await planVersionByNumber(database, scope, plan.id, choice.version);
    if (!version) {
      throw validationFailed([
        { path: paths.version, message: `plan ${plan.code} has no version ${choice.version}` },
      ]);
    }
    if (version.state !== "published") {
      throw conflict(
        "plan_version_not_published",
        `Version ${version.version} of plan ${plan.code} is ${version.state.replace("_", " ")}: ` +
          "subscriptions go only on published versions.",
        [{ path: paths.version, message: `is ${version.state.replace("_", " ")}, not published` }],
      );
    }
    return version;
  }
  const inEffect = await versionInEffect(database, scope, plan.id, choice.at);
  if (inEffect === undefined) {
    throw conflict(
      "plan_not_in_effect",
      `Plan ${plan.code} has no published version in effect at ${choice.at.toISOString()}: ` +
        "publish one, or name a published version.",
      [{ path: paths.plan, message: `has no version in effect at ${choice.at.toISOString()}` }],
    );
  }
  const version = (await planVersionsByIds(database, scope, [inEffect.id])).get(inEffect.id);
  if (version === undefined) throw new Error(`Plan version ${inEffect.id} vanished while being read.`);
  return version;
}
