// Plans: a code, a name and a description, with the pricing in numbered
// versions. Creating a plan creates its version 1 as a draft; the plan's own
// fields (name, description) are not pricing and change in place, audited.
import { recordAuditEvent, recordCreation } from "../audit/index.ts";
import type { RequestContext } from "../platform/context.ts";
import { newestFirstPage, type PageRequest } from "../platform/database/list-pages.ts";
import { insertTenantRow } from "../platform/database/tenant-rows.ts";
import { changeCatalogEntry, creatingCatalogEntry, newCatalogEntryColumns } from "./catalog-entries.ts";
import type { CreatePlanInput, Plan, UpdatePlanInput } from "./plan-schemas.ts";
import {
  findPlan,
  insertDraftVersion,
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
  return creatingCatalogEntry(context, "plan", input.code, async (transaction) => {
    await validateContent(transaction, context, content, versionPath("version"));
    const plan = await insertTenantRow(
      transaction,
      context,
      "plans",
      "plan",
      now,
      newCatalogEntryColumns(input, now),
    );
    const version = await insertDraftVersion(
      transaction,
      context,
      { planId: plan.id, version: 1, content, copiedFrom: null },
      now,
    );
    const { id, code, name, description } = plan;
    await recordCreation(transaction, context, "plan", { id, code, name, description });
    await recordCreation(transaction, context, "plan_version", presentVersion(plan, version, "draft"));
    return presentPlan(plan, [version], now);
  });
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
    const after = await changeCatalogEntry(transaction, context, "plans", planId, input);
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
