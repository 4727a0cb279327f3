// The approval queue: every plan version waiting for review, with the person
// who submitted it, when it should take effect and what it changes, approved
// or rejected from here by another person than its submitter; the other
// changes refused until another person approves them (credit grants,
// coupons, price overrides, plan migrations, rollouts, plan changes), with who asked and
// who decided; the versions scheduled to take effect later; and the
// environment's approval policy.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../../api/api-client.ts";
import type { GetData, ListItem } from "../../api/queries.ts";
import { apiQuery, useAllPages, useApiMutation } from "../../api/queries.ts";
import type { Plan, PlanVersionSummary, RequestBody } from "../../api/resources.ts";
import { answer } from "../../api/typed-client.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { Link } from "../../routing/link.tsx";
import { planDiffPath, planVersionPath } from "../../routing/routes.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { DataTable } from "../../ui/data-table.tsx";
import { CheckboxField } from "../../ui/form-field.tsx";
import { OutcomeMessage } from "../../ui/outcome-message.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { Panel } from "../../ui/panel.tsx";
import { ResourceView } from "../../ui/resource-view.tsx";
import { EmptyState, ErrorState } from "../../ui/states.tsx";
import { type VersionAction, VersionActionDialog } from "./version-action-dialog.tsx";

type ApprovalRequest = ListItem<"/v1/approval-requests">;

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
  const plans = useAllPages("/v1/plans");
  const [outcome, setOutcome] = useState("");

  return (
    <>
      <PageHeader
        title="Approvals"
        subtitle="Plan versions and other changes waiting for another person's review, and versions scheduled to take effect."
      />
      <OutcomeMessage message={outcome} />
      <ApprovalPolicyPanel />
      <Panel title="Waiting for review">
        <ResourceView resource={plans} loadingLabel="Loading the queue…">
          {(loaded) => <PendingTable queued={versionsWith(loaded, "pending_approval")} onDone={setOutcome} />}
        </ResourceView>
      </Panel>
      <ApprovalRequestsPanel onDone={setOutcome} />
      <Panel title="Scheduled to take effect">
        {plans.data && <ScheduledList queued={versionsWith(plans.data, "scheduled")} />}
      </Panel>
    </>
  );
}

function PendingTable({ queued, onDone }: { queued: QueuedVersion[]; onDone: (message: string) => void }) {
  if (queued.length === 0) return <EmptyState title="Nothing waits for review." />;
  return (
    <DataTable
      label="Approval queue table"
      rows={queued}
      rowKey={(entry) => `${entry.plan.id}-${entry.summary.version}`}
      columns={[
        {
          header: "Plan version",
          cell: ({ plan, summary }) => (
            <>
              <Link to={planVersionPath(plan.id, summary.version)}>{queuedLabel(plan, summary)}</Link>
              <code className="actor-id">{plan.code}</code>
            </>
          ),
        },
        { header: "Submitted", cell: (entry) => <Submission entry={entry} /> },
        {
          header: "To take effect",
          cell: ({ summary }) =>
            summary.effective_from ? formatDateTime(summary.effective_from) : "When approved",
        },
        {
          header: "Changes",
          cell: ({ plan, summary, previous }) =>
            previous === undefined ? (
              "First version"
            ) : (
              <Link to={planDiffPath(plan.id, previous, summary.version)}>
                Changes from version {previous}
                <span className="visually-hidden"> of {plan.name}</span>
              </Link>
            ),
        },
        {
          header: <span className="visually-hidden">Actions</span>,
          className: "row-actions",
          cell: (entry) => <ReviewActions entry={entry} onDone={onDone} />,
        },
      ]}
    />
  );
}

function queuedLabel(plan: Plan, summary: PlanVersionSummary): string {
  return `${plan.name} version ${summary.version}`;
}

function useQueuedVersion({ plan, summary }: QueuedVersion) {
  return useQuery(
    apiQuery("/v1/plans/{id}/versions/{version}", {
      params: { path: { id: plan.id, version: summary.version } },
    }),
  );
}

/** The person who submitted a queued version (its review trail's latest submission), and whether that is the console's person. */
function useSubmitter({ plan, summary }: QueuedVersion): { name: string; own: boolean } | undefined {
  const session = useSignedInSession();
  const trail = useQuery(
    apiQuery("/v1/plans/{id}/versions/{version}/review", {
      params: { path: { id: plan.id, version: summary.version } },
    }),
  );
  const submission = trail.data?.data.filter((step) => step.action === "submitted").at(-1);
  if (submission === undefined) return undefined;
  const person = submission.actor.person;
  return {
    name: person?.name ?? submission.actor.id,
    own: person !== null ? person.id === session.person.id : submission.actor.id === session.credentialId,
  };
}

function Submission({ entry }: { entry: QueuedVersion }) {
  const version = useQueuedVersion(entry);
  const submitter = useSubmitter(entry);
  if (version.isPending) return <>…</>;
  if (version.error) return <>{version.error.detail}</>;
  const loaded = version.data;
  if (!loaded?.submitted_at) return null;
  return (
    <>
      {formatDateTime(loaded.submitted_at)}
      {submitter && (
        <span className="actor-id">
          by{" "}
          <span className="actor-person">{submitter.own ? `you (${submitter.name})` : submitter.name}</span>
        </span>
      )}
    </>
  );
}

/** A reviewer's two answers to a submitted version, each naming the version to a screen reader. */
const reviewButtons = [
  { action: "approve", text: "Approve", className: "button-primary" },
  { action: "reject", text: "Reject", className: "button-danger" },
] as const;

function ReviewActions({ entry, onDone }: { entry: QueuedVersion; onDone: (message: string) => void }) {
  const session = useSignedInSession();
  const loaded = useQueuedVersion(entry).data;
  const submitter = useSubmitter(entry);
  const [action, setAction] = useState<VersionAction | undefined>();
  if (!loaded || !submitter) return null;
  const label = queuedLabel(entry.plan, entry.summary);
  const ownSubmission = submitter.own;
  return (
    <>
      {can(session, "catalog:approve") &&
        !ownSubmission &&
        reviewButtons.map(({ action: chosen, text, className }) => (
          <button
            key={chosen}
            type="button"
            className={`button button-small ${className}`}
            onClick={() => setAction(chosen)}
          >
            {text}
            <span className="visually-hidden"> {label}</span>
          </button>
        ))}
      {ownSubmission && <span className="muted">Another person reviews it</span>}
      {action && (
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
    </>
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
  const policyQuery = apiQuery("/v1/catalog/approval-policy");
  const policy = useQuery(policyQuery);
  const change = useApiMutation({
    call: (body: RequestBody<"/v1/catalog/approval-policy", "patch">) =>
      api.PATCH("/v1/catalog/approval-policy", { body }),
    invalidates: ["/v1/catalog/approval-policy"],
    // The checkbox shows the policy the API answered with, without waiting for a new read.
    answers: policyQuery,
  });

  return (
    <Panel title="Approval policy">
      <ResourceView resource={policy} loadingLabel="Loading the policy…">
        {(current) => (
          <>
            <p>
              {current.publish_requires_approval
                ? `In the ${current.environment} environment, a plan version is published only once another person approves it.`
                : `In the ${current.environment} environment, drafts may be published without review; submitting for approval remains possible.`}
              {current.is_default && " (The environment's default: live requires approval, test does not.)"}
            </p>
            <p>{otherApprovalsText(current.approval_required_for)}</p>
            {can(session, "settings:manage") && (
              <>
                <CheckboxField
                  label="Require approval to publish"
                  checked={current.publish_requires_approval}
                  disabled={change.isPending}
                  onCheckedChange={(checked) => change.mutate({ publish_requires_approval: checked })}
                />
                <CheckboxField
                  label="Require approval for plan changes"
                  hint="A subscription's plan change, yours or a customer's in the portal, is made when another person approves it."
                  checked={current.approval_required_for.plan_changes === true}
                  disabled={change.isPending}
                  onCheckedChange={(checked) =>
                    change.mutate({
                      approval_required_for: { ...current.approval_required_for, plan_changes: checked },
                    })
                  }
                />
              </>
            )}
            {change.error && <ErrorState error={change.error} />}
          </>
        )}
      </ResourceView>
    </Panel>
  );
}

const requestKindLabels: Record<ApprovalRequest["kind"], string> = {
  credit_grant: "Credit grant",
  coupon: "Coupon",
  price_override: "Price override",
  plan_migration: "Plan migration",
  rollout: "Rollout",
  contract: "Contract",
  plan_change: "Plan change",
};

function ApprovalRequestsPanel({ onDone }: { onDone: (message: string) => void }) {
  const session = useSignedInSession();
  const requests = useAllPages("/v1/approval-requests");
  const decide = useApiMutation({
    write: ({ id, decision }: { id: string; decision: "approve" | "reject" }) =>
      decision === "approve"
        ? answer(api.POST("/v1/approval-requests/{id}/approve", { params: { path: { id } }, body: {} }))
        : answer(api.POST("/v1/approval-requests/{id}/reject", { params: { path: { id } }, body: {} })),
    invalidates: ["/v1/approval-requests"],
    onSuccess: (request) =>
      onDone(
        request.state === "approved"
          ? `${request.summary}: approved. ${request.requested_by?.name ?? "Its author"} can now send it again to make the change.`
          : `${request.summary}: rejected.`,
      ),
  });
  return (
    <Panel title="Other changes waiting for approval">
      {decide.error && <ErrorState error={decide.error} />}
      <ResourceView
        resource={requests}
        loadingLabel="Loading the changes…"
        empty="No credit grant, coupon, price override, migration or rollout waits for approval."
      >
        {(loaded) => (
          <DataTable
            label="Approval requests table"
            rows={loaded}
            rowKey={(request) => request.id}
            columns={[
              {
                header: "Change",
                cell: (request) => (
                  <>
                    {request.summary}
                    <span className="muted"> ({requestKindLabels[request.kind]})</span>
                  </>
                ),
              },
              {
                header: "Asked by",
                cell: (request) => (
                  <>
                    <span className="actor-person">{request.requested_by?.name ?? "—"}</span>
                    <span className="actor-id">{formatDateTime(request.created_at)}</span>
                  </>
                ),
              },
              {
                header: "Status",
                cell: (request) =>
                  request.state === "pending"
                    ? "Waiting"
                    : `${request.state === "used" ? "Approved and made" : request.state === "approved" ? "Approved" : "Rejected"} by ${request.decided_by?.name ?? "—"}`,
              },
              {
                header: <span className="visually-hidden">Actions</span>,
                className: "row-actions",
                cell: (request) => {
                  if (request.state !== "pending") return null;
                  const own = request.requested_by?.id === session.person.id;
                  return (
                    <>
                      {can(session, "catalog:approve") && !own && (
                        <button
                          type="button"
                          className="button button-small button-primary"
                          disabled={decide.isPending}
                          onClick={() => decide.mutate({ id: request.id, decision: "approve" })}
                        >
                          Approve<span className="visually-hidden"> {request.summary}</span>
                        </button>
                      )}
                      {(can(session, "catalog:approve") || own) && (
                        <button
                          type="button"
                          className="button button-small button-danger"
                          disabled={decide.isPending}
                          onClick={() => decide.mutate({ id: request.id, decision: "reject" })}
                        >
                          {own ? "Withdraw" : "Reject"}
                          <span className="visually-hidden"> {request.summary}</span>
                        </button>
                      )}
                      {own && <span className="muted">Another person reviews it</span>}
                    </>
                  );
                },
              },
            ]}
          />
        )}
      </ResourceView>
    </Panel>
  );
}

type ApprovalRequiredFor = GetData<"/v1/catalog/approval-policy">["approval_required_for"];

/** The changes besides plan versions that the policy sends to another person, in a sentence. */
function otherApprovalsText(requiredFor: ApprovalRequiredFor): string {
  const money = (limits: { currency: string; amount: string }[]) =>
    limits.map((limit) => `${limit.amount} ${limit.currency}`).join(" or ");
  const parts = [
    requiredFor.credit_grants_above.length > 0 &&
      `credit grants above ${money(requiredFor.credit_grants_above)}`,
    requiredFor.coupons_above.percent !== null && `coupons above ${requiredFor.coupons_above.percent}% off`,
    requiredFor.coupons_above.amounts.length > 0 &&
      `coupons above ${money(requiredFor.coupons_above.amounts)} off`,
    requiredFor.price_overrides.discounts_above_percent !== null &&
      `price overrides above ${requiredFor.price_overrides.discounts_above_percent}% off`,
    requiredFor.price_overrides.new_prices && "price overrides that replace a price",
    requiredFor.plan_migrations && "plan migrations",
    requiredFor.rollouts && "rollouts",
    requiredFor.contracts === true && "contracts",
    requiredFor.plan_changes === true && "plan changes",
  ].filter((part): part is string => typeof part === "string");
  return parts.length === 0
    ? "No other change needs approval here."
    : `Another person also approves ${parts.join(", ")}.`;
}
