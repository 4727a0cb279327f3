// Exact sums of decimal strings (invoice amounts), through BigInt: each value
// is scaled to an integer of the longest fraction, added, and scaled back.

const decimalPattern = /^([-+]?)(\d+)(?:\.(\d+))?$/;

export function sumDecimalStrings(values: readonly string[]): string {
  const parsed = values.map((value) => {
    const match = decimalPattern.exec(value.trim());
    if (!match) throw new Error(`"${value}" is not a decimal number`);
    return { negative: match[1] === "-", whole: match[2] ?? "0", fraction: match[3] ?? "" };
  });
  const scale = Math.max(0, ...parsed.map((value) => value.fraction.length));
  let total = 0n;
  for (const value of parsed) {
    const scaled = BigInt(value.whole + value.fraction.padEnd(scale, "0"));
    total += value.negative ? -scaled : scaled;
  }
  const negative = total < 0n;
  const digits = (negative ? -total : total).toString().padStart(scale + 1, "0");
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale);
  return `${negative ? "-" : ""}${whole}${scale > 0 ? `.${fraction}` : ""}`;
}
