// The steps of a version's review, each confirmed in a dialog that asks for
// what the step takes: submit (with the date it should take effect and a
// comment), approve (a comment, and a date that overrides the one asked for),
// reject (a comment saying why), publish without review (now or at a date:
// a scheduled publish), retire, discard, and roll back to this version.
import { useState } from "react";
import { api, reasonHeader } from "../../api/api-client.ts";
import { useApiMutation } from "../../api/queries.ts";
import type { PlanVersion } from "../../api/resources.ts";
import { answer } from "../../api/typed-client.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { fieldErrorMap } from "../../format/field-errors.ts";
import { instantIfGiven } from "../../format/local-instant.ts";
import { ConfirmDialog, type DialogClosing } from "../../ui/confirm-dialog.tsx";
import { DateTimeField, TextAreaField, TextField } from "../../ui/form-field.tsx";

export type VersionAction = "submit" | "approve" | "reject" | "publish" | "retire" | "discard" | "rollback";

/** What the dialog asked for: a date (empty for none) and a comment (empty for none). */
type StepInput = { effectiveFrom: string; comment: string };

type ActionSpec = {
  title: (version: PlanVersion) => string;
  confirmLabel: string;
  tone: "primary" | "danger";
  explanation: (version: PlanVersion) => string;
  asksDate: boolean;
  comment: "none" | "optional" | "required";
  /** Takes the step; answers the version it returned. */
  take: (version: PlanVersion, input: StepInput, reason: string) => Promise<PlanVersion>;
};

function versionRequest(version: PlanVersion, reason: string) {
  return {
    params: { path: { id: version.plan_id, version: version.version }, header: reasonHeader(reason) },
  };
}

function dated(input: StepInput): { effective_from?: string } {
  return instantIfGiven("effective_from", input.effectiveFrom);
}

function commented(input: StepInput): { comment?: string } {
  return input.comment.trim() === "" ? {} : { comment: input.comment.trim() };
}

/** The steps of review, each a POST of the version's own path. */
type ReviewStep = "submit" | "approve" | "reject" | "publish" | "retire";

/**
 * Takes a step of review with what its dialog asked for: the date where it
 * asks for one, the comment where it takes one.
 */
function reviewStep(step: ReviewStep): ActionSpec["take"] {
  return (version, input, reason) => {
    const { asksDate, comment } = specs[step];
    return answer(
      api.POST(`/v1/plans/{id}/versions/{version}/${step}`, {
        ...versionRequest(version, reason),
        body: { ...(asksDate ? dated(input) : {}), ...(comment === "none" ? {} : commented(input)) },
      }),
    );
  };
}

const specs: Record<VersionAction, ActionSpec> = {
  submit: {
    title: (version) => `Submit version ${version.version} for approval?`,
    confirmLabel: "Submit for approval",
    tone: "primary",
    explanation: () =>
      "Another key holder with the right to approve reviews it. Until then it cannot be edited; a rejection sends it back to draft.",
    asksDate: true,
    comment: "optional",
    take: reviewStep("submit"),
  },
  approve: {
    title: (version) => `Approve version ${version.version}?`,
    confirmLabel: "Approve and publish",
    tone: "primary",
    explanation: (version) =>
      version.effective_from
        ? `Approving publishes it. It was submitted to take effect ${formatDateTime(version.effective_from)}; a date given here replaces that.`
        : "Approving publishes it, in effect at once unless a date is given here.",
    asksDate: true,
    comment: "optional",
    take: reviewStep("approve"),
  },
  reject: {
    title: (version) => `Reject version ${version.version}?`,
    confirmLabel: "Reject",
    tone: "danger",
    explanation: () => "It goes back to draft, with your comment for its author.",
    asksDate: false,
    comment: "required",
    take: reviewStep("reject"),
  },
  publish: {
    title: (version) => `Publish version ${version.version}?`,
    confirmLabel: "Publish",
    tone: "primary",
    explanation: () =>
      "Published prices never change. Leave the date empty to publish now, or choose a later date to schedule it.",
    asksDate: true,
    comment: "none",
    take: reviewStep("publish"),
  },
  retire: {
    title: (version) => `Retire version ${version.version}?`,
    confirmLabel: "Retire version",
    tone: "danger",
    explanation: () =>
      "It stops being in effect for anything new; its content is kept. Retiring a scheduled version cancels the schedule.",
    asksDate: false,
    comment: "none",
    take: reviewStep("retire"),
  },
  discard: {
    title: (version) => `Discard draft version ${version.version}?`,
    confirmLabel: "Discard draft",
    tone: "danger",
    explanation: () => "The draft is deleted. Published versions are never affected.",
    asksDate: false,
    comment: "none",
    take: (version, _input, reason) =>
      answer(api.DELETE("/v1/plans/{id}/versions/{version}", versionRequest(version, reason))),
  },
  rollback: {
    title: (version) => `Roll back to version ${version.version}?`,
    confirmLabel: "Open a rollback draft",
    tone: "primary",
    explanation: (version) =>
      `A new draft is opened with version ${version.version}'s prices. It is reviewed and published like any other version; nothing changes until then.`,
    asksDate: false,
    comment: "none",
    take: (version, _input, reason) =>
      answer(
        api.POST("/v1/plans/{id}/rollback", {
          params: { path: { id: version.plan_id }, header: reasonHeader(reason) },
          body: { to_version: version.version },
        }),
      ),
  },
};

/** Done with the version the step returned: for a rollback, the new draft; for a discard, the discarded one. */
export function VersionActionDialog({
  action,
  version,
  onDone,
  onCancel,
}: {
  action: VersionAction;
  version: PlanVersion;
} & DialogClosing<PlanVersion>) {
  const spec = specs[action];
  const [effectiveFrom, setEffectiveFrom] = useState("");
  const [comment, setComment] = useState("");
  const [reason, setReason] = useState("");
  const [commentMissing, setCommentMissing] = useState(false);
  // Every step changes the plan's versions (a rollback adds one).
  const step = useApiMutation({
    write: () => spec.take(version, { effectiveFrom, comment }, reason),
    invalidates: ["/v1/plans"],
    onSuccess: onDone,
  });
  const error = step.error ?? undefined;
  const errors = fieldErrorMap(error?.fieldErrors ?? []);
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  const confirm = () => {
    if (spec.comment === "required" && comment.trim() === "") {
      setCommentMissing(true);
      return;
    }
    step.mutate();
  };

  const placed = new Set(["effective_from", "comment"]);
  const unplacedDetail =
    error &&
    (error.fieldErrors.length === 0 || error.fieldErrors.some((field) => !placed.has(field.path.slice(2))))
      ? error.detail
      : undefined;

  return (
    <ConfirmDialog
      open
      title={spec.title(version)}
      confirmLabel={
        spec.asksDate && effectiveFrom !== "" && action === "publish" ? "Schedule publish" : spec.confirmLabel
      }
      tone={spec.tone}
      busy={step.isPending}
      error={unplacedDetail}
      onConfirm={confirm}
      onCancel={onCancel}
    >
      <p>{spec.explanation(version)}</p>
      {spec.asksDate && (
        <DateTimeField
          label="Effective from"
          value={effectiveFrom}
          onValueChange={setEffectiveFrom}
          hint={`Optional, in your time zone (${timeZone}). Not in the past.`}
          error={errors.effective_from}
        />
      )}
      {spec.comment !== "none" && (
        <TextAreaField
          label={spec.comment === "required" ? "Comment" : "Comment (optional)"}
          required={spec.comment === "required"}
          rows={3}
          value={comment}
          onValueChange={(value) => {
            setComment(value);
            setCommentMissing(false);
          }}
          hint={action === "reject" ? "Why it is rejected: its author reads this." : undefined}
          error={commentMissing ? "is required: say why" : errors.comment}
        />
      )}
      <TextField
        label="Reason"
        hint="Optional. Kept in the audit log."
        value={reason}
        onValueChange={setReason}
      />
    </ConfirmDialog>
  );
}
