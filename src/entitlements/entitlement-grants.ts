// A customer's entitlements: those of the plan versions the customer's
// subscriptions in force are on, and features granted to the customer
// directly (customer_entitlement_grants), which win feature by feature; the
// answer is resolved by the pure `resolveEntitlements`. The grants are read
// in one indexed query; a metered feature's usage this calendar month (in the
// customer's time zone) comes from the metering domain's usage totals.
import type { Selectable } from "kysely";
import { recordObjectChange } from "../audit/index.ts";
import {
  entitlementValueProblems,
  type Feature,
  featuresOfEnvironment,
  findFeatureByCode,
  planVersionContents,
} from "../catalog/index.ts";
import { billingPeriods, type Decimal } from "../core/index.ts";
import { getCustomer } from "../customers/index.ts";
import { customerUsageTotals } from "../metering/index.ts";
import { entitlementsBlockedByDunning } from "../payments/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import type { DatabaseTransaction } from "../platform/database/schema.ts";
import { insertTenantRow, updateTenantRow } from "../platform/database/tenant-rows.ts";
import { inTenant, selectInTenant } from "../platform/database/tenant-scope.ts";
import { notFound, validationFailed } from "../platform/errors.ts";
import { planVersionsInForce } from "../subscriptions/index.ts";
import type { CustomerEntitlements, EntitlementGrant, GrantEntitlementInput } from "./entitlement-schemas.ts";
import {
  combinePlanEntitlements,
  type EntitlementTerms,
  type FeatureDefinition,
  resolveEntitlements,
} from "./entitlements.ts";
import type { EntitlementGrantTable } from "./tables.ts";

/** Grants a feature to a customer, or changes the value or limit of a grant it already has. */
export async function grantEntitlement(
  context: RequestContext,
  customerId: string,
  input: GrantEntitlementInput,
): Promise<EntitlementGrant> {
  await getCustomer(context, customerId);
  const feature = await findFeatureByCode(context.database, context, input.feature);
  if (!feature)
    throw validationFailed([{ path: "$.feature", message: `unknown feature "${input.feature}"` }]);
  const problems = entitlementValueProblems(feature.kind, input);
  if (problems.length > 0) {
    throw validationFailed(
      problems.map((problem) => ({ path: `$.${problem.field}`, message: problem.message })),
    );
  }
  const now = context.clock.now();
  return context.database.transaction().execute(async (transaction) => {
    const existing = await lockGrant(transaction, context, customerId, feature.id);
    const terms = {
      value: input.value === undefined ? null : JSON.stringify(input.value),
      usage_limit: input.limit ?? null,
      updated_at: now,
    };
    const row = existing
      ? await updateTenantRow(transaction, context, "customer_entitlement_grants", existing.id, terms)
      : await insertTenantRow(transaction, context, "customer_entitlement_grants", "entitlementGrant", now, {
          customer_id: customerId,
          feature_id: feature.id,
          created_at: now,
          ...terms,
        });
    const grant = presentGrant(row, feature.code);
    await recordObjectChange(
      transaction,
      context,
      "entitlement_grant",
      existing ? "updated" : "created",
      existing ? presentGrant(existing, feature.code) : null,
      grant,
    );
    return grant;
  });
}

/** Takes a directly granted feature away from a customer. */
export async function revokeEntitlement(
  context: RequestContext,
  customerId: string,
  featureCode: string,
): Promise<EntitlementGrant> {
  await getCustomer(context, customerId);
  return context.database.transaction().execute(async (transaction) => {
    const feature = await findFeatureByCode(transaction, context, featureCode);
    const existing =
      feature === undefined ? undefined : await lockGrant(transaction, context, customerId, feature.id);
    if (!existing) throw notFound(`grant to customer ${customerId} of feature`, featureCode);
    await transaction
      .deleteFrom("customer_entitlement_grants")
      .where("environment_id", "=", context.environmentId)
      .where("id", "=", existing.id)
      .execute();
    const grant = presentGrant(existing, featureCode);
    await recordObjectChange(transaction, context, "entitlement_grant", "revoked", grant, null);
    return grant;
  });
}

/** The customer's direct grant of the feature, if any, locked for the rest of the transaction. */
function lockGrant(
  transaction: DatabaseTransaction,
  scope: TenantScope,
  customerId: string,
  featureId: string,
) {
  return selectInTenant(transaction, scope, "customer_entitlement_grants")
    .where("customer_id", "=", customerId)
    .where("feature_id", "=", featureId)
    .forUpdate()
    .executeTakeFirst();
}

/**
 * In at most three round trips to the database after the caches are warm:
 * the customer, its grants, its subscriptions and whether dunning blocks it,
 * side by side (the environment's features, plan versions, meter versions,
 * API key and test clock come from caches that every change drops); then
 * the timelines of subscriptions, when it has any; then the month's usage of
 * each limited meter, side by side.
 */
export async function customerEntitlements(
  context: RequestContext,
  customerId: string,
): Promise<CustomerEntitlements> {
  const now = context.clock.now();
  const [customer, grantRows, planEntitlements, blocked, catalogFeatures] = await Promise.all([
    getCustomer(context, customerId),
    context.database
      .selectFrom("customer_entitlement_grants")
      .select(["feature_id", "value", "usage_limit"])
      .where(inTenant(context))
      .where("customer_id", "=", customerId)
      .execute(),
    subscribedPlanEntitlements(context, customerId, now),
    // Payments: a dunning campaign's final action can block every entitlement until the invoice is paid.
    entitlementsBlockedByDunning(context, customerId),
    featuresOfEnvironment(context.database, context),
  ]);
  const featuresById = new Map(catalogFeatures.map((feature) => [feature.id, feature]));
  const grants: EntitlementTerms[] = grantRows.flatMap((row) => {
    const feature = featuresById.get(row.feature_id);
    if (feature === undefined) return [];
    return [
      {
        feature: feature.code,
        ...(row.value === null ? {} : { value: row.value }),
        ...(feature.kind === "metered" ? { limit: row.usage_limit } : {}),
      },
    ];
  });
  const features = featureDefinitions(catalogFeatures, [
    ...new Set([...grants, ...planEntitlements].map((entitlement) => entitlement.feature)),
  ]);
  const period = currentMonth(now, customer.timezone);
  // Only limits that are set need usage: an unlimited feature is allowed whatever was used.
  // Grants replace plan terms feature by feature, so the limit that counts is the grant's when there is one.
  const limited = new Map<string, EntitlementTerms>();
  for (const entitlement of [...planEntitlements, ...grants]) limited.set(entitlement.feature, entitlement);
  const meteredCodes = new Set<string>();
  for (const entitlement of limited.values()) {
    const feature = features.get(entitlement.feature);
    if (feature?.kind === "metered" && feature.meterCode !== null && (entitlement.limit ?? null) !== null) {
      meteredCodes.add(feature.meterCode);
    }
  }
  const usageByMeter: ReadonlyMap<string, Decimal> =
    meteredCodes.size === 0
      ? new Map()
      : await customerUsageTotals(
          context,
          { externalId: customer.external_id, timezone: customer.timezone },
          [...meteredCodes],
          { from: period.start, to: period.end },
        );
  const entitlements = resolveEntitlements({ features, planEntitlements, grants, usageByMeter });
  return {
    customer_id: customerId,
    as_of: now.toISOString(),
    period_start: period.start.toISOString(),
    period_end: period.end.toISOString(),
    data: blocked ? entitlements.map((entitlement) => ({ ...entitlement, allowed: false })) : entitlements,
  };
}

/**
 * The entitlements of the plan versions the customer's subscriptions in
 * force are on now, combined (newest subscription first for static values).
 */
async function subscribedPlanEntitlements(
  context: RequestContext,
  customerId: string,
  now: Date,
): Promise<EntitlementTerms[]> {
  const inForce = await planVersionsInForce(context.database, context, customerId, now);
  if (inForce.length === 0) return [];
  const contents = await planVersionContents(
    context.database,
    context,
    inForce.map((subscription) => subscription.planVersionId),
  );
  return combinePlanEntitlements(
    inForce.map((subscription) => contents.get(subscription.planVersionId)?.entitlements ?? []),
  );
}

/** The definitions of the features with these codes, from the catalog's features. */
function featureDefinitions(
  catalogFeatures: readonly Feature[],
  codes: readonly string[],
): Map<string, FeatureDefinition> {
  const wanted = new Set(codes);
  return new Map(
    catalogFeatures
      .filter((feature) => wanted.has(feature.code))
      .map((feature) => [
        feature.code,
        { code: feature.code, name: feature.name, kind: feature.kind, meterCode: feature.meter },
      ]),
  );
}

/** The calendar month that contains `now`, in the customer's time zone. */
function currentMonth(now: Date, timeZone: string): { start: Date; end: Date } {
  const first = billingPeriods({
    from: now.getTime(),
    interval: { unit: "month", count: 1 },
    alignment: "calendar",
    timeZone,
  }).next().value;
  return { start: new Date(first.fullStart), end: new Date(first.fullEnd) };
}

function presentGrant(row: Selectable<EntitlementGrantTable>, featureCode: string): EntitlementGrant {
  return {
    id: row.id,
    customer_id: row.customer_id,
    feature: featureCode,
    value: row.value ?? null,
    limit: row.usage_limit,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}
