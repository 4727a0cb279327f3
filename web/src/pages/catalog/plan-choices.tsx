// The plan and version a form chooses (a new subscription, a plan change):
// only plans with a published version, and only published versions, after a
// first choice that leaves the version to the date the change takes effect.
import { useAllPages } from "../../api/queries.ts";
import type { Plan } from "../../api/resources.ts";
import { SelectField } from "../../ui/form-field.tsx";
import type { FormState } from "../../ui/form-state.ts";
import { ErrorState } from "../../ui/states.tsx";

function publishedPlans(plans: readonly Plan[] | undefined): Plan[] {
  return (plans ?? []).filter((plan) => plan.versions.some((version) => version.state === "published"));
}

export function PlanVersionChoice<Values extends { plan_id: string; plan_version: string }>({
  form,
  versionLabel,
  inEffectLabel,
}: {
  form: FormState<Values>;
  versionLabel: string;
  /** The first version choice: the version in effect when…. */
  inEffectLabel: string;
}) {
  const plans = useAllPages("/v1/plans");
  const published = publishedPlans(plans.data);
  const plan = published.find((candidate) => candidate.id === form.values.plan_id);
  return (
    <>
      {plans.error && <ErrorState error={plans.error} onRetry={() => void plans.refetch()} />}
      <SelectField
        {...form.bind("plan_id")}
        onValueChange={(value) =>
          // Another plan has other versions: the version chosen no longer applies.
          form.restructure((draft) => {
            draft.plan_id = value;
            draft.plan_version = "";
          })
        }
        label="Plan"
        hint={plans.data && published.length === 0 ? "No plan has a published version yet." : undefined}
        options={[
          { value: "", label: plans.data === undefined ? "Loading plans…" : "Choose a plan" },
          ...published.map((candidate) => ({
            value: candidate.id,
            label: `${candidate.name} (${candidate.code})`,
          })),
        ]}
      />
      <SelectField
        {...form.bind("plan_version")}
        label={versionLabel}
        disabled={plan === undefined}
        options={[
          { value: "", label: inEffectLabel },
          ...(plan?.versions ?? [])
            .filter((version) => version.state === "published")
            .map((version) => ({
              value: String(version.version),
              label: `Version ${version.version} (${version.status})`,
            })),
        ]}
      />
    </>
  );
}
