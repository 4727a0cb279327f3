// Sign-in with an API key. The key is checked with the server before it is
// kept, and kept only in this browser tab (sessionStorage).
import { type FormEvent, useEffect, useState } from "react";
import { type ApiError, asApiError } from "../api/api-error.ts";
import { TextField } from "../ui/form-field.tsx";
import { useSession } from "./session-context.tsx";

export function SignInPage({ message }: { message?: string | undefined }) {
  const { signIn } = useSession();
  const [apiKey, setApiKey] = useState("");
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    document.title = "Sign in · Fairbill";
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await signIn(apiKey.trim());
    } catch (caught) {
      setError(asApiError(caught));
      setBusy(false);
    }
  };

  return (
    <main id="main" className="sign-in">
      <div className="sign-in-card">
        <p className="brand brand-large" aria-hidden="true">
          Fairbill
        </p>
        <h1>Sign in to the Fairbill console</h1>
        {message && (
          <p className="notice" role="status">
            {message}
          </p>
        )}
        <form onSubmit={(event) => void submit(event)} noValidate>
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
          <button type="submit" className="button button-primary" disabled={busy || apiKey.trim() === ""}>
            {busy ? "Checking the key…" : "Sign in"}
          </button>
        </form>
        <section className="sign-in-help" aria-labelledby="where-to-get-a-key">
          <h2 id="where-to-get-a-key">Where do I get a key?</h2>
          <p>
            The first <code>npm start</code> prints an admin key for the test environment. To make another
            one, run:
          </p>
          <pre>
            <code>npx fairbill keys create --role admin</code>
          </pre>
          <p>
            The console can do what the key's role allows (admin, billing operations, finance or viewer). It
            keeps the key in this browser tab only and forgets it when you sign out or close the tab. Sign-in
            with user accounts and passwords is not available yet.
          </p>
        </section>
      </div>
    </main>
  );
}
