// API keys of this environment: create (the secret shown once), rotate with
// an optional overlap, revoke after a confirmation.
import { type FormEvent, useState } from "react";
import { type ApiError, apiRequest } from "../../api/api-client.ts";
import type { ApiKey, NewApiKey, Role } from "../../api/api-types.ts";
import { asApiError, usePagedList } from "../../api/use-api.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { fieldErrorMap } from "../../format/field-errors.ts";
import { roleLabels } from "../../layout/navigation.ts";
import { useSignedInSession } from "../../session/session-context.tsx";
import { ConfirmDialog } from "../../ui/confirm-dialog.tsx";
import { SelectField, TextField } from "../../ui/form-field.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../ui/states.tsx";
import { TableScroll } from "../../ui/table-scroll.tsx";
import { NewSecretPanel } from "./new-secret-panel.tsx";

const roleOptions = (["admin", "billing_ops", "finance", "viewer", "ingest"] as Role[]).map((role) => ({
  value: role,
  label: roleLabels[role] ?? role,
}));

type PendingAction = { kind: "rotate" | "revoke"; key: ApiKey };

export function ApiKeysPage() {
  const session = useSignedInSession();
  const list = usePagedList<ApiKey>("/v1/api-keys?limit=50");
  const [created, setCreated] = useState<NewApiKey | undefined>();
  const [pending, setPending] = useState<PendingAction | undefined>();

  const showSecret = (newKey: NewApiKey) => {
    setCreated(newKey);
    list.reload();
  };

  return (
    <>
      <PageHeader
        title="API keys"
        subtitle={`Keys of the ${session.environment} environment. Each carries one role; secrets are shown once.`}
      />
      {created && <NewSecretPanel created={created} onDismiss={() => setCreated(undefined)} />}
      <CreateKeyForm onCreated={showSecret} />
      <section className="panel" aria-labelledby="keys-title">
        <h2 id="keys-title">Keys</h2>
        {list.state.status === "loading" && <LoadingState label="Loading keys…" />}
        {list.state.status === "error" && <ErrorState error={list.state.error} onRetry={list.reload} />}
        {list.state.status === "ready" && list.state.data.length === 0 && <EmptyState title="No keys." />}
        {list.state.status === "ready" && list.state.data.length > 0 && (
          <TableScroll label="API keys table">
            <table className="stacked-on-phone">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Role</th>
                  <th scope="col">Starts with</th>
                  <th scope="col">Created</th>
                  <th scope="col">Last used</th>
                  <th scope="col">Status</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.state.data.map((key) => (
                  <tr key={key.id}>
                    <th scope="row">
                      {key.name}
                      {key.id === session.api_key_id && <span className="badge">This console's key</span>}
                    </th>
                    <td data-label="Role">{roleLabels[key.role] ?? key.role}</td>
                    <td data-label="Starts with">
                      <code>{key.prefix}…</code>
                    </td>
                    <td data-label="Created">{formatDateTime(key.created_at)}</td>
                    <td data-label="Last used">
                      {key.last_used_at ? formatDateTime(key.last_used_at) : "Never"}
                    </td>
                    <td data-label="Status">
                      <KeyStatus apiKey={key} />
                    </td>
                    <td className="row-actions">
                      {key.revoked_at === null && (
                        <>
                          <button
                            type="button"
                            className="button button-small"
                            onClick={() => setPending({ kind: "rotate", key })}
                          >
                            Rotate<span className="visually-hidden"> {key.name}</span>
                          </button>
                          <button
                            type="button"
                            className="button button-small button-danger"
                            onClick={() => setPending({ kind: "revoke", key })}
                          >
                            Revoke<span className="visually-hidden"> {key.name}</span>
                          </button>
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        {list.hasMore && (
          <button type="button" className="button" onClick={list.loadMore} disabled={list.loadingMore}>
            {list.loadingMore ? "Loading…" : "Load more"}
          </button>
        )}
      </section>
      {pending?.kind === "rotate" && (
        <RotateDialog
          apiKey={pending.key}
          isConsoleKey={pending.key.id === session.api_key_id}
          onDone={(rotated) => {
            setPending(undefined);
            showSecret(rotated);
          }}
          onCancel={() => setPending(undefined)}
        />
      )}
      {pending?.kind === "revoke" && (
        <RevokeDialog
          apiKey={pending.key}
          isConsoleKey={pending.key.id === session.api_key_id}
          onDone={() => {
            setPending(undefined);
            list.reload();
          }}
          onCancel={() => setPending(undefined)}
        />
      )}
    </>
  );
}

function KeyStatus({ apiKey }: { apiKey: ApiKey }) {
  if (apiKey.revoked_at !== null) {
    const future = new Date(apiKey.revoked_at).getTime() > Date.now();
    return (
      <span className={future ? "badge badge-warning" : "badge badge-muted"}>
        {future ? "Stops working " : "Revoked "}
        {formatDateTime(apiKey.revoked_at)}
      </span>
    );
  }
  if (apiKey.expires_at !== null)
    return <span className="badge">Expires {formatDateTime(apiKey.expires_at)}</span>;
  return <span className="badge badge-success">Active</span>;
}

function CreateKeyForm({ onCreated }: { onCreated: (created: NewApiKey) => void }) {
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("viewer");
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const errors = fieldErrorMap(error?.fieldErrors ?? []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const created = await apiRequest<NewApiKey>("POST", "/v1/api-keys", {
        body: { name: name.trim(), role },
      });
      setName("");
      onCreated(created);
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="create-key-title">
      <h2 id="create-key-title">Create a key</h2>
      <form className="inline-form" onSubmit={(event) => void submit(event)} noValidate>
        <TextField
          label="Name"
          hint="What the key is for, such as “Staging ingest”."
          value={name}
          onValueChange={setName}
          error={errors.name}
          required
        />
        <SelectField
          label="Role"
          value={role}
          onValueChange={(value) => setRole(value as Role)}
          options={roleOptions}
          error={errors.role}
        />
        <div className="filters-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? "Creating…" : "Create key"}
          </button>
        </div>
      </form>
      {error && error.fieldErrors.length === 0 && (
        <p className="form-error" role="alert">
          {error.detail}
        </p>
      )}
    </section>
  );
}

const overlapOptions = [
  { value: "0", label: "At once" },
  { value: "3600", label: "In 1 hour" },
  { value: "86400", label: "In 24 hours" },
  { value: "604800", label: "In 7 days" },
];

function RotateDialog({
  apiKey,
  isConsoleKey,
  onDone,
  onCancel,
}: {
  apiKey: ApiKey;
  isConsoleKey: boolean;
  onDone: (rotated: NewApiKey) => void;
  onCancel: () => void;
}) {
  const [overlap, setOverlap] = useState("0");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const rotate = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const rotated = await apiRequest<NewApiKey>(
        "POST",
        `/v1/api-keys/${encodeURIComponent(apiKey.id)}/rotate`,
        {
          body: { previous_key_valid_for_seconds: Number(overlap) },
        },
      );
      onDone(rotated);
    } catch (caught) {
      setError(asApiError(caught).detail);
      setBusy(false);
    }
  };

  return (
    <ConfirmDialog
      open
      title={`Rotate “${apiKey.name}”?`}
      confirmLabel="Rotate key"
      busy={busy}
      onConfirm={() => void rotate()}
      onCancel={onCancel}
    >
      <p>A new key with the same name and role replaces this one. Its secret is shown once.</p>
      <SelectField
        label="The old key stops working"
        value={overlap}
        onValueChange={setOverlap}
        options={overlapOptions}
      />
      {isConsoleKey && overlap === "0" && (
        <p className="notice">This console signed in with this key: you will be signed out.</p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </ConfirmDialog>
  );
}

function RevokeDialog({
  apiKey,
  isConsoleKey,
  onDone,
  onCancel,
}: {
  apiKey: ApiKey;
  isConsoleKey: boolean;
  onDone: () => void;
  onCancel: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const revoke = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await apiRequest<ApiKey>("POST", `/v1/api-keys/${encodeURIComponent(apiKey.id)}/revoke`);
      onDone();
    } catch (caught) {
      setError(asApiError(caught).detail);
      setBusy(false);
    }
  };

  return (
    <ConfirmDialog
      open
      title={`Revoke “${apiKey.name}”?`}
      confirmLabel="Revoke key"
      busy={busy}
      onConfirm={() => void revoke()}
      onCancel={onCancel}
    >
      <p>
        Every request with this key (starting <code>{apiKey.prefix}…</code>) is refused from now on. This
        cannot be undone.
      </p>
      {isConsoleKey && (
        <p className="notice">This console signed in with this key: you will be signed out.</p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </ConfirmDialog>
  );
}
