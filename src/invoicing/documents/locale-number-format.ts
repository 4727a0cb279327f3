// Decimal strings printed the way a locale writes numbers, without ever
// passing through a binary float: Intl.NumberFormat is asked only how the
// locale writes a number (its separators, its digits, its grouping, where the
// currency symbol and the minus sign go), and the digits themselves are taken
// from the string. An amount of any length prints exactly as it was stored.

const DECIMAL_STRING = /^(-?)(\d+)(?:\.(\d+))?$/;

/** What sits around the digits: "-" and "\u00a0€" in de-DE for −1,00 €, "-$" for −$1.00 in en-US. */
type Affixes = { readonly prefix: string; readonly suffix: string };

/** How one locale writes numbers of one style (a currency, a percentage or a plain number). */
type NumberPattern = {
  readonly positive: Affixes;
  readonly negative: Affixes;
  readonly decimalSeparator: string;
  readonly groupSeparator: string;
  /** Digits in the group next to the decimal separator: 3 everywhere, but India groups the rest by 2. */
  readonly primaryGroupSize: number;
  readonly secondaryGroupSize: number;
  /** 2 in locales such as es-ES, which write 1000 but 10.000. */
  readonly minimumGroupingDigits: number;
  /** The locale's digit for 0 to 9 ("٠".."٩" in ar-EG). */
  readonly digits: readonly string[];
};

export type NumberStyle =
  | { readonly kind: "currency"; readonly currency: string }
  | { readonly kind: "percent" }
  | { readonly kind: "decimal" };

const NUMBER_PART_TYPES = new Set(["integer", "group", "decimal", "fraction"]);

function affixesOf(parts: Intl.NumberFormatPart[]): Affixes {
  const first = parts.findIndex((part) => NUMBER_PART_TYPES.has(part.type));
  const last = parts.findLastIndex((part) => NUMBER_PART_TYPES.has(part.type));
  const text = (slice: Intl.NumberFormatPart[]) => slice.map((part) => part.value).join("");
  return { prefix: text(parts.slice(0, first)), suffix: text(parts.slice(last + 1)) };
}

function partValue(parts: Intl.NumberFormatPart[], type: Intl.NumberFormatPartTypes): string | undefined {
  return parts.find((part) => part.type === type)?.value;
}

function intlOptions(style: NumberStyle): Intl.NumberFormatOptions {
  if (style.kind === "currency") return { style: "currency", currency: style.currency };
  return { style: style.kind };
}

/*
 * The sample numbers below are small integers and simple fractions that a
 * float holds exactly; they are formatted only to read the locale's symbols
 * back out of the parts, never to produce an amount.
 */
function derivePattern(locale: string, style: NumberStyle): NumberPattern {
  const options = intlOptions(style);
  // A percentage is written from a fraction (0.01 → "1 %"); its affixes are what matter.
  const one = style.kind === "percent" ? 0.01 : 1;
  const format = new Intl.NumberFormat(locale, {
    ...options,
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  const sampleParts = format.formatToParts(1234.5);
  const integerFormat = new Intl.NumberFormat(locale, { ...options, maximumFractionDigits: 0 });
  const scale = style.kind === "percent" ? 100 : 1;
  const groupedParts = integerFormat.formatToParts(123_456_789_012 / scale);
  const groupSizes = groupedParts.filter((part) => part.type === "integer").map((part) => part.value.length);
  const primaryGroupSize = groupSizes.at(-1) ?? 3;
  const secondaryGroupSize = groupSizes.length >= 3 ? groupSizes.at(-2)! : primaryGroupSize;
  const smallestGrouped = integerFormat.formatToParts(10 ** primaryGroupSize / scale);
  const minimumGroupingDigits = partValue(smallestGrouped, "group") === undefined ? 2 : 1;
  const numberingSystem = format.resolvedOptions().numberingSystem;
  const digitFormat = new Intl.NumberFormat(locale, { numberingSystem, useGrouping: false });
  return {
    positive: affixesOf(format.formatToParts(one)),
    negative: affixesOf(format.formatToParts(-one)),
    decimalSeparator: partValue(sampleParts, "decimal") ?? ".",
    groupSeparator: partValue(groupedParts, "group") ?? ",",
    primaryGroupSize,
    secondaryGroupSize,
    minimumGroupingDigits,
    digits: Array.from({ length: 10 }, (_, digit) => digitFormat.format(digit)),
  };
}

const patterns = new Map<string, NumberPattern>();

function patternFor(locale: string, style: NumberStyle): NumberPattern {
  const key = `${locale}\u0000${style.kind === "currency" ? style.currency : style.kind}`;
  let pattern = patterns.get(key);
  if (pattern === undefined) {
    pattern = derivePattern(locale, style);
    patterns.set(key, pattern);
  }
  return pattern;
}

function groupDigits(integer: string, pattern: NumberPattern): string[] {
  if (integer.length < pattern.primaryGroupSize + pattern.minimumGroupingDigits) return [integer];
  const groups = [integer.slice(-pattern.primaryGroupSize)];
  let rest = integer.slice(0, -pattern.primaryGroupSize);
  while (rest.length > pattern.secondaryGroupSize) {
    groups.unshift(rest.slice(-pattern.secondaryGroupSize));
    rest = rest.slice(0, -pattern.secondaryGroupSize);
  }
  if (rest.length > 0) groups.unshift(rest);
  return groups;
}

function localDigits(asciiDigits: string, pattern: NumberPattern): string {
  let text = "";
  for (const digit of asciiDigits) text += pattern.digits[digit.charCodeAt(0) - 48];
  return text;
}

export function isDecimalString(text: string): boolean {
  return DECIMAL_STRING.test(text);
}

/**
 * Prints a decimal string ("-1234567.5") in a locale: "-1.234.567,50 €" for
 * EUR in de-DE with `minimumFractionDigits` 2. Every digit of the string is
 * kept (a unit price of "0.0025" stays four places); shorter fractions are
 * padded with zeros to `minimumFractionDigits`. Nothing is rounded.
 * Throws a TypeError for anything but a plain decimal string.
 */
export function formatDecimalString(
  decimal: string,
  locale: string,
  style: NumberStyle,
  minimumFractionDigits = 0,
): string {
  const match = DECIMAL_STRING.exec(decimal);
  if (match === null) throw new TypeError(`"${decimal}" is not a decimal string such as "1234.50"`);
  const [, sign, integerDigits = "0", fractionDigits = ""] = match;
  const integer = integerDigits.replace(/^0+(?=\d)/, "");
  const fraction = fractionDigits.padEnd(minimumFractionDigits, "0");
  const pattern = patternFor(locale, style);
  const isZero = /^0+$/.test(integer + fraction);
  const affixes = sign === "-" && !isZero ? pattern.negative : pattern.positive;
  const groups = groupDigits(integer, pattern).map((group) => localDigits(group, pattern));
  const fractionText = fraction.length > 0 ? pattern.decimalSeparator + localDigits(fraction, pattern) : "";
  return affixes.prefix + groups.join(pattern.groupSeparator) + fractionText + affixes.suffix;
}

/** The same decimal string with the opposite sign ("12.50" → "-12.50"; zero stays unsigned). */
export function negateDecimalString(decimal: string): string {
  if (!DECIMAL_STRING.test(decimal))
    throw new TypeError(`"${decimal}" is not a decimal string such as "1234.50"`);
  if (/^-?[0.]+$/.test(decimal)) return decimal.replace("-", "");
  return decimal.startsWith("-") ? decimal.slice(1) : `-${decimal}`;
}

/** True when the decimal string is zero ("0", "0.00", "-0.0"). */
export function isZeroDecimalString(decimal: string): boolean {
  return /^-?[0.]+$/.test(decimal);
}
