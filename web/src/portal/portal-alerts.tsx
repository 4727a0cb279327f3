// Spending alerts the customer sets: be told (by email) when this period's
// cost so far reaches an amount. The customer sees and deletes only its own.
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useApiMutation } from "../api/queries.ts";
import type { AlertRule, PortalProfile } from "../api/resources.ts";
import { formatMoney } from "../format/decimal-format.ts";
import { CheckboxField, DecimalField } from "../ui/form-field.tsx";
import { SubmitButton } from "../ui/form-frame.tsx";
import { StatusMessage } from "../ui/outcome-message.tsx";
import { Panel } from "../ui/panel.tsx";
import { ResourceView } from "../ui/resource-view.tsx";
import { portalApi, portalQuery } from "./portal-api.ts";

export function PortalAlerts({ profile }: { profile: PortalProfile }) {
  const alerts = useQuery(portalQuery("/v1/portal/alerts"));
  return (
    <Panel title="Spending alerts">
      {profile.currency === null ? (
        <p>Spending alerts need an account currency; ask your provider to set one.</p>
      ) : (
        <AlertForm currency={profile.currency} email={profile.email} />
      )}
      <ResourceView
        resource={alerts}
        loadingLabel="Loading your alerts…"
        empty={<p>You have no spending alerts.</p>}
      >
        {({ data: rules }) => (
          <ul className="portal-alert-list" aria-label="Your spending alerts">
            {rules.map((rule) => (
              <AlertItem key={rule.id} rule={rule} locale={profile.locale} />
            ))}
          </ul>
        )}
      </ResourceView>
    </Panel>
  );
}

function AlertForm({ currency, email }: { currency: string; email: string | null }) {
  const [threshold, setThreshold] = useState("");
  const [emailMe, setEmailMe] = useState(true);
  const [saved, setSaved] = useState<string | undefined>();
  const create = useApiMutation({
    call: () =>
      portalApi.POST("/v1/portal/alerts", {
        body: { threshold: threshold.trim(), email_customer: emailMe },
      }),
    invalidates: ["/v1/portal/alerts"],
    onSuccess: (rule) => {
      setThreshold("");
      setSaved(`Alert set at ${formatMoney(rule.threshold, currency)}.`);
    },
  });
  const error = create.error;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(undefined);
    create.mutate();
  };
  const thresholdError = error?.fieldErrors.find((fieldError) => fieldError.path === "$.threshold")?.message;
  return (
    <form className="portal-alert-form" onSubmit={submit} noValidate>
      <DecimalField
        label={`Alert me when this period's cost reaches (${currency})`}
        value={threshold}
        onValueChange={setThreshold}
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
      <SubmitButton busy={create.isPending} label="Set alert" busyLabel="Setting…" />
      {error && !thresholdError && (
        <p className="form-error" role="alert">
          {error.detail}
        </p>
      )}
      {saved && <StatusMessage>{saved}</StatusMessage>}
    </form>
  );
}

function AlertItem({ rule, locale }: { rule: AlertRule; locale: string }) {
  const amount = rule.currency === null ? rule.threshold : formatMoney(rule.threshold, rule.currency, locale);
  const remove = useApiMutation({
    call: () => portalApi.DELETE("/v1/portal/alerts/{id}", { params: { path: { id: rule.id } } }),
    invalidates: ["/v1/portal/alerts"],
  });
  return (
    <li>
      <span>
        When this period's cost reaches <strong>{amount}</strong>
        {rule.email_customer ? ", by email" : ""}
      </span>
      <button
        type="button"
        className="button button-small button-quiet"
        onClick={() => remove.mutate()}
        disabled={remove.isPending || remove.isSuccess}
        aria-label={`Delete the alert at ${amount}`}
      >
        Delete
      </button>
      {remove.error && (
        <span className="form-error" role="alert">
          {remove.error.detail}
        </span>
      )}
    </li>
  );
}
