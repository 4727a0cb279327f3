// How each charge model explains an invoice line: the `price` details a usage
// line carries (in the simulator's output, on stored invoice lines and in the
// API), and those details in words for invoice documents. One entry per model
// of the billing core's price breakdown, so that a new model cannot be left
// unexplained.
import { type Decimal, formatQuantity, type PriceBreakdown } from "../core/index.ts";

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
type Details = { [key: string]: JsonValue };
type PriceModel = PriceBreakdown["model"];

/** Exact decimals inside explanations (tier amounts, unit prices) print without rounding. */
function exact(value: Decimal): string {
  return value.isZero() ? "0" : value.toFixed();
}

function text(value: unknown): string {
  return typeof value === "string" || typeof value === "number" ? String(value) : "";
}

/** The breakdown of a model (graduated and volume share one). */
type BreakdownOf<Model extends PriceModel> = PriceBreakdown extends infer Breakdown
  ? Breakdown extends { model: infer Models }
    ? Model extends Models
      ? Breakdown
      : never
    : never
  : never;

type Explanation<Model extends PriceModel> = {
  /** The line's `details.price`; `quantityIsExact` is false for a quantity that is not a finite decimal. */
  readonly details: (price: BreakdownOf<Model>, quantityIsExact: boolean) => Details;
  /** The stored details in words, one line each. */
  readonly words: (details: Readonly<Record<string, unknown>>) => string[];
};

const tiered: Explanation<"graduated" | "volume"> = {
  details: (price, quantityIsExact) => ({
    model: price.model,
    tiers: price.tiers.map((tier) => ({
      tier: tier.tier,
      from: exact(tier.from),
      up_to: tier.upTo === null ? null : exact(tier.upTo),
      units: formatQuantity(tier.units, { exact: quantityIsExact }),
      unit_price: exact(tier.unitPrice),
      flat_fee: exact(tier.flatFee),
      amount: exact(tier.amount),
    })),
  }),
  words: (price) =>
    ((price.tiers as Readonly<Record<string, unknown>>[] | undefined) ?? []).map((tier) => {
      const range =
        tier.up_to === null
          ? `over ${text(tier.from)}`
          : text(tier.from) === "0"
            ? `up to ${text(tier.up_to)}`
            : `over ${text(tier.from)} up to ${text(tier.up_to)}`;
      const flat = text(tier.flat_fee) === "0" ? "" : ` + flat ${text(tier.flat_fee)}`;
      return `Tier ${text(tier.tier)} (${range}): ${text(tier.units)} × ${text(tier.unit_price)}${flat} = ${text(tier.amount)}`;
    }),
};

const explanations: { readonly [Model in PriceModel]: Explanation<Model> } = {
  per_unit: {
    details: (price) => ({
      model: price.model,
      free_units: exact(price.freeUnits),
      billable_units: exact(price.billableUnits),
      unit_price: exact(price.unitPrice),
    }),
    words: (price) => [
      `${text(price.billable_units)} billable units × ${text(price.unit_price)} (${text(price.free_units)} free)`,
    ],
  },
  package: {
    details: (price) => ({
      model: price.model,
      free_units: exact(price.freeUnits),
      billable_units: exact(price.billableUnits),
      package_size: exact(price.packageSize),
      packages: exact(price.packages),
      package_price: exact(price.packagePrice),
    }),
    words: (price) => [
      `${text(price.packages)} packages of ${text(price.package_size)} × ${text(price.package_price)} (${text(price.free_units)} free units)`,
    ],
  },
  graduated: tiered,
  volume: tiered,
  percentage: {
    details: (price) => ({
      model: price.model,
      rate: exact(price.rate),
      fixed_fee: exact(price.fixedFee),
      per_transaction_min: price.perTransactionMin === undefined ? null : exact(price.perTransactionMin),
      per_transaction_max: price.perTransactionMax === undefined ? null : exact(price.perTransactionMax),
      transactions: price.transactions,
    }),
    words: (price) => [
      `${text(price.transactions)} transactions at ${text(price.rate)}% + ${text(price.fixed_fee)} each` +
        (price.per_transaction_min === null ? "" : `, at least ${text(price.per_transaction_min)}`) +
        (price.per_transaction_max === null ? "" : `, at most ${text(price.per_transaction_max)}`),
    ],
  },
};

/** A usage line's `details.price`: how its amount was reached. */
export function priceDetails(price: PriceBreakdown, quantityIsExact: boolean): Details {
  const explanation = explanations[price.model] as Explanation<PriceModel>;
  return explanation.details(price as never, quantityIsExact);
}

/** A line's stored `details.price` in words; nothing for a model this version does not know. */
export function priceInWords(price: Readonly<Record<string, unknown>>): string[] {
  const model = price.model;
  if (typeof model !== "string" || !Object.hasOwn(explanations, model)) return [];
  return explanations[model as PriceModel].words(price);
}
