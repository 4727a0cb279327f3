// Spending alerts the customer sets: be told (by email) when this period's
// cost so far reaches an amount. The customer sees and deletes only its own.
import { type FormEvent, useState } from "react";
import type { ApiError } from "../api/api-client.ts";
import type { AlertRule, PortalProfile } from "../api/resources.ts";
import { asApiError } from "../api/use-api.ts";
import { formatMoney } from "../format/decimal-format.ts";
import { CheckboxField, TextField } from "../ui/form-field.tsx";
import { ErrorState, LoadingState } from "../ui/states.tsx";
import { portalRequest } from "./portal-api.ts";
import { usePortalResource } from "./use-portal-resource.ts";

export function PortalAlerts({ profile }: { profile: PortalProfile }) {
  const { state, reload } = usePortalResource<{ data: AlertRule[] }>("/v1/portal/alerts");
  return (
    <section className="panel" aria-labelledby="portal-alerts-heading">
      <h2 id="portal-alerts-heading">Spending alerts</h2>
      {profile.currency === null ? (
        <p>Spending alerts need an account currency; ask your provider to set one.</p>
      ) : (
        <AlertForm currency={profile.currency} email={profile.email} onCreated={reload} />
      )}
      {state.status === "loading" && <LoadingState label="Loading your alerts…" />}
      {state.status === "error" && <ErrorState error={state.error} onRetry={reload} />}
      {state.status === "ready" &&
        (state.data.data.length === 0 ? (
          <p>You have no spending alerts.</p>
        ) : (
          <ul className="portal-alert-list" aria-label="Your spending alerts">
            {state.data.data.map((rule) => (
              <AlertItem key={rule.id} rule={rule} locale={profile.locale} onDeleted={reload} />
            ))}
          </ul>
        ))}
    </section>
  );
}

function AlertForm({
  currency,
  email,
  onCreated,
}: {
  currency: string;
  email: string | null;
  onCreated: () => void;
}) {
  const [threshold, setThreshold] = useState("");
  const [emailMe, setEmailMe] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const [saved, setSaved] = useState<string | undefined>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setSaved(undefined);
    try {
      const rule = await portalRequest<AlertRule>("POST", "/v1/portal/alerts", {
        body: { threshold: threshold.trim(), email_customer: emailMe },
      });
      setThreshold("");
      setSaved(`Alert set at ${formatMoney(rule.threshold, currency)}.`);
      onCreated();
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(false);
    }
  };
  const thresholdError = error?.fieldErrors.find((fieldError) => fieldError.path === "$.threshold")?.message;
  return (
    <form className="portal-alert-form" onSubmit={(event) => void submit(event)} noValidate>
      <TextField
        label={`Alert me when this period's cost reaches (${currency})`}
        value={threshold}
        onValueChange={setThreshold}
        inputMode="decimal"
        autoComplete="off"
        required
        hint="An amount such as 250.00"
        error={thresholdError}
      />
      <CheckboxField
        label={email ? `Email me at ${email}` : "Email me"}
        checked={emailMe}
        onCheckedChange={setEmailMe}
        name="email_customer"
      />
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? "Setting…" : "Set alert"}
      </button>
      {error && !thresholdError && (
        <p className="form-error" role="alert">
          {error.detail}
        </p>
      )}
      {saved && (
        <p className="outcome" role="status">
          {saved}
        </p>
      )}
    </form>
  );
}

function AlertItem({ rule, locale, onDeleted }: { rule: AlertRule; locale: string; onDeleted: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const amount = rule.currency === null ? rule.threshold : formatMoney(rule.threshold, rule.currency, locale);
  const remove = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await portalRequest("DELETE", `/v1/portal/alerts/${encodeURIComponent(rule.id)}`);
      onDeleted();
    } catch (caught) {
      setError(asApiError(caught).detail);
      setBusy(false);
    }
  };
  return (
    <li>
      <span>
        When this period's cost reaches <strong>{amount}</strong>
        {rule.email_customer ? ", by email" : ""}
      </span>
      <button
        type="button"
        className="button button-small button-quiet"
        onClick={() => void remove()}
        disabled={busy}
        aria-label={`Delete the alert at ${amount}`}
      >
        Delete
      </button>
      {error && (
        <span className="form-error" role="alert">
          {error}
        </span>
      )}
    </li>
  );
}
