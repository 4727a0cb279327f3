// A plan version's prices in other currencies: one price book per currency,
// pricing every charge with the price fields of its model (a graduated charge
// gets its own tier table) and, when the version has one, the minimum
// commitment in that currency.
import type { ReactNode } from "react";
import { CurrencyField, DecimalField } from "../../../ui/form-field.tsx";
import type { FormState } from "../../../ui/form-state.ts";
import { RemoveButton } from "../../../ui/remove-button.tsx";
import { modelViewOf } from "../charge-models.ts";
import { TierTableEditor } from "./tier-table-editor.tsx";
import {
  bookPriceFieldsOf,
  type ChargeValues,
  type PlanFormValues,
  type PriceBookValues,
  type PriceValues,
} from "./version-form-values.ts";

type PriceBookEditorProps = {
  form: FormState<PlanFormValues>;
  index: number;
  book: PriceBookValues;
  charges: readonly ChargeValues[];
  hasMinimumCommitment: boolean;
  onRemove: () => void;
};

export function PriceBookEditor({
  form,
  index,
  book,
  charges,
  hasMinimumCommitment,
  onRemove,
}: PriceBookEditorProps) {
  const name = `version.currency_prices.${index}`;
  const currency = book.currency.trim().toUpperCase();
  const bookError = form.errorOf(name);
  const chargesError = form.errorOf(`${name}.charges`);

  return (
    <fieldset className="price-book-editor">
      <legend>
        Price book {index + 1}
        {currency ? `: ${currency}` : ""}
      </legend>
      {bookError && <p className="field-error">{bookError}</p>}
      <div className="field-grid">
        <CurrencyField
          {...form.bind(`${name}.currency`)}
          required
          hint="An ISO 4217 code other than the version's."
        />
        {hasMinimumCommitment && (
          <DecimalField
            {...form.bind(`${name}.minimum_commitment`)}
            label="Minimum commitment"
            required
            hint={`Per period, in ${currency || "this currency"}.`}
          />
        )}
      </div>
      {charges.length === 0 && <p className="field-hint">Add charges to the version to price them here.</p>}
      {charges.map((charge, chargeIndex) => (
        <ChargePrices
          key={charge.key}
          form={form}
          name={`${name}.charges.${chargeIndex}`}
          label={`${charge.id.trim() || `Charge ${chargeIndex + 1}`} in ${currency || "this currency"}`}
          charge={charge}
          prices={book.charges[chargeIndex]}
          currency={currency}
          tiersOf={(draft) => draft.version.currency_prices[index]!.charges[chargeIndex]!.tiers}
        />
      ))}
      {chargesError && <p className="field-error">{chargesError}</p>}
      <RemoveButton of={`price book ${index + 1}`} shown="price book" onRemove={onRemove} danger />
    </fieldset>
  );
}

function ChargePrices({
  form,
  name,
  label,
  charge,
  prices,
  currency,
  tiersOf,
}: {
  form: FormState<PlanFormValues>;
  name: string;
  label: string;
  charge: ChargeValues;
  prices: PriceValues | undefined;
  currency: string;
  tiersOf: Parameters<typeof TierTableEditor<PlanFormValues>>[0]["tiersOf"];
}) {
  if (prices === undefined) return null;
  const error = form.errorOf(name);
  const field = (part: string, fieldLabel: string, required: boolean) => (
    <DecimalField {...form.bind(`${name}.${part}`)} label={`${label}: ${fieldLabel}`} required={required} />
  );
  const shown = bookPriceFieldsOf(charge);
  if (shown.includes("tiers")) {
    return (
      <div className="price-book-charge">
        {error && <p className="field-error">{error}</p>}
        <TierTableEditor
          form={form}
          name={`${name}.tiers`}
          tiers={prices.tiers}
          caption={`Tiers of ${label}`}
          currency={currency}
          tiersOf={tiersOf}
        />
      </div>
    );
  }
  // The prices of the charge's model (charge-models.ts), or a fixed charge's amount.
  const priceFields =
    charge.type === "fixed"
      ? [{ name: "amount", label: "Amount" }]
      : modelViewOf(charge).fields.filter((field) => field.price && shown.includes(field.name as never));
  const fields: ReactNode =
    priceFields.length === 1
      ? field(priceFields[0]!.name, priceFields[0]!.label.toLowerCase(), true)
      : priceFields.map((priceField) => (
          <span key={priceField.name} className="field-grid-item">
            {field(priceField.name, priceField.label.toLowerCase(), true)}
          </span>
        ));
  return (
    <div className="price-book-charge">
      {error && <p className="field-error">{error}</p>}
      <div className="field-grid">{fields}</div>
    </div>
  );
}
