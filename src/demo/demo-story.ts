// What happens to the demo's customers over the three months, each at its
// moment: they sign up (some with a trial), redeem coupons, get credits,
// upgrade, cancel, pause; billing operations issue a one-off invoice and a
// credit note; the pricing analyst puts a new Growth version up for approval.
// The load runs each episode when the test clock reaches its moment, so every
// change lands where a real one would, between the bill runs.
import { Decimal } from "../core/index.ts";
import { type DemoApi, listAll } from "./demo-api.ts";
import { type DemoCalendar, daysBeforeNow, localInstant } from "./demo-calendar.ts";
import { type DemoPlanCode, pendingGrowthChange } from "./demo-catalog.ts";
import { type DemoCustomer, demoCustomers } from "./demo-customers.ts";

export type DemoSession = {
  /** The demo's billing operations admin. */
  admin: DemoApi;
  /** The pricing analyst (billing_ops), who drafts and submits plan versions. */
  analyst: DemoApi;
  calendar: DemoCalendar;
  planIds: Record<DemoPlanCode, string>;
  couponIds: Record<string, string>;
  /** By the customer's external id. */
  customerIds: Map<string, string>;
  subscriptionIds: Map<string, string>;
};

export type Episode = { at: Date; title: string; run(session: DemoSession): Promise<void> };

function demoCustomer(externalId: string): DemoCustomer {
  const found = demoCustomers.find((demo) => demo.customer.external_id === externalId);
  if (found === undefined) throw new Error(`The demo has no customer ${externalId}.`);
  return found;
}

function idOf(ids: Map<string, string>, externalId: string): string {
  const id = ids.get(externalId);
  if (id === undefined) throw new Error(`The demo's ${externalId} has not signed up yet.`);
  return id;
}

/** When the customer's subscription starts: local midnight of its start day, or a morning some days ago. */
function subscriptionStartOf(demo: DemoCustomer, calendar: DemoCalendar): Date {
  const timeZone = demo.customer.timezone;
  return "daysAgo" in demo.start
    ? daysBeforeNow(calendar, demo.start.daysAgo, 10, timeZone)
    : localInstant(calendar, demo.start, timeZone);
}

/** A customer signs up a few days before its subscription starts (never before the story does). */
function signUpOf(demo: DemoCustomer, calendar: DemoCalendar): Date {
  const start = subscriptionStartOf(demo, calendar);
  if ("daysAgo" in demo.start) return start;
  const fewDaysBefore = start.getTime() - 5 * 86_400_000;
  return new Date(Math.max(calendar.clockStart.getTime(), fewDaysBefore));
}

/** The customers' moments in the story: when each one's usage stops, when it does not run to now. */
const cancellation = {
  customer: "soylent",
  requested: { month: 1, day: 20, hour: 16 },
  endsOn: { month: 2, day: 1 },
} as const;
const pause = { customer: "tyrell", at: { month: 2, day: 10, hour: 9 } } as const;

/** From the subscription's start until the customer stops using the product (cancelled, paused) or now. */
export function usagePeriodOf(demo: DemoCustomer, calendar: DemoCalendar): { from: Date; until: Date } {
  const from = subscriptionStartOf(demo, calendar);
  const timeZone = demo.customer.timezone;
  const externalId = demo.customer.external_id;
  const until =
    externalId === cancellation.customer
      ? localInstant(calendar, cancellation.endsOn, timeZone)
      : externalId === pause.customer
        ? localInstant(calendar, pause.at, timeZone)
        : calendar.now;
  return { from, until: until.getTime() < calendar.now.getTime() ? until : calendar.now };
}

function signUp(demo: DemoCustomer, calendar: DemoCalendar): Episode {
  const startAt = subscriptionStartOf(demo, calendar);
  return {
    at: signUpOf(demo, calendar),
    title: `${demo.customer.name} signs up for ${demo.plan}`,
    run: async (session) => {
      const customer = await session.admin.post<{ id: string }>("/v1/customers", demo.customer);
      session.customerIds.set(demo.customer.external_id, customer.id);
      const subscription = await session.admin.post<{ id: string }>("/v1/subscriptions", {
        customer_id: customer.id,
        plan_id: session.planIds[demo.plan],
        start_at: startAt.toISOString(),
        // Trials and annual contracts run from their start day; monthly plans follow the calendar month.
        billing: demo.trialDays === undefined && demo.plan !== "enterprise" ? "calendar" : "anniversary",
        ...(demo.trialDays === undefined ? {} : { trial_days: demo.trialDays }),
      });
      session.subscriptionIds.set(demo.customer.external_id, subscription.id);
    },
  };
}

function at(calendar: DemoCalendar, externalId: string, when: Parameters<typeof localInstant>[1]): Date {
  return localInstant(calendar, when, demoCustomer(externalId).customer.timezone);
}

/** Every episode of the story, sign-ups first among episodes of the same moment. */
export function demoEpisodes(calendar: DemoCalendar): Episode[] {
  const signUps = demoCustomers.map((demo) => signUp(demo, calendar));
  const episodes: Episode[] = [
    {
      at: signUpOf(demoCustomer("acme"), calendar),
      title: "Acme redeems the launch partner coupon",
      run: postFor("acme", "customers", "coupons", ({ couponIds }) => ({ coupon_id: couponIds.LAUNCH20 })),
    },
    {
      at: signUpOf(demoCustomer("wonka"), calendar),
      title: "Wonka signs up with a welcome coupon",
      run: postFor("wonka", "customers", "coupons", ({ couponIds }) => ({ coupon_id: couponIds.WELCOME25 })),
    },
    {
      at: signUpOf(demoCustomer("globex"), calendar),
      title: "Globex buys prepaid credits",
      run: postFor("globex", "customers", "credit-grants", () => ({
        name: "Prepaid usage credits",
        amount: "1000.00",
        currency: "EUR",
        type: "purchased",
        cost_basis: "900.00",
      })),
    },
    {
      at: signUpOf(demoCustomer("stark"), calendar),
      title: "Stark negotiates a lower payments rate",
      run: postFor(
        "stark",
        "customers",
        "price-overrides",
        ({ subscriptionIds }) => ({
          subscription_id: idOf(subscriptionIds, "stark"),
          plan_code: "enterprise",
          charge_id: "payment_fees",
          override: { type: "rate", rate: "0.3" },
          effective_from: subscriptionStartOf(demoCustomer("stark"), calendar).toISOString(),
        }),
        "Payments rate of 0.3 % agreed in the order form",
      ),
    },
    {
      at: at(calendar, "hooli", { month: 0, day: 9, hour: 11 }),
      title: "Hooli is invoiced for onboarding",
      run: async ({ admin, customerIds }) => {
        await admin.post("/v1/invoices", {
          customer_id: idOf(customerIds, "hooli"),
          currency: "USD",
          lines: [
            { description: "Onboarding workshop (days on site)", quantity: "2", unit_amount: "1500.00" },
            { description: "Single sign-on integration", quantity: "1", unit_amount: "2500.00" },
          ],
          memo: "Professional services under MSA-2025-014",
          finalize: true,
        });
      },
    },
    {
      at: at(calendar, "wayne", { month: 1, day: 3, hour: 10 }),
      title: "Wayne gets goodwill credits after an outage",
      run: postFor(
        "wayne",
        "customers",
        "credit-grants",
        () => ({
          name: "Goodwill credit: API outage on the 2nd",
          amount: "150.00",
          currency: "GBP",
          type: "promotional",
        }),
        "Two-hour API outage; agreed with the account manager",
      ),
    },
    {
      at: at(calendar, "initech", { month: 1, day: 4, hour: 10 }),
      title: "Initech is credited for duplicated API calls",
      run: creditDuplicatedCalls,
    },
    {
      at: at(calendar, "umbrella", { month: 1, day: 15, hour: 10 }),
      title: "Umbrella outgrows Starter and upgrades to Growth",
      run: postFor(
        "umbrella",
        "subscriptions",
        "change-plan",
        ({ planIds }) => ({ plan_id: planIds.growth, timing: "immediate" }),
        "Customer upgraded: usage above what Starter is priced for",
      ),
    },
    {
      at: at(calendar, cancellation.customer, cancellation.requested),
      title: "Soylent cancels at the end of the month",
      run: postFor(
        cancellation.customer,
        "subscriptions",
        "cancel",
        () => ({ mode: "period_end" }),
        "Customer moves the workload in-house",
      ),
    },
    {
      at: at(calendar, pause.customer, pause.at),
      title: "Tyrell pauses its subscription",
      run: postFor(
        pause.customer,
        "subscriptions",
        "pause",
        () => ({}),
        "Customer asked to pause while its team restructures",
      ),
    },
    {
      at: daysBeforeNow(calendar, 2, 15, "Europe/Dublin"),
      title: "The pricing analyst puts Growth version 2 up for approval",
      run: submitGrowthVersionTwo,
    },
  ];
  return [...signUps, ...episodes];
}

/**
 * An episode's step: the admin posts to a path under one customer's
 * customer or subscription object: its coupons, credit grants and price
 * overrides, or its subscription's change-plan, cancel and pause.
 */
function postFor(
  customer: string,
  objects: "customers" | "subscriptions",
  path: string,
  body: (session: DemoSession) => object,
  reason?: string,
): Episode["run"] {
  return async (session) => {
    const ids = objects === "customers" ? session.customerIds : session.subscriptionIds;
    await session.admin.post(`/v1/${objects}/${idOf(ids, customer)}/${path}`, body(session), reason);
  };
}

/** A retry loop on Initech's side sent some calls twice: half the API calls line of its first month is credited. */
async function creditDuplicatedCalls({ admin, customerIds }: DemoSession): Promise<void> {
  type Line = { id: string; charge_id: string | null; kind: string; amount: string };
  const invoices = await listAll<{ id: string; lines: Line[] }>(
    admin,
    `/v1/invoices?customer_id=${idOf(customerIds, "initech")}`,
  );
  const apiCalls = invoices
    .flatMap((invoice) => invoice.lines)
    .find(
      (line) => line.kind === "usage" && line.charge_id === "api_calls" && new Decimal(line.amount).gt(0),
    );
  if (apiCalls === undefined) throw new Error("The demo's Initech has no API calls billed to credit.");
  const invoice = invoices.find((candidate) => candidate.lines.includes(apiCalls))!;
  await admin.post(`/v1/invoices/${invoice.id}/credit-notes`, {
    reason: "billing_error",
    memo: "A retry loop on the customer's side sent each call twice on two days; half the calls are credited.",
    lines: [{ invoice_line_id: apiCalls.id, amount: new Decimal(apiCalls.amount).div(2).toFixed(2) }],
  });
}

async function submitGrowthVersionTwo({ analyst, planIds, calendar }: DemoSession): Promise<void> {
  const growth = planIds.growth;
  const draft = await analyst.post<{ version: number }>(
    `/v1/plans/${growth}/versions`,
    pendingGrowthChange(),
  );
  const nextMonth = calendar.currentMonth.add({ months: 1 }).toPlainDate({ day: 1 });
  await analyst.post(`/v1/plans/${growth}/versions/${draft.version}/submit`, {
    comment: "Fee up 50 from next month; the token allowance doubles. Sales has been told.",
    effective_from: `${nextMonth.toString()}T00:00:00Z`,
  });
}
