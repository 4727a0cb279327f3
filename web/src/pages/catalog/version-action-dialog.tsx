// The steps of a version's review, each confirmed in a dialog that asks for
// what the step takes: submit (with the date it should take effect and a
// comment), approve (a comment, and a date that overrides the one asked for),
// reject (a comment saying why), publish without review (now or at a date:
// a scheduled publish), retire, discard, and roll back to this version.
import { useState } from "react";
import { type ApiError, apiRequest } from "../../api/api-client.ts";
import type { PlanVersion } from "../../api/catalog-types.ts";
import { asApiError } from "../../api/use-api.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { fieldErrorMap } from "../../format/field-errors.ts";
import { instantFromLocal } from "../../format/local-instant.ts";
import { ConfirmDialog } from "../../ui/confirm-dialog.tsx";
import { TextAreaField, TextField } from "../../ui/form-field.tsx";

export type VersionAction = "submit" | "approve" | "reject" | "publish" | "retire" | "discard" | "rollback";

type ActionSpec = {
  title: (version: PlanVersion) => string;
  confirmLabel: string;
  tone: "primary" | "danger";
  explanation: (version: PlanVersion) => string;
  asksDate: boolean;
  comment: "none" | "optional" | "required";
  method: "POST" | "DELETE";
  path: (version: PlanVersion) => string;
};

const versionPath = (version: PlanVersion) =>
  `/v1/plans/${encodeURIComponent(version.plan_id)}/versions/${version.version}`;

const specs: Record<VersionAction, ActionSpec> = {
  submit: {
    title: (version) => `Submit version ${version.version} for approval?`,
    confirmLabel: "Submit for approval",
    tone: "primary",
    explanation: () =>
      "Another key holder with the right to approve reviews it. Until then it cannot be edited; a rejection sends it back to draft.",
    asksDate: true,
    comment: "optional",
    method: "POST",
    path: (version) => `${versionPath(version)}/submit`,
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
    method: "POST",
    path: (version) => `${versionPath(version)}/approve`,
  },
  reject: {
    title: (version) => `Reject version ${version.version}?`,
    confirmLabel: "Reject",
    tone: "danger",
    explanation: () => "It goes back to draft, with your comment for its author.",
    asksDate: false,
    comment: "required",
    method: "POST",
    path: (version) => `${versionPath(version)}/reject`,
  },
  publish: {
    title: (version) => `Publish version ${version.version}?`,
    confirmLabel: "Publish",
    tone: "primary",
    explanation: () =>
      "Published prices never change. Leave the date empty to publish now, or choose a later date to schedule it.",
    asksDate: true,
    comment: "none",
    method: "POST",
    path: (version) => `${versionPath(version)}/publish`,
  },
  retire: {
    title: (version) => `Retire version ${version.version}?`,
    confirmLabel: "Retire version",
    tone: "danger",
    explanation: () =>
      "It stops being in effect for anything new; its content is kept. Retiring a scheduled version cancels the schedule.",
    asksDate: false,
    comment: "none",
    method: "POST",
    path: (version) => `${versionPath(version)}/retire`,
  },
  discard: {
    title: (version) => `Discard draft version ${version.version}?`,
    confirmLabel: "Discard draft",
    tone: "danger",
    explanation: () => "The draft is deleted. Published versions are never affected.",
    asksDate: false,
    comment: "none",
    method: "DELETE",
    path: versionPath,
  },
  rollback: {
    title: (version) => `Roll back to version ${version.version}?`,
    confirmLabel: "Open a rollback draft",
    tone: "primary",
    explanation: (version) =>
      `A new draft is opened with version ${version.version}'s prices. It is reviewed and published like any other version; nothing changes until then.`,
    asksDate: false,
    comment: "none",
    method: "POST",
    path: (version) => `/v1/plans/${encodeURIComponent(version.plan_id)}/rollback`,
  },
};

export function VersionActionDialog({
  action,
  version,
  onDone,
  onCancel,
}: {
  action: VersionAction;
  version: PlanVersion;
  /** The version the step returned (for a rollback, the new draft; for a discard, the discarded one). */
  onDone: (result: PlanVersion) => void;
  onCancel: () => void;
}) {
  const spec = specs[action];
  const [effectiveFrom, setEffectiveFrom] = useState("");
  const [comment, setComment] = useState("");
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const [commentMissing, setCommentMissing] = useState(false);
  const errors = fieldErrorMap(error?.fieldErrors ?? []);
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  const confirm = async () => {
    if (spec.comment === "required" && comment.trim() === "") {
      setCommentMissing(true);
      return;
    }
    setBusy(true);
    setError(undefined);
    const body: Record<string, unknown> = {};
    if (spec.asksDate && effectiveFrom !== "") body.effective_from = instantFromLocal(effectiveFrom);
    if (spec.comment !== "none" && comment.trim() !== "") body.comment = comment.trim();
    if (action === "rollback") body.to_version = version.version;
    try {
      const result = await apiRequest<PlanVersion>(spec.method, spec.path(version), {
        ...(spec.method === "POST" ? { body } : {}),
        reason,
      });
      onDone(result);
    } catch (caught) {
      setError(asApiError(caught));
      setBusy(false);
    }
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
      busy={busy}
      onConfirm={() => void confirm()}
      onCancel={onCancel}
    >
      <p>{spec.explanation(version)}</p>
      {spec.asksDate && (
        <TextField
          label="Effective from"
          type="datetime-local"
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
      {unplacedDetail && (
        <p className="form-error" role="alert">
          {unplacedDetail}
        </p>
      )}
    </ConfirmDialog>
  );
}
