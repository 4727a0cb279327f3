// The payment provider: collect by hand, or through Stripe. The API never
// answers a secret back, only a hint of it ("sk_test_…4242"), so the page
// shows whether each secret is set and lets a person with settings:manage
// replace them, both at once, in fields that are never filled in for them.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api, reasonHeader } from "../../api/api-client.ts";
import { apiQuery, type GetData, useApiMutation } from "../../api/queries.ts";
import { Detail } from "../../ui/detail.tsx";
import { labelOptions, SelectField, TextField } from "../../ui/form-field.tsx";
import { useFormState } from "../../ui/form-state.ts";
import { Panel } from "../../ui/panel.tsx";
import { ResourceView } from "../../ui/resource-view.tsx";
import { SettingsForm } from "../../ui/settings-form.tsx";

type PaymentSettings = GetData<"/v1/payment-settings">;
type Provider = PaymentSettings["provider"];

type ProviderValues = {
  provider: Provider;
  secret_key: string;
  webhook_secret: string;
  api_base_url: string;
};

const providerLabels: Record<Provider, string> = {
  manual: "By hand (payments are recorded in Fairbill)",
  stripe: "Stripe",
};

const noChecks = () => ({});
const placed = new Set(["provider", "secret_key", "webhook_secret", "api_base_url"]);
/** The API names Stripe's fields under `stripe.`; the form has them at its top. */
const formNameOf = (apiName: string) => apiName.replace(/^stripe\./, "");

export function PaymentProviderSettings({ writable }: { writable: boolean }) {
  const settings = useQuery(apiQuery("/v1/payment-settings"));
  return (
    <Panel title="Payment provider">
      <ResourceView resource={settings} loadingLabel="Loading the payment provider…">
        {(current) => (
          <>
            <dl className="details">
              <Detail term="Collects">{providerLabels[current.provider]}</Detail>
              <Detail term="Stripe secret key">
                {current.stripe ? <SecretSet hint={current.stripe.secret_key_hint} /> : "Not set"}
              </Detail>
              <Detail term="Stripe webhook signing secret">
                {current.stripe ? <SecretSet hint={current.stripe.webhook_secret_hint} /> : "Not set"}
              </Detail>
              {current.stripe && (
                <Detail term="Stripe webhook address">
                  <code>{new URL(current.stripe.webhook_path, window.location.origin).href}</code>
                </Detail>
              )}
            </dl>
            {writable && <ProviderForm settings={current} />}
          </>
        )}
      </ResourceView>
    </Panel>
  );
}

function SecretSet({ hint }: { hint: string }) {
  return (
    <>
      Set{" "}
      <span className="muted">
        (ends {hint.slice(-4)}; <code>{hint}</code>)
      </span>
    </>
  );
}

function valuesOf(settings: PaymentSettings): ProviderValues {
  return {
    provider: settings.provider,
    secret_key: "",
    webhook_secret: "",
    api_base_url: settings.stripe?.api_base_url ?? "",
  };
}

function ProviderForm({ settings }: { settings: PaymentSettings }) {
  const form = useFormState<ProviderValues>(() => valuesOf(settings), noChecks, formNameOf);
  const [reason, setReason] = useState("");
  const [outcome, setOutcome] = useState("");
  const save = useApiMutation({
    call: (values: ProviderValues) =>
      api.PUT("/v1/payment-settings", {
        params: { header: reasonHeader(reason) },
        body:
          values.provider === "manual"
            ? { provider: "manual" }
            : {
                provider: "stripe",
                stripe: {
                  secret_key: values.secret_key.trim(),
                  webhook_secret: values.webhook_secret.trim(),
                  api_base_url: values.api_base_url.trim() === "" ? null : values.api_base_url.trim(),
                },
              },
      }),
    invalidates: ["/v1/payment-settings"],
    answers: apiQuery("/v1/payment-settings"),
    onSuccess: (saved) => {
      // The secrets typed are never kept in the form once saved.
      form.reset(valuesOf(saved));
      setOutcome(
        saved.provider === "stripe"
          ? "Stripe's secrets were saved. Fairbill shows only their hints from now on."
          : "Payments are now recorded by hand.",
      );
    },
  });
  const stripe = form.values.provider === "stripe";

  return (
    <SettingsForm
      form={form}
      refusedTitle="The payment provider was not saved"
      save={save.mutateAsync}
      saveLabel="Save payment provider"
      reason={[reason, setReason]}
      outcome={[outcome, setOutcome]}
      placed={placed}
      before={<h3>{settings.stripe ? "Replace the provider or its secrets" : "Set the provider"}</h3>}
    >
      <div className="field-grid">
        <SelectField
          {...form.bind("provider")}
          label="Provider"
          hint={settings.stripe ? "Choosing “By hand” deletes Stripe's secrets." : undefined}
          options={labelOptions(providerLabels)}
        />
        {stripe && (
          <>
            <TextField
              {...form.bind("secret_key")}
              label="Stripe secret key"
              type="password"
              autoComplete="off"
              required
              hint="sk_live_… or sk_test_…; never shown again once saved."
            />
            <TextField
              {...form.bind("webhook_secret")}
              label="Stripe webhook signing secret"
              type="password"
              autoComplete="off"
              required
              hint="whsec_…, from the webhook endpoint in Stripe's dashboard."
            />
            <TextField
              {...form.bind("api_base_url")}
              label="Stripe API address"
              type="url"
              hint="Empty: Stripe's own. Set only for a local Stripe server in tests."
            />
          </>
        )}
      </div>
    </SettingsForm>
  );
}
