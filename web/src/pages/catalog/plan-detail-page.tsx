// One plan: its name and description (editable), and every version with its
// status and effective date, each linked to its page and to what changed
// from the version before it; a new draft opens from here, and subscribers
// move from one version to another (with a preview of the revenue impact).
import { useState } from "react";
import { api } from "../../api/api-client.ts";
import { useApiMutation } from "../../api/queries.ts";
import type { Plan } from "../../api/resources.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { Link } from "../../routing/link.tsx";
import { navigate } from "../../routing/router.ts";
import { planDiffPath, planVersionPath } from "../../routing/routes.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { DataTable } from "../../ui/data-table.tsx";
import { DisclosureButton } from "../../ui/disclosure-button.tsx";
import { TextField } from "../../ui/form-field.tsx";
import { InlineFormPanel } from "../../ui/form-frame.tsx";
import { useFormState } from "../../ui/form-state.ts";
import { PageHeader } from "../../ui/page-header.tsx";
import { Panel } from "../../ui/panel.tsx";
import { ErrorState } from "../../ui/states.tsx";
import { canMoveSubscribers, MoveSubscribersPanel, PlanMigrationHistory } from "./plan-migrations.tsx";
import { effectiveText, VersionStatusBadge } from "./version-status.tsx";

/** The page of one plan, once it is read (the router reads it). */
export function PlanDetailPage({ plan }: { plan: Plan }) {
  const session = useSignedInSession();
  const [editing, setEditing] = useState(false);
  const [moving, setMoving] = useState(false);
  const openDraft = useApiMutation({
    call: () => api.POST("/v1/plans/{id}/versions", { params: { path: { id: plan.id } }, body: {} }),
    invalidates: ["/v1/plans/{id}"],
    onSuccess: (draft) => navigate(`${planVersionPath(plan.id, draft.version)}/edit`),
  });
  const writable = can(session, "catalog:write");
  const movable = can(session, "billing:write") && canMoveSubscribers(plan);
  const open = plan.versions.find(
    (version) => version.state === "draft" || version.state === "pending_approval",
  );
  // Newest first, as people look for what is coming before what was.
  const versions = [...plan.versions].reverse();

  return (
    <>
      <PageHeader
        title={plan.name}
        subtitle={<code>{plan.code}</code>}
        actions={
          (writable || movable) && (
            <>
              {writable &&
                (open ? (
                  <Link to={planVersionPath(plan.id, open.version)} className="button button-primary">
                    {open.state === "draft"
                      ? `Continue draft version ${open.version}`
                      : `Review version ${open.version}`}
                  </Link>
                ) : (
                  <button
                    type="button"
                    className="button button-primary"
                    disabled={openDraft.isPending || openDraft.isSuccess}
                    onClick={() => openDraft.mutate()}
                  >
                    {openDraft.isPending || openDraft.isSuccess ? "Opening…" : "New draft version"}
                  </button>
                ))}
              {movable && (
                <DisclosureButton open={moving} onToggle={() => setMoving((value) => !value)}>
                  Move subscribers
                </DisclosureButton>
              )}
              {writable && (
                <DisclosureButton open={editing} onToggle={() => setEditing((value) => !value)}>
                  Rename
                </DisclosureButton>
              )}
            </>
          )
        }
      />
      {openDraft.error && <ErrorState error={openDraft.error} title="No draft was opened" />}
      {editing && <PlanDetailsForm plan={plan} onDone={() => setEditing(false)} />}
      {moving && <MoveSubscribersPanel plan={plan} onClose={() => setMoving(false)} />}
      {plan.description && <p className="plan-description">{plan.description}</p>}
      <Panel title="Versions">
        <DataTable
          label="Versions table"
          rows={versions}
          rowKey={(version) => version.version}
          columns={[
            {
              header: "Version",
              cell: (version) => (
                <Link to={planVersionPath(plan.id, version.version)}>Version {version.version}</Link>
              ),
            },
            { header: "Status", cell: (version) => <VersionStatusBadge status={version.status} /> },
            { header: "Effective", cell: (version) => effectiveText(version) || "—" },
            {
              header: <span className="visually-hidden">Changes</span>,
              className: "row-actions",
              cell: (version, index) => {
                const before = versions[index + 1];
                return (
                  before && (
                    <Link
                      to={planDiffPath(plan.id, before.version, version.version)}
                      className="button button-small"
                    >
                      Changes from version {before.version}
                    </Link>
                  )
                );
              },
            },
          ]}
        />
        <p className="field-hint">
          Created {formatDateTime(plan.created_at)}, updated {formatDateTime(plan.updated_at)}.
        </p>
      </Panel>
      {can(session, "billing:read") && <PlanMigrationHistory plan={plan} />}
    </>
  );
}

type PlanDetailsValues = { name: string; description: string };

const noChecks = () => ({});

function PlanDetailsForm({ plan, onDone }: { plan: Plan; onDone: () => void }) {
  const form = useFormState<PlanDetailsValues>(
    () => ({ name: plan.name, description: plan.description ?? "" }),
    noChecks,
  );
  const save = useApiMutation({
    call: (values: PlanDetailsValues) =>
      api.PATCH("/v1/plans/{id}", {
        params: { path: { id: plan.id } },
        body: {
          name: values.name.trim(),
          description: values.description.trim() === "" ? null : values.description.trim(),
        },
      }),
    invalidates: ["/v1/plans"],
  });
  const submit = async () => {
    if (await form.submit(save.mutateAsync)) onDone();
  };

  return (
    <InlineFormPanel
      title="Name and description"
      form={form}
      refusedTitle="The plan was not renamed"
      onSubmit={submit}
      submit={["Save", "Saving…"]}
      onCancel={onDone}
    >
      <TextField {...form.bind("name")} label="Plan name" required />
      <TextField {...form.bind("description")} label="Description" />
    </InlineFormPanel>
  );
}
