// A voided invoice's commit draws given back to the ledger: to a term still
// running, never to one that has ended (its rest was settled at its end), and
// never more than the balance has drawn.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { at, prepaidCommitContract } from "../../../test/support/prepaid-commit-contract.ts";
import {
  type CommitDraw,
  type CommitLedger,
  closeEndedTerms,
  contractTerms,
  currencyFor,
  Decimal,
  drawCommits,
  giveBackCommitDraws,
  type InvoiceLine,
  openingCommitLedger,
} from "../index.ts";

/** Monthly terms from 1 January 2030, renewed, with a prepaid commit of 1,000.00 a term drawn by usage. */
const contract = prepaidCommitContract({ end: "2030-02-01T00:00:00Z", renewal: "auto", amount: "1000.00" });
const billing = { contract, terms: contractTerms(contract, at("2030-02-01T00:00:00Z"), "UTC") };

/** The ledger after an invoice on 20 January with `amount` of January's usage (300.00 unless told), and its draws. */
function drawnInJanuary(amount = "300.00", ledger: CommitLedger = openingCommitLedger(billing)) {
  return drawCommits({
    billing,
    ledger,
    issuedAt: at("2030-01-20T00:00:00Z"),
    lines: [
      {
        kind: "usage",
        charge: "tokens",
        periodStart: at("2030-01-01T00:00:00Z"),
        periodEnd: at("2030-01-20T00:00:00Z"),
        quantity: new Decimal(amount),
        amount: new Decimal(amount),
        // The draw reads a line's kind, period and amount, not how it was priced.
        details: {} as InvoiceLine["details"],
      },
    ],
    available: new Decimal(amount),
    currency: currencyFor("USD"),
  });
}

/** The ledger with `draws` given back by a void on 25 January, while January's term runs. */
function givenBackOnJanuary25(ledger: CommitLedger, draws: readonly CommitDraw[]): CommitLedger {
  return giveBackCommitDraws({ billing, ledger, draws, voidedAt: at("2030-01-25T00:00:00Z") });
}

function january(ledger: CommitLedger) {
  const balance = ledger.balances.find((candidate) => candidate.termIndex === 0)!;
  return { drawn: balance.drawn.toFixed(2), remaining: balance.remaining.toFixed(2) };
}

describe("giving a voided invoice's commit draws back", () => {
  it("returns a draw to its term while the term runs", () => {
    const { draws, ledger } = drawnInJanuary();
    expect(january(ledger)).toEqual({ drawn: "300.00", remaining: "700.00" });
    const given = givenBackOnJanuary25(ledger, draws);
    expect(january(given)).toEqual({ drawn: "0.00", remaining: "1000.00" });
  });

  it("leaves a draw drawn once its term has ended", () => {
    const { draws, ledger } = drawnInJanuary();
    for (const voidedAt of ["2030-02-01T00:00:00Z", "2030-02-10T00:00:00Z"]) {
      const given = giveBackCommitDraws({ billing, ledger, draws, voidedAt: at(voidedAt) });
      expect(january(given)).toEqual({ drawn: "300.00", remaining: "700.00" });
    }
  });

  it("never gives back more than the balance drew", () => {
    const { draws, ledger } = drawnInJanuary();
    const twice = [...draws, ...draws];
    const given = givenBackOnJanuary25(ledger, twice);
    expect(january(given)).toEqual({ drawn: "0.00", remaining: "1000.00" });
  });

  it("keeps drawn plus remaining at the grant, whatever is drawn and voided, and voiding all opens it again", () => {
    const invoices = fc.array(
      fc.record({ cents: fc.integer({ min: 0, max: 80_000 }), voided: fc.boolean() }),
      { maxLength: 8 },
    );
    fc.assert(
      fc.property(invoices, (sequence) => {
        let ledger = openingCommitLedger(billing);
        const allDraws: CommitDraw[] = [];
        for (const { cents, voided } of sequence) {
          const drawn = drawnInJanuary(new Decimal(cents).dividedBy(100).toFixed(2), ledger);
          ledger = drawn.ledger;
          allDraws.push(...drawn.draws);
          if (voided) {
            ledger = givenBackOnJanuary25(ledger, drawn.draws);
          }
          const balance = ledger.balances.find((candidate) => candidate.termIndex === 0)!;
          expect(balance.drawn.plus(balance.remaining).toFixed(2)).toBe("1000.00");
          expect(balance.drawn.isNegative()).toBe(false);
        }
        const reopened = givenBackOnJanuary25(ledger, allDraws);
        expect(january(reopened)).toEqual({ drawn: "0.00", remaining: "1000.00" });
      }),
    );
  });
});

describe("the terms of a contract whose renewal stopped after it renewed", () => {
  it("roll over into one another as renewed terms do, and expire at the contract's end", () => {
    // Monthly terms from 1 January, renewed on 1 February; renewal stopped then, so it ends on 1 March.
    const renewed = prepaidCommitContract({
      end: "2030-02-01T00:00:00Z",
      renewal: "auto",
      amount: "1000.00",
    });
    const stopped = {
      ...renewed,
      end: at("2030-03-01T00:00:00Z"),
      renewal: "none" as const,
      firstTermEnd: renewed.end,
      commits: renewed.commits.map((commit) => ({ ...commit, rollover: { type: "full" as const } })),
    };
    const stoppedBilling = {
      contract: stopped,
      terms: contractTerms(stopped, at("2030-06-01T00:00:00Z"), "UTC"),
    };
    const closed = closeEndedTerms(
      stoppedBilling,
      openingCommitLedger(stoppedBilling),
      at("2030-06-01T00:00:00Z"),
    );
    expect(
      closed.balances.map((balance) => [
        balance.termIndex,
        balance.rolledOver.toFixed(2),
        balance.expired.toFixed(2),
      ]),
    ).toEqual([
      [0, "0.00", "0.00"],
      [1, "1000.00", "2000.00"],
    ]);
  });
});
