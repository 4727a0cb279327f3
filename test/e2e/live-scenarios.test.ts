// The live service bills as `fairbill simulate` does. Every public scenario
// (and the project's own corpus) is played through the HTTP API as a real
// integration would: meters, plans, a customer, a subscription and its
// changes, coupons, credit grants and a tax rate, then its events sent as time
// passes on the environment's test clock, whose advances run the bill run. The
// invoices the service issues must equal the simulator's, line by line.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ScenarioOutput } from "../../src/simulation/index.ts";
import { simulateScenario } from "../../src/simulation/index.ts";
import { type ApiClient, startTestApp, type TestApp } from "../support/test-app.ts";

// biome-ignore lint/suspicious/noExplicitAny: scenario documents are read as the JSON they are.
type Scenario = any;

const sharedFolder = join(import.meta.dirname, "../../../shared/scenarios");
const corpusFolder = join(import.meta.dirname, "../scenarios");
const versionTwoCorpusFolder = join(import.meta.dirname, "../scenarios/v2");

function scenariosIn(folder: string): { name: string; document: Scenario }[] {
  return readdirSync(folder)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => ({ name, document: JSON.parse(readFileSync(join(folder, name), "utf8")) }));
}

const millisecondsPerDay = 86_400_000;
const futureWindowMilliseconds = 4 * 60_000;

async function ok(response: Promise<{ status: number; body: Scenario }>, what: string): Promise<Scenario> {
  const settled = await response;
  if (settled.status >= 300) throw new Error(`${what}: ${settled.status} ${JSON.stringify(settled.body)}`);
  return settled.body;
}

/** The earliest instant the scenario names: everything is set up a day before it. */
function earliestInstant(document: Scenario): number {
  const instants = [
    document.subscription.start,
    ...(document.changes ?? []).map((change: Scenario) => change.at),
    ...(document.credit_grants ?? []).map((grant: Scenario) => grant.effective_at),
    ...(document.events ?? []).map((event: Scenario) => event.timestamp),
  ].map((text: string) => Date.parse(text));
  return Math.min(...instants);
}

/** Plays a scenario through the API and returns the invoices issued, in the simulator's output format. */
async function playThroughApi(client: ApiClient, document: Scenario, tag: string): Promise<ScenarioOutput> {
  const setupAt = new Date(earliestInstant(document) - millisecondsPerDay);
  await ok(client.post("/v1/test-clock", { frozen_at: setupAt.toISOString() }), "set the test clock");

  for (const meter of document.meters) {
    await ok(
      client.post("/v1/meters", {
        code: meter.code,
        name: meter.code,
        event_name: meter.event_name,
        aggregation: meter.aggregation,
        ...(meter.property === undefined ? {} : { property: meter.property }),
        ...(meter.filters === undefined ? {} : { filters: meter.filters }),
        effective_from: setupAt.toISOString(),
      }),
      `meter ${meter.code}`,
    );
  }
  const planIds = new Map<string, string>();
  for (const plan of document.plans) {
    const created = await ok(
      client.post("/v1/plans", {
        code: plan.code,
        name: plan.code,
        version: {
          currency: document.currency,
          interval: plan.interval,
          ...(plan.interval_count === undefined ? {} : { interval_count: plan.interval_count }),
          ...(plan.minimum_commitment === undefined ? {} : { minimum_commitment: plan.minimum_commitment }),
          charges: plan.charges,
          // A live plan version lists the pricing units it uses; a scenario lists them once for all plans.
          ...(document.pricing_units === undefined ? {} : { pricing_units: document.pricing_units }),
          ...(plan.allowances === undefined ? {} : { allowances: plan.allowances }),
        },
      }),
      `plan ${plan.code}`,
    );
    await ok(client.post(`/v1/plans/${created.id}/versions/1/publish`, {}), `publish ${plan.code}`);
    planIds.set(plan.code, created.id);
  }
  const customer = await ok(
    client.post("/v1/customers", {
      external_id: `scenario-${tag}`,
      currency: document.currency,
      timezone: document.timezone ?? "UTC",
      country: "US",
    }),
    "customer",
  );
  if (document.tax !== undefined) {
    await ok(
      client.post("/v1/tax-rates", {
        country: "US",
        name: "Sales tax",
        percent: document.tax.rate,
        valid_from: setupAt.toISOString(),
      }),
      "tax rate",
    );
  }
  for (const coupon of document.coupons ?? []) {
    const created = await ok(
      client.post("/v1/coupons", {
        code: `${tag}-${coupon.id}`.slice(0, 60),
        name: coupon.id,
        type: coupon.type,
        ...(coupon.type === "percentage"
          ? { percent: coupon.percent }
          : { amount: coupon.amount, currency: document.currency }),
        duration: coupon.duration,
        ...(coupon.duration === "repeating" ? { duration_invoices: coupon.invoices } : {}),
      }),
      `coupon ${coupon.id}`,
    );
    await ok(client.post(`/v1/customers/${customer.id}/coupons`, { coupon_id: created.id }), "redeem");
  }
  for (const grant of document.credit_grants ?? []) {
    await ok(
      client.post(`/v1/customers/${customer.id}/credit-grants`, {
        name: grant.id,
        amount: grant.amount,
        currency: document.currency,
        type: "promotional",
        priority: grant.priority ?? 0,
        effective_at: grant.effective_at,
        ...(grant.expires_at === undefined ? {} : { expires_at: grant.expires_at }),
      }),
      `credit grant ${grant.id}`,
    );
  }
  const subscription = await ok(
    client.post("/v1/subscriptions", {
      customer_id: customer.id,
      plan_id: planIds.get(document.subscription.plan),
      start_at: document.subscription.start,
      billing: document.subscription.billing ?? "anniversary",
      trial_days: document.subscription.trial_days ?? 0,
      ...(document.subscription.quantities === undefined
        ? {}
        : { quantities: document.subscription.quantities }),
      ...(document.instant_window_minutes === undefined
        ? {}
        : { instant_window_minutes: document.instant_window_minutes }),
    }),
    "subscription",
  );
  // A version-2 contract holds the subscription: its terms are the scenario's, plans named by code.
  const contract =
    document.contract === undefined
      ? undefined
      : await ok(
          client.post("/v1/contracts", {
            customer_id: customer.id,
            subscription_id: subscription.id,
            ...document.contract,
          }),
          "contract",
        );
  const changes = [...(document.changes ?? [])].sort(
    (left: Scenario, right: Scenario) => Date.parse(left.at) - Date.parse(right.at),
  );
  for (const change of changes) {
    if (change.type === "change_plan") {
      await ok(
        client.post(`/v1/subscriptions/${subscription.id}/change-plan`, {
          plan_id: planIds.get(change.plan),
          timing: "at",
          at: change.at,
        }),
        `change plan at ${change.at}`,
      );
    } else if (change.type === "change_quantity") {
      await ok(
        client.post(`/v1/subscriptions/${subscription.id}/quantity-changes`, {
          charge_id: change.charge,
          quantity: change.quantity,
          at: change.at,
        }),
        `change quantity at ${change.at}`,
      );
    } else {
      await ok(
        client.post(`/v1/subscriptions/${subscription.id}/cancel`, { mode: change.mode, at: change.at }),
        `cancel at ${change.at}`,
      );
    }
  }

  // Events arrive as time passes: the clock moves forward to each event not yet due, and every
  // advance runs the bill run. An event arrives at its received_at (version 2), else at its
  // timestamp. A repeated id arrives no earlier than the occurrence listed before it, so the first
  // listed is the first received (billing rule 10); an occurrence that arrives long after its
  // timestamp goes through the backfill route. Usage billed in advance is invoiced by the window
  // an event was received in, so a version-2 file's events are sent with the clock at their exact
  // arrival, not up to a few minutes before it.
  let clock = setupAt.getTime();
  const sendAhead = document.version === 2 ? 0 : futureWindowMilliseconds;
  const arrivalOfId = new Map<string, number>();
  const events: Scenario[] = (document.events ?? [])
    .map((event: Scenario, index: number) => {
      const arrival = Math.max(
        Date.parse(event.received_at ?? event.timestamp),
        arrivalOfId.get(event.id) ?? Number.NEGATIVE_INFINITY,
      );
      arrivalOfId.set(event.id, arrival);
      return { event, index, arrival };
    })
    // An event that arrives after bill_until cannot change an invoice issued by then: it is not sent.
    .filter((entry: Scenario) => entry.arrival <= Date.parse(document.bill_until) + sendAhead)
    .sort((left: Scenario, right: Scenario) => left.arrival - right.arrival || left.index - right.index)
    .map((entry: Scenario) => ({ ...entry.event, arrival: entry.arrival }));
  let next = 0;
  while (next < events.length) {
    const eventTime = events[next].arrival;
    if (eventTime > clock + sendAhead) {
      clock = eventTime;
      await ok(client.post("/v1/test-clock/advance", { to: new Date(clock).toISOString() }), "advance");
    }
    const isOld = (event: Scenario) => Date.parse(event.timestamp) < clock - millisecondsPerDay;
    const route = isOld(events[next]) ? "/v1/events/backfill" : "/v1/events/batch";
    const batch = [];
    while (
      next < events.length &&
      batch.length < 1000 &&
      events[next].arrival <= clock + sendAhead &&
      isOld(events[next]) === (route === "/v1/events/backfill")
    ) {
      const event = events[next];
      batch.push({
        id: event.id,
        name: event.name,
        timestamp: event.timestamp,
        customer: customer.external_id,
        properties: event.properties ?? {},
      });
      next += 1;
    }
    const result = await ok(client.post(route, { events: batch }), "events");
    for (const rejected of result.rejected ?? []) expect(rejected.reason).toBe("duplicate");
  }
  await ok(client.post("/v1/test-clock/advance", { to: document.bill_until }), "advance to bill_until");

  const invoices: Scenario[] = [];
  let cursor: string | undefined;
  do {
    const page = await ok(
      client.get(`/v1/invoices?customer_id=${customer.id}&limit=100${cursor ? `&cursor=${cursor}` : ""}`),
      "list invoices",
    );
    invoices.push(...page.data);
    cursor = page.next_cursor ?? undefined;
  } while (cursor !== undefined);
  invoices.sort((left, right) => Date.parse(left.issued_at) - Date.parse(right.issued_at));
  const commitBalances =
    contract === undefined || (document.contract.commits ?? []).length === 0
      ? {}
      : { commit_balances: await liveCommitBalances(client, contract.id) };
  return {
    ...commitBalances,
    invoices: invoices.map((invoice) => ({
      issued_at: invoice.issued_at.replace(/\.000Z$/, "Z"),
      currency: invoice.currency,
      lines: invoice.lines.map((line: Scenario) => ({
        charge: line.charge_id,
        kind: line.kind,
        period_start: line.period_start.replace(/\.000Z$/, "Z"),
        period_end: line.period_end.replace(/\.000Z$/, "Z"),
        quantity: line.quantity,
        amount: line.amount,
        ...(line.details.dimensions === undefined ? {} : { dimensions: line.details.dimensions }),
        ...(line.details.priced_by === undefined ? {} : { priced_by: line.details.priced_by }),
        ...(line.details.unit === undefined
          ? {}
          : {
              unit: line.details.unit,
              unit_cost: line.details.unit_cost,
              allowance_applied: line.details.allowance_applied,
            }),
      })),
      subtotal: invoice.subtotal,
      discount: invoice.discount,
      credits: invoice.credits,
      tax: invoice.tax,
      total: invoice.total,
      balance_applied: invoice.balance_applied,
      amount_due: invoice.amount_due,
      ...(invoice.commits === null ? {} : { commits: invoice.commits }),
      ...(invoice.allowances === null ? {} : { allowances: invoice.allowances }),
    })),
  } as ScenarioOutput;
}

/** A contract's balances at bill_until, as the simulator prints its commit_balances. */
async function liveCommitBalances(client: ApiClient, contractId: string): Promise<Scenario[]> {
  const report = await ok(client.get(`/v1/contracts/${contractId}/balances`), "contract balances");
  return report.balances.map((balance: Scenario) => ({
    id: balance.id,
    term_start: balance.term_start.replace(/\.000Z$/, "Z"),
    term_end: balance.term_end.replace(/\.000Z$/, "Z"),
    granted: balance.granted,
    rolled_over: balance.rolled_over,
    ...(balance.type === "prepaid" ? { drawn: balance.drawn } : { true_up: balance.true_up }),
    expired: balance.expired,
  }));
}

/** The simulator's output without the explanations, which the API keeps in each line's details. */
function simulated(document: Scenario): ScenarioOutput {
  const result = simulateScenario(document);
  if (!result.ok) throw new Error(`the simulator refused the scenario: ${JSON.stringify(result.errors)}`);
  return {
    invoices: result.output.invoices.map((invoice) => ({
      ...invoice,
      lines: invoice.lines.map(({ details: _details, ...line }) => line),
    })),
    ...(result.output.commit_balances === undefined
      ? {}
      : { commit_balances: result.output.commit_balances }),
  } as ScenarioOutput;
}

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(async () => {
  await testApp.close();
});

describe("the live API bills every public scenario as fairbill simulate does", () => {
  for (const { name, document } of scenariosIn(sharedFolder)) {
    if (document.expected_error !== undefined) continue;
    it(name, async () => {
      const tenant = await testApp.newTenant(name);
      const live = await playThroughApi(tenant.admin, document, name.replace(/\.json$/, ""));
      expect(live).toEqual(simulated(document));
    });
  }
});

for (const [title, folder] of [
  ["the project's own scenario corpus", corpusFolder],
  ["the version-2 corpus", versionTwoCorpusFolder],
] as const) {
  describe(`the live API bills ${title} as fairbill simulate does`, () => {
    for (const { name, document } of scenariosIn(folder)) {
      if (document.expected_error !== undefined) continue;
      it(name, async () => {
        const tenant = await testApp.newTenant(name);
        const live = await playThroughApi(tenant.admin, document, name.replace(/\.json$/, ""));
        expect(live).toEqual(simulated(document));
      });
    }
  });
}

describe("the live API refuses what the simulator refuses, naming the same fields", () => {
  for (const { name, document } of scenariosIn(sharedFolder)) {
    if (document.expected_error === undefined) continue;
    it(name, async () => {
      const tenant = await testApp.newTenant(name);
      const client = tenant.admin;
      const problems: string[] = [];
      for (const meter of document.meters) {
        await client.post("/v1/meters", { code: meter.code, name: meter.code, ...meter });
      }
      const planIds = new Map<string, string>();
      for (const [index, plan] of document.plans.entries()) {
        const response = await client.post("/v1/plans", {
          code: plan.code,
          name: plan.code,
          version: { currency: document.currency, interval: plan.interval, charges: plan.charges },
        });
        if (response.status === 201) planIds.set(plan.code, response.body.id);
        else {
          expect(response.status).toBe(400);
          for (const error of response.body.errors) {
            problems.push(error.path.replace("$.version.", `$.plans[${index}].`));
          }
        }
      }
      const customer = await ok(client.post("/v1/customers", { external_id: `bad-${name}` }), "customer");
      const subscription = await client.post("/v1/subscriptions", {
        customer_id: customer.id,
        plan_id: planIds.get(document.subscription.plan) ?? "pln_unknown",
        start_at: document.subscription.start,
      });
      expect(subscription.status).toBe(400);
      for (const error of subscription.body.errors) {
        if (error.path === "$.start_at") problems.push("$.subscription.start");
      }
      for (const expected of document.expected_error) {
        expect(problems.some((path) => path.startsWith(expected))).toBe(true);
      }
    });
  }
});
