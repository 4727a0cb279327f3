// The rules of a plan version's content that a JSON schema cannot say. The
// pricing language's own (tiers in order, each charge's meter known, a
// percentage charge on a sum meter, every other currency's price book pricing
// every charge with the price fields of its model) sit on its schemas and run
// wherever they are used; the catalog adds that products and features must
// exist and that an entitlement fits its feature. Pure: the references are
// passed in; checkPlanVersionContent (plan-version-content.ts) runs them all.
import {
  checkPlanUnits,
  checkUnitCurrencies,
  describeValue,
  isPlainObject,
  type PricingContext,
  priceBooksFitCharges,
  type Rule,
  unitsByCode,
} from "../pricing/index.ts";
import type { featureKinds } from "./product-feature-schemas.ts";

type FeatureKind = (typeof featureKinds)[number];

type Entitlement = { feature: string; value?: unknown; limit?: string | null };

export type CatalogReferences = PricingContext & {
  /** Each meter's aggregation by meter code. */
  readonly meterAggregations: ReadonlyMap<string, string>;
  readonly productCodes: ReadonlySet<string>;
  readonly featureKinds: ReadonlyMap<string, FeatureKind>;
};

/** A charge's product must exist (products are the catalog's; billing does not read them). */
const productsExist: Rule<CatalogReferences> = (value, path, run) => {
  if (!isPlainObject(value) || !Array.isArray(value.charges)) return;
  value.charges.forEach((charge: unknown, index) => {
    if (!isPlainObject(charge) || typeof charge.product !== "string") return;
    if (!run.context.productCodes.has(charge.product)) {
      run.report([...path, "charges", index, "product"], `unknown product ${describeValue(charge.product)}`, [
        ...path,
        "charges",
        index,
      ]);
    }
  });
};

const entitlementsFitFeatures: Rule<CatalogReferences> = (value, path, run) => {
  if (!isPlainObject(value) || !Array.isArray(value.entitlements)) return;
  const seen = new Set<string>();
  value.entitlements.forEach((entitlement: Entitlement, index) => {
    const entitlementPath = [...path, "entitlements", index];
    const kind = run.context.featureKinds.get(entitlement.feature);
    if (kind === undefined) {
      run.report([...entitlementPath, "feature"], `unknown feature ${describeValue(entitlement.feature)}`);
      return;
    }
    if (seen.has(entitlement.feature)) {
      run.report(
        [...entitlementPath, "feature"],
        `feature ${describeValue(entitlement.feature)} is listed twice`,
      );
    }
    seen.add(entitlement.feature);
    for (const problem of entitlementValueProblems(kind, entitlement)) {
      run.report([...entitlementPath, problem.field], problem.message);
    }
  });
};

/** Allowances and charges name the version's own pricing units (V20–V22), each worth a rate in every currency it is priced in. */
const unitsFitCharges: Rule<CatalogReferences> = (value, path, run) => {
  if (!isPlainObject(value)) return;
  checkPlanUnits(value, path, unitsByCode(value.pricing_units), run);
  checkUnitCurrencies(value, path, run);
};

/** The rules on a version's content, in the order they run (products before price books). */
export const contentRules = [
  productsExist,
  priceBooksFitCharges,
  unitsFitCharges,
  entitlementsFitFeatures,
] as const;

/** What is wrong with a value and limit for a feature of this kind: shared by plan versions and grants. */
export function entitlementValueProblems(
  kind: FeatureKind,
  entitlement: { value?: unknown; limit?: string | null | undefined },
): { field: "value" | "limit"; message: string }[] {
  const problems: { field: "value" | "limit"; message: string }[] = [];
  if (kind !== "static" && entitlement.value !== undefined) {
    problems.push({
      field: "value",
      message: `must be left out: a ${kind} feature has no configuration value`,
    });
  }
  if (kind === "static" && entitlement.value === undefined) {
    problems.push({ field: "value", message: "is required for a static feature" });
  }
  if (kind !== "metered" && entitlement.limit !== undefined) {
    problems.push({ field: "limit", message: `must be left out: only a metered feature has a limit` });
  }
  if (kind === "metered" && entitlement.limit === undefined) {
    problems.push({ field: "limit", message: "is required for a metered feature (null for unlimited)" });
  }
  return problems;
}
