// Quantities of fixed charges in a version-2 scenario (docs/scenario-format-v2.md,
// section 2): the subscription's quantities at the start, `change_quantity`
// changes, and the rules that tie them to the plans' charges (V8, V11, V12).
import { Type } from "typebox";
import { parseInstant } from "../core/index.ts";
import {
  Code,
  describeValue,
  isPlainObject,
  type JsonPath,
  type Rule,
  type RuleRun,
} from "../pricing/index.ts";
import { Instant, type ScenarioContext } from "./scenario-fields.ts";

const WholeQuantity = Type.Integer({ minimum: 0, maximum: 1_000_000 });

/** Charge id → quantity at the subscription's start. */
export const Quantities = Type.Record(Type.String({ ...Code }), WholeQuantity, {
  description:
    "each fixed charge's quantity at the start (charge id → whole number); a charge not named holds 1",
});

export const QuantityChange = Type.Object(
  { type: Type.Literal("change_quantity"), at: Instant, charge: Code, quantity: WholeQuantity },
  { additionalProperties: false },
);

type ChargeShape = {
  id?: unknown;
  type?: unknown;
  min_quantity?: unknown;
  max_quantity?: unknown;
  quantity_meter?: unknown;
};

function chargesOf(plan: Record<string, unknown>): ChargeShape[] {
  return Array.isArray(plan.charges) ? plan.charges.filter(isPlainObject) : [];
}

/**
 * Why `quantity` cannot be held by charge `chargeId` of `plan`, reported at
 * `path` (the quantity) or at `chargePath` (the charge's name); true when it can.
 */
function checkQuantity(
  plan: Record<string, unknown>,
  chargeId: string,
  quantity: unknown,
  paths: { charge: JsonPath; quantity: JsonPath },
  run: RuleRun<ScenarioContext>,
): void {
  const planName = describeValue(plan.code);
  const charge = chargesOf(plan).find((candidate) => candidate.id === chargeId);
  if (charge === undefined) {
    run.report(paths.charge, `plan ${planName} has no charge ${describeValue(chargeId)}`);
  } else if (charge.type !== "fixed") {
    run.report(
      paths.charge,
      `charge ${describeValue(chargeId)} is a usage charge: only fixed charges hold a quantity`,
    );
  } else if (charge.quantity_meter !== undefined) {
    run.report(
      paths.charge,
      `the quantity of charge ${describeValue(chargeId)} follows meter ${describeValue(charge.quantity_meter)} and cannot be set`,
    );
  } else if (typeof quantity === "number" && run.isValid(paths.quantity)) {
    const { min_quantity: minimum, max_quantity: maximum } = charge;
    const of = `of charge ${describeValue(chargeId)} of plan ${planName}`;
    if (typeof minimum === "number" && quantity < minimum) {
      run.report(paths.quantity, `must be at least ${minimum} (the min_quantity ${of}), not ${quantity}`);
    } else if (typeof maximum === "number" && quantity > maximum) {
      run.report(paths.quantity, `must be at most ${maximum} (the max_quantity ${of}), not ${quantity}`);
    }
  }
}

/**
 * The subscription's quantities name fixed charges of its plan and fit their
 * bounds; each `change_quantity` names a fixed charge of the plan in force at
 * its instant (changes listed earlier at the same instant applied) and fits
 * its bounds (V8, V11, V12).
 */
export const quantitiesFitCharges: Rule<ScenarioContext> = (value, path, run) => {
  // Run where other parts are wrong, so that one run names every problem: only what is read must be valid.
  if (!isPlainObject(value) || !Array.isArray(value.plans)) return;
  const plans = new Map<unknown, Record<string, unknown>>();
  for (const plan of value.plans.filter(isPlainObject)) if (!plans.has(plan.code)) plans.set(plan.code, plan);
  const subscription = value.subscription;
  if (!isPlainObject(subscription)) return;
  const firstPlan = plans.get(subscription.plan);
  if (firstPlan === undefined) return;
  if (isPlainObject(subscription.quantities)) {
    for (const [chargeId, quantity] of Object.entries(subscription.quantities)) {
      const quantityPath = [...path, "subscription", "quantities", chargeId];
      checkQuantity(firstPlan, chargeId, quantity, { charge: quantityPath, quantity: quantityPath }, run);
    }
  }
  if (!Array.isArray(value.changes)) return;
  const inTimeOrder = value.changes
    .map((change: unknown, index) => ({ change: isPlainObject(change) ? change : {}, index }))
    .map((entry) => ({ ...entry, at: parseInstant(String(entry.change.at)) }))
    .filter((entry): entry is typeof entry & { at: number } => entry.at !== undefined)
    .sort((left, right) => left.at - right.at);
  let plan = firstPlan;
  for (const { change, index } of inTimeOrder) {
    if (change.type === "change_plan") plan = plans.get(change.plan) ?? plan;
    const changePath = [...path, "changes", index];
    if (change.type !== "change_quantity" || typeof change.charge !== "string") continue;
    if (!run.isValid([...changePath, "charge"])) continue;
    checkQuantity(
      plan,
      String(change.charge),
      change.quantity,
      { charge: [...changePath, "charge"], quantity: [...changePath, "quantity"] },
      run,
    );
  }
};
