// Contract terms (scenario format v2, V26, V26a): renewed terms keep the first
// term's length in calendar units, counted from the contract's start.
import { describe, expect, it } from "vitest";
import { type Contract, contractTerms, formatInstant, parseInstant } from "../index.ts";

const at = (text: string) => parseInstant(text)!;

function contract(start: string, end: string, renewal: Contract["renewal"]): Contract {
  return { start: at(start), end: at(end), renewal, phases: [], rateCard: [], commits: [] };
}

function termsUntil(subject: Contract, until: string): string[] {
  return contractTerms(subject, at(until), "UTC").map(
    (term) => `${formatInstant(term.start).slice(0, 10)}..${formatInstant(term.end).slice(0, 10)}`,
  );
}

describe("contract terms", () => {
  it("renew by whole months from the contract's start, up to the last that starts by until", () => {
    expect(
      termsUntil(contract("2026-01-01T00:00:00Z", "2026-03-01T00:00:00Z", "auto"), "2026-05-01T00:00:00Z"),
    ).toEqual(["2026-01-01..2026-03-01", "2026-03-01..2026-05-01", "2026-05-01..2026-07-01"]);
  });

  it("renew a term of days by its days (Jan 31 to Feb 28 is 28 days, not a month)", () => {
    expect(
      termsUntil(contract("2026-01-31T00:00:00Z", "2026-02-28T00:00:00Z", "auto"), "2026-03-28T00:00:00Z"),
    ).toEqual(["2026-01-31..2026-02-28", "2026-02-28..2026-03-28", "2026-03-28..2026-04-25"]);
  });

  it("are one term without renewal", () => {
    expect(
      termsUntil(contract("2026-01-01T00:00:00Z", "2026-03-01T00:00:00Z", "none"), "2027-01-01T00:00:00Z"),
    ).toEqual(["2026-01-01..2026-03-01"]);
  });
});
