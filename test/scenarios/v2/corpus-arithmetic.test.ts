// The hand-worked corpus of the scenario format, version 2
// (docs/scenario-format-v2.md), checked for its own consistency while the
// engine does not read version 2 yet: every file has a description of its
// arithmetic and either expected invoices or expected errors; a file that
// expects invoices is a version-2 scenario, its invoices come in order of
// issue and each adds up (subtotal, total, customer balance, amount due) with
// exactly the currency's minor-unit digits. The engine is not run here: these
// files are the independent check of it. scenarios.test.ts reads only the
// folder above; adding this folder to it runs the corpus through the engine.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { Decimal } from "../../../src/core/index.ts";

type Line = {
  charge: string;
  kind: string;
  period_start: string;
  period_end: string;
  quantity: string;
  amount: string;
};
type Invoice = {
  issued_at: string;
  currency: string;
  lines: Line[];
  subtotal: string;
  discount: string;
  commits?: string;
  credits: string;
  tax: string;
  total: string;
  balance_applied: string;
  amount_due: string;
};
type CorpusFile = {
  version: number;
  currency: string;
  description?: unknown;
  contract?: { commits?: unknown[] };
  expected?: { invoices: Invoice[]; commit_balances?: unknown[] };
  expected_error?: unknown;
};

const MINOR_UNIT_DIGITS: Record<string, number> = { USD: 2, EUR: 2, GBP: 2, JPY: 0, BHD: 3 };
const LINE_KINDS = [
  "fixed",
  "usage",
  "proration_credit",
  "minimum_true_up",
  "quantity_change",
  "usage_in_advance",
  "commit",
  "commit_true_up",
];
const folder = fileURLToPath(new URL("./", import.meta.url));
const files = readdirSync(folder)
  .filter((name) => name.endsWith(".json"))
  .sort();

function hasDigits(amount: string, digits: number): boolean {
  return new RegExp(digits === 0 ? "^-?\\d+$" : `^-?\\d+\\.\\d{${digits}}$`).test(amount);
}

/** The ways an expected invoice list does not add up; empty when it does. */
function inconsistencies(currency: string, invoices: Invoice[]): string[] {
  const digits = MINOR_UNIT_DIGITS[currency] ?? 2;
  const problems: string[] = [];
  let balance = new Decimal(0);
  let previousIssue = "";
  for (const invoice of invoices) {
    const where = invoice.issued_at;
    if (invoice.issued_at <= previousIssue) problems.push(`${where}: not after ${previousIssue}`);
    previousIssue = invoice.issued_at;
    const amounts = [
      ...invoice.lines.map((line) => line.amount),
      invoice.subtotal,
      invoice.discount,
      ...(invoice.commits === undefined ? [] : [invoice.commits]),
      invoice.credits,
      invoice.tax,
      invoice.total,
      invoice.balance_applied,
      invoice.amount_due,
    ];
    for (const amount of amounts)
      if (!hasDigits(amount, digits)) problems.push(`${where}: ${amount} has not ${digits} decimals`);
    for (const line of invoice.lines)
      if (!LINE_KINDS.includes(line.kind)) problems.push(`${where}: unknown line kind ${line.kind}`);
    const subtotal = invoice.lines.reduce((sum, line) => sum.plus(line.amount), new Decimal(0));
    if (!subtotal.equals(invoice.subtotal)) problems.push(`${where}: lines add up to ${subtotal}`);
    const total = new Decimal(invoice.subtotal)
      .minus(invoice.discount)
      .minus(invoice.commits ?? 0)
      .minus(invoice.credits)
      .plus(invoice.tax);
    if (!total.equals(invoice.total)) problems.push(`${where}: total should be ${total}`);
    const applied = total.greaterThan(0) ? Decimal.min(balance, total) : new Decimal(0);
    if (!applied.equals(invoice.balance_applied))
      problems.push(`${where}: balance_applied should be ${applied}`);
    const due = Decimal.max(0, total.minus(applied));
    if (!due.equals(invoice.amount_due)) problems.push(`${where}: amount_due should be ${due}`);
    balance = balance.minus(applied);
    if (total.lessThan(0)) balance = balance.plus(total.negated());
  }
  return problems;
}

describe("scenario format v2: the hand-worked corpus", () => {
  it("has its files", () => {
    expect(files.length).toBeGreaterThanOrEqual(45);
  });

  for (const name of files) {
    it(name, () => {
      expect(name).toMatch(/^v2-corpus-\d{2}-[a-z0-9-]+\.json$/);
      const scenario = JSON.parse(readFileSync(`${folder}${name}`, "utf8")) as CorpusFile;
      expect(typeof scenario.description).toBe("string");
      expect((scenario.expected === undefined) !== (scenario.expected_error === undefined)).toBe(true);
      if (scenario.expected === undefined) {
        // Bad input may use another version on purpose (a version-1 file with version-2 fields, version 3).
        expect(Array.isArray(scenario.expected_error) && scenario.expected_error.length > 0).toBe(true);
        return;
      }
      expect(scenario.version).toBe(2);
      expect(inconsistencies(scenario.currency, scenario.expected.invoices)).toEqual([]);
      const hasCommits = (scenario.contract?.commits?.length ?? 0) > 0;
      expect(scenario.expected.commit_balances !== undefined).toBe(hasCommits);
      for (const invoice of scenario.expected.invoices) expect("commits" in invoice).toBe(hasCommits);
    });
  }
});
