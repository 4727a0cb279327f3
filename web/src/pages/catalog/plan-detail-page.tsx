// One plan: its name and description (editable), and every version with its
// status and effective date, each linked to its page and to what changed
// from the version before it; a new draft opens from here.
import { type FormEvent, useState } from "react";
import { type ApiError, apiRequest } from "../../api/api-client.ts";
import type { Plan, PlanVersion } from "../../api/catalog-types.ts";
import { asApiError, useApiResource } from "../../api/use-api.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { fieldErrorMap } from "../../format/field-errors.ts";
import { Link } from "../../routing/link.tsx";
import { navigate } from "../../routing/router.ts";
import { planDiffPath, planVersionPath } from "../../routing/routes.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { TextField } from "../../ui/form-field.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { ErrorState, LoadingState } from "../../ui/states.tsx";
import { TableScroll } from "../../ui/table-scroll.tsx";
import { effectiveText, VersionStatusBadge } from "./version-status.tsx";

export function PlanDetailPage({ planId }: { planId: string }) {
  const session = useSignedInSession();
  const { state, reload, replace } = useApiResource<Plan>(`/v1/plans/${encodeURIComponent(planId)}`);
  const [opening, setOpening] = useState(false);
  const [draftError, setDraftError] = useState<ApiError | undefined>();
  const [editing, setEditing] = useState(false);

  if (state.status !== "ready") {
    return (
      <>
        <PageHeader title="Plan" />
        {state.status === "loading" && <LoadingState label="Loading the plan…" />}
        {state.status === "error" && <ErrorState error={state.error} onRetry={reload} />}
      </>
    );
  }
  const plan = state.data;
  const writable = can(session, "catalog:write");
  const open = plan.versions.find(
    (version) => version.state === "draft" || version.state === "pending_approval",
  );
  // Newest first, as people look for what is coming before what was.
  const versions = [...plan.versions].reverse();

  const openDraft = async () => {
    setOpening(true);
    setDraftError(undefined);
    try {
      const draft = await apiRequest<PlanVersion>(
        "POST",
        `/v1/plans/${encodeURIComponent(plan.id)}/versions`,
        {
          body: {},
        },
      );
      navigate(`${planVersionPath(plan.id, draft.version)}/edit`);
    } catch (caught) {
      setDraftError(asApiError(caught));
      setOpening(false);
    }
  };

  return (
    <>
      <PageHeader
        title={plan.name}
        subtitle={<code>{plan.code}</code>}
        actions={
          writable && (
            <>
              {open ? (
                <Link to={planVersionPath(plan.id, open.version)} className="button button-primary">
                  {open.state === "draft"
                    ? `Continue draft version ${open.version}`
                    : `Review version ${open.version}`}
                </Link>
              ) : (
                <button
                  type="button"
                  className="button button-primary"
                  disabled={opening}
                  onClick={() => void openDraft()}
                >
                  {opening ? "Opening…" : "New draft version"}
                </button>
              )}
              <button
                type="button"
                className="button"
                aria-expanded={editing}
                onClick={() => setEditing((value) => !value)}
              >
                Rename
              </button>
            </>
          )
        }
      />
      {draftError && <ErrorState error={draftError} title="No draft was opened" />}
      {editing && (
        <PlanDetailsForm
          plan={plan}
          onSaved={(saved) => {
            replace(saved);
            setEditing(false);
          }}
          onCancel={() => setEditing(false)}
        />
      )}
      {plan.description && <p className="plan-description">{plan.description}</p>}
      <section className="panel" aria-labelledby="versions-title">
        <h2 id="versions-title">Versions</h2>
        <TableScroll label="Versions table">
          <table className="stacked-on-phone">
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Status</th>
                <th scope="col">Effective</th>
                <th scope="col">
                  <span className="visually-hidden">Changes</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {versions.map((version, index) => {
                const before = versions[index + 1];
                return (
                  <tr key={version.version}>
                    <th scope="row">
                      <Link to={planVersionPath(plan.id, version.version)}>Version {version.version}</Link>
                    </th>
                    <td data-label="Status">
                      <VersionStatusBadge status={version.status} />
                    </td>
                    <td data-label="Effective">{effectiveText(version) || "—"}</td>
                    <td className="row-actions">
                      {before && (
                        <Link
                          to={planDiffPath(plan.id, before.version, version.version)}
                          className="button button-small"
                        >
                          Changes from version {before.version}
                        </Link>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
        <p className="field-hint">
          Created {formatDateTime(plan.created_at)}, updated {formatDateTime(plan.updated_at)}.
        </p>
      </section>
    </>
  );
}

function PlanDetailsForm({
  plan,
  onSaved,
  onCancel,
}: {
  plan: Plan;
  onSaved: (plan: Plan) => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState(plan.name);
  const [description, setDescription] = useState(plan.description ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const errors = fieldErrorMap(error?.fieldErrors ?? []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const saved = await apiRequest<Plan>("PATCH", `/v1/plans/${encodeURIComponent(plan.id)}`, {
        body: { name: name.trim(), description: description.trim() === "" ? null : description.trim() },
      });
      onSaved(saved);
    } catch (caught) {
      setError(asApiError(caught));
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="plan-details-title">
      <h2 id="plan-details-title">Name and description</h2>
      <form className="inline-form" onSubmit={(event) => void submit(event)} noValidate>
        <TextField label="Plan name" value={name} onValueChange={setName} error={errors.name} required />
        <TextField
          label="Description"
          value={description}
          onValueChange={setDescription}
          error={errors.description}
        />
        <div className="filters-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? "Saving…" : "Save"}
          </button>
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
      {error && error.fieldErrors.length === 0 && (
        <p className="form-error" role="alert">
          {error.detail}
        </p>
      )}
    </section>
  );
}
