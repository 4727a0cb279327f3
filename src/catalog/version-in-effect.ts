// Which published version of a plan is in effect at an instant: the one with
// the latest effective_from at or before it (the higher version number when
// two share a date). A retired version still counts for the time it was in
// effect; one retired before it ever took effect (a cancelled schedule) never
// counts; and when the version that would be in effect was retired by then,
// the plan is off sale and none is. Subscriptions call `versionInEffect`
// (plan-versions.ts), which reads the versions and picks with this.
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
