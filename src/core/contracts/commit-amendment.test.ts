// A prepaid commit's amount changed by an amendment: the term's balance moves
// by the difference at once, never below what was drawn.
import { describe, expect, it } from "vitest";
import { at, prepaidCommitContract } from "../../../test/support/prepaid-commit-contract.ts";
import {
  type CommitLedger,
  changeCommitAmount,
  currencyFor,
  Decimal,
  openingCommitLedger,
} from "../index.ts";

const contract = prepaidCommitContract({ end: "2031-01-01T00:00:00Z", renewal: "none", amount: "500.00" });
const billing = { contract, terms: [{ start: contract.start, end: contract.end }] };
const usd = currencyFor("USD");

/** The opening ledger with 100.00 drawn. */
function drawnHundred(): CommitLedger {
  const [balance] = openingCommitLedger(billing).balances;
  return {
    balances: [{ ...balance!, drawn: new Decimal("100.00"), remaining: new Decimal("400.00") }],
  };
}

describe("changeCommitAmount", () => {
  it("grows the term's balance and invoices the difference once the commit line is invoiced", () => {
    const change = changeCommitAmount({
      billing,
      ledger: drawnHundred(),
      commitId: "prepaid",
      at: at("2030-03-10T00:00:00Z"),
      from: new Decimal("500.00"),
      to: new Decimal("800.00"),
      invoiced: true,
      currency: usd,
    });
    expect(change.ok).toBe(true);
    if (!change.ok) return;
    expect(change.topUp.toFixed(2)).toBe("300.00");
    expect(change.ledger.balances[0]).toMatchObject({
      granted: new Decimal("800.00"),
      remaining: new Decimal("700.00"),
      drawn: new Decimal("100.00"),
    });
  });

  it("shrinks it by no more than what is left, crediting the difference", () => {
    const below = changeCommitAmount({
      billing,
      ledger: drawnHundred(),
      commitId: "prepaid",
      at: at("2030-03-10T00:00:00Z"),
      from: new Decimal("500.00"),
      to: new Decimal("99.99"),
      invoiced: true,
      currency: usd,
    });
    expect(below).toEqual({ ok: false, minimum: new Decimal("100.00"), drawn: new Decimal("100.00") });
    const shrunk = changeCommitAmount({
      billing,
      ledger: drawnHundred(),
      commitId: "prepaid",
      at: at("2030-03-10T00:00:00Z"),
      from: new Decimal("500.00"),
      to: new Decimal("100.00"),
      invoiced: true,
      currency: usd,
    });
    expect(shrunk.ok && shrunk.topUp.toFixed(2)).toBe("-400.00");
  });

  it("before the term's first finalized invoice, opens the balance with the new amount and invoices nothing more", () => {
    const change = changeCommitAmount({
      billing: {
        ...billing,
        contract: { ...contract, commits: [{ ...contract.commits[0]!, amount: new Decimal("800.00") }] },
      },
      ledger: undefined,
      commitId: "prepaid",
      at: at("2030-01-01T00:00:00Z"),
      from: new Decimal("500.00"),
      to: new Decimal("800.00"),
      invoiced: false,
      currency: usd,
    });
    expect(change.ok && change.topUp.isZero()).toBe(true);
    expect(change.ok && change.ledger.balances[0]?.granted.toFixed(2)).toBe("800.00");
  });
});
