// Contract amendments (issue #14, section 5): a contract's terms change from
// an instant (`effective_at`) that lies in its term and in no period its
// subscriptions have already invoiced. Each amendment is a new version of the
// terms, kept with the terms before and after, its author, reason and
// instant; it goes through the approval policy's `contracts` flag as creation
// does, is audited with what it changed in words, and announced as
// `contract.amended`. Billing reads the terms as they now are: rate card
// entries and ramp steps are dated, so periods before `effective_at` keep
// their prices (a period cut by it follows V28 and V27: its usage and
// in-arrears fees take the prices in force at its end, its in-advance fees
// those of its start; a ramp step inside it prorates as a plan change).
import type { Selectable } from "kysely";
import { describeActor, recordObjectChange } from "../audit/index.ts";
import { meterAggregationsOf } from "../catalog/index.ts";
import {
  type CommitLedger,
  changeCommitAmount,
  contractTerms,
  currencyFor,
  Decimal,
  formatAmount,
} from "../core/index.ts";
import { approvalRequestFor, type GuardedChange, withApproval } from "../governance/index.ts";
import { publishEvent } from "../notifications/index.ts";
import type { RequestContext } from "../platform/context.ts";
import { newestFirstPage, type PageRequest } from "../platform/database/list-pages.ts";
import type { DatabaseTransaction } from "../platform/database/schema.ts";
import { insertTenantRow } from "../platform/database/tenant-rows.ts";
import { inTenant, selectInTenant } from "../platform/database/tenant-scope.ts";
import { FairbillError, type FieldError, validationFailed } from "../platform/errors.ts";
import { withReason } from "../platform/http/reason.ts";
import { type ContractDocument, toCoreContract } from "../simulation/index.ts";
import { getSubscription } from "../subscriptions/index.ts";
import { type AppliedChanges, applyChanges } from "./amendment-changes.ts";
import type {
  AmendedContract,
  ContractAmendmentView,
  CreateAmendmentInput,
} from "./contract-amendment-schemas.ts";
import { ledgerOf, recordsOf } from "./contract-ledgers.ts";
import { contractTermProblems } from "./contract-terms.ts";
import { contractAmended } from "./contract-webhook-events.ts";
import {
  type ContractRow,
  contractHolding,
  findContract,
  holdSubscription,
  phaseVersionIds,
  plansNamed,
  presentContract,
  subscriptionsHeld,
} from "./contracts.ts";
import type { CommitTopUpRecord, ContractAmendmentTable } from "./tables.ts";

type SubscriptionView = Awaited<ReturnType<typeof getSubscription>>;

/** A change that cannot be made from this instant: 422, naming each field. */
function amendmentRefused(errors: FieldError[]): FairbillError {
  return new FairbillError({
    code: "amendment_refused",
    status: 422,
    detail: `The amendment cannot be made: ${errors.map((error) => `${error.path} ${error.message}`).join("; ")}.`,
    errors,
  });
}

/** `effective_at` lies in the contract's term and after every period its subscriptions have invoiced. */
function effectiveAtRefusals(
  row: ContractRow,
  held: readonly SubscriptionView[],
  effectiveAt: number,
): FieldError[] {
  const path = "$.effective_at";
  if (effectiveAt < row.start_at.getTime()) {
    return [{ path, message: `is before the contract's start (${row.start_at.toISOString()})` }];
  }
  if (row.renewal === "none" && effectiveAt >= row.end_at.getTime()) {
    return [{ path, message: `is not before the contract's end (${row.end_at.toISOString()})` }];
  }
  const invoiced = held
    .filter((subscription) => subscription.billed_through !== null)
    .map((subscription) => ({
      id: subscription.id,
      through: Date.parse(subscription.billed_through as string),
    }))
    .filter((subscription) => subscription.through > effectiveAt);
  return invoiced.map((subscription) => ({
    path,
    message: `falls in a period already invoiced: subscription ${subscription.id} is invoiced through ${new Date(subscription.through).toISOString()}; an amendment takes effect at or after it`,
  }));
}

/** Where a problem of the amended terms lands on the request: the change that made the part, or the changes. */
function requestPathOf(path: string, applied: AppliedChanges): string {
  const rateCard = /^\$\.rate_card\[(\d+)\](.*)$/.exec(path);
  if (rateCard !== null) {
    const origin = applied.rateCardOrigins.get(Number(rateCard[1]));
    if (origin !== undefined) return `$.changes[${origin}].entry${rateCard[2]}`;
  }
  return "$.changes";
}

/** The prepaid commits' balances and top-ups after the amendment's commit changes, or the refusals. */
function commitEffects(input: {
  row: ContractRow;
  terms: ContractDocument;
  applied: AppliedChanges;
  primary: SubscriptionView;
  effectiveAt: number;
}): { ledger: CommitLedger | undefined; topUps: CommitTopUpRecord[]; refusals: FieldError[] } {
  const { applied, effectiveAt } = input;
  const prepaid = applied.commitChanges.filter((change) => change.commit.type === "prepaid");
  const stored = ledgerOf(input.row.commit_ledger);
  if (prepaid.length === 0) return { ledger: stored, topUps: [], refusals: [] };
  const { phases: _phases, rate_card: _rateCard, ...commitTerms } = input.terms;
  const contract = toCoreContract(commitTerms, () => []);
  const billing = {
    contract,
    terms: contractTerms(contract, Math.max(effectiveAt, contract.start), input.primary.timezone),
  };
  const term = billing.terms.find(
    (candidate) => candidate.start <= effectiveAt && effectiveAt < candidate.end,
  );
  const billedThrough =
    input.primary.billed_through === null ? null : Date.parse(input.primary.billed_through);
  // The term's commit lines are invoiced from its start: once the subscription is invoiced through it.
  const invoiced = term !== undefined && billedThrough !== null && billedThrough >= term.start;
  const currency = currencyFor(input.row.currency);
  let ledger = stored;
  const topUps: CommitTopUpRecord[] = [];
  const refusals: FieldError[] = [];
  for (const change of prepaid) {
    const path = `$.changes[${change.changeIndex}].commit`;
    const commit = change.commit as Extract<typeof change.commit, { type: "prepaid" }>;
    if (invoiced && commit.invoice === "instalments") {
      refusals.push({
        path: `${path}.invoice`,
        message:
          change.from === null
            ? "a prepaid commit added after its term's start is invoiced upfront, on the next invoice"
            : `commit ${commit.id} is invoiced in instalments and its term has begun: its amount changes at a renewal, or add an upfront commit beside it`,
      });
      continue;
    }
    const alreadyStored = stored?.balances.some((balance) => balance.commitId === commit.id) === true;
    const result = changeCommitAmount({
      billing,
      ledger: alreadyStored ? ledger : undefined,
      commitId: commit.id,
      at: effectiveAt,
      from: new Decimal(change.from ?? "0"),
      to: new Decimal(commit.amount),
      invoiced,
      currency,
    });
    if (!result.ok) {
      refusals.push({
        path: `${path}.amount`,
        message: `cannot be reduced below what is already drawn: ${formatAmount(result.drawn, currency)} of commit ${commit.id} is drawn this term, so its amount must be at least ${formatAmount(result.minimum, currency)}`,
      });
      continue;
    }
    if (alreadyStored) ledger = result.ledger;
    if (!result.topUp.isZero()) {
      topUps.push({
        commit_id: commit.id,
        amount: formatAmount(result.topUp, currency),
        at: new Date(effectiveAt).toISOString(),
      });
    }
  }
  return { ledger, topUps, refusals };
}

/** The subscriptions the amendment adds: the customer's, in the contract's currency, under no contract. */
async function addedSubscriptions(
  context: RequestContext,
  row: ContractRow,
  applied: AppliedChanges,
  effectiveAt: number,
): Promise<{ subscriptions: SubscriptionView[]; refusals: FieldError[] }> {
  const subscriptions: SubscriptionView[] = [];
  const refusals: FieldError[] = [];
  for (const { changeIndex, subscriptionId } of applied.addedSubscriptions) {
    const path = `$.changes[${changeIndex}].subscription_id`;
    const subscription = await getSubscription(context, subscriptionId).catch(() => undefined);
    if (subscription === undefined || subscription.customer_id !== row.customer_id) {
      refusals.push({ path, message: `customer ${row.customer_id} has no subscription ${subscriptionId}` });
      continue;
    }
    if (subscription.currency !== row.currency) {
      refusals.push({
        path,
        message: `is billed in ${subscription.currency}, the contract in ${row.currency}`,
      });
      continue;
    }
    const holder = await contractHolding(context.database, context, subscriptionId);
    if (holder !== undefined) {
      refusals.push({ path, message: `is already held by contract ${holder}` });
      continue;
    }
    if (subscription.status === "ended") {
      refusals.push({ path, message: "has ended" });
      continue;
    }
    const through = subscription.billed_through === null ? null : Date.parse(subscription.billed_through);
    if (through !== null && through > effectiveAt) {
      refusals.push({
        path,
        message: `is invoiced through ${subscription.billed_through}, after effective_at: it joins the contract at or after it`,
      });
      continue;
    }
    subscriptions.push(subscription);
  }
  return { subscriptions, refusals };
}

/**
 * Amends the contract's terms from `input.effective_at`. Bad terms are 400,
 * changes that cannot be made from that instant 422 (each at its field);
 * with the policy's `contracts`, the first request is refused (409
 * approval_required) until another person approves it, and sending it again
 * then makes the amendment.
 */
export async function amendContract(
  context: RequestContext,
  contractId: string,
  input: CreateAmendmentInput,
): Promise<AmendedContract> {
  const reasoned = withReason(context, input.reason);
  const change: GuardedChange = {
    subject: { kind: "contract" },
    summary: `Amend contract ${contractId} from ${new Date(input.effective_at).toISOString()}: ${input.changes.map((one) => one.type).join(", ")}`,
    targetId: contractId,
    request: { contract_id: contractId, ...input },
  };
  return withApproval(reasoned, change, (spendApproval) =>
    context.database.transaction().execute(async (transaction) => {
      const row = await selectInTenant(transaction, context, "contracts")
        .where("id", "=", contractId)
        .forUpdate()
        .executeTakeFirst();
      if (row === undefined) await findContract(transaction, context, contractId);
      const contract = row as ContractRow;
      // Every read in the amendment's transaction (an embedded database has one connection).
      const scoped: RequestContext = { ...reasoned, database: transaction };
      const made = await amendmentOf(scoped, transaction, contract, input);
      // The request another person approved, when the policy asks for one (it is spent just below).
      const request = await approvalRequestFor(scoped, change);
      const approvalRequestId = request?.state === "approved" ? request.id : null;
      const amendment = await insertTenantRow(
        transaction,
        context,
        "contract_amendments",
        "contractAmendment",
        context.clock.now(),
        { ...made.amendment, approval_request_id: approvalRequestId },
      );
      await spendApproval(transaction, amendment.id);
      const now = context.clock.now();
      await transaction
        .updateTable("contracts")
        .set({
          terms: JSON.stringify(made.terms),
          end_at: new Date(made.terms.end),
          renewal: made.terms.renewal ?? "none",
          phase_version_ids: JSON.stringify(made.phaseVersionIds),
          version: contract.version + 1,
          ...(made.ledger === undefined ? {} : { commit_ledger: JSON.stringify(recordsOf(made.ledger)) }),
          commit_top_ups: JSON.stringify([...contract.commit_top_ups, ...made.topUps]),
          updated_at: now,
        })
        .where(inTenant(context))
        .where("id", "=", contract.id)
        .execute();
      for (const [offset, subscriptionId] of made.added.entries()) {
        await holdSubscription(transaction, context, {
          contractId: contract.id,
          subscriptionId,
          position: made.heldBefore.length + offset,
          at: now,
        });
      }
      const after = await selectInTenant(transaction, context, "contracts")
        .where("id", "=", contract.id)
        .executeTakeFirstOrThrow();
      const contractBefore = presentContract(contract, made.heldBefore);
      const contractAfter = presentContract(after, [...made.heldBefore, ...made.added]);
      const view = presentAmendment(amendment);
      const audited = {
        ...contractAfter,
        amendment_id: amendment.id,
        effective_at: view.effective_at,
        changed: view.described,
      };
      await recordObjectChange(transaction, reasoned, "contract", "amended", contractBefore, audited);
      const amended = { contract: contractAfter, amendment: view };
      await publishEvent(transaction, context, contractAmended, amended);
      return amended;
    }),
  );
}

/** The amendment's row and the contract's new terms, or the refusals. */
async function amendmentOf(
  context: RequestContext,
  transaction: DatabaseTransaction,
  row: ContractRow,
  input: CreateAmendmentInput,
) {
  const effectiveAt = Date.parse(input.effective_at);
  const heldBefore = (await subscriptionsHeld(transaction, context, [row.id])).get(row.id) ?? [
    row.subscription_id,
  ];
  const held = await Promise.all(heldBefore.map((id) => getSubscription(context, id)));
  const primary = held[0] as SubscriptionView;
  const timingRefusals = effectiveAtRefusals(row, held, effectiveAt);
  if (timingRefusals.length > 0) throw amendmentRefused(timingRefusals);

  const applied = applyChanges(row.terms, input.changes, effectiveAt, primary.timezone);
  const plans = await plansNamed(context, applied.terms);
  const firstPlan = applied.terms.phases?.[0]?.plan ?? primary.current_plan.plan_code;
  const termProblems = contractTermProblems(
    applied.terms,
    {
      start: primary.started_at,
      planCode: firstPlan,
      currency: primary.currency,
      changes: primary.changes.map((one) => ({ type: one.type, at: one.at })),
    },
    plans,
    await meterAggregationsOf(context.database, context),
  );
  const phases = phaseVersionIds(applied.terms, plans);
  const problems = [
    ...termProblems.map((problem) => ({ ...problem, path: requestPathOf(problem.path, applied) })),
    ...phases.problems.map((problem) => ({ ...problem, path: "$.changes" })),
  ];
  if (problems.length > 0) throw validationFailed(problems);
  const added = await addedSubscriptions(context, row, applied, effectiveAt);
  const commits = commitEffects({ row, terms: applied.terms, applied, primary, effectiveAt });
  const refusals = [...applied.refusals, ...added.refusals, ...commits.refusals];
  if (refusals.length > 0) throw amendmentRefused(refusals);

  // Phases that did not change keep the version they switched to when made.
  const before = row.terms.phases ?? [];
  const phaseIds = (applied.terms.phases ?? []).map((phase, index) => {
    const same = before.findIndex(
      (candidate) => candidate.plan === phase.plan && Date.parse(candidate.start) === Date.parse(phase.start),
    );
    return same >= 0 ? (row.phase_version_ids[same] ?? phases.ids[index]!) : phases.ids[index]!;
  });
  const actor = describeActor(context.actor);
  const addedIds = added.subscriptions.map((subscription) => subscription.id);
  const amendment = {
    contract_id: row.id,
    version: row.version + 1,
    effective_at: new Date(effectiveAt),
    changes: JSON.stringify(input.changes),
    described: JSON.stringify(applied.described),
    terms_before: JSON.stringify(row.terms),
    terms_after: JSON.stringify(applied.terms),
    subscription_ids_before: JSON.stringify(heldBefore),
    subscription_ids_after: JSON.stringify([...heldBefore, ...addedIds]),
    author: JSON.stringify({
      type: actor.type,
      id: actor.id,
      person: actor.person === null ? null : { id: actor.person.id, name: actor.person.name },
    }),
    approval_request_id: null,
    reason: context.reason ?? null,
  };
  return {
    amendment,
    terms: applied.terms,
    phaseVersionIds: phaseIds,
    ledger: commits.ledger,
    topUps: commits.topUps,
    heldBefore,
    added: addedIds,
  };
}

function presentAmendment(row: Selectable<ContractAmendmentTable>): ContractAmendmentView {
  return {
    id: row.id,
    contract_id: row.contract_id,
    version: row.version,
    effective_at: row.effective_at.toISOString(),
    changes: row.changes,
    described: row.described,
    terms_before: row.terms_before,
    terms_after: row.terms_after,
    subscription_ids_before: row.subscription_ids_before,
    subscription_ids_after: row.subscription_ids_after,
    author: row.author,
    approval_request_id: row.approval_request_id,
    reason: row.reason,
    created_at: row.created_at.toISOString(),
  };
}

/** A contract's amendments, newest first. */
export async function listAmendments(
  context: RequestContext,
  contractId: string,
  page: PageRequest,
): Promise<ContractAmendmentView[]> {
  await findContract(context.database, context, contractId);
  const rows = await newestFirstPage(selectInTenant(context.database, context, "contract_amendments"), page)
    .where("contract_id", "=", contractId)
    .execute();
  return rows.map(presentAmendment);
}
