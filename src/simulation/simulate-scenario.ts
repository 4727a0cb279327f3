// `fairbill simulate` and POST /v1/simulations: a scenario document in, the
// invoices the billing engine issues for it out. Validation reports every
// problem with its JSON path; the billing itself is the core engine's, the
// same functions that bill live subscriptions.
import {
  type BillingRequest,
  type BillingSchedule,
  computeInvoices,
  createUsageAccumulator,
  type InvalidUsageEvent,
  scheduleBilling,
  UsageAccumulator,
} from "../core/index.ts";
import { currency } from "./scenario-fields.ts";
import { outputInvoice, type ScenarioOutput } from "./scenario-output.ts";
import { collectReferences, eventSchema, type ScenarioDocument, scenarioSchema } from "./scenario-schema.ts";
import {
  childPath,
  describe,
  INVALID,
  IssueCollector,
  isPlainObject,
  type JsonPath,
  ROOT,
  type ValidationIssue,
} from "./schema.ts";
import { toBillingRequest, toMeter } from "./to-core.ts";

export type SimulationResult =
  | { readonly ok: true; readonly output: ScenarioOutput }
  | { readonly ok: false; readonly errors: readonly ValidationIssue[] };

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

const EVENTS_PATH = childPath(ROOT, "events");

function describeProblem(problem: InvalidUsageEvent, properties: Readonly<Record<string, unknown>>): string {
  const event = JSON.stringify(problem.eventId);
  const meter = JSON.stringify(problem.meterCode);
  return problem.problem === "missing"
    ? `event ${event} has no property ${JSON.stringify(problem.property)}, which meter ${meter} reads`
    : `event ${event}: property ${JSON.stringify(problem.property)} read by meter ${meter} must be a number or a numeric string, not ${describe(properties[problem.property])}`;
}

/**
 * Starts a simulation from a scenario's header: the whole document, whose
 * `events` (if any) are added first. More events can then be streamed in.
 */
export function startScenarioSimulation(
  header: unknown,
  options: SimulationOptions = {},
): ScenarioSimulation {
  const issues = new IssueCollector();
  const documentCurrency = isPlainObject(header)
    ? currency(header.currency, ROOT, new IssueCollector())
    : INVALID;
  const references = collectReferences(header, documentCurrency === INVALID ? undefined : documentCurrency);
  const parsed = scenarioSchema(references, { eventsRequired: options.eventsRequired ?? false })(
    header,
    ROOT,
    issues,
  );

  let billing: { request: BillingRequest; schedule: BillingSchedule } | undefined;
  let accumulator: UsageAccumulator | undefined;
  if (parsed !== INVALID && parsed.valid) {
    // A valid document has every required field, so its fields are the whole document.
    const request = toBillingRequest(parsed.fields as ScenarioDocument);
    const scheduled = scheduleBilling(request);
    billing = { request, schedule: scheduled.schedule };
    accumulator = createUsageAccumulator(request, scheduled);
  } else if (parsed !== INVALID && parsed.fields.meters !== undefined) {
    // The rest of the document is wrong, but events can still be checked against the meters.
    accumulator = new UsageAccumulator({
      meters: parsed.fields.meters.map(toMeter),
      windows: [],
      levelsStartAt: 0,
    });
  }

  const seenEventIds = options.trustUniqueEventIds === true ? undefined : new Set<string>();
  let eventIndex = 0;

  const addEvent = (value: unknown): void => {
    const index = eventIndex++;
    const path: JsonPath = childPath(EVENTS_PATH, index);
    const event = eventSchema(value, path, issues);
    if (event === INVALID) return;
    if (seenEventIds !== undefined) {
      if (seenEventIds.has(event.id)) return;
      seenEventIds.add(event.id);
    }
    const properties = event.properties ?? {};
    const problems = accumulator?.add(
      { id: event.id, name: event.name, timestamp: event.timestamp, properties },
      index,
    );
    if (problems === undefined) return;
    for (const problem of problems) {
      issues.report(
        childPath(childPath(path, "properties"), problem.property),
        describeProblem(problem, properties),
      );
    }
  };

  if (parsed !== INVALID) {
    for (const event of parsed.fields.events ?? []) addEvent(event);
  }

  return {
    addEvent,
    finish(): SimulationResult {
      if (issues.issues.length > 0 || billing === undefined || accumulator === undefined) {
        return { ok: false, errors: issues.issues };
      }
      const { invoices } = computeInvoices({
        schedule: billing.schedule,
        catalog: billing.request.catalog,
        terms: billing.request.terms,
        usage: accumulator.finish(),
      });
      return { ok: true, output: { invoices: invoices.map(outputInvoice) } };
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
