// The people of this environment, for admins: invite someone by email with
// a role here (the invitation link is emailed), change a person's role in
// this environment, deactivate or reactivate them; and the invitations sent,
// which can be revoked while pending.
import { useState } from "react";
import { api } from "../../api/api-client.ts";
import { useAllPages, useApiMutation } from "../../api/queries.ts";
import type { Role } from "../../api/resources.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { fieldErrorMap } from "../../format/field-errors.ts";
import { roleLabels } from "../../layout/navigation.ts";
import { useSignedInSession } from "../../session/session-context.tsx";
import { DataTable } from "../../ui/data-table.tsx";
import { EmailField, PersonNameField, SelectField } from "../../ui/form-field.tsx";
import { OutcomeMessage } from "../../ui/outcome-message.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { Panel } from "../../ui/panel.tsx";
import { ResourceView } from "../../ui/resource-view.tsx";
import { RowButton } from "../../ui/row-button.tsx";
import { ErrorState } from "../../ui/states.tsx";

const roles: Role[] = ["admin", "billing_ops", "finance", "viewer", "ingest"];
const roleOptions = roles.map((role) => ({ value: role, label: roleLabels[role] ?? role }));

export function UsersPage() {
  const session = useSignedInSession();
  const [outcome, setOutcome] = useState("");
  return (
    <>
      <PageHeader
        title="People"
        subtitle={`People and service accounts with a role in the ${session.environment} environment, and invitations sent.`}
      />
      <OutcomeMessage message={outcome} />
      <InviteForm onDone={setOutcome} />
      <UsersPanel onDone={setOutcome} />
      <InvitationsPanel onDone={setOutcome} />
    </>
  );
}

function InviteForm({ onDone }: { onDone: (message: string) => void }) {
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("billing_ops");
  const invite = useApiMutation({
    call: () => api.POST("/v1/invitations", { body: { email: email.trim(), name: name.trim(), role } }),
    invalidates: ["/v1/invitations", "/v1/users"],
    onSuccess: (invitation) => {
      onDone(
        `${invitation.name} was invited as ${roleLabels[invitation.role] ?? invitation.role}; the link is on its way to ${invitation.email}.`,
      );
      setEmail("");
      setName("");
    },
  });
  const fields = fieldErrorMap(invite.error?.fieldErrors ?? []);
  return (
    <Panel title="Invite someone">
      <form
        className="inline-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          invite.mutate();
        }}
      >
        <PersonNameField value={name} onValueChange={setName} error={fields.name} />
        <EmailField value={email} onValueChange={setEmail} error={fields.email} />
        <SelectField
          label="Role"
          name="role"
          value={role}
          onValueChange={(value) => setRole(value as Role)}
          options={roleOptions}
        />
        {invite.error && invite.error.fieldErrors.length === 0 && <ErrorState error={invite.error} />}
        <button type="submit" className="button button-primary" disabled={invite.isPending}>
          Send the invitation
        </button>
      </form>
    </Panel>
  );
}

function UsersPanel({ onDone }: { onDone: (message: string) => void }) {
  const session = useSignedInSession();
  const users = useAllPages("/v1/users");
  const update = useApiMutation({
    call: ({ id, change }: { id: string; change: { role?: Role; disabled?: boolean } }) =>
      api.PATCH("/v1/users/{id}", { params: { path: { id } }, body: change }),
    invalidates: ["/v1/users", "/v1/api-keys"],
    onSuccess: (user, { change }) =>
      onDone(
        change.disabled === undefined
          ? `${user.name} is now ${roleLabels[user.role ?? ""] ?? user.role} here.`
          : change.disabled
            ? `${user.name} was deactivated: they cannot sign in, and their sessions ended.`
            : `${user.name} was reactivated.`,
      ),
  });
  return (
    <Panel title="People and service accounts">
      {update.error && <ErrorState error={update.error} />}
      <ResourceView resource={users} loadingLabel="Loading people…" empty="Nobody has a role here yet.">
        {(loaded) => (
          <DataTable
            label="People table"
            rows={loaded}
            rowKey={(user) => user.id}
            columns={[
              {
                header: "Name",
                cell: (user) => (
                  <>
                    {user.name}
                    {user.id === session.person.id && <span className="badge">You</span>}
                    {user.kind === "service_account" && (
                      <span className="muted">
                        {" "}
                        (service account{user.owner ? ` of ${user.owner.name}` : ""})
                      </span>
                    )}
                  </>
                ),
              },
              { header: "Email", cell: (user) => user.email ?? "—" },
              {
                header: "Role here",
                cell: (user) => (
                  <SelectField
                    label={`Role of ${user.name}`}
                    value={user.role ?? ""}
                    disabled={update.isPending || user.id === session.person.id}
                    onValueChange={(value) => update.mutate({ id: user.id, change: { role: value as Role } })}
                    options={roleOptions}
                  />
                ),
              },
              {
                header: "Second factor",
                cell: (user) => (user.kind === "person" ? (user.second_factor_enabled ? "On" : "Off") : "—"),
              },
              {
                header: "Status",
                cell: (user) =>
                  user.disabled_at ? `Deactivated ${formatDateTime(user.disabled_at)}` : "Active",
              },
              {
                header: <span className="visually-hidden">Actions</span>,
                className: "row-actions",
                cell: (user) =>
                  user.id !== session.person.id && (
                    <button
                      type="button"
                      className={`button button-small${user.disabled_at ? "" : " button-danger"}`}
                      disabled={update.isPending}
                      onClick={() =>
                        update.mutate({ id: user.id, change: { disabled: user.disabled_at === null } })
                      }
                    >
                      {user.disabled_at ? "Reactivate" : "Deactivate"}
                      <span className="visually-hidden"> {user.name}</span>
                    </button>
                  ),
              },
            ]}
          />
        )}
      </ResourceView>
    </Panel>
  );
}

function InvitationsPanel({ onDone }: { onDone: (message: string) => void }) {
  const invitations = useAllPages("/v1/invitations");
  const revoke = useApiMutation({
    call: (id: string) => api.POST("/v1/invitations/{id}/revoke", { params: { path: { id } } }),
    invalidates: ["/v1/invitations"],
    onSuccess: (invitation) => onDone(`The invitation of ${invitation.name} was revoked.`),
  });
  return (
    <Panel title="Invitations">
      {revoke.error && <ErrorState error={revoke.error} />}
      <ResourceView resource={invitations} loadingLabel="Loading invitations…" empty="No invitations sent.">
        {(loaded) => (
          <DataTable
            label="Invitations table"
            rows={loaded}
            rowKey={(invitation) => invitation.id}
            columns={[
              { header: "Name", cell: (invitation) => invitation.name },
              { header: "Email", cell: (invitation) => invitation.email },
              { header: "Role", cell: (invitation) => roleLabels[invitation.role] ?? invitation.role },
              { header: "Invited by", cell: (invitation) => invitation.invited_by.name },
              { header: "Status", cell: (invitation) => invitation.status },
              { header: "Expires", cell: (invitation) => formatDateTime(invitation.expires_at) },
              {
                header: <span className="visually-hidden">Actions</span>,
                className: "row-actions",
                cell: (invitation) =>
                  invitation.status === "pending" && (
                    <RowButton
                      label="Revoke"
                      of={`the invitation of ${invitation.name}`}
                      danger
                      disabled={revoke.isPending}
                      onClick={() => revoke.mutate(invitation.id)}
                    />
                  ),
              },
            ]}
          />
        )}
      </ResourceView>
    </Panel>
  );
}
