// A key's secret, shown once right after it was made (created or rotated):
// the API keeps only a hash, so this is the only chance to copy it.
import type { NewApiKey } from "../../api/resources.ts";
import { SecretPanel } from "../../ui/secret-panel.tsx";

export function NewSecretPanel({ created, onDismiss }: { created: NewApiKey; onDismiss: () => void }) {
  return (
    <SecretPanel
      title={`Copy the new key “${created.api_key.name}” now`}
      secret={created.secret}
      secretLabel="New API key"
      copyLabel="Copy key"
      inputId="new-secret"
      onDismiss={onDismiss}
    >
      <p>
        This is the only time Fairbill shows it: only a hash is stored. Keep it in your secret store; it
        carries the <strong>{created.api_key.role}</strong> role in the{" "}
        <strong>{created.api_key.environment}</strong> environment.
      </p>
    </SecretPanel>
  );
}
