// Field schemas for the values a scenario is made of: decimal amounts,
// quantities, timestamps, currencies, time zones and references by code.
import {
  type Currency,
  Decimal,
  findCurrency,
  fitsMinorUnit,
  type Instant,
  isNumericText,
  isPlainDecimal,
  isValidTimeZone,
  parseInstant,
} from "../core/index.ts";
import { describe, INVALID, type Schema } from "./schema.ts";

/**
 * An amount, price or rate: a decimal string (`"49.00"`), never a JSON number,
 * so that no binary float stands between the document and the engine.
 */
export function decimalText(bounds: { max?: number; minorUnitOf?: Currency } = {}): Schema<Decimal> {
  return (value, path, issues) => {
    if (typeof value !== "string" || !isPlainDecimal(value)) {
      issues.report(path, `must be a decimal string such as "49.00", not ${describe(value)}`);
      return INVALID;
    }
    const amount = new Decimal(value);
    if (amount.isNegative() && !amount.isZero()) {
      issues.report(path, `must not be negative, not ${describe(value)}`);
      return INVALID;
    }
    if (bounds.max !== undefined && amount.greaterThan(bounds.max)) {
      issues.report(path, `must be at most ${bounds.max}, not ${describe(value)}`);
      return INVALID;
    }
    if (bounds.minorUnitOf !== undefined && !fitsMinorUnit(amount, bounds.minorUnitOf)) {
      const { code, minorDigits } = bounds.minorUnitOf;
      issues.report(path, `has more decimal places than ${code} has (${minorDigits}): ${describe(value)}`);
      return INVALID;
    }
    return amount;
  };
}

/** A number of units (a tier bound, free units, a package size): a JSON number or a decimal string. */
export function quantity(bounds: { positive: boolean }): Schema<Decimal> {
  return (value, path, issues) => {
    const isNumber = typeof value === "number" && Number.isFinite(value);
    if (!isNumber && !(typeof value === "string" && isNumericText(value))) {
      issues.report(path, `must be a number, not ${describe(value)}`);
      return INVALID;
    }
    const units = new Decimal(value);
    if (bounds.positive ? units.lessThanOrEqualTo(0) : units.isNegative() && !units.isZero()) {
      issues.report(
        path,
        `must be ${bounds.positive ? "greater than 0" : "at least 0"}, not ${describe(value)}`,
      );
      return INVALID;
    }
    return units;
  };
}

/** The shape of an RFC 3339 timestamp, to tell a malformed one from one naming a date that does not exist. */
const TIMESTAMP_SHAPE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export const timestamp: Schema<Instant> = (value, path, issues) => {
  const instant = typeof value === "string" ? parseInstant(value) : undefined;
  if (instant !== undefined) return instant;
  if (typeof value === "string" && TIMESTAMP_SHAPE.test(value)) {
    issues.report(
      path,
      `is not a real date and time (or has more than millisecond precision): ${describe(value)}`,
    );
  } else {
    issues.report(
      path,
      `must be an RFC 3339 timestamp such as "2026-01-15T00:00:00Z", not ${describe(value)}`,
    );
  }
  return INVALID;
};

export const currency: Schema<Currency> = (value, path, issues) => {
  const found = typeof value === "string" ? findCurrency(value) : undefined;
  if (found !== undefined) return found;
  issues.report(path, `unknown currency ${describe(value)} (expected an ISO 4217 code such as "USD")`);
  return INVALID;
};

export const timeZone: Schema<string> = (value, path, issues) => {
  if (typeof value === "string" && isValidTimeZone(value)) return value;
  issues.report(path, `unknown time zone ${describe(value)} (expected an IANA name such as "Europe/Paris")`);
  return INVALID;
};

/** A code that must name something defined elsewhere in the document (a meter, a plan). */
export function reference(kind: string, known: ReadonlySet<string>): Schema<string> {
  return (value, path, issues) => {
    if (typeof value !== "string") {
      issues.report(path, `must be the code of a ${kind}, not ${describe(value)}`);
      return INVALID;
    }
    if (known.has(value)) return value;
    issues.report(path, `unknown ${kind} ${describe(value)}`);
    return INVALID;
  };
}
