// Usage that no price covers, refused at ingestion (docs/scenario-format-v2.md
// V5): an event of a combination that a dimensional charge does not list,
// when the charge's default is `reject` and the event falls in a billed
// segment of a subscription on that plan. The customer's subscriptions are
// laid out by the engine, and each event goes through the engine's own
// accumulator over the windows of the refusing charges, as `fairbill
// simulate` refuses the same event in a scenario.
import { metersRefusingUnpricedUsage } from "../catalog/index.ts";
import { planBillingSchedule, UsageAccumulator, usageWindowsFor } from "../core/index.ts";
import { findCustomerByExternalId } from "../customers/index.ts";
import { engineMetersFor, type ParsedEvent, type UnpricedEventCheck } from "../metering/index.ts";
import type { RequestContext } from "../platform/context.ts";
import { catalogAt, loadCustomerBilling } from "./customer-billing.ts";

function describeCombination(dimensions: Readonly<Record<string, string | null>>): string {
  return Object.entries(dimensions)
    .map(([name, value]) => `${name} ${value === null ? "(no value)" : JSON.stringify(value)}`)
    .join(", ");
}

/** The refusals among one customer's events, by index. */
async function refusalsOfCustomer(
  context: RequestContext,
  customerExternalId: string,
  events: readonly ParsedEvent[],
  refusals: Map<number, string>,
): Promise<void> {
  const customer = await findCustomerByExternalId(context.database, context, customerExternalId);
  if (customer === undefined) return;
  const now = context.clock.now().getTime();
  const billing = await loadCustomerBilling(context.database, context, customer.id, now);
  const latest = Math.max(...events.map((event) => event.timestamp));
  for (const entry of billing.subscriptions) {
    const catalog = catalogAt(billing, entry, now);
    const schedule = planBillingSchedule(entry.subscription.timeline, catalog, latest);
    const windows = usageWindowsFor(schedule, catalog).filter(
      (window) => window.dimensions?.fallback === "reject",
    );
    if (windows.length === 0) continue;
    const accumulator = new UsageAccumulator({
      meters: catalog.meters.values(),
      windows,
      levelsStartAt: entry.subscription.timeline.start,
    });
    for (const event of events) {
      for (const problem of accumulator.add(event) ?? []) {
        if (problem.problem !== "no_price" || refusals.has(event.index)) continue;
        const { planCode, chargeId, dimensions } = problem.refused;
        const plan = billing.versions.get(planCode)?.planCode ?? planCode;
        refusals.set(
          event.index,
          `no price in charge ${JSON.stringify(chargeId)} of plan ${JSON.stringify(plan)} for ${describeCombination(dimensions)}`,
        );
      }
    }
  }
}

/**
 * Invoicing's answer to metering's question: which of these events no price
 * covers where the price refuses them. Only events of meters that some
 * published version prices with `"default": "reject"` are looked at.
 */
export const refuseUnpricedEvents: UnpricedEventCheck = async (context, events) => {
  const refusals = new Map<number, string>();
  if (events.length === 0) return refusals;
  const meterCodes = await metersRefusingUnpricedUsage(context.database, context);
  if (meterCodes.length === 0) return refusals;
  const meters = await engineMetersFor(context.database, context, meterCodes, context.clock.now().getTime());
  const eventNames = new Set([...meters.values()].map((meter) => meter.eventName));
  const byCustomer = new Map<string, ParsedEvent[]>();
  for (const event of events) {
    if (!eventNames.has(event.name)) continue;
    const list = byCustomer.get(event.customerExternalId) ?? [];
    list.push(event);
    byCustomer.set(event.customerExternalId, list);
  }
  for (const [customerExternalId, customerEvents] of byCustomer) {
    await refusalsOfCustomer(context, customerExternalId, customerEvents, refusals);
  }
  return refusals;
};
