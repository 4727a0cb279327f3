// Exact sums and products of decimal strings (invoice amounts), through
// BigInt: each value is scaled to an integer, computed, and scaled back.

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

/** The exact product of two decimal strings ("2.5" × "0.10" is "0.250"). */
export function multiplyDecimalStrings(first: string, second: string): string {
  const [a, b] = [first, second].map((value) => {
    const match = decimalPattern.exec(value.trim());
    if (!match) throw new Error(`"${value}" is not a decimal number`);
    return {
      negative: match[1] === "-",
      digits: (match[2] ?? "0") + (match[3] ?? ""),
      scale: (match[3] ?? "").length,
    };
  }) as [
    { negative: boolean; digits: string; scale: number },
    { negative: boolean; digits: string; scale: number },
  ];
  const scale = a.scale + b.scale;
  const product = BigInt(a.digits) * BigInt(b.digits);
  const negative = a.negative !== b.negative && product !== 0n;
  const digits = product.toString().padStart(scale + 1, "0");
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale);
  return `${negative ? "-" : ""}${whole}${scale > 0 ? `.${fraction}` : ""}`;
}
