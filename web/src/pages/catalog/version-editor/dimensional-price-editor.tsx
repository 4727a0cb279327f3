// A usage charge priced by dimension (docs/scenario-format-v2.md section 1):
// the event properties it prices by (one or two, such as model and region),
// the combinations it lists, each with a value per dimension and its own price
// (any usage model), and what prices every other combination: a default price,
// or a refusal of their events at ingestion. Rows are added and removed in
// place; each input is named by the API's path, so its error lands beside it.
import { SelectField, TextField } from "../../../ui/form-field.tsx";
import type { FormState } from "../../../ui/form-state.ts";
import { RemoveButton } from "../../../ui/remove-button.tsx";
import { chargeModelViews } from "../charge-models.ts";
import { UsagePriceFields } from "./usage-price-fields.tsx";
import {
  type ChargeValues,
  emptyCombination,
  type ListedModel,
  type PlanFormValues,
} from "./version-form-values.ts";

type DimensionalPriceEditorProps = {
  form: FormState<PlanFormValues>;
  index: number;
  charge: ChargeValues;
  currency: string;
  money: string;
};

/** The models a combination or the default can have: all but pricing by dimension again. */
const listedModelOptions = (Object.keys(chargeModelViews) as (keyof typeof chargeModelViews)[])
  .filter((model): model is ListedModel => model !== "dimensional")
  .map((model) => ({ value: model, label: chargeModelViews[model].label }));

/** A dimension's name as the operator reads it: what was typed, or its place. */
function dimensionLabel(charge: ChargeValues, index: number): string {
  return charge.dimensions[index]?.trim() || (index === 0 ? "first dimension" : "second dimension");
}

export function DimensionalPriceEditor({
  form,
  index,
  charge,
  currency,
  money,
}: DimensionalPriceEditorProps) {
  const name = `version.charges.${index}`;
  const chargeOf = (draft: PlanFormValues) => draft.version.charges[index]!;
  const chargeName = charge.id.trim() || `charge ${index + 1}`;
  const pricesError = form.errorOf(`${name}.prices`);

  const addSecondDimension = () =>
    form.restructure((draft) => {
      const edited = chargeOf(draft);
      edited.dimensions.push("");
      for (const entry of edited.prices) entry.match.push("");
    });
  const removeSecondDimension = () =>
    form.restructure((draft) => {
      const edited = chargeOf(draft);
      edited.dimensions.splice(1);
      for (const entry of edited.prices) entry.match.splice(1);
    });

  return (
    <div className="dimensional-prices">
      <fieldset>
        <legend>Dimensions of {chargeName}</legend>
        <div className="field-grid">
          <TextField
            {...form.bind(`${name}.dimensions.0`)}
            label="First dimension"
            required
            autoComplete="off"
            hint="The event property that picks the price, such as model."
          />
          {charge.dimensions.length > 1 && (
            <TextField
              {...form.bind(`${name}.dimensions.1`)}
              label="Second dimension"
              required
              autoComplete="off"
              hint="A second property, such as region: each pair of values has its own price."
            />
          )}
        </div>
        {charge.dimensions.length > 1 ? (
          <button type="button" className="button button-quiet button-small" onClick={removeSecondDimension}>
            Remove the second dimension
          </button>
        ) : (
          <button type="button" className="button button-small" onClick={addSecondDimension}>
            Add a second dimension
          </button>
        )}
      </fieldset>

      {charge.prices.map((entry, entryIndex) => {
        const entryName = `${name}.prices.${entryIndex}`;
        return (
          <fieldset key={entry.key} className="combination-price">
            <legend>Combination {entryIndex + 1}</legend>
            {form.errorOf(`${entryName}.match`) && (
              <p className="field-error">{form.errorOf(`${entryName}.match`)}</p>
            )}
            <div className="field-grid">
              {charge.dimensions.map((dimension, dimensionIndex) => {
                const bound = form.bind(`${entryName}.match.${dimensionIndex}`);
                // The API names a bad value by the dimension's name (match.model).
                const apiError = form.errorOf(`${entryName}.match.${dimension.trim()}`);
                return (
                  <TextField
                    // biome-ignore lint/suspicious/noArrayIndexKey: a dimension is its place (first, second)
                    key={dimensionIndex}
                    {...bound}
                    error={bound.error ?? apiError}
                    label={`Value of ${dimensionLabel(charge, dimensionIndex)}`}
                    required
                    autoComplete="off"
                  />
                );
              })}
              <SelectField
                {...form.bind(`${entryName}.model`)}
                label="Pricing model"
                hint={chargeModelViews[entry.model].hint}
                options={listedModelOptions}
              />
            </div>
            <UsagePriceFields
              form={form}
              name={entryName}
              price={entry}
              caption={`Tiers of ${chargeName}, combination ${entryIndex + 1}`}
              currency={currency}
              money={money}
              tiersOf={(draft) => chargeOf(draft).prices[entryIndex]!.tiers}
            />
            <RemoveButton
              of={`combination ${entryIndex + 1} of ${chargeName}`}
              shown="combination"
              small
              disabled={charge.prices.length === 1}
              onRemove={() =>
                form.restructure((draft) => {
                  chargeOf(draft).prices.splice(entryIndex, 1);
                })
              }
            />
          </fieldset>
        );
      })}
      {pricesError && <p className="field-error">{pricesError}</p>}
      <button
        type="button"
        className="button button-small"
        onClick={() =>
          form.restructure((draft) => {
            chargeOf(draft).prices.push(emptyCombination(charge.dimensions.length));
          })
        }
      >
        Add a combination<span className="visually-hidden"> to {chargeName}</span>
      </button>

      <fieldset>
        <legend>Other combinations of {chargeName}</legend>
        <SelectField
          {...form.bind(`${name}.others`)}
          label="Combinations not listed"
          hint="Their events are priced at the default, or refused when they arrive (never billed at zero)."
          options={[
            { value: "default", label: "Priced at a default price" },
            { value: "reject", label: "Refused at ingestion" },
          ]}
        />
        {charge.others === "default" && (
          <>
            <div className="field-grid">
              <SelectField
                {...form.bind(`${name}.default.model`)}
                label="Default pricing model"
                hint={chargeModelViews[charge.default.model].hint}
                options={listedModelOptions}
              />
            </div>
            <UsagePriceFields
              form={form}
              name={`${name}.default`}
              price={charge.default}
              caption={`Default tiers of ${chargeName}`}
              currency={currency}
              money={money}
              tiersOf={(draft) => chargeOf(draft).default.tiers}
            />
          </>
        )}
        {form.errorOf(`${name}.default`) && <p className="field-error">{form.errorOf(`${name}.default`)}</p>}
      </fieldset>
    </div>
  );
}
