// Catalog as code: export the catalog to a catalog.yaml, work out what
// applying a file would change (in the same words as the version diff API),
// and apply it. Applying never goes around review: a changed plan becomes a
// new draft (or an edit of its open draft) that is submitted for approval;
// only where the environment's policy does not require approval, and only
// when asked, is it published at once. Objects missing from the file are
// left alone: a file never deletes anything.
//
// Working out the changes is pure (`planCatalogChanges`); applying them calls
// the same use cases as the API, one transaction per object, so a run that
// stops halfway is finished by running it again.
import { readApprovalPolicy } from "../governance/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { FairbillError, type FieldError } from "../platform/errors.ts";
import type { CatalogFile, CatalogFileVersion } from "./catalog-file.ts";
import { meterAggregationsOf } from "./catalog-references.ts";
import { createFeature, listAllFeatures, updateFeature } from "./features.ts";
import type { PlanVersion } from "./plan-schemas.ts";
import {
  contentOf,
  type PlanRow,
  type PlanVersionRow,
  selectPlans,
  selectPlanVersions,
} from "./plan-store.ts";
import { checkPlanVersionContent, type PlanVersionContent, withDefaults } from "./plan-version-content.ts";
import { diffPlanVersions, type VersionChange } from "./plan-version-diff.ts";
import type { CatalogReferences } from "./plan-version-rules.ts";
import { publishPlanVersion, submitPlanVersion } from "./plan-version-workflow.ts";
import { createPlanVersion, updatePlanVersion } from "./plan-versions.ts";
import { createPlan, updatePlan } from "./plans.ts";
import type { Feature, Product } from "./product-feature-schemas.ts";
import { createProduct, listAllProducts, updateProduct } from "./products.ts";
import type { FeatureKind } from "./tables.ts";

export type CurrentCatalog = {
  products: Product[];
  features: Feature[];
  meterAggregations: Map<string, string>;
  plans: { plan: PlanRow; versions: PlanVersionRow[] }[];
};

export async function loadCurrentCatalog(database: Database, scope: TenantScope): Promise<CurrentCatalog> {
  const [products, features, meterAggregations, plans, versions] = await Promise.all([
    listAllProducts(database, scope),
    listAllFeatures(database, scope),
    meterAggregationsOf(database, scope),
    selectPlans(database, scope).orderBy("code").execute(),
    selectPlanVersions(database, scope).orderBy("version").execute(),
  ]);
  return {
    products,
    features,
    meterAggregations,
    plans: plans.map((plan) => ({
      plan,
      versions: versions.filter((version) => version.plan_id === plan.id),
    })),
  };
}

/**
 * The version a file's last entry is compared with: the open one (draft or
 * pending approval), else the latest published, else the latest of all.
 * Export lists the latest published and the open version, in that order, so
 * an exported file's last entry is always this one.
 */
function headVersion(versions: readonly PlanVersionRow[]): PlanVersionRow | undefined {
  return (
    versions.find((version) => version.state === "draft" || version.state === "pending_approval") ??
    versions.filter((version) => version.state === "published").at(-1) ??
    versions.at(-1)
  );
}

export function exportCatalog(current: CurrentCatalog): CatalogFile {
  const plans = current.plans.map(({ plan, versions }) => {
    const latestPublished = versions.filter((version) => version.state === "published").at(-1);
    const open = versions.find(
      (version) => version.state === "draft" || version.state === "pending_approval",
    );
    const listed = [latestPublished, open].filter((version) => version !== undefined);
    const exported = listed.length > 0 ? listed : versions.slice(-1);
    return {
      code: plan.code,
      name: plan.name,
      description: plan.description,
      versions: exported.map((version) => ({
        version: version.version,
        state: version.state,
        effective_from: version.effective_from?.toISOString() ?? null,
        ...withoutEmptyUnits(contentOf(version)),
      })),
    };
  });
  const referencedMeters = new Set<string>();
  for (const feature of current.features) if (feature.meter !== null) referencedMeters.add(feature.meter);
  for (const plan of plans) {
    for (const version of plan.versions) {
      for (const charge of version.charges)
        if (charge.meter !== undefined) referencedMeters.add(charge.meter);
    }
  }
  return {
    version: 1,
    meters: [...referencedMeters].sort(),
    products: current.products.map((product) => ({
      code: product.code,
      name: product.name,
      description: product.description,
    })),
    features: current.features.map((feature) => ({
      code: feature.code,
      name: feature.name,
      description: feature.description,
      kind: feature.kind,
      ...(feature.meter === null ? {} : { meter: feature.meter }),
    })),
    plans,
  };
}

type NamedFields = { name?: string; description?: string | null };

/** Creating an object the catalog lacks: its code and fields. */
type Creation<Object extends string, Fields> = {
  object: Object;
  action: "create";
  code: string;
  fields: Fields;
};

/** Changing an object the catalog has: the fields that change, and a sentence for each change. */
type Update<Object extends string, Fields> = {
  object: Object;
  action: "update";
  id: string;
  code: string;
  fields: Fields;
  descriptions: string[];
};

type NewNamedFields = { name: string; description: string | null };

export type CatalogChange =
  | Creation<"product", NewNamedFields>
  | Update<"product", NamedFields>
  | Creation<"feature", NewNamedFields & { kind: FeatureKind; meter?: string }>
  | Update<"feature", NamedFields & { meter?: string }>
  | (Creation<"plan", NewNamedFields> & { content: PlanVersionContent })
  | Update<"plan", NamedFields>
  | {
      object: "plan_version";
      action: "new_draft" | "edit_draft";
      planId: string;
      code: string;
      /** The draft edited, or the version the new draft is copied from. */
      version: number;
      content: PlanVersionContent;
      changes: VersionChange[];
    };

/** What applying `file` would change, or the problems that stop it (each by the file's JSON path). */
export function planCatalogChanges(
  file: CatalogFile,
  current: CurrentCatalog,
): { changes: CatalogChange[]; errors: FieldError[] } {
  const changes: CatalogChange[] = [];
  const errors: FieldError[] = [];

  (file.meters ?? []).forEach((code, index) => {
    if (!current.meterAggregations.has(code))
      errors.push({ path: `$.meters[${index}]`, message: `unknown meter "${code}"` });
  });

  const productsByCode = new Map(current.products.map((product) => [product.code, product]));
  for (const product of file.products ?? []) {
    const existing = productsByCode.get(product.code);
    if (existing === undefined) {
      changes.push({
        object: "product",
        action: "create",
        code: product.code,
        fields: newNamedFields(product),
      });
      continue;
    }
    const update = namedObjectUpdate("product", existing, product);
    if (update !== undefined) changes.push(update);
  }

  const featuresByCode = new Map(current.features.map((feature) => [feature.code, feature]));
  (file.features ?? []).forEach((feature, index) => {
    const path = `$.features[${index}]`;
    if (feature.kind === "metered" && feature.meter === undefined) {
      errors.push({ path: `${path}.meter`, message: "is required for a metered feature" });
    } else if (feature.kind !== "metered" && feature.meter !== undefined) {
      errors.push({
        path: `${path}.meter`,
        message: `must be left out: a ${feature.kind} feature has no meter`,
      });
    } else if (feature.meter !== undefined && !current.meterAggregations.has(feature.meter)) {
      errors.push({ path: `${path}.meter`, message: `unknown meter "${feature.meter}"` });
    }
    const existing = featuresByCode.get(feature.code);
    if (existing === undefined) {
      changes.push({
        object: "feature",
        action: "create",
        code: feature.code,
        fields: {
          ...newNamedFields(feature),
          kind: feature.kind,
          ...(feature.meter === undefined ? {} : { meter: feature.meter }),
        },
      });
      return;
    }
    if (existing.kind !== feature.kind) {
      errors.push({
        path: `${path}.kind`,
        message: `feature "${feature.code}" is ${existing.kind}, and a feature's kind never changes`,
      });
      return;
    }
    const update = namedFieldChanges(existing, feature);
    const fields: NamedFields & { meter?: string } = { ...update.fields };
    if (feature.meter !== undefined && feature.meter !== existing.meter) {
      fields.meter = feature.meter;
      update.descriptions.push(`meter ${existing.meter ?? "none"} → ${feature.meter}`);
    }
    if (update.descriptions.length > 0) {
      changes.push({
        object: "feature",
        action: "update",
        id: existing.id,
        code: feature.code,
        fields,
        descriptions: update.descriptions,
      });
    }
  });

  const references: CatalogReferences = {
    meterAggregations: current.meterAggregations,
    productCodes: new Set([
      ...current.products.map((product) => product.code),
      ...(file.products ?? []).map((product) => product.code),
    ]),
    featureKinds: new Map<string, FeatureKind>([
      ...current.features.map((feature): [string, FeatureKind] => [feature.code, feature.kind]),
      ...(file.features ?? []).map((feature): [string, FeatureKind] => [feature.code, feature.kind]),
    ]),
  };
  const plansByCode = new Map(current.plans.map((entry) => [entry.plan.code, entry]));
  (file.plans ?? []).forEach((filePlan, planIndex) => {
    const lastIndex = filePlan.versions.length - 1;
    const lastVersion = filePlan.versions[lastIndex] as CatalogFileVersion;
    const content = contentOfFileVersion(lastVersion);
    const contentErrors = checkPlanVersionContent(content, references, [
      "plans",
      planIndex,
      "versions",
      lastIndex,
    ]);
    errors.push(...contentErrors);
    const existing = plansByCode.get(filePlan.code);
    if (existing === undefined) {
      changes.push({
        object: "plan",
        action: "create",
        code: filePlan.code,
        fields: newNamedFields(filePlan),
        content,
      });
      return;
    }
    const update = namedObjectUpdate("plan", existing.plan, filePlan);
    if (update !== undefined) changes.push(update);
    const head = headVersion(existing.versions);
    if (head === undefined) return;
    const versionChanges = diffPlanVersions(contentOf(head), content);
    if (versionChanges.length === 0) return;
    if (head.state === "pending_approval") {
      errors.push({
        path: `$.plans[${planIndex}].versions[${lastIndex}]`,
        message:
          `version ${head.version} of plan "${filePlan.code}" is pending approval: ` +
          "approve or reject it before applying another change",
      });
      return;
    }
    changes.push({
      object: "plan_version",
      action: head.state === "draft" ? "edit_draft" : "new_draft",
      planId: existing.plan.id,
      code: filePlan.code,
      version: head.version,
      content,
      changes: versionChanges,
    });
  });
  return { changes, errors };
}

/** One line per change (indented lines for a version's field changes), in the diff API's words. */
export function describeCatalogChanges(
  changes: readonly CatalogChange[],
  outcome: "submit" | "publish",
): string[] {
  const lines: string[] = [];
  const fate = outcome === "publish" ? "published" : "submitted for approval";
  for (const change of changes) {
    switch (change.object) {
      case "product":
      case "feature":
        if (change.action === "create") lines.push(`${change.object} ${change.code}: created`);
        else
          for (const description of change.descriptions)
            lines.push(`${change.object} ${change.code}: ${description}`);
        break;
      case "plan":
        if (change.action === "create") {
          lines.push(`plan ${change.code}: created with version 1 (${fate})`);
        } else {
          for (const description of change.descriptions) lines.push(`plan ${change.code}: ${description}`);
        }
        break;
      case "plan_version":
        lines.push(
          change.action === "edit_draft"
            ? `plan ${change.code}: draft version ${change.version} changed (${fate})`
            : `plan ${change.code}: new version from version ${change.version} (${fate})`,
        );
        for (const versionChange of change.changes) lines.push(`  ${versionChange.description}`);
        break;
    }
  }
  return lines;
}

/**
 * Applies the changes through the catalog's use cases: drafts are submitted
 * for approval, or published when `publish` is set and the environment's
 * policy allows it (checked before anything changes).
 */
export async function applyCatalogChanges(
  context: RequestContext,
  changes: readonly CatalogChange[],
  options: { publish: boolean; comment: string },
): Promise<PlanVersion[]> {
  if (options.publish) {
    const policy = await readApprovalPolicy(context.database, context);
    if (policy.publish_requires_approval) {
      throw new FairbillError({
        code: "approval_required",
        status: 409,
        detail:
          `The ${policy.environment} environment's approval policy requires approval before publishing: ` +
          "run without --publish to submit the drafts for approval. Nothing was changed.",
      });
    }
  }
  const finish = async (planId: string, version: number): Promise<PlanVersion> =>
    options.publish
      ? publishPlanVersion(context, planId, version, {})
      : submitPlanVersion(context, planId, version, { comment: options.comment });
  const versions: PlanVersion[] = [];
  for (const change of changes) {
    if (change.object === "product") {
      if (change.action === "create") await createProduct(context, { code: change.code, ...change.fields });
      else await updateProduct(context, change.id, change.fields);
    } else if (change.object === "feature") {
      if (change.action === "create") await createFeature(context, { code: change.code, ...change.fields });
      else await updateFeature(context, change.id, change.fields);
    }
  }
  for (const change of changes) {
    if (change.object === "plan" && change.action === "create") {
      const plan = await createPlan(context, {
        code: change.code,
        ...change.fields,
        version: change.content,
      });
      versions.push(await finish(plan.id, 1));
    } else if (change.object === "plan" && change.action === "update") {
      await updatePlan(context, change.id, change.fields);
    } else if (change.object === "plan_version") {
      const draft =
        change.action === "edit_draft"
          ? await updatePlanVersion(context, change.planId, change.version, change.content)
          : await createPlanVersion(context, change.planId, {
              from_version: change.version,
              ...change.content,
            });
      versions.push(await finish(change.planId, draft.version));
    }
  }
  return versions;
}

/** A version's content as a file writes it: pricing units and allowances only when it has some. */
function withoutEmptyUnits(
  content: PlanVersionContent,
): Omit<PlanVersionContent, "pricing_units" | "allowances"> &
  Partial<Pick<PlanVersionContent, "pricing_units" | "allowances">> {
  const { pricing_units: units, allowances, ...rest } = content;
  return {
    ...rest,
    ...(units.length === 0 ? {} : { pricing_units: units }),
    ...(allowances.length === 0 ? {} : { allowances }),
  };
}

function contentOfFileVersion(fileVersion: CatalogFileVersion): PlanVersionContent {
  const { version: _version, state: _state, effective_from: _effectiveFrom, ...content } = fileVersion;
  return withDefaults(content);
}

/** The name and description of an object the catalog lacks, as the file gives them. */
function newNamedFields(wanted: { name: string; description?: string | null }): NewNamedFields {
  return { name: wanted.name, description: wanted.description ?? null };
}

/** The update of a product's or plan's name and description to the file's, or undefined when they already match. */
function namedObjectUpdate<Object extends "product" | "plan">(
  object: Object,
  existing: { id: string; name: string; description: string | null },
  wanted: { code: string; name: string; description?: string | null },
): Update<Object, NamedFields> | undefined {
  const update = namedFieldChanges(existing, wanted);
  if (update.descriptions.length === 0) return undefined;
  return { object, action: "update", id: existing.id, code: wanted.code, ...update };
}

function namedFieldChanges(
  existing: { name: string; description: string | null },
  wanted: { name: string; description?: string | null },
): { fields: NamedFields; descriptions: string[] } {
  const fields: NamedFields = {};
  const descriptions: string[] = [];
  if (wanted.name !== existing.name) {
    fields.name = wanted.name;
    descriptions.push(`name "${existing.name}" → "${wanted.name}"`);
  }
  if (wanted.description !== undefined && wanted.description !== existing.description) {
    fields.description = wanted.description;
    descriptions.push(`description changed`);
  }
  return { fields, descriptions };
}
