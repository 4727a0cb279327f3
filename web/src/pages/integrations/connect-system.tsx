// Connecting any system from the console, with one form driven by each
// system's fields: an admin picks the system and enters the OAuth 2 app's
// client id and secret, and the addresses that system needs (NetSuite: the
// account's API root) or that a sandbox changes; Fairbill answers the
// consent page, and the system sends the browser back here with a code and
// the state (and QuickBooks' realmId, NetSuite's company), which complete
// the pending connection whose consent carried that state.
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { api } from "../../api/api-client.ts";
import { apiQuery, useApiMutation } from "../../api/queries.ts";
import type { RequestBody } from "../../api/resources.ts";
import { answer } from "../../api/typed-client.ts";
import { fieldErrorMap } from "../../format/field-errors.ts";
import { navigate, useLocation } from "../../routing/router.ts";
import { SelectField, TextField } from "../../ui/form-field.tsx";
import { SubmitButton } from "../../ui/form-frame.tsx";
import { StatusMessage } from "../../ui/outcome-message.tsx";
import { ErrorState } from "../../ui/states.tsx";

type ConnectionBody = RequestBody<"/v1/integrations/connections", "post">;
type IntegrationSystem = ConnectionBody["system"];
type AddressName = "authorize_url" | "token_url" | "connections_url" | "api_base_url";

type AddressField = { name: AddressName; label: string; hint: string; placeholder?: string };

/** What connecting one system asks for beyond the client's id and secret. */
type SystemForm = {
  label: string;
  kind: "accounting" | "crm";
  /** Addresses the system cannot go without (NetSuite's account). */
  required: AddressField[];
  /** Addresses a sandbox or a private deployment changes; the system's own by default. */
  optional: AddressField[];
};

const consentPage = (example: string): AddressField => ({
  name: "authorize_url",
  label: "Consent page",
  hint: "Where a person consents to the connection.",
  placeholder: example,
});
const tokenEndpoint = (example: string): AddressField => ({
  name: "token_url",
  label: "Token endpoint",
  hint: "Where the code and the refresh token are exchanged for tokens.",
  placeholder: example,
});
const apiRoot = (example: string): AddressField => ({
  name: "api_base_url",
  label: "API root",
  hint: "Where the system's API answers.",
  placeholder: example,
});

export const systemForms: Record<IntegrationSystem, SystemForm> = {
  quickbooks: {
    label: "QuickBooks Online",
    kind: "accounting",
    required: [],
    optional: [
      consentPage("https://appcenter.intuit.com/connect/oauth2"),
      tokenEndpoint("https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer"),
      apiRoot("https://sandbox-quickbooks.api.intuit.com"),
    ],
  },
  xero: {
    label: "Xero",
    kind: "accounting",
    required: [],
    optional: [
      consentPage("https://login.xero.com/identity/connect/authorize"),
      tokenEndpoint("https://identity.xero.com/connect/token"),
      {
        name: "connections_url",
        label: "Connections endpoint",
        hint: "Where the organisation the consent reached is read.",
        placeholder: "https://api.xero.com/connections",
      },
      apiRoot("https://api.xero.com/api.xro/2.0"),
    ],
  },
  netsuite: {
    label: "NetSuite",
    kind: "accounting",
    required: [
      {
        name: "api_base_url",
        label: "Account API root",
        hint: "Your account's SuiteTalk address; its token endpoint is found from it.",
        placeholder: "https://1234567.suitetalk.api.netsuite.com",
      },
    ],
    optional: [
      consentPage("https://1234567.app.netsuite.com/app/login/oauth2/authorize.nl"),
      tokenEndpoint("https://1234567.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token"),
    ],
  },
  hubspot: {
    label: "HubSpot",
    kind: "crm",
    required: [],
    optional: [
      consentPage("https://app.hubspot.com/oauth/authorize"),
      tokenEndpoint("https://api.hubapi.com/oauth/v1/token"),
      {
        name: "connections_url",
        label: "Access-token endpoint",
        hint: "Where the portal (hub id) a token reaches is read.",
        placeholder: "https://api.hubapi.com/oauth/v1/access-tokens",
      },
      apiRoot("https://api.hubapi.com"),
    ],
  },
  salesforce: {
    label: "Salesforce",
    kind: "crm",
    required: [],
    optional: [
      consentPage("https://test.salesforce.com/services/oauth2/authorize"),
      tokenEndpoint("https://test.salesforce.com/services/oauth2/token"),
    ],
  },
};

export const systemLabels: Record<string, string> = Object.fromEntries(
  Object.entries(systemForms).map(([system, form]) => [system, form.label]),
);

const systems = Object.keys(systemForms) as IntegrationSystem[];
const isSystem = (value: string): value is IntegrationSystem => value in systemForms;

const noAddresses: Record<AddressName, string> = {
  authorize_url: "",
  token_url: "",
  connections_url: "",
  api_base_url: "",
};

export function ConnectSystem() {
  const [system, setSystem] = useState<IntegrationSystem>("quickbooks");
  const [clientId, setClientId] = useState("");
  const [clientSecret, setClientSecret] = useState("");
  const [addresses, setAddresses] = useState(noAddresses);
  const form = systemForms[system];
  const connect = useApiMutation({
    write: () => {
      const given = [...form.required, ...form.optional]
        .map((field) => [field.name, addresses[field.name].trim()] as const)
        .filter(([, value]) => value !== "");
      return answer(
        api.POST("/v1/integrations/connections", {
          body: {
            system,
            client_id: clientId.trim(),
            client_secret: clientSecret,
            redirect_uri: `${window.location.origin}/integrations`,
            ...Object.fromEntries(given),
          },
        }),
      );
    },
    invalidates: ["/v1/integrations/connections"],
  });
  const errors = fieldErrorMap(connect.error?.fieldErrors ?? []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    connect.mutate();
  };
  const addressField = (field: AddressField, required: boolean) => (
    <TextField
      key={field.name}
      label={field.label}
      value={addresses[field.name]}
      onValueChange={(value) => setAddresses((current) => ({ ...current, [field.name]: value }))}
      required={required}
      placeholder={field.placeholder}
      hint={field.hint}
      error={errors[field.name]}
    />
  );
  const consentUrl = connect.data?.consent_url ?? null;
  return (
    <form onSubmit={submit} noValidate aria-label="Connect a system">
      <SelectField
        label="System"
        value={system}
        onValueChange={(value) => {
          if (isSystem(value)) setSystem(value);
        }}
        options={systems.map((value) => ({
          value,
          label: `${systemForms[value].label} (${systemForms[value].kind === "crm" ? "CRM" : "accounting"})`,
        }))}
        error={errors.system}
      />
      <TextField
        label="Client ID"
        value={clientId}
        onValueChange={setClientId}
        required
        autoComplete="off"
        error={errors.client_id}
      />
      <TextField
        label="Client secret"
        type="password"
        value={clientSecret}
        onValueChange={setClientSecret}
        required
        autoComplete="new-password"
        hint="Stored encrypted and never shown again."
        error={errors.client_secret}
      />
      {form.required.map((field) => addressField(field, true))}
      {form.optional.length > 0 && (
        <details
          className="section-gap"
          open={form.optional.some((field) => errors[field.name] !== undefined)}
        >
          <summary>{form.label}'s addresses (a sandbox, or a server of your own)</summary>
          {form.optional.map((field) => addressField(field, false))}
        </details>
      )}
      {connect.error && Object.keys(errors).length === 0 && (
        <ErrorState error={connect.error} title="Not connected" />
      )}
      <div className="form-actions">
        <SubmitButton busy={connect.isPending} label={`Connect ${form.label}`} busyLabel="Connecting…" />
      </div>
      {consentUrl !== null && (
        <p className="outcome" role="status">
          Saved.{" "}
          <a href={consentUrl}>Open the consent page of {systemLabels[connect.data?.system ?? system]}</a> to
          finish.
        </p>
      )}
    </form>
  );
}

/** Back from a consent page (?code=…&state=…): completes the pending connection that asked with this state. */
export function ConsentReturn() {
  const { query } = useLocation();
  const code = query.get("code");
  const state = query.get("state");
  const tenantId = query.get("realmId") ?? query.get("company");
  const connections = useQuery(apiQuery("/v1/integrations/connections"));
  const sent = useRef(false);
  const [outcome, setOutcome] = useState("");
  const authorize = useApiMutation({
    call: (input: { id: string; code: string; state: string }) =>
      api.POST("/v1/integrations/connections/{id}/authorization", {
        params: { path: { id: input.id } },
        body: {
          code: input.code,
          state: input.state,
          ...(tenantId === null ? {} : { tenant_id: tenantId }),
        },
      }),
    invalidates: ["/v1/integrations/connections"],
    onSuccess: (connection) => {
      setOutcome(
        `${systemLabels[connection.system] ?? connection.system} connected: ${connection.external_tenant_id}.`,
      );
      navigate("/integrations", { replace: true });
    },
  });
  const pending = connections.data?.data.find(
    (connection) =>
      connection.consent_url !== null && new URL(connection.consent_url).searchParams.get("state") === state,
  );
  useEffect(() => {
    if (sent.current || code === null || state === null || pending === undefined) return;
    sent.current = true;
    authorize.mutate({ id: pending.id, code, state });
  }, [code, state, pending, authorize]);
  if (authorize.error) return <ErrorState error={authorize.error} title="The consent was not completed" />;
  if (code !== null && connections.data !== undefined && pending === undefined && !sent.current) {
    return <p role="status">No connection waits for this consent: connect again.</p>;
  }
  return <StatusMessage>{outcome}</StatusMessage>;
}
