// Sign-in: with an email and a password (and the authenticator app's code
// when the person set up a second factor), or through the organization's
// single sign-on; for development, with an API key of the test environment.
import { type FormEvent, useState } from "react";
import { api } from "../api/api-client.ts";
import { type ApiError, asApiError } from "../api/api-error.ts";
import { answer } from "../api/typed-client.ts";
import { AuthenticatorCodeField, CurrentPasswordField, EmailField, TextField } from "../ui/form-field.tsx";
import { SubmitButton } from "../ui/form-frame.tsx";
import { Panel } from "../ui/panel.tsx";
import { useSession } from "./session-context.tsx";
import { SignInCard } from "./sign-in-card.tsx";

export function SignInPage({ message }: { message?: string | undefined }) {
  return (
    <SignInCard title="Sign in to the Fairbill console" documentTitle="Sign in">
      {message && (
        <p className="notice" role="status">
          {message}
        </p>
      )}
      <PasswordSignIn />
      <SingleSignOn />
      <ApiKeySignIn />
    </SignInCard>
  );
}

function PasswordSignIn() {
  const { signInWithPassword } = useSession();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [totpCode, setTotpCode] = useState("");
  const [codeAsked, setCodeAsked] = useState(false);
  const { error, busy, attempt } = useSignInAttempt();

  const submit = attempt(
    () =>
      signInWithPassword({
        email: email.trim(),
        password,
        ...(codeAsked && totpCode.trim() !== "" ? { totpCode: totpCode.trim() } : {}),
      }),
    (refusal) => {
      if (refusal.code !== "second_factor_required") return refusal;
      setCodeAsked(true);
      return undefined;
    },
  );

  const codeError = error?.code === "second_factor_invalid" ? error.detail : undefined;
  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-label="Sign in with your password">
      <EmailField autoComplete="username" value={email} onValueChange={setEmail} />
      <CurrentPasswordField
        name="password"
        value={password}
        onValueChange={setPassword}
        error={error?.code === "sign_in_failed" ? error.detail : undefined}
        required
      />
      {codeAsked && (
        <AuthenticatorCodeField
          name="totp-code"
          hint="The 6-digit code your authenticator app shows now."
          value={totpCode}
          onValueChange={setTotpCode}
          error={codeError}
          required
        />
      )}
      {error && error.code !== "sign_in_failed" && error.code !== "second_factor_invalid" && (
        <p className="form-error" role="alert">
          {error.detail}
        </p>
      )}
      <button
        type="submit"
        className="button button-primary"
        disabled={busy || email.trim() === "" || password === ""}
      >
        {busy ? "Signing in…" : "Sign in"}
      </button>
      <p className="field-hint">
        <a href="/reset-password">Forgot your password?</a>
      </p>
    </form>
  );
}

function SingleSignOn() {
  const [email, setEmail] = useState("");
  const { error, busy, attempt } = useSignInAttempt();

  const submit = attempt(async () => {
    const started = await answer(
      api.POST("/v1/sso/sign-in", { body: { email: email.trim(), return_to: "/" } }),
    );
    window.location.assign(started.authorization_url);
  });

  return (
    <Panel title="Single sign-on" className="sign-in-help">
      <form onSubmit={(event) => void submit(event)} noValidate aria-label="Single sign-on">
        <TextField
          label="Work email"
          type="email"
          name="sso-email"
          autoComplete="email"
          hint="Organizations that sign in through their identity provider are found by your address's domain."
          value={email}
          onValueChange={setEmail}
          error={error?.detail}
        />
        <SubmitButton
          busy={busy}
          ready={email.trim() !== ""}
          label="Continue with single sign-on"
          busyLabel="Opening your provider…"
          primary={false}
        />
      </form>
    </Panel>
  );
}

function ApiKeySignIn() {
  const { signIn } = useSession();
  const [apiKey, setApiKey] = useState("");
  const { error, busy, attempt } = useSignInAttempt();

  const submit = attempt(() => signIn(apiKey.trim()));

  return (
    <Panel title="For development" className="sign-in-help">
      <form onSubmit={(event) => void submit(event)} noValidate aria-label="Key sign-in">
        <TextField
          label="API key"
          type="password"
          name="api-key"
          autoComplete="off"
          spellCheck={false}
          value={apiKey}
          onValueChange={setApiKey}
          error={error?.status === 401 ? error.detail : undefined}
          required
        />
        {error && error.status !== 401 && (
          <p className="form-error" role="alert">
            {error.detail}
          </p>
        )}
        <SubmitButton
          busy={busy}
          ready={apiKey.trim() !== ""}
          label="Sign in with the key"
          busyLabel="Checking the key…"
          primary={false}
        />
      </form>
      <p>
        A key of the test environment signs the console in as the key's role. The first <code>npm start</code>{" "}
        prints an admin key; to make another one (also while the server runs), run in the project's folder:
      </p>
      <pre>
        <code>npx fairbill keys create --role admin</code>
      </pre>
      <p>
        The console keeps the key in this browser tab only and forgets it when you sign out or close the tab.
        People sign in with their email and password above; live data needs a person's sign-in.
      </p>
    </Panel>
  );
}

/**
 * A sign-in form's state: busy from the moment it is sent until it is refused
 * (an accepted sign-in leaves the page), and the refusal, which `onRefusal`
 * may handle itself by returning nothing.
 */
function useSignInAttempt() {
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const attempt =
    (
      send: () => Promise<unknown>,
      onRefusal: (refusal: ApiError) => ApiError | undefined = (refusal) => refusal,
    ) =>
    async (event: FormEvent) => {
      event.preventDefault();
      setBusy(true);
      setError(undefined);
      try {
        await send();
      } catch (caught) {
        setError(onRefusal(asApiError(caught)));
        setBusy(false);
      }
    };
  return { error, busy, attempt };
}
