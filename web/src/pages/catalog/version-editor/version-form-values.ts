// A plan version as the editor holds it, and back. Every number is kept as
// the text the operator typed (never a float), and the form's field names are
// the API's JSON paths without "$." ("charges.0.tiers.1.unit_price"), so that
// each of the API's field errors lands next to its input. A price book's
// charges are kept in the same order as the version's charges, because that is
// the order the body sends them in and the order the API's paths count.
import type {
  Charge,
  ChargeModel,
  ChargeOfModel,
  ChargePrices,
  PlanEntitlement,
  PlanInterval,
  PlanVersionContent,
  PriceBook,
  Quantity,
  Tier,
} from "../../../api/resources.ts";
import {
  type ModelFieldName,
  modelFieldNames,
  modelViewOf,
  type PriceFieldName,
  priceFieldNames,
  priceFieldsOfCharge,
} from "../charge-models.ts";

export type TierValues = { key: string; up_to: string; unit_price: string; flat_fee: string };

export type PriceValues = { [Field in PriceFieldName]: string } & { tiers: TierValues[] };

/** A model's inputs that are not prices (free units, a package size). */
type QuantityFieldName = Exclude<ModelFieldName, PriceFieldName>;
const quantityFieldNames = modelFieldNames.filter(
  (field): field is QuantityFieldName => !(priceFieldNames as readonly string[]).includes(field),
);

/** A usage model a price of its own can have: any but the dimensional model itself. */
export type ListedModel = Exclude<ChargeModel, "dimensional">;

/** A usage price as typed: a model and the fields of every model (only the model's own are sent). */
export type UsagePriceValues = PriceValues & { [Field in QuantityFieldName]: string } & {
  model: ListedModel;
};

/** One priced combination of a dimensional charge: a value for each dimension, in the charge's order, and its price. */
export type CombinationValues = UsagePriceValues & { key: string; match: string[] };

export type ChargeValues = PriceValues & { [Field in QuantityFieldName]: string } & {
  key: string;
  id: string;
  type: "fixed" | "usage";
  product: string;
  timing: "in_advance" | "in_arrears";
  prorate: boolean;
  /** A fixed charge's bounds on the quantity a subscription holds (seats), as typed; empty for none. */
  min_quantity: string;
  max_quantity: string;
  /** A fixed charge credits the days left when its quantity goes down mid-period. */
  credit_on_decrease: boolean;
  /** A usage charge billed as its events arrive, in instant windows, instead of at the period's end. */
  usage_in_advance: boolean;
  meter: string;
  model: ChargeModel;
  /** A dimensional charge's event properties (one or two), its priced combinations and what prices the others. */
  dimensions: string[];
  prices: CombinationValues[];
  others: "default" | "reject";
  default: UsagePriceValues;
};

export type PriceBookValues = {
  key: string;
  currency: string;
  minimum_commitment: string;
  /** One entry per charge of the version, in the same order. */
  charges: PriceValues[];
};

export type EntitlementValues = {
  key: string;
  feature: string;
  /** A static feature's value: JSON, or plain text sent as a string. */
  value: string;
  limit: string;
  unlimited: boolean;
};

export type VersionFormValues = {
  currency: string;
  interval: PlanInterval;
  interval_count: string;
  trial_days: string;
  minimum_commitment: string;
  charges: ChargeValues[];
  currency_prices: PriceBookValues[];
  entitlements: EntitlementValues[];
};

export const intervalLabels: Record<PlanInterval, string> = {
  day: "Day",
  week: "Week",
  month: "Month",
  quarter: "Quarter",
  year: "Year",
};

/** The price fields of a charge's model, as the API's price books name them. */
function priceFieldsOf(charge: Pick<ChargeValues, "type" | "model">): (keyof PriceValues)[] {
  return priceFieldsOfCharge(charge);
}

/**
 * The prices a price book gives a charge: those of its model, but of its
 * optional prices (a percentage charge's fee and bounds) only those the charge has.
 */
export function bookPriceFieldsOf(charge: ChargeValues): (keyof PriceValues)[] {
  const optional = new Set<string>(
    charge.type === "fixed"
      ? []
      : modelViewOf(charge)
          .fields.filter((field) => !field.required)
          .map((field) => field.name),
  );
  return priceFieldsOf(charge).filter(
    (field) => field === "tiers" || !optional.has(field) || charge[field].trim() !== "",
  );
}

let lastKey = 0;
/** A key for a row the operator adds; rows from the API get one too. Only React reads it. */
export function newRowKey(): string {
  lastKey += 1;
  return `row-${lastKey}`;
}

export function emptyTier(upTo = ""): TierValues {
  return { key: newRowKey(), up_to: upTo, unit_price: "", flat_fee: "" };
}

export function emptyPrices(): PriceValues {
  return {
    ...(Object.fromEntries(priceFieldNames.map((field) => [field, ""])) as {
      [Field in PriceFieldName]: string;
    }),
    tiers: [emptyTier()],
  };
}

function emptyQuantities(): { [Field in QuantityFieldName]: string } {
  return Object.fromEntries(quantityFieldNames.map((field) => [field, ""])) as {
    [Field in QuantityFieldName]: string;
  };
}

function emptyUsagePrice(): UsagePriceValues {
  return { ...emptyPrices(), ...emptyQuantities(), model: "per_unit" };
}

/** A combination to price: one empty value per dimension. */
export function emptyCombination(dimensionCount: number): CombinationValues {
  return { ...emptyUsagePrice(), key: newRowKey(), match: Array.from({ length: dimensionCount }, () => "") };
}

export function emptyCharge(type: "fixed" | "usage"): ChargeValues {
  return {
    ...emptyPrices(),
    ...emptyQuantities(),
    key: newRowKey(),
    id: "",
    type,
    product: "",
    timing: "in_advance",
    prorate: true,
    min_quantity: "",
    max_quantity: "",
    credit_on_decrease: false,
    usage_in_advance: false,
    meter: "",
    model: "per_unit",
    dimensions: [""],
    prices: [emptyCombination(1)],
    others: "default",
    default: emptyUsagePrice(),
  };
}

/** A price book for another currency: each charge's tier bounds copied, every price left to fill in. */
export function emptyPriceBook(charges: readonly ChargeValues[]): PriceBookValues {
  return {
    key: newRowKey(),
    currency: "",
    minimum_commitment: "",
    charges: charges.map((charge) => ({
      ...emptyPrices(),
      tiers: charge.tiers.map((tier) => emptyTier(tier.up_to)),
    })),
  };
}

export function emptyEntitlement(): EntitlementValues {
  return { key: newRowKey(), feature: "", value: "", limit: "", unlimited: false };
}

export function emptyVersionValues(currency = "USD"): VersionFormValues {
  return {
    currency,
    interval: "month",
    interval_count: "1",
    trial_days: "0",
    minimum_commitment: "",
    charges: [],
    currency_prices: [],
    entitlements: [],
  };
}

function quantityText(quantity: Quantity | null | undefined): string {
  return quantity === null || quantity === undefined ? "" : String(quantity);
}

function tierValues(tiers: readonly Tier[] | undefined): TierValues[] {
  if (tiers === undefined || tiers.length === 0) return [emptyTier()];
  return tiers.map((tier) => ({
    key: newRowKey(),
    up_to: quantityText(tier.up_to),
    unit_price: tier.unit_price,
    flat_fee: tier.flat_fee ?? "",
  }));
}

function priceValues(prices: ChargePrices | undefined): PriceValues {
  return {
    ...(Object.fromEntries(priceFieldNames.map((field) => [field, prices?.[field] ?? ""])) as {
      [Field in PriceFieldName]: string;
    }),
    tiers: tierValues(prices?.tiers),
  };
}

function quantityValues(charge: Pick<Charge, QuantityFieldName>): { [Field in QuantityFieldName]: string } {
  return Object.fromEntries(quantityFieldNames.map((field) => [field, quantityText(charge[field])])) as {
    [Field in QuantityFieldName]: string;
  };
}

/** A usage price as the API writes it: a dimensional charge's combination or default. */
type UsagePriceDocument = ChargePrices &
  Pick<Charge, QuantityFieldName> & { model?: ChargeModel | undefined };

/** A usage price read from the API (a combination's or the default): its model and fields as text. */
function usagePriceValues(price: UsagePriceDocument | undefined): UsagePriceValues {
  if (price === undefined) return emptyUsagePrice();
  const model = price.model === undefined || price.model === "dimensional" ? "per_unit" : price.model;
  return { ...priceValues(price), ...quantityValues(price), model };
}

/** A dimensional charge's own fields as the editor holds them; a charge of another model gets empty ones. */
function dimensionalValues(
  charge: Charge,
): Pick<ChargeValues, "dimensions" | "prices" | "others" | "default"> {
  const dimensions =
    Array.isArray(charge.dimensions) && charge.dimensions.length > 0 ? charge.dimensions : [""];
  const prices = (Array.isArray(charge.prices) ? charge.prices : []).map((entry) => ({
    ...usagePriceValues(entry as UsagePriceDocument),
    key: newRowKey(),
    match: dimensions.map((dimension) => (entry.match as Record<string, string>)[dimension] ?? ""),
  }));
  return {
    dimensions: [...dimensions],
    prices: prices.length > 0 ? prices : [emptyCombination(dimensions.length)],
    others: charge.default === "reject" ? "reject" : "default",
    default:
      typeof charge.default === "object"
        ? usagePriceValues(charge.default as UsagePriceDocument)
        : emptyUsagePrice(),
  };
}

/** A static value as the operator edits it: a string that is not JSON as itself, anything else as JSON. */
export function valueText(value: unknown): string {
  if (value === undefined) return "";
  if (typeof value === "string" && !isJson(value)) return value;
  return JSON.stringify(value);
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The value a static feature's text stands for: its JSON, or the text itself. */
export function parseValueText(text: string): unknown {
  const trimmed = text.trim();
  return isJson(trimmed) ? JSON.parse(trimmed) : text;
}

export function versionFormValues(content: PlanVersionContent): VersionFormValues {
  return {
    currency: content.currency,
    interval: content.interval,
    interval_count: String(content.interval_count),
    trial_days: String(content.trial_days),
    minimum_commitment: content.minimum_commitment ?? "",
    charges: content.charges.map((charge: Charge) => ({
      ...priceValues(charge),
      ...quantityValues(charge),
      key: newRowKey(),
      id: charge.id,
      type: charge.type,
      product: charge.product ?? "",
      timing: charge.timing ?? (charge.type === "fixed" ? "in_advance" : "in_arrears"),
      prorate: charge.prorate ?? true,
      min_quantity: charge.min_quantity === undefined ? "" : String(charge.min_quantity),
      max_quantity: charge.max_quantity === undefined ? "" : String(charge.max_quantity),
      credit_on_decrease: charge.credit_on_decrease ?? false,
      usage_in_advance: charge.type === "usage" && charge.timing === "in_advance",
      meter: charge.meter ?? "",
      model: charge.model ?? "per_unit",
      ...dimensionalValues(charge),
    })),
    currency_prices: content.currency_prices.map((book) => ({
      key: newRowKey(),
      currency: book.currency,
      minimum_commitment: book.minimum_commitment ?? "",
      charges: content.charges.map((charge) =>
        priceValues(book.charges.find((prices) => prices.id === charge.id)),
      ),
    })),
    entitlements: content.entitlements.map((entitlement) => ({
      key: newRowKey(),
      feature: entitlement.feature,
      value: valueText(entitlement.value),
      limit: entitlement.limit ?? "",
      unlimited: entitlement.limit === null,
    })),
  };
}

const trimmed = (text: string) => text.trim();

/** Only the fields the operator filled in: an optional field left empty is left out. */
function optionalFields<Field extends string>(
  values: Record<Field, string>,
  fields: readonly Field[],
): Partial<Record<Field, string>> {
  const result: Partial<Record<Field, string>> = {};
  for (const field of fields) {
    const value = trimmed(values[field]);
    if (value !== "") result[field] = value;
  }
  return result;
}

function tiersBody(tiers: readonly TierValues[]): Tier[] {
  return tiers.map((tier) => ({
    up_to: trimmed(tier.up_to) === "" ? null : trimmed(tier.up_to),
    unit_price: trimmed(tier.unit_price),
    ...optionalFields(tier, ["flat_fee"]),
  }));
}

function chargeBody(charge: ChargeValues): Charge {
  const common = {
    id: trimmed(charge.id),
    ...(trimmed(charge.product) === "" ? {} : { product: trimmed(charge.product) }),
  };
  if (charge.type === "fixed") {
    return {
      ...common,
      type: "fixed",
      amount: trimmed(charge.amount),
      timing: charge.timing,
      prorate: charge.prorate,
      // Whole numbers as typed; anything else goes as written, for the API to name.
      ...(trimmed(charge.min_quantity) === "" ? {} : { min_quantity: Number(trimmed(charge.min_quantity)) }),
      ...(trimmed(charge.max_quantity) === "" ? {} : { max_quantity: Number(trimmed(charge.max_quantity)) }),
      ...(charge.credit_on_decrease ? { credit_on_decrease: true } : {}),
    };
  }
  const usage = {
    ...common,
    type: "usage" as const,
    meter: trimmed(charge.meter),
    ...(charge.usage_in_advance ? { timing: "in_advance" as const } : {}),
  };
  if (charge.model === "dimensional") {
    const dimensions = charge.dimensions.map(trimmed);
    return {
      ...usage,
      model: "dimensional",
      dimensions,
      prices: charge.prices.map((entry) => ({
        match: Object.fromEntries(
          dimensions.map((dimension, index) => [dimension, trimmed(entry.match[index] ?? "")]),
        ),
        ...usagePriceBody(entry),
      })),
      default: charge.others === "reject" ? "reject" : usagePriceBody(charge.default),
    } as Charge;
  }
  return { ...usage, ...usagePriceBody(charge) };
}

/** A usage price as the API takes it: its model, the model's required fields as typed and its optional ones when filled in. */
function usagePriceBody(
  price: PriceValues & { [Field in QuantityFieldName]: string } & { model: ChargeModel },
) {
  const view = modelViewOf(price);
  const fields: Record<string, unknown> = {};
  if (view.tiered) fields.tiers = tiersBody(price.tiers);
  for (const field of view.fields) {
    const value = trimmed(price[field.name]);
    if (field.required || value !== "") fields[field.name] = value;
  }
  return { model: price.model, ...fields };
}

function priceBookBody(book: PriceBookValues, values: VersionFormValues): PriceBook {
  const commitment = trimmed(book.minimum_commitment);
  return {
    currency: trimmed(book.currency).toUpperCase(),
    // A book carries a commitment only when the version has one.
    ...(trimmed(values.minimum_commitment) !== "" && commitment !== ""
      ? { minimum_commitment: commitment }
      : {}),
    charges: values.charges.map((charge, index) => {
      const prices = book.charges[index] ?? emptyPrices();
      const body: ChargePrices & { id: string } = { id: trimmed(charge.id) };
      for (const field of bookPriceFieldsOf(charge)) {
        if (field === "tiers") body.tiers = tiersBody(prices.tiers);
        else if (trimmed(prices[field]) !== "") body[field] = trimmed(prices[field]);
      }
      return body;
    }),
  };
}

function entitlementBody(
  entitlement: EntitlementValues,
  kindOf: (feature: string) => string | undefined,
): PlanEntitlement {
  const feature = trimmed(entitlement.feature);
  const kind = kindOf(feature);
  if (kind === "boolean") return { feature };
  if (kind === "static") return { feature, value: parseValueText(entitlement.value) };
  if (kind === "metered")
    return { feature, limit: entitlement.unlimited ? null : trimmed(entitlement.limit) };
  // A feature the console does not know: send what was filled in, and let the API name it.
  return {
    feature,
    ...(trimmed(entitlement.value) === "" ? {} : { value: parseValueText(entitlement.value) }),
    ...(entitlement.unlimited ? { limit: null } : optionalFields(entitlement, ["limit"])),
  };
}

/** The version's content as the API takes it. Numbers that are not numbers go as typed, for the API to name. */
export function versionContentBody(
  values: VersionFormValues,
  kindOf: (feature: string) => string | undefined,
): PlanVersionContent {
  const integer = (text: string) => (/^\d+$/.test(trimmed(text)) ? Number(trimmed(text)) : text);
  return {
    currency: trimmed(values.currency).toUpperCase(),
    interval: values.interval,
    interval_count: integer(values.interval_count) as number,
    trial_days: integer(values.trial_days) as number,
    minimum_commitment: trimmed(values.minimum_commitment) === "" ? null : trimmed(values.minimum_commitment),
    // The form holds every field of every model; the API checks that each charge has its own model's.
    charges: values.charges.map(chargeBody) as ChargeOfModel[],
    currency_prices: values.currency_prices.map((book) => priceBookBody(book, values)),
    entitlements: values.entitlements.map((entitlement) => entitlementBody(entitlement, kindOf)),
  };
}

/**
 * What the plan form edits: a new plan's own fields, and the version under
 * "version", so that the form's names are the paths of POST /v1/plans.
 */
export type PlanFormValues = {
  code: string;
  name: string;
  description: string;
  version: VersionFormValues;
};
