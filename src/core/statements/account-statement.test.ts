import { describe, expect, it } from "vitest";
import { Decimal } from "../decimal.ts";
import { accountStatement, type StatementEntry } from "./account-statement.ts";

const entry = (
  at: string,
  kind: StatementEntry["kind"],
  reference: string,
  amount: string,
): StatementEntry => ({
  at: new Date(at),
  kind,
  reference,
  description: kind,
  amount: new Decimal(amount),
});

describe("accountStatement", () => {
  const entries = [
    entry("2026-03-10T00:00:00Z", "payment", "pay_2", "100.00"),
    entry("2026-01-05T00:00:00Z", "invoice", "INV-1", "100.00"),
    entry("2026-02-05T00:00:00Z", "invoice", "INV-2", "240.50"),
    entry("2026-02-20T00:00:00Z", "payment", "pay_1", "100.00"),
    entry("2026-03-10T00:00:00Z", "invoice", "INV-3", "80.00"),
    entry("2026-03-12T00:00:00Z", "credit_note", "CN-1", "20.50"),
    entry("2026-03-15T00:00:00Z", "refund", "ref_1", "10.00"),
    entry("2026-04-01T00:00:00Z", "invoice", "INV-4", "999.00"),
  ];

  it("brings forward what was owed before, runs the balance in date order and adds up", () => {
    const statement = accountStatement(
      entries,
      new Date("2026-02-01T00:00:00Z"),
      new Date("2026-03-31T23:59:59.999Z"),
    );
    expect(statement.opening_balance.toFixed(2)).toBe("100.00");
    expect(
      statement.lines.map((line) => [
        line.reference,
        line.debit.toFixed(2),
        line.credit.toFixed(2),
        line.balance.toFixed(2),
      ]),
    ).toEqual([
      ["INV-2", "240.50", "0.00", "340.50"],
      ["pay_1", "0.00", "100.00", "240.50"],
      // The same instant: the invoice before the payment, whatever order they came in.
      ["INV-3", "80.00", "0.00", "320.50"],
      ["pay_2", "0.00", "100.00", "220.50"],
      ["CN-1", "0.00", "20.50", "200.00"],
      ["ref_1", "10.00", "0.00", "210.00"],
    ]);
    expect(statement.total_debits.toFixed(2)).toBe("330.50");
    expect(statement.total_credits.toFixed(2)).toBe("220.50");
    expect(statement.closing_balance.toFixed(2)).toBe("210.00");
    expect(
      statement.opening_balance
        .plus(statement.total_debits)
        .minus(statement.total_credits)
        .eq(statement.closing_balance),
    ).toBe(true);
  });

  it("is empty with the balance carried when nothing happened in the period", () => {
    const statement = accountStatement(
      entries,
      new Date("2026-05-01T00:00:00Z"),
      new Date("2026-06-01T00:00:00Z"),
    );
    expect(statement.lines).toEqual([]);
    expect(statement.opening_balance.toFixed(2)).toBe("1209.00");
    expect(statement.closing_balance.toFixed(2)).toBe("1209.00");
  });
});
