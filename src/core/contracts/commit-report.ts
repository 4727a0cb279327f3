// What each commit did in each term (scenario format v2, V33): granted,
// rolled over, drawn or trued up, and expired.
import { type Decimal, sumDecimals, ZERO } from "../decimal.ts";
import type { Instant } from "../instant.ts";
import type { InvoiceLine } from "../invoicing/invoice-line.ts";
import type { CommitLedger, ContractBilling } from "./commit-ledger.ts";

export type CommitBalanceReport = {
  readonly commitId: string;
  readonly type: "prepaid" | "postpaid";
  readonly termStart: Instant;
  readonly termEnd: Instant;
  /** 0 for a postpaid commit. */
  readonly granted: Decimal;
  readonly rolledOver: Decimal;
  /** A prepaid commit's draws on invoices. */
  readonly drawn: Decimal;
  /** A postpaid commit's true-up for the term. */
  readonly trueUp: Decimal;
  /** Breakage at the term's end; 0 for a term that had not ended. */
  readonly expired: Decimal;
};

/** What the report reads of the lines billed: a postpaid commit's true-ups. */
type ReportedLine = Pick<InvoiceLine, "kind" | "charge" | "periodStart" | "amount">;

/** One entry per commit and term, by commit in listed order, then by term; `lines`: every line billed. */
export function commitBalanceReport(
  billing: ContractBilling,
  ledger: CommitLedger,
  lines: readonly ReportedLine[],
): CommitBalanceReport[] {
  return billing.contract.commits.flatMap((commit) =>
    billing.terms.map((term, termIndex) => {
      const base = { commitId: commit.id, type: commit.type, termStart: term.start, termEnd: term.end };
      if (commit.type === "postpaid") {
        const trueUp = sumDecimals(
          lines
            .filter(
              (line) =>
                line.kind === "commit_true_up" &&
                line.charge === commit.id &&
                line.periodStart === term.start,
            )
            .map((line) => line.amount),
        );
        return { ...base, granted: ZERO, rolledOver: ZERO, drawn: ZERO, trueUp, expired: ZERO };
      }
      const balance = ledger.balances.find(
        (candidate) => candidate.commitId === commit.id && candidate.termIndex === termIndex,
      );
      return {
        ...base,
        granted: balance?.granted ?? commit.amount,
        rolledOver: balance?.rolledOver ?? ZERO,
        drawn: balance?.drawn ?? ZERO,
        trueUp: ZERO,
        expired: balance?.expired ?? ZERO,
      };
    }),
  );
}
