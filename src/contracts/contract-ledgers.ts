// What the bill run reads and writes of contracts: each subscription's
// contract with the commit balances its last finalized invoice left, and,
// when an invoice is finalized, the balances it leaves and the true-ups it
// billed. Also a contract's balances now (GET /v1/contracts/{id}/balances),
// reported by the billing core from the same ledger.
import {
  type CommitBalanceReport,
  type CommitDraw,
  type CommitLedger,
  type Contract,
  closeEndedTerms,
  commitBalanceReport,
  contractTerms,
  currencyFor,
  Decimal,
  formatAmount,
  giveBackCommitDraws,
  resumeCommitLedger,
} from "../core/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { inTenant } from "../platform/database/tenant-scope.ts";
import { type ContractDocument, toCoreContract } from "../simulation/index.ts";
import { getSubscription } from "../subscriptions/index.ts";
import type { ContractBalances } from "./contract-schemas.ts";
import { findContract, selectContracts, subscriptionsHeld } from "./contracts.ts";
import type { CommitBalanceRecord, CommitTopUpRecord, CommitTrueUpRecord } from "./tables.ts";

/** A subscription's contract as billing reads it; plans in `terms` are named by code. */
export type ContractForBilling = {
  id: string;
  terms: ContractDocument;
  /** The plan version each of `terms.phases` switches to. */
  phaseVersionIds: readonly string[];
  /** The prepaid commits' balances after the last finalized invoice; undefined before the first. */
  ledger: CommitLedger | undefined;
  /**
   * The subscription is the one the contract was made around: its timeline
   * follows the ramps, and its invoices carry the commit lines and true-ups.
   * Another subscription the contract holds keeps its own plan and draws on
   * the commits.
   */
  primary: boolean;
  /** Amendments' changes to prepaid commits already invoiced for their term, each invoiced once. */
  topUps: readonly CommitTopUpRecord[];
  /** Every subscription the contract holds, the one it was made around first. */
  subscriptionIds: readonly string[];
};

export function ledgerOf(records: readonly CommitBalanceRecord[] | null): CommitLedger | undefined {
  if (records === null) return undefined;
  return {
    balances: records.map((record) => ({
      commitId: record.commit_id,
      termIndex: record.term_index,
      granted: new Decimal(record.granted),
      rolledOver: new Decimal(record.rolled_over),
      drawn: new Decimal(record.drawn),
      expired: new Decimal(record.expired),
      remaining: new Decimal(record.remaining),
      closed: record.closed,
    })),
  };
}

export function recordsOf(ledger: CommitLedger): CommitBalanceRecord[] {
  return ledger.balances.map((balance) => ({
    commit_id: balance.commitId,
    term_index: balance.termIndex,
    granted: balance.granted.toFixed(),
    rolled_over: balance.rolledOver.toFixed(),
    drawn: balance.drawn.toFixed(),
    expired: balance.expired.toFixed(),
    remaining: balance.remaining.toFixed(),
    closed: balance.closed,
  }));
}

/** The contracts holding these subscriptions, by subscription id. */
export async function contractsOfSubscriptions(
  database: Database,
  scope: TenantScope,
  subscriptionIds: readonly string[],
): Promise<Map<string, ContractForBilling>> {
  if (subscriptionIds.length === 0) return new Map();
  const held = await database
    .selectFrom("contract_subscriptions")
    .select(["contract_id", "subscription_id", "position"])
    .where(inTenant(scope))
    .where("subscription_id", "in", [...subscriptionIds])
    .execute();
  if (held.length === 0) return new Map();
  const rows = await selectContracts(database, scope)
    .where("id", "in", [...new Set(held.map((entry) => entry.contract_id))])
    .execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  const all = await subscriptionsHeld(database, scope, [...byId.keys()]);
  return new Map(
    held.flatMap((entry) => {
      const row = byId.get(entry.contract_id);
      if (row === undefined) return [];
      const contract: ContractForBilling = {
        id: row.id,
        terms: row.terms,
        phaseVersionIds: row.phase_version_ids,
        ledger: ledgerOf(row.commit_ledger),
        primary: entry.position === 0,
        topUps: row.commit_top_ups,
        subscriptionIds: all.get(row.id) ?? [entry.subscription_id],
      };
      return [[entry.subscription_id, contract] as const];
    }),
  );
}

/**
 * Locks the contracts an invoice is about to draw on, in the invoice's
 * transaction, and reads their commit balances as the last finalized invoice
 * left them: two bill-run chunks that bill two subscriptions of one contract
 * draw one after the other, never twice from the same balance.
 */
export async function lockContractLedgers(
  transaction: Database,
  scope: TenantScope,
  contractIds: readonly string[],
): Promise<Map<string, CommitLedger | undefined>> {
  if (contractIds.length === 0) return new Map();
  const rows = await selectContracts(transaction, scope)
    .where("id", "in", [...new Set(contractIds)])
    .orderBy("id")
    .forUpdate()
    .execute();
  return new Map(rows.map((row) => [row.id, ledgerOf(row.commit_ledger)]));
}

/**
 * Keeps what a finalized invoice did to a contract, in the invoice's
 * transaction: the commit balances it left, and the postpaid true-ups it billed.
 */
export async function recordContractSettlement(
  transaction: Database,
  scope: TenantScope,
  input: {
    contractId: string;
    ledger: CommitLedger | undefined;
    trueUps: readonly CommitTrueUpRecord[];
    at: Date;
  },
): Promise<void> {
  const row = await selectContracts(transaction, scope)
    .where("id", "=", input.contractId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  await transaction
    .updateTable("contracts")
    .set({
      ...(input.ledger === undefined ? {} : { commit_ledger: JSON.stringify(recordsOf(input.ledger)) }),
      commit_true_ups: JSON.stringify([...row.commit_true_ups, ...input.trueUps]),
      updated_at: input.at,
    })
    .where(inTenant(scope))
    .where("id", "=", input.contractId)
    .execute();
}

/**
 * Gives a voided invoice's commit draws back to the contract it drew on (the
 * contract of the first of its subscriptions that one holds, as the bill run
 * chose it), in the void's transaction, its row locked: the billing core's
 * giveBackCommitDraws says what goes back.
 */
export async function giveBackVoidedDraws(
  transaction: Database,
  scope: TenantScope,
  voided: {
    subscriptionIds: readonly string[];
    draws: readonly CommitDraw[];
    timeZone: string;
    at: Date;
  },
): Promise<void> {
  if (voided.draws.length === 0) return;
  const held = await contractsOfSubscriptions(transaction, scope, voided.subscriptionIds);
  const drawnOn = voided.subscriptionIds.map((id) => held.get(id)).find((found) => found !== undefined);
  if (drawnOn === undefined) return;
  const stored = (await lockContractLedgers(transaction, scope, [drawnOn.id])).get(drawnOn.id);
  const contract = commitsContract(drawnOn.terms);
  const voidedAt = voided.at.getTime();
  const billing = {
    contract,
    terms: contractTerms(contract, Math.max(voidedAt, contract.start), voided.timeZone),
  };
  const ledger = giveBackCommitDraws({
    billing,
    ledger: resumeCommitLedger(billing, stored),
    draws: voided.draws,
    voidedAt,
  });
  await transaction
    .updateTable("contracts")
    .set({ commit_ledger: JSON.stringify(recordsOf(ledger)), updated_at: voided.at })
    .where(inTenant(scope))
    .where("id", "=", drawnOn.id)
    .execute();
}

/** The billing core's contract of stored terms, for its commits and term alone. */
function commitsContract(terms: ContractDocument): Contract {
  const { phases: _phases, rate_card: _rateCard, ...commitTerms } = terms;
  return toCoreContract(commitTerms, () => []);
}

/** Each commit's balance per term now: granted, rolled over, drawn or trued up, expired, and what remains. */
export async function contractBalances(
  context: RequestContext,
  contractId: string,
): Promise<ContractBalances> {
  const row = await findContract(context.database, context, contractId);
  const subscription = await getSubscription(context, row.subscription_id);
  const now = context.clock.now();
  const contract = commitsContract(row.terms);
  const billing = {
    contract,
    terms: contractTerms(contract, Math.max(now.getTime(), contract.start), subscription.timezone),
  };
  const ledger = closeEndedTerms(
    billing,
    resumeCommitLedger(billing, ledgerOf(row.commit_ledger)),
    now.getTime(),
  );
  const currency = currencyFor(row.currency);
  const trueUpLines = row.commit_true_ups.map((trueUp) => ({
    kind: "commit_true_up" as const,
    charge: trueUp.commit_id,
    periodStart: Date.parse(trueUp.term_start),
    amount: new Decimal(trueUp.amount),
  }));
  const money = (amount: Decimal) => formatAmount(amount, currency);
  const remainingOf = (report: CommitBalanceReport, termIndex: number): string | null => {
    if (report.type === "postpaid") return null;
    const balance = ledger.balances.find(
      (candidate) => candidate.commitId === report.commitId && candidate.termIndex === termIndex,
    );
    return money(balance?.remaining ?? report.granted);
  };
  const reports = commitBalanceReport(billing, ledger, trueUpLines);
  return {
    contract_id: row.id,
    currency: row.currency,
    as_of: now.toISOString(),
    balances: reports.map((report) => {
      const termIndex = billing.terms.findIndex((term) => term.start === report.termStart);
      return {
        id: report.commitId,
        type: report.type,
        term_start: new Date(report.termStart).toISOString(),
        term_end: new Date(report.termEnd).toISOString(),
        granted: money(report.granted),
        rolled_over: money(report.rolledOver),
        drawn: money(report.drawn),
        true_up: money(report.trueUp),
        expired: money(report.expired),
        remaining: remainingOf(report, termIndex),
      };
    }),
  };
}
