// What a customer may use, and how much is left: entitlements resolved from
// the plan versions of the customer's subscriptions, the customer's own
// grants (which win, feature by feature), and the usage so far in the current
// period for metered features. Pure: the caller reads the data.

import type { FeatureKind } from "../catalog/index.ts";
import { Decimal, maxDecimal, ZERO } from "../core/index.ts";

export type FeatureDefinition = {
  readonly code: string;
  readonly name: string;
  readonly kind: FeatureKind;
  readonly meterCode: string | null;
};

export type EntitlementTerms = {
  readonly feature: string;
  readonly value?: unknown;
  /** A metered feature's limit per period as a decimal string; null is unlimited. */
  readonly limit?: string | null;
};

export type ResolvedEntitlement = {
  feature: string;
  name: string;
  kind: FeatureKind;
  /** Whether the customer may use the feature now. */
  allowed: boolean;
  value: unknown;
  limit: string | null;
  /** Usage of the feature's meter in the current period; null when it is not known. */
  used: string | null;
  /** limit − used, never below 0; null when unlimited or when usage is not known. */
  remaining: string | null;
  source: "plan" | "grant";
};

export type EntitlementInputs = {
  readonly features: ReadonlyMap<string, FeatureDefinition>;
  readonly planEntitlements: readonly EntitlementTerms[];
  readonly grants: readonly EntitlementTerms[];
  /** Usage so far in the period per meter code; a meter left out has unknown usage. */
  readonly usageByMeter: ReadonlyMap<string, Decimal>;
};

/**
 * The entitlements of several plan versions as one list, for a customer with
 * several subscriptions: a metered feature gets the largest limit (unlimited
 * beats any), and a static feature the value of the first version, in the
 * order given, that sets one.
 */
export function combinePlanEntitlements(
  versions: readonly (readonly EntitlementTerms[])[],
): EntitlementTerms[] {
  const combined = new Map<string, EntitlementTerms>();
  for (const entitlements of versions) {
    for (const entitlement of entitlements) {
      const known = combined.get(entitlement.feature);
      if (known === undefined) {
        combined.set(entitlement.feature, entitlement);
      } else if (known.value === undefined && entitlement.value !== undefined) {
        combined.set(entitlement.feature, { ...known, value: entitlement.value });
      } else if (known.limit !== undefined || entitlement.limit !== undefined) {
        // A metered feature without a limit is unlimited.
        const limit = largerLimit(known.limit ?? null, entitlement.limit ?? null);
        combined.set(entitlement.feature, { ...known, limit });
      }
    }
  }
  return [...combined.values()];
}

function largerLimit(left: string | null, right: string | null): string | null {
  if (left === null || right === null) return null;
  return new Decimal(left).lessThan(new Decimal(right)) ? right : left;
}

/**
 * One entry per entitled feature, by feature code. A metered feature whose
 * usage is not known stays allowed (with `used` null) rather than locking a
 * paying customer out on missing data.
 */
export function resolveEntitlements(inputs: EntitlementInputs): ResolvedEntitlement[] {
  const terms = new Map<string, { terms: EntitlementTerms; source: "plan" | "grant" }>();
  for (const entitlement of inputs.planEntitlements)
    terms.set(entitlement.feature, { terms: entitlement, source: "plan" });
  for (const grant of inputs.grants) terms.set(grant.feature, { terms: grant, source: "grant" });
  const resolved: ResolvedEntitlement[] = [];
  for (const [code, { terms: entitlement, source }] of [...terms].sort(([left], [right]) =>
    left < right ? -1 : 1,
  )) {
    const feature = inputs.features.get(code);
    if (feature === undefined) continue;
    const base = { feature: code, name: feature.name, kind: feature.kind, source };
    if (feature.kind !== "metered") {
      resolved.push({
        ...base,
        allowed: true,
        value: feature.kind === "static" ? (entitlement.value ?? null) : null,
        limit: null,
        used: null,
        remaining: null,
      });
      continue;
    }
    const limit = entitlement.limit ?? null;
    const used = feature.meterCode === null ? undefined : inputs.usageByMeter.get(feature.meterCode);
    const limitAmount = limit === null ? null : new Decimal(limit);
    resolved.push({
      ...base,
      allowed: limitAmount === null || used === undefined || used.lessThan(limitAmount),
      value: null,
      limit,
      used: used === undefined ? null : used.toFixed(),
      remaining:
        limitAmount === null || used === undefined
          ? null
          : maxDecimal(ZERO, limitAmount.minus(used)).toFixed(),
    });
  }
  return resolved;
}
