// Features: what plans and direct grants entitle customers to, each boolean
// (on or off), static (a configuration value) or metered (a limit per period
// on a meter). Listed newest first, with a form to add one.
import { useCallback } from "react";
import { api } from "../../api/api-client.ts";
import { useAllPages, useApiMutation, usePagedList } from "../../api/queries.ts";
import type { Feature, RequestBody } from "../../api/resources.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { CodeAndNameFields } from "../../ui/code-and-name-fields.tsx";
import { DataTable } from "../../ui/data-table.tsx";
import { labelOptions, SelectField, TextField } from "../../ui/form-field.tsx";
import { InlineFormPanel } from "../../ui/form-frame.tsx";
import { useFormState } from "../../ui/form-state.ts";
import { PageHeader } from "../../ui/page-header.tsx";
import { PagedListView } from "../../ui/paged-list-view.tsx";
import { Panel } from "../../ui/panel.tsx";
import { meterOptions } from "../metering/meter-choices.ts";
import { FieldChecks } from "./version-editor/version-form-checks.ts";

type FeatureKind = Feature["kind"];

const featureKindLabels: Record<FeatureKind, string> = {
  boolean: "Boolean: on or off",
  static: "Static: a configuration value",
  metered: "Metered: a limit per period",
};

export function FeatureListPage() {
  const session = useSignedInSession();
  const list = usePagedList("/v1/features", { params: { query: { limit: 50 } } });
  return (
    <>
      <PageHeader title="Features" subtitle="What plans and direct grants entitle customers to." />
      {can(session, "catalog:write") && <CreateFeatureForm />}
      <Panel title="All features">
        <PagedListView list={list} noun={["feature", "features"]} empty="No features yet.">
          {(features) => (
            <DataTable
              label="Features table"
              rows={features}
              rowKey={(feature) => feature.id}
              columns={[
                {
                  header: "Feature",
                  cell: (feature) => (
                    <>
                      {feature.name}
                      {feature.description && <span className="actor-id">{feature.description}</span>}
                    </>
                  ),
                },
                { header: "Code", cell: (feature) => <code>{feature.code}</code> },
                { header: "Kind", cell: (feature) => feature.kind },
                { header: "Meter", cell: (feature) => (feature.meter ? <code>{feature.meter}</code> : "—") },
                { header: "Created", cell: (feature) => formatDateTime(feature.created_at) },
              ]}
            />
          )}
        </PagedListView>
      </Panel>
    </>
  );
}

type FeatureValues = { code: string; name: string; description: string; kind: FeatureKind; meter: string };

function checkFeature(values: FeatureValues) {
  const checks = new FieldChecks();
  checks.code("code", values.code, "A feature code");
  checks.required("name", values.name);
  if (values.kind === "metered")
    checks.required("meter", values.meter, "choose the meter that counts its use");
  return checks.errors;
}

function featureBody(values: FeatureValues): RequestBody<"/v1/features", "post"> {
  return {
    code: values.code.trim(),
    name: values.name.trim(),
    kind: values.kind,
    ...(values.description.trim() === "" ? {} : { description: values.description.trim() }),
    ...(values.kind === "metered" ? { meter: values.meter } : {}),
  };
}

function CreateFeatureForm() {
  const meters = useAllPages("/v1/meters");
  const initial = useCallback(
    (): FeatureValues => ({ code: "", name: "", description: "", kind: "boolean", meter: "" }),
    [],
  );
  const form = useFormState<FeatureValues>(initial, checkFeature);
  const create = useApiMutation({
    call: (values: FeatureValues) => api.POST("/v1/features", { body: featureBody(values) }),
    invalidates: ["/v1/features"],
  });

  return (
    <InlineFormPanel
      title="Add a feature"
      form={form}
      refusedTitle="The feature was not added"
      onSubmit={() => form.submitAndStartOver(create.mutateAsync)}
      submit={["Add feature", "Adding…"]}
    >
      <CodeAndNameFields form={form} codeHint="Such as sso or seats." />
      <TextField {...form.bind("description")} label="Description" autoComplete="off" />
      <SelectField {...form.bind("kind")} label="Kind" options={labelOptions(featureKindLabels)} />
      {form.values.kind === "metered" && (
        <SelectField
          {...form.bind("meter")}
          label="Meter"
          hint={meters.error?.detail}
          options={meterOptions(meters.data)}
        />
      )}
    </InlineFormPanel>
  );
}
