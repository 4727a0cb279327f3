// The tiers of a graduated or volume price as a table: one row per tier with
// its inclusive upper bound, unit price and flat fee, rows added and removed
// in place. Each input is labelled by its tier and column, and its error is
// shown in its cell; an error about the list as a whole (tiers out of order)
// is shown under the table.
import { useId } from "react";
import type { FormState } from "../../../ui/form-state.ts";
import { RemoveButton } from "../../../ui/remove-button.tsx";
import { emptyTier, type TierValues } from "./version-form-values.ts";

type TierTableEditorProps<Values> = {
  form: FormState<Values>;
  /** The form name of the tier list, such as "version.charges.0.tiers". */
  name: string;
  tiers: readonly TierValues[];
  /** What the table is for, in its caption ("Tiers of api_calls"). */
  caption: string;
  currency: string;
  /** Removes or adds rows in the draft: the list at `name`. */
  tiersOf: (draft: Values) => TierValues[];
};

const columns = [
  { field: "up_to", label: "Up to (units)", hint: "inclusive; empty on the last tier" },
  { field: "unit_price", label: "Unit price", hint: undefined },
  { field: "flat_fee", label: "Flat fee", hint: "optional" },
] as const;

export function TierTableEditor<Values>({
  form,
  name,
  tiers,
  caption,
  currency,
  tiersOf,
}: TierTableEditorProps<Values>) {
  const captionId = useId();
  const listError = form.errorOf(name);
  const listErrorId = `${captionId}-error`;

  const addTier = () =>
    form.restructure((draft) => {
      const list = tiersOf(draft);
      const last = list.at(-1);
      // The last tier is usually the unbounded one: a new tier goes before it.
      if (last !== undefined && last.up_to.trim() === "") list.splice(list.length - 1, 0, emptyTier());
      else list.push(emptyTier());
    });

  return (
    <div className={`tier-editor${listError ? " field-invalid" : ""}`}>
      <table className="tier-table stacked-on-phone" aria-describedby={listError ? listErrorId : undefined}>
        <caption id={captionId}>
          {caption} <span className="muted">(prices in {currency || "the version's currency"})</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">Tier</th>
            {columns.map((column) => (
              <th scope="col" key={column.field}>
                {column.label}
                {column.hint && <span className="column-hint">{column.hint}</span>}
              </th>
            ))}
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tiers.map((tier, index) => (
            <tr key={tier.key}>
              <th scope="row">Tier {index + 1}</th>
              {columns.map((column) => (
                <td key={column.field} data-label={column.label}>
                  <CellInput
                    {...form.bind(`${name}.${index}.${column.field}`)}
                    label={`Tier ${index + 1} ${column.label.replace(" (units)", "").toLowerCase()}`}
                    placeholder={
                      column.field === "up_to" && index === tiers.length - 1 ? "and above" : undefined
                    }
                  />
                </td>
              ))}
              <td className="row-actions">
                <RemoveButton
                  of={`tier ${index + 1}`}
                  small
                  disabled={tiers.length === 1}
                  onRemove={() =>
                    form.restructure((draft) => {
                      tiersOf(draft).splice(index, 1);
                    })
                  }
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {listError && (
        <p className="field-error" id={listErrorId}>
          {listError}
        </p>
      )}
      <button type="button" className="button button-small" onClick={addTier}>
        Add a tier<span className="visually-hidden"> to {caption}</span>
      </button>
    </div>
  );
}

type CellInputProps = {
  name: string;
  label: string;
  value: string;
  onValueChange: (value: string) => void;
  onBlur: () => void;
  error: string | undefined;
  placeholder?: string | undefined;
};

/** An input in a table cell: labelled for screen readers, its error beside it. */
function CellInput({ name, label, value, onValueChange, onBlur, error, placeholder }: CellInputProps) {
  const id = useId();
  return (
    <div className={`cell-field${error ? " field-invalid" : ""}`}>
      <input
        id={id}
        name={name}
        aria-label={label}
        inputMode="decimal"
        autoComplete="off"
        value={value}
        placeholder={placeholder}
        onChange={(event) => onValueChange(event.target.value)}
        onBlur={onBlur}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
