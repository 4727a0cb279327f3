// The approval queue: every plan version waiting for review, with who
// submitted it, when it should take effect and what it changes, approved or
// rejected from here by a key holder other than its submitter; the versions
// scheduled to take effect later; and the environment's approval policy.
import { useState } from "react";
import { type ApiError, apiRequest } from "../../api/api-client.ts";
import type { ApprovalPolicy, Plan, PlanVersion, PlanVersionSummary } from "../../api/catalog-types.ts";
import { asApiError, useAllPages, useApiResource } from "../../api/use-api.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { Link } from "../../routing/link.tsx";
import { planDiffPath, planVersionPath } from "../../routing/routes.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { CheckboxField } from "../../ui/form-field.tsx";
import { OutcomeMessage } from "../../ui/outcome-message.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../ui/states.tsx";
import { TableScroll } from "../../ui/table-scroll.tsx";
import { type VersionAction, VersionActionDialog } from "./version-action-dialog.tsx";

type QueuedVersion = { plan: Plan; summary: PlanVersionSummary; previous: number | undefined };

function versionsWith(plans: readonly Plan[], status: PlanVersionSummary["status"]): QueuedVersion[] {
  return plans.flatMap((plan) =>
    plan.versions
      .filter((summary) => summary.status === status)
      .map((summary) => ({
        plan,
        summary,
        previous: plan.versions.filter((other) => other.version < summary.version).at(-1)?.version,
      })),
  );
}

export function ApprovalQueuePage() {
  const plans = useAllPages<Plan>("/v1/plans");
  const [outcome, setOutcome] = useState("");

  const done = (message: string) => {
    setOutcome(message);
    plans.reload();
  };

  return (
    <>
      <PageHeader
        title="Approvals"
        subtitle="Plan versions waiting for review, and those scheduled to take effect."
      />
      <OutcomeMessage message={outcome} />
      <ApprovalPolicyPanel />
      <section className="panel" aria-labelledby="pending-title">
        <h2 id="pending-title">Waiting for review</h2>
        {plans.status === "loading" && <LoadingState label="Loading the queue…" />}
        {plans.status === "error" && <ErrorState error={plans.error} onRetry={plans.reload} />}
        {plans.status === "ready" && (
          <PendingTable queued={versionsWith(plans.data, "pending_approval")} onDone={done} />
        )}
      </section>
      <section className="panel" aria-labelledby="scheduled-title">
        <h2 id="scheduled-title">Scheduled to take effect</h2>
        {plans.status === "ready" && <ScheduledList queued={versionsWith(plans.data, "scheduled")} />}
      </section>
    </>
  );
}

function PendingTable({ queued, onDone }: { queued: QueuedVersion[]; onDone: (message: string) => void }) {
  if (queued.length === 0) return <EmptyState title="Nothing waits for review." />;
  return (
    <TableScroll label="Approval queue table">
      <table className="stacked-on-phone">
        <thead>
          <tr>
            <th scope="col">Plan version</th>
            <th scope="col">Submitted</th>
            <th scope="col">To take effect</th>
            <th scope="col">Changes</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {queued.map((entry) => (
            <PendingRow key={`${entry.plan.id}-${entry.summary.version}`} entry={entry} onDone={onDone} />
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function PendingRow({ entry, onDone }: { entry: QueuedVersion; onDone: (message: string) => void }) {
  const session = useSignedInSession();
  const { plan, summary, previous } = entry;
  const version = useApiResource<PlanVersion>(
    `/v1/plans/${encodeURIComponent(plan.id)}/versions/${summary.version}`,
  );
  const [action, setAction] = useState<VersionAction | undefined>();
  const label = `${plan.name} version ${summary.version}`;

  const loaded = version.state.status === "ready" ? version.state.data : undefined;
  const ownSubmission = loaded?.submitted_by === session.api_key_id;
  return (
    <tr>
      <th scope="row">
        <Link to={planVersionPath(plan.id, summary.version)}>{label}</Link>
        <code className="actor-id">{plan.code}</code>
      </th>
      <td data-label="Submitted">
        {version.state.status === "loading" && "…"}
        {version.state.status === "error" && version.state.error.detail}
        {loaded?.submitted_at && (
          <>
            {formatDateTime(loaded.submitted_at)}
            <span className="actor-id">
              by {ownSubmission ? "this console's key" : <code>{loaded.submitted_by}</code>}
            </span>
          </>
        )}
      </td>
      <td data-label="To take effect">
        {summary.effective_from ? formatDateTime(summary.effective_from) : "When approved"}
      </td>
      <td data-label="Changes">
        {previous === undefined ? (
          "First version"
        ) : (
          <Link to={planDiffPath(plan.id, previous, summary.version)}>
            Changes from version {previous}
            <span className="visually-hidden"> of {plan.name}</span>
          </Link>
        )}
      </td>
      <td className="row-actions">
        {loaded && can(session, "catalog:approve") && !ownSubmission && (
          <>
            <button
              type="button"
              className="button button-small button-primary"
              onClick={() => setAction("approve")}
            >
              Approve<span className="visually-hidden"> {label}</span>
            </button>
            <button
              type="button"
              className="button button-small button-danger"
              onClick={() => setAction("reject")}
            >
              Reject<span className="visually-hidden"> {label}</span>
            </button>
          </>
        )}
        {loaded && ownSubmission && <span className="muted">Another key holder reviews it</span>}
        {loaded && action && (
          <VersionActionDialog
            action={action}
            version={loaded}
            onCancel={() => setAction(undefined)}
            onDone={(result) => {
              setAction(undefined);
              onDone(
                action === "approve"
                  ? `${label} was approved and ${result.status === "scheduled" ? `takes effect ${formatDateTime(result.effective_from ?? "")}` : "is in effect"}.`
                  : `${label} was rejected and is a draft again.`,
              );
            }}
          />
        )}
      </td>
    </tr>
  );
}

function ScheduledList({ queued }: { queued: QueuedVersion[] }) {
  if (queued.length === 0) return <EmptyState title="No version is scheduled." />;
  const sorted = [...queued].sort((first, second) =>
    (first.summary.effective_from ?? "").localeCompare(second.summary.effective_from ?? ""),
  );
  return (
    <ul className="plain-list scheduled-list">
      {sorted.map(({ plan, summary }) => (
        <li key={`${plan.id}-${summary.version}`} className="scheduled-item">
          <Link to={planVersionPath(plan.id, summary.version)}>
            {plan.name} version {summary.version}
          </Link>{" "}
          takes effect {formatDateTime(summary.effective_from ?? "")}
        </li>
      ))}
    </ul>
  );
}

function ApprovalPolicyPanel() {
  const session = useSignedInSession();
  const policy = useApiResource<ApprovalPolicy>("/v1/catalog/approval-policy");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();

  const change = async (required: boolean) => {
    setBusy(true);
    setError(undefined);
    try {
      const updated = await apiRequest<ApprovalPolicy>("PATCH", "/v1/catalog/approval-policy", {
        body: { publish_requires_approval: required },
      });
      policy.replace(updated);
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="policy-title">
      <h2 id="policy-title">Approval policy</h2>
      {policy.state.status === "loading" && <LoadingState label="Loading the policy…" />}
      {policy.state.status === "error" && <ErrorState error={policy.state.error} onRetry={policy.reload} />}
      {policy.state.status === "ready" && (
        <>
          <p>
            {policy.state.data.publish_requires_approval
              ? `In the ${policy.state.data.environment} environment, a plan version is published only once another key holder approves it.`
              : `In the ${policy.state.data.environment} environment, drafts may be published without review; submitting for approval remains possible.`}
            {policy.state.data.is_default &&
              " (The environment's default: live requires approval, test does not.)"}
          </p>
          {can(session, "catalog:approve") && (
            <CheckboxField
              label="Require approval to publish"
              checked={policy.state.data.publish_requires_approval}
              disabled={busy}
              onCheckedChange={(checked) => void change(checked)}
            />
          )}
          {error && <ErrorState error={error} />}
        </>
      )}
    </section>
  );
}
