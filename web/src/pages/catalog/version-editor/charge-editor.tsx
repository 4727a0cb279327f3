// One charge of a plan version: a fixed fee (in advance or in arrears,
// prorated or not) or a usage charge on a meter with one of the five pricing
// models, each showing only the fields its model reads.

import type { ChargeModel, Meter, Product } from "../../../api/resources.ts";
import { Link } from "../../../routing/link.tsx";
import { CheckboxField, SelectField, TextField } from "../../../ui/form-field.tsx";
import type { FormState } from "../../../ui/form-state.ts";
import { TierTableEditor } from "./tier-table-editor.tsx";
import { type ChargeValues, chargeModelLabels, type PlanFormValues } from "./version-form-values.ts";

type ChargeEditorProps = {
  form: FormState<PlanFormValues>;
  index: number;
  charge: ChargeValues;
  currency: string;
  meters: readonly Meter[];
  products: readonly Product[];
  onRemove: () => void;
};

const modelHints: Record<ChargeModel, string> = {
  per_unit: "Every unit at one price, after any free units.",
  package: "Units in whole packages: 2,500 units in packages of 1,000 bill 3 packages.",
  graduated: "Each tier prices the units that fall in it, like income tax brackets.",
  volume: "All units at the price of the one tier the total falls in.",
  percentage: "A percentage of a summed amount per event (payments), with an optional fee and bounds.",
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
          <TextField
            {...field("amount")}
            label="Amount"
            required
            inputMode="decimal"
            hint={`Per period, ${money}.`}
          />
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
              hint={modelHints[charge.model]}
              options={Object.entries(chargeModelLabels).map(([value, label]) => ({ value, label }))}
            />
          </div>
          <UsagePriceFields form={form} index={index} charge={charge} currency={currency} money={money} />
        </>
      )}
      <button type="button" className="button button-quiet button-danger" onClick={onRemove}>
        Remove<span className="visually-hidden"> charge {index + 1}</span>
        <span aria-hidden="true"> charge</span>
      </button>
    </fieldset>
  );
}

function UsagePriceFields({
  form,
  index,
  charge,
  currency,
  money,
}: {
  form: FormState<PlanFormValues>;
  index: number;
  charge: ChargeValues;
  currency: string;
  money: string;
}) {
  const name = `version.charges.${index}`;
  const field = (part: string) => form.bind(`${name}.${part}`);
  const freeUnits = (
    <TextField
      {...field("free_units")}
      label="Free units"
      inputMode="decimal"
      hint="Optional: units per period that cost nothing."
    />
  );
  switch (charge.model) {
    case "per_unit":
      return (
        <div className="field-grid">
          <TextField {...field("unit_price")} label="Unit price" required inputMode="decimal" hint={money} />
          {freeUnits}
        </div>
      );
    case "package":
      return (
        <div className="field-grid">
          <TextField
            {...field("package_size")}
            label="Package size"
            required
            inputMode="decimal"
            hint="Units per package."
          />
          <TextField
            {...field("package_price")}
            label="Package price"
            required
            inputMode="decimal"
            hint={money}
          />
          {freeUnits}
        </div>
      );
    case "graduated":
    case "volume":
      return (
        <TierTableEditor
          form={form}
          name={`${name}.tiers`}
          tiers={charge.tiers}
          caption={`Tiers of ${charge.id.trim() || "this charge"}`}
          currency={currency}
          tiersOf={(draft) => draft.version.charges[index]!.tiers}
        />
      );
    case "percentage":
      return (
        <div className="field-grid">
          <TextField
            {...field("rate")}
            label="Rate (percent)"
            required
            inputMode="decimal"
            hint="2.9 takes 2.9% of each event's amount."
          />
          <TextField
            {...field("fixed_fee")}
            label="Fixed fee per event"
            inputMode="decimal"
            hint={`Optional, ${money}.`}
          />
          <TextField
            {...field("per_transaction_min")}
            label="Minimum per event"
            inputMode="decimal"
            hint="Optional."
          />
          <TextField
            {...field("per_transaction_max")}
            label="Maximum per event"
            inputMode="decimal"
            hint="Optional."
          />
        </div>
      );
  }
}
