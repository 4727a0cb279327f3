// The usage charge models as the console shows them, one entry each: the
// inputs of a charge of that model (which are prices, which are required),
// whether it has a tier table, the charge's price in one line, and its invoice
// line's price details in sentences. The plan form, its checks, the price
// books, the plan view, price overrides and the simulator's line explanations
// all read this table, so a new model is one entry here (and the API's own
// entry in src/pricing; docs/contributing.md lists the steps).
import type { Charge, ChargeModel, ChargePrices } from "../../api/resources.ts";

/** The inputs of usage models that are prices, in the version's currency. */
const modelPriceFieldNames = [
  "unit_price",
  "package_price",
  "rate",
  "fixed_fee",
  "per_transaction_min",
  "per_transaction_max",
] as const;

/** Every input of a usage model besides its tiers; a model with a field of its own adds it here. */
export const modelFieldNames = [...modelPriceFieldNames, "free_units", "package_size"] as const;
export type ModelFieldName = (typeof modelFieldNames)[number];

/** The prices among them, and a fixed charge's amount: what a price book in another currency sets. */
export const priceFieldNames = ["amount", ...modelPriceFieldNames] as const;
export type PriceFieldName = (typeof priceFieldNames)[number];

export type ModelField = {
  readonly name: ModelFieldName;
  readonly label: string;
  readonly required: boolean;
  /** A price, in the version's currency (a price book gives it in another). */
  readonly price: boolean;
  /** Must be more than zero (a package size). */
  readonly positive?: boolean;
  /** Help under the input; `money` says which currency prices are in. */
  readonly hint?: (money: string) => string;
};

/** How amounts and quantities are written for the reader. */
export type Wording = { money: (amount: string) => string; quantity: (quantity: string) => string };

export type ChargeModelView = {
  readonly label: string;
  readonly hint: string;
  readonly fields: readonly ModelField[];
  /** Priced by a table of tiers. */
  readonly tiered: boolean;
  /** The charge's price in one line (its tiers are listed apart): "$0.002 per unit, first 1,000 units free". */
  readonly priceText: (charge: Charge, prices: ChargePrices, wording: Wording) => string;
  /** An invoice line's `details.price` in sentences. */
  readonly explain: (price: Readonly<Record<string, unknown>>, wording: Wording) => string[];
};

function text(value: unknown): string {
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : "";
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

const freeUnits: ModelField = {
  name: "free_units",
  label: "Free units",
  required: false,
  price: false,
  hint: () => "Optional: units per period that cost nothing.",
};

function freeUnitsText(charge: Charge, wording: Wording): string {
  return charge.free_units === undefined || /^0(\.0+)?$/.test(String(charge.free_units))
    ? ""
    : `, first ${wording.quantity(String(charge.free_units))} units free`;
}

function tierSentences(title: string) {
  return (price: Readonly<Record<string, unknown>>, wording: Wording): string[] => {
    const tiers = Array.isArray(price.tiers) ? price.tiers.map(record) : [];
    const used = tiers.filter((tier) => text(tier.units) !== "0" || text(tier.amount) !== "0");
    if (used.length === 0) return [];
    return [
      title,
      ...used.map((tier) => {
        const upTo = tier.up_to === null ? "and above" : `to ${wording.quantity(text(tier.up_to))}`;
        const flatFee = text(tier.flat_fee);
        return (
          `Tier ${text(tier.tier)} (${wording.quantity(text(tier.from))} ${upTo}): ` +
          `${wording.quantity(text(tier.units))} × ${wording.money(text(tier.unit_price))}` +
          (flatFee !== "" && flatFee !== "0" ? ` + ${wording.money(flatFee)} flat` : "") +
          ` = ${wording.money(text(tier.amount))}`
        );
      }),
    ];
  };
}

export const chargeModelViews: Record<ChargeModel, ChargeModelView> = {
  per_unit: {
    label: "Per unit",
    hint: "Every unit at one price, after any free units.",
    fields: [
      { name: "unit_price", label: "Unit price", required: true, price: true, hint: (money) => money },
      freeUnits,
    ],
    tiered: false,
    priceText: (charge, prices, wording) =>
      `${wording.money(prices.unit_price ?? "0")} per unit${freeUnitsText(charge, wording)}`,
    explain: (price, wording) => {
      const free = text(price.free_units);
      return [
        `Per unit: ${wording.quantity(text(price.billable_units))} billable units × ${wording.money(text(price.unit_price))}` +
          (free !== "" && free !== "0" ? ` after ${wording.quantity(free)} free units` : ""),
      ];
    },
  },
  package: {
    label: "Package",
    hint: "Units in whole packages: 2,500 units in packages of 1,000 bill 3 packages.",
    fields: [
      {
        name: "package_size",
        label: "Package size",
        required: true,
        price: false,
        positive: true,
        hint: () => "Units per package.",
      },
      { name: "package_price", label: "Package price", required: true, price: true, hint: (money) => money },
      freeUnits,
    ],
    tiered: false,
    priceText: (charge, prices, wording) =>
      `${wording.money(prices.package_price ?? "0")} per package of ${wording.quantity(String(charge.package_size ?? "1"))} units${freeUnitsText(charge, wording)}`,
    explain: (price, wording) => [
      `Package: ${wording.quantity(text(price.billable_units))} billable units in packages of ` +
        `${wording.quantity(text(price.package_size))} → ${wording.quantity(text(price.packages))} × ` +
        wording.money(text(price.package_price)),
    ],
  },
  graduated: {
    label: "Graduated tiers",
    hint: "Each tier prices the units that fall in it, like income tax brackets.",
    fields: [],
    tiered: true,
    priceText: () => "Graduated: each tier prices the units in it",
    explain: tierSentences("Graduated tiers:"),
  },
  volume: {
    label: "Volume tiers",
    hint: "All units at the price of the one tier the total falls in.",
    fields: [],
    tiered: true,
    priceText: () => "Volume: every unit at the price of the tier the total falls in",
    explain: tierSentences("Volume pricing (every unit at the reached tier):"),
  },
  percentage: {
    label: "Percentage",
    hint: "A percentage of a summed amount per event (payments), with an optional fee and bounds.",
    fields: [
      {
        name: "rate",
        label: "Rate (percent)",
        required: true,
        price: true,
        hint: () => "2.9 takes 2.9% of each event's amount.",
      },
      {
        name: "fixed_fee",
        label: "Fixed fee per event",
        required: false,
        price: true,
        hint: (money) => `Optional, ${money}.`,
      },
      {
        name: "per_transaction_min",
        label: "Minimum per event",
        required: false,
        price: true,
        hint: () => "Optional.",
      },
      {
        name: "per_transaction_max",
        label: "Maximum per event",
        required: false,
        price: true,
        hint: () => "Optional.",
      },
    ],
    tiered: false,
    priceText: (_charge, prices, wording) => {
      const parts = [`${wording.quantity(prices.rate ?? "0")}% of each event's amount`];
      if (prices.fixed_fee !== undefined) parts.push(`+ ${wording.money(prices.fixed_fee)} per event`);
      if (prices.per_transaction_min !== undefined)
        parts.push(`at least ${wording.money(prices.per_transaction_min)}`);
      if (prices.per_transaction_max !== undefined)
        parts.push(`at most ${wording.money(prices.per_transaction_max)}`);
      return parts.join(", ");
    },
    explain: (price, wording) => {
      const limits = [
        price.per_transaction_min ? `at least ${wording.money(text(price.per_transaction_min))}` : "",
        price.per_transaction_max ? `at most ${wording.money(text(price.per_transaction_max))}` : "",
      ].filter(Boolean);
      return [
        `${text(price.rate)}% + ${wording.money(text(price.fixed_fee))} per transaction on ` +
          `${text(price.transactions)} transactions` +
          (limits.length > 0 ? ` (${limits.join(", ")} each)` : ""),
      ];
    },
  },
  dimensional: {
    label: "By dimension",
    hint: "Each combination of event properties (model × region) at its own price, with a default price or a refusal for the others.",
    fields: [],
    tiered: false,
    priceText: (charge) => {
      const dimensions = Array.isArray(charge.dimensions) ? charge.dimensions.join(" × ") : "";
      const prices = Array.isArray(charge.prices) ? charge.prices.length : 0;
      const fallback = charge.default === "reject" ? "others refused" : "others at the default price";
      return `by ${dimensions}: ${prices} ${prices === 1 ? "price" : "prices"}, ${fallback}`;
    },
    explain: () => [],
  },
};

/** The view of a usage charge's model; a charge written without one is per unit, as the API reads it. */
export function modelViewOf(charge: { model?: ChargeModel | undefined }): ChargeModelView {
  return chargeModelViews[charge.model ?? "per_unit"];
}

/** The price fields of a charge, in the order a person reads them: what a price book sets for it. */
export function priceFieldsOfCharge(charge: {
  type: "fixed" | "usage";
  model?: ChargeModel | undefined;
}): (PriceFieldName | "tiers")[] {
  if (charge.type === "fixed") return ["amount"];
  const view = modelViewOf(charge);
  return [
    ...(view.tiered ? (["tiers"] as const) : []),
    ...view.fields.filter((field) => field.price).map((field) => field.name as PriceFieldName),
  ];
}
