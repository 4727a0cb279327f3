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
  type Subscription,
} from "../core/index.ts";
import { type ChargeV2Document, toCoreMeter, toCorePlanVersionV2 } from "../pricing/index.ts";
import type { ScenarioHeaderDocument } from "./scenario-schema.ts";

type Document = ScenarioHeaderDocument;

/** A timestamp the schema has checked. */
function instant(text: string): Instant {
  const parsed = parseInstant(text);
  if (parsed === undefined) throw new Error(`unchecked timestamp ${text}`);
  return parsed;
}

function toChanges(changes: NonNullable<Document["changes"]>): Subscription["changes"] {
  // Array.prototype.sort is stable: changes at the same instant keep their listed order.
  return changes
    .map((change) =>
      change.type === "change_plan"
        ? ({ type: "change_plan", at: instant(change.at), planCode: change.plan } as const)
        : ({ type: "cancel", at: instant(change.at), mode: change.mode } as const),
    )
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

export function toBillingRequest(document: Document): BillingRequest {
  const timeZone = document.timezone ?? "UTC";
  return {
    catalog: createCatalog(
      document.meters.map(toCoreMeter),
      // A version-1 plan is a version-2 plan that uses none of its additions.
      document.plans.map((plan) =>
        toCorePlanVersionV2(plan.code, { ...plan, charges: plan.charges as readonly ChargeV2Document[] }),
      ),
    ),
    subscription: {
      planCode: document.subscription.plan,
      start: instant(document.subscription.start),
      timeZone,
      alignment: document.subscription.billing ?? "anniversary",
      trialDays: document.subscription.trial_days ?? 0,
      changes: toChanges(document.changes ?? []),
    },
    terms: {
      currency: currencyFor(document.currency),
      coupons: (document.coupons ?? []).map(toCoupon),
      creditGrants: (document.credit_grants ?? []).map(toCreditGrant),
      ...(document.tax === undefined ? {} : { tax: { percent: new Decimal(document.tax.rate) } }),
    },
    until: instant(document.bill_until),
  };
}
