// The charges of version 2 of the scenario format (docs/scenario-format-v2.md):
// every charge of version 1, and a usage charge priced by dimension. The
// union, its list and the conversion to the billing core's charges, built from
// the same table of models as version 1's (charge-models.ts).
import { type Static, Type } from "typebox";
import type { Charge as CoreCharge, PlanVersion as CorePlanVersion } from "../core/index.ts";
import { FixedCharge, usageModels } from "./charge-models.ts";
import { type ChargeDocument, toCoreCharge, toCorePlanVersion } from "./charges.ts";
import { DimensionalCharge, type DimensionalChargeDocument, toCoreDimensions } from "./dimensional-prices.ts";
import { discriminatedUnion } from "./document-checks.ts";
import { listUniqueBy } from "./fields.ts";

const UsageChargeV2 = discriminatedUnion(
  "model",
  [...Object.values(usageModels).map((model) => model.schema), DimensionalCharge],
  {
    description:
      "priced on a meter's usage over the period, by model (per_unit, package, graduated, volume, percentage), or by dimension (dimensions, prices, default; no model)",
    properties: { type: Type.Literal("usage") },
  },
);

/** A charge of a version-2 plan: fixed, usage priced by a model, or usage priced by dimension. */
export const ChargeV2 = discriminatedUnion("type", [FixedCharge, UsageChargeV2], {
  description: "a fixed amount per period, or usage priced by a model or by dimension",
});
export type ChargeV2Document = Static<typeof ChargeV2>;

/** The charges of a version-2 plan, in the order their lines appear, each id once. */
export const ChargesV2 = listUniqueBy(ChargeV2, "id", "charge id", { maxItems: 200 });

/** The billing core's charge. */
export function toCoreChargeV2(charge: ChargeV2Document): CoreCharge {
  if (charge.type === "usage" && charge.model === "dimensional") {
    const { dimensions, pricing } = toCoreDimensions(charge as DimensionalChargeDocument);
    return { type: "usage", id: charge.id, meterCode: charge.meter, pricing, dimensions };
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
