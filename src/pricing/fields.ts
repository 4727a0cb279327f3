// The values the pricing language is written in: codes, prices, quantities,
// currencies and billing intervals. Each carries the message a billing
// operator reads when a value is not what it should be, and the checks a JSON
// schema cannot make (a currency that exists) as rules beside it.
import { type TSchema, Type } from "typebox";
import { Decimal, findCurrency, isNumericText, isPlainDecimal } from "../core/index.ts";
import { StringEnum } from "../platform/http/schemas.ts";
import { describeValue, type Rule, refine, withMessage, withRules } from "./document-checks.ts";

/** A code that names a catalog object (plan, product, feature, charge, meter) in a way people can type. */
export const Code = Type.String({
  minLength: 1,
  maxLength: 100,
  pattern: "^[A-Za-z0-9][A-Za-z0-9_.:-]*$",
  description: "letters, digits and _ . : - (such as api_calls)",
});

const NON_NEGATIVE_DECIMAL = "^(0|[1-9][0-9]{0,17})(\\.[0-9]{1,20})?$";

function decimalMessage(value: unknown): string {
  if (typeof value === "string" && isPlainDecimal(value)) {
    const amount = new Decimal(value);
    if (amount.isNegative() && !amount.isZero()) return `must not be negative, not ${describeValue(value)}`;
  }
  return `must be a decimal string such as "49.00", not ${describeValue(value)}`;
}

/**
 * An amount, price or rate: a decimal string (`"49.00"`), never a JSON number,
 * so that no binary float stands between the document and the engine.
 */
export const Price = withMessage(
  Type.String({
    pattern: NON_NEGATIVE_DECIMAL,
    description: 'a decimal number of zero or more written as a string, such as "49.00"',
    examples: ["49.00"],
  }),
  decimalMessage,
);

function quantityMessage(positive: boolean) {
  return (value: unknown): string => {
    const shown = describeValue(value);
    const isNumber = typeof value === "number" && Number.isFinite(value);
    if (isNumber || (typeof value === "string" && isNumericText(value))) {
      const units = new Decimal(value as number | string);
      if (positive ? units.lessThanOrEqualTo(0) : units.isNegative() && !units.isZero()) {
        return `must be ${positive ? "greater than 0" : "at least 0"}, not ${shown}`;
      }
      if (!isNumber) return `must be a number or a plain decimal string such as "1000", not ${shown}`;
    }
    return `must be a number, not ${shown}`;
  };
}

/** A number of units (free units): a JSON number or a decimal string, zero or more. */
export const Quantity = withMessage(
  Type.Union([
    Type.Number({ minimum: 0 }),
    Type.String({ pattern: NON_NEGATIVE_DECIMAL, description: "a number of units such as 1000" }),
  ]),
  quantityMessage(false),
);

/** A number of units that must be more than zero (a tier bound, a package size). */
export const PositiveQuantity = withMessage(
  Type.Union([
    Type.Number({ exclusiveMinimum: 0 }),
    Type.String({
      pattern: "^([1-9][0-9]{0,17}(\\.[0-9]{1,20})?|0\\.(?=[0-9]*[1-9])[0-9]{1,20})$",
      description: "a number of units greater than 0, such as 1000",
    }),
  ]),
  quantityMessage(true),
);

/** An ISO 4217 currency code that exists. */
export const CurrencyCode = refine(
  withMessage(
    Type.String({ pattern: "^[A-Z]{3}$", description: "an ISO 4217 code such as USD" }),
    (value) => `unknown currency ${describeValue(value)} (expected an ISO 4217 code such as "USD")`,
  ),
  (value) => typeof value === "string" && findCurrency(value) !== undefined,
);

const INTERVALS = ["day", "week", "month", "quarter", "year"] as const;

export const Interval = StringEnum(INTERVALS);

/** Billing periods last `interval_count` intervals; the bound keeps period arithmetic inside the calendar. */
export const IntervalCount = Type.Integer({ minimum: 1, maximum: 120 });

/** A rule for a list: no two elements share `field` (checked on the elements as written). */
function uniqueBy(field: string, label: string): Rule {
  return (value, path, run) => {
    if (!Array.isArray(value)) return;
    const firstIndexByKey = new Map<string, number>();
    value.forEach((element: unknown, index) => {
      if (typeof element !== "object" || element === null || Array.isArray(element)) return;
      const key = (element as Record<string, unknown>)[field];
      if (typeof key !== "string") return;
      const firstIndex = firstIndexByKey.get(key);
      if (firstIndex === undefined) firstIndexByKey.set(key, index);
      else {
        run.report(
          [...path, index, field],
          `duplicate ${label} ${describeValue(key)} (also at index ${firstIndex})`,
          [...path, index],
        );
      }
    });
  };
}

/** A list of objects whose `field` is unique. */
export function listUniqueBy<Schema extends TSchema>(
  item: Schema,
  field: string,
  label: string,
  options: { maxItems?: number; description?: string } = {},
) {
  return withRules(Type.Array(item, options), uniqueBy(field, label));
}
