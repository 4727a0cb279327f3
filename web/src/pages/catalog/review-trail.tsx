// A version's review trail: who submitted, approved, rejected or commented,
// when, and what they said; with a comment form while the version is open.
import { type FormEvent, useState } from "react";
import { type ApiError, apiRequest } from "../../api/api-client.ts";
import type { ApprovalStep, PlanVersion } from "../../api/catalog-types.ts";
import { asApiError, useApiResource } from "../../api/use-api.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { roleLabels } from "../../layout/navigation.ts";
import { TextAreaField } from "../../ui/form-field.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../ui/states.tsx";

const stepLabels: Record<ApprovalStep["action"], string> = {
  submitted: "Submitted for approval",
  approved: "Approved",
  rejected: "Rejected",
  commented: "Commented",
};

export function ReviewTrail({
  version,
  canComment,
  consoleKeyId,
}: {
  version: PlanVersion;
  canComment: boolean;
  consoleKeyId: string;
}) {
  const path = `/v1/plans/${encodeURIComponent(version.plan_id)}/versions/${version.version}/review`;
  const trail = useApiResource<{ data: ApprovalStep[] }>(path);
  const open = version.state === "draft" || version.state === "pending_approval";

  return (
    <section className="panel" aria-labelledby="review-title">
      <h2 id="review-title">Review</h2>
      {trail.state.status === "loading" && <LoadingState label="Loading the review…" />}
      {trail.state.status === "error" && <ErrorState error={trail.state.error} onRetry={trail.reload} />}
      {trail.state.status === "ready" && trail.state.data.data.length === 0 && (
        <EmptyState title="Not reviewed yet." />
      )}
      {trail.state.status === "ready" && trail.state.data.data.length > 0 && (
        <ol className="review-trail">
          {trail.state.data.data.map((step) => (
            <li key={step.id} className="review-step">
              <p>
                <strong>{stepLabels[step.action]}</strong> by{" "}
                {step.actor.id === consoleKeyId ? "this console's key" : <code>{step.actor.id}</code>}
                {step.actor.role && ` (${roleLabels[step.actor.role] ?? step.actor.role})`},{" "}
                <time dateTime={step.created_at}>{formatDateTime(step.created_at)}</time>
              </p>
              {step.comment && <blockquote>{step.comment}</blockquote>}
            </li>
          ))}
        </ol>
      )}
      {open && canComment && (
        <CommentForm path={path.replace(/\/review$/, "/comments")} onAdded={trail.reload} />
      )}
    </section>
  );
}

function CommentForm({ path, onAdded }: { path: string; onAdded: () => void }) {
  const [comment, setComment] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const [missing, setMissing] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (comment.trim() === "") {
      setMissing(true);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await apiRequest<ApprovalStep>("POST", path, { body: { comment: comment.trim() } });
      setComment("");
      onAdded();
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="comment-form" onSubmit={(event) => void submit(event)} noValidate>
      <TextAreaField
        label="Add a comment"
        rows={2}
        value={comment}
        onValueChange={(value) => {
          setComment(value);
          setMissing(false);
        }}
        error={missing ? "is empty" : error?.fieldErrors[0]?.message}
      />
      {error && error.fieldErrors.length === 0 && (
        <p className="form-error" role="alert">
          {error.detail}
        </p>
      )}
      <button type="submit" className="button" disabled={busy}>
        {busy ? "Adding…" : "Add comment"}
      </button>
    </form>
  );
}
