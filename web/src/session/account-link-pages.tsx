// The pages that emailed or printed links open, before anyone is signed in:
// the first admin from the one-time link of the first start, an invitation
// accepted by choosing a password, a forgotten password asked for and reset,
// and an email address confirmed. Each ends on the sign-in page.
import { type FormEvent, type ReactNode, useEffect, useState } from "react";
import { api } from "../api/api-client.ts";
import { type ApiError, asApiError } from "../api/api-error.ts";
import { answer } from "../api/typed-client.ts";
import { fieldErrorMap } from "../format/field-errors.ts";
import { EmailField, NewPasswordField, PersonNameField } from "../ui/form-field.tsx";
import { SignInCard } from "./sign-in-card.tsx";

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

/**
 * A page with one form: its fields, the button that sends it, and, once the
 * server has taken it, what happened and the way back to sign-in.
 */
function LinkForm({
  title,
  introduction,
  done,
  submitLabel,
  send,
  fields,
}: {
  title: string;
  introduction?: string;
  done: ReactNode;
  submitLabel: string;
  send: () => Promise<unknown>;
  fields: (errors: Record<string, string | undefined>) => ReactNode;
}) {
  const form = useSubmission();
  if (form.done) {
    return (
      <SignInCard title={title}>
        <Done>{done}</Done>
      </SignInCard>
    );
  }
  return (
    <SignInCard title={title}>
      {introduction && <p>{introduction}</p>}
      <form noValidate onSubmit={(event) => void form.submit(send)(event)}>
        {fields(form.fields)}
        <GeneralError message={form.general} />
        <button type="submit" className="button button-primary" disabled={form.busy}>
          {submitLabel}
        </button>
      </form>
    </SignInCard>
  );
}

function FirstAdminPage({ token }: { token: string }) {
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  return (
    <LinkForm
      title="Create the first admin"
      introduction="This one-time link makes the first person of the organization, an admin of both environments."
      done="Your admin account is ready. Sign in with your email and password."
      submitLabel="Create the admin"
      send={() => answer(api.POST("/v1/first-admin", { body: { token, name, email, password } }))}
      fields={(errors) => (
        <>
          <PersonNameField label="Your name" value={name} onValueChange={setName} error={errors.name} />
          <EmailField autoComplete="username" value={email} onValueChange={setEmail} error={errors.email} />
          <NewPasswordField
            label="Password"
            value={password}
            onValueChange={setPassword}
            error={errors.password}
          />
        </>
      )}
    />
  );
}

/** A page where a link's token and a new password finish what the link began. */
function NewPasswordPage({
  route,
  token,
  ...texts
}: {
  route: "/v1/invitations/accept" | "/v1/password-reset/confirm";
  token: string;
  title: string;
  introduction?: string;
  done: string;
  submitLabel: string;
  passwordLabel: string;
}) {
  const [password, setPassword] = useState("");
  return (
    <LinkForm
      {...texts}
      send={() => answer(api.POST(route, { body: { token, password } }))}
      fields={(errors) => (
        <NewPasswordField
          label={texts.passwordLabel}
          value={password}
          onValueChange={setPassword}
          error={errors.password}
        />
      )}
    />
  );
}

function AcceptInvitationPage({ token }: { token: string }) {
  return (
    <NewPasswordPage
      route="/v1/invitations/accept"
      token={token}
      title="Accept the invitation"
      introduction="Choose a password to finish setting up your account."
      done="Your account is ready. Sign in with your email and the password you chose."
      submitLabel="Accept and set the password"
      passwordLabel="Password"
    />
  );
}

function ForgottenPasswordPage() {
  const [email, setEmail] = useState("");
  return (
    <LinkForm
      title="Reset your password"
      done={`If ${email} has an account, a link to reset its password is on its way (valid one hour).`}
      submitLabel="Email me a link"
      send={() => answer(api.POST("/v1/password-reset", { body: { email } }))}
      fields={(errors) => <EmailField value={email} onValueChange={setEmail} error={errors.email} />}
    />
  );
}

function ResetPasswordPage({ token }: { token: string }) {
  return (
    <NewPasswordPage
      route="/v1/password-reset/confirm"
      token={token}
      title="Choose a new password"
      done="Your password was changed, and every session of yours ended."
      submitLabel="Set the password"
      passwordLabel="New password"
    />
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
    <SignInCard title="Confirm your email">
      {outcome.done && <Done>Your email address is confirmed.</Done>}
      <GeneralError message={outcome.error} />
    </SignInCard>
  );
}
