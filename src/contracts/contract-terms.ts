// A contract's terms checked against the live catalog and subscription, by
// the scenario format's own schema and rules (section 5, V26–V28), with each
// problem named at the request's field: the term fits the subscription (it
// starts at the subscription's start, on the first phase's plan), phases
// increase from the start, rate card entries name charges of their plans and
// fit them, amounts fit the currency's minor unit.
import { Type } from "typebox";
import type { PlanVersionRecord } from "../catalog/index.ts";
import type { FieldError } from "../platform/errors.ts";
import { checkDocument, withRules } from "../pricing/index.ts";
import {
  type ContractDocument,
  contractFitsScenario,
  type ScenarioContext,
  ScenarioContract,
} from "../simulation/index.ts";

/** The contract in a scenario's place: its subscription, its plans and the subscription's own changes. */
const ContractInPlace = withRules(
  Type.Object({
    contract: ScenarioContract,
    subscription: Type.Unknown(),
    plans: Type.Unknown(),
    changes: Type.Unknown(),
  }),
  contractFitsScenario,
);

/** Where a scenario's path lands on the request. */
function requestPath(path: string): string {
  if (path.startsWith("$.contract.")) return `$.${path.slice("$.contract.".length)}`;
  if (path === "$.contract") return "$";
  if (path === "$.subscription.start") return "$.start";
  // The subscription's plan, or one of its changes on a phase's instant: the subscription does not fit.
  return "$.subscription_id";
}

export type SubscriptionInPlace = {
  start: string;
  planCode: string;
  currency: string;
  changes: readonly { type: string; at: string }[];
};

/**
 * Every problem with `terms` for this subscription; `plans` holds, by plan
 * code, the version whose charges a rate card entry on that plan must name
 * (every plan of the environment may be named; unknown codes are problems).
 */
export function contractTermProblems(
  terms: ContractDocument,
  subscription: SubscriptionInPlace,
  plans: ReadonlyMap<string, PlanVersionRecord | undefined>,
  meterAggregations: ReadonlyMap<string, string>,
): FieldError[] {
  const context: ScenarioContext = {
    meterAggregations,
    planCodes: new Set(plans.keys()),
    currencyCode: subscription.currency,
  };
  // An amendment's record of a renewal stopped is the live contract's, not a scenario's: it is not checked here.
  const { first_term_end: _firstTermEnd, ...scenarioTerms } = terms;
  const document = {
    contract: scenarioTerms,
    subscription: { start: subscription.start, plan: subscription.planCode },
    plans: [...plans].map(([code, version]) => ({ code, charges: version?.content.charges ?? [] })),
    changes: subscription.changes,
  };
  const checked = checkDocument(ContractInPlace, document, context);
  if (checked.ok) return [];
  return checked.problems.map((problem) => ({ ...problem, path: requestPath(problem.path) }));
}
