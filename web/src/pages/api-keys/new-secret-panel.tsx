// A key's secret, shown once right after it was made (created or rotated):
// the API keeps only a hash, so this is the only chance to copy it.
import { useEffect, useRef } from "react";
import type { NewApiKey } from "../../api/resources.ts";
import { CopyButton } from "../../ui/copy-button.tsx";

export function NewSecretPanel({ created, onDismiss }: { created: NewApiKey; onDismiss: () => void }) {
  const panel = useRef<HTMLElement>(null);
  useEffect(() => {
    panel.current?.focus();
  }, []);

  return (
    <section className="panel panel-highlight" aria-labelledby="new-secret-title" tabIndex={-1} ref={panel}>
      <h2 id="new-secret-title">Copy the new key “{created.api_key.name}” now</h2>
      <p>
        This is the only time Fairbill shows it: only a hash is stored. Keep it in your secret store; it
        carries the <strong>{created.api_key.role}</strong> role in the{" "}
        <strong>{created.api_key.environment}</strong> environment.
      </p>
      <div className="secret-row">
        <label htmlFor="new-secret" className="visually-hidden">
          New API key
        </label>
        <input id="new-secret" className="secret" readOnly value={created.secret} spellCheck={false} />
        <CopyButton text={created.secret} targetId="new-secret" label="Copy key" />
      </div>
      <button type="button" className="button" onClick={onDismiss}>
        I have saved it
      </button>
    </section>
  );
}
