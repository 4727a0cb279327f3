// One version of a plan: where it stands in its review, the steps its state
// and the key's role allow (edit, submit, approve or reject, publish now or at
// a date, retire, discard, open a new draft, roll back), its content in words,
// and its review trail.
import { useState } from "react";
import { type ApiError, apiRequest } from "../../api/api-client.ts";
import type { ApprovalPolicy, Plan, PlanVersion } from "../../api/catalog-types.ts";
import { asApiError, useApiResource } from "../../api/use-api.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { Link } from "../../routing/link.tsx";
import { navigate } from "../../routing/router.ts";
import { planDiffPath, planPath, planVersionPath } from "../../routing/routes.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { OutcomeMessage } from "../../ui/outcome-message.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { ErrorState, LoadingState } from "../../ui/states.tsx";
import { ReviewTrail } from "./review-trail.tsx";
import { type VersionAction, VersionActionDialog } from "./version-action-dialog.tsx";
import { Detail, VersionContentView } from "./version-content-view.tsx";
import { effectiveText, VersionStatusBadge } from "./version-status.tsx";

export function PlanVersionPage({ planId, version }: { planId: string; version: number }) {
  const planRequest = useApiResource<Plan>(`/v1/plans/${encodeURIComponent(planId)}`);
  const versionRequest = useApiResource<PlanVersion>(
    `/v1/plans/${encodeURIComponent(planId)}/versions/${version}`,
  );
  const policy = useApiResource<ApprovalPolicy>("/v1/catalog/approval-policy");
  const [reviewGeneration, setReviewGeneration] = useState(0);
  const [outcome, setOutcome] = useState("");

  const title =
    planRequest.state.status === "ready"
      ? `${planRequest.state.data.name}, version ${version}`
      : `Version ${version}`;
  for (const request of [planRequest, versionRequest, policy]) {
    if (request.state.status === "error") {
      return (
        <>
          <PageHeader title={title} />
          <ErrorState error={request.state.error} onRetry={request.reload} />
        </>
      );
    }
  }
  if (
    planRequest.state.status !== "ready" ||
    versionRequest.state.status !== "ready" ||
    policy.state.status !== "ready"
  ) {
    return (
      <>
        <PageHeader title={title} />
        <LoadingState label="Loading the version…" />
      </>
    );
  }
  const plan = planRequest.state.data;
  const planVersion = versionRequest.state.data;
  const refresh = (updated: PlanVersion, done: string) => {
    // The plan itself (its name, which version came before) is unchanged by a step.
    versionRequest.replace(updated);
    setReviewGeneration((generation) => generation + 1);
    setOutcome(done);
  };
  const previous = plan.versions.filter((other) => other.version < version).at(-1);

  return (
    <>
      <PageHeader
        title={title}
        subtitle={
          <>
            <Link to={planPath(plan.id)}>{plan.name}</Link> <code>{plan.code}</code>{" "}
            <VersionStatusBadge status={planVersion.status} />
          </>
        }
        actions={
          previous && (
            <Link to={planDiffPath(plan.id, previous.version, version)} className="button">
              Compare with version {previous.version}
            </Link>
          )
        }
      />
      <OutcomeMessage message={outcome} />
      <VersionWorkflow version={planVersion} policy={policy.state.data} onChanged={refresh} />
      <section className="panel" aria-labelledby="version-state-title">
        <h2 id="version-state-title">Status</h2>
        <dl className="details">
          <Detail term="Status">
            <VersionStatusBadge status={planVersion.status} /> {effectiveText(planVersion)}
          </Detail>
          <Detail term="Copied from">
            {planVersion.copied_from_version !== null && (
              <Link to={planVersionPath(plan.id, planVersion.copied_from_version)}>
                Version {planVersion.copied_from_version}
              </Link>
            )}
          </Detail>
          <Detail term="Created">
            {formatDateTime(planVersion.created_at)} by <code>{planVersion.created_by}</code>
          </Detail>
          <Detail term="Submitted">
            {planVersion.submitted_at && (
              <>
                {formatDateTime(planVersion.submitted_at)} by <code>{planVersion.submitted_by}</code>
              </>
            )}
          </Detail>
          <Detail term="Approved">
            {planVersion.approved_at && (
              <>
                {formatDateTime(planVersion.approved_at)} by <code>{planVersion.approved_by}</code>
              </>
            )}
          </Detail>
          <Detail term="Published">
            {planVersion.published_at && formatDateTime(planVersion.published_at)}
          </Detail>
          {planVersion.retired_at && <Detail term="Retired">{formatDateTime(planVersion.retired_at)}</Detail>}
        </dl>
      </section>
      <VersionContentView content={planVersion} />
      <ReviewTrailForVersion key={reviewGeneration} version={planVersion} />
    </>
  );
}

function ReviewTrailForVersion({ version }: { version: PlanVersion }) {
  const session = useSignedInSession();
  return (
    <ReviewTrail
      version={version}
      canComment={can(session, "catalog:write")}
      consoleKeyId={session.api_key_id}
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
  const [draftError, setDraftError] = useState<ApiError | undefined>();
  const [opening, setOpening] = useState(false);
  const writable = can(session, "catalog:write");
  const approver = can(session, "catalog:approve");
  const ownSubmission = version.submitted_by === session.api_key_id;

  const openDraft = async () => {
    setOpening(true);
    setDraftError(undefined);
    try {
      const draft = await apiRequest<PlanVersion>(
        "POST",
        `/v1/plans/${encodeURIComponent(version.plan_id)}/versions`,
        { body: { from_version: version.version } },
      );
      navigate(`${planVersionPath(draft.plan_id, draft.version)}/edit`);
    } catch (caught) {
      setDraftError(asApiError(caught));
      setOpening(false);
    }
  };

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
        onClick={() => void openDraft()}
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
      {draftError && <ErrorState error={draftError} title="No draft was opened" />}
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
