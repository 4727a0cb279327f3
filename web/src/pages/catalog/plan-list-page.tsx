// Plans, newest first: each with the version in effect now, any scheduled
// one, and how many drafts and versions under review it has.

import { usePagedList } from "../../api/queries.ts";
import type { Plan } from "../../api/resources.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { Link } from "../../routing/link.tsx";
import { planPath } from "../../routing/routes.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { DataTable } from "../../ui/data-table.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { PagedListView } from "../../ui/paged-list-view.tsx";
import { EmptyState } from "../../ui/states.tsx";
import { effectiveText, VersionStatusBadge } from "./version-status.tsx";

export function PlanListPage() {
  const session = useSignedInSession();
  const list = usePagedList("/v1/plans", { params: { query: { limit: 50 } } });
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
      <PagedListView
        list={list}
        noun={["plan", "plans"]}
        loadingLabel="Loading plans…"
        empty={
          <EmptyState title="No plans yet.">{writable && <p>Create one with “New plan”.</p>}</EmptyState>
        }
      >
        {(plans) => (
          <DataTable
            label="Plans table"
            rows={plans}
            rowKey={(plan) => plan.id}
            columns={[
              {
                header: "Plan",
                cell: (plan) => (
                  <>
                    <Link to={planPath(plan.id)}>{plan.name}</Link>
                    <code className="actor-id">{plan.code}</code>
                  </>
                ),
              },
              { header: "In effect", cell: (plan) => <ActiveVersion plan={plan} /> },
              { header: "Coming", cell: (plan) => <ComingVersions plan={plan} /> },
              { header: "Versions", cell: (plan) => plan.versions.length },
              { header: "Updated", cell: (plan) => formatDateTime(plan.updated_at) },
            ]}
          />
        )}
      </PagedListView>
    </>
  );
}

function ActiveVersion({ plan }: { plan: Plan }) {
  const active = plan.versions.find((version) => version.status === "active");
  if (!active) return <span className="muted">No version in effect</span>;
  return (
    <>
      Version {active.version} <span className="actor-id">{effectiveText(active)}</span>
    </>
  );
}

function ComingVersions({ plan }: { plan: Plan }) {
  const coming = plan.versions.filter((version) =>
    ["scheduled", "pending_approval", "draft"].includes(version.status),
  );
  if (coming.length === 0) return <>—</>;
  return (
    <ul className="plain-list">
      {coming.map((version) => (
        <li key={version.version}>
          Version {version.version} <VersionStatusBadge status={version.status} />
        </li>
      ))}
    </ul>
  );
}
