// Plans, newest first: each with the version in effect now, any scheduled
// one, and how many drafts and versions under review it has.

import type { Plan } from "../../api/resources.ts";
import { usePagedList } from "../../api/use-api.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { Link } from "../../routing/link.tsx";
import { planPath } from "../../routing/routes.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { ListFooter } from "../../ui/list-footer.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../ui/states.tsx";
import { TableScroll } from "../../ui/table-scroll.tsx";
import { effectiveText, VersionStatusBadge } from "./version-status.tsx";

export function PlanListPage() {
  const session = useSignedInSession();
  const list = usePagedList<Plan>("/v1/plans?limit=50");
  const writable = can(session, "catalog:write");
  return (
    <>
      <PageHeader
        title="Plans"
        subtitle="What customers subscribe to. Prices change through new versions, reviewed before they take effect."
        actions={
          writable && (
            <Link to="/plans/new" className="button button-primary">
              New plan
            </Link>
          )
        }
      />
      {list.state.status === "loading" && <LoadingState label="Loading plans…" />}
      {list.state.status === "error" && <ErrorState error={list.state.error} onRetry={list.reload} />}
      {list.state.status === "ready" && list.state.data.length === 0 && (
        <EmptyState title="No plans yet.">{writable && <p>Create one with “New plan”.</p>}</EmptyState>
      )}
      {list.state.status === "ready" && list.state.data.length > 0 && (
        <TableScroll label="Plans table">
          <table className="stacked-on-phone">
            <thead>
              <tr>
                <th scope="col">Plan</th>
                <th scope="col">In effect</th>
                <th scope="col">Coming</th>
                <th scope="col">Versions</th>
                <th scope="col">Updated</th>
              </tr>
            </thead>
            <tbody>
              {list.state.data.map((plan) => (
                <PlanRow key={plan.id} plan={plan} />
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <ListFooter list={list} noun={["plan", "plans"]} />
    </>
  );
}

function PlanRow({ plan }: { plan: Plan }) {
  const active = plan.versions.find((version) => version.status === "active");
  const coming = plan.versions.filter((version) =>
    ["scheduled", "pending_approval", "draft"].includes(version.status),
  );
  return (
    <tr>
      <th scope="row">
        <Link to={planPath(plan.id)}>{plan.name}</Link>
        <code className="actor-id">{plan.code}</code>
      </th>
      <td data-label="In effect">
        {active ? (
          <>
            Version {active.version} <span className="actor-id">{effectiveText(active)}</span>
          </>
        ) : (
          <span className="muted">No version in effect</span>
        )}
      </td>
      <td data-label="Coming">
        {coming.length === 0 ? (
          "—"
        ) : (
          <ul className="plain-list">
            {coming.map((version) => (
              <li key={version.version}>
                Version {version.version} <VersionStatusBadge status={version.status} />
              </li>
            ))}
          </ul>
        )}
      </td>
      <td data-label="Versions">{plan.versions.length}</td>
      <td data-label="Updated">{formatDateTime(plan.updated_at)}</td>
    </tr>
  );
}
