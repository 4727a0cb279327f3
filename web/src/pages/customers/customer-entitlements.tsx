// What a customer may use now: the features of its plans and those granted
// to it directly, with the use of metered features this period. Keys that
// may write the catalog grant a feature (or change a grant's value or limit)
// and take a direct grant away.
import { useQuery } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { api } from "../../api/api-client.ts";
import { apiQuery, useAllPages, useApiMutation } from "../../api/queries.ts";
import type { CustomerEntitlement } from "../../api/resources.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { formatQuantity } from "../../format/decimal-format.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { ConfirmDialog, closedBy, type DialogClosing, useDialogStep } from "../../ui/confirm-dialog.tsx";
import { DataTable } from "../../ui/data-table.tsx";
import { CheckboxField, DecimalField, SelectField, TextField } from "../../ui/form-field.tsx";
import { FormFrame, SubmitButton } from "../../ui/form-frame.tsx";
import { useFormState } from "../../ui/form-state.ts";
import { Panel } from "../../ui/panel.tsx";
import { ResourceView } from "../../ui/resource-view.tsx";
import { RowButton } from "../../ui/row-button.tsx";
import { EmptyState, ErrorState } from "../../ui/states.tsx";
import { FieldChecks } from "../catalog/version-editor/version-form-checks.ts";
import { parseValueText, valueText } from "../catalog/version-editor/version-form-values.ts";

export function CustomerEntitlementsPanel({ customerId }: { customerId: string }) {
  const session = useSignedInSession();
  const entitlements = useQuery(
    apiQuery("/v1/customers/{id}/entitlements", { params: { path: { id: customerId } } }),
  );
  const [revoking, setRevoking] = useState<CustomerEntitlement | undefined>();
  const writable = can(session, "catalog:write");

  return (
    <Panel title="Entitlements">
      <ResourceView resource={entitlements} loadingLabel="Loading entitlements…">
        {(loaded) => (
          <>
            <p className="field-hint">
              Metered use counts from {formatDateTime(loaded.period_start)} to{" "}
              {formatDateTime(loaded.period_end)}.
            </p>
            {loaded.data.length === 0 ? (
              <EmptyState title="No features: no plan or grant entitles this customer to any." />
            ) : (
              <EntitlementTable entitlements={loaded.data} onRevoke={writable ? setRevoking : undefined} />
            )}
          </>
        )}
      </ResourceView>
      {writable && <GrantForm customerId={customerId} />}
      {revoking && (
        <RevokeDialog
          customerId={customerId}
          entitlement={revoking}
          {...closedBy(() => setRevoking(undefined))}
        />
      )}
    </Panel>
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
    <DataTable
      label="Entitlements table"
      rows={entitlements}
      rowKey={(entitlement) => entitlement.feature}
      columns={[
        {
          header: "Feature",
          cell: (entitlement) => (
            <>
              {entitlement.name}
              <code className="actor-id">
                {entitlement.feature} ({entitlement.kind})
              </code>
            </>
          ),
        },
        {
          header: "Access",
          cell: (entitlement) =>
            entitlement.allowed ? (
              <span className="badge badge-success">Allowed</span>
            ) : (
              <span className="badge badge-warning">Used up</span>
            ),
        },
        { header: "Value or limit", cell: valueOrLimit },
        {
          header: "Used this period",
          cell: (entitlement) =>
            entitlement.used === null
              ? "—"
              : `${formatQuantity(entitlement.used)}${entitlement.remaining === null ? "" : `, ${formatQuantity(entitlement.remaining)} left`}`,
        },
        { header: "From", cell: (entitlement) => (entitlement.source === "grant" ? "Direct grant" : "Plan") },
        {
          header: <span className="visually-hidden">Actions</span>,
          className: "row-actions",
          cell: (entitlement) =>
            onRevoke &&
            entitlement.source === "grant" && (
              <RowButton label="Revoke" of={entitlement.name} onClick={() => onRevoke(entitlement)} danger />
            ),
        },
      ]}
    />
  );
}

function valueOrLimit(entitlement: CustomerEntitlement): string {
  if (entitlement.kind === "boolean") return "On";
  if (entitlement.kind === "static") return valueText(entitlement.value);
  return entitlement.limit === null ? "Unlimited" : `${formatQuantity(entitlement.limit)} per period`;
}

type GrantValues = { feature: string; value: string; limit: string; unlimited: boolean };

function GrantForm({ customerId }: { customerId: string }) {
  const features = useAllPages("/v1/features");
  const known = features.data ?? [];
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
  const kind = kindOf(form.values.feature);
  const grant = useApiMutation({
    call: (values: GrantValues) =>
      api.POST("/v1/customers/{id}/entitlements", {
        params: { path: { id: customerId } },
        body: {
          feature: values.feature,
          ...(kind === "static" ? { value: parseValueText(values.value) } : {}),
          ...(kind === "metered" ? { limit: values.unlimited ? null : values.limit.trim() } : {}),
        },
      }),
    invalidates: ["/v1/customers/{id}/entitlements"],
  });

  return (
    <FormFrame
      form={form}
      refusedTitle="The feature was not granted"
      onSubmit={() => form.submitAndStartOver(grant.mutateAsync)}
      className="section-gap"
      before={<h3>Grant a feature</h3>}
    >
      {features.error && <ErrorState error={features.error} onRetry={() => void features.refetch()} />}
      <div className="inline-form">
        <SelectField
          {...form.bind("feature")}
          label="Feature"
          hint="Granting a feature already granted changes its value or limit."
          options={[
            { value: "", label: features.isPending ? "Loading features…" : "Choose a feature" },
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
          <DecimalField {...form.bind("limit")} label="Limit per period" required />
        )}
        {kind === "metered" && (
          <CheckboxField
            label="Unlimited"
            checked={form.values.unlimited}
            onCheckedChange={(checked) => form.set("unlimited", checked)}
          />
        )}
        <div className="filters-actions">
          <SubmitButton busy={form.busy} label="Grant feature" busyLabel="Granting…" />
        </div>
      </div>
    </FormFrame>
  );
}

function RevokeDialog({
  customerId,
  entitlement,
  ...closing
}: {
  customerId: string;
  entitlement: CustomerEntitlement;
} & DialogClosing) {
  const revoke = useDialogStep(closing, {
    call: () =>
      api.DELETE("/v1/customers/{id}/entitlements/{feature}", {
        params: { path: { id: customerId, feature: entitlement.feature } },
      }),
    invalidates: ["/v1/customers/{id}/entitlements"],
  });
  return (
    <ConfirmDialog title={`Revoke ${entitlement.name}?`} confirmLabel="Revoke grant" {...revoke}>
      <p>
        The direct grant is taken away. A plan that includes the feature still entitles the customer to it.
      </p>
    </ConfirmDialog>
  );
}
