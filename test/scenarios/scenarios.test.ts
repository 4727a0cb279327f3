// Runs every billing scenario (the shared examples beside the checkout and the
// project's hand-worked corpus) through simulateScenario, and compares the
// result the way shared/scenarios/check.py does: invoice count and issue
// times, the totals given, line amounts summed per charge/kind, and for bad
// input that every expected needle appears in the errors. The hand-worked
// corpus of version 2 (v2/) is compared in full: every invoice, line (its
// explanation `details` aside), total, commit balance and allowance.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { Decimal, parseInstant } from "../../src/core/index.ts";
import type { OutputInvoice } from "../../src/simulation/index.ts";
import { simulateScenario } from "../../src/simulation/index.ts";

type ExpectedLine = { charge: string; kind: string; amount: string };
type ExpectedInvoice = { issued_at: string; lines?: ExpectedLine[] | Record<string, string | null> } & Record<
  string,
  unknown
>;
type Scenario = { expected?: { invoices: ExpectedInvoice[] }; expected_error?: string[] };

const TOTAL_FIELDS = [
  "total",
  "amount_due",
  "subtotal",
  "discount",
  "credits",
  "tax",
  "balance_applied",
] as const;

const folders = [
  fileURLToPath(new URL("../../../shared/scenarios/", import.meta.url)),
  fileURLToPath(new URL("./", import.meta.url)),
];

function scenarioFiles(folder: string): string[] {
  return readdirSync(folder)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => `${folder}${name}`);
}

function sameInstant(left: string, right: string): boolean {
  return (parseInstant(left) ?? left) === (parseInstant(right) ?? right);
}

/** The differences between expected and actual invoices; empty when they agree. */
function compare(expected: ExpectedInvoice[], actual: OutputInvoice[]): string[] {
  if (expected.length !== actual.length) {
    return [
      `${actual.length} invoices, expected ${expected.length}: ${actual.map((invoice) => invoice.issued_at)}`,
    ];
  }
  const differences: string[] = [];
  expected.forEach((want, index) => {
    const have = actual[index]!;
    const where = `invoice ${index} (${want.issued_at})`;
    if (!sameInstant(have.issued_at, want.issued_at))
      differences.push(`${where}: issued_at ${have.issued_at}`);
    for (const field of TOTAL_FIELDS) {
      const wanted = want[field];
      if (typeof wanted !== "string") continue;
      if (!new Decimal(String(have[field])).equals(wanted))
        differences.push(`${where}: ${field} ${have[field]}, expected ${wanted}`);
    }
    const lines = Array.isArray(want.lines)
      ? Object.fromEntries(want.lines.map((line) => [`${line.charge}/${line.kind}`, line.amount]))
      : (want.lines ?? {});
    for (const [key, amount] of Object.entries(lines)) {
      if (amount === null) continue;
      const [charge, kind] = key.split("/");
      const matching = have.lines.filter(
        (line) => line.kind === kind && (charge === "*" || line.charge === charge),
      );
      const total = matching.reduce((sum, line) => sum.plus(line.amount), new Decimal(0));
      if (matching.length === 0 || !total.equals(amount)) {
        differences.push(
          `${where}: line ${key} = ${matching.length === 0 ? "missing" : total.toString()}, expected ${amount}`,
        );
      }
    }
  });
  return differences;
}

const version2Corpus = fileURLToPath(new URL("./v2/", import.meta.url));

/** What `fairbill simulate` prints, without the lines' explanations, which the corpus does not write out. */
function withoutDetails(output: { invoices: OutputInvoice[] }): unknown {
  return {
    ...output,
    invoices: output.invoices.map((invoice) => ({
      ...invoice,
      lines: invoice.lines.map(({ details: _details, ...line }) => line),
    })),
  };
}

function errorText(result: ReturnType<typeof simulateScenario>): string {
  return result.ok ? "" : result.errors.map((error) => `${error.path}: ${error.message}`).join("\n");
}

describe(version2Corpus, () => {
  for (const file of scenarioFiles(version2Corpus)) {
    it(file.slice(version2Corpus.length), () => {
      const scenario = JSON.parse(readFileSync(file, "utf8")) as Scenario & { expected?: unknown };
      const result = simulateScenario(scenario);
      if (scenario.expected_error !== undefined) {
        expect(result.ok, "bad input must be refused").toBe(false);
        for (const needle of scenario.expected_error)
          expect(errorText(result).toLowerCase()).toContain(needle.toLowerCase());
        return;
      }
      if (!result.ok) throw new Error(errorText(result));
      // Key order included: the corpus writes the keys in the order they print.
      expect(JSON.stringify(withoutDetails(result.output))).toBe(JSON.stringify(scenario.expected));
    });
  }
});

for (const folder of folders) {
  describe(folder, () => {
    for (const file of scenarioFiles(folder)) {
      it(file.slice(folder.length), () => {
        const scenario = JSON.parse(readFileSync(file, "utf8")) as Scenario;
        const result = simulateScenario(scenario);
        if (scenario.expected_error !== undefined) {
          expect(result.ok, "bad input must be refused").toBe(false);
          const errorText = result.ok
            ? ""
            : result.errors.map((error) => `${error.path}: ${error.message}`).join("\n");
          for (const needle of scenario.expected_error)
            expect(errorText.toLowerCase()).toContain(needle.toLowerCase());
          return;
        }
        if (!result.ok)
          throw new Error(result.errors.map((error) => `${error.path}: ${error.message}`).join("\n"));
        expect(compare(scenario.expected?.invoices ?? [], result.output.invoices)).toEqual([]);
      });
    }
  });
}
