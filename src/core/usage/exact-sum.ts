// Exact running sums that stay in plain JS numbers while they are exact.
import { canonicalDecimalText, Decimal, ZERO } from "../decimal.ts";
import type { NumericValue } from "./usage-event.ts";

/**
 * Adds numbers exactly. Safe integers accumulate in a JS number as long as the
 * running total is itself a safe integer (so every addition is exact); any other
 * value, or an addition that would leave the safe range, goes to a Decimal part.
 * The total is the sum of both parts, so nothing is ever rounded.
 */
export class ExactSum {
  private integerPart = 0;
  private decimalPart: Decimal | undefined;

  add(value: NumericValue): void {
    if (typeof value === "number" && Number.isSafeInteger(value)) {
      const next = this.integerPart + value;
      // The sum of two safe integers is exact whenever it is itself safe; an
      // inexact result is always outside the safe range.
      if (Number.isSafeInteger(next)) {
        this.integerPart = next;
        return;
      }
    }
    this.decimalPart = (this.decimalPart ?? ZERO).plus(value);
  }

  total(): Decimal {
    return this.decimalPart === undefined
      ? new Decimal(this.integerPart)
      : this.decimalPart.plus(this.integerPart);
  }

  /** The total as canonical decimal text (canonicalDecimalText), without a Decimal while it is a safe integer. */
  text(): string {
    return this.decimalPart === undefined ? String(this.integerPart) : canonicalDecimalText(this.total());
  }
}

/** A value as canonical decimal text (canonicalDecimalText): a safe integer is its own digits. */
export function numericText(value: NumericValue): string {
  if (typeof value === "number" && Number.isSafeInteger(value)) return String(value);
  return canonicalDecimalText(typeof value === "number" ? new Decimal(value) : value);
}
