// Turns a checked scenario document into the billing engine's inputs. Meters
// and plans convert as the pricing language says (src/pricing); the rest is
// the scenario's own: the subscription and its changes, coupons, credit grants
// and tax. Every default the format allows is filled in here, so the engine
// sees complete data.
import {
  type BillingRequest,
  type Coupon,
  type CreditGrant,
  createCatalog,
  currencyFor,
  Decimal,
  type Instant,
  parseInstant,
  type QuantityChange,
  type Subscription,
} from "../core/index.ts";
import {
  type AllowanceDocument,
  type ChargeV2Document,
  type PricingUnitDocument,
  toCoreAllowance,
  toCoreMeter,
  toCorePlanVersionV2,
  toCorePricingUnit,
} from "../pricing/index.ts";
import { type ContractDocument, toCoreContract } from "./scenario-contract.ts";
import type { ScenarioHeaderDocument } from "./scenario-schema.ts";

type Document = ScenarioHeaderDocument;

/** A timestamp the schema has checked. */
function instant(text: string): Instant {
  const parsed = parseInstant(text);
  if (parsed === undefined) throw new Error(`unchecked timestamp ${text}`);
  return parsed;
}

type ChangeDocument = NonNullable<Document["changes"]>[number];
type QuantityChangeDocument = Extract<ChangeDocument, { type: "change_quantity" }>;

function isQuantityChange(change: ChangeDocument): change is QuantityChangeDocument {
  return change.type === "change_quantity";
}

// Array.prototype.sort is stable: changes at the same instant keep their listed order.
function toChanges(changes: readonly ChangeDocument[]): Subscription["changes"] {
  return changes
    .filter((change) => !isQuantityChange(change))
    .map((change) =>
      change.type === "change_plan"
        ? ({ type: "change_plan", at: instant(change.at), planCode: String(change.plan) } as const)
        : ({ type: "cancel", at: instant(change.at), mode: change.mode ?? "immediate" } as const),
    )
    .sort((left, right) => left.at - right.at);
}

function toQuantityChanges(changes: readonly ChangeDocument[]): QuantityChange[] {
  return changes
    .filter(isQuantityChange)
    .map((change) => ({ at: instant(change.at), chargeId: change.charge, quantity: change.quantity }))
    .sort((left, right) => left.at - right.at);
}

function toCoupon(coupon: NonNullable<Document["coupons"]>[number]): Coupon {
  return {
    id: coupon.id,
    discount:
      coupon.type === "percentage"
        ? { type: "percentage", percent: new Decimal(coupon.percent) }
        : { type: "fixed", amount: new Decimal(coupon.amount) },
    duration:
      coupon.duration === "forever"
        ? { type: "forever" }
        : { type: "repeating", invoices: coupon.duration === "once" ? 1 : (coupon.invoices ?? 1) },
  };
}

function toCreditGrant(grant: NonNullable<Document["credit_grants"]>[number]): CreditGrant {
  return {
    id: grant.id,
    amount: new Decimal(grant.amount),
    effectiveAt: instant(grant.effective_at),
    ...(grant.expires_at === undefined ? {} : { expiresAt: instant(grant.expires_at) }),
    priority: grant.priority,
  };
}

/** Version 2's quantities of fixed charges, when the document sets any (V8, V9). */
function quantitiesOf(document: Document): Pick<Subscription, "quantities" | "quantityChanges"> {
  const initial = "quantities" in document.subscription ? document.subscription.quantities : undefined;
  const quantityChanges = toQuantityChanges(document.changes ?? []);
  return {
    ...(initial === undefined ? {} : { quantities: new Map(Object.entries(initial)) }),
    ...(quantityChanges.length === 0 ? {} : { quantityChanges }),
  };
}

/** Version 2's instant windows, when the document sets them (V15). */
function instantWindowOf(document: Document): Pick<Subscription, "instantWindowMinutes"> {
  const minutes = (document as { instant_window_minutes?: number }).instant_window_minutes;
  return minutes === undefined ? {} : { instantWindowMinutes: minutes };
}

/** Version 2's contract, when the document has one (section 5). */
function contractOf(document: Document): Pick<BillingRequest, "contract"> {
  const contract = (document as { contract?: ContractDocument }).contract;
  if (contract === undefined) return {};
  const dimensionsOf = (planCode: string, chargeId: string): readonly string[] => {
    const plan = document.plans.find((candidate) => candidate.code === planCode);
    const charge = (plan?.charges as readonly { id: string; dimensions?: string[] }[] | undefined)?.find(
      (candidate) => candidate.id === chargeId,
    );
    return charge?.dimensions ?? [];
  };
  return { contract: toCoreContract(contract, dimensionsOf) };
}

export function toBillingRequest(document: Document): BillingRequest {
  const timeZone = document.timezone ?? "UTC";
  return {
    catalog: createCatalog(
      document.meters.map(toCoreMeter),
      // A version-1 plan is a version-2 plan that uses none of its additions.
      document.plans.map((plan) => {
        const { allowances, ...pricing } = plan as typeof plan & { allowances?: AllowanceDocument[] };
        const version = toCorePlanVersionV2(plan.code, {
          ...pricing,
          charges: plan.charges as readonly ChargeV2Document[],
        });
        return allowances === undefined
          ? version
          : { ...version, allowances: allowances.map(toCoreAllowance) };
      }),
      ((document as { pricing_units?: PricingUnitDocument[] }).pricing_units ?? []).map((unit) =>
        toCorePricingUnit(unit),
      ),
    ),
    subscription: {
      planCode: document.subscription.plan,
      start: instant(document.subscription.start),
      timeZone,
      alignment: document.subscription.billing ?? "anniversary",
      trialDays: document.subscription.trial_days ?? 0,
      changes: toChanges(document.changes ?? []),
      ...quantitiesOf(document),
      ...instantWindowOf(document),
    },
    terms: {
      currency: currencyFor(document.currency),
      coupons: (document.coupons ?? []).map(toCoupon),
      creditGrants: (document.credit_grants ?? []).map(toCreditGrant),
      ...(document.tax === undefined ? {} : { tax: { percent: new Decimal(document.tax.rate) } }),
    },
    until: instant(document.bill_until),
    ...contractOf(document),
  };
}
