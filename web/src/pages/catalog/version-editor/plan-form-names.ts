// The names of every input (and every list that shows its own error) the plan
// form renders for these values: an error of the API whose name is not here
// has no place beside a field and goes into the summary above the form.
import type { ChargeModel } from "../../../api/resources.ts";
import { modelViewOf } from "../charge-models.ts";
import {
  bookPriceFieldsOf,
  type ChargeValues,
  type PlanFormValues,
  type TierValues,
  type UsagePriceValues,
} from "./version-form-values.ts";

function tierNames(path: string, tiers: readonly TierValues[]): string[] {
  return [
    path,
    ...tiers.flatMap((_tier, index) =>
      ["up_to", "unit_price", "flat_fee"].map((field) => `${path}.${index}.${field}`),
    ),
  ];
}

/** A usage price's inputs under `path`: its model, the model's fields and its tiers. */
function usagePriceNames(
  path: string,
  price: Pick<UsagePriceValues, "tiers"> & { model: ChargeModel },
): string[] {
  const view = modelViewOf(price);
  return [
    `${path}.model`,
    ...view.fields.map((field) => `${path}.${field.name}`),
    ...(view.tiered ? tierNames(`${path}.tiers`, price.tiers) : []),
  ];
}

/** A dimensional charge's inputs: each dimension, each combination's values (by dimension name too, as the API names them) and price, the default. */
function dimensionalNames(path: string, charge: ChargeValues): string[] {
  const dimensions = charge.dimensions.map((dimension) => dimension.trim());
  return [
    `${path}.dimensions`,
    ...dimensions.map((_dimension, index) => `${path}.dimensions.${index}`),
    `${path}.prices`,
    ...charge.prices.flatMap((entry, entryIndex) => {
      const entryPath = `${path}.prices.${entryIndex}`;
      return [
        entryPath,
        `${entryPath}.match`,
        ...dimensions.flatMap((dimension, index) => [
          `${entryPath}.match.${index}`,
          `${entryPath}.match.${dimension}`,
        ]),
        ...usagePriceNames(entryPath, entry),
      ];
    }),
    `${path}.default`,
    ...(charge.others === "default" ? usagePriceNames(`${path}.default`, charge.default) : []),
  ];
}

function chargeFieldNames(path: string, charge: ChargeValues): string[] {
  const fields =
    charge.type === "fixed"
      ? ["amount", "timing", "min_quantity", "max_quantity", "credit_on_decrease"]
      : ["meter", "model", "timing", ...modelViewOf(charge).fields.map((field) => field.name)];
  return [
    ...fields.map((field) => `${path}.${field}`),
    ...(charge.type === "usage" && charge.model === "dimensional" ? dimensionalNames(path, charge) : []),
  ];
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
    for (const name of chargeFieldNames(path, charge)) names.add(name);
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
