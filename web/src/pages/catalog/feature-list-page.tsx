// Features: what plans and direct grants entitle customers to, each boolean
// (on or off), static (a configuration value) or metered (a limit per period
// on a meter). Listed newest first, with a form to add one.
import { type FormEvent, useCallback, useRef } from "react";
import { apiRequest } from "../../api/api-client.ts";
import type { Meter } from "../../api/api-types.ts";
import type { Feature, FeatureKind } from "../../api/catalog-types.ts";
import { useAllPages, usePagedList } from "../../api/use-api.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { FormErrorSummary } from "../../ui/form-error-summary.tsx";
import { SelectField, TextField } from "../../ui/form-field.tsx";
import { useFocusFirstError, useFormState } from "../../ui/form-state.ts";
import { ListFooter } from "../../ui/list-footer.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../ui/states.tsx";
import { TableScroll } from "../../ui/table-scroll.tsx";
import { FieldChecks } from "./version-editor/version-form-checks.ts";

const featureKindLabels: Record<FeatureKind, string> = {
  boolean: "Boolean: on or off",
  static: "Static: a configuration value",
  metered: "Metered: a limit per period",
};

export function FeatureListPage() {
  const session = useSignedInSession();
  const list = usePagedList<Feature>("/v1/features?limit=50");
  return (
    <>
      <PageHeader title="Features" subtitle="What plans and direct grants entitle customers to." />
      {can(session, "catalog:write") && <CreateFeatureForm onCreated={list.reload} />}
      <section className="panel" aria-labelledby="features-title">
        <h2 id="features-title">All features</h2>
        {list.state.status === "loading" && <LoadingState label="Loading features…" />}
        {list.state.status === "error" && <ErrorState error={list.state.error} onRetry={list.reload} />}
        {list.state.status === "ready" && list.state.data.length === 0 && (
          <EmptyState title="No features yet." />
        )}
        {list.state.status === "ready" && list.state.data.length > 0 && (
          <TableScroll label="Features table">
            <table className="stacked-on-phone">
              <thead>
                <tr>
                  <th scope="col">Feature</th>
                  <th scope="col">Code</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Meter</th>
                  <th scope="col">Created</th>
                </tr>
              </thead>
              <tbody>
                {list.state.data.map((feature) => (
                  <tr key={feature.id}>
                    <th scope="row">
                      {feature.name}
                      {feature.description && <span className="actor-id">{feature.description}</span>}
                    </th>
                    <td data-label="Code">
                      <code>{feature.code}</code>
                    </td>
                    <td data-label="Kind">{feature.kind}</td>
                    <td data-label="Meter">{feature.meter ? <code>{feature.meter}</code> : "—"}</td>
                    <td data-label="Created">{formatDateTime(feature.created_at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        <ListFooter list={list} noun={["feature", "features"]} />
      </section>
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

function CreateFeatureForm({ onCreated }: { onCreated: () => void }) {
  const meters = useAllPages<Meter>("/v1/meters");
  const initial = useCallback(
    (): FeatureValues => ({ code: "", name: "", description: "", kind: "boolean", meter: "" }),
    [],
  );
  const form = useFormState<FeatureValues>(initial, checkFeature);
  const formElement = useRef<HTMLFormElement>(null);
  const summary = useRef<HTMLDivElement>(null);
  const { values } = form;

  useFocusFirstError(form.failedSubmits, formElement, summary);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const created = await form.submit(async (current) => {
      await apiRequest<Feature>("POST", "/v1/features", {
        body: {
          code: current.code.trim(),
          name: current.name.trim(),
          kind: current.kind,
          ...(current.description.trim() === "" ? {} : { description: current.description.trim() }),
          ...(current.kind === "metered" ? { meter: current.meter } : {}),
        },
      });
    });
    if (created) {
      form.reset(initial());
      onCreated();
    }
  };

  return (
    <section className="panel" aria-labelledby="create-feature-title">
      <h2 id="create-feature-title">Add a feature</h2>
      <FormErrorSummary
        title="The feature was not added"
        refusal={form.refusal}
        failingChecks={form.failingChecks}
        markedServerErrors={Object.keys(form.serverErrors).length}
        unplaced={[]}
        summaryRef={summary}
      />
      <form ref={formElement} className="inline-form" onSubmit={(event) => void submit(event)} noValidate>
        <TextField
          {...form.bind("code")}
          label="Code"
          required
          autoComplete="off"
          hint="Such as sso or seats."
        />
        <TextField {...form.bind("name")} label="Name" required autoComplete="off" />
        <TextField {...form.bind("description")} label="Description" autoComplete="off" />
        <SelectField
          {...form.bind("kind")}
          label="Kind"
          options={Object.entries(featureKindLabels).map(([value, label]) => ({ value, label }))}
        />
        {values.kind === "metered" && (
          <SelectField
            {...form.bind("meter")}
            label="Meter"
            hint={meters.status === "error" ? meters.error.detail : undefined}
            options={[
              { value: "", label: meters.status === "loading" ? "Loading meters…" : "Choose a meter" },
              ...(meters.status === "ready"
                ? meters.data.map((meter) => ({ value: meter.code, label: `${meter.name} (${meter.code})` }))
                : []),
            ]}
          />
        )}
        <div className="filters-actions">
          <button type="submit" className="button button-primary" disabled={form.busy}>
            {form.busy ? "Adding…" : "Add feature"}
          </button>
        </div>
      </form>
    </section>
  );
}
