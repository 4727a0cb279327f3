// Turns a validated scenario document into the billing engine's inputs. Every
// default the format allows is filled in here, so the engine sees complete data.
import {
  type BillingRequest,
  type Charge,
  type Coupon,
  type CreditGrant,
  createCatalog,
  type Meter,
  type PlanVersion,
  type PricingModel,
  type Subscription,
  type Tier,
  ZERO,
} from "../core/index.ts";
import type {
  ScenarioChange,
  ScenarioCharge,
  ScenarioCoupon,
  ScenarioCreditGrant,
  ScenarioDocument,
  ScenarioMeter,
  ScenarioPlan,
} from "./scenario-schema.ts";

export function toMeter(meter: ScenarioMeter): Meter {
  return {
    code: meter.code,
    eventName: meter.event_name,
    aggregation: meter.aggregation,
    ...(meter.property === undefined ? {} : { property: meter.property }),
    filters: Object.entries(meter.filters ?? {}).map(([property, acceptedValues]) => ({
      property,
      acceptedValues,
    })),
  };
}

function toTiers(
  tiers: readonly { up_to: Tier["upTo"]; unit_price: Tier["unitPrice"]; flat_fee?: Tier["flatFee"] }[],
) {
  return tiers.map((tier) => ({
    upTo: tier.up_to,
    unitPrice: tier.unit_price,
    flatFee: tier.flat_fee ?? ZERO,
  }));
}

function toPricing(charge: Extract<ScenarioCharge, { type: "usage" }>): PricingModel {
  switch (charge.model) {
    case "per_unit":
      return { model: "per_unit", unitPrice: charge.unit_price, freeUnits: charge.free_units ?? ZERO };
    case "package":
      return {
        model: "package",
        packageSize: charge.package_size,
        packagePrice: charge.package_price,
        freeUnits: charge.free_units ?? ZERO,
      };
    case "graduated":
    case "volume":
      return { model: charge.model, tiers: toTiers(charge.tiers) };
    case "percentage":
      return {
        model: "percentage",
        rate: charge.rate,
        fixedFee: charge.fixed_fee ?? ZERO,
        ...(charge.per_transaction_min === undefined
          ? {}
          : { perTransactionMin: charge.per_transaction_min }),
        ...(charge.per_transaction_max === undefined
          ? {}
          : { perTransactionMax: charge.per_transaction_max }),
      };
  }
}

export function toCharge(charge: ScenarioCharge): Charge {
  if (charge.type === "fixed") {
    return {
      type: "fixed",
      id: charge.id,
      amount: charge.amount,
      timing: charge.timing ?? "in_advance",
      prorate: charge.prorate ?? true,
    };
  }
  return { type: "usage", id: charge.id, meterCode: charge.meter, pricing: toPricing(charge) };
}

function toPlan(plan: ScenarioPlan): PlanVersion {
  return {
    code: plan.code,
    interval: { unit: plan.interval, count: plan.interval_count ?? 1 },
    ...(plan.minimum_commitment === undefined ? {} : { minimumCommitment: plan.minimum_commitment }),
    charges: plan.charges.map(toCharge),
  };
}

function toChanges(changes: readonly ScenarioChange[]): Subscription["changes"] {
  // Array.prototype.sort is stable: changes at the same instant keep their listed order.
  return [...changes]
    .sort((left, right) => left.at - right.at)
    .map((change) =>
      change.type === "change_plan"
        ? { type: "change_plan", at: change.at, planCode: change.plan }
        : { type: "cancel", at: change.at, mode: change.mode },
    );
}

function toCoupon(coupon: ScenarioCoupon): Coupon {
  return {
    id: coupon.id,
    discount:
      coupon.type === "percentage"
        ? { type: "percentage", percent: coupon.percent }
        : { type: "fixed", amount: coupon.amount },
    duration:
      coupon.duration === "forever"
        ? { type: "forever" }
        : { type: "repeating", invoices: coupon.duration === "once" ? 1 : (coupon.invoices ?? 1) },
  };
}

function toCreditGrant(grant: ScenarioCreditGrant): CreditGrant {
  return {
    id: grant.id,
    amount: grant.amount,
    effectiveAt: grant.effective_at,
    ...(grant.expires_at === undefined ? {} : { expiresAt: grant.expires_at }),
    priority: grant.priority,
  };
}

export function toBillingRequest(document: ScenarioDocument): BillingRequest {
  const timeZone = document.timezone ?? "UTC";
  return {
    catalog: createCatalog(document.meters.map(toMeter), document.plans.map(toPlan)),
    subscription: {
      planCode: document.subscription.plan,
      start: document.subscription.start,
      timeZone,
      alignment: document.subscription.billing ?? "anniversary",
      trialDays: document.subscription.trial_days ?? 0,
      changes: toChanges(document.changes ?? []),
    },
    terms: {
      currency: document.currency,
      coupons: (document.coupons ?? []).map(toCoupon),
      creditGrants: (document.credit_grants ?? []).map(toCreditGrant),
      ...(document.tax === undefined ? {} : { tax: { percent: document.tax.rate } }),
    },
    until: document.bill_until,
  };
}
