// A contract's revenue as it changes, worked by hand: a prepaid commit rolled
// over between terms (the rolled balance stays deferred and is released as
// drawn in the next term; breakage only for what expires), credit notes taking
// their fraction off the credited obligation, and closed months kept as they
// stood at their lock.
import { describe, expect, it } from "vitest";
import { currencyFor } from "../currency.ts";
import { Decimal, sumDecimals } from "../decimal.ts";
import { commitTermsRevenue } from "./commit-term-revenue.ts";
import { entriesBookedByMonth } from "./contract-closed-months.ts";
import { creditReversals } from "./contract-credits.ts";
import { contractRevenueSchedule } from "./contract-revenue-schedule.ts";
import type { RevenueEntry } from "./obligation-schedule.ts";

const usd = currencyFor("USD");
const at = (text: string) => Date.parse(`${text}T00:00:00Z`);
const money = (text: string) => new Decimal(text);
const shown = (entries: readonly RevenueEntry[]) =>
  entries.map((entry) => `${entry.month} ${entry.obligationId} ${entry.kind} ${entry.amount.toFixed(2)}`);

/** Term 1 (January and February) and term 2 (March and April) of a commit of 1,000.00 a term. */
const term1 = {
  obligationId: "commit:1",
  granted: money("1000"),
  rolledIn: money("0"),
  // Allocated less than its face (its standalone selling price weighed less): 0.75 a unit.
  allocated: money("750"),
  draws: [{ at: at("2027-02-01"), amount: money("400") }],
  expiresAt: at("2027-03-01"),
  // Of the 600.00 left, 300.00 rolled over (the cap) and 300.00 expired.
  expired: money("300"),
  credits: [],
};
const term2 = {
  obligationId: "commit:2",
  granted: money("1000"),
  rolledIn: money("300"),
  allocated: money("800"),
  draws: [
    { at: at("2027-04-01"), amount: money("500") },
    { at: at("2027-05-01"), amount: money("650") },
  ],
  expiresAt: at("2027-05-01"),
  // No term follows: the 150.00 left expires.
  expired: money("150"),
  credits: [],
};

describe("a prepaid commit rolled over between terms", () => {
  it("keeps the rolled balance deferred and releases it as drawn in the next term", () => {
    const [first, second] = commitTermsRevenue({ terms: [term1, term2], currency: usd, timeZone: "UTC" });
    // Term 1: 400 drawn × 0.75 = 300.00. Left 600 units worth 750 − 300 = 450.00; 300 of them expire:
    // breakage 450 × 300 / 600 = 225.00; the 300 rolled over carry the other 225.00 into term 2.
    expect(shown(first?.entries ?? [])).toEqual([
      "2027-01 commit:1 revenue 300.00",
      "2027-02 commit:1 breakage 225.00",
    ]);
    expect(first?.rolledOut.toFixed(2)).toBe("225.00");
    // Term 2: a pool of 1,000 + 300 units worth 800.00 + 225.00 = 1,025.00, 1,025 / 1,300 a unit.
    // Draws on the running total: 500 → 394.2307… → 394.23; 1,150 → 906.7307… → 906.73, less 394.23 =
    // 512.50. Left 150 units worth 1,025.00 − 906.73 = 118.27, all expired: breakage 118.27.
    expect(second?.value.toFixed(2)).toBe("1025.00");
    expect(shown(second?.entries ?? [])).toEqual([
      "2027-03 commit:2 revenue 394.23",
      "2027-04 commit:2 revenue 512.50",
      "2027-04 commit:2 breakage 118.27",
    ]);
    // Both terms together earn exactly what was allocated to them: 750.00 + 800.00.
    const all = [...(first?.entries ?? []), ...(second?.entries ?? [])];
    expect(sumDecimals(all.map((entry) => entry.amount)).toFixed(2)).toBe("1550.00");
  });

  it("has no breakage while a term is open: what is left stays deferred", () => {
    const [open] = commitTermsRevenue({
      terms: [{ ...term1, expired: null }],
      currency: usd,
      timeZone: "UTC",
    });
    expect(shown(open?.entries ?? [])).toEqual(["2027-01 commit:1 revenue 300.00"]);
    expect(open?.rolledOut.toFixed(2)).toBe("0.00");
  });

  it("takes a credit note's fraction off the releases, the breakage and the value rolled over", () => {
    const credit = { at: at("2027-02-15"), amount: money("150"), target: { type: "usage" as const } };
    const [first, second] = commitTermsRevenue({
      terms: [{ ...term1, credits: [credit] }, term2],
      currency: usd,
      timeZone: "UTC",
    });
    // 150.00 of the term's 750.00: 20%. The release of 1 February (300.00), earned by 15 February:
    // 60.00 reversed on 15 February. The breakage of 1 March, later: 20% of 525.00 = 105.00, less
    // 60.00 = 45.00 reversed with it. The 45.00 left of the credit comes off the 225.00 rolled over: 180.00.
    expect(shown(first?.entries ?? [])).toEqual([
      "2027-01 commit:1 revenue 300.00",
      "2027-02 commit:1 breakage 225.00",
      "2027-02 commit:1 revenue -60.00",
      "2027-02 commit:1 breakage -45.00",
    ]);
    expect(first?.rolledOut.toFixed(2)).toBe("180.00");
    // Term 1 earns 300 − 60 + 225 − 45 = 420.00 and rolls 180.00 on: 600.00, its 750.00 less the credit.
    // Term 2's pool is worth 800.00 + 180.00 = 980.00: 500 drawn → 376.9230… → 376.92.
    expect(second?.value.toFixed(2)).toBe("980.00");
    expect(second?.entries[0]?.amount.toFixed(2)).toBe("376.92");
  });
});

describe("a credit note on a fee earned over time", () => {
  it("reverses what was earned on its date and the rest as it is earned", () => {
    // A fee of 1,200.00 over January to March, 400.00 a month, credited 300.00 on 15 February: 25%.
    const entries: RevenueEntry[] = ["02", "03", "04"].map((month, index) => ({
      obligationId: "platform",
      source: "line_1",
      kind: "revenue",
      at: at(`2027-${month}-01`),
      month: `2027-0${index + 1}`,
      amount: money("400"),
    }));
    const reversals = creditReversals({
      credit: { at: at("2027-02-15"), amount: money("300"), target: { type: "fee", lineId: "line_1" } },
      entries,
      value: money("1200"),
      currency: usd,
      timeZone: "UTC",
    });
    // January's 400.00, earned: 100.00 on 15 February; February's: 25% of 800 = 200, less 100 = 100.00
    // at its end; March's: 300 − 200 = 100.00.
    expect(shown(reversals)).toEqual([
      "2027-02 platform revenue -100.00",
      "2027-02 platform revenue -100.00",
      "2027-03 platform revenue -100.00",
    ]);
    expect(reversals[0]?.at).toBe(at("2027-02-15"));
  });
});

describe("a credit note in a contract's schedule", () => {
  it("lowers the credited fee line's piece and usage on its date, never another obligation", () => {
    // Support billed 400.00 a month in advance for January to March (one invoice a month, no other
    // obligation: it is allocated its price, 400.00 a line), and 50.00 of usage billed on 1 March for
    // February. On 15 February: 100.00 off February's support line (25% of its 400.00, earned at
    // February's end: reversed then) and 20.00 off the usage (reversed on 15 February).
    const month = (number: number) => at(`2027-0${number}-01`);
    const invoices = [1, 2, 3].map((number) => ({
      at: month(number),
      net: money(number === 3 ? "450" : "400"),
      fees: [
        {
          id: `support-${number}`,
          obligationId: "support",
          amount: money("400"),
          quantity: money("1"),
          periodAmount: money("400"),
          listPrice: money("400"),
          standaloneSellingPrice: null,
          start: month(number),
          end: month(number + 1),
        },
      ],
      commitLines: money("0"),
      usage: number === 3 ? [{ amount: money("50"), end: month(3) }] : [],
      draws: [],
    }));
    const credit = (amount: string, target: { type: "fee"; lineId: string } | { type: "usage" }) => ({
      at: at("2027-02-15"),
      amount: money(amount),
      target,
    });
    const schedule = contractRevenueSchedule({
      invoices,
      commits: [],
      credits: [credit("100", { type: "fee", lineId: "support-2" }), credit("20", { type: "usage" })],
      currency: usd,
      timeZone: "UTC",
    });
    expect(shown(schedule.entries)).toEqual([
      "2027-01 support revenue 400.00",
      "2027-02 usage variable -20.00",
      "2027-02 support revenue 400.00",
      "2027-02 usage variable 50.00",
      "2027-02 support revenue -100.00",
      "2027-03 support revenue 400.00",
    ]);
    expect(Object.fromEntries([...schedule.credited].map(([id, amount]) => [id, amount.toFixed(2)]))).toEqual(
      {
        support: "100.00",
        usage: "20.00",
      },
    );
    // February's journal: invoiced 400.00 less the 120.00 credited; earned 400 + 50 − 120 = 330.00.
    const february = schedule.journal.find((candidate) => candidate.month === "2027-02");
    expect([february?.invoiced.toFixed(2), february?.recognized.toFixed(2)]).toEqual(["280.00", "330.00"]);
  });
});

describe("closed months", () => {
  const entry = (month: string, amount: string, obligationId = "platform"): RevenueEntry => ({
    obligationId,
    kind: "revenue",
    at: at(`2027-${month}-01`) + 1,
    month: `2027-${month}`,
    amount: money(amount),
  });

  it("keep the schedule as at their lock; the change since lands on the first open month's first day", () => {
    // At January's lock the contract had one invoice: January earned 2,000.00. A later invoice changed
    // the allocation: January's share is now 2,083.34 and February's 2,083.33. January keeps 2,000.00;
    // February books the 83.34 January missed, on 1 February, and its own 2,083.33.
    const booked = entriesBookedByMonth({
      current: [entry("01", "2083.34"), entry("02", "2083.33")],
      closed: [{ month: "2027-01", entries: [entry("01", "2000.00")] }],
      timeZone: "UTC",
    });
    expect(shown(booked)).toEqual([
      "2027-01 platform revenue 2000.00",
      "2027-02 platform revenue 83.34",
      "2027-02 platform revenue 2083.33",
    ]);
    expect(booked[1]?.at).toBe(at("2027-02-01"));
  });

  it("book a later closed month as it stood at its own lock, after the earlier one's catch-up", () => {
    // January closed at 2,000.00; February closed when January's share was 2,050.00 and February's
    // 2,050.00: February books 50.00 of catch-up and 2,050.00. March, open, catches up to the current
    // 2,083.34 + 2,083.33 (33.34 + 33.33 = 66.67) and books its own 2,083.33.
    const booked = entriesBookedByMonth({
      current: [entry("01", "2083.34"), entry("02", "2083.33"), entry("03", "2083.33")],
      closed: [
        { month: "2027-01", entries: [entry("01", "2000.00")] },
        { month: "2027-02", entries: [entry("01", "2050.00"), entry("02", "2050.00")] },
      ],
      timeZone: "UTC",
    });
    expect(shown(booked)).toEqual([
      "2027-01 platform revenue 2000.00",
      "2027-02 platform revenue 50.00",
      "2027-02 platform revenue 2050.00",
      "2027-03 platform revenue 66.67",
      "2027-03 platform revenue 2083.33",
    ]);
    expect(sumDecimals(booked.map((booking) => booking.amount)).toFixed(2)).toBe("6250.00");
  });
});
