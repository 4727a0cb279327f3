// The pages that emailed or printed links open, before anyone is signed in:
// the first admin from the one-time link of the first start, an invitation
// accepted by choosing a password, a forgotten password asked for and reset,
// and an email address confirmed. Each ends on the sign-in page.
import { type FormEvent, type ReactNode, useEffect, useState } from "react";
import { api } from "../api/api-client.ts";
import { type ApiError, asApiError } from "../api/api-error.ts";
import { answer } from "../api/typed-client.ts";
import { fieldErrorMap } from "../format/field-errors.ts";
import { TextField } from "../ui/form-field.tsx";

export type AccountLinkPage = "first-admin" | "accept-invitation" | "reset-password" | "verify-email";

const accountLinkPages = new Set<string>([
  "first-admin",
  "accept-invitation",
  "reset-password",
  "verify-email",
]);

/** The account-link page a path names, if any. */
export function accountLinkPageOf(path: string): AccountLinkPage | undefined {
  const name = path.replace(/^\/+|\/+$/g, "");
  return accountLinkPages.has(name) ? (name as AccountLinkPage) : undefined;
}

export function AccountLinkPages({ page }: { page: AccountLinkPage }) {
  const token = new URLSearchParams(window.location.search).get("token") ?? "";
  switch (page) {
    case "first-admin":
      return <FirstAdminPage token={token} />;
    case "accept-invitation":
      return <AcceptInvitationPage token={token} />;
    case "reset-password":
      return token === "" ? <ForgottenPasswordPage /> : <ResetPasswordPage token={token} />;
    case "verify-email":
      return <VerifyEmailPage token={token} />;
  }
}

function Card({ title, children }: { title: string; children: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Fairbill`;
  }, [title]);
  return (
    <main id="main" className="sign-in">
      <div className="sign-in-card">
        <p className="brand brand-large" aria-hidden="true">
          Fairbill
        </p>
        <h1>{title}</h1>
        {children}
      </div>
    </main>
  );
}

function Done({ children }: { children: ReactNode }) {
  return (
    <>
      <p className="notice" role="status">
        {children}
      </p>
      <a className="button button-primary" href="/">
        Go to sign-in
      </a>
    </>
  );
}

/** A form's state: busy while sent, the refusal with its field errors, and done. */
function useSubmission() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const [done, setDone] = useState(false);
  const submit = (send: () => Promise<unknown>) => async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await send();
      setDone(true);
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(false);
    }
  };
  const fields = fieldErrorMap(error?.fieldErrors ?? []);
  const general = error && error.fieldErrors.length === 0 ? error.detail : undefined;
  return { busy, error, done, submit, fields, general };
}

function GeneralError({ message }: { message: string | undefined }) {
  return message ? (
    <p className="form-error" role="alert">
      {message}
    </p>
  ) : null;
}

function FirstAdminPage({ token }: { token: string }) {
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const form = useSubmission();
  if (form.done) {
    return (
      <Card title="Create the first admin">
        <Done>Your admin account is ready. Sign in with your email and password.</Done>
      </Card>
    );
  }
  return (
    <Card title="Create the first admin">
      <p>This one-time link makes the first person of the organization, an admin of both environments.</p>
      <form
        noValidate
        onSubmit={(event) =>
          void form.submit(() =>
            answer(api.POST("/v1/first-admin", { body: { token, name, email, password } })),
          )(event)
        }
      >
        <TextField
          label="Your name"
          name="name"
          value={name}
          onValueChange={setName}
          error={form.fields.name}
          required
        />
        <TextField
          label="Email"
          type="email"
          name="email"
          autoComplete="username"
          value={email}
          onValueChange={setEmail}
          error={form.fields.email}
          required
        />
        <TextField
          label="Password"
          type="password"
          name="password"
          autoComplete="new-password"
          hint="At least 12 characters."
          value={password}
          onValueChange={setPassword}
          error={form.fields.password}
          required
        />
        <GeneralError message={form.general} />
        <button type="submit" className="button button-primary" disabled={form.busy}>
          Create the admin
        </button>
      </form>
    </Card>
  );
}

function AcceptInvitationPage({ token }: { token: string }) {
  const [password, setPassword] = useState("");
  const form = useSubmission();
  if (form.done) {
    return (
      <Card title="Accept the invitation">
        <Done>Your account is ready. Sign in with your email and the password you chose.</Done>
      </Card>
    );
  }
  return (
    <Card title="Accept the invitation">
      <p>Choose a password to finish setting up your account.</p>
      <form
        noValidate
        onSubmit={(event) =>
          void form.submit(() => answer(api.POST("/v1/invitations/accept", { body: { token, password } })))(
            event,
          )
        }
      >
        <TextField
          label="Password"
          type="password"
          name="password"
          autoComplete="new-password"
          hint="At least 12 characters."
          value={password}
          onValueChange={setPassword}
          error={form.fields.password}
          required
        />
        <GeneralError message={form.general} />
        <button type="submit" className="button button-primary" disabled={form.busy}>
          Accept and set the password
        </button>
      </form>
    </Card>
  );
}

function ForgottenPasswordPage() {
  const [email, setEmail] = useState("");
  const form = useSubmission();
  if (form.done) {
    return (
      <Card title="Reset your password">
        <Done>If {email} has an account, a link to reset its password is on its way (valid one hour).</Done>
      </Card>
    );
  }
  return (
    <Card title="Reset your password">
      <form
        noValidate
        onSubmit={(event) =>
          void form.submit(() => answer(api.POST("/v1/password-reset", { body: { email } })))(event)
        }
      >
        <TextField
          label="Email"
          type="email"
          name="email"
          value={email}
          onValueChange={setEmail}
          error={form.fields.email}
          required
        />
        <GeneralError message={form.general} />
        <button type="submit" className="button button-primary" disabled={form.busy}>
          Email me a link
        </button>
      </form>
    </Card>
  );
}

function ResetPasswordPage({ token }: { token: string }) {
  const [password, setPassword] = useState("");
  const form = useSubmission();
  if (form.done) {
    return (
      <Card title="Choose a new password">
        <Done>Your password was changed, and every session of yours ended.</Done>
      </Card>
    );
  }
  return (
    <Card title="Choose a new password">
      <form
        noValidate
        onSubmit={(event) =>
          void form.submit(() =>
            answer(api.POST("/v1/password-reset/confirm", { body: { token, password } })),
          )(event)
        }
      >
        <TextField
          label="New password"
          type="password"
          name="password"
          autoComplete="new-password"
          value={password}
          onValueChange={setPassword}
          error={form.fields.password}
          required
        />
        <GeneralError message={form.general} />
        <button type="submit" className="button button-primary" disabled={form.busy}>
          Set the password
        </button>
      </form>
    </Card>
  );
}

function VerifyEmailPage({ token }: { token: string }) {
  const [outcome, setOutcome] = useState<{ error?: string; done?: boolean }>({});
  useEffect(() => {
    answer(api.POST("/v1/email-verification/confirm", { body: { token } })).then(
      () => setOutcome({ done: true }),
      (error: unknown) => setOutcome({ error: asApiError(error).detail }),
    );
  }, [token]);
  return (
    <Card title="Confirm your email">
      {outcome.done && <Done>Your email address is confirmed.</Done>}
      <GeneralError message={outcome.error} />
    </Card>
  );
}
