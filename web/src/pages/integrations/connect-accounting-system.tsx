// Connecting QuickBooks Online or NetSuite from the console: an admin enters
// the OAuth 2 app's client id and secret (NetSuite: the account's API root),
// Fairbill answers the consent page, and the system sends the browser back
// here with a code, the state and the company (QuickBooks' realmId,
// NetSuite's company), which complete the connection of the pending
// connection whose consent carried that state.
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { api } from "../../api/api-client.ts";
import { apiQuery, useApiMutation } from "../../api/queries.ts";
import { answer } from "../../api/typed-client.ts";
import { fieldErrorMap } from "../../format/field-errors.ts";
import { navigate, useLocation } from "../../routing/router.ts";
import { SelectField, TextField } from "../../ui/form-field.tsx";
import { ErrorState } from "../../ui/states.tsx";

type ConnectableSystem = "quickbooks" | "netsuite";

export const systemLabels: Record<string, string> = {
  xero: "Xero",
  quickbooks: "QuickBooks Online",
  netsuite: "NetSuite",
};

export function ConnectAccountingSystem() {
  const [system, setSystem] = useState<ConnectableSystem>("quickbooks");
  const [clientId, setClientId] = useState("");
  const [clientSecret, setClientSecret] = useState("");
  const [apiBaseUrl, setApiBaseUrl] = useState("");
  const connect = useApiMutation({
    write: () =>
      answer(
        api.POST("/v1/integrations/connections", {
          body: {
            system,
            client_id: clientId.trim(),
            client_secret: clientSecret,
            redirect_uri: `${window.location.origin}/integrations`,
            ...(system === "netsuite" || apiBaseUrl.trim() !== "" ? { api_base_url: apiBaseUrl.trim() } : {}),
          },
        }),
      ),
    invalidates: ["/v1/integrations/connections"],
  });
  const errors = fieldErrorMap(connect.error?.fieldErrors ?? []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    connect.mutate();
  };
  const consentUrl = connect.data?.consent_url ?? null;
  return (
    <form onSubmit={submit} noValidate aria-label="Connect an accounting system">
      <SelectField
        label="System"
        value={system}
        onValueChange={(value) => setSystem(value === "netsuite" ? "netsuite" : "quickbooks")}
        options={[
          { value: "quickbooks", label: systemLabels.quickbooks ?? "" },
          { value: "netsuite", label: systemLabels.netsuite ?? "" },
        ]}
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
      {system === "netsuite" && (
        <TextField
          label="Account API root"
          value={apiBaseUrl}
          onValueChange={setApiBaseUrl}
          required
          placeholder="https://1234567.suitetalk.api.netsuite.com"
          hint="Your account's SuiteTalk address; its token endpoint is found from it."
          error={errors.api_base_url}
        />
      )}
      {connect.error && Object.keys(errors).length === 0 && (
        <ErrorState error={connect.error} title="Not connected" />
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={connect.isPending}>
          {connect.isPending ? "Connecting…" : `Connect ${systemLabels[system]}`}
        </button>
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
    write: (input: { id: string; code: string; state: string }) =>
      answer(
        api.POST("/v1/integrations/connections/{id}/authorization", {
          params: { path: { id: input.id } },
          body: {
            code: input.code,
            state: input.state,
            ...(tenantId === null ? {} : { tenant_id: tenantId }),
          },
        }),
      ),
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
  return (
    <p className="outcome" role="status">
      {outcome}
    </p>
  );
}
