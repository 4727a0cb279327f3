// Pricing units and plan allowances (docs/scenario-format-v2.md, section 4):
// their schemas, the rules that tie units to allowances and charges
// (V20–V22), and their conversion to the billing core's. A scenario lists its
// units once for every plan; a live plan version lists the units it uses.
import { Type } from "typebox";
import { type Allowance, Decimal, findCurrency, type PricingUnit } from "../core/index.ts";
import { StringEnum } from "../platform/http/schemas.ts";
import { describeValue, isPlainObject, type JsonPath, type RuleRun, withRules } from "./document-checks.ts";
import { Code, listUniqueBy, Price } from "./fields.ts";

const PricingUnitSchema = withRules(
  Type.Object(
    {
      code: Code,
      rate: Price,
      decimals: Type.Optional(Type.Integer({ minimum: 0, maximum: 6 })),
    },
    { additionalProperties: false },
  ),
  (value, path, run) => {
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
    if (
      typeof value.rate === "string" &&
      run.isValid([...path, "rate"]) &&
      new Decimal(value.rate).isZero()
    ) {
      run.report([...path, "rate"], "must be more than 0 (the unit's worth in the scenario's currency)");
    }
  },
);

/** The scenario's custom units (V20). */
export const PricingUnits = listUniqueBy(PricingUnitSchema, "code", "pricing unit code", { maxItems: 20 });

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

export type PricingUnitDocument = { code: string; rate: string; decimals?: number };
export type AllowanceDocument = {
  unit: string;
  amount: string;
  rollover?: "none" | "full" | "capped";
  rollover_cap?: string;
  rollover_expires_after?: number;
  prorate?: boolean;
};

export function toCorePricingUnit(unit: PricingUnitDocument): PricingUnit {
  return { code: unit.code, rate: new Decimal(unit.rate), decimals: unit.decimals ?? 2 };
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
