// API keys of this environment, each with its owner (the person, or the
// service account and the person who answers for it): create (the secret
// shown once, owned by whoever creates it), rotate with an optional overlap,
// revoke after a confirmation.
import { useCallback, useState } from "react";
import { api } from "../../api/api-client.ts";
import { useApiMutation, usePagedList } from "../../api/queries.ts";
import type { ApiKey, NewApiKey, Role } from "../../api/resources.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { roleLabels } from "../../layout/navigation.ts";
import { useSignedInSession } from "../../session/session-context.tsx";
import { ConfirmDialog, closedBy, type DialogClosing, useDialogStep } from "../../ui/confirm-dialog.tsx";
import { DataTable } from "../../ui/data-table.tsx";
import { SelectField, TextField } from "../../ui/form-field.tsx";
import { InlineFormPanel } from "../../ui/form-frame.tsx";
import { useFormState } from "../../ui/form-state.ts";
import { PageHeader } from "../../ui/page-header.tsx";
import { PagedListView } from "../../ui/paged-list-view.tsx";
import { Panel } from "../../ui/panel.tsx";
import { RowButton } from "../../ui/row-button.tsx";
import { NewSecretPanel } from "./new-secret-panel.tsx";

const roles: Role[] = ["admin", "billing_ops", "finance", "viewer", "ingest"];
const roleOptions = roles.map((role) => ({ value: role, label: roleLabels[role] ?? role }));

type PendingAction = { kind: "rotate" | "revoke"; key: ApiKey };

function KeyOwner({ owner }: { owner: ApiKey["owner"] }) {
  if (owner.kind === "person") return <>{owner.name}</>;
  return (
    <>
      {owner.name}
      <span className="muted">
        {" "}
        (service account{owner.person.id === owner.id ? "" : ` of ${owner.person.name}`})
      </span>
    </>
  );
}

export function ApiKeysPage() {
  const session = useSignedInSession();
  const list = usePagedList("/v1/api-keys", { params: { query: { limit: 50 } } });
  const [created, setCreated] = useState<NewApiKey | undefined>();
  const [pending, setPending] = useState<PendingAction | undefined>();

  return (
    <>
      <PageHeader
        title="API keys"
        subtitle={`Keys of the ${session.environment} environment. Each carries one role; secrets are shown once.`}
      />
      {created && <NewSecretPanel created={created} onDismiss={() => setCreated(undefined)} />}
      <CreateKeyForm onCreated={setCreated} />
      <Panel title="Keys">
        <PagedListView list={list} noun={["key", "keys"]} empty="No keys.">
          {(keys) => (
            <DataTable
              label="API keys table"
              rows={keys}
              rowKey={(key) => key.id}
              columns={[
                {
                  header: "Name",
                  cell: (key) => (
                    <>
                      {key.name}
                      {key.id === session.credentialId && <span className="badge">This console's key</span>}
                    </>
                  ),
                },
                { header: "Owner", cell: (key) => <KeyOwner owner={key.owner} /> },
                { header: "Role", cell: (key) => roleLabels[key.role] ?? key.role },
                { header: "Starts with", cell: (key) => <code>{key.prefix}…</code> },
                { header: "Created", cell: (key) => formatDateTime(key.created_at) },
                {
                  header: "Last used",
                  cell: (key) => (key.last_used_at ? formatDateTime(key.last_used_at) : "Never"),
                },
                { header: "Status", cell: (key) => <KeyStatus apiKey={key} /> },
                {
                  header: <span className="visually-hidden">Actions</span>,
                  className: "row-actions",
                  cell: (key) =>
                    key.revoked_at === null && (
                      <>
                        <RowButton
                          label="Rotate"
                          of={key.name}
                          onClick={() => setPending({ kind: "rotate", key })}
                        />
                        <RowButton
                          label="Revoke"
                          of={key.name}
                          onClick={() => setPending({ kind: "revoke", key })}
                          danger
                        />
                      </>
                    ),
                },
              ]}
            />
          )}
        </PagedListView>
      </Panel>
      {pending?.kind === "rotate" && (
        <RotateDialog
          apiKey={pending.key}
          isConsoleKey={pending.key.id === session.credentialId}
          onDone={(rotated) => {
            setPending(undefined);
            setCreated(rotated);
          }}
          onCancel={() => setPending(undefined)}
        />
      )}
      {pending?.kind === "revoke" && (
        <RevokeDialog
          apiKey={pending.key}
          isConsoleKey={pending.key.id === session.credentialId}
          {...closedBy(() => setPending(undefined))}
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

type KeyValues = { name: string; role: Role };

const noChecks = () => ({});

function CreateKeyForm({ onCreated }: { onCreated: (created: NewApiKey) => void }) {
  const initial = useCallback((): KeyValues => ({ name: "", role: "viewer" }), []);
  const form = useFormState<KeyValues>(initial, noChecks);
  const create = useApiMutation({
    call: (values: KeyValues) =>
      api.POST("/v1/api-keys", { body: { name: values.name.trim(), role: values.role } }),
    invalidates: ["/v1/api-keys"],
    onSuccess: onCreated,
  });
  const submit = async () => {
    if (await form.submit(create.mutateAsync)) form.reset({ ...initial(), role: form.values.role });
  };

  return (
    <InlineFormPanel
      title="Create a key"
      form={form}
      refusedTitle="The key was not created"
      onSubmit={submit}
      submit={["Create key", "Creating…"]}
    >
      <TextField
        {...form.bind("name")}
        label="Name"
        hint="What the key is for, such as “Staging ingest”."
        required
      />
      <SelectField {...form.bind("role")} label="Role" options={roleOptions} />
    </InlineFormPanel>
  );
}

/** What the rotate and revoke dialogs take: the key, and whether this console signed in with it. */
type KeyDialogProps = { apiKey: ApiKey; isConsoleKey: boolean };

const overlapOptions = [
  { value: "0", label: "At once" },
  { value: "3600", label: "In 1 hour" },
  { value: "86400", label: "In 24 hours" },
  { value: "604800", label: "In 7 days" },
];

function RotateDialog({ apiKey, isConsoleKey, ...closing }: KeyDialogProps & DialogClosing<NewApiKey>) {
  const [overlap, setOverlap] = useState("0");
  const rotate = useDialogStep(closing, {
    call: () =>
      api.POST("/v1/api-keys/{id}/rotate", {
        params: { path: { id: apiKey.id } },
        body: { previous_key_valid_for_seconds: Number(overlap) },
      }),
    invalidates: ["/v1/api-keys"],
  });

  return (
    <ConfirmDialog title={`Rotate “${apiKey.name}”?`} confirmLabel="Rotate key" {...rotate}>
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
    </ConfirmDialog>
  );
}

function RevokeDialog({ apiKey, isConsoleKey, ...closing }: KeyDialogProps & DialogClosing) {
  const revoke = useDialogStep(closing, {
    call: () => api.POST("/v1/api-keys/{id}/revoke", { params: { path: { id: apiKey.id } } }),
    invalidates: ["/v1/api-keys"],
  });

  return (
    <ConfirmDialog title={`Revoke “${apiKey.name}”?`} confirmLabel="Revoke key" {...revoke}>
      <p>
        Every request with this key (starting <code>{apiKey.prefix}…</code>) is refused from now on. This
        cannot be undone.
      </p>
      {isConsoleKey && (
        <p className="notice">This console signed in with this key: you will be signed out.</p>
      )}
    </ConfirmDialog>
  );
}
