// A secret shown once, right after it was made (an API key, a webhook's
// signing secret): the API keeps only a hash, so this is the only chance to
// copy it. The panel takes the focus so that it is read first.
import { type ReactNode, useEffect, useId, useRef } from "react";
import { CopyButton } from "./copy-button.tsx";

export function SecretPanel({
  title,
  secret,
  secretLabel,
  copyLabel,
  inputId,
  onDismiss,
  children,
}: {
  title: ReactNode;
  secret: string;
  /** The input's name for screen readers ("New API key"). */
  secretLabel: string;
  copyLabel: string;
  inputId: string;
  onDismiss: () => void;
  /** What the secret is for and how to keep it. */
  children: ReactNode;
}) {
  const panel = useRef<HTMLElement>(null);
  const titleId = useId();
  useEffect(() => {
    panel.current?.focus();
  }, []);
  return (
    <section className="panel panel-highlight" aria-labelledby={titleId} tabIndex={-1} ref={panel}>
      <h2 id={titleId}>{title}</h2>
      {children}
      <div className="secret-row">
        <label htmlFor={inputId} className="visually-hidden">
          {secretLabel}
        </label>
        <input id={inputId} className="secret" readOnly value={secret} spellCheck={false} />
        <CopyButton text={secret} targetId={inputId} label={copyLabel} />
      </div>
      <button type="button" className="button" onClick={onDismiss}>
        I have saved it
      </button>
    </section>
  );
}
