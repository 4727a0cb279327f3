// The whole engine in two steps, for callers that hold raw usage events (the
// simulator, tests). Callers with pre-aggregated usage (database rollups) use
// the same steps with their own aggregates in place of the accumulator.
import { type BillingSchedule, planBillingSchedule } from "./billing-schedule.ts";
import type { Catalog } from "./catalog.ts";
import { type Contract, contractTerms, subscriptionUnderContract } from "./contracts/contract.ts";
import type { Instant } from "./instant.ts";
import { computeInvoices } from "./invoicing/compute-invoices.ts";
import type { AccountTerms, Invoice } from "./invoicing/invoice-totals.ts";
import type { Subscription } from "./subscription.ts";
import { type InvalidUsageEvent, UsageAccumulator } from "./usage/usage-accumulator.ts";
import type { UsageEvent } from "./usage/usage-event.ts";
import { type UsageWindow, usageWindowsFor } from "./usage/usage-windows.ts";

export type BillingRequest = {
  readonly catalog: Catalog;
  readonly subscription: Subscription;
  readonly terms: AccountTerms;
  /** Invoices are issued up to and including this instant. */
  readonly until: Instant;
  /** The subscription's contract: its term ends or renews it, its phases switch plans, its commits bill (section 5). */
  readonly contract?: Contract;
};

/** Step one: the schedule of plan segments, and the usage windows its invoices need. */
export function scheduleBilling(request: BillingRequest): {
  schedule: BillingSchedule;
  usageWindows: UsageWindow[];
} {
  const { contract, until } = request;
  const subscription =
    contract === undefined ? request.subscription : subscriptionUnderContract(request.subscription, contract);
  const planned = planBillingSchedule(subscription, request.catalog, until);
  const schedule =
    contract === undefined
      ? planned
      : { ...planned, contract: { contract, terms: contractTerms(contract, until, subscription.timeZone) } };
  return { schedule, usageWindows: usageWindowsFor(schedule, request.catalog) };
}

/** An accumulator for the usage a schedule needs; feed it events, then pass `finish()` to computeInvoices. */
export function createUsageAccumulator(
  request: BillingRequest,
  scheduled: { schedule: BillingSchedule; usageWindows: UsageWindow[] },
): UsageAccumulator {
  return new UsageAccumulator({
    meters: request.catalog.meters.values(),
    windows: scheduled.usageWindows,
    levelsStartAt: scheduled.schedule.subscriptionStart,
  });
}

/**
 * Bills a subscription from raw events, in one call. Events whose properties a
 * meter cannot read are returned instead of invoices: billing them partly
 * would be wrong.
 */
export function billSubscription(
  request: BillingRequest,
  events: Iterable<UsageEvent>,
): { ok: true; invoices: Invoice[] } | { ok: false; invalidEvents: InvalidUsageEvent[] } {
  const scheduled = scheduleBilling(request);
  const accumulator = createUsageAccumulator(request, scheduled);
  const invalidEvents: InvalidUsageEvent[] = [];
  for (const event of events) {
    const problems = accumulator.add(event);
    if (problems !== undefined) invalidEvents.push(...problems);
  }
  if (invalidEvents.length > 0) return { ok: false, invalidEvents };
  const { invoices } = computeInvoices({
    schedule: scheduled.schedule,
    catalog: request.catalog,
    terms: request.terms,
    usage: accumulator.finish(),
  });
  return { ok: true, invoices };
}
