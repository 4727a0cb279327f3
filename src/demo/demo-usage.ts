// A customer's usage events over the demo's months, made up the same way on
// every run (a seeded generator per customer): busy weekdays and quiet
// weekends, office hours in the customer's own time zone, growth month on
// month, storage that mostly grows and is sometimes cleaned up, AI requests
// on two models, and, for Enterprise, payments of all sizes; only what the
// customer's plan prices, but for the one customer whose story is leakage.
import { Temporal } from "temporal-polyfill";
import type { EventInput } from "../metering/index.ts";
import { pricedEventNames } from "./demo-catalog.ts";
import type { DemoCustomer } from "./demo-customers.ts";
import { type DemoRandom, seededRandom, seedOf } from "./demo-random.ts";

/** The fixed seed of the demo: change it and every customer tells another story. */
const demoSeed = 20_260_201;

const millisecondsPerHour = 3_600_000;
const millisecondsPerMonth = 30 * 24 * millisecondsPerHour;

/** Monday first: weekdays are busy, Friday a little less, weekends quiet. */
const weekdayFactors = [1, 1.08, 1.1, 1.05, 0.9, 0.3, 0.22] as const;

/** Local hours of the day weighted by how busy they are: office hours, a lunch dip, some night traffic. */
const hourWeights: readonly (readonly [number, number])[] = Array.from({ length: 24 }, (_, hour) => {
  const weight =
    hour < 7 ? 0.15 : hour < 9 ? 0.6 : hour === 12 ? 0.7 : hour < 18 ? 1 : hour < 21 ? 0.45 : 0.2;
  return [hour, weight] as const;
});

const endpoints: readonly (readonly [string, number])[] = [
  ["/v1/documents", 0.5],
  ["/v1/search", 0.35],
  ["/v1/exports", 0.15],
];

/**
 * The customer's events with `from ≤ timestamp < until`, oldest first. `from`
 * is the subscription's start: the storage level starts there.
 */
export function usageEventsOf(demo: DemoCustomer, from: Date, until: Date): EventInput[] {
  const timeZone = demo.customer.timezone;
  const random = seededRandom(seedOf(demo.customer.external_id, demoSeed));
  const events: EventInput[] = [];
  // Every draw is made whatever is sent, so that leaving out a product leaves the rest of the story as it was.
  const sent = demo.usesUnpricedProducts ? undefined : pricedEventNames(demo.plan);
  const add = (kind: string, timestamp: number, name: string, properties: Record<string, unknown>) => {
    if (timestamp < from.getTime() || timestamp >= until.getTime()) return;
    if (sent !== undefined && !sent.has(name)) return;
    const day = new Date(timestamp).toISOString().slice(0, 10);
    events.push({
      id: `${demo.customer.external_id}-${kind}-${day}-${events.length}`,
      customer: demo.customer.external_id,
      name,
      timestamp: new Date(timestamp).toISOString(),
      properties,
    });
  };

  const usage = demo.usage;
  // Storage held, in tenths of a GB, so that every change is an exact decimal.
  let storageTenths = Math.round(usage.storageStartGb * 10);
  add("storage", from.getTime(), "storage_changed", { delta_gb: tenthsText(storageTenths) });

  const startDate = Temporal.Instant.fromEpochMilliseconds(from.getTime()).toZonedDateTimeISO(timeZone);
  for (
    let date = startDate.toPlainDate();
    Temporal.PlainDate.compare(date, localDateOf(until, timeZone)) <= 0;
    date = date.add({ days: 1 })
  ) {
    const dayStart = date.toZonedDateTime({ timeZone }).epochMilliseconds;
    const growth = (1 + usage.monthlyGrowth) ** ((dayStart - from.getTime()) / millisecondsPerMonth);
    const busyness = weekdayFactors[date.dayOfWeek - 1]! * growth;
    const atSomeHour = () => dayStart + hourOfDay(random) * millisecondsPerHour;

    for (let call = 0; call < countOf(usage.apiCallsPerDay * busyness, random); call += 1) {
      add("api", atSomeHour(), "api_call", { endpoint: random.weighted(endpoints) });
    }
    for (let request = 0; request < countOf(usage.aiRequestsPerDay * busyness, random); request += 1) {
      const model = random.next() < usage.largeModelShare ? "sage-large" : "swift-small";
      const tokens = random.integer(usage.tokensPerRequest[0], usage.tokensPerRequest[1]);
      add("ai", atSomeHour(), "llm_completion", { model, tokens });
    }
    if (date.dayOfWeek <= 5 && random.next() < 0.8) {
      // Mostly uploads; about one working day in twelve, a clean-up of old documents.
      const change =
        random.next() < 0.08
          ? -Math.round(storageTenths * random.between(0.04, 0.12))
          : Math.round(usage.storageGbPerDay * 10 * random.between(0.3, 1.8));
      if (change !== 0) {
        storageTenths += change;
        add("storage", atSomeHour(), "storage_changed", { delta_gb: tenthsText(change) });
      }
    }
    for (let payment = 0; payment < countOf((usage.paymentsPerDay ?? 0) * busyness, random); payment += 1) {
      add("payment", atSomeHour(), "payment_processed", { amount: centsText(paymentCents(random)) });
    }
  }
  return events.sort((left, right) => (left.timestamp! < right.timestamp! ? -1 : 1));
}

function localDateOf(instant: Date, timeZone: string): Temporal.PlainDate {
  return Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(timeZone).toPlainDate();
}

/** A whole count around `expected`, give or take a fifth. */
function countOf(expected: number, random: DemoRandom): number {
  return Math.max(0, Math.round(expected * random.between(0.8, 1.2)));
}

/** A fractional local hour, weighted towards office hours. */
function hourOfDay(random: DemoRandom): number {
  return random.weighted(hourWeights) + random.next();
}

/** Most payments are small; a few are large orders. */
function paymentCents(random: DemoRandom): number {
  return random.next() < 0.85 ? random.integer(1_500, 40_000) : random.integer(40_000, 600_000);
}

function tenthsText(tenths: number): string {
  const sign = tenths < 0 ? "-" : "";
  const magnitude = Math.abs(tenths);
  return `${sign}${Math.floor(magnitude / 10)}.${magnitude % 10}`;
}

function centsText(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
}

/**
 * Events of a customer that does not exist: Globex's staging system sends
 * under its own id for the last few days, so the unattributed events queue
 * has something to show.
 */
export function unattributedEvents(now: Date): EventInput[] {
  const random = seededRandom(seedOf("globex-staging", demoSeed));
  return Array.from({ length: 24 }, (_, index) => {
    const timestamp = now.getTime() - random.integer(1, 72 * 60) * 60_000;
    return {
      id: `globex-staging-api-${index}`,
      customer: "globex-staging",
      name: "api_call",
      timestamp: new Date(timestamp).toISOString(),
      properties: { endpoint: random.weighted(endpoints) },
    };
  });
}
