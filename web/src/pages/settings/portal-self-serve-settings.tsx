// What customers may change themselves in the portal: the plans a
// subscription may be switched to, and whether a subscription may be
// cancelled (at the end of its period). Until it is set, nothing is allowed.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api, reasonHeader } from "../../api/api-client.ts";
import { apiQuery, type GetData, useAllPages, useApiMutation } from "../../api/queries.ts";
import { Detail } from "../../ui/detail.tsx";
import { CheckboxField, labelOptions, SelectField } from "../../ui/form-field.tsx";
import { useFormState } from "../../ui/form-state.ts";
import { Panel } from "../../ui/panel.tsx";
import { ResourceView } from "../../ui/resource-view.tsx";
import { SettingsForm } from "../../ui/settings-form.tsx";
import { ErrorState } from "../../ui/states.tsx";

type SelfServeSettings = GetData<"/v1/portal-self-serve-settings">;
type Cancellation = SelfServeSettings["cancellation"];
type SelfServeValues = { plan_codes: string[]; cancellation: Cancellation };

const cancellationLabels: Record<Cancellation, string> = {
  not_allowed: "Not in the portal",
  at_period_end: "At the end of the period",
};

const noChecks = () => ({});
const placed = new Set(["plan_codes", "cancellation"]);
const settingsPath = "/v1/portal-self-serve-settings";

export function PortalSelfServeSettings({ writable }: { writable: boolean }) {
  const settings = useQuery(apiQuery(settingsPath));
  return (
    <Panel title="Customer portal self-service">
      <ResourceView resource={settings} loadingLabel="Loading the portal's self-service…">
        {(current) => (
          <>
            <dl className="details">
              <Detail term="Plans customers may switch to">
                {current.plan_codes.length === 0 ? "None" : current.plan_codes.join(", ")}
              </Detail>
              <Detail term="Customers may cancel">{cancellationLabels[current.cancellation]}</Detail>
            </dl>
            {writable && <SelfServeForm settings={current} />}
          </>
        )}
      </ResourceView>
    </Panel>
  );
}

function valuesOf(settings: SelfServeSettings): SelfServeValues {
  return { plan_codes: [...settings.plan_codes], cancellation: settings.cancellation };
}

function SelfServeForm({ settings }: { settings: SelfServeSettings }) {
  const plans = useAllPages("/v1/plans");
  const form = useFormState<SelfServeValues>(() => valuesOf(settings), noChecks);
  const [reason, setReason] = useState("");
  const [outcome, setOutcome] = useState("");
  const save = useApiMutation({
    call: (values: SelfServeValues) =>
      api.PUT(settingsPath, { params: { header: reasonHeader(reason) }, body: values }),
    invalidates: [settingsPath],
    answers: apiQuery(settingsPath),
    onSuccess: (saved) => {
      form.reset(valuesOf(saved));
      setOutcome("Saved: customers see these choices in the portal from now on.");
    },
  });
  const chosen = new Set(form.values.plan_codes);
  const toggle = (code: string, checked: boolean) =>
    form.restructure((draft) => {
      draft.plan_codes = checked
        ? [...draft.plan_codes, code]
        : draft.plan_codes.filter((kept) => kept !== code);
    });
  return (
    <SettingsForm
      form={form}
      refusedTitle="The portal's self-service was not saved"
      save={save.mutateAsync}
      saveLabel="Save portal self-service"
      reason={[reason, setReason]}
      outcome={[outcome, setOutcome]}
      placed={placed}
      before={<h3>Change what customers may do</h3>}
    >
      {plans.error && <ErrorState error={plans.error} onRetry={() => void plans.refetch()} />}
      <fieldset>
        <legend>Plans customers may switch to</legend>
        {plans.data?.length === 0 && <p className="muted">No plans yet.</p>}
        {(plans.data ?? []).map((plan) => (
          <CheckboxField
            key={plan.id}
            name="plan_codes"
            label={`${plan.name} (${plan.code})`}
            checked={chosen.has(plan.code)}
            onCheckedChange={(checked) => toggle(plan.code, checked)}
          />
        ))}
      </fieldset>
      <div className="field-grid">
        <SelectField
          {...form.bind("cancellation")}
          label="Customers may cancel"
          options={labelOptions(cancellationLabels)}
        />
      </div>
    </SettingsForm>
  );
}
