// One version of a plan: where it stands in its review, the steps its state
// and the key's role allow (edit, submit, approve or reject, publish now or at
// a date, retire, discard, open a new draft, roll back), its content in words,
// and its review trail.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../../api/api-client.ts";
import { apiQuery, useApiMutation } from "../../api/queries.ts";
import type { ApprovalPolicy, PlanVersion } from "../../api/resources.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { Link } from "../../routing/link.tsx";
import { navigate } from "../../routing/router.ts";
import { planDiffPath, planPath, planVersionPath } from "../../routing/routes.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { Detail } from "../../ui/detail.tsx";
import { OutcomeMessage } from "../../ui/outcome-message.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { DetailsPanel } from "../../ui/panel.tsx";
import { ErrorState, LoadingState } from "../../ui/states.tsx";
import { ReviewTrail } from "./review-trail.tsx";
import { type VersionAction, VersionActionDialog } from "./version-action-dialog.tsx";
import { VersionContentView } from "./version-content-view.tsx";
import { effectiveText, VersionStatusBadge } from "./version-status.tsx";

export function PlanVersionPage({ planId, version }: { planId: string; version: number }) {
  const queryClient = useQueryClient();
  const plan = useQuery(apiQuery("/v1/plans/{id}", { params: { path: { id: planId } } }));
  const versionQuery = apiQuery("/v1/plans/{id}/versions/{version}", {
    params: { path: { id: planId, version } },
  });
  const planVersion = useQuery(versionQuery);
  const policy = useQuery(apiQuery("/v1/catalog/approval-policy"));
  const [outcome, setOutcome] = useState("");

  const title = plan.data ? `${plan.data.name}, version ${version}` : `Version ${version}`;
  const failed = [plan, planVersion, policy].find((request) => request.error);
  if (failed?.error) {
    return (
      <>
        <PageHeader title={title} />
        <ErrorState error={failed.error} onRetry={() => void failed.refetch()} />
      </>
    );
  }
  if (!plan.data || !planVersion.data || !policy.data) {
    return (
      <>
        <PageHeader title={title} />
        <LoadingState label="Loading the version…" />
      </>
    );
  }
  const loadedPlan = plan.data;
  const loaded = planVersion.data;
  const refresh = (updated: PlanVersion, done: string) => {
    // The step answered with the version as it is now: shown at once, before the reads come back.
    queryClient.setQueryData(versionQuery.queryKey, updated);
    setOutcome(done);
  };
  const previous = loadedPlan.versions.filter((other) => other.version < version).at(-1);

  return (
    <>
      <PageHeader
        title={title}
        subtitle={
          <>
            <Link to={planPath(loadedPlan.id)}>{loadedPlan.name}</Link> <code>{loadedPlan.code}</code>{" "}
            <VersionStatusBadge status={loaded.status} />
          </>
        }
        actions={
          previous && (
            <Link to={planDiffPath(loadedPlan.id, previous.version, version)} className="button">
              Compare with version {previous.version}
            </Link>
          )
        }
      />
      <OutcomeMessage message={outcome} />
      <VersionWorkflow version={loaded} policy={policy.data} onChanged={refresh} />
      <DetailsPanel title="Status">
        <Detail term="Status">
          <VersionStatusBadge status={loaded.status} /> {effectiveText(loaded)}
        </Detail>
        <Detail term="Copied from">
          {loaded.copied_from_version !== null && (
            <Link to={planVersionPath(loadedPlan.id, loaded.copied_from_version)}>
              Version {loaded.copied_from_version}
            </Link>
          )}
        </Detail>
        <Detail term="Created">
          {formatDateTime(loaded.created_at)} by <code>{loaded.created_by}</code>
        </Detail>
        <Detail term="Submitted">
          {loaded.submitted_at && (
            <>
              {formatDateTime(loaded.submitted_at)} by <code>{loaded.submitted_by}</code>
            </>
          )}
        </Detail>
        <Detail term="Approved">
          {loaded.approved_at && (
            <>
              {formatDateTime(loaded.approved_at)} by <code>{loaded.approved_by}</code>
            </>
          )}
        </Detail>
        <Detail term="Published">{loaded.published_at && formatDateTime(loaded.published_at)}</Detail>
        {loaded.retired_at && <Detail term="Retired">{formatDateTime(loaded.retired_at)}</Detail>}
      </DetailsPanel>
      <VersionContentView content={loaded} />
      <ReviewTrailForVersion version={loaded} />
    </>
  );
}

function ReviewTrailForVersion({ version }: { version: PlanVersion }) {
  const session = useSignedInSession();
  return (
    <ReviewTrail
      version={version}
      canComment={can(session, "catalog:write")}
      consoleKeyId={session.credentialId}
    />
  );
}

/** The buttons of the steps this version and this key allow, and the dialog of the chosen one. */
function VersionWorkflow({
  version,
  policy,
  onChanged,
}: {
  version: PlanVersion;
  policy: ApprovalPolicy;
  onChanged: (version: PlanVersion, outcome: string) => void;
}) {
  const session = useSignedInSession();
  const [action, setAction] = useState<VersionAction | undefined>();
  const openDraft = useApiMutation({
    call: () =>
      api.POST("/v1/plans/{id}/versions", {
        params: { path: { id: version.plan_id } },
        body: { from_version: version.version },
      }),
    invalidates: ["/v1/plans/{id}"],
    onSuccess: (draft) => navigate(`${planVersionPath(draft.plan_id, draft.version)}/edit`),
  });
  const opening = openDraft.isPending || openDraft.isSuccess;
  const writable = can(session, "catalog:write");
  const approver = can(session, "catalog:approve");
  const ownSubmission = version.submitted_by === session.credentialId;

  const button = (step: VersionAction, label: string, className = "button") => (
    <button type="button" className={className} onClick={() => setAction(step)}>
      {label}
    </button>
  );

  const buttons = [];
  if (version.state === "draft" && writable) {
    buttons.push(
      <Link
        key="edit"
        to={`${planVersionPath(version.plan_id, version.version)}/edit`}
        className="button button-primary"
      >
        Edit draft
      </Link>,
      <span key="submit">
        {button(
          "submit",
          "Submit for approval",
          policy.publish_requires_approval ? "button button-primary" : "button",
        )}
      </span>,
    );
    if (!policy.publish_requires_approval)
      buttons.push(<span key="publish">{button("publish", "Publish")}</span>);
    buttons.push(<span key="discard">{button("discard", "Discard draft", "button button-danger")}</span>);
  }
  if (version.state === "pending_approval" && approver && !ownSubmission) {
    buttons.push(
      <span key="approve">{button("approve", "Approve", "button button-primary")}</span>,
      <span key="reject">{button("reject", "Reject", "button button-danger")}</span>,
    );
  }
  if ((version.state === "published" || version.state === "retired") && writable) {
    buttons.push(
      <button
        key="draft"
        type="button"
        className="button"
        disabled={opening}
        onClick={() => openDraft.mutate()}
      >
        {opening ? "Opening…" : "New draft from this version"}
      </button>,
    );
    if (version.status !== "active" && version.status !== "scheduled") {
      buttons.push(<span key="rollback">{button("rollback", "Roll back to this version")}</span>);
    }
    if (version.state === "published") {
      buttons.push(<span key="retire">{button("retire", "Retire", "button button-danger")}</span>);
    }
  }

  return (
    <>
      {version.state === "pending_approval" && (
        <p className="notice" role="status">
          {ownSubmission
            ? "This console's key submitted this version: another key holder with the right to approve must review it."
            : approver
              ? "This version waits for your review."
              : "This version waits for review by a key holder with the right to approve (an admin key)."}
        </p>
      )}
      {version.state === "draft" && policy.publish_requires_approval && writable && (
        <p className="field-hint">
          The {policy.environment} environment requires approval: submit the draft, and another key holder
          approves it.
        </p>
      )}
      {buttons.length > 0 && <div className="page-actions workflow-actions">{buttons}</div>}
      {openDraft.error && <ErrorState error={openDraft.error} title="No draft was opened" />}
      {action && (
        <VersionActionDialog
          action={action}
          version={version}
          onCancel={() => setAction(undefined)}
          onDone={(result) => {
            setAction(undefined);
            if (action === "discard") navigate(planPath(version.plan_id));
            else if (action === "rollback") navigate(planVersionPath(result.plan_id, result.version));
            else onChanged(result, outcomeOf(action, result));
          }}
        />
      )}
    </>
  );
}

function outcomeOf(action: VersionAction, version: PlanVersion): string {
  const name = `Version ${version.version}`;
  switch (action) {
    case "submit":
      return `${name} was submitted for approval.`;
    case "reject":
      return `${name} was rejected and is a draft again.`;
    case "retire":
      return `${name} was retired.`;
    default:
      return version.status === "scheduled"
        ? `${name} is published and ${effectiveText(version)}.`
        : `${name} is published and in effect.`;
  }
}
