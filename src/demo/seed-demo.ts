// Demo data for `npm start` (`fairbill serve --demo`), so that a newcomer
// sees a living system at once: Northwind Cloud's catalog, twelve customers
// in three currencies, three months of usage and the invoices it produced,
// and the current month's upcoming invoices.
//
// The data goes in as a client would put it: through the HTTP API, in
// process, with an admin key and a billing_ops key made for the purpose and
// revoked at the end, so every rule, number and audit entry is the real one.
// The story runs on the test environment's test clock, from a day before the
// first of the three months up to now: at each step the clock moves to the
// next moment, the usage since the last one is sent, and the clock's bill run
// issues whatever fell due, exactly as it would have live. At the end the
// environment returns to real time, so the story carries on by itself.
//
// It loads only into a test environment without customers: a second start
// (or an environment with the user's own data) is left alone.
import { buildApplication } from "../app.ts";
import { hasAnyCustomer } from "../customers/index.ts";
import type { EventInput } from "../metering/index.ts";
import { revokeApiKey } from "../organizations/index.ts";
import { createServiceAccountKey } from "../people/index.ts";
import { batchesOf } from "../platform/batches.ts";
import type { RequestContext } from "../platform/context.ts";
import type { DatabaseHandle } from "../platform/database/database.ts";
import { type DemoApi, demoApi, listAll } from "./demo-api.ts";
import { type DemoCalendar, demoCalendar, monthStartsInUtc } from "./demo-calendar.ts";
import {
  type DemoPlanCode,
  demoCoupons,
  demoFeatures,
  demoMeters,
  demoPlans,
  demoProducts,
  demoSeller,
  demoTaxRates,
} from "./demo-catalog.ts";
import { demoCustomers } from "./demo-customers.ts";
import { recordPaymentsDue } from "./demo-payments.ts";
import { type DemoSession, demoEpisodes, type Episode, usagePeriodOf } from "./demo-story.ts";
import { unattributedEvents, usageEventsOf } from "./demo-usage.ts";

export type DemoSummary = {
  customers: number;
  events: number;
  /** Invoices finalized by the story's bill runs and by hand. */
  invoices: number;
  /** The first instant of the story and the last (the moment it was loaded). */
  from: Date;
  to: Date;
};

const batchSize = 1_000;
const millisecondsPerWeek = 7 * 86_400_000;
/** A month's invoices are issued at the first step after 12:00 UTC on the 1st, past midnight in every demo zone. */
const afterEveryZonesMidnight = 12 * 3_600_000;

const planCodes: DemoPlanCode[] = ["starter", "growth", "enterprise"];

/**
 * Loads the demo into the context's (test) environment when it has no
 * customers; null when it was left alone. `onLoading` is told before the
 * load starts, which takes a while.
 */
export async function seedDemoData(
  handle: DatabaseHandle,
  context: RequestContext,
  onLoading: () => void = () => {},
): Promise<DemoSummary | null> {
  if (await hasAnyCustomer(context.database, context)) return null;
  onLoading();

  const calendar = demoCalendar(context.clock.now());
  // The keys only need to outlive the load; they are revoked when it ends, and expire anyway.
  const expiresAt = new Date(calendar.now.getTime() + 3_600_000);
  const adminKey = await createServiceAccountKey(context, {
    name: "Demo data loader",
    role: "admin",
    expiresAt,
  });
  const analystKey = await createServiceAccountKey(context, {
    name: "Demo pricing analyst",
    role: "billing_ops",
    expiresAt,
  });
  const app = await buildApplication({ handle, clock: context.clock, logger: false });
  try {
    await app.ready();
    const admin = demoApi(app, adminKey.secret, "Demo data");
    const analyst = demoApi(app, analystKey.secret, "Demo data");
    // An empty environment may still have a test clock of its own, set later than the story starts.
    await admin.delete("/v1/test-clock");
    await admin.post("/v1/test-clock", { frozen_at: calendar.clockStart.toISOString() });
    const session: DemoSession = {
      admin,
      analyst,
      calendar,
      ...(await setUpSeller(admin, analyst)),
      customerIds: new Map(),
      subscriptionIds: new Map(),
    };
    const events = allUsageEvents(calendar);
    await playStory(session, events);
    await admin.delete("/v1/test-clock", "The demo's story has caught up with real time");
    return {
      customers: demoCustomers.length,
      events: events.length,
      invoices: await countFinalizedInvoices(admin),
      from: calendar.clockStart,
      to: calendar.now,
    };
  } finally {
    await app.close();
    await revokeApiKey(context, adminKey.apiKey.id);
    await revokeApiKey(context, analystKey.apiKey.id);
  }
}

/** Invoicing settings, tax rates, meters, products, features, plans and coupons; the ids of plans and coupons. */
async function setUpSeller(
  admin: DemoApi,
  analyst: DemoApi,
): Promise<Pick<DemoSession, "planIds" | "couponIds">> {
  await admin.put("/v1/invoicing-settings", demoSeller);
  for (const rate of demoTaxRates) await admin.post("/v1/tax-rates", rate);
  for (const meter of demoMeters) await admin.post("/v1/meters", meter);
  for (const product of demoProducts) await admin.post("/v1/products", product);
  for (const feature of demoFeatures) await admin.post("/v1/features", feature);
  const planIds: Partial<Record<DemoPlanCode, string>> = {};
  for (const code of planCodes) {
    const created = await admin.post<{ id: string }>("/v1/plans", demoPlans[code]);
    planIds[code] = created.id;
    if (code === "enterprise") {
      // Enterprise went through review: drafted by the admin, submitted by the analyst, approved by the admin.
      await analyst.post(`/v1/plans/${created.id}/versions/1/submit`, {
        comment: "Annual contract terms as agreed with sales; volume tiers per the pricing memo.",
      });
      await admin.post(`/v1/plans/${created.id}/versions/1/approve`, {
        comment: "Checked against the memo.",
      });
    } else {
      await admin.post(`/v1/plans/${created.id}/versions/1/publish`, {});
    }
  }
  const couponIds: Record<string, string> = {};
  for (const coupon of demoCoupons) {
    const created = await admin.post<{ id: string }>("/v1/coupons", coupon);
    couponIds[coupon.code] = created.id;
  }
  return {
    planIds: { starter: planIds.starter!, growth: planIds.growth!, enterprise: planIds.enterprise! },
    couponIds,
  };
}

/** Every customer's usage over its subscription, and a few events of nobody's, oldest first. */
function allUsageEvents(calendar: DemoCalendar): EventInput[] {
  return demoCustomers
    .flatMap((demo) => {
      const { from, until } = usagePeriodOf(demo, calendar);
      return usageEventsOf(demo, from, until);
    })
    .concat(unattributedEvents(calendar.now))
    .sort((left, right) => (left.timestamp! < right.timestamp! ? -1 : 1));
}

/**
 * The moments the clock stops at: every week, just after each month starts in
 * every zone, each episode, and now. At each one the usage before it is sent
 * before the bill run, so no invoice misses the usage of its period.
 */
function stepsOf(calendar: DemoCalendar, episodes: Episode[]): number[] {
  const start = calendar.clockStart.getTime();
  const end = calendar.now.getTime();
  const steps = new Set<number>([end]);
  for (let week = start + millisecondsPerWeek; week < end; week += millisecondsPerWeek) steps.add(week);
  for (const monthStart of monthStartsInUtc(calendar))
    steps.add(monthStart.getTime() + afterEveryZonesMidnight);
  for (const episode of episodes) steps.add(episode.at.getTime());
  return [...steps].filter((step) => step > start && step <= end).sort((left, right) => left - right);
}

/** Plays the story up to now. */
async function playStory(session: DemoSession, events: EventInput[]): Promise<void> {
  const { admin, calendar } = session;
  const episodes = demoEpisodes(calendar).sort((left, right) => left.at.getTime() - right.at.getTime());
  const runEpisodesAt = async (instant: number) => {
    for (const episode of episodes.filter((candidate) => candidate.at.getTime() === instant)) {
      try {
        await episode.run(session);
      } catch (error) {
        throw new Error(`The demo's story stopped at "${episode.title}": ${(error as Error).message}`, {
          cause: error,
        });
      }
    }
  };
  await runEpisodesAt(calendar.clockStart.getTime());
  let sent = 0;
  for (const step of stepsOf(calendar, episodes)) {
    const to = new Date(step).toISOString();
    await admin.post("/v1/test-clock", { frozen_at: to });
    const due: EventInput[] = [];
    while (sent < events.length && Date.parse(events[sent]!.timestamp!) < step) due.push(events[sent++]!);
    await sendEvents(admin, due);
    await admin.post("/v1/test-clock/advance", { to });
    await runEpisodesAt(step);
    await recordPaymentsDue(session, new Date(step));
  }
}

async function sendEvents(admin: DemoApi, events: EventInput[]): Promise<void> {
  for (const batch of batchesOf(events, batchSize)) {
    const answer = await admin.post<{ rejected: unknown[] }>("/v1/events/batch", {
      events: batch,
    });
    if (answer.rejected.length > 0) {
      throw new Error(
        `Loading the demo data failed: events were rejected: ${JSON.stringify(answer.rejected.slice(0, 3))}`,
      );
    }
  }
}

async function countFinalizedInvoices(admin: DemoApi): Promise<number> {
  const invoices = await listAll<{ status: string }>(admin, "/v1/invoices");
  return invoices.filter((invoice) => invoice.status !== "draft" && invoice.status !== "void").length;
}
