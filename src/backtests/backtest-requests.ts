// What a backtest request names, checked before anything is queued: a plan
// version, a plan with price overrides that fit its charges, or a contract
// change (a contract with the rate card it would have); a population
// narrowed to that plan; and a range of issue dates that has passed. Every
// problem is reported with the path of the field it is about.
import { contentOf, planVersionRows, planVersionsByIds } from "../catalog/index.ts";
import { getContract } from "../contracts/index.ts";
import type { RequestContext } from "../platform/context.ts";
import { FairbillError, type FieldError, validationFailed } from "../platform/errors.ts";
import { getSubscription, overrideFitProblems } from "../subscriptions/index.ts";
import type { BacktestPopulation, ContractRateCard, CreateBacktestInput } from "./backtest-schemas.ts";

/** A checked request: the plan it is about and what it prices it with. */
export type CheckedBacktestRequest = {
  planId: string;
  planVersionId: string | null;
  from: Date;
  to: Date;
  /** A contract change: the contract, its rate card as it would be, and its customer as the population. */
  contract?: { id: string; rateCard: ContractRateCard; population: BacktestPopulation };
};

/** The longest range of issue dates one backtest compares. */
const longestRangeDays = 400;
const dayMilliseconds = 86_400_000;

export async function checkBacktestRequest(
  context: RequestContext,
  input: CreateBacktestInput,
): Promise<CheckedBacktestRequest> {
  const errors: FieldError[] = [];
  const from = new Date(input.from);
  const to = new Date(input.to);
  if (from >= to) errors.push({ path: "$.to", message: "must be after from" });
  else if (to.getTime() - from.getTime() > longestRangeDays * dayMilliseconds)
    errors.push({ path: "$.to", message: `must be at most ${longestRangeDays} days after from` });
  if (to > context.clock.now())
    errors.push({ path: "$.to", message: "is in the future: a backtest prices invoices already billed" });

  if (input.contract_id !== undefined || input.rate_card !== undefined) {
    return checkContractChange(context, input, errors, { from, to });
  }
  const byVersion = input.plan_version_id !== undefined;
  const byOverrides = input.price_overrides !== undefined || input.plan_id !== undefined;
  if (byVersion === byOverrides) {
    errors.push({
      path: "$.plan_version_id",
      message: "give either plan_version_id, or plan_id with price_overrides",
    });
    throw validationFailed(errors);
  }
  let planId: string;
  if (input.plan_version_id !== undefined) {
    const version = (await planVersionsByIds(context.database, context, [input.plan_version_id])).get(
      input.plan_version_id,
    );
    if (version === undefined) {
      errors.push({
        path: "$.plan_version_id",
        message: `no plan version with id "${input.plan_version_id}"`,
      });
      throw validationFailed(errors);
    }
    planId = version.planId;
  } else {
    if (input.plan_id === undefined)
      errors.push({ path: "$.plan_id", message: "is required with price_overrides" });
    if (input.price_overrides === undefined)
      errors.push({ path: "$.price_overrides", message: "is required with plan_id" });
    if (input.plan_id === undefined || input.price_overrides === undefined) throw validationFailed(errors);
    planId = input.plan_id;
    errors.push(...(await overrideProblems(context, planId, input.price_overrides)));
  }

  const populationVersion = input.population?.plan_version_id;
  if (populationVersion !== undefined) {
    const version = (await planVersionsByIds(context.database, context, [populationVersion])).get(
      populationVersion,
    );
    if (version?.planId !== planId) {
      errors.push({
        path: "$.population.plan_version_id",
        message: `must be a version of the plan the backtest prices (${planId})`,
      });
    }
  }
  if (errors.length > 0) throw validationFailed(errors);
  return { planId, planVersionId: input.plan_version_id ?? null, from, to };
}

/**
 * A contract change: the contract's invoices priced with `rate_card` in place
 * of its own, for the contract's customer, on the plan its subscription is on.
 * The rate card names only plans the contract bills (its subscription's plan
 * and its phases').
 */
async function checkContractChange(
  context: RequestContext,
  input: CreateBacktestInput,
  errors: FieldError[],
  range: { from: Date; to: Date },
): Promise<CheckedBacktestRequest> {
  for (const field of ["plan_version_id", "plan_id", "price_overrides", "population"] as const) {
    if (input[field] !== undefined)
      errors.push({
        path: `$.${field}`,
        message: "does not go with a contract change (contract_id, rate_card)",
      });
  }
  if (input.contract_id === undefined)
    errors.push({ path: "$.contract_id", message: "is required with rate_card" });
  if (input.rate_card === undefined)
    errors.push({ path: "$.rate_card", message: "is required with contract_id" });
  if (input.contract_id === undefined || input.rate_card === undefined) throw validationFailed(errors);
  const contract = await getContract(context, input.contract_id).catch((error: unknown) => {
    if (error instanceof FairbillError && error.status === 404) return undefined;
    throw error;
  });
  if (contract === undefined) {
    errors.push({ path: "$.contract_id", message: `no contract with id "${input.contract_id}"` });
    throw validationFailed(errors);
  }
  const subscription = await getSubscription(context, contract.subscription_id);
  const plans = new Set([subscription.current_plan.plan_code, ...contract.phases.map((phase) => phase.plan)]);
  input.rate_card.forEach((entry, index) => {
    if (!plans.has(entry.plan))
      errors.push({
        path: `$.rate_card[${index}].plan`,
        message: `the contract bills no plan "${entry.plan}" (only ${[...plans].join(", ")})`,
      });
  });
  if (errors.length > 0) throw validationFailed(errors);
  return {
    planId: subscription.current_plan.plan_id,
    planVersionId: null,
    ...range,
    contract: {
      id: contract.id,
      rateCard: input.rate_card,
      population: { customer_ids: [contract.customer_id] },
    },
  };
}

/** Overrides on charges the plan does not have, or that do not fit the charge's model. */
async function overrideProblems(
  context: RequestContext,
  planId: string,
  overrides: NonNullable<CreateBacktestInput["price_overrides"]>,
): Promise<FieldError[]> {
  const rows = await planVersionRows(context.database, context, planId);
  if (rows.length === 0) return [{ path: "$.plan_id", message: `no plan with id "${planId}"` }];
  // The newest version that has the charge says what it is.
  const newestFirst = [...rows].sort((left, right) => right.version - left.version).map(contentOf);
  const errors: FieldError[] = [];
  overrides.forEach((entry, index) => {
    const path = `$.price_overrides[${index}]`;
    const charge = newestFirst
      .flatMap((content) => content.charges)
      .find((candidate) => candidate.id === entry.charge_id);
    if (charge === undefined) {
      errors.push({ path: `${path}.charge_id`, message: `the plan has no charge "${entry.charge_id}"` });
      return;
    }
    for (const problem of overrideFitProblems(entry.override, charge)) {
      errors.push({ path: `${path}${problem.path.slice(1)}`, message: problem.message });
    }
  });
  const charges = overrides.map(
    (entry) => `${entry.charge_id}:${entry.override.type === "percentage_discount"}`,
  );
  charges.forEach((key, index) => {
    if (charges.indexOf(key) !== index)
      errors.push({
        path: `$.price_overrides[${index}]`,
        message: "overrides this charge's price (or discount) a second time",
      });
  });
  return errors;
}
