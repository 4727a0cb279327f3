// Customer-specific pricing: effective-dated overrides of one charge of a
// subscription's plan, checked against the plan version in effect when the
// override starts. Overrides are never edited: a change is a new version,
// and every one is in the audit log. An override names one of the
// customer's subscriptions; invoicing reads them with
// `subscriptionPriceOverrides` and applies them with `applyOverrides`
// (apply-overrides.ts).
import type { Selectable } from "kysely";
import { recordCreation } from "../audit/index.ts";
import {
  contentOf,
  findPlanIdByCode,
  pickVersionInEffect,
  planCodesByIds,
  planVersionRows,
  selectPlans,
} from "../catalog/index.ts";
import { Decimal } from "../core/index.ts";
import { getCustomer } from "../customers/index.ts";
import { type GuardedChange, withApproval } from "../governance/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import { newestFirstPage, type PageRequest } from "../platform/database/list-pages.ts";
import type { Database } from "../platform/database/schema.ts";
import { insertTenantRow } from "../platform/database/tenant-rows.ts";
import { inTenant, selectInTenant } from "../platform/database/tenant-scope.ts";
import { refusingDuplicates } from "../platform/database/unique-conflicts.ts";
import { conflict, type FieldError, validationFailed } from "../platform/errors.ts";
import { type ChargeDocument, chargeKinds, kindOf, ruleProblems, Tiers } from "../pricing/index.ts";
import { type EffectiveOverride, slotOf, toRateChange } from "./apply-overrides.ts";
import { subscriptionCustomerOf } from "./customer-subscriptions.ts";
import type {
  CreatePriceOverrideInput,
  PriceOverride,
  PriceOverrideDocument,
  PriceOverrideFilters,
} from "./price-override-schemas.ts";
import type { PriceOverrideTable } from "./tables.ts";

export async function createPriceOverride(
  context: RequestContext,
  customerId: string,
  input: CreatePriceOverrideInput,
): Promise<PriceOverride> {
  await getCustomer(context, customerId);
  const now = context.clock.now();
  const effectiveFrom = new Date(input.effective_from);
  const effectiveUntil = input.effective_until === undefined ? null : new Date(input.effective_until);
  const dateErrors: FieldError[] = [];
  if (effectiveFrom < now) {
    dateErrors.push({
      path: "$.effective_from",
      message: "is in the past: an override never changes what was billed",
    });
  }
  if (effectiveUntil !== null && effectiveUntil <= effectiveFrom) {
    dateErrors.push({ path: "$.effective_until", message: "must be after effective_from" });
  }
  if (dateErrors.length > 0) throw validationFailed(dateErrors);
  const slot = slotOf(input.override.type);
  // A discount above the organization's limit, or a new price where it says so, waits for another person.
  const discount = input.override.type === "percentage_discount";
  const change: GuardedChange = {
    subject: discount
      ? { kind: "price_override", discountPercent: input.override.percent ?? "0" }
      : { kind: "price_override", newPrice: true },
    summary: discount
      ? `Give customer ${customerId} ${input.override.percent}% off charge ${input.charge_id} of plan ${input.plan_code}`
      : `Set a ${input.override.type} override on charge ${input.charge_id} of plan ${input.plan_code} for customer ${customerId}`,
    targetId: customerId,
    request: input,
  };

  return withApproval(context, change, (spendApproval) =>
    refusingDuplicates(
      () =>
        context.database.transaction().execute(async (transaction) => {
          const plan = await selectPlans(transaction, context)
            .where("code", "=", input.plan_code)
            .executeTakeFirst();
          if (!plan)
            throw validationFailed([{ path: "$.plan_code", message: `unknown plan "${input.plan_code}"` }]);
          const rows = await planVersionRows(transaction, context, plan.id);
          const timings = rows.map((row) => ({
            row,
            version: row.version,
            state: row.state,
            effectiveFrom: row.effective_from,
            retiredAt: row.retired_at,
          }));
          // The version in effect when the override starts; one published for later is the next best check.
          const version =
            pickVersionInEffect(timings, effectiveFrom)?.row ??
            rows.filter((row) => row.state === "published").at(-1);
          if (version === undefined) {
            throw validationFailed([
              { path: "$.plan_code", message: `plan "${plan.code}" has no published version to override` },
            ]);
          }
          const charge = contentOf(version).charges.find((candidate) => candidate.id === input.charge_id);
          if (charge === undefined) {
            throw validationFailed([
              {
                path: "$.charge_id",
                message: `version ${version.version} of plan "${plan.code}" has no charge "${input.charge_id}"`,
              },
            ]);
          }
          const fitErrors = overrideFitProblems(input.override, charge);
          if (fitErrors.length > 0) throw validationFailed(fitErrors);

          const owner = await subscriptionCustomerOf(transaction, context, input.subscription_id);
          if (owner === undefined) {
            throw validationFailed([
              { path: "$.subscription_id", message: `no subscription with id "${input.subscription_id}"` },
            ]);
          }
          if (owner !== customerId) {
            throw conflict(
              "subscription_of_another_customer",
              `Subscription "${input.subscription_id}" belongs to customer ${owner}, not ${customerId}.`,
              [{ path: "$.subscription_id", message: "belongs to another customer" }],
            );
          }
          const previous = await transaction
            .selectFrom("price_overrides")
            .select((eb) => eb.fn.max("version").as("version"))
            .where(inTenant(context))
            .where("subscription_id", "=", input.subscription_id)
            .where("charge_id", "=", input.charge_id)
            .where("slot", "=", slot)
            .executeTakeFirst();
          const row = await insertTenantRow(transaction, context, "price_overrides", "priceOverride", now, {
            customer_id: customerId,
            subscription_id: input.subscription_id,
            plan_id: plan.id,
            charge_id: input.charge_id,
            slot,
            version: Number(previous?.version ?? 0) + 1,
            override: JSON.stringify(input.override),
            effective_from: effectiveFrom,
            effective_until: effectiveUntil,
            created_at: now,
          });
          const override = presentPriceOverride(row, plan.code);
          await recordCreation(transaction, context, "price_override", override);
          await spendApproval(transaction, override.id);
          return override;
        }),
      () =>
        conflict(
          "price_override_version_taken",
          "Another override of this charge was saved at the same moment; send the request again.",
        ),
    ),
  );
}

export async function listPriceOverrides(
  context: RequestContext,
  customerId: string,
  filters: PriceOverrideFilters,
  page: PageRequest,
): Promise<PriceOverride[]> {
  await getCustomer(context, customerId);
  let planId: string | undefined;
  if (filters.plan_code !== undefined) {
    planId = await findPlanIdByCode(context.database, context, filters.plan_code);
    if (planId === undefined) return [];
  }
  let query = newestFirstPage(
    selectInTenant(context.database, context, "price_overrides").where("customer_id", "=", customerId),
    page,
  );
  if (filters.subscription_id !== undefined)
    query = query.where("subscription_id", "=", filters.subscription_id);
  if (planId !== undefined) query = query.where("plan_id", "=", planId);
  const rows = await query.execute();
  // The catalog names the plans, in one read for the page.
  const planCodes = await planCodesByIds(
    context.database,
    context,
    rows.map((row) => row.plan_id),
  );
  return rows.flatMap((row) => {
    const planCode = planCodes.get(row.plan_id);
    return planCode === undefined ? [] : [presentPriceOverride(row, planCode)];
  });
}

/** Every override version of a subscription, for `applyOverrides`. */
export async function subscriptionPriceOverrides(
  database: Database,
  scope: TenantScope,
  subscriptionId: string,
): Promise<EffectiveOverride[]> {
  return (await priceOverridesOfSubscriptions(database, scope, [subscriptionId])).get(subscriptionId) ?? [];
}

/** Every override version of these subscriptions, by subscription id (in one query). */
export async function priceOverridesOfSubscriptions(
  database: Database,
  scope: TenantScope,
  subscriptionIds: readonly string[],
): Promise<Map<string, EffectiveOverride[]>> {
  const bySubscription = new Map<string, EffectiveOverride[]>();
  if (subscriptionIds.length === 0) return bySubscription;
  const rows = await selectInTenant(database, scope, "price_overrides")
    .where("subscription_id", "in", [...new Set(subscriptionIds)])
    .execute();
  for (const row of rows) {
    const overrides = bySubscription.get(row.subscription_id) ?? [];
    overrides.push({
      planId: row.plan_id,
      chargeId: row.charge_id,
      slot: row.slot,
      version: row.version,
      effectiveFrom: row.effective_from.getTime(),
      effectiveUntil: row.effective_until?.getTime() ?? null,
      change: toRateChange(row.override),
    });
    bySubscription.set(row.subscription_id, overrides);
  }
  return bySubscription;
}

const fieldOfType: Record<PriceOverrideDocument["type"], keyof PriceOverrideDocument> = {
  unit_price: "unit_price",
  package_price: "package_price",
  tiers: "tiers",
  amount: "amount",
  rate: "rate",
  percentage_discount: "percent",
};

const modelsOfType: Record<PriceOverrideDocument["type"], readonly string[]> = {
  unit_price: ["per_unit"],
  package_price: ["package"],
  tiers: ["graduated", "volume"],
  amount: ["fixed"],
  rate: ["percentage"],
  percentage_discount: chargeKinds,
};

/** Why an override cannot apply to this charge: a field of another type, or a price of another model. */
export function overrideFitProblems(
  override: PriceOverrideDocument,
  charge: Pick<ChargeDocument, "id" | "type"> & { model?: string },
): FieldError[] {
  const errors: FieldError[] = [];
  const field = fieldOfType[override.type];
  for (const given of Object.keys(override)) {
    if (given !== "type" && given !== field) {
      errors.push({
        path: `$.override.${given}`,
        message: `must be left out of a ${override.type} override`,
      });
    }
  }
  if (override[field] === undefined) {
    errors.push({ path: `$.override.${field}`, message: `is required for a ${override.type} override` });
  }
  const model = kindOf(charge);
  if (!modelsOfType[override.type].includes(model)) {
    errors.push({
      path: "$.override.type",
      message: `a ${override.type} override does not fit charge "${charge.id}", which is ${model}`,
    });
  }
  if (override.type === "percentage_discount" && override.percent !== undefined) {
    const percent = new Decimal(override.percent);
    if (percent.isZero() || percent.greaterThan(100)) {
      errors.push({ path: "$.override.percent", message: "must be more than 0 and at most 100" });
    }
  }
  if (override.type === "tiers" && override.tiers !== undefined) {
    errors.push(...ruleProblems(Tiers, override.tiers, {}, ["override", "tiers"]));
  }
  return errors;
}

function presentPriceOverride(row: Selectable<PriceOverrideTable>, planCode: string): PriceOverride {
  return {
    id: row.id,
    customer_id: row.customer_id,
    subscription_id: row.subscription_id,
    plan_id: row.plan_id,
    plan_code: planCode,
    charge_id: row.charge_id,
    slot: row.slot,
    version: row.version,
    override: row.override,
    effective_from: row.effective_from.toISOString(),
    effective_until: row.effective_until?.toISOString() ?? null,
    created_at: row.created_at.toISOString(),
  };
}
