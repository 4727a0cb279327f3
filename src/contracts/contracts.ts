// Contracts as billing operations make them: create (checked against the
// catalog and the subscription, approved by a second person when the policy
// says so, audited, announced), read and list. A contract's terms change only
// by amendments (contract-amendments.ts), each a new version that takes
// effect from an instant not yet invoiced: the invoices it shaped stay explainable.
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
import { findInTenant, inTenant, selectInTenant } from "../platform/database/tenant-scope.ts";
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
export async function plansNamed(
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
export function phaseVersionIds(
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
      const existing = await contractHolding(transaction, context, input.subscription_id);
      if (existing !== undefined) {
        throw conflict(
          "contract_exists",
          `Subscription ${input.subscription_id} is already held by contract ${existing}.`,
          [{ path: "$.subscription_id", message: `is held by contract ${existing}` }],
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
      await holdSubscription(transaction, context, {
        contractId: row.id,
        subscriptionId: input.subscription_id,
        position: 0,
        at: now,
      });
      const contract = await recordCreation(
        transaction,
        reasoned,
        "contract",
        presentContract(row, [input.subscription_id]),
      );
      await spendApproval(transaction, contract.id);
      await publishEvent(transaction, context, contractCreated, contract);
      return contract;
    }),
  );
}

export async function getContract(context: RequestContext, contractId: string): Promise<ContractView> {
  const row = await findContract(context.database, context, contractId);
  const held = await subscriptionsHeld(context.database, context, [row.id]);
  return presentContract(row, held.get(row.id) ?? [row.subscription_id]);
}

/** The contract that holds a subscription, if one does. */
export async function contractHolding(
  database: Database,
  scope: TenantScope,
  subscriptionId: string,
): Promise<string | undefined> {
  const held = await database
    .selectFrom("contract_subscriptions")
    .select("contract_id")
    .where(inTenant(scope))
    .where("subscription_id", "=", subscriptionId)
    .executeTakeFirst();
  return held?.contract_id;
}

/** Puts a subscription under a contract. */
export async function holdSubscription(
  transaction: Database,
  scope: TenantScope,
  input: { contractId: string; subscriptionId: string; position: number; at: Date },
): Promise<void> {
  await transaction
    .insertInto("contract_subscriptions")
    .values({
      organization_id: scope.organizationId,
      environment_id: scope.environmentId,
      contract_id: input.contractId,
      subscription_id: input.subscriptionId,
      position: input.position,
      added_at: input.at,
    })
    .execute();
}

/** The subscriptions each contract holds, the one it was made around first. */
export async function subscriptionsHeld(
  database: Database,
  scope: TenantScope,
  contractIds: readonly string[],
): Promise<Map<string, string[]>> {
  if (contractIds.length === 0) return new Map();
  const rows = await database
    .selectFrom("contract_subscriptions")
    .select(["contract_id", "subscription_id"])
    .where(inTenant(scope))
    .where("contract_id", "in", [...contractIds])
    .orderBy("position")
    .execute();
  const byContract = new Map<string, string[]>();
  for (const row of rows)
    byContract.set(row.contract_id, [...(byContract.get(row.contract_id) ?? []), row.subscription_id]);
  return byContract;
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
  const rows = await query.execute();
  const held = await subscriptionsHeld(
    context.database,
    context,
    rows.map((row) => row.id),
  );
  return rows.map((row) => presentContract(row, held.get(row.id) ?? [row.subscription_id]));
}

export function selectContracts(database: Database, scope: TenantScope) {
  return selectInTenant(database, scope, "contracts");
}

export function presentContract(row: ContractRow, subscriptionIds: readonly string[]): ContractView {
  const { terms } = row;
  return {
    id: row.id,
    customer_id: row.customer_id,
    subscription_id: row.subscription_id,
    subscription_ids: [...subscriptionIds],
    version: row.version,
    currency: row.currency,
    start: row.start_at.toISOString(),
    end: row.end_at.toISOString(),
    renewal: row.renewal,
    first_term_end: terms.first_term_end === undefined ? null : new Date(terms.first_term_end).toISOString(),
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
