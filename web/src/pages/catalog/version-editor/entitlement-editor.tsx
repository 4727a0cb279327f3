// The features a plan version entitles its subscribers to: a boolean feature
// by itself, a static one with its configuration value, a metered one with
// its limit per period (or unlimited).

import type { Feature } from "../../../api/resources.ts";
import { CheckboxField, DecimalField, SelectField, TextField } from "../../../ui/form-field.tsx";
import type { FormState } from "../../../ui/form-state.ts";
import { RemoveButton } from "../../../ui/remove-button.tsx";
import type { EntitlementValues, PlanFormValues } from "./version-form-values.ts";

type EntitlementEditorProps = {
  form: FormState<PlanFormValues>;
  index: number;
  entitlement: EntitlementValues;
  features: readonly Feature[];
  onRemove: () => void;
};

export function EntitlementEditor({ form, index, entitlement, features, onRemove }: EntitlementEditorProps) {
  const name = `version.entitlements.${index}`;
  const feature = features.find((candidate) => candidate.code === entitlement.feature);
  const rowError = form.errorOf(name);
  return (
    <div className="entitlement-row">
      {rowError && <p className="field-error">{rowError}</p>}
      <div className="field-grid">
        <SelectField
          {...form.bind(`${name}.feature`)}
          label={`Entitlement ${index + 1} feature`}
          options={[
            { value: "", label: "Choose a feature" },
            ...features.map((candidate) => ({
              value: candidate.code,
              label: `${candidate.name} (${candidate.code}, ${candidate.kind})`,
            })),
            // A feature the list does not hold (deleted, or beyond its first pages) stays selectable.
            ...(entitlement.feature !== "" && feature === undefined
              ? [{ value: entitlement.feature, label: entitlement.feature }]
              : []),
          ]}
          hint={feature?.kind === "boolean" ? "On for every subscriber." : undefined}
        />
        {feature?.kind === "static" && (
          <TextField
            {...form.bind(`${name}.value`)}
            label={`Entitlement ${index + 1} value`}
            required
            hint='Text, or JSON such as 10 or {"level": 2}.'
          />
        )}
        {feature?.kind === "metered" && (
          <>
            {!entitlement.unlimited && (
              <DecimalField
                {...form.bind(`${name}.limit`)}
                label={`Entitlement ${index + 1} limit per period`}
                required
                hint={feature.meter ? `Counted by meter ${feature.meter}.` : undefined}
              />
            )}
            <CheckboxField
              label={`Entitlement ${index + 1} unlimited`}
              checked={entitlement.unlimited}
              onCheckedChange={(checked) => form.set(`${name}.unlimited`, checked)}
            />
          </>
        )}
      </div>
      <RemoveButton of={`entitlement ${index + 1}`} shown="entitlement" onRemove={onRemove} danger />
    </div>
  );
}
