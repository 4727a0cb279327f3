// The quantity a new subscription holds of each fixed charge of its plan
// version (seats, licences): one input per fixed charge, named by the API's
// path (quantities.seats) so that a quantity outside the charge's bounds is
// refused beside its input. Empty holds 1, as the API reads it.
import { useQuery } from "@tanstack/react-query";
import { apiQuery } from "../../api/queries.ts";
import type { Plan } from "../../api/resources.ts";
import { FieldGroup, WholeNumberField } from "../../ui/form-field.tsx";
import type { FormState } from "../../ui/form-state.ts";

type QuantityValues = { plan_id: string; plan_version: string; quantities: Record<string, string> };

/** The version the subscription starts on, as far as the form knows: the one chosen, else the latest published. */
function versionOf(plan: Plan | undefined, chosen: string): number | undefined {
  if (chosen.trim() !== "") return Number(chosen);
  const published = (plan?.versions ?? []).filter((version) => version.state === "published");
  return published.map((version) => version.version).sort((left, right) => right - left)[0];
}

function boundsText(minimum: number | undefined, maximum: number | undefined): string {
  if (minimum !== undefined && maximum !== undefined) return ` From ${minimum} to ${maximum}.`;
  if (minimum !== undefined) return ` At least ${minimum}.`;
  if (maximum !== undefined) return ` At most ${maximum}.`;
  return "";
}

export function FixedChargeQuantities<Values extends QuantityValues>({
  form,
  plans,
}: {
  form: FormState<Values>;
  plans: readonly Plan[] | undefined;
}) {
  const plan = plans?.find((candidate) => candidate.id === form.values.plan_id);
  const version = versionOf(plan, form.values.plan_version);
  const planVersion = useQuery({
    ...apiQuery("/v1/plans/{id}/versions/{version}", {
      params: { path: { id: plan?.id ?? "", version: version ?? 0 } },
    }),
    enabled: plan !== undefined && version !== undefined,
  });
  const fixed = (planVersion.data?.charges ?? []).filter((charge) => charge.type === "fixed");
  if (fixed.length === 0) return null;
  return (
    <FieldGroup legend="Quantities">
      {fixed.map((charge) => (
        <WholeNumberField
          key={charge.id}
          {...form.bind(`quantities.${charge.id}`)}
          label={`Quantity of ${charge.id}`}
          hint={`Seats or licences billed at ${charge.amount} each. Empty: 1.${boundsText(
            charge.min_quantity,
            charge.max_quantity,
          )}`}
        />
      ))}
    </FieldGroup>
  );
}
