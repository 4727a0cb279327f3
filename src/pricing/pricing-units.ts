// Pricing units and plan allowances (docs/scenario-format-v2.md, section 4):
// their schemas, the rules that tie units to allowances and charges
// (V20–V22), and their conversion to the billing core's. A scenario lists its
// units once for every plan; a live plan version lists the units it uses.
import { Type } from "typebox";
import { type Allowance, BillingInputError, Decimal, findCurrency, type PricingUnit } from "../core/index.ts";
import { StringEnum } from "../platform/http/schemas.ts";
import { describeValue, isPlainObject, type JsonPath, type RuleRun, withRules } from "./document-checks.ts";
import { Code, CurrencyCode, listUniqueBy, Price } from "./fields.ts";

const unitFields = {
  code: Code,
  rate: Price,
  decimals: Type.Optional(Type.Integer({ minimum: 0, maximum: 6 })),
};

const PricingUnitSchema = withRules(
  Type.Object(unitFields, { additionalProperties: false }),
  checkPricingUnit,
);

/** A unit is not named as a currency, and is worth more than nothing. */
function checkPricingUnit(value: unknown, path: JsonPath, run: RuleRun<unknown>): void {
  if (!isPlainObject(value)) return;
  if (
    typeof value.code === "string" &&
    run.isValid([...path, "code"]) &&
    findCurrency(value.code) !== undefined
  ) {
    run.report(
      [...path, "code"],
      `${describeValue(value.code)} is a currency code: a pricing unit needs a name of its own`,
    );
  }
  if (typeof value.rate === "string" && run.isValid([...path, "rate"]) && new Decimal(value.rate).isZero()) {
    run.report([...path, "rate"], "must be more than 0 (the unit's worth in the scenario's currency)");
  }
}

/** The scenario's custom units (V20). */
export const PricingUnits = listUniqueBy(PricingUnitSchema, "code", "pricing unit code", { maxItems: 20 });

const CurrencyRate = Type.Object(
  {
    currency: CurrencyCode,
    rate: { ...Price, description: "what one unit is worth in this currency" },
  },
  { additionalProperties: false },
);

/**
 * A live plan version's unit: its `rate` in the version's currency and, for
 * each currency of the version's price books, `currency_rates` (a credit
 * priced 0.01 USD and 0.009 EUR), so customers billed in each currency use it.
 */
const PlanPricingUnitSchema = withRules(
  Type.Object(
    {
      ...unitFields,
      currency_rates: Type.Optional(Type.Array(CurrencyRate, { maxItems: 50 })),
    },
    { additionalProperties: false },
  ),
  checkPricingUnit,
  (value, path, run) => {
    if (!isPlainObject(value) || !Array.isArray(value.currency_rates)) return;
    const seen = new Set<unknown>();
    value.currency_rates.forEach((entry: unknown, index) => {
      if (!isPlainObject(entry)) return;
      const entryPath = [...path, "currency_rates", index];
      if (seen.has(entry.currency)) {
        run.report([...entryPath, "currency"], `${describeValue(entry.currency)} is given a rate twice`);
      }
      seen.add(entry.currency);
      if (
        typeof entry.rate === "string" &&
        run.isValid([...entryPath, "rate"]) &&
        new Decimal(entry.rate).isZero()
      ) {
        run.report([...entryPath, "rate"], "must be more than 0 (the unit's worth in that currency)");
      }
    });
  },
);

/** A plan version's custom units, with their worth in each currency it is priced in. */
export const PlanPricingUnits = listUniqueBy(PlanPricingUnitSchema, "code", "pricing unit code", {
  maxItems: 20,
});

/**
 * Each unit gives a rate in every currency of the version's price books
 * (`currency_prices`), and only in those: a customer billed in that currency
 * pays overage at that rate.
 */
export function checkUnitCurrencies(
  version: Record<string, unknown>,
  path: JsonPath,
  run: RuleRun<unknown>,
): void {
  if (!Array.isArray(version.pricing_units)) return;
  const books = new Set(
    (Array.isArray(version.currency_prices) ? version.currency_prices : [])
      .filter(isPlainObject)
      .map((book) => book.currency),
  );
  version.pricing_units.forEach((unit: unknown, index) => {
    if (!isPlainObject(unit)) return;
    const unitPath = [...path, "pricing_units", index];
    const rates = Array.isArray(unit.currency_rates) ? unit.currency_rates.filter(isPlainObject) : [];
    rates.forEach((rate, rateIndex) => {
      if (!books.has(rate.currency) && run.isValid([...unitPath, "currency_rates", rateIndex, "currency"])) {
        run.report(
          [...unitPath, "currency_rates", rateIndex, "currency"],
          `${describeValue(rate.currency)} is not a currency of the version's currency_prices`,
        );
      }
    });
    const missing = [...books].filter((currency) => !rates.some((rate) => rate.currency === currency));
    if (missing.length > 0) {
      run.report(
        [...unitPath, "currency_rates"],
        `gives no rate in ${missing.join(", ")}, a currency the version is priced in (currency_prices)`,
      );
    }
  });
}

const AllowanceSchema = Type.Object(
  {
    unit: Code,
    amount: Price,
    rollover: Type.Optional(StringEnum(["none", "full", "capped"])),
    rollover_cap: Type.Optional(Price),
    rollover_expires_after: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    prorate: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

/** A plan's allowances, at most one per unit (V22). */
export const Allowances = Type.Array(AllowanceSchema, { maxItems: 20 });

/** `rollover_cap` belongs to, and is required by, a `capped` rollover (of an allowance or a commit). */
export function checkRolloverCap(
  value: Record<string, unknown>,
  path: JsonPath,
  run: RuleRun<unknown>,
): void {
  const capped = value.rollover === "capped";
  if (capped && value.rollover_cap === undefined) {
    run.report([...path, "rollover_cap"], 'is required when "rollover" is "capped"');
  } else if (!capped && value.rollover_cap !== undefined) {
    run.report([...path, "rollover_cap"], 'only "rollover": "capped" takes rollover_cap');
  }
}

/** What is left at an end and carries on: none, all, or up to a cap. */
export function toCoreRollover(
  rollover: "none" | "full" | "capped" | undefined,
  cap: string | undefined,
): Allowance["rollover"] {
  if (rollover === "full") return { type: "full" };
  if (rollover === "capped") return { type: "capped", cap: new Decimal(cap ?? "0") };
  return { type: "none" };
}

type UnitShape = { code?: unknown; decimals?: unknown };

function decimalsOf(units: Map<unknown, UnitShape>, code: unknown): number | undefined {
  const unit = units.get(code);
  if (unit === undefined) return undefined;
  return typeof unit.decimals === "number" ? unit.decimals : 2;
}

function checkUnitAmount(
  value: unknown,
  decimals: number,
  unit: unknown,
  path: JsonPath,
  run: RuleRun<unknown>,
): void {
  if (typeof value !== "string" || !run.isValid(path)) return;
  if (new Decimal(value).decimalPlaces() > decimals) {
    run.report(
      path,
      `has more decimal places than unit ${describeValue(unit)} has (${decimals}): ${describeValue(value)}`,
    );
  }
}

function checkAllowances(
  plan: Record<string, unknown>,
  planPath: JsonPath,
  units: Map<unknown, UnitShape>,
  run: RuleRun<unknown>,
): void {
  const seen = new Map<unknown, number>();
  (Array.isArray(plan.allowances) ? plan.allowances : []).forEach((allowance, index) => {
    if (!isPlainObject(allowance)) return;
    const path = [...planPath, "allowances", index];
    const earlier = seen.get(allowance.unit);
    if (earlier !== undefined) {
      run.report(
        path,
        `a second allowance of unit ${describeValue(allowance.unit)} (the first is allowances[${earlier}]): at most one per unit`,
      );
      return;
    }
    seen.set(allowance.unit, index);
    const decimals = decimalsOf(units, allowance.unit);
    if (decimals === undefined) {
      if (run.isValid([...path, "unit"]))
        run.report([...path, "unit"], `unknown pricing unit ${describeValue(allowance.unit)}`);
      return;
    }
    checkUnitAmount(allowance.amount, decimals, allowance.unit, [...path, "amount"], run);
    checkUnitAmount(allowance.rollover_cap, decimals, allowance.unit, [...path, "rollover_cap"], run);
    checkRolloverCap(allowance, path, run);
  });
}

function checkChargeUnits(
  plan: Record<string, unknown>,
  planPath: JsonPath,
  units: Map<unknown, UnitShape>,
  run: RuleRun<unknown>,
): void {
  (Array.isArray(plan.charges) ? plan.charges : []).forEach((charge, index) => {
    if (!isPlainObject(charge) || charge.unit === undefined) return;
    const path = [...planPath, "charges", index];
    if (!run.isValid([...path, "unit"])) return;
    if (!units.has(charge.unit)) {
      run.report([...path, "unit"], `unknown pricing unit ${describeValue(charge.unit)}`);
    } else if (charge.model === "percentage") {
      run.report(path, "a percentage charge's fees are in the currency: it cannot be priced in a unit");
    } else if (charge.timing === "in_advance") {
      run.report([...path, "unit"], "usage billed in advance is priced in the currency, not in a unit");
    }
  });
}

/** The units listed, by code (the first of a code repeated, which the list's own schema refuses). */
export function unitsByCode(units: unknown): Map<unknown, UnitShape> {
  const byCode = new Map<unknown, UnitShape>();
  for (const unit of Array.isArray(units) ? units.filter(isPlainObject) : []) {
    if (!byCode.has(unit.code)) byCode.set(unit.code, unit);
  }
  return byCode;
}

/**
 * A plan's allowances and charges name known pricing units, at most one
 * allowance per unit, amounts with no more decimals than their unit has; a
 * unit prices neither percentage charges nor usage billed in advance (V14,
 * V20–V22).
 */
export function checkPlanUnits(
  plan: Record<string, unknown>,
  planPath: JsonPath,
  units: Map<unknown, UnitShape>,
  run: RuleRun<unknown>,
): void {
  checkAllowances(plan, planPath, units, run);
  checkChargeUnits(plan, planPath, units, run);
}

export type PricingUnitDocument = {
  code: string;
  rate: string;
  decimals?: number;
  currency_rates?: { currency: string; rate: string }[];
};
export type AllowanceDocument = {
  unit: string;
  amount: string;
  rollover?: "none" | "full" | "capped";
  rollover_cap?: string;
  rollover_expires_after?: number;
  prorate?: boolean;
};

/**
 * The billing core's unit, worth its `rate` in the version's own currency, or
 * its rate in `currency` when given another (BillingInputError when it has none).
 */
export function toCorePricingUnit(
  unit: PricingUnitDocument,
  currencies?: { version: string; billed: string },
): PricingUnit {
  const rate =
    currencies === undefined || currencies.billed === currencies.version
      ? unit.rate
      : unit.currency_rates?.find((entry) => entry.currency === currencies.billed)?.rate;
  if (rate === undefined) {
    throw new BillingInputError(
      `pricing unit "${unit.code}" has no rate in ${currencies?.billed} (only ${currencies?.version})`,
    );
  }
  return { code: unit.code, rate: new Decimal(rate), decimals: unit.decimals ?? 2 };
}

export function toCoreAllowance(allowance: AllowanceDocument): Allowance {
  return {
    unit: allowance.unit,
    amount: new Decimal(allowance.amount),
    rollover: toCoreRollover(allowance.rollover, allowance.rollover_cap),
    ...(allowance.rollover_expires_after === undefined
      ? {}
      : { rolloverExpiresAfter: allowance.rollover_expires_after }),
    prorate: allowance.prorate ?? true,
  };
}
