// Usage for billing: the aggregates the billing engine needs for its usage
// windows (from the core's usageWindowsFor), for one customer, read from the
// store and identical to what the core's UsageAccumulator computes from the
// same events. This is how the live service and `fairbill simulate` bill
// alike: the engine is the same, and so is its usage.
//
// A meter's events are counted as its versions counted them: each event by
// the version in effect at its timestamp (billing rule 34), as ingestion
// rolled it up and as the usage API reports it, so that a new version never
// reaches back before its effective_from. The engine names one meter per
// code (the version in effect when it bills, see engineMetersFor): its
// aggregation says how a window combines what the versions read (counts and
// sums add, max takes the largest, latest the latest event's value under its
// own version, unique_count the distinct values across the window). Before
// a meter's first version, its events count as that version will count them.
// A meter definition that no stored version has (none in the live service)
// counts every event by itself.
//
// Whole hours come from the hourly rollups of every version (usage_rollups,
// and usage_unique_values for unique_count): a version's rows hold exactly
// the events it counts, also in an hour where a new version takes over, so
// the rows of all versions summed are the hour's usage. Raw events are read
// only where the rollups cannot answer: an hour a window boundary cuts (a
// plan change mid-hour, a period in a zone offset by half an hour), a
// percentage charge with a per-transaction minimum or maximum (each event is
// priced on its own), and any time before the meter's first version (or all
// of it for a definition no version has).
//
// What counts, as in the core: an event the version in effect matches (name
// and filters) and can read; a voided event never, an amended one at its
// latest revision. Ingestion refuses an event that a meter version in effect
// at its timestamp cannot read, so every stored event the rollups hold is
// readable. An event that the definition counting it cannot read (before the
// meter existed, or by a definition no version has) is left out, as the
// accumulator leaves out the events it reports as invalid.
//
// Among events that share the latest timestamp, `latest` takes the last in
// the store's order: received later, then the larger id, as corrections,
// recounts and usage queries order raw events. A scenario's "listed later"
// is that order when its events are sent in order, one request each or with
// ids in listing order within a request; the position within a request is not
// stored, so ingestion's rollups (which do use it) are not asked which event
// at that instant wins: the events at it are read.

import type {
  Instant,
  MeterDefinitionSpan,
  UsageAggregate,
  UsageAggregates,
  UsageWindow,
} from "../core/index.ts";
import { BillingInputError, type Meter, type NumericValue, propertyValueKey } from "../core/index.ts";
import type { TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { accumulateFromEvents, isAccumulatedFromEvents } from "./billing-usage-accumulated.ts";
import { checkMeterWindows, type MeterUsagePlan, planMeterUsage } from "./billing-usage-plan.ts";
import {
  countDistinctPerSlot,
  eventsAtInstants,
  forEachRawEvent,
  type RollupSource,
  sumRollupBuckets,
  sumRollupBucketsOfMany,
} from "./billing-usage-reads.ts";
import { MeterUsageTotals, type RollupBucket, versionedReaderOf } from "./billing-usage-totals.ts";
import { type MeterVersion, versionInEffect } from "./meter-definition.ts";
import { loadMeterVersions } from "./meter-versions.ts";

/**
 * The engine's aggregates for `windows` (from scheduleBilling/usageWindowsFor)
 * for one customer, from the rollups (raw events only where needed), identical
 * to what the core's UsageAccumulator computes from the same events.
 * `levelsStartAt` is where weighted_sum levels start at 0 (the subscription
 * start). Refuses, with the accumulator's BillingInputError, a window of a
 * meter not in `meters` and windows of one meter that overlap. Given the
 * root handle, it reads in one repeatable-read snapshot; given a transaction,
 * it reads through it (and reads a meter again if a correction lands between
 * two of its statements).
 */
export async function usageForWindows(
  database: Database,
  scope: TenantScope,
  input: UsageRequest,
): Promise<UsageAggregates> {
  const [aggregates] = await usageForManyWindows(database, scope, [input]);
  return aggregates ?? new Map();
}

/** One customer's usage windows with the meters that count them; see usageForWindows. */
export type UsageRequest = {
  customerExternalId: string;
  windows: readonly UsageWindow[];
  meters: ReadonlyMap<string, Meter>;
  levelsStartAt: Instant;
};

/** A request's windows of one meter answered from the rollups (and raw events where they cannot answer). */
type MeterJob = {
  request: number;
  customerExternalId: string;
  meter: Meter;
  /** The definitions its events are read by, each over the instants it was in effect. */
  history: readonly MeterDefinitionSpan[];
  windows: readonly UsageWindow[];
  /** Stored versions whose rollups are read (each holds the events its version counts). */
  trustedVersions: readonly MeterVersion[];
  levelsStartAt: Instant;
};

/**
 * usageForWindows for many requests (of many customers) in one snapshot, the
 * aggregates at each request's index: the rollups of every request of a meter
 * are summed in one query, so that a backtest reads a batch of customers'
 * usage in a few statements instead of several per invoice. Raw events are
 * still read per customer where the rollups cannot answer.
 */
export async function usageForManyWindows(
  database: Database,
  scope: TenantScope,
  requests: readonly UsageRequest[],
): Promise<UsageAggregates[]> {
  const windowsByMeterOfRequest = requests.map(checkedWindowsByMeter);
  const results: Map<string, UsageAggregate>[] = requests.map(() => new Map());
  if (requests.every((request) => request.windows.length === 0)) return results;
  const readAll = async (reader: Database): Promise<UsageAggregates[]> => {
    const storedVersions = await loadMeterVersions(reader, scope);
    const jobs: MeterJob[] = [];
    for (const [index, request] of requests.entries()) {
      for (const meter of request.meters.values()) {
        const meterWindows = windowsByMeterOfRequest[index]?.get(meter.code);
        if (meterWindows === undefined) continue;
        const { history, trustedVersions } = meterHistoryOf(
          meter,
          storedVersions.filter((version) => version.code === meter.code),
        );
        const accumulated = meterWindows.filter(isAccumulatedFromEvents);
        if (accumulated.length > 0) {
          const fromEvents = await accumulateFromEvents(reader, scope, {
            customerExternalId: request.customerExternalId,
            meter,
            history,
            windows: accumulated,
            levelsStartAt: request.levelsStartAt,
          });
          for (const [key, aggregate] of fromEvents) results[index]?.set(key, aggregate);
        }
        const windows = meterWindows.filter((window) => !isAccumulatedFromEvents(window));
        if (windows.length === 0) continue;
        jobs.push({
          request: index,
          customerExternalId: request.customerExternalId,
          meter,
          history,
          windows,
          trustedVersions,
          levelsStartAt: request.levelsStartAt,
        });
      }
    }
    for (const [job, meterAggregates] of await aggregateMeters(reader, scope, jobs)) {
      for (const [key, aggregate] of meterAggregates) results[job.request]?.set(key, aggregate);
    }
    return results;
  };
  // One snapshot for every read, so that rollups and raw events agree even while events arrive.
  return database.isTransaction
    ? readAll(database)
    : database.transaction().setIsolationLevel("repeatable read").setAccessMode("read only").execute(readAll);
}

/**
 * How a billed meter's events are counted. When it is one of the meter's
 * stored versions (as engineMetersFor gives it): each event by the version
 * in effect at its timestamp, the first one also before it takes effect,
 * with every version's rollups. A definition no stored version has counts
 * every event by itself, from raw events.
 */
function meterHistoryOf(
  billed: Meter,
  versions: readonly MeterVersion[],
): { history: MeterDefinitionSpan[]; trustedVersions: MeterVersion[] } {
  if (!versions.some((version) => countsAlike(version.coreMeter, billed))) {
    return {
      history: [{ from: Number.NEGATIVE_INFINITY, until: Number.POSITIVE_INFINITY, meter: billed }],
      trustedVersions: [],
    };
  }
  return {
    history: versions.map((version, index) => ({
      from: index === 0 ? Number.NEGATIVE_INFINITY : version.effectiveFrom,
      until: version.effectiveUntil,
      meter: version.coreMeter,
    })),
    trustedVersions: [...versions],
  };
}

/** The request's windows by meter code; refuses, as the accumulator does, a window of an unknown meter. */
function checkedWindowsByMeter(request: UsageRequest): Map<string, UsageWindow[]> {
  const meters = [...request.meters.values()];
  const windowsByMeter = new Map<string, UsageWindow[]>();
  for (const window of request.windows) {
    const windows = windowsByMeter.get(window.meterCode) ?? [];
    windows.push(window);
    windowsByMeter.set(window.meterCode, windows);
  }
  const meterCodes = new Set(meters.map((meter) => meter.code));
  const orphan = request.windows.find((window) => !meterCodes.has(window.meterCode));
  if (orphan !== undefined) throw new BillingInputError(`unknown meter "${orphan.meterCode}"`);
  for (const meter of meters) checkMeterWindows(meter, windowsByMeter.get(meter.code) ?? []);
  return windowsByMeter;
}

const maximumAttempts = 3;

/**
 * Every job's aggregates: the rollups of the jobs that read the same stored
 * meter versions in one query, then each job's raw events and look-ups. A job
 * whose reads disagree (a correction landed between two of them) is read again
 * on its own.
 */
async function aggregateMeters(
  database: Database,
  scope: TenantScope,
  jobs: readonly MeterJob[],
): Promise<[MeterJob, Map<string, UsageAggregate>][]> {
  const planned = jobs.map((job) => ({ job, plan: planOf(job), source: rollupSourceOf(job) }));
  const bySource = new Map<string, typeof planned>();
  for (const entry of planned) {
    if (entry.source === undefined) continue;
    const key = `${entry.source.meterId}|${entry.source.versions.join(",")}`;
    bySource.set(key, [...(bySource.get(key) ?? []), entry]);
  }
  const buckets = new Map<MeterJob, RollupBucket[]>();
  for (const group of bySource.values()) {
    const source = group[0]?.source as RollupSource;
    // One job (the bill run's read of one customer) keeps the query planned for one customer.
    const sums =
      group.length === 1 && group[0] !== undefined
        ? [await sumRollupBuckets(database, scope, group[0].job.customerExternalId, source, group[0].plan)]
        : await sumRollupBucketsOfMany(
            database,
            scope,
            source,
            group.map((entry) => ({ customerExternalId: entry.job.customerExternalId, plan: entry.plan })),
          );
    for (const [index, entry] of group.entries()) buckets.set(entry.job, sums[index] ?? []);
  }
  const aggregated: [MeterJob, Map<string, UsageAggregate>][] = [];
  for (const { job, plan, source } of planned) {
    let meterAggregates = await aggregateFromBuckets(
      database,
      scope,
      job,
      plan,
      source,
      buckets.get(job) ?? [],
    );
    // Only a correction landing between two reads of the caller's transaction makes them disagree.
    for (let attempt = 1; meterAggregates === undefined && attempt < maximumAttempts; attempt++) {
      meterAggregates = await aggregateMeter(database, scope, job);
    }
    if (meterAggregates === undefined) {
      throw new Error(`the usage of meter "${job.meter.code}" kept changing while it was read`);
    }
    aggregated.push([job, meterAggregates]);
  }
  return aggregated;
}

/** With `unfinishedHourFromRollups`, the hour a window ends inside comes from its rollup less its tail. */
function planOf(job: MeterJob, unfinishedHourFromRollups = true): MeterUsagePlan {
  return planMeterUsage(
    job.meter,
    job.windows,
    job.trustedVersions.map((version) => ({ start: version.effectiveFrom, end: version.effectiveUntil })),
    job.levelsStartAt,
    { unfinishedHourFromRollups },
  );
}

function rollupSourceOf(job: MeterJob): RollupSource | undefined {
  const firstTrusted = job.trustedVersions[0];
  return firstTrusted === undefined
    ? undefined
    : { meterId: firstTrusted.meterId, versions: job.trustedVersions.map((version) => version.version) };
}

/**
 * The engine meters (core `Meter`) for these codes, as defined by the version
 * in effect at `at` (before a meter's first version, as that version defines
 * it). A code no meter has is left out, so the engine names it. Usage read
 * for such a meter still counts each event by the version in effect at its
 * timestamp; this one's aggregation combines them (billing rule 34).
 */
export async function engineMetersFor(
  database: Database,
  scope: TenantScope,
  codes: readonly string[],
  at: Instant,
): Promise<Map<string, Meter>> {
  const meters = new Map<string, Meter>();
  const wanted = new Set(codes);
  if (wanted.size === 0) return meters;
  const versionsByCode = new Map<string, MeterVersion[]>();
  for (const version of await loadMeterVersions(database, scope)) {
    if (!wanted.has(version.code)) continue;
    const versions = versionsByCode.get(version.code) ?? [];
    versions.push(version);
    versionsByCode.set(version.code, versions);
  }
  for (const [code, versions] of versionsByCode) {
    // Before its first version takes effect, a meter counts as that version will.
    const version = versionInEffect(versions, at) ?? versions[0]!;
    meters.set(code, version.coreMeter);
  }
  return meters;
}

/** One job's aggregates, every read on its own; undefined when two reads disagree. */
async function aggregateMeter(
  database: Database,
  scope: TenantScope,
  job: MeterJob,
  unfinishedHourFromRollups = true,
): Promise<Map<string, UsageAggregate> | undefined> {
  const plan = planOf(job, unfinishedHourFromRollups);
  const source = rollupSourceOf(job);
  const buckets =
    source === undefined ? [] : await sumRollupBuckets(database, scope, job.customerExternalId, source, plan);
  return aggregateFromBuckets(database, scope, job, plan, source, buckets);
}

/**
 * A job's aggregates from its rollups summed per bucket, with the raw events
 * of the ranges the rollups cannot answer, the distinct values and the
 * events that settle a `latest`; undefined when two reads disagree.
 */
async function aggregateFromBuckets(
  database: Database,
  scope: TenantScope,
  job: MeterJob,
  plan: MeterUsagePlan,
  source: RollupSource | undefined,
  buckets: readonly RollupBucket[],
): Promise<Map<string, UsageAggregate> | undefined> {
  const { customerExternalId, meter } = job;
  const totals = new MeterUsageTotals(plan);
  for (const bucket of buckets) totals.addRollupBucket(bucket);
  // Each raw event is read by the version in effect at its timestamp.
  const read = versionedReaderOf(job.history, meter.aggregation);
  const eventNames = [...new Set(job.history.map((span) => span.meter.eventName))];
  await forEachRawEvent(
    database,
    scope,
    { customerExternalId, eventNames, ranges: plan.rawRanges },
    (event) => {
      const reading = read(event);
      if (reading !== undefined) totals.addEvent(reading, event.timestamp);
    },
  );
  // An unfinished hour came whole from its rollup: its tail (events after now, usually none) goes back out.
  for (const tail of plan.tails) {
    await forEachRawEvent(
      database,
      scope,
      { customerExternalId, eventNames, ranges: [tail.range] },
      (event) => {
        const reading = read(event);
        if (reading !== undefined) totals.subtractTailEvent(reading, tail.bucket);
      },
    );
  }
  // A tail that held the largest value or a distinct value: read that hour's events instead.
  if (!totals.tailsSettled()) return aggregateMeter(database, scope, job, false);
  if (meter.aggregation === "unique_count") {
    const counts = await countDistinctPerSlot(
      database,
      scope,
      customerExternalId,
      source,
      plan,
      totals.rawUniqueKeys(),
    );
    for (const [slot, count] of counts) totals.setDistinctCount(slot, count);
  }
  const lookUps = totals.latestToLookUp();
  if (lookUps.length > 0) {
    // The rollups tell the latest instant of each window; the events at it tell which one is last.
    const events = await eventsAtInstants(database, scope, {
      customerExternalId,
      eventNames,
      instants: lookUps.map((lookUp) => lookUp.atText),
    });
    const lastValues = new Map<number, NumericValue>();
    for (const event of events) {
      const timestamp = lookUps[event.position]!.at;
      const numeric = read({ name: event.name, timestamp, properties: event.properties })?.numeric;
      if (numeric !== undefined) lastValues.set(event.position, numeric);
    }
    for (const [position, lookUp] of lookUps.entries()) {
      const value = lastValues.get(position);
      // The rollups counted an event at this instant that is now voided or moved: read again.
      if (value === undefined) return undefined;
      totals.setLatestValue(lookUp.slot, value);
    }
  }
  const aggregates = new Map<string, UsageAggregate>();
  totals.collect(aggregates);
  return aggregates;
}

/** Whether two meters count the same events the same way: name, aggregation, property and filters. */
function countsAlike(stored: Meter, billed: Meter): boolean {
  return (
    stored.eventName === billed.eventName &&
    stored.aggregation === billed.aggregation &&
    (stored.property ?? null) === (billed.property ?? null) &&
    filterKeyOf(stored) === filterKeyOf(billed)
  );
}

/** The filters as one comparable text: properties in order, each with its accepted value keys in order. */
function filterKeyOf(meter: Meter): string {
  const filters = meter.filters
    .map(
      (filter) =>
        [filter.property, [...new Set(filter.acceptedValues.map(propertyValueKey))].sort()] as const,
    )
    .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0));
  return JSON.stringify(filters);
}
