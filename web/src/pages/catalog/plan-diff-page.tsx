// What changed between two versions of a plan, in the API's words ("charge
// api_calls graduated tier 2 unit price 0.002 → 0.0015"), with the field each
// change is at. The two versions are chosen in the address (?from=1&to=2).
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { apiQuery } from "../../api/queries.ts";
import type { Plan } from "../../api/resources.ts";
import { Link } from "../../routing/link.tsx";
import { navigate, useLocation } from "../../routing/router.ts";
import { planDiffPath, planPath, planVersionPath } from "../../routing/routes.ts";
import { DataTable } from "../../ui/data-table.tsx";
import { SelectField } from "../../ui/form-field.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { ResourceView } from "../../ui/resource-view.tsx";
import { EmptyState } from "../../ui/states.tsx";
import { versionStatusLabels } from "./version-status.tsx";

const changeLabels = { added: "Added", removed: "Removed", changed: "Changed" } as const;

function versionParameter(query: URLSearchParams, name: string): number | undefined {
  const value = query.get(name);
  return value !== null && /^[1-9]\d{0,6}$/.test(value) ? Number(value) : undefined;
}

/** The page of one plan, once it is read (the router reads it). */
export function PlanDiffPage({ plan }: { plan: Plan }) {
  const { query } = useLocation();
  const latest = plan.versions.at(-1)?.version ?? 1;
  const to = versionParameter(query, "to") ?? latest;
  const from = versionParameter(query, "from") ?? Math.max(1, to - 1);

  return (
    <>
      <PageHeader
        title={`Compare versions of ${plan.name}`}
        subtitle={
          <>
            <Link to={planPath(plan.id)}>{plan.name}</Link> <code>{plan.code}</code>
          </>
        }
      />
      <VersionPicker key={`${from}-${to}`} plan={plan} from={from} to={to} />
      {from === to ? (
        <EmptyState title="Choose two different versions to compare." />
      ) : (
        <DiffView plan={plan} from={from} to={to} />
      )}
    </>
  );
}

function VersionPicker({ plan, from, to }: { plan: Plan; from: number; to: number }) {
  const [fromValue, setFromValue] = useState(String(from));
  const [toValue, setToValue] = useState(String(to));
  const options = plan.versions.map((version) => ({
    value: String(version.version),
    label: `Version ${version.version} (${versionStatusLabels[version.status].toLowerCase()})`,
  }));
  const compare = (event: FormEvent) => {
    event.preventDefault();
    navigate(planDiffPath(plan.id, Number(fromValue), Number(toValue)));
  };
  return (
    <form className="inline-form" onSubmit={compare} aria-label="Versions to compare">
      <SelectField label="From" value={fromValue} onValueChange={setFromValue} options={options} />
      <SelectField label="To" value={toValue} onValueChange={setToValue} options={options} />
      <div className="filters-actions">
        <button type="submit" className="button">
          Compare
        </button>
      </div>
    </form>
  );
}

function DiffView({ plan, from, to }: { plan: Plan; from: number; to: number }) {
  const diff = useQuery(
    apiQuery("/v1/plans/{id}/versions/{version}/diff/{other_version}", {
      params: { path: { id: plan.id, version: from, other_version: to } },
    }),
  );
  return (
    <ResourceView resource={diff} loadingLabel="Comparing…">
      {({ changes }) => (
        <section className="panel" aria-labelledby="diff-title">
          <h2 id="diff-title">
            From <Link to={planVersionPath(plan.id, from)}>version {from}</Link> to{" "}
            <Link to={planVersionPath(plan.id, to)}>version {to}</Link>
          </h2>
          {changes.length === 0 ? (
            <EmptyState title="No difference that bills differently." />
          ) : (
            <>
              <p>
                {changes.length} {changes.length === 1 ? "change" : "changes"}.
              </p>
              <DataTable
                label="Changes table"
                rows={changes}
                rowKey={(change) => `${change.path} ${change.change}`}
                columns={[
                  {
                    header: "Change",
                    cell: (change) => (
                      <span className={`badge badge-change-${change.change}`}>
                        {changeLabels[change.change]}
                      </span>
                    ),
                  },
                  {
                    header: "What",
                    rowHeader: true,
                    className: "diff-description",
                    cell: (change) => change.description,
                  },
                  { header: "Field", cell: (change) => <code>{change.path}</code> },
                ]}
              />
            </>
          )}
        </section>
      )}
    </ResourceView>
  );
}
