// The charges of version 2 of the scenario format (docs/scenario-format-v2.md):
// every charge of version 1, and a usage charge priced by dimension. The
// union, its list and the conversion to the billing core's charges, built from
// the same table of models as version 1's (charge-models.ts).
import { type Static, type TObject, type TProperties, Type } from "typebox";
import {
  BillingInputError,
  type Charge as CoreCharge,
  type PlanVersion as CorePlanVersion,
} from "../core/index.ts";
import { StringEnum } from "../platform/http/schemas.ts";
import { FixedCharge, MeterReference, type PricingContext, usageModels } from "./charge-models.ts";
import {
  type ChargeDocument,
  chargesInCurrency,
  type PriceBookDocument,
  toCoreCharge,
  toCorePlanVersion,
} from "./charges.ts";
import { DimensionalCharge, type DimensionalChargeDocument, toCoreDimensions } from "./dimensional-prices.ts";
import {
  checkDocument,
  describeValue,
  discriminatedUnion,
  isPlainObject,
  type JsonPath,
  type Rule,
  type RuleRun,
  withMessage,
  withRules,
} from "./document-checks.ts";
import { Code, listUniqueBy } from "./fields.ts";

/** A whole number of units a fixed charge may be held in (V8). */
const WholeQuantity = Type.Integer({ minimum: 0, maximum: 1_000_000 });

function checkFixedChargeV2(value: Record<string, unknown>, path: JsonPath, run: RuleRun<PricingContext>) {
  const { min_quantity: minimum, max_quantity: maximum } = value;
  if (
    typeof minimum === "number" &&
    typeof maximum === "number" &&
    minimum > maximum &&
    run.isValid([...path, "max_quantity"])
  ) {
    run.report([...path, "max_quantity"], `must not be below min_quantity (${minimum})`);
  }
  const meterPath = [...path, "quantity_meter"];
  if (value.quantity_meter === undefined || !run.isValid(meterPath)) return;
  const aggregation = run.context.meterAggregations?.get(String(value.quantity_meter));
  if (aggregation !== undefined && aggregation !== "max" && aggregation !== "latest") {
    run.report(
      meterPath,
      `a quantity follows a max or latest meter, and meter ${describeValue(value.quantity_meter)} is ${describeValue(aggregation)}`,
    );
  }
  if (value.timing !== "in_arrears") {
    run.report(
      meterPath,
      'a quantity that follows a meter is known at the period\'s end: the charge needs "timing": "in_arrears"',
    );
  }
}

/** A fixed charge of version 2: a quantity per subscription, with bounds, or one that follows a meter (section 2). */
const FixedChargeV2 = withRules(
  Type.Object(
    {
      ...FixedCharge.properties,
      min_quantity: Type.Optional(WholeQuantity),
      max_quantity: Type.Optional(WholeQuantity),
      credit_on_decrease: Type.Optional(Type.Boolean()),
      quantity_meter: Type.Optional(MeterReference),
    },
    {
      additionalProperties: false,
      description:
        "amount per period and unit of quantity; timing in_advance (the default) or in_arrears; prorate (default true); quantities within min_quantity and max_quantity, or following quantity_meter",
    },
  ),
  ((value, path, run) => {
    if (isPlainObject(value)) checkFixedChargeV2(value, path, run);
  }) satisfies Rule<PricingContext>,
);

/** Usage billed in advance needs a quantity that only grows with each event: a count or sum meter (V14). */
const inAdvanceMeterRule: Rule<PricingContext> = (value, path, run) => {
  if (!isPlainObject(value) || value.timing !== "in_advance" || !run.isValid([...path, "meter"])) return;
  const aggregation = run.context.meterAggregations?.get(String(value.meter));
  if (aggregation !== undefined && aggregation !== "count" && aggregation !== "sum") {
    run.report(
      [...path, "timing"],
      `usage billed in advance needs a count or sum meter, and meter ${describeValue(value.meter)} is ${describeValue(aggregation)}`,
    );
  }
};

const TimingV2 = Type.Optional(
  withMessage(
    StringEnum(["in_arrears", "in_advance"]),
    (value) => `must be one of "in_arrears", "in_advance", not ${describeValue(value)}`,
  ),
);

/** The code of a pricing unit a usage charge's prices are in (section 4, V21). */
const UnitV2 = Type.Optional(Code);

/**
 * A usage model's charge in version 2: its timing may also be `in_advance`
 * (section 3). Its rules are the model's own, and one more.
 */
function usageVariantV2<Properties extends TProperties>(schema: TObject<Properties>) {
  // Without the title: the OpenAPI document names version 1's charges, not these.
  const { title: _title, ...rest } = schema as TObject<Properties> & { title?: string };
  const variant = { ...rest, properties: { ...schema.properties, timing: TimingV2, unit: UnitV2 } };
  return withRules(
    variant as unknown as TObject<
      Omit<Properties, "timing"> & { timing: typeof TimingV2; unit: typeof UnitV2 }
    >,
    inAdvanceMeterRule,
  );
}

const UsageChargeV2 = discriminatedUnion(
  "model",
  [
    // Each model of the table (charge-models.ts), written out so that each variant keeps its type.
    usageVariantV2(usageModels.per_unit.schema),
    usageVariantV2(usageModels.package.schema),
    usageVariantV2(usageModels.graduated.schema),
    usageVariantV2(usageModels.volume.schema),
    usageVariantV2(usageModels.percentage.schema),
    DimensionalCharge,
  ],
  {
    description:
      "priced on a meter's usage over the period, by model (per_unit, package, graduated, volume, percentage), or by dimension (dimensions, prices, default; no model)",
    properties: { type: Type.Literal("usage") },
  },
);

/** A charge of a version-2 plan: fixed, usage priced by a model, or usage priced by dimension. */
const ChargeV2 = discriminatedUnion("type", [FixedChargeV2, UsageChargeV2], {
  description: "a fixed amount per period, or usage priced by a model or by dimension",
});
export type ChargeV2Document = Static<typeof ChargeV2>;

/** The charges of a version-2 plan, in the order their lines appear, each id once. */
export const ChargesV2 = listUniqueBy(ChargeV2, "id", "charge id", { maxItems: 200 });

/** The billing core's charge, with the pricing unit of a usage charge priced in one. */
function toCoreChargeV2(charge: ChargeV2Document): CoreCharge {
  const core = toCoreChargeV2WithoutUnit(charge);
  const unit = charge.type === "usage" ? (charge as { unit?: string }).unit : undefined;
  return unit === undefined || core.type !== "usage" ? core : { ...core, unit };
}

function toCoreChargeV2WithoutUnit(charge: ChargeV2Document): CoreCharge {
  if (charge.type === "usage" && charge.model === "dimensional") {
    const { dimensions, pricing } = toCoreDimensions(charge as DimensionalChargeDocument);
    return { type: "usage", id: charge.id, meterCode: charge.meter, pricing, dimensions };
  }
  if (charge.type === "usage" && charge.timing === "in_advance") {
    return { ...toCoreCharge(charge as ChargeDocument), timing: "in_advance" } as CoreCharge;
  }
  if (charge.type === "fixed") {
    const core = toCoreCharge(charge as ChargeDocument);
    return {
      ...core,
      ...(charge.min_quantity === undefined ? {} : { minQuantity: charge.min_quantity }),
      ...(charge.max_quantity === undefined ? {} : { maxQuantity: charge.max_quantity }),
      ...(charge.credit_on_decrease === undefined ? {} : { creditOnDecrease: charge.credit_on_decrease }),
      ...(charge.quantity_meter === undefined ? {} : { quantityMeter: charge.quantity_meter }),
    } as CoreCharge;
  }
  return toCoreCharge(charge as ChargeDocument);
}

/** A version-2 plan's pricing as the billing core reads it. */
export function toCorePlanVersionV2(
  code: string,
  plan: Omit<Parameters<typeof toCorePlanVersion>[1], "charges"> & { charges: readonly ChargeV2Document[] },
): CorePlanVersion {
  return { ...toCorePlanVersion(code, { ...plan, charges: [] }), charges: plan.charges.map(toCoreChargeV2) };
}

/**
 * A plan version's charges as the billing core prices them, in `currencyCode`
 * (its own currency, or one of its price books'). Checked again by the same
 * schema and rules as when the version was written, so that a plan bills
 * exactly as it was accepted; throws BillingInputError when it no longer
 * checks out (a meter that changed its aggregation).
 */
export function toCoreCharges(
  content: {
    currency: string;
    charges: readonly ChargeV2Document[];
    currency_prices: readonly PriceBookDocument[];
  },
  meterAggregations: ReadonlyMap<string, unknown>,
  currencyCode: string = content.currency,
): CoreCharge[] {
  const charges = chargesInCurrency(content, currencyCode);
  const checked = checkDocument(ChargesV2, charges, { meterAggregations } satisfies PricingContext);
  if (!checked.ok) {
    const problems = checked.problems.map(
      (problem) => `${problem.path.replace(/^\$/, "charges")}: ${problem.message}`,
    );
    throw new BillingInputError(`the plan version's charges no longer check out: ${problems.join("; ")}`);
  }
  return checked.value.map(toCoreChargeV2);
}
