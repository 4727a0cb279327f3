// `fairbill simulate` and POST /v1/simulations: a scenario document in, the
// invoices the billing engine issues for it out. The document is checked by
// the pricing language's schemas and rules (scenario-schema.ts), every
// problem named by its JSON path; the billing itself is the core engine's,
// the same functions that bill live subscriptions.
import {
  type BillingRequest,
  type BillingSchedule,
  computeInvoices,
  createUsageAccumulator,
  type InvalidUsageEvent,
  scheduleBilling,
  UsageAccumulator,
} from "../core/index.ts";
import type { FieldError } from "../platform/errors.ts";
import { checkDocument, describeValue, formatPath, isPlainObject, toCoreMeter } from "../pricing/index.ts";
import { instantOf } from "./scenario-fields.ts";
import { outputCommitBalance, outputInvoice, type ScenarioOutput } from "./scenario-output.ts";
import {
  plainlyValidEvent,
  ScenarioEvent,
  ScenarioEventV2,
  type ScenarioHeaderDocument,
  ScenarioMeters,
  scenarioContext,
  scenarioSchemas,
} from "./scenario-schema.ts";
import { readScenarioVersion } from "./scenario-version.ts";
import { toBillingRequest } from "./to-core.ts";

export type SimulationResult =
  | { readonly ok: true; readonly output: ScenarioOutput }
  | { readonly ok: false; readonly errors: readonly FieldError[] };

export type SimulationOptions = {
  /**
   * Set when the events come from a source that already keeps ids unique (an
   * event store with a unique key): the simulation then keeps no set of ids,
   * and its memory no longer grows with the number of events. Otherwise an id
   * seen before is skipped, as the live ingestion does (billing rule 10).
   */
  readonly trustUniqueEventIds?: boolean;
  /** Whether the document itself must list its events (true for a scenario file). */
  readonly eventsRequired?: boolean;
};

/** A simulation under way: feed it the scenario's events one at a time, then finish it. */
export type ScenarioSimulation = {
  /** Adds the next event, a parsed JSON value; problems with it are kept for `finish`. */
  addEvent(event: unknown): void;
  finish(): SimulationResult;
};

/** A scenario reads an optional field that holds null as left out. */
const nullMeansLeftOut = { nullMeansLeftOut: true } as const;

/** An event's problem, at the path that names it. */
function eventProblem(
  problem: InvalidUsageEvent,
  index: number,
  properties: Readonly<Record<string, unknown>>,
): FieldError {
  if (problem.problem === "no_price") {
    const { planCode, chargeId, dimensions } = problem.refused;
    const combination = Object.entries(dimensions)
      .map(([name, value]) => `${name} ${value === null ? "(no value)" : JSON.stringify(value)}`)
      .join(", ");
    return {
      path: formatPath(["events", index]),
      message: `no price in charge ${JSON.stringify(chargeId)} of plan ${JSON.stringify(planCode)} for ${combination}`,
    };
  }
  return {
    path: formatPath(["events", index, "properties", problem.property]),
    message: describeProblem(problem, properties),
  };
}

function describeProblem(
  problem: Extract<InvalidUsageEvent, { property: string }>,
  properties: Readonly<Record<string, unknown>>,
): string {
  const event = JSON.stringify(problem.eventId);
  const meter = JSON.stringify(problem.meterCode);
  return problem.problem === "missing"
    ? `event ${event} has no property ${JSON.stringify(problem.property)}, which meter ${meter} reads`
    : `event ${event}: property ${JSON.stringify(problem.property)} read by meter ${meter} must be a number or a numeric string, not ${describeValue(properties[problem.property])}`;
}

/**
 * Starts a simulation from a scenario's header: the whole document, whose
 * `events` (if any) are added first. More events can then be streamed in.
 */
export function startScenarioSimulation(
  header: unknown,
  options: SimulationOptions = {},
): ScenarioSimulation {
  const errors: FieldError[] = [];
  const version = readScenarioVersion(header);
  const schemas = scenarioSchemas[version.number];
  const checked = version.finish(
    checkDocument(
      options.eventsRequired === true ? schemas.header : schemas.streamedHeader,
      version.document,
      scenarioContext(version.document),
      nullMeansLeftOut,
    ),
  );

  let billing: { request: BillingRequest; schedule: BillingSchedule } | undefined;
  let accumulator: UsageAccumulator | undefined;
  let listedEvents: unknown;
  if (checked.ok) {
    const document = checked.value as ScenarioHeaderDocument;
    const request = toBillingRequest(document);
    const scheduled = scheduleBilling(request);
    billing = { request, schedule: scheduled.schedule };
    accumulator = createUsageAccumulator(request, scheduled);
    listedEvents = document.events;
  } else {
    errors.push(...checked.problems);
    // The rest of the document is wrong, but events can still be checked against the meters.
    const root = isPlainObject(header) ? header : {};
    const meters = checkDocument(ScenarioMeters, root.meters, scenarioContext(header), {
      nullMeansLeftOut: true,
    });
    if (meters.ok) {
      accumulator = new UsageAccumulator({
        meters: meters.value.map(toCoreMeter),
        windows: [],
        levelsStartAt: 0,
      });
    }
    listedEvents = root.events;
  }

  const seenEventIds = options.trustUniqueEventIds === true ? undefined : new Set<string>();
  let eventIndex = 0;

  const addEvent = (value: unknown): void => {
    const index = eventIndex++;
    const plain = plainlyValidEvent(value, version.number);
    const event =
      plain !== undefined
        ? { ok: true as const, value: plain }
        : checkDocument(
            version.number === 2 ? ScenarioEventV2 : ScenarioEvent,
            value,
            undefined,
            nullMeansLeftOut,
          );
    if (!event.ok) {
      // Paths under the event's own: `$.events[3].timestamp`.
      const eventPath = formatPath(["events", index]);
      for (const problem of event.problems) {
        errors.push({ path: `${eventPath}${problem.path.slice(1)}`, message: problem.message });
      }
      return;
    }
    const { id, name, timestamp } = event.value;
    const receivedAt = "received_at" in event.value ? event.value.received_at : undefined;
    const properties = event.value.properties ?? {};
    if (seenEventIds !== undefined) {
      if (seenEventIds.has(id)) return;
      seenEventIds.add(id);
    }
    const at = instantOf(timestamp)!;
    const problems = accumulator?.add(
      typeof receivedAt === "string"
        ? { id, name, timestamp: at, properties, receivedAt: instantOf(receivedAt)! }
        : { id, name, timestamp: at, properties },
      index,
    );
    if (problems === undefined) return;
    for (const problem of problems) errors.push(eventProblem(problem, index, properties));
  };

  if (Array.isArray(listedEvents)) {
    for (const event of listedEvents) addEvent(event);
  }

  return {
    addEvent,
    finish(): SimulationResult {
      if (errors.length > 0 || billing === undefined || accumulator === undefined) {
        return { ok: false, errors };
      }
      const { invoices, commitBalances } = computeInvoices({
        schedule: billing.schedule,
        catalog: billing.request.catalog,
        terms: billing.request.terms,
        usage: accumulator.finish(),
      });
      const { currency } = billing.request.terms;
      return {
        ok: true,
        output: {
          invoices: invoices.map(outputInvoice),
          ...(commitBalances === undefined
            ? {}
            : { commit_balances: commitBalances.map((balance) => outputCommitBalance(balance, currency)) }),
        },
      };
    },
  };
}

/** Simulates a whole scenario document (a parsed JSON value). Never throws on bad input. */
export function simulateScenario(document: unknown): SimulationResult {
  return startScenarioSimulation(document, { eventsRequired: true }).finish();
}

/**
 * Simulates a scenario whose events arrive as a stream (parsed JSON values),
 * after those the header lists, if any.
 */
export async function simulateScenarioStream(
  header: unknown,
  events: AsyncIterable<unknown> | Iterable<unknown>,
  options: SimulationOptions = {},
): Promise<SimulationResult> {
  const simulation = startScenarioSimulation(header, options);
  for await (const event of events) simulation.addEvent(event);
  return simulation.finish();
}
