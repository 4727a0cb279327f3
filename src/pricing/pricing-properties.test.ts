// Properties of the pricing language over generated charges, most of them
// slightly wrong: whatever the schema and its rules accept converts to the
// billing core without throwing and keeps its prices exactly; whatever they
// refuse is named by paths inside the charge; and the schema means the same
// to Ajv (which validates requests and documents) and to TypeBox's own checker.
import fc from "fast-check";
import { Value } from "typebox/value";
import { describe, expect, it } from "vitest";
import { meterAggregations } from "../../test/support/pricing-fixtures.ts";
import { Decimal } from "../core/index.ts";
import { validatorCompiler } from "../platform/http/validation.ts";
import {
  Charge,
  type ChargeKind,
  Charges,
  chargeKinds,
  priceFieldsByModel,
  toCoreCharge,
} from "./charges.ts";
import { checkDocument } from "./document-checks.ts";

// Mostly valid values, so that the properties see accepted charges as often as refused ones.
const price = fc.oneof(
  { arbitrary: fc.constantFrom("0", "1", "49.00", "0.002", "2.9", "100000000000000000.5"), weight: 12 },
  { arbitrary: fc.constantFrom("-1", "1e3", "", "007", "1.", "abc", "0.123456789012345678901"), weight: 1 },
  { arbitrary: fc.integer({ min: -10, max: 100 }), weight: 1 },
);
const quantity = fc.oneof(
  { arbitrary: fc.integer({ min: 1, max: 100_000 }), weight: 6 },
  { arbitrary: fc.double({ min: -1, max: 1e6, noNaN: true }), weight: 2 },
  { arbitrary: fc.constantFrom("0", "1000", "10.5", "-1", "x", "1e3"), weight: 2 },
);
const tiers = fc.oneof(
  // Increasing bounds ending unbounded: the usual shape.
  fc
    .uniqueArray(fc.integer({ min: 1, max: 100_000 }), { minLength: 0, maxLength: 4 })
    .chain((bounds) =>
      fc.tuple(
        ...[...bounds.sort((left, right) => left - right), null].map((upTo) =>
          fc.record({ up_to: fc.constant(upTo), unit_price: price }),
        ),
      ),
    ),
  fc.array(
    fc.record(
      { up_to: fc.oneof(quantity, fc.constant(null)), unit_price: price, flat_fee: price },
      { requiredKeys: ["up_to", "unit_price"] },
    ),
    {
      maxLength: 4,
    },
  ),
);

const fieldValues: Record<string, fc.Arbitrary<unknown>> = {
  amount: price,
  unit_price: price,
  package_price: price,
  rate: price,
  fixed_fee: price,
  per_transaction_min: price,
  per_transaction_max: price,
  free_units: quantity,
  package_size: quantity,
  tiers,
  timing: fc.constantFrom("in_advance", "in_arrears", "in_arrears", "later"),
  prorate: fc.oneof({ arbitrary: fc.boolean(), weight: 5 }, { arbitrary: fc.constant("yes"), weight: 1 }),
  meter: fc.constantFrom("calls", "payments", "payments", "ghost"),
  id: fc.constantFrom("base", "calls", "fees", "a b", ""),
};

const modelFields: Record<ChargeKind, string[]> = {
  fixed: ["amount", "timing", "prorate"],
  per_unit: ["meter", "unit_price", "free_units"],
  package: ["meter", "package_size", "package_price", "free_units"],
  graduated: ["meter", "tiers"],
  volume: ["meter", "tiers"],
  percentage: ["meter", "rate", "fixed_fee", "per_transaction_min", "per_transaction_max", "timing"],
};

/** A charge of some kind, with fields of its own kind and now and then one of another. */
const charge = fc.constantFrom(...chargeKinds).chain((kind) => {
  const own = modelFields[kind];
  const stray = fc.constantFrom(...Object.keys(fieldValues).filter((field) => !own.includes(field)));
  return fc
    .tuple(
      fc.record(Object.fromEntries(["id", ...own].map((field) => [field, fieldValues[field]!])), {
        requiredKeys: ["id", ...own.filter((field) => priceFieldsByModel[kind].includes(field as never))],
      }),
      fc.oneof(
        { arbitrary: fc.constant(null), weight: 6 },
        { arbitrary: fc.tuple(stray, fc.anything()), weight: 1 },
      ),
    )
    .map(([fields, extra]) => ({
      ...fields,
      type: kind === "fixed" ? "fixed" : "usage",
      ...(kind === "fixed" ? {} : { model: kind }),
      ...(extra === null ? {} : { [extra[0]]: extra[1] }),
    }));
});

const ajvAccepts = validatorCompiler({ schema: Charge, httpPart: "body", method: "POST", url: "charge" }) as (
  value: unknown,
) => boolean;

describe("charges, generated", () => {
  it("convert to the core without throwing when accepted, keeping every price exactly", () => {
    let accepted = 0;
    fc.assert(
      fc.property(charge, (document) => {
        const result = checkDocument(Charges, [document], { meterAggregations });
        if (!result.ok) {
          for (const problem of result.problems) expect(problem.path.startsWith("$[0]")).toBe(true);
          return;
        }
        accepted++;
        const [checked] = result.value;
        const core = toCoreCharge(checked!);
        expect(core.id).toBe(checked!.id);
        if (core.type === "fixed")
          expect(core.amount.equals(new Decimal(String(checked!.amount)))).toBe(true);
        else {
          expect(core.pricing.model).toBe(checked!.model);
          if (core.pricing.model === "per_unit") {
            expect(core.pricing.unitPrice.equals(new Decimal(String(checked!.unit_price)))).toBe(true);
          }
          if (core.pricing.model === "graduated" || core.pricing.model === "volume") {
            expect(core.pricing.tiers.map((tier) => tier.unitPrice.toString())).toEqual(
              (checked!.tiers ?? []).map((tier) => new Decimal(tier.unit_price).toString()),
            );
          }
        }
      }),
      { numRuns: 2000 },
    );
    // The generator must reach valid charges too, or the property says nothing.
    expect(accepted).toBeGreaterThan(100);
  });

  it("mean the same to Ajv and to TypeBox's own checker", () => {
    fc.assert(
      fc.property(charge, (document) => {
        expect(Value.Check(Charge, document)).toBe(ajvAccepts(document));
      }),
      { numRuns: 1000 },
    );
  });
});
