// What the console checks while the operator types, before asking the API:
// required fields and numbers written as the API reads them. The rules that
// need the catalog (tier order, meters that exist, a price in every currency)
// stay with the API, whose errors the form shows by the same field names.

import type { FeatureKind } from "../../../api/resources.ts";
import type { FieldErrorMap } from "../../../format/field-errors.ts";
import { modelViewOf } from "../charge-models.ts";
import {
  bookPriceFieldsOf,
  type ChargeValues,
  type PriceValues,
  type TierValues,
  type UsagePriceValues,
  type VersionFormValues,
} from "./version-form-values.ts";

// The API's decimal strings: no sign, no exponent, no thousands separator.
const decimalPattern = /^(0|[1-9]\d{0,17})(\.\d{1,20})?$/;
const codePattern = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;
const currencyPattern = /^[A-Za-z]{3}$/;

const decimalMessage = "must be a number such as 12.50, without a sign or thousands separators";

export class FieldChecks {
  readonly errors: FieldErrorMap = {};

  report(name: string, message: string): void {
    this.errors[name] ??= message;
  }

  required(name: string, value: string, message = "is required"): boolean {
    if (value.trim() !== "") return true;
    this.report(name, message);
    return false;
  }

  decimal(name: string, value: string, options: { required?: boolean; positive?: boolean } = {}): void {
    const text = value.trim();
    if (text === "") {
      if (options.required) this.report(name, "is required");
      return;
    }
    if (!decimalPattern.test(text)) this.report(name, decimalMessage);
    else if (options.positive && /^0(\.0+)?$/.test(text)) this.report(name, "must be more than 0");
  }

  integer(name: string, value: string, minimum: number, maximum: number): void {
    const text = value.trim();
    if (!/^\d+$/.test(text) || Number(text) < minimum || Number(text) > maximum) {
      this.report(name, `must be a whole number from ${minimum} to ${maximum}`);
    }
  }

  code(name: string, value: string, label: string): void {
    if (!this.required(name, value)) return;
    if (!codePattern.test(value.trim())) {
      this.report(name, `${label} may hold letters, digits and _ . : - and starts with a letter or digit`);
    }
  }

  currency(name: string, value: string): void {
    if (!this.required(name, value)) return;
    if (!currencyPattern.test(value.trim())) this.report(name, "must be a three-letter code such as EUR");
  }
}

function checkTiers(checks: FieldChecks, path: string, tiers: readonly TierValues[]): void {
  if (tiers.length === 0) checks.report(path, "needs at least one tier");
  tiers.forEach((tier, index) => {
    const tierPath = `${path}.${index}`;
    checks.decimal(`${tierPath}.up_to`, tier.up_to, { positive: true });
    checks.decimal(`${tierPath}.unit_price`, tier.unit_price, { required: true });
    checks.decimal(`${tierPath}.flat_fee`, tier.flat_fee);
  });
}

/** A usage price's fields, required as its model needs them (a charge's own, a combination's, a default). */
function checkUsagePrice(
  checks: FieldChecks,
  path: string,
  price: Pick<UsagePriceValues, keyof PriceValues | "free_units" | "package_size"> & {
    model: UsagePriceValues["model"] | "dimensional";
  },
): void {
  const view = modelViewOf(price);
  if (view.tiered) checkTiers(checks, `${path}.tiers`, price.tiers);
  for (const field of view.fields) {
    checks.decimal(`${path}.${field.name}`, price[field.name], {
      required: field.required,
      positive: field.positive ?? false,
    });
  }
}

/** A dimensional charge: its dimensions named, each combination's values and price, the default unless refused. */
function checkDimensionalPrices(checks: FieldChecks, path: string, charge: ChargeValues): void {
  charge.dimensions.forEach((dimension, index) => {
    checks.required(`${path}.dimensions.${index}`, dimension, "name the event property, such as model");
  });
  if (charge.prices.length === 0) checks.report(`${path}.prices`, "needs at least one priced combination");
  const seen = new Set<string>();
  charge.prices.forEach((entry, entryIndex) => {
    const entryPath = `${path}.prices.${entryIndex}`;
    charge.dimensions.forEach((_dimension, index) => {
      checks.required(`${entryPath}.match.${index}`, entry.match[index] ?? "", "is required");
    });
    const combination = JSON.stringify(entry.match.map((value) => value.trim()));
    if (seen.has(combination)) checks.report(`${entryPath}.match`, "this combination is priced above");
    seen.add(combination);
    checkUsagePrice(checks, entryPath, entry);
  });
  if (charge.others === "default") checkUsagePrice(checks, `${path}.default`, charge.default);
}

/** The checks of one set of prices, required as the charge's model needs them. */
function checkPrices(
  checks: FieldChecks,
  path: string,
  prices: PriceValues,
  fields: readonly (keyof PriceValues)[],
  isRequired: (field: keyof PriceValues) => boolean,
): void {
  for (const field of fields) {
    if (field === "tiers") checkTiers(checks, `${path}.tiers`, prices.tiers);
    else checks.decimal(`${path}.${field}`, prices[field], { required: isRequired(field) });
  }
}

export function checkVersionValues(
  values: VersionFormValues,
  kindOf: (feature: string) => FeatureKind | undefined,
): FieldErrorMap {
  const checks = new FieldChecks();
  checks.currency("currency", values.currency);
  checks.integer("interval_count", values.interval_count, 1, 120);
  checks.integer("trial_days", values.trial_days, 0, 3650);
  checks.decimal("minimum_commitment", values.minimum_commitment);

  const ids = new Set<string>();
  values.charges.forEach((charge, index) => {
    const path = `charges.${index}`;
    checks.code(`${path}.id`, charge.id, "A charge id");
    if (charge.id.trim() !== "" && ids.has(charge.id.trim())) {
      checks.report(`${path}.id`, "is used by another charge of this version");
    }
    ids.add(charge.id.trim());
    if (charge.type === "fixed") {
      checks.decimal(`${path}.amount`, charge.amount, { required: true });
      return;
    }
    checks.required(`${path}.meter`, charge.meter, "choose the meter this charge prices");
    if (charge.model === "dimensional") checkDimensionalPrices(checks, path, charge);
    else checkUsagePrice(checks, path, charge);
  });

  values.currency_prices.forEach((book, bookIndex) => {
    const path = `currency_prices.${bookIndex}`;
    checks.currency(`${path}.currency`, book.currency);
    if (book.currency.trim().toUpperCase() === values.currency.trim().toUpperCase()) {
      checks.report(
        `${path}.currency`,
        "is the version's own currency: its prices are the charges themselves",
      );
    }
    if (values.minimum_commitment.trim() !== "") {
      checks.decimal(`${path}.minimum_commitment`, book.minimum_commitment, { required: true });
    }
    values.charges.forEach((charge, chargeIndex) => {
      const prices = book.charges[chargeIndex];
      if (prices === undefined) return;
      // A price the charge has must have its counterpart in every currency.
      checkPrices(checks, `${path}.charges.${chargeIndex}`, prices, bookPriceFieldsOf(charge), () => true);
    });
  });

  const features = new Set<string>();
  values.entitlements.forEach((entitlement, index) => {
    const path = `entitlements.${index}`;
    if (!checks.required(`${path}.feature`, entitlement.feature, "choose a feature")) return;
    if (features.has(entitlement.feature)) checks.report(`${path}.feature`, "is listed twice");
    features.add(entitlement.feature);
    const kind = kindOf(entitlement.feature);
    if (kind === "static") checks.required(`${path}.value`, entitlement.value);
    if (kind === "metered" && !entitlement.unlimited) {
      checks.decimal(`${path}.limit`, entitlement.limit, { required: true });
    }
  });
  return checks.errors;
}
