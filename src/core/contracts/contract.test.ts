// Contract terms (scenario format v2, V26, V26a): renewed terms keep the first
// term's length in calendar units, counted from the contract's start; an
// amendment's change of the end or renewal keeps every term already begun.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Contract,
  type ContractTermState,
  changeContractTerm,
  contractTerms,
  formatInstant,
  parseInstant,
} from "../index.ts";

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

/** The terms of a contract's term state up to `until`, as `start..end` dates. */
function termsOf(state: ContractTermState, until: string): string[] {
  return termsUntil({ ...state, phases: [], rateCard: [], commits: [] }, until);
}

/** The term after a change asked at `at`, or the reason it is refused. */
function changed(
  state: ContractTermState,
  change: { end?: string; renewal?: "none" | "auto" },
  when: string,
) {
  const result = changeContractTerm(
    state,
    {
      ...(change.end === undefined ? {} : { end: at(change.end) }),
      ...(change.renewal === undefined ? {} : { renewal: change.renewal }),
    },
    at(when),
    "UTC",
  );
  return result.ok ? result.term : result.reason;
}

describe("a change of term once the contract has renewed", () => {
  // Quarterly terms from 1 January 2030, renewed on 1 April and 1 July; the change is asked on 1 August.
  const renewing = contract("2030-01-01T00:00:00Z", "2030-04-01T00:00:00Z", "auto");
  const august = "2030-08-01T00:00:00Z";

  it("stops the renewal at the end of the term in progress, keeping the terms begun", () => {
    const stopped = changed(renewing, { renewal: "none" }, august) as ContractTermState;
    expect(stopped).toEqual({
      start: at("2030-01-01T00:00:00Z"),
      end: at("2030-10-01T00:00:00Z"),
      renewal: "none",
      firstTermEnd: at("2030-04-01T00:00:00Z"),
    });
    expect(termsOf(stopped, "2032-01-01T00:00:00Z")).toEqual([
      "2030-01-01..2030-04-01",
      "2030-04-01..2030-07-01",
      "2030-07-01..2030-10-01",
    ]);
  });

  it("ends it inside the term in progress (cut short there) or at the end of a later term", () => {
    const cut = changed(
      renewing,
      { renewal: "none", end: "2030-09-15T00:00:00Z" },
      august,
    ) as ContractTermState;
    expect(termsOf(cut, "2032-01-01T00:00:00Z")).toEqual([
      "2030-01-01..2030-04-01",
      "2030-04-01..2030-07-01",
      "2030-07-01..2030-09-15",
    ]);
    const later = changed(
      renewing,
      { renewal: "none", end: "2031-01-01T00:00:00Z" },
      august,
    ) as ContractTermState;
    expect(termsOf(later, "2032-01-01T00:00:00Z").slice(2)).toEqual([
      "2030-07-01..2030-10-01",
      "2030-10-01..2031-01-01",
    ]);
  });

  it("refuses an end that would move the terms begun, or cut a term not begun", () => {
    expect(changed(renewing, { end: "2031-01-01T00:00:00Z" }, august)).toContain(
      "under renewal its end is its first term's end",
    );
    expect(changed(renewing, { renewal: "none", end: "2030-12-01T00:00:00Z" }, august)).toBe(
      "falls inside the term from 2030-10-01T00:00:00.000Z to 2031-01-01T00:00:00.000Z, which has not begun: a renewed contract ends inside the term in progress (from 2030-07-01T00:00:00.000Z to 2030-10-01T00:00:00.000Z) or at the end of a later term",
    );
  });

  it("renews again as before, and keeps a stopped contract's end when asked no renewal again", () => {
    const stopped = changed(renewing, { renewal: "none" }, august) as ContractTermState;
    expect(changed(stopped, { renewal: "auto" }, "2030-09-01T00:00:00Z")).toEqual({
      start: renewing.start,
      end: renewing.end,
      renewal: "auto",
    });
    expect(changed(stopped, { renewal: "none" }, "2030-09-01T00:00:00Z")).toEqual(stopped);
    // Before the first term's end (a stop made ahead of time), an end inside it leaves one term.
    expect(changed(stopped, { end: "2030-03-01T00:00:00Z" }, "2030-02-01T00:00:00Z")).toEqual({
      start: renewing.start,
      end: at("2030-03-01T00:00:00Z"),
      renewal: "none",
    });
  });

  it("moves the first term's end freely before the contract renews", () => {
    expect(changed(renewing, { end: "2030-05-01T00:00:00Z" }, "2030-03-01T00:00:00Z")).toEqual({
      start: at("2030-01-01T00:00:00Z"),
      end: at("2030-05-01T00:00:00Z"),
      renewal: "auto",
    });
  });

  it("never moves a term begun by the amendment's instant", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 1, max: 8 }),
        fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
        fc.constantFrom("none", "cut", "later"),
        (lengthInDays, renewals, where, ending) => {
          // A first term of any length from 31 January (its months and days renew with clamping).
          const subject: Contract = {
            ...contract("2030-01-31T00:00:00Z", "2030-01-31T00:00:00Z", "auto"),
            end: at("2030-01-31T00:00:00Z") + lengthInDays * 86_400_000,
          };
          const before = contractTerms(subject, at("2050-01-01T00:00:00Z"), "UTC");
          const inProgress = before[renewals]!;
          const when = inProgress.start + Math.floor(where * (inProgress.end - inProgress.start));
          const end =
            ending === "none"
              ? undefined
              : ending === "cut"
                ? when + 1 + Math.floor(where * (inProgress.end - when - 1))
                : before[renewals + 1]!.end;
          const result = changeContractTerm(
            subject,
            { renewal: "none", ...(end === undefined ? {} : { end }) },
            when,
            "UTC",
          );
          expect(result.ok).toBe(true);
          if (!result.ok) return;
          const after = contractTerms({ ...subject, ...result.term }, at("2050-01-01T00:00:00Z"), "UTC");
          // Every term begun by `when` is as it was, save the one in progress when the new end cuts it.
          expect(after.slice(0, renewals)).toEqual(before.slice(0, renewals));
          expect(after.at(-1)!.end).toBe(end ?? inProgress.end);
          expect(after.length).toBe(ending === "later" ? renewals + 2 : renewals + 1);
          expect(after.every((term) => term.start < term.end)).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });
});
