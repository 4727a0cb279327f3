// A prepaid commit's amount changed by a contract amendment (issue #14,
// section 5): the balance of the term in progress grows (or shrinks) by the
// difference at once, and when that term's commit line was already invoiced,
// the difference is invoiced as a top-up on the next invoice. A commit may be
// increased, or reduced by no more than what is left of its balance: what
// was drawn stays paid for.
import type { Currency } from "../currency.ts";
import { type Decimal, ZERO } from "../decimal.ts";
import type { Instant } from "../instant.ts";
import { roundToMinorUnit } from "../money.ts";
import type { CommitLedger, ContractBilling } from "./commit-ledger.ts";
import { resumeCommitLedger } from "./commit-ledger.ts";

export type CommitAmountChange =
  | {
      readonly ok: true;
      /** The ledger with the term's balance moved by the difference. */
      readonly ledger: CommitLedger;
      /** The amount still to invoice (negative: to credit); zero when the term's commit line is not invoiced yet. */
      readonly topUp: Decimal;
    }
  | {
      readonly ok: false;
      /** The least amount the commit may have: what its term's balance has drawn beyond what rolled in. */
      readonly minimum: Decimal;
      readonly drawn: Decimal;
    };

/**
 * Changes prepaid commit `commitId` from `from` to `to` at `at`, in the term
 * that holds `at` (a later renewed term grants the new amount whole).
 * `invoiced` says whether that term's commit line was already invoiced.
 */
export function changeCommitAmount(input: {
  billing: ContractBilling;
  ledger: CommitLedger | undefined;
  commitId: string;
  at: Instant;
  from: Decimal;
  to: Decimal;
  invoiced: boolean;
  currency: Currency;
}): CommitAmountChange {
  const difference = roundToMinorUnit(input.to.minus(input.from), input.currency);
  const termIndex = input.billing.terms.findIndex((term) => term.start <= input.at && input.at < term.end);
  // A balance not stored yet (before the term's first finalized invoice) opens with the new amount.
  const storedBalance = input.ledger?.balances.find(
    (balance) => balance.commitId === input.commitId && balance.termIndex === termIndex,
  );
  if (input.ledger === undefined || storedBalance === undefined) {
    return {
      ok: true,
      ledger: resumeCommitLedger(input.billing, input.ledger),
      topUp: input.invoiced ? difference : ZERO,
    };
  }
  const ledger = resumeCommitLedger(input.billing, input.ledger);
  const balances = ledger.balances.map((balance) => {
    if (balance.commitId !== input.commitId || balance.termIndex !== termIndex) return balance;
    return {
      ...balance,
      granted: balance.granted.plus(difference),
      remaining: balance.remaining.plus(difference),
    };
  });
  const changed = balances.find(
    (balance) => balance.commitId === input.commitId && balance.termIndex === termIndex,
  );
  if (changed?.remaining.lessThan(ZERO)) {
    const before = ledger.balances.find(
      (balance) => balance.commitId === input.commitId && balance.termIndex === termIndex,
    )!;
    return { ok: false, minimum: input.from.minus(before.remaining), drawn: before.drawn };
  }
  return { ok: true, ledger: { balances }, topUp: input.invoiced ? difference : ZERO };
}
