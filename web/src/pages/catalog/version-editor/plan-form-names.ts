// The names of every input (and every list that shows its own error) the plan
// form renders for these values: an error of the API whose name is not here
// has no place beside a field and goes into the summary above the form.
import { modelViewOf } from "../charge-models.ts";
import {
  bookPriceFieldsOf,
  type ChargeValues,
  type PlanFormValues,
  type TierValues,
} from "./version-form-values.ts";

function tierNames(path: string, tiers: readonly TierValues[]): string[] {
  return [
    path,
    ...tiers.flatMap((_tier, index) =>
      ["up_to", "unit_price", "flat_fee"].map((field) => `${path}.${index}.${field}`),
    ),
  ];
}

function chargeFieldNames(charge: ChargeValues): string[] {
  if (charge.type === "fixed")
    return ["amount", "timing", "min_quantity", "max_quantity", "credit_on_decrease"];
  return ["meter", "model", "timing", ...modelViewOf(charge).fields.map((field) => field.name)];
}

export function placedPlanFormNames(values: PlanFormValues, withPlanFields: boolean): Set<string> {
  const names = new Set<string>(withPlanFields ? ["code", "name", "description"] : []);
  const version = values.version;
  for (const field of ["currency", "interval", "interval_count", "trial_days", "minimum_commitment"]) {
    names.add(`version.${field}`);
  }
  version.charges.forEach((charge, index) => {
    const path = `version.charges.${index}`;
    for (const name of [path, `${path}.id`, `${path}.type`, `${path}.product`]) names.add(name);
    for (const field of chargeFieldNames(charge)) names.add(`${path}.${field}`);
    if (charge.type === "usage" && modelViewOf(charge).tiered) {
      for (const name of tierNames(`${path}.tiers`, charge.tiers)) names.add(name);
    }
  });
  const hasCommitment = version.minimum_commitment.trim() !== "";
  version.currency_prices.forEach((book, bookIndex) => {
    const path = `version.currency_prices.${bookIndex}`;
    for (const name of [path, `${path}.currency`, `${path}.charges`]) names.add(name);
    if (hasCommitment) names.add(`${path}.minimum_commitment`);
    version.charges.forEach((charge, chargeIndex) => {
      const pricesPath = `${path}.charges.${chargeIndex}`;
      names.add(pricesPath);
      for (const field of bookPriceFieldsOf(charge)) {
        if (field !== "tiers") names.add(`${pricesPath}.${field}`);
        else
          for (const name of tierNames(`${pricesPath}.tiers`, book.charges[chargeIndex]?.tiers ?? []))
            names.add(name);
      }
    });
  });
  version.entitlements.forEach((_entitlement, index) => {
    const path = `version.entitlements.${index}`;
    for (const name of [path, `${path}.feature`, `${path}.value`, `${path}.limit`]) names.add(name);
  });
  return names;
}
