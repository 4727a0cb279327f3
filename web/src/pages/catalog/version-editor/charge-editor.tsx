// One charge of a plan version: a fixed fee (in advance or in arrears,
// prorated or not) or a usage charge on a meter with one of the pricing
// models, each showing only the fields its model reads (charge-models.ts); a
// charge priced by dimension has its combinations and default beneath
// (dimensional-price-editor.tsx).
import type { Meter, Product } from "../../../api/resources.ts";
import { Link } from "../../../routing/link.tsx";
import {
  CheckboxField,
  DecimalField,
  SelectField,
  TextField,
  WholeNumberField,
} from "../../../ui/form-field.tsx";
import type { FormState } from "../../../ui/form-state.ts";
import { RemoveButton } from "../../../ui/remove-button.tsx";
import { chargeModelViews } from "../charge-models.ts";
import { DimensionalPriceEditor } from "./dimensional-price-editor.tsx";
import { UsagePriceFields } from "./usage-price-fields.tsx";
import type { ChargeValues, PlanFormValues } from "./version-form-values.ts";

type ChargeEditorProps = {
  form: FormState<PlanFormValues>;
  index: number;
  charge: ChargeValues;
  currency: string;
  meters: readonly Meter[];
  products: readonly Product[];
  onRemove: () => void;
};

export function ChargeEditor({
  form,
  index,
  charge,
  currency,
  meters,
  products,
  onRemove,
}: ChargeEditorProps) {
  const name = `version.charges.${index}`;
  const field = (part: string) => form.bind(`${name}.${part}`);
  const chargeError = form.errorOf(name);
  const title = `Charge ${index + 1}${charge.id.trim() ? `: ${charge.id.trim()}` : ""}`;
  const money = `in ${currency || "the version's currency"}`;

  return (
    <fieldset className="charge-editor">
      <legend>{title}</legend>
      {chargeError && <p className="field-error">{chargeError}</p>}
      <div className="field-grid">
        <TextField
          {...field("id")}
          label="Charge id"
          required
          autoComplete="off"
          hint="A code that names the charge on invoices and in price overrides, such as api_calls."
        />
        <SelectField
          {...field("type")}
          label="Kind"
          options={[
            { value: "fixed", label: "Fixed fee" },
            { value: "usage", label: "Usage" },
          ]}
        />
        <SelectField
          {...field("product")}
          label="Product"
          hint="Optional: groups the charge's lines on invoices."
          options={[
            { value: "", label: "No product" },
            ...products.map((product) => ({
              value: product.code,
              label: `${product.name} (${product.code})`,
            })),
          ]}
        />
      </div>

      {charge.type === "fixed" ? (
        <div className="field-grid">
          <DecimalField {...field("amount")} label="Amount" required hint={`Per period, ${money}.`} />
          <SelectField
            {...field("timing")}
            label="Billed"
            options={[
              { value: "in_advance", label: "In advance, at the start of the period" },
              { value: "in_arrears", label: "In arrears, at the end of the period" },
            ]}
          />
          <CheckboxField
            label="Prorate partial periods"
            hint="A subscription that starts, changes or ends mid-period pays for the days it had."
            checked={charge.prorate}
            onCheckedChange={(checked) => form.set(`${name}.prorate`, checked)}
          />
          <WholeNumberField
            {...field("min_quantity")}
            label="Minimum quantity"
            hint="Optional: the fewest seats or licences a subscription may hold."
          />
          <WholeNumberField
            {...field("max_quantity")}
            label="Maximum quantity"
            hint="Optional: the most a subscription may hold."
          />
          <CheckboxField
            label="Credit a decrease"
            hint="When the quantity goes down mid-period, credit the days left for the removed units."
            checked={charge.credit_on_decrease}
            onCheckedChange={(checked) => form.set(`${name}.credit_on_decrease`, checked)}
          />
        </div>
      ) : (
        <>
          <div className="field-grid">
            <SelectField
              {...field("meter")}
              label="Meter"
              hint={
                meters.length === 0 ? (
                  <>
                    No meters yet: <Link to="/meters/new">create one</Link> first.
                  </>
                ) : (
                  "What the charge counts."
                )
              }
              options={[
                { value: "", label: "Choose a meter" },
                ...meters.map((meter) => ({
                  value: meter.code,
                  label: `${meter.name} (${meter.code}, ${meter.aggregation})`,
                })),
              ]}
            />
            <SelectField
              {...field("model")}
              label="Pricing model"
              hint={chargeModelViews[charge.model].hint}
              options={Object.entries(chargeModelViews).map(([value, view]) => ({
                value,
                label: view.label,
              }))}
            />
          </div>
          <CheckboxField
            label="Bill usage as it arrives"
            hint="In advance: events are invoiced in hourly windows as they arrive (count or sum meters), not at the period's end."
            checked={charge.usage_in_advance}
            onCheckedChange={(checked) => form.set(`${name}.usage_in_advance`, checked)}
          />
          {charge.model === "dimensional" ? (
            <DimensionalPriceEditor
              form={form}
              index={index}
              charge={charge}
              currency={currency}
              money={money}
            />
          ) : (
            <UsagePriceFields
              form={form}
              name={name}
              price={charge}
              caption={`Tiers of ${charge.id.trim() || "this charge"}`}
              currency={currency}
              money={money}
              tiersOf={(draft) => draft.version.charges[index]!.tiers}
            />
          )}
        </>
      )}
      <RemoveButton of={`charge ${index + 1}`} shown="charge" onRemove={onRemove} danger />
    </fieldset>
  );
}
