// Contracts as billing operations make them: create (checked against the
// catalog and the subscription, approved by a second person when the policy
// says so, audited, announced), read and list. A contract's terms do not
// change once made: the invoices it shaped must stay explainable.
import type { Selectable } from "kysely";
import { recordCreation } from "../audit/index.ts";
import {
  meterAggregationsOf,
  type PlanVersionRecord,
  planVersionsByIds,
  selectPlans,
  versionInEffect,
} from "../catalog/index.ts";
import { type GuardedChange, type SpendApproval, withApproval } from "../governance/index.ts";
import { publishEvent } from "../notifications/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import { newestFirstPage, type PageRequest } from "../platform/database/list-pages.ts";
import type { Database } from "../platform/database/schema.ts";
import { insertTenantRow } from "../platform/database/tenant-rows.ts";
import { findInTenant, selectInTenant } from "../platform/database/tenant-scope.ts";
import { conflict, validationFailed } from "../platform/errors.ts";
import { withReason } from "../platform/http/reason.ts";
import type { ContractDocument } from "../simulation/index.ts";
import { getSubscription } from "../subscriptions/index.ts";
import type { ContractListFilters, ContractView, CreateContractInput } from "./contract-schemas.ts";
import { contractTermProblems } from "./contract-terms.ts";
import { contractCreated } from "./contract-webhook-events.ts";
import type { ContractTable } from "./tables.ts";

export type ContractRow = Selectable<ContractTable>;

function termsOf(input: CreateContractInput): ContractDocument {
  const { customer_id: _customer, subscription_id: _subscription, reason: _reason, ...terms } = input;
  return terms as ContractDocument;
}

/** The plans the terms name, by code, each with the version its charges are checked against. */
async function plansNamed(
  context: RequestContext,
  terms: ContractDocument,
): Promise<Map<string, PlanVersionRecord | undefined>> {
  const plans = await selectPlans(context.database, context).select(["id", "code"]).execute();
  const named = new Set([
    ...(terms.phases ?? []).map((phase) => phase.plan),
    ...(terms.rate_card ?? []).map((entry) => entry.plan),
  ]);
  const byCode = new Map<string, PlanVersionRecord | undefined>();
  for (const plan of plans) byCode.set(plan.code, undefined);
  for (const plan of plans.filter((candidate) => named.has(candidate.code))) {
    const firstPhase = (terms.phases ?? []).find((phase) => phase.plan === plan.code);
    const at = new Date(firstPhase?.start ?? terms.start);
    const version =
      (await versionInEffect(context.database, context, plan.id, at)) ??
      (await versionInEffect(context.database, context, plan.id, new Date(terms.start)));
    if (version === undefined) continue;
    byCode.set(plan.code, (await planVersionsByIds(context.database, context, [version.id])).get(version.id));
  }
  return byCode;
}

/** The plan version each phase switches to: its plan's version in effect at the phase's start. */
function phaseVersionIds(
  terms: ContractDocument,
  plans: ReadonlyMap<string, PlanVersionRecord | undefined>,
): { ids: string[]; problems: { path: string; message: string }[] } {
  const ids: string[] = [];
  const problems: { path: string; message: string }[] = [];
  (terms.phases ?? []).forEach((phase, index) => {
    const version = plans.get(phase.plan);
    if (version === undefined) {
      problems.push({
        path: `$.phases[${index}].plan`,
        message: `plan "${phase.plan}" has no published version in effect at ${phase.start}`,
      });
    } else ids.push(version.id);
  });
  return { ids, problems };
}

/**
 * `reviewedAlready` says that another person approved these very terms
 * before (a deal won in a CRM, approved as a draft contract): the policy is
 * not asked again.
 */
export async function createContract(
  context: RequestContext,
  input: CreateContractInput,
  options: { reviewedAlready?: boolean } = {},
): Promise<ContractView> {
  const subscription = await getSubscription(context, input.subscription_id).catch(() => undefined);
  if (subscription === undefined || subscription.customer_id !== input.customer_id) {
    throw validationFailed([
      {
        path: "$.subscription_id",
        message: `customer ${input.customer_id} has no subscription ${input.subscription_id}`,
      },
    ]);
  }
  if (subscription.billed_through !== null) {
    throw validationFailed([
      {
        path: "$.subscription_id",
        message:
          "has already been invoiced: a contract starts with its subscription, before its first invoice",
      },
    ]);
  }
  const terms = termsOf(input);
  const plans = await plansNamed(context, terms);
  const problems = contractTermProblems(
    terms,
    {
      start: subscription.started_at,
      planCode: subscription.current_plan.plan_code,
      currency: subscription.currency,
      changes: subscription.changes.map((change) => ({ type: change.type, at: change.at })),
    },
    plans,
    await meterAggregationsOf(context.database, context),
  );
  const phases = phaseVersionIds(terms, plans);
  if (problems.length > 0 || phases.problems.length > 0) {
    throw validationFailed([...problems, ...phases.problems]);
  }
  const reasoned = withReason(context, input.reason);
  const change: GuardedChange = {
    subject: { kind: "contract" },
    summary: `Create a contract for ${input.customer_id} from ${terms.start} to ${terms.end} around ${input.subscription_id}`,
    targetId: input.customer_id,
    request: input,
  };
  const guarded = (make: (spend: SpendApproval) => Promise<ContractView>) =>
    options.reviewedAlready === true ? make(async () => {}) : withApproval(reasoned, change, make);
  return guarded((spendApproval) =>
    context.database.transaction().execute(async (transaction) => {
      const existing = await selectContracts(transaction, context)
        .where("subscription_id", "=", input.subscription_id)
        .executeTakeFirst();
      if (existing !== undefined) {
        throw conflict(
          "contract_exists",
          `Subscription ${input.subscription_id} is already held by contract ${existing.id}.`,
          [{ path: "$.subscription_id", message: `is held by contract ${existing.id}` }],
        );
      }
      const now = context.clock.now();
      const row = await insertTenantRow(transaction, context, "contracts", "contract", now, {
        customer_id: input.customer_id,
        subscription_id: input.subscription_id,
        currency: subscription.currency,
        start_at: new Date(terms.start),
        end_at: new Date(terms.end),
        renewal: terms.renewal ?? "none",
        terms: JSON.stringify(terms),
        phase_version_ids: JSON.stringify(phases.ids),
        created_at: now,
        updated_at: now,
      });
      const contract = await recordCreation(transaction, reasoned, "contract", presentContract(row));
      await spendApproval(transaction, contract.id);
      await publishEvent(transaction, context, contractCreated, contract);
      return contract;
    }),
  );
}

export async function getContract(context: RequestContext, contractId: string): Promise<ContractView> {
  return presentContract(await findContract(context.database, context, contractId));
}

export async function findContract(
  database: Database,
  scope: TenantScope,
  contractId: string,
): Promise<ContractRow> {
  return findInTenant(database, scope, "contracts", contractId, "contract");
}

export async function listContracts(
  context: RequestContext,
  filters: ContractListFilters,
  page: PageRequest,
): Promise<ContractView[]> {
  let query = newestFirstPage(selectContracts(context.database, context), page);
  if (filters.customer_id !== undefined) query = query.where("customer_id", "=", filters.customer_id);
  return (await query.execute()).map(presentContract);
}

export function selectContracts(database: Database, scope: TenantScope) {
  return selectInTenant(database, scope, "contracts");
}

function presentContract(row: ContractRow): ContractView {
  const { terms } = row;
  return {
    id: row.id,
    customer_id: row.customer_id,
    subscription_id: row.subscription_id,
    currency: row.currency,
    start: row.start_at.toISOString(),
    end: row.end_at.toISOString(),
    renewal: row.renewal,
    phases: (terms.phases ?? []).map((phase, index) => ({
      start: new Date(phase.start).toISOString(),
      plan: phase.plan,
      plan_version_id: row.phase_version_ids[index] ?? "",
    })),
    rate_card: terms.rate_card ?? [],
    commits: terms.commits ?? [],
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}
