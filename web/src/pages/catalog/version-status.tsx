// A plan version's status as a badge: a draft, under review, or published and
// then scheduled, active or superseded, or retired.

import type { PlanVersionStatus, PlanVersionSummary } from "../../api/resources.ts";
import { formatDateTime } from "../../format/date-format.ts";

export const versionStatusLabels: Record<PlanVersionStatus, string> = {
  draft: "Draft",
  pending_approval: "Pending approval",
  scheduled: "Scheduled",
  active: "Active",
  superseded: "Superseded",
  retired: "Retired",
};

const badgeClasses: Record<PlanVersionStatus, string> = {
  draft: "badge badge-muted",
  pending_approval: "badge badge-warning",
  scheduled: "badge badge-scheduled",
  active: "badge badge-success",
  superseded: "badge badge-muted",
  retired: "badge badge-muted",
};

export function VersionStatusBadge({ status }: { status: PlanVersionStatus }) {
  return <span className={badgeClasses[status]}>{versionStatusLabels[status]}</span>;
}

/** "from Mar 4, 2026, 3:15 PM" for a published version; nothing for one that has no date yet. */
export function effectiveText(version: Pick<PlanVersionSummary, "status" | "effective_from">): string {
  if (version.effective_from === null) return "";
  const when = formatDateTime(version.effective_from);
  if (version.status === "scheduled") return `takes effect ${when}`;
  if (version.status === "pending_approval") return `asked for ${when}`;
  return `from ${when}`;
}
