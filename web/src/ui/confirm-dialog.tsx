// A modal question before something that cannot be undone (revoking a key,
// archiving a customer). The native <dialog> keeps focus inside, closes on
// Escape and returns focus to the button that opened it.
import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import type { ApiError } from "../api/api-error.ts";
import { type ApiWrite, useApiMutation } from "../api/queries.ts";
import { TextField } from "./form-field.tsx";

type ConfirmDialogProps = {
  open: boolean;
  title: string;
  confirmLabel: string;
  busy?: boolean;
  /** "danger" for what cannot be undone (the default), "primary" for a step forward. */
  tone?: "danger" | "primary";
  onConfirm: () => void;
  onCancel: () => void;
  /** Why the last confirmation was refused, shown above the buttons. */
  error?: string | undefined;
  children?: ReactNode;
};

/**
 * How a dialog that changes one thing is closed: `onDone` once the change is
 * made (with what the API answered, when the page needs it), `onCancel` without it.
 */
export type DialogClosing<Result = unknown> = { onDone: (result: Result) => void; onCancel: () => void };

/** A dialog closed the same way whether its change was made or not: the page behind it shows the outcome. */
export function closedBy(close: () => void): DialogClosing {
  return { onDone: close, onCancel: close };
}

/**
 * The action a page's buttons ask for in a dialog (finalize an invoice, pause
 * a subscription), and what the last one done did: `ask` opens the action's
 * dialog, `asking` is the action whose dialog is open, `closing` closes it,
 * and once the action is done `outcome` says so.
 */
export function useActionOutcome<Action extends string>(outcomes: Record<Action, string>) {
  const [asking, ask] = useState<Action | undefined>();
  const [outcome, setOutcome] = useState("");
  const closing: DialogClosing = {
    onCancel: () => ask(undefined),
    onDone: () => {
      ask(undefined);
      if (asking) setOutcome(outcomes[asking]);
    },
  };
  return { asking, ask, outcome, closing };
}

export function ConfirmDialog({
  open,
  title,
  confirmLabel,
  busy = false,
  tone = "danger",
  onConfirm,
  onCancel,
  error,
  children,
}: ConfirmDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={titleId} onClose={() => open && onCancel()}>
      <form
        method="dialog"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          onConfirm();
        }}
      >
        <h2 id={titleId}>{title}</h2>
        {children}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className={`button button-${tone}`} disabled={busy}>
            {busy ? "Working…" : confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}

/**
 * A ConfirmDialog that also asks why (archiving a customer, voiding credits):
 * the reason is kept in the audit log. Optional unless `reasonRequired`; a
 * required reason left empty is marked, and nothing is sent.
 */
export function ReasonDialog({
  onConfirm,
  reasonRequired = false,
  reasonHint = reasonRequired ? undefined : "Optional. Kept in the audit log.",
  reasonError,
  children,
  ...dialog
}: Omit<ConfirmDialogProps, "onConfirm"> & {
  onConfirm: (reason: string) => void;
  reasonRequired?: boolean;
  reasonHint?: string | undefined;
  /** The API's message about the reason. */
  reasonError?: string | undefined;
}) {
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState(false);
  const confirm = () => {
    if (reasonRequired && reason.trim() === "") setMissing(true);
    else onConfirm(reasonRequired ? reason.trim() : reason);
  };
  return (
    <ConfirmDialog {...dialog} onConfirm={confirm}>
      {children}
      <TextField
        label="Reason"
        required={reasonRequired || undefined}
        hint={reasonHint}
        value={reason}
        onValueChange={(value) => {
          setReason(value);
          setMissing(false);
        }}
        error={missing ? "is required" : reasonError}
      />
    </ConfirmDialog>
  );
}

/**
 * What a dialog that takes one step shows while it runs: busy, the API's
 * refusal, and the step itself on confirm (spread into ConfirmDialog, or
 * into ReasonDialog, whose step takes the reason).
 */
export function confirming<Variables = void>(step: {
  isPending: boolean;
  error: ApiError | null;
  mutate: (variables: Variables) => void;
}) {
  return {
    busy: step.isPending,
    error: step.error?.detail,
    onConfirm: (variables: Variables) => step.mutate(variables),
  };
}

/**
 * A dialog that takes one step on confirm (revoke a key, archive a coupon):
 * the step's write, made once confirmed, closes the dialog with `onDone` (and
 * its result); until then the dialog shows it busy and the API's refusal.
 * Spread into ConfirmDialog, or into ReasonDialog, whose step takes the reason.
 */
export function useDialogStep<Variables = void, Result = unknown>(
  { onDone, onCancel }: DialogClosing<NoInfer<Result>>,
  write: ApiWrite<Variables, Result>,
) {
  const step = useApiMutation({ ...write, onSuccess: onDone });
  return { open: true, ...confirming<Variables>(step), onCancel };
}
