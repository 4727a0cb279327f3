// What a customer may use now: the features of its plans and those granted
// to it directly, with the use of metered features this period. Keys that
// may write the catalog grant a feature (or change a grant's value or limit)
// and take a direct grant away.
import { type FormEvent, useCallback, useRef, useState } from "react";
import { type ApiError, apiRequest } from "../../api/api-client.ts";
import type { CustomerEntitlement, CustomerEntitlements, Feature } from "../../api/resources.ts";
import { asApiError, useAllPages, useApiResource } from "../../api/use-api.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { formatQuantity } from "../../format/decimal-format.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { ConfirmDialog } from "../../ui/confirm-dialog.tsx";
import { FormErrorSummary } from "../../ui/form-error-summary.tsx";
import { CheckboxField, SelectField, TextField } from "../../ui/form-field.tsx";
import { useFocusFirstError, useFormState } from "../../ui/form-state.ts";
import { EmptyState, ErrorState, LoadingState } from "../../ui/states.tsx";
import { TableScroll } from "../../ui/table-scroll.tsx";
import { FieldChecks } from "../catalog/version-editor/version-form-checks.ts";
import { parseValueText, valueText } from "../catalog/version-editor/version-form-values.ts";

export function CustomerEntitlementsPanel({ customerId }: { customerId: string }) {
  const session = useSignedInSession();
  const path = `/v1/customers/${encodeURIComponent(customerId)}/entitlements`;
  const entitlements = useApiResource<CustomerEntitlements>(path);
  const [revoking, setRevoking] = useState<CustomerEntitlement | undefined>();
  const writable = can(session, "catalog:write");

  return (
    <section className="panel" aria-labelledby="entitlements-title">
      <h2 id="entitlements-title">Entitlements</h2>
      {entitlements.state.status === "loading" && <LoadingState label="Loading entitlements…" />}
      {entitlements.state.status === "error" && (
        <ErrorState error={entitlements.state.error} onRetry={entitlements.reload} />
      )}
      {entitlements.state.status === "ready" && (
        <>
          <p className="field-hint">
            Metered use counts from {formatDateTime(entitlements.state.data.period_start)} to{" "}
            {formatDateTime(entitlements.state.data.period_end)}.
          </p>
          {entitlements.state.data.data.length === 0 ? (
            <EmptyState title="No features: no plan or grant entitles this customer to any." />
          ) : (
            <EntitlementTable
              entitlements={entitlements.state.data.data}
              onRevoke={writable ? setRevoking : undefined}
            />
          )}
        </>
      )}
      {writable && <GrantForm customerId={customerId} onGranted={entitlements.reload} />}
      {revoking && (
        <RevokeDialog
          path={`${path}/${encodeURIComponent(revoking.feature)}`}
          entitlement={revoking}
          onDone={() => {
            setRevoking(undefined);
            entitlements.reload();
          }}
          onCancel={() => setRevoking(undefined)}
        />
      )}
    </section>
  );
}

function EntitlementTable({
  entitlements,
  onRevoke,
}: {
  entitlements: CustomerEntitlement[];
  onRevoke: ((entitlement: CustomerEntitlement) => void) | undefined;
}) {
  return (
    <TableScroll label="Entitlements table">
      <table className="stacked-on-phone">
        <thead>
          <tr>
            <th scope="col">Feature</th>
            <th scope="col">Access</th>
            <th scope="col">Value or limit</th>
            <th scope="col">Used this period</th>
            <th scope="col">From</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {entitlements.map((entitlement) => (
            <tr key={entitlement.feature}>
              <th scope="row">
                {entitlement.name}
                <code className="actor-id">
                  {entitlement.feature} ({entitlement.kind})
                </code>
              </th>
              <td data-label="Access">
                {entitlement.allowed ? (
                  <span className="badge badge-success">Allowed</span>
                ) : (
                  <span className="badge badge-warning">Used up</span>
                )}
              </td>
              <td data-label="Value or limit">{valueOrLimit(entitlement)}</td>
              <td data-label="Used this period">
                {entitlement.used === null
                  ? "—"
                  : `${formatQuantity(entitlement.used)}${entitlement.remaining === null ? "" : `, ${formatQuantity(entitlement.remaining)} left`}`}
              </td>
              <td data-label="From">{entitlement.source === "grant" ? "Direct grant" : "Plan"}</td>
              <td className="row-actions">
                {onRevoke && entitlement.source === "grant" && (
                  <button
                    type="button"
                    className="button button-small button-danger"
                    onClick={() => onRevoke(entitlement)}
                  >
                    Revoke<span className="visually-hidden"> {entitlement.name}</span>
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function valueOrLimit(entitlement: CustomerEntitlement): string {
  if (entitlement.kind === "boolean") return "On";
  if (entitlement.kind === "static") return valueText(entitlement.value);
  return entitlement.limit === null ? "Unlimited" : `${formatQuantity(entitlement.limit)} per period`;
}

type GrantValues = { feature: string; value: string; limit: string; unlimited: boolean };

function GrantForm({ customerId, onGranted }: { customerId: string; onGranted: () => void }) {
  const features = useAllPages<Feature>("/v1/features");
  const known = features.status === "ready" ? features.data : [];
  const kindOf = (code: string) => known.find((feature) => feature.code === code)?.kind;
  const check = useCallback(
    (values: GrantValues) => {
      const checks = new FieldChecks();
      if (!checks.required("feature", values.feature, "choose a feature")) return checks.errors;
      const kind = known.find((feature) => feature.code === values.feature)?.kind;
      if (kind === "static") checks.required("value", values.value);
      if (kind === "metered" && !values.unlimited) checks.decimal("limit", values.limit, { required: true });
      return checks.errors;
    },
    [known],
  );
  const initial = (): GrantValues => ({ feature: "", value: "", limit: "", unlimited: false });
  const form = useFormState<GrantValues>(initial, check);
  const formElement = useRef<HTMLFormElement>(null);
  const summary = useRef<HTMLDivElement>(null);
  const kind = kindOf(form.values.feature);

  useFocusFirstError(form.failedSubmits, formElement, summary);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const granted = await form.submit(async (values) => {
      await apiRequest("POST", `/v1/customers/${encodeURIComponent(customerId)}/entitlements`, {
        body: {
          feature: values.feature,
          ...(kind === "static" ? { value: parseValueText(values.value) } : {}),
          ...(kind === "metered" ? { limit: values.unlimited ? null : values.limit.trim() } : {}),
        },
      });
    });
    if (granted) {
      form.reset(initial());
      onGranted();
    }
  };

  return (
    <form ref={formElement} className="section-gap" onSubmit={(event) => void submit(event)} noValidate>
      <h3>Grant a feature</h3>
      <FormErrorSummary
        title="The feature was not granted"
        refusal={form.refusal}
        failingChecks={form.failingChecks}
        markedServerErrors={Object.keys(form.serverErrors).length}
        unplaced={[]}
        summaryRef={summary}
      />
      {features.status === "error" && <ErrorState error={features.error} onRetry={features.reload} />}
      <div className="inline-form">
        <SelectField
          {...form.bind("feature")}
          label="Feature"
          hint="Granting a feature already granted changes its value or limit."
          options={[
            { value: "", label: features.status === "loading" ? "Loading features…" : "Choose a feature" },
            ...known.map((feature) => ({ value: feature.code, label: `${feature.name} (${feature.kind})` })),
          ]}
        />
        {kind === "static" && (
          <TextField
            {...form.bind("value")}
            label="Value"
            required
            hint='Text, or JSON such as 10 or {"level": 2}.'
          />
        )}
        {kind === "metered" && !form.values.unlimited && (
          <TextField {...form.bind("limit")} label="Limit per period" required inputMode="decimal" />
        )}
        {kind === "metered" && (
          <CheckboxField
            label="Unlimited"
            checked={form.values.unlimited}
            onCheckedChange={(checked) => form.set("unlimited", checked)}
          />
        )}
        <div className="filters-actions">
          <button type="submit" className="button button-primary" disabled={form.busy}>
            {form.busy ? "Granting…" : "Grant feature"}
          </button>
        </div>
      </div>
    </form>
  );
}

function RevokeDialog({
  path,
  entitlement,
  onDone,
  onCancel,
}: {
  path: string;
  entitlement: CustomerEntitlement;
  onDone: () => void;
  onCancel: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const revoke = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await apiRequest("DELETE", path);
      onDone();
    } catch (caught) {
      setError(asApiError(caught));
      setBusy(false);
    }
  };
  return (
    <ConfirmDialog
      open
      title={`Revoke ${entitlement.name}?`}
      confirmLabel="Revoke grant"
      busy={busy}
      onConfirm={() => void revoke()}
      onCancel={onCancel}
    >
      <p>
        The direct grant is taken away. A plan that includes the feature still entitles the customer to it.
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error.detail}
        </p>
      )}
    </ConfirmDialog>
  );
}
