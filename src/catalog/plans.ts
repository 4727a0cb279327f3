// Plans: a code, a name and a description, with the pricing in numbered
// versions. Creating a plan creates its version 1 as a draft; the plan's own
// fields (name, description) are not pricing and change in place, audited.
import { describeActor, recordAuditEvent } from "../audit/index.ts";
import type { RequestContext } from "../platform/context.ts";
import { isUniqueViolation } from "../platform/database/errors.ts";
import { newestFirstPage, type PageRequest } from "../platform/database/list-pages.ts";
import { inTenant } from "../platform/database/tenant-scope.ts";
import { conflict } from "../platform/errors.ts";
import { newId } from "../platform/ids.ts";
import type { CreatePlanInput, Plan, UpdatePlanInput } from "./plan-schemas.ts";
import {
  contentColumns,
  findPlan,
  lockPlan,
  planVersionRows,
  presentPlan,
  presentVersion,
  selectPlans,
  selectPlanVersions,
  validateContent,
  versionPath,
} from "./plan-store.ts";
import { withDefaults } from "./plan-version-content.ts";

export async function createPlan(context: RequestContext, input: CreatePlanInput): Promise<Plan> {
  const now = context.clock.now();
  const content = withDefaults(input.version);
  try {
    return await context.database.transaction().execute(async (transaction) => {
      await validateContent(transaction, context, content, versionPath("version"));
      const plan = await transaction
        .insertInto("plans")
        .values({
          id: newId("plan", now),
          organization_id: context.organizationId,
          environment_id: context.environmentId,
          code: input.code,
          name: input.name,
          description: input.description ?? null,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const version = await transaction
        .insertInto("plan_versions")
        .values({
          id: newId("planVersion", now),
          organization_id: context.organizationId,
          environment_id: context.environmentId,
          plan_id: plan.id,
          version: 1,
          state: "draft",
          ...contentColumns(content),
          copied_from_version: null,
          effective_from: null,
          created_by: describeActor(context.actor).id,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const presented = presentPlan(plan, [version], now);
      await recordAuditEvent(transaction, context, {
        action: "plan.created",
        objectType: "plan",
        objectId: plan.id,
        before: null,
        after: { id: plan.id, code: plan.code, name: plan.name, description: plan.description },
      });
      await recordAuditEvent(transaction, context, {
        action: "plan_version.created",
        objectType: "plan_version",
        objectId: version.id,
        before: null,
        after: presentVersion(plan, version, "draft"),
      });
      return presented;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw conflict("plan_code_taken", `A plan with code "${input.code}" already exists.`, [
        { path: "$.code", message: "is already used by another plan" },
      ]);
    }
    throw error;
  }
}

export async function getPlan(context: RequestContext, planId: string): Promise<Plan> {
  const plan = await findPlan(context.database, context, planId);
  return presentPlan(plan, await planVersionRows(context.database, context, planId), context.clock.now());
}

export async function listPlans(context: RequestContext, page: PageRequest): Promise<Plan[]> {
  const query = newestFirstPage(selectPlans(context.database, context), page);
  const plans = await query.execute();
  if (plans.length === 0) return [];
  const versions = await selectPlanVersions(context.database, context)
    .where(
      "plan_id",
      "in",
      plans.map((plan) => plan.id),
    )
    .orderBy("version", "asc")
    .execute();
  const now = context.clock.now();
  return plans.map((plan) =>
    presentPlan(
      plan,
      versions.filter((version) => version.plan_id === plan.id),
      now,
    ),
  );
}

export async function updatePlan(
  context: RequestContext,
  planId: string,
  input: UpdatePlanInput,
): Promise<Plan> {
  return context.database.transaction().execute(async (transaction) => {
    const before = await lockPlan(transaction, context, planId);
    const after = await transaction
      .updateTable("plans")
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        updated_at: context.clock.now(),
      })
      .where(inTenant(context))
      .where("id", "=", planId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAuditEvent(transaction, context, {
      action: "plan.updated",
      objectType: "plan",
      objectId: planId,
      before: { name: before.name, description: before.description },
      after: { name: after.name, description: after.description },
    });
    return presentPlan(after, await planVersionRows(transaction, context, planId), context.clock.now());
  });
}
