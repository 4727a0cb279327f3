// A version's review trail: who submitted, approved, rejected or commented,
// when, and what they said; with a comment form while the version is open.
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { api } from "../../api/api-client.ts";
import { apiQuery, useApiMutation } from "../../api/queries.ts";
import type { ApprovalStep, PlanVersion } from "../../api/resources.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { roleLabels } from "../../layout/navigation.ts";
import { TextAreaField } from "../../ui/form-field.tsx";
import { SubmitButton } from "../../ui/form-frame.tsx";
import { Panel } from "../../ui/panel.tsx";
import { ResourceView } from "../../ui/resource-view.tsx";

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
  const path = { id: version.plan_id, version: version.version };
  const trail = useQuery(apiQuery("/v1/plans/{id}/versions/{version}/review", { params: { path } }));
  const open = version.state === "draft" || version.state === "pending_approval";

  return (
    <Panel title="Review">
      <ResourceView resource={trail} loadingLabel="Loading the review…" empty="Not reviewed yet.">
        {({ data: steps }) => (
          <ol className="review-trail">
            {steps.map((step) => (
              <ReviewStep key={step.id} step={step} consoleKeyId={consoleKeyId} />
            ))}
          </ol>
        )}
      </ResourceView>
      {open && canComment && <CommentForm path={path} />}
    </Panel>
  );
}

function ReviewStep({ step, consoleKeyId }: { step: ApprovalStep; consoleKeyId: string }) {
  return (
    <li className="review-step">
      <p>
        <strong>{stepLabels[step.action]}</strong> by{" "}
        {step.actor.id === consoleKeyId ? "this console's key" : <code>{step.actor.id}</code>}
        {step.actor.role && ` (${roleLabels[step.actor.role] ?? step.actor.role})`},{" "}
        <time dateTime={step.created_at}>{formatDateTime(step.created_at)}</time>
      </p>
      {step.comment && <blockquote>{step.comment}</blockquote>}
    </li>
  );
}

function CommentForm({ path }: { path: { id: string; version: number } }) {
  const [comment, setComment] = useState("");
  const [missing, setMissing] = useState(false);
  const add = useApiMutation({
    call: (text: string) =>
      api.POST("/v1/plans/{id}/versions/{version}/comments", { params: { path }, body: { comment: text } }),
    invalidates: ["/v1/plans/{id}/versions/{version}/review"],
    onSuccess: () => setComment(""),
  });
  const error = add.error;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (comment.trim() === "") {
      setMissing(true);
      return;
    }
    add.mutate(comment.trim());
  };

  return (
    <form className="comment-form" onSubmit={submit} noValidate>
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
      <SubmitButton busy={add.isPending} label="Add comment" busyLabel="Adding…" primary={false} />
    </form>
  );
}
