// A subscription's contract as the billing core reads it (issue #14, section
// 5), exactly as the simulator reads a scenario's: plans named by code in the
// stored terms become the plan versions the subscription's timeline bills
// (each phase its own version; a rate card entry applies to every version of
// its plan), and the subscription's timeline is shaped by the contract (its
// phases switch plans, its end ends it).
import type { PlanVersionRecord } from "../catalog/index.ts";
import type { ContractForBilling } from "../contracts/index.ts";
import {
  type CommitLedger,
  type Contract,
  type ContractBilling,
  contractTerms,
  Decimal,
  type Instant,
  type InvoiceLine,
  resumeCommitLedger,
} from "../core/index.ts";
import { toCoreContract } from "../simulation/index.ts";

/** What billing keeps of a subscription's contract. */
export type SubscriptionContract = {
  id: string;
  contract: Contract;
  /** As stored: its terms (plans by code) and the versions its phases switch to. */
  stored: ContractForBilling;
  /** The prepaid commits' balances after the last finalized invoice. */
  ledger: CommitLedger | undefined;
};

/** The billing core's contract, its plans resolved to the versions of the subscription's timeline. */
export function coreContractOf(
  stored: ContractForBilling,
  versions: ReadonlyMap<string, PlanVersionRecord>,
  versionIds: readonly string[],
): Contract {
  const { terms } = stored;
  // Ramps switch the plan of the subscription the contract was made around; another keeps its own plan.
  const phases = stored.primary
    ? (terms.phases ?? []).map((phase, index) => ({
        ...phase,
        plan: stored.phaseVersionIds[index] ?? phase.plan,
      }))
    : [];
  const rateCard = (terms.rate_card ?? []).flatMap((entry) =>
    versionIds
      .filter((versionId) => versions.get(versionId)?.planCode === entry.plan)
      .map((versionId) => ({ ...entry, plan: versionId })),
  );
  const dimensionsOf = (versionId: string, chargeId: string): readonly string[] => {
    const charge = versions.get(versionId)?.content.charges.find((candidate) => candidate.id === chargeId);
    return (charge as { dimensions?: string[] } | undefined)?.dimensions ?? [];
  };
  const contract = toCoreContract({ ...terms, phases, rate_card: rateCard }, dimensionsOf);
  return {
    ...contract,
    topUps: stored.topUps.map((topUp) => ({
      commitId: topUp.commit_id,
      at: Date.parse(topUp.at),
      amount: new Decimal(topUp.amount),
    })),
    ...(stored.primary ? {} : { drawsOnly: true }),
  };
}

/** The contract's terms that start by `until`, as a schedule built to `until` carries them. */
export function contractBillingAt(contract: Contract, until: Instant, timeZone: string): ContractBilling {
  return { contract, terms: contractTerms(contract, until, timeZone) };
}

/** The ends of the contract's terms in `(after, until]`: a postpaid commit's true-up falls due at each. */
export function termEndsBetween(
  contract: Contract,
  after: Instant | null,
  until: Instant,
  timeZone: string,
): Instant[] {
  return contractTerms(contract, until, timeZone)
    .map((term) => term.end)
    .filter((end) => (after === null || end > after) && end <= until);
}

/**
 * The first end of one of the contract's terms after `after`, if any: a
 * postpaid commit trues up there even when the subscription has ended
 * before it (V32), and with renewal every later term does too.
 */
export function firstTermEndAfter(contract: Contract, after: Instant, timeZone: string): Instant | undefined {
  // The terms that start by `after` run up to the one that holds it, which ends after it.
  return contractTerms(contract, after, timeZone)
    .map((term) => term.end)
    .find((end) => end > after);
}

/** The ledger an invoice draws from: the stored one, with fresh balances for terms begun since. */
export function ledgerToDrawFrom(billing: ContractBilling, stored: CommitLedger | undefined): CommitLedger {
  return resumeCommitLedger(billing, stored);
}

/** A finalized invoice's postpaid true-ups, as the contract keeps them. */
export function trueUpsOf(
  lines: readonly InvoiceLine[],
  formatAmount: (line: InvoiceLine) => string,
): { commit_id: string; term_start: string; amount: string }[] {
  return lines
    .filter((line) => line.kind === "commit_true_up")
    .map((line) => ({
      commit_id: line.charge,
      term_start: new Date(line.periodStart).toISOString(),
      amount: formatAmount(line),
    }));
}
