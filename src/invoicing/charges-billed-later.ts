// Charges delivered by a cut-off but invoiced after it: for each subscription
// of a customer, the usage lines of its next invoice at or after the cut-off,
// priced by the engine exactly as the bill run will price them (tiers over
// the whole billing period, allowances, the plan and overrides in force),
// but counting only the events before the cut-off. Finance accrues them at
// each month end (unbilled receivables) until the invoice is issued. The
// in-arrears fixed fees of that invoice whose service period began before the
// cut-off come with them, at the amount the engine will bill (prorated, or
// cut short by a cancellation or a plan change already scheduled): finance
// accrues the share of it that the months ended by then have earned.
import type { Decimal, Instant } from "../core/index.ts";
import { type UsageAggregate, type UsageAggregates, ZERO } from "../core/index.ts";
import { type UsageRequest, usageForWindows } from "../metering/index.ts";
import type { TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { customersDueForBilling } from "../subscriptions/index.ts";
import {
  loadCustomerBilling,
  nextInstantOf,
  subscriptionBillAt,
  type UsageReader,
} from "./customer-billing.ts";

export type ChargeBilledLater = {
  /** A usage line, or an in-arrears fixed fee. */
  kind: "usage" | "fixed";
  customerId: string;
  subscriptionId: string;
  currency: string;
  planVersionId: string;
  chargeId: string;
  /** A usage line's meter; null for a fixed fee. */
  meter: string | null;
  /** The billing period (a fixed fee: its service period) the invoice will bill. */
  periodStart: Instant;
  periodEnd: Instant;
  /** When the invoice that bills it is due. */
  invoiceAt: Instant;
  /** Period-to-date quantity and amount, as the invoice would price them at the cut-off (a fixed fee: the whole fee). */
  quantity: Decimal;
  amount: Decimal;
};

const nothing: UsageAggregate = { quantity: ZERO, eventCount: 0 };

/** Reads every window only up to `cutoff`; a window that starts after it counts nothing. */
function readUntil(database: Database, scope: TenantScope, cutoff: Instant): UsageReader {
  return async (request: UsageRequest): Promise<UsageAggregates> => {
    const windows = request.windows
      .filter((window) => window.start < cutoff)
      .map((window) => ({ ...window, end: Math.min(window.end, cutoff) }));
    const read = await usageForWindows(database, scope, { ...request, windows });
    const aggregates = new Map(read);
    for (const window of request.windows)
      if (!aggregates.has(window.key)) aggregates.set(window.key, nothing);
    return aggregates;
  };
}

/**
 * For each cut-off, the customer's usage before it that no invoice issued
 * before it billed and no invoice has billed yet (its subscription is not
 * billed through the invoice's instant), one entry per usage line of that
 * invoice, and one per in-arrears fixed fee line whose service began before
 * the cut-off.
 */
async function customerChargesBilledLater(
  database: Database,
  scope: TenantScope,
  customerId: string,
  cutoffs: readonly Instant[],
): Promise<Map<Instant, ChargeBilledLater[]>> {
  const found = new Map<Instant, ChargeBilledLater[]>(cutoffs.map((cutoff) => [cutoff, []]));
  const latest = Math.max(...cutoffs);
  const billing = await loadCustomerBilling(database, scope, customerId, latest - 1);
  for (const cutoff of cutoffs) {
    const reader = readUntil(database, scope, cutoff);
    for (const entry of billing.subscriptions) {
      const { subscription } = entry;
      if (subscription.timeline.start >= cutoff) continue;
      // Billed at or after the cut-off: the invoice that bills the cut-off's period is issued.
      if (subscription.billedThrough !== null && subscription.billedThrough >= cutoff) continue;
      const invoiceAt = nextInstantOf(billing, entry, cutoff - 1);
      if (invoiceAt === null) continue;
      if (subscription.billedThrough !== null && subscription.billedThrough >= invoiceAt) continue;
      const { lines } = await subscriptionBillAt(database, scope, billing, entry, invoiceAt, reader);
      for (const line of lines) {
        if (line.periodStart >= cutoff) continue;
        const { details } = line;
        const usage = details.kind === "usage";
        if (!usage && !(details.kind === "fixed" && details.timing === "in_arrears")) continue;
        found.get(cutoff)?.push({
          kind: usage ? "usage" : "fixed",
          customerId,
          subscriptionId: subscription.id,
          currency: subscription.currency,
          planVersionId: details.planCode,
          chargeId: line.charge,
          meter: usage ? details.meterCode : null,
          periodStart: line.periodStart,
          periodEnd: line.periodEnd,
          invoiceAt,
          quantity: line.quantity,
          amount: line.amount,
        });
      }
    }
  }
  return found;
}

const customersPerPage = 200;

/** For each cut-off, the usage billed after it of every customer with a subscription that still bills. */
export async function chargesBilledLater(
  database: Database,
  scope: TenantScope,
  cutoffs: readonly Instant[],
): Promise<Map<Instant, ChargeBilledLater[]>> {
  const found = new Map<Instant, ChargeBilledLater[]>(cutoffs.map((cutoff) => [cutoff, []]));
  if (cutoffs.length === 0) return found;
  const everBilling = new Date("9999-12-31T00:00:00Z");
  let after: string | undefined;
  for (;;) {
    const page = await customersDueForBilling(database, scope, everBilling, customersPerPage, after);
    for (const customerId of page) {
      for (const [cutoff, usage] of await customerChargesBilledLater(database, scope, customerId, cutoffs)) {
        found.get(cutoff)?.push(...usage);
      }
    }
    if (page.length < customersPerPage) return found;
    after = page[page.length - 1];
  }
}

/**
 * What the usage of one meter over a billed period came to at each cut-off
 * inside it: the invoice at `invoiceAt` priced again with only the events
 * before the cut-off, exactly as the engine priced the invoice (tiers over
 * the whole period). Finance splits an invoiced usage line over the months
 * it spans by these period-to-date amounts, as it accrues unbilled usage.
 * Null when the subscription or its line is no longer found.
 */
export async function periodToDateUsageAmounts(
  database: Database,
  scope: TenantScope,
  input: {
    customerId: string;
    subscriptionId: string;
    invoiceAt: Instant;
    meter: string;
    periodStart: Instant;
    cutoffs: readonly Instant[];
  },
): Promise<Map<Instant, Decimal> | null> {
  const billing = await loadCustomerBilling(database, scope, input.customerId, input.invoiceAt - 1);
  const entry = billing.subscriptions.find((candidate) => candidate.subscription.id === input.subscriptionId);
  if (entry === undefined) return null;
  const amounts = new Map<Instant, Decimal>();
  for (const cutoff of input.cutoffs) {
    const { lines } = await subscriptionBillAt(
      database,
      scope,
      billing,
      entry,
      input.invoiceAt,
      readUntil(database, scope, cutoff),
    );
    const matching = lines.filter(
      (line) =>
        line.details.kind === "usage" &&
        line.details.meterCode === input.meter &&
        line.periodStart === input.periodStart,
    );
    if (matching.length === 0) return null;
    amounts.set(
      cutoff,
      matching.reduce((sum, line) => sum.plus(line.amount), ZERO),
    );
  }
  return amounts;
}
