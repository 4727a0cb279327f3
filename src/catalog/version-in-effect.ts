// Which published version of a plan is in effect at an instant: the one with
// the latest effective_from at or before it (the higher version number when
// two share a date). A retired version still counts for the time it was in
// effect; one retired before it ever took effect (a cancelled schedule) never
// counts; and when the version that would be in effect was retired by then,
// the plan is off sale and none is. Subscriptions call `versionInEffect`.
import type { TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import type { PlanVersionStatus } from "./plan-schemas.ts";
import type { PlanVersionState } from "./tables.ts";

export type VersionTiming = {
  version: number;
  state: PlanVersionState;
  effectiveFrom: Date | null;
  retiredAt: Date | null;
};

function tookEffect(version: VersionTiming): version is VersionTiming & { effectiveFrom: Date } {
  if (version.state !== "published" && version.state !== "retired") return false;
  if (version.effectiveFrom === null) return false;
  return version.retiredAt === null || version.retiredAt > version.effectiveFrom;
}

export function pickVersionInEffect<Version extends VersionTiming>(
  versions: readonly Version[],
  at: Date,
): (Version & { effectiveFrom: Date }) | undefined {
  let latest: (Version & { effectiveFrom: Date }) | undefined;
  for (const version of versions) {
    if (!tookEffect(version) || version.effectiveFrom > at) continue;
    if (
      latest === undefined ||
      version.effectiveFrom > latest.effectiveFrom ||
      (version.effectiveFrom.getTime() === latest.effectiveFrom.getTime() && version.version > latest.version)
    ) {
      latest = version;
    }
  }
  if (latest === undefined) return undefined;
  return latest.retiredAt !== null && latest.retiredAt <= at ? undefined : latest;
}

/** Each version's status at `now`: a published version is scheduled, active or superseded. */
export function statusesAt(versions: readonly VersionTiming[], now: Date): Map<number, PlanVersionStatus> {
  const inEffect = pickVersionInEffect(versions, now);
  const statuses = new Map<number, PlanVersionStatus>();
  for (const version of versions) {
    let status: PlanVersionStatus;
    if (version.state !== "published") status = version.state;
    else if (version.effectiveFrom !== null && version.effectiveFrom > now) status = "scheduled";
    else status = version === inEffect ? "active" : "superseded";
    statuses.set(version.version, status);
  }
  return statuses;
}

export type VersionInEffect = { planVersionId: string; version: number; effectiveFrom: Date };

/**
 * The version of a plan in effect at `at`, or undefined when none is (not yet
 * published, or retired). One indexed read of the plan's published versions.
 */
export async function versionInEffect(
  database: Database,
  scope: TenantScope,
  planId: string,
  at: Date,
): Promise<VersionInEffect | undefined> {
  const rows = await database
    .selectFrom("plan_versions")
    .select(["id", "version", "state", "effective_from", "retired_at"])
    .where("organization_id", "=", scope.organizationId)
    .where("environment_id", "=", scope.environmentId)
    .where("plan_id", "=", planId)
    .where("state", "in", ["published", "retired"])
    .where("effective_from", "<=", at)
    .execute();
  const picked = pickVersionInEffect(
    rows.map((row) => ({
      id: row.id,
      version: row.version,
      state: row.state,
      effectiveFrom: row.effective_from,
      retiredAt: row.retired_at,
    })),
    at,
  );
  return picked
    ? { planVersionId: picked.id, version: picked.version, effectiveFrom: picked.effectiveFrom }
    : undefined;
}
