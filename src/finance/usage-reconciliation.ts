// Usage reconciliation of an accounting month: every event that occurred in
// it, followed from ingestion to an invoice. Each event is ingested, then
// attributed to a customer (by external id), matched by meters (by name and
// filters), and billed on a finalized invoice line of its customer, meter and
// period. Where it falls out, the reconciliation says why (the cause) and what
// the usage would have cost at current prices.

import { planVersionsByIds } from "../catalog/index.ts";
import { Decimal, formatQuantity, type Instant } from "../core/index.ts";
import { customerReferencesByExternalIds } from "../customers/index.ts";
import { usageLinesOverlapping } from "../invoicing/index.ts";
import {
  customerExternalIdsWithEventsBetween,
  eventCountsBetween,
  eventPagesBetween,
  loadMeterVersions,
  MeterCatalog,
  type StoredEvent,
} from "../metering/index.ts";
import type { TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import {
  loadTimelines,
  pauseAt,
  planVersionAt,
  selectSubscriptions,
  trialEndOf,
} from "../subscriptions/index.ts";
import type { AccountingPeriod } from "./accounting-periods.ts";
import { type PricedUsage, UsagePricer } from "./usage-pricing.ts";

export const differenceCauses = {
  unknown_customer: { category: "leakage", description: "no customer has the event's customer id" },
  no_meter: { category: "leakage", description: "no meter matches the event's name (and filters)" },
  no_subscription: { category: "leakage", description: "the customer had no subscription in force" },
  after_cancellation: { category: "leakage", description: "the event came after the subscription ended" },
  meter_not_priced: { category: "leakage", description: "the customer's plan has no charge on the meter" },
  late_after_finalization: {
    category: "leakage",
    description: "the event arrived after the invoice of its period was finalized",
  },
  count_mismatch: {
    category: "mismatch",
    description: "the invoice line counted a different number of events than the event store holds for it",
  },
  in_trial: { category: "by_design", description: "the event came during the subscription's trial" },
  paused: { category: "by_design", description: "the subscription was paused, so its invoice was skipped" },
  invoice_voided: { category: "by_design", description: "the invoice that billed the event was voided" },
  awaiting_finalization: {
    category: "pending",
    description: "the event is on a draft invoice that is not finalized yet",
  },
  not_yet_billed: {
    category: "pending",
    description:
      "the event's billing period has not been invoiced yet; its usage is accrued as unbilled receivables at the month end",
  },
} as const;
export type DifferenceCause = keyof typeof differenceCauses;
export type DifferenceCategory = (typeof differenceCauses)[DifferenceCause]["category"];

type EventRow = Omit<StoredEvent, "voided_at">;

type CustomerFacts = { id: string; externalId: string; currency: string | null };

type SubscriptionFacts = {
  id: string;
  start: Instant;
  trialEnd: Instant;
  endsAt: Instant | null;
  currency: string;
  pauses: { from: Instant; until: Instant | null }[];
  planAt: (at: Instant) => string;
};

type UsageLine = {
  id: string;
  invoiceId: string;
  invoiceNumber: string | null;
  status: string;
  finalizedAt: Instant | null;
  currency: string;
  subscriptionId: string | null;
  versionId: string | null;
  chargeId: string | null;
  meter: string;
  start: Instant;
  end: Instant;
  quantity: Decimal;
  amount: Decimal;
  eventCount: number;
  /** Events of the month found billed on the line. */
  billedEvents: number;
  lateEvents: number;
};

export type UsageRow = {
  customerExternalId: string;
  customerId: string | null;
  meter: string | null;
  eventName: string | null;
  ingested: number;
  attributed: number;
  matched: number;
  billed: number;
  billedLines: UsageLine[];
};

export type UsageDifference = {
  cause: DifferenceCause;
  category: DifferenceCategory;
  customerExternalId: string;
  customerId: string | null;
  meter: string | null;
  eventName: string | null;
  subscriptionId: string | null;
  invoiceId: string | null;
  invoiceNumber: string | null;
  invoiceLineId: string | null;
  events: number;
  firstAt: Instant;
  lastAt: Instant;
  exampleEventIds: string[];
  priced: PricedUsage | null;
};

export type UsageReconciliation = {
  ingested: number;
  voided: number;
  attributed: number;
  matched: number;
  billed: number;
  rows: UsageRow[];
  differences: UsageDifference[];
  /** Distinct events behind each category of difference. */
  eventsByCategory: Record<DifferenceCategory, number>;
};

export type ReconciliationProgress = { done: number; total: number };

/**
 * When an event was received against the instant an invoice was finalized.
 * Invoicing recomputes an invoice from the usage stored when it finalizes: it
 * reads that usage, then takes the finalization instant (invoice-store.ts's
 * finalizeDraft, bill-customers.ts's writeFinalizedInvoices), and ingestion
 * takes an event's received instant before it stores it. So an event received
 * before that instant was on the invoice, one received after it was not, and
 * one received at that very instant (same millisecond) may have been stored
 * before the read or after it: a frozen test clock makes both common (events
 * sent at the instant, then the bill run: on it; the bill run, then events
 * sent at the same instant: late). Only the line's own count tells those
 * apart (Classification.resolveTies).
 */
function receivedAgainstFinalization(receivedAt: Instant, finalizedAt: Instant): "before" | "at" | "after" {
  return receivedAt < finalizedAt ? "before" : receivedAt === finalizedAt ? "at" : "after";
}

const eventsPerPage = 2000;
const examplesPerDifference = 5;

export async function reconcileUsage(
  database: Database,
  scope: TenantScope,
  period: AccountingPeriod,
  options: {
    now: Date;
    onProgress?: (progress: ReconciliationProgress) => void;
    /** A locked month's lock: read events and invoices as they stood then (closed-periods.ts). */
    asOf?: Instant | null;
  },
): Promise<UsageReconciliation> {
  const range = { start: new Date(period.start), end: new Date(period.end) };
  const asOf = options.asOf ?? null;
  // Metering's events: the month's, voided ones counted apart, then followed page by page.
  const { all: total, voided: voidedNow } = await eventCountsBetween(database, scope, range);
  const context = await loadContext(database, scope, range, asOf);
  const catalog = new MeterCatalog(await loadMeterVersions(database, scope));
  const work = new Classification(context);

  let done = 0;
  let receivedByLock = 0;
  let voidedByLock = 0;
  options.onProgress?.({ done, total });
  for await (const page of eventPagesBetween(database, scope, range, eventsPerPage)) {
    for (const event of page) {
      if (asOf !== null && event.received_at.getTime() > asOf) continue;
      receivedByLock += 1;
      const voidedAt = event.voided_at?.getTime() ?? null;
      if (voidedAt !== null && (asOf === null || voidedAt <= asOf)) voidedByLock += 1;
      else work.add(event, catalog);
    }
    done += page.length;
    options.onProgress?.({ done, total });
  }
  work.checkLineCounts(period);
  const voided = asOf === null ? voidedNow : voidedByLock;
  const ingested = asOf === null ? total : receivedByLock;
  const pricer = new UsagePricer(database, scope, asOf === null ? options.now : new Date(asOf));
  return {
    ingested: ingested - voided,
    voided,
    attributed: work.attributed,
    matched: work.matched,
    billed: work.billed,
    rows: work.rows(),
    differences: await work.differences(pricer, period),
    eventsByCategory: work.eventsByCategory(),
  };
}

type ReconciliationContext = {
  customers: Map<string, CustomerFacts>;
  subscriptions: Map<string, SubscriptionFacts[]>;
  /** Meter codes each plan version charges for. */
  pricedMeters: Map<string, Set<string>>;
  /** Usage lines by `customerId|meter`. */
  lines: Map<string, UsageLine[]>;
};

async function loadContext(
  database: Database,
  scope: TenantScope,
  range: { start: Date; end: Date },
  asOf: Instant | null,
): Promise<ReconciliationContext> {
  const externalIds = await customerExternalIdsWithEventsBetween(database, scope, range);
  // The customers domain: who each external id is.
  const customers = new Map<string, CustomerFacts>(
    (await customerReferencesByExternalIds(database, scope, externalIds)).map((customer) => [
      customer.externalId,
      customer,
    ]),
  );
  const customerIds = [...customers.values()].map((customer) => customer.id);
  const subscriptions = new Map<string, SubscriptionFacts[]>();
  const versionIds = new Set<string>();
  if (customerIds.length > 0) {
    const rows = await selectSubscriptions(database, scope)
      .where("subscriptions.customer_id", "in", customerIds)
      .orderBy("subscriptions.id")
      .execute();
    for (const { row, timeline, pauses } of await loadTimelines(database, scope, rows)) {
      versionIds.add(timeline.planCode);
      for (const change of timeline.changes)
        if (change.type === "change_plan") versionIds.add(change.planCode);
      const facts: SubscriptionFacts = {
        id: row.id,
        start: timeline.start,
        trialEnd: trialEndOf(timeline),
        endsAt: row.ends_at?.getTime() ?? null,
        currency: row.currency,
        pauses,
        planAt: (at) => planVersionAt(timeline, at),
      };
      subscriptions.set(row.customer_id, [...(subscriptions.get(row.customer_id) ?? []), facts]);
    }
  }
  const pricedMeters = new Map<string, Set<string>>();
  for (const [id, version] of await planVersionsByIds(database, scope, [...versionIds])) {
    pricedMeters.set(
      id,
      new Set(
        version.content.charges.flatMap((charge) => (charge.meter === undefined ? [] : [charge.meter])),
      ),
    );
  }
  return {
    customers,
    subscriptions,
    pricedMeters,
    lines: await loadUsageLines(database, scope, customerIds, range, asOf),
  };
}

/** Invoicing's usage lines of these customers whose period overlaps the month. */
async function loadUsageLines(
  database: Database,
  scope: TenantScope,
  customerIds: readonly string[],
  range: { start: Date; end: Date },
  asOf: Instant | null,
): Promise<Map<string, UsageLine[]>> {
  const lines = new Map<string, UsageLine[]>();
  if (customerIds.length === 0) return lines;
  // Invoicing's usage lines, with their invoices' numbers and states.
  const rows = await usageLinesOverlapping(database, scope, { customerIds, ...range });
  for (const row of rows) {
    const meter = row.details.meter;
    if (typeof meter !== "string" || row.period_start === null || row.period_end === null) continue;
    const finalizedAt = row.finalized_at?.getTime() ?? null;
    // At the lock, an invoice finalized later did not bill the usage yet, and one voided later was not void.
    if (asOf !== null && finalizedAt !== null && finalizedAt > asOf) continue;
    const voidedAfterLock =
      asOf !== null && row.status === "void" && (row.voided_at === null || row.voided_at.getTime() > asOf);
    const line: UsageLine = {
      id: row.id,
      invoiceId: row.invoice_id,
      invoiceNumber: row.number,
      status: voidedAfterLock ? "open" : row.status,
      finalizedAt,
      currency: row.currency,
      subscriptionId: row.subscription_id,
      versionId: row.plan_version_id,
      chargeId: row.charge_id,
      meter,
      start: row.period_start.getTime(),
      end: row.period_end.getTime(),
      quantity: decimalOf(row.quantity),
      amount: decimalOf(row.amount),
      eventCount: typeof row.details.event_count === "number" ? row.details.event_count : 0,
      billedEvents: 0,
      lateEvents: 0,
    };
    const key = `${row.customer_id}|${meter}`;
    lines.set(key, [...(lines.get(key) ?? []), line]);
  }
  return lines;
}

function decimalOf(value: string): Decimal {
  return new Decimal(value);
}

type DifferenceKey = Omit<
  UsageDifference,
  "category" | "events" | "firstAt" | "lastAt" | "exampleEventIds" | "priced"
>;

/**
 * Follows events one at a time, keeping counts per row and per difference,
 * then settles the events received at the instant of their invoice's
 * finalization and checks each invoice line's count against the events found
 * billed on it. Every figure of the report is counted here, from the one
 * outcome each event gets (billed, or a cause), so they agree by construction:
 * - a row's billed events plus the events of its differences that the store
 *   holds (every cause but a count_mismatch of events the store no longer
 *   holds) are its ingested events;
 * - each category's events are the distinct events of its differences, and
 *   the mismatch category's are the events of the count_mismatch differences;
 * - an event the store found on a line but that the line did not count is a
 *   count_mismatch, never billed.
 */
class Classification {
  attributed = 0;
  matched = 0;
  billed = 0;
  private readonly context: ReconciliationContext;
  private readonly rowsByKey = new Map<string, UsageRow>();
  private readonly differencesByKey = new Map<string, UsageDifference>();
  private readonly eventsOfCategory = new Map<DifferenceCategory, Set<string>>();
  private readonly countMismatches: UsageDifference[] = [];
  /** Events received at the instant their line's invoice was finalized, by line, until resolveTies. */
  private readonly ties = new Map<
    UsageLine,
    { event: EventRow; customer: CustomerFacts; open: number; billedEverywhere: boolean }[]
  >();

  constructor(context: ReconciliationContext) {
    this.context = context;
  }

  add(event: EventRow, catalog: MeterCatalog): void {
    const at = event.occurred_at.getTime();
    const customer = this.context.customers.get(event.customer_external_id);
    const meters = [
      ...new Set(
        catalog
          .matchingVersions({ name: event.name, timestamp: at, properties: event.properties })
          .map((version) => version.code),
      ),
    ];
    if (customer !== undefined) this.attributed += 1;
    if (meters.length > 0) this.matched += 1;
    const base = {
      customerExternalId: event.customer_external_id,
      customerId: customer?.id ?? null,
      subscriptionId: null,
      invoiceId: null,
      invoiceNumber: null,
      invoiceLineId: null,
    };
    if (meters.length === 0) {
      const row = this.row(event.customer_external_id, customer, null, event.name);
      row.ingested += 1;
      if (customer !== undefined) row.attributed += 1;
      this.difference(
        {
          ...base,
          cause: customer === undefined ? "unknown_customer" : "no_meter",
          meter: null,
          eventName: event.name,
        },
        event,
      );
      return;
    }
    let billedEverywhere = true;
    const ties: UsageLine[] = [];
    for (const meter of meters) {
      const row = this.row(event.customer_external_id, customer, meter, null);
      row.ingested += 1;
      row.matched += 1;
      if (customer === undefined) {
        billedEverywhere = false;
        this.difference({ ...base, cause: "unknown_customer", meter, eventName: null }, event);
        continue;
      }
      row.attributed += 1;
      const outcome = this.follow(customer, meter, event);
      if (outcome === "billed") {
        row.billed += 1;
        continue;
      }
      if ("tie" in outcome) {
        ties.push(outcome.tie);
        continue;
      }
      billedEverywhere = false;
      this.difference({ ...base, ...outcome, meter, eventName: null }, event);
    }
    if (ties.length === 0) {
      if (billedEverywhere) this.billed += 1;
      return;
    }
    const pending = { event, customer: customer as CustomerFacts, open: ties.length, billedEverywhere };
    for (const line of ties) this.ties.set(line, [...(this.ties.get(line) ?? []), pending]);
  }

  /**
   * The events received at the very instant their line's invoice was
   * finalized: as many as the line counted beyond the events received before
   * that instant were on it, the rest arrived after it was read (late). A line
   * that reaches outside the month counts events this month does not follow,
   * so its count cannot settle them: they are taken as billed, and the line is
   * not checked (checkLineCounts).
   */
  private resolveTies(period: AccountingPeriod): void {
    for (const [line, events] of this.ties) {
      const insideMonth = line.start >= period.start && line.end <= period.end;
      let onLine = insideMonth ? Math.max(0, line.eventCount - line.billedEvents) : events.length;
      for (const pending of events) {
        const row = this.row(pending.customer.externalId, pending.customer, line.meter, null);
        if (onLine > 0) {
          onLine -= 1;
          line.billedEvents += 1;
          row.billed += 1;
        } else {
          line.lateEvents += 1;
          pending.billedEverywhere = false;
          this.difference(
            {
              cause: "late_after_finalization",
              customerExternalId: pending.customer.externalId,
              customerId: pending.customer.id,
              meter: line.meter,
              eventName: null,
              subscriptionId: line.subscriptionId,
              invoiceId: line.invoiceId,
              invoiceNumber: line.invoiceNumber,
              invoiceLineId: line.id,
            },
            pending.event,
          );
        }
        pending.open -= 1;
        if (pending.open === 0 && pending.billedEverywhere) this.billed += 1;
      }
    }
    this.ties.clear();
  }

  /** Where a matched event of a known customer went: billed, or why not. */
  private follow(
    customer: CustomerFacts,
    meter: string,
    event: EventRow,
  ):
    | "billed"
    | { tie: UsageLine }
    | Pick<DifferenceKey, "cause" | "subscriptionId" | "invoiceId" | "invoiceNumber" | "invoiceLineId"> {
    const at = event.occurred_at.getTime();
    const received = event.received_at.getTime();
    const lines = (this.context.lines.get(`${customer.id}|${meter}`) ?? []).filter(
      (line) => line.start <= at && at < line.end,
    );
    const onLine = (cause: DifferenceCause, line: UsageLine) => ({
      cause,
      subscriptionId: line.subscriptionId,
      invoiceId: line.invoiceId,
      invoiceNumber: line.invoiceNumber,
      invoiceLineId: line.id,
    });
    const finalized = lines.filter((line) => line.status !== "draft" && line.status !== "void");
    const against = (line: UsageLine) =>
      line.finalizedAt === null ? "after" : receivedAgainstFinalization(received, line.finalizedAt);
    const billedOn = finalized.filter((line) => against(line) === "before");
    if (billedOn.length > 0) {
      for (const line of billedOn) line.billedEvents += 1;
      return "billed";
    }
    const tie = finalized.find((line) => against(line) === "at");
    if (tie !== undefined) return { tie };
    const late = finalized[0];
    if (late !== undefined) {
      late.lateEvents += 1;
      return onLine("late_after_finalization", late);
    }
    const draft = lines.find((line) => line.status === "draft");
    if (draft !== undefined) return onLine("awaiting_finalization", draft);
    const voided = lines.find((line) => line.status === "void");
    if (voided !== undefined) return onLine("invoice_voided", voided);

    const none = { subscriptionId: null, invoiceId: null, invoiceNumber: null, invoiceLineId: null };
    const subscriptions = this.context.subscriptions.get(customer.id) ?? [];
    const inForce = subscriptions.filter(
      (subscription) =>
        subscription.start <= at && (subscription.endsAt === null || at < subscription.endsAt),
    );
    if (inForce.length === 0) {
      const ended = subscriptions.filter(
        (subscription) => subscription.endsAt !== null && subscription.endsAt <= at,
      );
      const last = ended.at(-1);
      return last === undefined
        ? { ...none, cause: "no_subscription" }
        : { ...none, cause: "after_cancellation", subscriptionId: last.id };
    }
    const pricing = inForce.find((subscription) =>
      this.context.pricedMeters.get(subscription.planAt(at))?.has(meter),
    );
    if (pricing === undefined)
      return { ...none, cause: "meter_not_priced", subscriptionId: inForce[0]?.id ?? null };
    const cause: DifferenceCause =
      at < pricing.trialEnd
        ? "in_trial"
        : pauseAt(pricing.pauses, at) !== undefined
          ? "paused"
          : "not_yet_billed";
    return { ...none, cause, subscriptionId: pricing.id };
  }

  private row(
    externalId: string,
    customer: CustomerFacts | undefined,
    meter: string | null,
    name: string | null,
  ) {
    const key = JSON.stringify([externalId, meter, name]);
    let row = this.rowsByKey.get(key);
    if (row === undefined) {
      row = {
        customerExternalId: externalId,
        customerId: customer?.id ?? null,
        meter,
        eventName: name,
        ingested: 0,
        attributed: 0,
        matched: 0,
        billed: 0,
        billedLines:
          customer === undefined || meter === null
            ? []
            : (this.context.lines.get(`${customer.id}|${meter}`) ?? []),
      };
      this.rowsByKey.set(key, row);
    }
    return row;
  }

  private difference(key: DifferenceKey, event: EventRow): void {
    const at = event.occurred_at.getTime();
    const id = JSON.stringify([
      key.cause,
      key.customerExternalId,
      key.meter,
      key.eventName,
      key.subscriptionId,
      key.invoiceLineId,
    ]);
    const category = differenceCauses[key.cause].category;
    let difference = this.differencesByKey.get(id);
    if (difference === undefined) {
      difference = {
        ...key,
        category,
        events: 0,
        firstAt: at,
        lastAt: at,
        exampleEventIds: [],
        priced: null,
      };
      this.differencesByKey.set(id, difference);
    }
    difference.events += 1;
    difference.firstAt = Math.min(difference.firstAt, at);
    difference.lastAt = Math.max(difference.lastAt, at);
    if (difference.exampleEventIds.length < examplesPerDifference) difference.exampleEventIds.push(event.id);
    const events = this.eventsOfCategory.get(category) ?? new Set<string>();
    events.add(event.id);
    this.eventsOfCategory.set(category, events);
  }

  rows(): UsageRow[] {
    return [...this.rowsByKey.values()].sort(
      (left, right) =>
        left.customerExternalId.localeCompare(right.customerExternalId) ||
        (left.meter ?? "").localeCompare(right.meter ?? "") ||
        (left.eventName ?? "").localeCompare(right.eventName ?? ""),
    );
  }

  eventsByCategory(): Record<DifferenceCategory, number> {
    const count = (category: DifferenceCategory) => this.eventsOfCategory.get(category)?.size ?? 0;
    const mismatched = this.countMismatches.reduce((sum, difference) => sum + difference.events, 0);
    return {
      leakage: count("leakage"),
      mismatch: count("mismatch") + mismatched,
      by_design: count("by_design"),
      pending: count("pending"),
    };
  }

  /** The differences, each with its amount at current prices (a count mismatch has none). */
  async differences(pricer: UsagePricer, period: AccountingPeriod): Promise<UsageDifference[]> {
    const differences = [...this.differencesByKey.values()];
    for (const difference of differences)
      difference.priced = await this.priceDifference(difference, pricer, period);
    differences.push(...this.countMismatches);
    return differences.sort(
      (left, right) =>
        left.cause.localeCompare(right.cause) ||
        left.customerExternalId.localeCompare(right.customerExternalId) ||
        (left.meter ?? left.eventName ?? "").localeCompare(right.meter ?? right.eventName ?? ""),
    );
  }

  /**
   * Once every event is followed, and those received at the instant of their
   * invoice's finalization settled: a finalized line inside the month whose
   * count differs from the events found billed on it is a count_mismatch of
   * the difference. When the store found more events on it than it counted,
   * those are not billed: its row and the month's billed events give them up
   * to the mismatch.
   */
  checkLineCounts(period: AccountingPeriod): void {
    this.resolveTies(period);
    const customersById = new Map(
      [...this.context.customers.values()].map((customer) => [customer.id, customer]),
    );
    for (const [key, lines] of this.context.lines) {
      const customer = customersById.get(key.split("|")[0] ?? "");
      if (customer === undefined) continue;
      for (const line of lines) {
        if (line.status === "draft" || line.status === "void") continue;
        if (line.start < period.start || line.end > period.end) continue;
        if (line.eventCount === line.billedEvents) continue;
        const uncounted = line.billedEvents - line.eventCount;
        if (uncounted > 0) {
          const row = this.row(customer.externalId, customer, line.meter, null);
          row.billed -= uncounted;
          this.billed -= uncounted;
        }
        this.countMismatches.push({
          cause: "count_mismatch",
          category: "mismatch",
          customerExternalId: customer.externalId,
          customerId: customer.id,
          meter: line.meter,
          eventName: null,
          subscriptionId: line.subscriptionId,
          invoiceId: line.invoiceId,
          invoiceNumber: line.invoiceNumber,
          invoiceLineId: line.id,
          events: Math.abs(line.eventCount - line.billedEvents),
          firstAt: line.start,
          lastAt: line.end - 1,
          exampleEventIds: [],
          priced: null,
        });
      }
    }
  }

  private async priceDifference(
    difference: UsageDifference,
    pricer: UsagePricer,
    period: AccountingPeriod,
  ): Promise<PricedUsage | null> {
    if (difference.meter === null) return null;
    const meterCode = difference.meter;
    const customerExternalId = difference.customerExternalId;
    const window = { start: difference.firstAt, end: difference.lastAt + 1 };
    const customer = this.context.customers.get(customerExternalId);
    if (difference.cause === "unknown_customer") {
      return pricer.priceAtListPrice({
        customerExternalId,
        meterCode,
        start: period.start,
        end: period.end,
        currency: null,
      });
    }
    if (difference.cause === "late_after_finalization") {
      const line = [...(this.context.lines.get(`${difference.customerId}|${meterCode}`) ?? [])].find(
        (candidate) => candidate.id === difference.invoiceLineId,
      );
      if (line === undefined || line.versionId === null) return null;
      const now = await pricer.price({
        customerExternalId,
        meterCode,
        start: line.start,
        end: line.end,
        source: {
          versionId: line.versionId,
          currency: line.currency,
          subscriptionId: line.subscriptionId,
          ...(line.chargeId === null ? {} : { chargeId: line.chargeId }),
        },
      });
      return {
        ...now,
        quantity: now.quantity.minus(line.quantity),
        eventCount: now.eventCount - line.eventCount,
        amount: now.amount === null ? null : now.amount.minus(line.amount),
        basis: `billed again at ${now.basis}: ${formatQuantity(now.quantity)} now against ${formatQuantity(line.quantity)} on the invoice`,
      };
    }
    const subscription = (this.context.subscriptions.get(difference.customerId ?? "") ?? []).find(
      (candidate) => candidate.id === difference.subscriptionId,
    );
    if (subscription === undefined || difference.cause === "meter_not_priced") {
      return pricer.priceAtListPrice({
        customerExternalId,
        meterCode,
        ...window,
        currency: subscription?.currency ?? customer?.currency ?? null,
      });
    }
    // After the end, the plan the subscription ended on; otherwise the plan in force at the first event.
    const at =
      difference.cause === "after_cancellation" ? (subscription.endsAt ?? window.start) - 1 : window.start;
    return pricer.price({
      customerExternalId,
      meterCode,
      ...window,
      source: {
        versionId: subscription.planAt(at),
        currency: subscription.currency,
        subscriptionId: subscription.id,
      },
    });
  }
}
