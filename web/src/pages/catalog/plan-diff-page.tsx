// What changed between two versions of a plan, in the API's words ("charge
// api_calls graduated tier 2 unit price 0.002 → 0.0015"), with the field each
// change is at. The two versions are chosen in the address (?from=1&to=2).
import { type FormEvent, useState } from "react";
import type { Plan, PlanVersionDiff } from "../../api/catalog-types.ts";
import { useApiResource } from "../../api/use-api.ts";
import { Link } from "../../routing/link.tsx";
import { navigate, useLocation } from "../../routing/router.ts";
import { planDiffPath, planPath, planVersionPath } from "../../routing/routes.ts";
import { SelectField } from "../../ui/form-field.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../ui/states.tsx";
import { TableScroll } from "../../ui/table-scroll.tsx";
import { versionStatusLabels } from "./version-status.tsx";

const changeLabels = { added: "Added", removed: "Removed", changed: "Changed" } as const;

function versionParameter(query: URLSearchParams, name: string): number | undefined {
  const value = query.get(name);
  return value !== null && /^[1-9]\d{0,6}$/.test(value) ? Number(value) : undefined;
}

export function PlanDiffPage({ planId }: { planId: string }) {
  const { query } = useLocation();
  const planRequest = useApiResource<Plan>(`/v1/plans/${encodeURIComponent(planId)}`);

  if (planRequest.state.status !== "ready") {
    return (
      <>
        <PageHeader title="Compare versions" />
        {planRequest.state.status === "loading" && <LoadingState label="Loading the plan…" />}
        {planRequest.state.status === "error" && (
          <ErrorState error={planRequest.state.error} onRetry={planRequest.reload} />
        )}
      </>
    );
  }
  const plan = planRequest.state.data;
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
  const diff = useApiResource<PlanVersionDiff>(
    `/v1/plans/${encodeURIComponent(plan.id)}/versions/${from}/diff/${to}`,
  );
  if (diff.state.status === "loading") return <LoadingState label="Comparing…" />;
  if (diff.state.status === "error") return <ErrorState error={diff.state.error} onRetry={diff.reload} />;
  const { changes } = diff.state.data;
  return (
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
          <TableScroll label="Changes table">
            <table className="stacked-on-phone">
              <thead>
                <tr>
                  <th scope="col">Change</th>
                  <th scope="col">What</th>
                  <th scope="col">Field</th>
                </tr>
              </thead>
              <tbody>
                {changes.map((change) => (
                  <tr key={`${change.path} ${change.change}`}>
                    <td data-label="Change">
                      <span className={`badge badge-change-${change.change}`}>
                        {changeLabels[change.change]}
                      </span>
                    </td>
                    <th scope="row" className="diff-description">
                      {change.description}
                    </th>
                    <td data-label="Field">
                      <code>{change.path}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
    </section>
  );
}
