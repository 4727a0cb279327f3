// Charges, their lists and their prices in other currencies, built from the
// table of charge models (charge-models.ts); the rules between a plan's
// charges and its price books; and the conversion of a checked charge to the
// billing core's.
import { type Static, Type } from "typebox";
import {
  BillingInputError,
  type Charge as CoreCharge,
  type PlanVersion as CorePlanVersion,
  Decimal,
  type PricingModel,
} from "../core/index.ts";
import { Nullable } from "../platform/http/schemas.ts";
import {
  FixedCharge,
  fixedChargeDefaults,
  type PriceField,
  type PricingContext,
  priceFieldSchemas,
  type UsageModel,
  usageModels,
} from "./charge-models.ts";
import {
  describeValue,
  discriminatedUnion,
  isPlainObject,
  type JsonPath,
  type Rule,
  type RuleRun,
} from "./document-checks.ts";
import { Code, CurrencyCode, Interval, IntervalCount, listUniqueBy, Price } from "./fields.ts";

const usageVariants = Object.values(usageModels).map((model) => model.schema);

/** The description of each model, for the OpenAPI document. */
const modelSummary = Object.entries(usageModels)
  .map(([model, definition]) => `${model}: ${(definition.schema as { description?: string }).description}`)
  .join("; ");

const UsageCharge = discriminatedUnion("model", usageVariants, {
  title: "UsageCharge",
  description: `priced on a meter's usage over the period, by model. ${modelSummary}`,
  properties: { type: Type.Literal("usage") },
});

/** A charge of a plan: fixed, or usage priced by one of the models. */
export const Charge = discriminatedUnion("type", [FixedCharge, UsageCharge], {
  title: "Charge",
  description:
    "a fixed amount per period, or usage priced by a model (per_unit, package, graduated, volume, percentage)",
});
export type ChargeDocument = Static<typeof Charge>;

/** The charges of a plan, in the order their lines appear, each id once. */
export const Charges = listUniqueBy(Charge, "id", "charge id", { maxItems: 200 });

/** The kinds of charge: fixed, and each usage model. */
export type ChargeKind = "fixed" | UsageModel;

export const chargeKinds: readonly ChargeKind[] = ["fixed", ...(Object.keys(usageModels) as UsageModel[])];

/** The price fields of each kind of charge: what another currency's price book sets. */
export const priceFieldsByModel: Readonly<Record<ChargeKind, readonly PriceField[]>> = {
  fixed: ["amount"],
  ...(Object.fromEntries(
    Object.entries(usageModels).map(([model, definition]) => [model, definition.priceFields]),
  ) as Record<UsageModel, readonly PriceField[]>),
};

export function kindOf(charge: { type: string; model?: string }): ChargeKind {
  return (charge.type === "fixed" ? "fixed" : charge.model) as ChargeKind;
}

/** What the optional fields of a charge of this kind mean when left out. */
export function chargeDefaults(charge: { type?: string; model?: string }): Readonly<Record<string, unknown>> {
  if (charge.type === "fixed") return fixedChargeDefaults;
  const definition = usageModels[charge.model as UsageModel] as
    | { defaults: Record<string, unknown> }
    | undefined;
  return definition?.defaults ?? {};
}

const optionalPriceFields = Object.fromEntries(
  Object.entries(priceFieldSchemas).map(([field, schema]) => [field, Type.Optional(schema)]),
) as { [Field in PriceField]: ReturnType<typeof Type.Optional<(typeof priceFieldSchemas)[Field]>> };

/** One charge's prices in another currency: the price fields of its model, and only those. */
const ChargePrices = Type.Object(
  { id: Code, ...optionalPriceFields },
  {
    additionalProperties: false,
    title: "ChargePrices",
    description: "the price fields of the charge with this id, in this currency",
  },
);
export type ChargePricesDocument = Static<typeof ChargePrices>;

/** A plan version's prices in another currency than its own. */
export const PriceBook = Type.Object(
  {
    currency: CurrencyCode,
    minimum_commitment: Type.Optional(Nullable(Price)),
    charges: Type.Array(ChargePrices, { maxItems: 200 }),
  },
  { additionalProperties: false, title: "PriceBook" },
);
export type PriceBookDocument = Static<typeof PriceBook>;

/** The fields of a plan version's priced content: what a subscription on it pays, in which currencies. */
export const pricedContentFields = {
  currency: CurrencyCode,
  interval: Interval,
  interval_count: IntervalCount,
  minimum_commitment: Nullable(Price),
  charges: Charges,
  currency_prices: Type.Array(PriceBook, { maxItems: 50 }),
};

type PricedContent = {
  currency: string;
  minimum_commitment: string | null;
  charges: ChargeDocument[];
  currency_prices: PriceBookDocument[];
};

/** The base charge with a price book's prices in place of its own: what the charge is in that currency. */
function pricedIn(charge: ChargeDocument, prices: ChargePricesDocument | undefined): ChargeDocument {
  if (prices === undefined) return charge;
  const { id: _id, ...priceFields } = prices;
  return { ...charge, ...priceFields } as ChargeDocument;
}

/** A charge's prices in a price book, if it has any there. */
function pricesIn(book: PriceBookDocument, charge: { id: string }): ChargePricesDocument | undefined {
  return book.charges.find((entry) => entry.id === charge.id);
}

/**
 * Every other currency's price book must price every charge, and only with
 * the price fields of its model; its minimum commitment follows the
 * version's. A charge priced in another currency is checked by the same rules
 * as the charge itself, so that tiers out of order are caught in every
 * currency. Checked once the charges themselves are.
 */
export const priceBooksFitCharges: Rule<PricingContext> = (value, path, run) => {
  if (!isPlainObject(value) || !run.isValid([...path, "charges"]) || !Array.isArray(value.currency_prices))
    return;
  const content = value as PricedContent;
  content.currency_prices.forEach((book: unknown, index) => {
    if (isPlainObject(book) && Array.isArray(book.charges)) {
      checkPriceBook(book as PriceBookDocument, index, content, [...path, "currency_prices", index], run);
    }
  });
};

function checkPriceBook(
  book: PriceBookDocument,
  index: number,
  content: PricedContent,
  path: JsonPath,
  run: RuleRun<PricingContext>,
): void {
  const currencyPath = [...path, "currency"];
  if (!run.isValid(currencyPath)) {
    // Already reported: not a currency.
  } else if (book.currency === content.currency) {
    run.report(
      currencyPath,
      `${book.currency} is the version's own currency: its prices are the charges themselves`,
    );
  } else if (content.currency_prices.findIndex((other) => other.currency === book.currency) !== index) {
    run.report(currencyPath, `a second price book for ${book.currency}`);
  }
  const commitmentPath = [...path, "minimum_commitment"];
  const bookCommitment = book.minimum_commitment ?? null;
  if (!run.isValid(commitmentPath)) {
    // Already reported: not an amount.
  } else if (content.minimum_commitment !== null && bookCommitment === null) {
    run.report(
      commitmentPath,
      `is required: the version has a minimum commitment, so ${book.currency} needs one`,
    );
  } else if (content.minimum_commitment === null && bookCommitment !== null) {
    run.report(commitmentPath, "must be left out: the version has no minimum commitment");
  }

  const chargesPath = [...path, "charges"];
  const seen = new Set<string>();
  book.charges.forEach((prices: unknown, priceIndex) => {
    if (!isPlainObject(prices) || typeof prices.id !== "string") return;
    const pricesPath = [...chargesPath, priceIndex];
    const charge = content.charges.find((candidate) => candidate.id === prices.id);
    if (charge === undefined) {
      run.report([...pricesPath, "id"], `no charge ${describeValue(prices.id)} in the version's charges`);
      return;
    }
    if (seen.has(prices.id)) {
      run.report(
        [...pricesPath, "id"],
        `charge ${describeValue(prices.id)} is priced twice in ${book.currency}`,
      );
      return;
    }
    seen.add(prices.id);
    const kind = kindOf(charge);
    const allowed: readonly string[] | undefined = priceFieldsByModel[kind];
    if (allowed === undefined) {
      run.report(
        [...pricesPath, "id"],
        `charge ${describeValue(prices.id)} is priced by ${kind}: its prices are in the version's own currency only`,
      );
      return;
    }
    const given = Object.keys(prices).filter((field) => field !== "id");
    let pricesFit = true;
    for (const field of given) {
      if (!allowed.includes(field)) {
        run.report(
          [...pricesPath, field],
          `is not a price of this ${kind} charge (its prices: ${allowed.join(", ")})`,
        );
        pricesFit = false;
      }
    }
    for (const field of allowed) {
      if ((charge as Record<string, unknown>)[field] !== undefined && !given.includes(field)) {
        run.report(
          [...pricesPath, field],
          `is required: charge ${charge.id} has a ${field} to price in ${book.currency}`,
        );
        pricesFit = false;
      }
    }
    // The charge as priced in this currency is checked by the charge's own
    // rules (a percentage's bounds); its tiers were checked where they are written.
    if (pricesFit && run.isValid(pricesPath)) {
      run.runRules(Charge, pricedIn(charge, prices as ChargePricesDocument), pricesPath);
    }
  });
  for (const charge of content.charges) {
    if (!seen.has(charge.id)) {
      run.report(chargesPath, `charge ${describeValue(charge.id)} has no price in ${book.currency}`);
    }
  }
}

/** The billing core's charge. */
export function toCoreCharge(charge: ChargeDocument): CoreCharge {
  if (charge.type === "fixed") {
    return {
      type: "fixed",
      id: charge.id,
      amount: new Decimal(charge.amount),
      timing: charge.timing ?? fixedChargeDefaults.timing,
      prorate: charge.prorate ?? fixedChargeDefaults.prorate,
    };
  }
  const toPricing = usageModels[charge.model].toPricing as (charge: ChargeDocument) => PricingModel;
  return { type: "usage", id: charge.id, meterCode: charge.meter, pricing: toPricing(charge) };
}

/**
 * A plan version's charges as written in `currencyCode`: its own, or those of
 * its price book in that currency (each charge with the book's prices in place
 * of its own). Throws BillingInputError when the version has no such book.
 */
export function chargesInCurrency<Charge extends { id: string }>(
  content: { currency: string; charges: readonly Charge[]; currency_prices: readonly PriceBookDocument[] },
  currencyCode: string,
): Charge[] {
  if (currencyCode === content.currency) return [...content.charges];
  const book = content.currency_prices.find((candidate) => candidate.currency === currencyCode);
  if (book === undefined) {
    throw new BillingInputError(
      `the plan version has no prices in ${currencyCode} (only ${content.currency})`,
    );
  }
  return content.charges.map(
    (charge) => pricedIn(charge as unknown as ChargeDocument, pricesIn(book, charge)) as unknown as Charge,
  );
}

/** A plan's pricing as the billing core reads it. */
export function toCorePlanVersion(
  code: string,
  plan: {
    interval: Static<typeof Interval>;
    interval_count?: number;
    minimum_commitment?: string | null;
    charges: readonly ChargeDocument[];
  },
): CorePlanVersion {
  return {
    code,
    interval: { unit: plan.interval, count: plan.interval_count ?? 1 },
    ...(plan.minimum_commitment === undefined || plan.minimum_commitment === null
      ? {}
      : { minimumCommitment: new Decimal(plan.minimum_commitment) }),
    charges: plan.charges.map(toCoreCharge),
  };
}
