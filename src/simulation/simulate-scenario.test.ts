import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal } from "../core/index.ts";
import {
  type SimulationResult,
  simulateScenario,
  simulateScenarioStream,
  startScenarioSimulation,
} from "./simulate-scenario.ts";

/** A valid scenario to start from; each test changes what it needs. */
function baseScenario(): Record<string, unknown> {
  return {
    version: 1,
    currency: "USD",
    meters: [
      { code: "calls", event_name: "call", aggregation: "count" },
      { code: "tokens", event_name: "completion", aggregation: "sum", property: "tokens" },
    ],
    plans: [
      {
        code: "pro",
        interval: "month",
        charges: [
          { id: "base", type: "fixed", amount: "49.00" },
          { id: "calls", type: "usage", meter: "calls", model: "per_unit", unit_price: "0.01" },
        ],
      },
    ],
    subscription: { plan: "pro", start: "2026-01-01T00:00:00Z" },
    events: [],
    bill_until: "2026-02-01T00:00:00Z",
  };
}

function errorsOf(result: SimulationResult): string[] {
  return result.ok ? [] : result.errors.map((error) => `${error.path}: ${error.message}`);
}

function errorsFor(change: (scenario: Record<string, unknown>) => void): string[] {
  const scenario = baseScenario();
  change(scenario);
  return errorsOf(simulateScenario(scenario));
}

const plan = (scenario: Record<string, unknown>) =>
  (scenario.plans as Record<string, unknown>[])[0] as Record<string, unknown>;
const charges = (scenario: Record<string, unknown>) => plan(scenario).charges as Record<string, unknown>[];

describe("validation", () => {
  it("accepts the base scenario", () => {
    expect(simulateScenario(baseScenario()).ok).toBe(true);
  });

  it("refuses a span that would bill more periods than a simulation may, and accepts ten years of days", () => {
    const errors = errorsFor((scenario) => {
      Object.assign(plan(scenario), { interval: "day" });
      scenario.bill_until = "2099-01-01T00:00:00Z";
    });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^\$\.bill_until: would bill up to 26663 periods; a simulation bills at most 10000/,
    );
    const tenYears = errorsFor((scenario) => {
      Object.assign(plan(scenario), { interval: "day" });
      scenario.bill_until = "2036-01-01T00:00:00Z";
    });
    expect(tenYears).toEqual([]);
  });

  it("refuses a document that is not an object, or of another version", () => {
    expect(errorsOf(simulateScenario([]))).toEqual(["$: must be an object, not []"]);
    expect(errorsFor((scenario) => Object.assign(scenario, { version: 3 }))).toEqual([
      "$.version: must be 1 or 2 (the versions of the scenario format), not 3",
    ]);
  });

  it.each<{ name: string; change: (scenario: Record<string, unknown>) => void; errors: string[] }>([
    {
      name: "reports unknown fields anywhere, and missing required ones",
      change: (scenario) => {
        Object.assign(scenario, { colour: "red" });
        Object.assign(charges(scenario)[0]!, { vat: true });
        delete scenario.bill_until;
        delete (scenario.subscription as Record<string, unknown>).start;
      },
      errors: [
        '$.colour: unknown field "colour"',
        '$.plans[0].charges[0].vat: unknown field "vat"',
        "$.subscription.start: is required",
        "$.bill_until: is required",
      ],
    },
    {
      name: "names unresolved references with the value",
      change: (scenario) => {
        charges(scenario)[1]!.meter = "api";
        (scenario.subscription as Record<string, unknown>).plan = "gold";
        scenario.changes = [{ type: "change_plan", at: "2026-01-10T00:00:00Z", plan: "platinum" }];
      },
      errors: [
        '$.plans[0].charges[1].meter: unknown meter "api"',
        '$.subscription.plan: unknown plan "gold"',
        '$.changes[0].plan: unknown plan "platinum"',
      ],
    },
    {
      name: "checks tiers, prices, dates, currency, time zone and enumerations all at once",
      change: (scenario) => {
        scenario.currency = "usd";
        scenario.timezone = "Europe/Atlantis";
        charges(scenario)[0]!.amount = "-1.00";
        charges(scenario)[0]!.timing = "sometimes";
        charges(scenario)[1] = {
          id: "calls",
          type: "usage",
          meter: "calls",
          model: "graduated",
          tiers: [
            { up_to: 100, unit_price: "0.10" },
            { up_to: null, unit_price: "0.05" },
            { up_to: 50, unit_price: "0.01" },
          ],
        };
        plan(scenario).interval = "fortnight";
        scenario.bill_until = "2026-13-01T00:00:00Z";
      },
      errors: [
        '$.currency: unknown currency "usd" (expected an ISO 4217 code such as "USD")',
        '$.timezone: unknown time zone "Europe/Atlantis" (expected an IANA name such as "Europe/Paris")',
        '$.plans[0].interval: must be one of "day", "week", "month", "quarter", "year", not "fortnight"',
        '$.plans[0].charges[0].amount: must not be negative, not "-1.00"',
        '$.plans[0].charges[0].timing: must be one of "in_advance", "in_arrears", not "sometimes"',
        '$.plans[0].charges[1].tiers: only the last tier may have "up_to": null (tier 1 has it)',
        '$.plans[0].charges[1].tiers: the last tier must have "up_to": null (it has 50)',
        '$.plans[0].charges[1].tiers: tiers are out of order: "up_to" must increase strictly, and tier 2 has 50 after 100',
        '$.bill_until: is not a real date and time (or has more than millisecond precision): "2026-13-01T00:00:00Z"',
      ],
    },
    {
      name: "refuses amounts written as numbers, and percentage charges on a meter that is not a sum",
      change: (scenario) => {
        charges(scenario)[0]!.amount = 49;
        charges(scenario)[1] = {
          id: "fees",
          type: "usage",
          meter: "calls",
          model: "percentage",
          rate: "2.9",
        };
      },
      errors: [
        '$.plans[0].charges[0].amount: must be a decimal string such as "49.00", not 49',
        '$.plans[0].charges[1].meter: a percentage charge needs a sum meter, and meter "calls" is "count"',
      ],
    },
    {
      name: "refuses duplicate codes and ids",
      change: (scenario) => {
        (scenario.meters as unknown[]).push({ code: "calls", event_name: "other", aggregation: "count" });
        charges(scenario)[1]!.id = "base";
        scenario.coupons = [
          { id: "c", type: "fixed", amount: "1.00", duration: "once" },
          { id: "c", type: "fixed", amount: "2.00", duration: "once" },
        ];
      },
      errors: [
        '$.meters[2].code: duplicate meter code "calls" (also at index 0)',
        '$.plans[0].charges[1].id: duplicate charge id "base" (also at index 0)',
        '$.coupons[1].id: duplicate coupon id "c" (also at index 0)',
      ],
    },
    {
      name: "checks meters, coupons and credit grants for what belongs together",
      change: (scenario) => {
        (scenario.meters as Record<string, unknown>[])[1]!.property = undefined;
        scenario.coupons = [{ id: "c", type: "percentage", percent: "120", duration: "repeating" }];
        scenario.credit_grants = [
          {
            id: "g",
            amount: "5.005",
            effective_at: "2026-02-01T00:00:00Z",
            expires_at: "2026-01-01T00:00:00Z",
            priority: 1,
          },
        ];
      },
      errors: [
        "$.meters[1].property: is required for a sum meter",
        '$.coupons[0].percent: must be at most 100, not "120"',
        '$.credit_grants[0].amount: has more decimal places than USD has (2): "5.005"',
      ],
    },
    {
      name: "refuses changes before the start or after a cancellation (rule 16)",
      change: (scenario) => {
        scenario.changes = [
          { type: "cancel", at: "2026-01-20T00:00:00Z", mode: "period_end" },
          { type: "change_plan", at: "2025-12-01T00:00:00Z", plan: "pro" },
          { type: "change_plan", at: "2026-01-25T00:00:00Z", plan: "pro" },
        ];
      },
      errors: [
        "$.changes[1].at: is before the subscription starts (2026-01-01T00:00:00Z): 2025-12-01T00:00:00Z",
        "$.changes[2]: comes after the cancellation at $.changes[0] (2026-01-20T00:00:00Z)",
      ],
    },
    {
      name: "names events whose properties a meter cannot read, even when the rest is wrong too (rule 11)",
      change: (scenario) => {
        scenario.bill_until = "tomorrow";
        scenario.events = [
          { id: "ok", name: "completion", timestamp: "2026-01-02T00:00:00Z", properties: { tokens: "12" } },
          { id: "no-tokens", name: "completion", timestamp: "2020-01-02T00:00:00Z", properties: {} },
          {
            id: "bad-tokens",
            name: "completion",
            timestamp: "2026-01-02T00:00:00Z",
            properties: { tokens: "lots" },
          },
          { id: "bad-time", name: "call", timestamp: "2026-02-30T00:00:00Z", extra: 1 },
        ];
      },
      errors: [
        '$.bill_until: must be an RFC 3339 timestamp such as "2026-01-15T00:00:00Z", not "tomorrow"',
        '$.events[1].properties.tokens: event "no-tokens" has no property "tokens", which meter "tokens" reads',
        '$.events[2].properties.tokens: event "bad-tokens": property "tokens" read by meter "tokens" must be a number or a numeric string, not "lots"',
        '$.events[3].extra: unknown field "extra"',
        '$.events[3].timestamp: is not a real date and time (or has more than millisecond precision): "2026-02-30T00:00:00Z"',
      ],
    },
  ])("$name", ({ change, errors }) => {
    expect(errorsFor(change)).toEqual(errors);
  });

  it("ignores the checker's fields", () => {
    const scenario = {
      ...baseScenario(),
      description: "x",
      expected: { invoices: [] },
      expected_error: ["y"],
    };
    expect(simulateScenario(scenario).ok).toBe(true);
  });
});

describe("events", () => {
  it("count an id seen twice once, the first listed (rule 10)", () => {
    const scenario = baseScenario();
    scenario.events = [
      { id: "e1", name: "call", timestamp: "2026-01-05T00:00:00Z", properties: {} },
      { id: "e1", name: "call", timestamp: "2026-01-06T00:00:00Z", properties: {} },
      { id: "e2", name: "call", timestamp: "2026-01-07T00:00:00Z" },
    ];
    const result = simulateScenario(scenario);
    const usageLine = result.ok ? result.output.invoices[1]?.lines[0] : undefined;
    expect(usageLine?.quantity).toBe("2");
  });

  it("can be streamed after the header and give the same invoices", async () => {
    const events = Array.from({ length: 50 }, (_, index) => ({
      id: `e${index}`,
      name: "call",
      timestamp: new Date(Date.UTC(2026, 0, 1) + index * 3_600_000 * 13).toISOString(),
      properties: {},
    }));
    const whole = simulateScenario({ ...baseScenario(), events });
    const streamed = await simulateScenarioStream(
      { ...baseScenario(), events: events.slice(0, 10) },
      (async function* () {
        yield* events.slice(10);
      })(),
    );
    expect(streamed).toEqual(whole);
  });

  it("keep no id set when the source vouches for unique ids", () => {
    const simulation = startScenarioSimulation(baseScenario(), { trustUniqueEventIds: true });
    simulation.addEvent({ id: "same", name: "call", timestamp: "2026-01-05T00:00:00Z" });
    simulation.addEvent({ id: "same", name: "call", timestamp: "2026-01-06T00:00:00Z" });
    const result = simulation.finish();
    expect(result.ok ? result.output.invoices[1]?.lines[0]?.quantity : undefined).toBe("2");
  });
});

describe("output", () => {
  it("prints an exact quantity in full and a time-weighted one to 12 decimal places (rule 20)", () => {
    const scenario = baseScenario();
    scenario.meters = [
      { code: "tokens", event_name: "completion", aggregation: "sum", property: "tokens" },
      { code: "storage", event_name: "storage", aggregation: "weighted_sum", property: "gb" },
    ];
    charges(scenario).splice(
      1,
      1,
      { id: "tokens", type: "usage", meter: "tokens", model: "per_unit", unit_price: "1" },
      { id: "storage", type: "usage", meter: "storage", model: "per_unit", unit_price: "1" },
    );
    scenario.events = [
      {
        id: "e1",
        name: "completion",
        timestamp: "2026-01-02T00:00:00Z",
        properties: { tokens: "0.0000000000001" },
      },
      { id: "e2", name: "storage", timestamp: "2026-01-16T00:00:00Z", properties: { gb: 20 } },
      { id: "e3", name: "storage", timestamp: "2026-01-17T00:00:00Z", properties: { gb: 10 } },
    ];
    const result = simulateScenario(scenario);
    const quantities = result.ok
      ? result.output.invoices[1]?.lines.map((line) => [line.charge, line.quantity])
      : [];
    expect(quantities).toEqual([
      ["tokens", "0.0000000000001"],
      ["storage", "15.161290322581"],
      ["base", "1"],
    ]);
  });

  it("explains each line", () => {
    const scenario = baseScenario();
    (scenario.subscription as Record<string, unknown>).billing = "calendar";
    (scenario.subscription as Record<string, unknown>).start = "2026-01-10T00:00:00Z";
    scenario.events = [{ id: "e1", name: "call", timestamp: "2026-01-15T00:00:00Z" }];
    const result = simulateScenario(scenario);
    expect(result.ok && result.output.invoices.map((invoice) => invoice.lines)).toEqual([
      [
        {
          charge: "base",
          kind: "fixed",
          period_start: "2026-01-10T00:00:00Z",
          period_end: "2026-02-01T00:00:00Z",
          quantity: "1",
          amount: "34.77",
          details: {
            plan: "pro",
            timing: "in_advance",
            full_amount: "49",
            proration: { days: 22, full_days: 31, factor: "22/31" },
          },
        },
      ],
      [
        {
          charge: "calls",
          kind: "usage",
          period_start: "2026-01-10T00:00:00Z",
          period_end: "2026-02-01T00:00:00Z",
          quantity: "1",
          amount: "0.01",
          details: {
            plan: "pro",
            meter: "calls",
            aggregation: "count",
            event_count: 1,
            quantity: "1",
            price: { model: "per_unit", free_units: "0", billable_units: "1", unit_price: "0.01" },
          },
        },
        expect.objectContaining({ charge: "base", amount: "49.00" }),
      ],
    ]);
  });
});

// ---- Properties over random scenarios -------------------------------------------

const CURRENCIES = [
  { code: "USD", digits: 2 },
  { code: "JPY", digits: 0 },
  { code: "BHD", digits: 3 },
];
const ZONES = ["UTC", "America/New_York", "Europe/Berlin", "Asia/Tokyo"];
const MODELS = ["per_unit", "package", "graduated", "volume"] as const;
const METERS = [
  { code: "calls", event_name: "call", aggregation: "count" },
  { code: "tokens", event_name: "completion", aggregation: "sum", property: "tokens" },
  { code: "peak", event_name: "completion", aggregation: "max", property: "tokens" },
  { code: "users", event_name: "completion", aggregation: "unique_count", property: "user" },
  { code: "storage", event_name: "storage", aggregation: "weighted_sum", property: "gb" },
  { code: "last", event_name: "storage", aggregation: "latest", property: "gb" },
];

const price = fc
  .integer({ min: 0, max: 50_000 })
  .map((value) => new Decimal(value).dividedBy(1000).toFixed());

const usageCharge = (id: string) =>
  fc
    .record({
      meter: fc.constantFrom(...METERS.map((meter) => meter.code)),
      model: fc.constantFrom(...MODELS),
      price,
      bound: fc.integer({ min: 1, max: 20 }),
    })
    .map(({ meter, model, price: unitPrice, bound }) => {
      const common = { id, type: "usage", meter, model };
      if (model === "per_unit") return { ...common, unit_price: unitPrice, free_units: bound };
      if (model === "package") return { ...common, package_size: bound, package_price: unitPrice };
      return {
        ...common,
        tiers: [
          { up_to: bound, unit_price: unitPrice, flat_fee: "1.5" },
          { up_to: null, unit_price: "0.25" },
        ],
      };
    });

const fixedCharge = (id: string) =>
  fc
    .record({ amount: price, timing: fc.constantFrom("in_advance", "in_arrears"), prorate: fc.boolean() })
    .map((fields) => ({ id, type: "fixed", ...fields }));

const planArbitrary = (code: string) =>
  fc
    .record({
      interval: fc.constantFrom("day", "week", "month", "quarter"),
      interval_count: fc.integer({ min: 1, max: 2 }),
      fixed: fixedCharge(`${code}_fee`),
      usage: fc.array(usageCharge(`${code}_usage`), { maxLength: 1 }),
      second: fc.array(usageCharge(`${code}_extra`), { maxLength: 1 }),
      minimum: fc.option(price, { nil: undefined }),
    })
    .map(({ interval, interval_count, fixed, usage, second, minimum }) => ({
      code,
      interval: interval === "day" && interval_count === 1 ? "week" : interval,
      interval_count,
      ...(minimum === undefined ? {} : { minimum_commitment: minimum }),
      charges: [fixed, ...usage, ...second],
    }));

const HOUR = 3_600_000;
const START = Date.UTC(2026, 0, 1);

const eventArbitrary = fc
  .record({
    hour: fc.integer({ min: -100, max: 24 * 200 }),
    kind: fc.constantFrom("call", "completion", "storage"),
    amount: fc.integer({ min: -20, max: 5_000 }),
    user: fc.integer({ min: 0, max: 5 }),
  })
  .map(({ hour, kind, amount, user }) => ({
    name: kind,
    timestamp: new Date(START + hour * HOUR).toISOString(),
    properties:
      kind === "call"
        ? {}
        : kind === "completion"
          ? { tokens: Math.abs(amount), user: `u${user}` }
          : { gb: amount % 50 },
  }));

const scenarioArbitrary = fc
  .record({
    currency: fc.constantFrom(...CURRENCIES),
    timezone: fc.constantFrom(...ZONES),
    billing: fc.constantFrom("anniversary", "calendar"),
    startDay: fc.integer({ min: 0, max: 60 }),
    trialDays: fc.integer({ min: 0, max: 10 }),
    plans: fc.tuple(planArbitrary("a"), planArbitrary("b")),
    changes: fc.array(fc.record({ day: fc.integer({ min: 0, max: 150 }), plan: fc.constantFrom("a", "b") }), {
      maxLength: 3,
    }),
    cancelDay: fc.option(
      fc.tuple(fc.integer({ min: 0, max: 200 }), fc.constantFrom("immediate", "period_end")),
      { nil: undefined },
    ),
    coupons: fc.array(
      fc.oneof(
        fc.record({
          type: fc.constant("percentage"),
          percent: fc.integer({ min: 1, max: 100 }).map(String),
          duration: fc.constantFrom("once", "forever"),
        }),
        fc.record({
          type: fc.constant("fixed"),
          amount: fc.integer({ min: 1, max: 30 }).map(String),
          duration: fc.constantFrom("once", "forever"),
        }),
      ),
      { maxLength: 2 },
    ),
    grants: fc.array(
      fc.record({ amount: fc.integer({ min: 1, max: 100 }), priority: fc.integer({ min: 0, max: 2 }) }),
      { maxLength: 2 },
    ),
    tax: fc.option(fc.integer({ min: 0, max: 25 }).map(String), { nil: undefined }),
    events: fc.array(eventArbitrary, { maxLength: 30 }),
  })
  .map((generated) => {
    const start = START + generated.startDay * 24 * HOUR;
    const dayAfterStart = (day: number) => new Date(start + day * 24 * HOUR).toISOString();
    const cancellation =
      generated.cancelDay === undefined
        ? []
        : [{ type: "cancel", at: dayAfterStart(generated.cancelDay[0] + 150), mode: generated.cancelDay[1] }];
    return {
      version: 1,
      currency: generated.currency.code,
      timezone: generated.timezone,
      meters: METERS,
      plans: generated.plans,
      subscription: {
        plan: "a",
        start: dayAfterStart(0),
        billing: generated.billing,
        trial_days: generated.trialDays,
      },
      changes: [
        ...generated.changes.map((change) => ({
          type: "change_plan",
          at: dayAfterStart(change.day),
          plan: change.plan,
        })),
        ...cancellation,
      ],
      coupons: generated.coupons.map((coupon, index) => ({ id: `c${index}`, ...coupon })),
      credit_grants: generated.grants.map((grant, index) => ({
        id: `g${index}`,
        amount: String(grant.amount),
        effective_at: dayAfterStart(0),
        priority: grant.priority,
      })),
      ...(generated.tax === undefined ? {} : { tax: { rate: generated.tax } }),
      events: generated.events.map((event, index) => ({ id: `e${index}`, ...event })),
      bill_until: dayAfterStart(200),
    };
  });

describe("any valid scenario (properties)", () => {
  it("adds up: subtotal = Σ lines, total = subtotal − discount − credits + tax, amount due = max(0, total − balance applied)", () => {
    fc.assert(
      fc.property(scenarioArbitrary, (scenario) => {
        const result = simulateScenario(scenario);
        if (!result.ok) throw new Error(errorsOf(result).join("\n"));
        const digits = CURRENCIES.find((currency) => currency.code === scenario.currency)?.digits ?? -1;
        let previousIssue = "";
        for (const invoice of result.output.invoices) {
          expect(invoice.issued_at > previousIssue).toBe(true);
          previousIssue = invoice.issued_at;
          const amount = (text: string) => {
            expect(text.split(".")[1]?.length ?? 0).toBe(digits);
            return new Decimal(text);
          };
          const lineSum = invoice.lines.reduce((sum, line) => sum.plus(amount(line.amount)), new Decimal(0));
          expect(amount(invoice.subtotal).equals(lineSum)).toBe(true);
          const total = amount(invoice.subtotal)
            .minus(amount(invoice.discount))
            .minus(amount(invoice.credits))
            .plus(amount(invoice.tax));
          expect(amount(invoice.total).equals(total)).toBe(true);
          const due = Decimal.max(0, amount(invoice.total).minus(amount(invoice.balance_applied)));
          expect(amount(invoice.amount_due).equals(due)).toBe(true);
          expect(invoice.lines.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 60 },
    );
  }, 60_000); // 60 generated scenarios: several seconds, more on a busy machine

  it("gives the same output, to the character, when run again", () => {
    fc.assert(
      fc.property(scenarioArbitrary, (scenario) => {
        const first = JSON.stringify(simulateScenario(scenario));
        const second = JSON.stringify(simulateScenario(structuredClone(scenario)));
        expect(second).toBe(first);
      }),
      { numRuns: 30 },
    );
  });
});

/** Every path to a value inside a JSON document, as lists of keys. */
function valuePaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value))
    return [prefix, ...value.flatMap((element, index) => valuePaths(element, [...prefix, index]))];
  if (typeof value === "object" && value !== null) {
    return [
      prefix,
      ...Object.entries(value).flatMap(([key, element]) => valuePaths(element, [...prefix, key])),
    ];
  }
  return [prefix];
}

function replaceAt(document: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const copy = (Array.isArray(document) ? [...document] : { ...(document as object) }) as Record<
    string | number,
    unknown
  >;
  copy[head] = replaceAt(copy[head], rest, replacement);
  return copy;
}

describe("any damaged scenario (property)", () => {
  it("is answered with errors or invoices, never an exception", () => {
    const damaged = fc
      .tuple(
        scenarioArbitrary,
        fc.array(fc.tuple(fc.nat(), fc.jsonValue({ maxDepth: 2 })), { minLength: 1, maxLength: 3 }),
      )
      .map(([scenario, damages]) =>
        damages.reduce<unknown>((document, [choice, replacement]) => {
          const paths = valuePaths(document);
          return replaceAt(document, paths[choice % paths.length] ?? [], replacement);
        }, scenario),
      );
    fc.assert(
      fc.property(damaged, (document) => {
        const result = simulateScenario(document);
        if (!result.ok) {
          expect(result.errors.length).toBeGreaterThan(0);
          for (const error of result.errors) expect(error.path.startsWith("$")).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});
