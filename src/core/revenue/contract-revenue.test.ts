// ASC 606 step 4 and 5 worked by hand: a one-year contract of three
// obligations, its allocation, its schedule month by month to the cent and its
// journal, every figure below computed by hand (the arithmetic in comments).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { currencyFor } from "../currency.ts";
import { Decimal, sumDecimals } from "../decimal.ts";
import { contractJournal } from "./contract-journal.ts";
import {
  allocateInvoiceRevenue,
  allocateTransactionPrice,
  InvalidObligationError,
} from "./obligation-allocation.ts";
import { type Draw, obligationSchedule, type RevenueEntry } from "./obligation-schedule.ts";

const usd = currencyFor("USD");
const at = (text: string) => Date.parse(text);
const money = (text: string) => new Decimal(text);
/** Twelve monthly amounts written in one line, January first. */
const amounts = (text: string) => text.split(" ");
const start = at("2027-01-01T00:00:00Z");
const end = at("2028-01-01T00:00:00Z");
const months = ["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"].map(
  (month) => `2027-${month}`,
);

// The contract, 1 January 2027 to 1 January 2028, in UTC:
// - platform: the annual platform fee, 24,000.00 at list, standalone selling price configured at 30,000.00;
// - commit: committed usage, 60,000.00 prepaid, drawn down by usage, expiring at the term's end;
//   no standalone selling price configured, so its list price (60,000.00) stands in;
// - support: premium support, list 12,000.00, sold at 6,000.00 (50% off), standalone selling price 11,000.00.
const obligations = [
  {
    id: "platform",
    contractPrice: money("24000"),
    listPrice: money("24000"),
    standaloneSellingPrice: money("30000"),
  },
  { id: "commit", contractPrice: money("60000"), listPrice: money("60000"), standaloneSellingPrice: null },
  {
    id: "support",
    contractPrice: money("6000"),
    listPrice: money("12000"),
    standaloneSellingPrice: money("11000"),
  },
];

// Usage drawn from the commit, on the 15th of each month: 50,000.00 of 60,000.00.
const drawnByMonth = [
  "3000",
  "4000",
  "4500",
  "5000",
  "5000",
  "4000",
  "3500",
  "4000",
  "5000",
  "4500",
  "4000",
  "3500",
];
const draws: Draw[] = drawnByMonth.map((amount, index) => ({
  at: at(`${months[index]}-15T12:00:00Z`),
  amount: money(amount),
}));

function byMonth(entries: readonly RevenueEntry[], obligationId: string, kind = "revenue"): string[] {
  return months.map((month) =>
    sumDecimals(
      entries
        .filter(
          (entry) => entry.obligationId === obligationId && entry.month === month && entry.kind === kind,
        )
        .map((entry) => entry.amount),
    ).toFixed(2),
  );
}

describe("revenue over a contract (ASC 606 step 4)", () => {
  const allocation = allocateTransactionPrice(obligations, usd);

  it("allocates the fixed transaction price by relative standalone selling price, to the cent", () => {
    // Transaction price 24,000 + 60,000 + 6,000 = 90,000.00; standalone prices 30,000 + 60,000 + 11,000 = 101,000.
    // In cents: platform 9,000,000 × 30/101 = 2,673,267.33 → 2,673,267 (remainder .33)
    //           commit   9,000,000 × 60/101 = 5,346,534.65 → 5,346,534 (remainder .65)
    //           support  9,000,000 × 11/101 =   980,198.02 →   980,198 (remainder .02)
    // Floors add up to 8,999,999: the one cent left goes to the largest remainder, the commit.
    expect(allocation.transactionPrice.toFixed(2)).toBe("90000.00");
    expect(
      allocation.obligations.map((obligation) => [
        obligation.id,
        obligation.standaloneSellingPrice.toFixed(2),
        obligation.standaloneSellingPriceSource,
        obligation.allocated.toFixed(2),
        obligation.reallocated.toFixed(2),
      ]),
    ).toEqual([
      ["platform", "30000.00", "configured", "26732.67", "2732.67"],
      ["commit", "60000.00", "list_price", "53465.35", "-6534.65"],
      ["support", "11000.00", "configured", "9801.98", "3801.98"],
    ]);
  });

  const [platform, commit, support] = allocation.obligations.map((obligation) => obligation.allocated) as [
    Decimal,
    Decimal,
    Decimal,
  ];
  const entries = obligationSchedule({
    obligations: [
      { id: "platform", allocated: platform, pattern: { type: "ratable", start, end } },
      {
        id: "commit",
        allocated: commit,
        pattern: { type: "drawdown", face: money("60000"), draws, expiresAt: end },
      },
      { id: "support", allocated: support, pattern: { type: "ratable", start, end } },
    ],
    currency: usd,
    timeZone: "UTC",
  });

  it("recognizes the platform fee and support ratably by day, month by month", () => {
    // Platform: 2,673,267 cents over 365 days. A 31-day month 2,673,267 × 31/365 = 227,044.59 (remainder .59),
    // February × 28/365 = 205,072.54 (.54), a 30-day month × 30/365 = 219,720.58 (.58). Floors: 7 × 227,044
    // + 205,072 + 4 × 219,720 = 2,673,260; the 7 cents left go to the seven 31-day months (largest remainder).
    expect(byMonth(entries, "platform")).toEqual(
      amounts(
        "2270.45 2050.72 2270.45 2197.20 2270.45 2197.20 2270.45 2270.45 2197.20 2270.45 2197.20 2270.45",
      ),
    );
    // Support: 980,198 cents. 31 days: 83,249.69 (.69); February 75,193.27 (.27); 30 days 80,564.22 (.22).
    // Floors: 7 × 83,249 + 75,193 + 4 × 80,564 = 980,192; 6 cents left go to the first six 31-day months,
    // December (the seventh, a tie broken by order) keeps 832.49.
    expect(byMonth(entries, "support")).toEqual(
      amounts("832.50 751.93 832.50 805.64 832.50 805.64 832.50 832.50 805.64 832.50 805.64 832.49"),
    );
  });

  it("releases the commit as it is drawn down, at its allocated value, and books breakage at expiry", () => {
    // Released per unit drawn: 53,465.35 / 60,000 = 0.89108916…, rounded on the running total drawn:
    // 3,000 → 2,673.27; 7,000 → 6,237.62 (+3,564.35); 11,500 → 10,247.53 (+4,009.91);
    // 16,500 → 14,702.97 (+4,455.44); 21,500 → 19,158.42 (+4,455.45); 25,500 → 22,722.77 (+3,564.35);
    // 29,000 → 25,841.59 (+3,118.82); 33,000 → 29,405.94 (+3,564.35); 38,000 → 33,861.39 (+4,455.45);
    // 42,500 → 37,871.29 (+4,009.90); 46,500 → 41,435.65 (+3,564.36); 50,000 → 44,554.46 (+3,118.81).
    expect(byMonth(entries, "commit")).toEqual(
      amounts(
        "2673.27 3564.35 4009.91 4455.44 4455.45 3564.35 3118.82 3564.35 4455.45 4009.90 3564.36 3118.81",
      ),
    );
    // 10,000.00 of the commit expires unused: 53,465.35 − 44,554.46 = 8,910.89 of breakage, in December.
    expect(byMonth(entries, "commit", "breakage")).toEqual([...Array(11).fill("0.00"), "8910.89"]);
  });

  it("journals each month in balance: billed up front and quarterly, deferred until earned", () => {
    // Invoiced: 1 January 24,000 + 60,000 + 1,500 (support, quarterly in advance) = 85,500; 1,500 on 1 April,
    // 1 July and 1 October.
    const invoices = [
      { at: start, amount: money("85500") },
      ...["04", "07", "10"].map((month) => ({ at: at(`2027-${month}-01T00:00:00Z`), amount: money("1500") })),
    ];
    const journal = contractJournal({ entries, invoices, timeZone: "UTC" });
    // Revenue per month = platform + support + commit released, e.g. January 2,270.45 + 832.50 + 2,673.27;
    // deferred revenue at month end = the previous + invoiced − revenue − breakage.
    expect(
      journal.map((month) =>
        [month.month, month.invoiced, month.recognized, month.deferredRevenue]
          .map((value) => (typeof value === "string" ? value : value.toFixed(2)))
          .join(" "),
      ),
    ).toEqual([
      // month, invoiced, recognized, deferred revenue at its end
      "2027-01 85500.00 5776.22 79723.78",
      "2027-02 0.00 6367.00 73356.78",
      "2027-03 0.00 7112.86 66243.92",
      "2027-04 1500.00 7458.28 60285.64",
      "2027-05 0.00 7558.40 52727.24",
      "2027-06 0.00 6567.19 46160.05",
      "2027-07 1500.00 6221.77 41438.28",
      "2027-08 0.00 6667.30 34770.98",
      "2027-09 0.00 7458.29 27312.69",
      "2027-10 1500.00 7112.85 21699.84",
      "2027-11 0.00 6567.20 15132.64",
      // 6,221.75 of revenue and 8,910.89 of breakage: nothing is left deferred at the term's end.
      "2027-12 0.00 15132.64 0.00",
    ]);
    const line = (month: number) =>
      (journal[month]?.lines ?? []).map((entry) => [
        entry.account,
        entry.debit.isZero() ? "" : entry.debit.toFixed(2),
        entry.credit.isZero() ? "" : entry.credit.toFixed(2),
      ]);
    expect(line(0)).toEqual([
      ["accounts_receivable", "85500.00", ""],
      ["deferred_revenue", "", "79723.78"],
      ["revenue", "", "5776.22"],
    ]);
    expect(line(3)).toEqual([
      ["accounts_receivable", "1500.00", ""],
      ["deferred_revenue", "5958.28", ""],
      ["revenue", "", "7458.28"],
    ]);
    expect(line(11)).toEqual([
      ["deferred_revenue", "15132.64", ""],
      ["revenue", "", "6221.75"],
      ["breakage_revenue", "", "8910.89"],
    ]);
    for (const month of journal) {
      const debits = sumDecimals(month.lines.map((entry) => entry.debit));
      const credits = sumDecimals(month.lines.map((entry) => entry.credit));
      expect(debits.toFixed(2), month.month).toBe(credits.toFixed(2));
    }
    // Over the year: everything invoiced is earned, 81,089.11 as revenue and 8,910.89 as breakage.
    expect(sumDecimals(journal.map((month) => month.recognized)).toFixed(2)).toBe("90000.00");
  });
});

describe("point in time, variable consideration and unbilled receivables", () => {
  it("books revenue earned before it is billed as unbilled receivables, cleared by the invoice", () => {
    // Onboarding (point in time, 10 January, 2,000.00) and usage beyond any commit (variable, 15 January,
    // 340.25), both invoiced on 1 February: January earns 2,340.25 with nothing billed.
    const entries = obligationSchedule({
      obligations: [
        {
          id: "onboarding",
          allocated: money("2000"),
          pattern: { type: "point_in_time", at: at("2027-01-10T00:00:00Z") },
        },
      ],
      variable: [{ obligationId: "onboarding", at: at("2027-01-15T00:00:00Z"), amount: money("340.25") }],
      currency: usd,
      timeZone: "UTC",
    });
    const journal = contractJournal({
      entries,
      invoices: [{ at: at("2027-02-01T00:00:00Z"), amount: money("2340.25") }],
      timeZone: "UTC",
    });
    expect(
      journal.map((month) => [
        month.month,
        month.unbilledReceivables.toFixed(2),
        month.lines.map((entry) => `${entry.account} ${entry.debit.toFixed(2)}/${entry.credit.toFixed(2)}`),
      ]),
    ).toEqual([
      ["2027-01", "2340.25", ["unbilled_receivables 2340.25/0.00", "revenue 0.00/2340.25"]],
      ["2027-02", "0.00", ["accounts_receivable 2340.25/0.00", "unbilled_receivables 0.00/2340.25"]],
    ]);
  });

  it("refuses draws beyond the commit and a negative price, naming the obligation", () => {
    expect(() =>
      obligationSchedule({
        obligations: [
          {
            id: "commit",
            allocated: money("90"),
            pattern: {
              type: "drawdown",
              face: money("100"),
              draws: [{ at: start, amount: money("101") }],
              expiresAt: end,
            },
          },
        ],
        currency: usd,
        timeZone: "UTC",
      }),
    ).toThrow(/commit: draws of 101 exceed/);
    expect(() =>
      allocateTransactionPrice(
        [{ id: "fee", contractPrice: money("-1"), listPrice: money("1"), standaloneSellingPrice: null }],
        usd,
      ),
    ).toThrow(InvalidObligationError);
  });

  it("splits an invoice's fees by amount when a standalone price meets a free fee (list price zero)", () => {
    // A fee listed at 0.00 (billed 10.00 by a rate card, standalone 50.00) cannot be scaled from its list
    // price: it weighs its amount, like a fee without one.
    const lines = [
      { amount: money("10"), fixedFee: true, listPrice: money("0"), standaloneSellingPrice: money("50") },
      { amount: money("90"), fixedFee: true, listPrice: money("90"), standaloneSellingPrice: null },
    ];
    expect(allocateInvoiceRevenue(money("100"), lines, usd).map((amount) => amount.toFixed(2))).toEqual([
      "10.00",
      "90.00",
    ]);
    // Fees whose weights add up to zero keep their split by amount.
    const zero = [
      { amount: money("0"), fixedFee: true, listPrice: money("10"), standaloneSellingPrice: money("20") },
      { amount: money("30"), fixedFee: false, listPrice: null, standaloneSellingPrice: null },
    ];
    expect(allocateInvoiceRevenue(money("30"), zero, usd).map((amount) => amount.toFixed(2))).toEqual([
      "0.00",
      "30.00",
    ]);
  });

  it("allocates exactly the transaction price to the cent, for any prices", () => {
    const cents = (value: number) => new Decimal(value).dividedBy(100);
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            contractPrice: fc.integer({ min: 0, max: 100_000_000 }),
            listPrice: fc.integer({ min: 0, max: 100_000_000 }),
            standaloneSellingPrice: fc.option(fc.integer({ min: 0, max: 100_000_000 })),
          }),
          { minLength: 1, maxLength: 8 },
        ),
        (generated) => {
          const allocation = allocateTransactionPrice(
            generated.map((obligation, index) => ({
              id: `obligation_${index}`,
              contractPrice: cents(obligation.contractPrice),
              listPrice: cents(obligation.listPrice),
              standaloneSellingPrice:
                obligation.standaloneSellingPrice === null ? null : cents(obligation.standaloneSellingPrice),
            })),
            usd,
          );
          const allocated = allocation.obligations.map((obligation) => obligation.allocated);
          expect(sumDecimals(allocated).equals(allocation.transactionPrice)).toBe(true);
          for (const piece of allocated) {
            expect(piece.isNegative()).toBe(false);
            expect(piece.decimalPlaces()).toBeLessThanOrEqual(2);
          }
        },
      ),
    );
  });
});
