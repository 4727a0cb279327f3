// The quantities of fixed charges over time (scenario format v2, section 2):
// seats held from the subscription's start, changed at instants. A charge's
// quantity belongs to its id, so that a plan change to a plan with a charge of
// the same id keeps it (V11).
import type { Instant } from "./instant.ts";
import type { QuantityChange, Subscription } from "./subscription.ts";

export type QuantityTimeline = {
  /** By charge id; absent: 1. */
  readonly initial: ReadonlyMap<string, number>;
  /** By charge id, in order of `at` (ties in listed order). */
  readonly changes: ReadonlyMap<string, readonly OrderedChange[]>;
};

/** A quantity change with the quantity in force just before it, and its position among all changes. */
export type QuantityStep = QuantityChange & { readonly previous: number; readonly order: number };

type OrderedChange = QuantityChange & { readonly order: number };

export function quantityTimeline(subscription: Subscription): QuantityTimeline {
  const changes = new Map<string, OrderedChange[]>();
  for (const [order, change] of (subscription.quantityChanges ?? []).entries()) {
    const list = changes.get(change.chargeId) ?? [];
    list.push({ ...change, order });
    changes.set(change.chargeId, list);
  }
  return { initial: subscription.quantities ?? new Map(), changes };
}

/**
 * The charge's quantity at `instant`: with the changes made at that very
 * instant (`including: "at"`, what a period or segment starting there bills),
 * or without them (`including: "before"`, what was in force until then).
 */
export function quantityAt(
  timeline: QuantityTimeline,
  chargeId: string,
  instant: Instant,
  including: "at" | "before",
): number {
  let quantity = timeline.initial.get(chargeId) ?? 1;
  for (const change of timeline.changes.get(chargeId) ?? []) {
    if (including === "at" ? change.at > instant : change.at >= instant) break;
    quantity = change.quantity;
  }
  return quantity;
}

/** The charge's changes with `from < at < to`, each with the quantity it replaces. */
export function quantityStepsWithin(
  timeline: QuantityTimeline,
  chargeId: string,
  from: Instant,
  to: Instant,
): QuantityStep[] {
  let previous = timeline.initial.get(chargeId) ?? 1;
  const steps: QuantityStep[] = [];
  for (const change of timeline.changes.get(chargeId) ?? []) {
    if (change.at >= to) break;
    if (change.at > from) steps.push({ ...change, previous });
    previous = change.quantity;
  }
  return steps;
}

/** Stretches of constant quantity that make up `[from, to)`, in time order (V10). */
export function quantityStretches(
  timeline: QuantityTimeline,
  chargeId: string,
  from: Instant,
  to: Instant,
): { start: Instant; end: Instant; quantity: number }[] {
  const stretches: { start: Instant; end: Instant; quantity: number }[] = [];
  let start = from;
  let quantity = quantityAt(timeline, chargeId, from, "at");
  for (const step of quantityStepsWithin(timeline, chargeId, from, to)) {
    if (step.at > start) stretches.push({ start, end: step.at, quantity });
    start = step.at;
    quantity = step.quantity;
  }
  stretches.push({ start, end: to, quantity });
  return stretches;
}
