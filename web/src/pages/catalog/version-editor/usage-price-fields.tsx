// The inputs of a usage price's model (charge-models.ts lists them): a
// usage charge's own price, or one combination or the default of a charge
// priced by dimension. Tiered models get a tier table.
import type { ChargeModel } from "../../../api/resources.ts";
import { DecimalField } from "../../../ui/form-field.tsx";
import type { FormState } from "../../../ui/form-state.ts";
import { chargeModelViews } from "../charge-models.ts";
import { TierTableEditor } from "./tier-table-editor.tsx";
import type { ChargeValues, PlanFormValues, PriceValues, TierValues } from "./version-form-values.ts";

/** What a usage price is made of: its model and the fields of every model, as typed. */
type UsagePriceInputs = Pick<ChargeValues, keyof PriceValues | "free_units" | "package_size"> & {
  model: ChargeModel;
};

/**
 * The inputs of a usage price's model, as its entry in charge-models.ts lists
 * them, under the form name `name`: a charge's own price, or a dimensional
 * charge's combination or default.
 */
export function UsagePriceFields({
  form,
  name,
  price,
  caption,
  currency,
  money,
  tiersOf,
}: {
  form: FormState<PlanFormValues>;
  name: string;
  price: UsagePriceInputs;
  /** What the tier table is for ("Tiers of api_calls"). */
  caption: string;
  currency: string;
  money: string;
  tiersOf: (draft: PlanFormValues) => TierValues[];
}) {
  const view = chargeModelViews[price.model];
  return (
    <>
      {view.fields.length > 0 && (
        <div className="field-grid">
          {view.fields.map((field) => (
            <DecimalField
              key={field.name}
              {...form.bind(`${name}.${field.name}`)}
              label={field.label}
              required={field.required}
              hint={field.hint?.(money)}
            />
          ))}
        </div>
      )}
      {view.tiered && (
        <TierTableEditor
          form={form}
          name={`${name}.tiers`}
          tiers={price.tiers}
          caption={caption}
          currency={currency}
          tiersOf={tiersOf}
        />
      )}
    </>
  );
}
