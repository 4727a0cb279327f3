// Tiers of a graduated or volume price: each up to an inclusive bound, the
// last one unbounded. The order of the bounds is a rule beside the schema.
import { type Static, Type } from "typebox";
import { type Tier as CoreTier, Decimal, ZERO } from "../core/index.ts";
import { Nullable } from "../platform/http/schemas.ts";
import { isPlainObject, type JsonPath, type RuleRun, withRules } from "./document-checks.ts";
import { PositiveQuantity, Price } from "./fields.ts";

export const Tier = Type.Object(
  {
    up_to: Nullable(PositiveQuantity),
    unit_price: Price,
    flat_fee: Type.Optional(Price),
  },
  {
    additionalProperties: false,
    title: "Tier",
    description:
      "up_to is inclusive, and null on the last tier; flat_fee is added once when usage reaches the tier",
  },
);
export type TierDocument = Static<typeof Tier>;

/** A tier's `up_to` when it can be compared: a bound, null, or undefined when it is not a valid bound. */
function boundOf(rawTier: unknown, path: JsonPath, run: RuleRun<unknown>): Decimal | null | undefined {
  if (!isPlainObject(rawTier) || !run.isValid([...path, "up_to"])) return undefined;
  const bound = rawTier.up_to;
  if (bound === null) return null;
  return typeof bound === "number" || typeof bound === "string" ? new Decimal(bound) : undefined;
}

/**
 * Bounds strictly increasing, only the last tier unbounded (`up_to: null`).
 * Checked on the bounds as written, so that the order is reported even when a
 * tier is wrong in another way (a negative price).
 */
export const Tiers = withRules(Type.Array(Tier, { minItems: 1, maxItems: 100 }), (value, path, run) => {
  if (!Array.isArray(value)) return;
  let previous: Decimal | undefined;
  for (const [index, rawTier] of value.entries()) {
    const upTo = boundOf(rawTier, [...path, index], run);
    const isLast = index === value.length - 1;
    if (upTo === null && !isLast) {
      run.report(path, `only the last tier may have "up_to": null (tier ${index} has it)`);
    } else if (upTo !== null && upTo !== undefined && isLast) {
      run.report(path, `the last tier must have "up_to": null (it has ${upTo.toString()})`);
    }
    if (upTo === null || upTo === undefined) continue;
    if (previous !== undefined && upTo.lessThanOrEqualTo(previous)) {
      run.report(
        path,
        `tiers are out of order: "up_to" must increase strictly, and tier ${index} has ${upTo.toString()} after ${previous.toString()}`,
      );
    }
    previous = upTo;
  }
});

export function toCoreTiers(tiers: readonly TierDocument[]): CoreTier[] {
  return tiers.map((tier) => ({
    upTo: tier.up_to === null ? null : new Decimal(tier.up_to),
    unitPrice: new Decimal(tier.unit_price),
    flatFee: tier.flat_fee === undefined ? ZERO : new Decimal(tier.flat_fee),
  }));
}
