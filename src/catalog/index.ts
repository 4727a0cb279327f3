// The front door of the catalog: products, features, plans and their versions
// (drafts, approval, publishing), catalog-as-code files, and the reads other
// domains price with.
// Other domains import only from here; everything else in the folder is private to it.

// Plan versions are written and priced in the pricing language: its codes, and its conversion to the core.
export { Code, toCoreAllowance, toCoreCharges, toCorePricingUnit } from "../pricing/index.ts";
export { PlanVersionSubmitted } from "./catalog-events.ts";
export type { CatalogFile } from "./catalog-file.ts";
export { catalogFileError, formatCatalogFile, parseCatalogFile } from "./catalog-file.ts";
export { meterAggregationsOf } from "./catalog-references.ts";
export {
  applyCatalogChanges,
  describeCatalogChanges,
  exportCatalog,
  loadCurrentCatalog,
  planCatalogChanges,
} from "./catalog-sync.ts";
export { featuresOfEnvironment, findFeatureByCode } from "./features.ts";
export {
  findPlanIdByCode,
  type PlanVersionRecord,
  planCodesByIds,
  planVersionByNumber,
  planVersionsByIds,
} from "./plan-lookups.ts";
export { registerPlanRoutes } from "./plan-routes.ts";
export {
  type CreatePlanInput,
  type CreatePlanVersionInput,
  type PlanVersion,
  PlanVersionDiffSchema,
  PlanVersionSchema,
} from "./plan-schemas.ts";
export { contentOf, findPlan, planVersionRows, selectPlans, selectPlanVersions } from "./plan-store.ts";
export type { PlanVersionContent } from "./plan-version-content.ts";
export { entitlementValueProblems } from "./plan-version-rules.ts";
export { diffPlanVersionsOf, getPlanVersion, versionInEffect } from "./plan-versions.ts";
export { registerProductAndFeatureRoutes } from "./product-feature-routes.ts";
export {
  type CreateFeatureInput,
  type CreateProductInput,
  type Feature,
  featureKinds,
} from "./product-feature-schemas.ts";
export { planVersionContents } from "./published-versions.ts";
export type { FeatureKind, PlanVersionState } from "./tables.ts";
export { metersRefusingUnpricedUsage } from "./unpriced-event-meters.ts";
export { pickVersionInEffect } from "./version-in-effect.ts";
