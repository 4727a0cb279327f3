// My account: who the console is signed in as, the password, the second
// factor (set up by scanning the secret, confirmed with a first code, or
// removed) and the person's sessions, each of which can be revoked.
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { api } from "../../api/api-client.ts";
import { apiQuery, useAllPages, useApiMutation } from "../../api/queries.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { fieldErrorMap } from "../../format/field-errors.ts";
import { roleLabels } from "../../layout/navigation.ts";
import { useSignedInSession } from "../../session/session-context.tsx";
import { CopyButton } from "../../ui/copy-button.tsx";
import { DataTable } from "../../ui/data-table.tsx";
import { AuthenticatorCodeField, CurrentPasswordField, NewPasswordField } from "../../ui/form-field.tsx";
import { OutcomeMessage } from "../../ui/outcome-message.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { Panel } from "../../ui/panel.tsx";
import { ResourceView } from "../../ui/resource-view.tsx";
import { RowButton } from "../../ui/row-button.tsx";
import { ErrorState } from "../../ui/states.tsx";

export function AccountPage() {
  const session = useSignedInSession();
  const me = useQuery(apiQuery("/v1/me"));
  const [outcome, setOutcome] = useState("");
  const isPerson = session.me.user.kind === "person";
  return (
    <>
      <PageHeader title="My account" subtitle={`Signed in as ${session.person.name}.`} />
      <OutcomeMessage message={outcome} />
      <ResourceView resource={me} loadingLabel="Loading your account…">
        {(loaded) => (
          <Panel title="Who you are">
            <dl className="detail-list">
              <dt>Name</dt>
              <dd>{loaded.user.name}</dd>
              <dt>Email</dt>
              <dd>{loaded.user.email ?? "—"}</dd>
              <dt>Role in test</dt>
              <dd>{loaded.roles.test ? (roleLabels[loaded.roles.test] ?? loaded.roles.test) : "None"}</dd>
              <dt>Role in live</dt>
              <dd>{loaded.roles.live ? (roleLabels[loaded.roles.live] ?? loaded.roles.live) : "None"}</dd>
              <dt>Signed in with</dt>
              <dd>
                {loaded.credential.type === "session" ? "a session" : "an API key"}{" "}
                <code className="actor-id">{loaded.credential.id}</code>
              </dd>
            </dl>
          </Panel>
        )}
      </ResourceView>
      {isPerson ? (
        <>
          <PasswordPanel onDone={setOutcome} />
          <SecondFactorPanel enabled={me.data?.user.second_factor_enabled ?? false} onDone={setOutcome} />
          {session.credentialType === "session" && <SessionsPanel onDone={setOutcome} />}
        </>
      ) : (
        <Panel title="Password and sessions">
          <p>This console signed in with a key of a service account, which has no password or sessions.</p>
        </Panel>
      )}
    </>
  );
}

function PasswordPanel({ onDone }: { onDone: (message: string) => void }) {
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const change = useApiMutation({
    call: () => api.POST("/v1/me/password", { body: { current_password: current, new_password: next } }),
    invalidates: ["/v1/me", "/v1/sessions"],
    onSuccess: () => {
      setCurrent("");
      setNext("");
      onDone("Your password was changed; your other sessions ended.");
    },
  });
  const fields = fieldErrorMap(change.error?.fieldErrors ?? []);
  return (
    <Panel title="Password">
      <form
        className="inline-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          change.mutate();
        }}
      >
        <CurrentPasswordField
          label="Current password"
          value={current}
          onValueChange={setCurrent}
          error={fields.current_password}
          required
        />
        <NewPasswordField value={next} onValueChange={setNext} error={fields.new_password} />
        <button type="submit" className="button button-primary" disabled={change.isPending}>
          Change the password
        </button>
      </form>
    </Panel>
  );
}

function SecondFactorPanel({ enabled, onDone }: { enabled: boolean; onDone: (message: string) => void }) {
  const [enrolment, setEnrolment] = useState<{ secret: string; otpauth_uri: string } | undefined>();
  const [code, setCode] = useState("");
  const [password, setPassword] = useState("");
  const begin = useApiMutation({
    call: () => api.POST("/v1/me/second-factor", {}),
    invalidates: [],
    onSuccess: setEnrolment,
  });
  const confirm = useApiMutation({
    call: () => api.POST("/v1/me/second-factor/confirm", { body: { code: code.trim() } }),
    invalidates: ["/v1/me"],
    onSuccess: () => {
      setEnrolment(undefined);
      setCode("");
      onDone("Your second factor is set up: sign-in now asks for a code from your authenticator app.");
    },
  });
  const remove = useApiMutation({
    call: () => api.POST("/v1/me/second-factor/remove", { body: { password, code: code.trim() } }),
    invalidates: ["/v1/me"],
    onSuccess: () => {
      setPassword("");
      setCode("");
      onDone("Your second factor was removed.");
    },
  });
  const submit = (event: FormEvent, action: { mutate: () => void }) => {
    event.preventDefault();
    action.mutate();
  };

  if (enabled) {
    const fields = fieldErrorMap(remove.error?.fieldErrors ?? []);
    return (
      <Panel title="Second factor">
        <p>Sign-in asks for a code from your authenticator app.</p>
        <form className="inline-form" noValidate onSubmit={(event) => submit(event, remove)}>
          <CurrentPasswordField value={password} onValueChange={setPassword} error={fields.password} />
          <AuthenticatorCodeField value={code} onValueChange={setCode} error={fields.code} />
          {remove.error && remove.error.fieldErrors.length === 0 && <ErrorState error={remove.error} />}
          <button type="submit" className="button button-danger" disabled={remove.isPending}>
            Remove the second factor
          </button>
        </form>
      </Panel>
    );
  }
  const fields = fieldErrorMap(confirm.error?.fieldErrors ?? []);
  return (
    <Panel title="Second factor">
      {enrolment === undefined ? (
        <>
          <p>Add a code from an authenticator app (TOTP) to your sign-in.</p>
          {begin.error && <ErrorState error={begin.error} />}
          <button
            type="button"
            className="button button-primary"
            disabled={begin.isPending}
            onClick={() => begin.mutate()}
          >
            Set up a second factor
          </button>
        </>
      ) : (
        <>
          <p>
            Scan the secret with your authenticator app (open the link on your phone, or type the secret in),
            then enter the first code it shows.
          </p>
          <p>
            Secret: <code id="totp-secret">{enrolment.secret}</code>{" "}
            <CopyButton text={enrolment.secret} targetId="totp-secret" label="Copy the secret" />
          </p>
          <p>
            <a href={enrolment.otpauth_uri}>Open in an authenticator app</a>
          </p>
          <form className="inline-form" noValidate onSubmit={(event) => submit(event, confirm)}>
            <AuthenticatorCodeField
              label="First code"
              value={code}
              onValueChange={setCode}
              error={fields.code}
              required
            />
            {confirm.error && confirm.error.fieldErrors.length === 0 && <ErrorState error={confirm.error} />}
            <button type="submit" className="button button-primary" disabled={confirm.isPending}>
              Confirm the second factor
            </button>
          </form>
        </>
      )}
    </Panel>
  );
}

function SessionsPanel({ onDone }: { onDone: (message: string) => void }) {
  const sessions = useAllPages("/v1/sessions");
  const revoke = useApiMutation({
    call: (id: string) => api.POST("/v1/sessions/{id}/revoke", { params: { path: { id } } }),
    invalidates: ["/v1/sessions"],
    onSuccess: () => onDone("The session was revoked: it is signed out."),
  });
  return (
    <Panel title="Your sessions">
      {revoke.error && <ErrorState error={revoke.error} />}
      <ResourceView resource={sessions} loadingLabel="Loading your sessions…" empty="No open sessions.">
        {(loaded) => (
          <DataTable
            label="Sessions table"
            rows={loaded}
            rowKey={(session) => session.id}
            columns={[
              {
                header: "Browser",
                cell: (session) => (
                  <>
                    {session.user_agent ?? "Unknown browser"}
                    {session.current && <span className="badge">This browser</span>}
                  </>
                ),
              },
              { header: "From", cell: (session) => session.ip_address ?? "—" },
              { header: "Signed in", cell: (session) => formatDateTime(session.created_at) },
              { header: "Last seen", cell: (session) => formatDateTime(session.last_seen_at) },
              {
                header: <span className="visually-hidden">Actions</span>,
                className: "row-actions",
                cell: (session) =>
                  !session.current && (
                    <RowButton
                      label="Revoke"
                      of={`the session from ${session.created_at}`}
                      danger
                      disabled={revoke.isPending}
                      onClick={() => revoke.mutate(session.id)}
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
