// A live contract's revenue (ASC 606 steps 4 and 5) on the test clock, every
// figure worked by hand below. The contract, 1 January to 1 April 2030 (UTC),
// on a monthly calendar plan billed in advance:
// - platform: 2,000.00 a month at list, standalone selling price 2,500.00 a month;
// - support: 1,000.00 a month at list, 50% off on the contract's rate card (500.00),
//   standalone selling price 900.00 a month;
// - a prepaid commit of 6,000.00 invoiced up front, drawn down by usage (1.00 a token);
// - tokens used: January 2,500, February 3,000, March 1,500 (7,000.00: 1,000.00 beyond the commit).
// A second contract whose commit is mostly left unused shows breakage at its expiry.
// A third, the first's twin, gets a credit note of 600.00 on its commit line on 15 February.
// A fourth, on a plan of a 100.00 base fee and tokens, renews every month with a prepaid commit
// of 1,000.00 a term whose unused balance rolls over up to 300.00 (the rest expires).
// Each appears in the general journal (GET /v1/journal) and the revenue report by its schedule.
import { beforeAll, describe, expect, it } from "vitest";
import { createPlan, ingestEvents, subscribeNewCustomer } from "../../test/support/builders.ts";
import {
  customerJournal,
  enterpriseContractCustomer,
  journalTotals,
  scheduleLines,
  sellEnterpriseContracts,
  contractStart as start,
  tokensUsed,
} from "../../test/support/contract-fixtures.ts";
import { expectCreated, expectOk } from "../../test/support/responses.ts";
import { testAppForFile } from "../../test/support/test-app.ts";
import { advanceTestClock, freezeTestClock } from "../../test/support/test-clock-api.ts";

const suite = testAppForFile({ tenantName: "Contract revenue" });
let planId: string;
let meteredPlanId: string;

const end = "2030-04-01T00:00:00Z";

beforeAll(async () => {
  planId = (await sellEnterpriseContracts(suite.tenant)).id;
  meteredPlanId = (
    await createPlan(suite.tenant.admin, {
      code: "metered",
      version: {
        charges: [
          { id: "base", type: "fixed", amount: "100.00", timing: "in_advance" },
          { id: "tokens", type: "usage", meter: "tokens", model: "per_unit", unit_price: "1.00" },
        ],
      },
    })
  ).id;
  // Plans are published in real time: the test clock runs in a year to come.
  await freezeTestClock(suite.tenant.admin, start);
});

/** A customer on the plan from 1 January under a contract with a prepaid commit of `commit`: its external id and the contract's id. */
async function contractCustomer(commit: string): Promise<{ externalId: string; contractId: string }> {
  const { customer, contractId } = await enterpriseContractCustomer(suite.tenant.admin, planId, {
    commit,
    end,
  });
  return { externalId: customer.external_id, contractId };
}

/** A customer on the metered plan under a monthly contract renewed automatically, its commit rolling over up to 300.00. */
async function rollingCustomer(): Promise<{ externalId: string; customerId: string; contractId: string }> {
  const { customer, subscription } = await subscribeNewCustomer(suite.tenant.admin, meteredPlanId, {
    customer: { currency: "USD" },
    subscription: { start_at: start, billing: "calendar" },
  });
  const contract = await expectCreated(
    suite.tenant.admin.post("/v1/contracts", {
      customer_id: customer.id,
      subscription_id: subscription.id,
      start,
      end: "2030-02-01T00:00:00Z",
      renewal: "auto",
      commits: [
        {
          id: "prepaid",
          type: "prepaid",
          amount: "1000.00",
          applies_to: ["usage"],
          rollover: "capped",
          rollover_cap: "300.00",
        },
      ],
    }),
  );
  return { externalId: customer.external_id, customerId: customer.id, contractId: contract.id };
}

const revenueOf = (contractId: string) =>
  expectOk(suite.tenant.admin.get(`/v1/contracts/${contractId}/revenue-schedule`));

/** A customer's rows of the revenue report from January to April, as "period recognized breakage deferred unbilled". */
async function reportOf(customerId: string) {
  const report = await expectOk(
    suite.tenant.admin.get("/v1/revenue-report?from=2030-01&to=2030-04&group_by=customer"),
  );
  return (
    report.rows as {
      period: string;
      group: string;
      recognized: string;
      breakage: string;
      deferred_balance: string;
      unbilled_balance: string;
    }[]
  )
    .filter((row) => row.group === customerId)
    .map(
      (row) =>
        `${row.period} ${row.recognized} ${row.breakage} ${row.deferred_balance} ${row.unbilled_balance}`,
    );
}

type JournalLine = { account: string; debit: string; credit: string };
const debit = (account: string, amount: string): JournalLine => ({ account, debit: amount, credit: "0.00" });
const credit = (account: string, amount: string): JournalLine => ({ account, debit: "0.00", credit: amount });

/** A month of a contract's journal as the revenue schedule gives it, its debits equal to its credits. */
function balancedMonth(
  month: string,
  totals: { invoiced: string; recognized: string; deferred: string; unbilled: string },
  lines: JournalLine[],
) {
  const { invoiced, recognized, deferred, unbilled } = totals;
  return {
    month,
    invoiced,
    recognized,
    deferred_revenue: deferred,
    unbilled_receivables: unbilled,
    balanced: true,
    lines,
  };
}

describe("GET /v1/contracts/{id}/revenue-schedule", () => {
  let main: { externalId: string; contractId: string };
  let unused: { externalId: string; contractId: string };
  let credited: { externalId: string; contractId: string };
  let rolling: { externalId: string; customerId: string; contractId: string };

  beforeAll(async () => {
    main = await contractCustomer("6000.00");
    unused = await contractCustomer("3000.00");
    credited = await contractCustomer("6000.00");
    rolling = await rollingCustomer();
    for (const [month, tokens, unusedTokens, rollingTokens] of [
      ["01", 2500, 400, 400],
      ["02", 3000, 300, 1100],
      ["03", 1500, 300, 300],
    ] as const) {
      await advanceTestClock(suite.tenant.admin, `2030-${month}-10T00:00:00Z`);
      await ingestEvents(suite.tenant.admin, [
        tokensUsed("credited", credited.externalId, month, tokens),
        tokensUsed("rolling", rolling.externalId, month, rollingTokens),
        tokensUsed("main", main.externalId, month, tokens),
        tokensUsed("unused", unused.externalId, month, unusedTokens),
      ]);
      if (month === "02") {
        // 15 February: 600.00 of the twin's commit line of 1 January is credited.
        await advanceTestClock(suite.tenant.admin, "2030-02-15T00:00:00Z");
        const customerId = (await expectOk(suite.tenant.admin.get(`/v1/contracts/${credited.contractId}`)))
          .customer_id;
        const invoices = await expectOk(
          suite.tenant.admin.get(`/v1/invoices?customer_id=${customerId}&limit=100`),
        );
        const first = (
          invoices.data as { id: string; issued_at: string; lines: { id: string; kind: string }[] }[]
        ).find((invoice) => invoice.issued_at.startsWith("2030-01-01"));
        const commitLine = first?.lines.find((line) => line.kind === "commit");
        await expectCreated(
          suite.tenant.admin.post(`/v1/invoices/${first?.id}/credit-notes`, {
            reason: "billing_error",
            lines: [{ invoice_line_id: commitLine?.id, amount: "600.00" }],
          }),
        );
      }
    }
    await advanceTestClock(suite.tenant.admin, "2030-04-01T00:00:01Z");
  });

  it("allocates the fixed price by relative standalone selling price and earns it month by month", async () => {
    const revenue = await revenueOf(main.contractId);
    // Invoiced: 1 January 2,000.00 + 500.00 + the commit 6,000.00 = 8,500.00; 1 February and 1 March
    // 2,500.00 of fees, the month's usage paid by the commit (2,500.00, then 3,000.00); 1 April March's
    // 1,500.00 of usage, 500.00 of it paid by the commit (all that is left): 1,000.00.
    // Fixed price: platform 3 × 2,000.00 = 6,000.00, support 3 × 500.00 = 1,500.00, the commit 6,000.00:
    // 13,500.00. Standalone selling prices: 3 × 2,500.00 = 7,500.00, 3 × 900.00 = 2,700.00 and the
    // commit's face 6,000.00 (none set: its list price): 16,200.00.
    // Platform 13,500 × 7,500 / 16,200 = 6,250.00; support 13,500 × 2,700 / 16,200 = 2,250.00;
    // the commit 13,500 × 6,000 / 16,200 = 5,000.00.
    expect(revenue).toMatchObject({ currency: "USD", timezone: "UTC", transaction_price: "13500.00" });
    expect(revenue.variable_consideration).toBe("1000.00");
    expect(revenue.obligations).toEqual([
      {
        id: "platform",
        kind: "fee",
        contract_price: "6000.00",
        standalone_selling_price: "7500.00",
        standalone_selling_price_source: "configured",
        allocated: "6250.00",
        reallocated: "250.00",
        credited: "0.00",
      },
      {
        id: "support",
        kind: "fee",
        contract_price: "1500.00",
        standalone_selling_price: "2700.00",
        standalone_selling_price_source: "configured",
        allocated: "2250.00",
        reallocated: "750.00",
        credited: "0.00",
      },
      {
        id: "commit:prepaid:2030-01-01",
        kind: "commit",
        contract_price: "6000.00",
        standalone_selling_price: "6000.00",
        standalone_selling_price_source: "list_price",
        allocated: "5000.00",
        reallocated: "-1000.00",
        credited: "0.00",
      },
    ]);
    // Platform: 625,000 cents over its three monthly lines by amount: 208,333.33 each, the cent left to the
    // first: 2,083.34, 2,083.33, 2,083.33. Support: 750.00 a month.
    // The commit releases 5,000 / 6,000 of each draw, rounded on the running total: January's usage
    // (drawn 1 February) 2,500 × 5/6 = 2,083.33; February's 5,500 × 5/6 = 4,583.33, less 2,083.33 = 2,500.00;
    // March's 6,000 × 5/6 = 5,000.00, less 4,583.33 = 416.67. Nothing left: no breakage.
    // March's usage beyond the commit, 1,000.00, is earned as used, in March.
    expect(scheduleLines(revenue.schedule)).toEqual([
      "2030-01 platform revenue 2083.34",
      "2030-01 support revenue 750.00",
      "2030-01 commit:prepaid:2030-01-01 revenue 2083.33",
      "2030-02 platform revenue 2083.33",
      "2030-02 support revenue 750.00",
      "2030-02 commit:prepaid:2030-01-01 revenue 2500.00",
      "2030-03 platform revenue 2083.33",
      "2030-03 support revenue 750.00",
      "2030-03 commit:prepaid:2030-01-01 revenue 416.67",
      "2030-03 usage variable 1000.00",
    ]);
  });

  it("journals it month by month through deferred revenue and unbilled receivables, every month balanced", async () => {
    const revenue = await revenueOf(main.contractId);
    // January: invoiced 8,500.00, earned 2,083.34 + 750.00 + 2,083.33 = 4,916.67: deferred 3,583.33.
    // February: invoiced 2,500.00, earned 2,083.33 + 750.00 + 2,500.00 = 5,333.33: deferred 750.00.
    // March: invoiced 2,500.00, earned 2,083.33 + 750.00 + 416.67 + 1,000.00 = 4,250.00: 750.00 + 2,500.00
    // − 4,250.00 = −1,000.00, earned ahead of billing: unbilled 1,000.00, deferred 0.00.
    // April: invoiced 1,000.00 (March's overage), nothing earned: unbilled back to 0.00.
    expect(revenue.journal).toEqual([
      balancedMonth(
        "2030-01",
        { invoiced: "8500.00", recognized: "4916.67", deferred: "3583.33", unbilled: "0.00" },
        [
          debit("accounts_receivable", "8500.00"),
          credit("deferred_revenue", "3583.33"),
          credit("revenue", "4916.67"),
        ],
      ),
      balancedMonth(
        "2030-02",
        { invoiced: "2500.00", recognized: "5333.33", deferred: "750.00", unbilled: "0.00" },
        [
          debit("accounts_receivable", "2500.00"),
          debit("deferred_revenue", "2833.33"),
          credit("revenue", "5333.33"),
        ],
      ),
      balancedMonth(
        "2030-03",
        { invoiced: "2500.00", recognized: "4250.00", deferred: "0.00", unbilled: "1000.00" },
        [
          debit("accounts_receivable", "2500.00"),
          debit("unbilled_receivables", "1000.00"),
          debit("deferred_revenue", "750.00"),
          credit("revenue", "4250.00"),
        ],
      ),
      balancedMonth(
        "2030-04",
        { invoiced: "1000.00", recognized: "0.00", deferred: "0.00", unbilled: "0.00" },
        [debit("accounts_receivable", "1000.00"), credit("unbilled_receivables", "1000.00")],
      ),
    ]);
  });

  it("releases an unused commit as breakage at its expiry", async () => {
    const revenue = await revenueOf(unused.contractId);
    // Fixed price 6,000.00 + 1,500.00 + 3,000.00 = 10,500.00 over standalone 7,500 + 2,700 + 3,000 = 13,200:
    // platform 10,500 × 7,500 / 13,200 = 5,965.909… → 5,965.90 (remainder .9), support × 2,700 = 2,147.727…
    // → 2,147.72 (.73), the commit × 3,000 = 2,386.363… → 2,386.36 (.36): the two cents left go to the
    // platform and support, the largest remainders: 5,965.91 and 2,147.73.
    expect(
      revenue.obligations.map((obligation: { id: string; allocated: string }) => [
        obligation.id,
        obligation.allocated,
      ]),
    ).toEqual([
      ["platform", "5965.91"],
      ["support", "2147.73"],
      ["commit:prepaid:2030-01-01", "2386.36"],
    ]);
    // Draws 400, 300 and 300 of 3,000.00 at 2,386.36 / 3,000: running totals 400 → 318.18, 700 → 556.82
    // (238.64), 1,000 → 795.45 (238.63); the 2,000.00 left unused expires on 1 April: 2,386.36 − 795.45 =
    // 1,590.91 of breakage, in March (the month the term ends in).
    const commit = revenue.schedule.filter(
      (entry: { obligation_id: string }) => entry.obligation_id === "commit:prepaid:2030-01-01",
    );
    expect(
      commit.map((entry: { month: string; kind: string; amount: string }) => [
        entry.month,
        entry.kind,
        entry.amount,
      ]),
    ).toEqual([
      ["2030-01", "revenue", "318.18"],
      ["2030-02", "revenue", "238.64"],
      ["2030-03", "revenue", "238.63"],
      ["2030-03", "breakage", "1590.91"],
    ]);
    expect(revenue.variable_consideration).toBe("0.00");
    expect(revenue.journal.at(-1)).toMatchObject({ deferred_revenue: "0.00", balanced: true });
    expect(
      revenue.journal.every((month: { balanced: boolean }) => month.balanced),
      JSON.stringify(revenue.journal),
    ).toBe(true);
  });

  it("books the contract's schedule in the general journal, balanced month by month", async () => {
    const { customer_id: customerId } = await expectOk(
      suite.tenant.admin.get(`/v1/contracts/${main.contractId}`),
    );
    // Each invoice is billed ahead of the schedule: Dr accounts receivable, Cr deferred revenue (its lines'
    // share, none of it earned by the line's own pattern). Each month's schedule (above) moves from deferred
    // revenue to revenue on the month's last day, under the obligation's product (the commit and usage
    // have none); March, earned 1,000.00 ahead of billing, moves it to unbilled receivables; April's invoice
    // of March's overage takes it back.
    expect(await customerJournal(suite.tenant.admin, "2030-01", customerId)).toEqual({
      balanced: true,
      lines: [
        "accounts_receivable 8500.00 - -",
        "deferred_revenue - 8500.00 -",
        "deferred_revenue 2083.33 - -",
        "deferred_revenue 2083.34 - -",
        "deferred_revenue 750.00 - -",
        "revenue - 2083.33 -",
        "revenue - 2083.34 platform",
        "revenue - 750.00 support",
      ],
    });
    expect(await customerJournal(suite.tenant.admin, "2030-02", customerId)).toEqual({
      balanced: true,
      lines: [
        "accounts_receivable 2500.00 - -",
        "deferred_revenue - 2500.00 -",
        "deferred_revenue 2500.00 - -",
        "deferred_revenue 2083.33 - -",
        "deferred_revenue 750.00 - -",
        "revenue - 2500.00 -",
        "revenue - 2083.33 platform",
        "revenue - 750.00 support",
      ],
    });
    expect(await customerJournal(suite.tenant.admin, "2030-03", customerId)).toEqual({
      balanced: true,
      lines: [
        "accounts_receivable 2500.00 - -",
        "deferred_revenue - 2500.00 -",
        "unbilled_receivables 1000.00 - -",
        "deferred_revenue 416.67 - -",
        "deferred_revenue 2083.33 - -",
        "deferred_revenue 750.00 - -",
        "deferred_revenue 1000.00 - -",
        "deferred_revenue - 1000.00 -",
        "revenue - 416.67 -",
        "revenue - 2083.33 platform",
        "revenue - 750.00 support",
        "revenue - 1000.00 -",
      ],
    });
    expect(await customerJournal(suite.tenant.admin, "2030-04", customerId)).toEqual({
      balanced: true,
      lines: [
        "accounts_receivable 1000.00 - -",
        "deferred_revenue - 1000.00 -",
        "deferred_revenue 1000.00 - -",
        "unbilled_receivables - 1000.00 -",
      ],
    });
  });

  it("shows the contract's revenue in the revenue report, as its own journal has it", async () => {
    const { customer_id: customerId } = await expectOk(
      suite.tenant.admin.get(`/v1/contracts/${main.contractId}`),
    );
    // period, recognized, breakage, deferred balance, unbilled balance: the contract's journal above.
    expect(await reportOf(customerId)).toEqual([
      "2030-01 4916.67 0.00 3583.33 0.00",
      "2030-02 5333.33 0.00 750.00 0.00",
      "2030-03 4250.00 0.00 0.00 1000.00",
    ]);
  });

  it("takes a credit note on the commit line off the commit's revenue, earned part at once, the rest as earned", async () => {
    const revenue = await revenueOf(credited.contractId);
    // The allocation is the first contract's (credit notes never move revenue between obligations); the
    // commit is credited 600.00 of its 5,000.00: 12% of each release. Released by 15 February: January's
    // 2,083.33 → 12% = 249.9996 → 250.00, reversed on 15 February. Later, on the running total: February's
    // 4,583.33 × 12% = 549.9996 → 550.00, less 250.00: 300.00 off February's 2,500.00; March's 5,000.00 ×
    // 12% = 600.00, less 550.00: 50.00 off March's 416.67. Together 600.00.
    expect(revenue.credited).toBe("600.00");
    expect(
      revenue.obligations.map((obligation: { id: string; allocated: string; credited: string }) => [
        obligation.id,
        obligation.allocated,
        obligation.credited,
      ]),
    ).toEqual([
      ["platform", "6250.00", "0.00"],
      ["support", "2250.00", "0.00"],
      ["commit:prepaid:2030-01-01", "5000.00", "600.00"],
    ]);
    expect(
      revenue.schedule
        .filter((entry: { obligation_id: string }) => entry.obligation_id === "commit:prepaid:2030-01-01")
        .map((entry: { month: string; amount: string }) => `${entry.month} ${entry.amount}`),
    ).toEqual(["2030-01 2083.33", "2030-02 1950.00", "2030-03 366.67"]);
    // February: invoiced 2,500.00 − 600.00 = 1,900.00, earned 2,083.33 + 750.00 + 1,950.00 = 4,783.33:
    // deferred 3,583.33 + 1,900.00 − 4,783.33 = 700.00. March: 700.00 + 2,500.00 − (2,083.33 + 750.00 +
    // 366.67 + 1,000.00 = 4,200.00) = −1,000.00: unbilled 1,000.00. Earned in all 13,900.00 = 14,500.00
    // invoiced less the 600.00 credited.
    expect(journalTotals(revenue.journal)).toEqual([
      "2030-01 8500.00 4916.67 3583.33 0.00 true",
      "2030-02 1900.00 4783.33 700.00 0.00 true",
      "2030-03 2500.00 4200.00 0.00 1000.00 true",
      "2030-04 1000.00 0.00 0.00 0.00 true",
    ]);
    const { customer_id: customerId } = await expectOk(
      suite.tenant.admin.get(`/v1/contracts/${credited.contractId}`),
    );
    // In the general journal, the credit note takes its 600.00 back from deferred revenue on its date, and
    // the reversals ride with the schedule's entries: 250.00 on 15 February, 300.00 at February's end.
    const february = await customerJournal(suite.tenant.admin, "2030-02", customerId);
    expect(february.balanced).toBe(true);
    expect(february.lines).toEqual([
      "accounts_receivable 2500.00 - -",
      "deferred_revenue - 2500.00 -",
      "revenue 250.00 - -",
      "deferred_revenue - 250.00 -",
      "deferred_revenue 600.00 - -",
      "accounts_receivable - 600.00 -",
      "deferred_revenue 2200.00 - -",
      "deferred_revenue 2083.33 - -",
      "deferred_revenue 750.00 - -",
      "revenue - 2200.00 -",
      "revenue - 2083.33 platform",
      "revenue - 750.00 support",
    ]);
    expect(await reportOf(customerId)).toEqual([
      "2030-01 4916.67 0.00 3583.33 0.00",
      "2030-02 4783.33 0.00 700.00 0.00",
      "2030-03 4200.00 0.00 0.00 1000.00",
    ]);
  });

  it("keeps a rolled-over commit balance deferred into the next term, breakage only for what expires", async () => {
    const revenue = await revenueOf(rolling.contractId);
    // Every obligation sells at its own price (the base fee has no standalone selling price: its list
    // price; a commit's is its face), so each is allocated its price: the base fee 4 × 100.00, each
    // monthly term's commit 1,000.00. A unit drawn releases pool value ÷ pool units = 1.00.
    // January (term 1, pool 1,000.00): 400.00 drawn; of the 600.00 left, 300.00 rolls over (the cap)
    // and 300.00 expires: breakage 300.00. February (term 2, pool 1,000.00 + 300.00 rolled): 1,100.00
    // drawn; the 200.00 left all rolls over: no breakage. March (term 3, pool 1,200.00): 300.00 drawn;
    // of the 900.00 left, 300.00 rolls over and 600.00 expires. April (term 4, pool 1,300.00): open.
    expect(scheduleLines(revenue.schedule)).toEqual([
      "2030-01 charge:base revenue 100.00",
      "2030-01 commit:prepaid:2030-01-01 revenue 400.00",
      "2030-01 commit:prepaid:2030-01-01 breakage 300.00",
      "2030-02 charge:base revenue 100.00",
      "2030-02 commit:prepaid:2030-02-01 revenue 1100.00",
      "2030-03 charge:base revenue 100.00",
      "2030-03 commit:prepaid:2030-03-01 revenue 300.00",
      "2030-03 commit:prepaid:2030-03-01 breakage 600.00",
      "2030-04 charge:base revenue 100.00",
    ]);
    // Invoiced each month 100.00 + the term's commit 1,000.00 (usage paid by the commits): deferred
    // 1,100.00 − 800.00 = 300.00 (the rolled balance), 300.00 + 1,100.00 − 1,200.00 = 200.00, 200.00 +
    // 1,100.00 − 1,000.00 = 300.00, and in April 300.00 + 1,100.00 − 100.00 = 1,300.00: term 4's pool.
    expect(journalTotals(revenue.journal)).toEqual([
      "2030-01 1100.00 800.00 300.00 0.00 true",
      "2030-02 1100.00 1200.00 200.00 0.00 true",
      "2030-03 1100.00 1000.00 300.00 0.00 true",
      "2030-04 1100.00 100.00 1300.00 0.00 true",
    ]);
    expect(await reportOf(rolling.customerId)).toEqual([
      "2030-01 500.00 300.00 300.00 0.00",
      "2030-02 1200.00 0.00 200.00 0.00",
      "2030-03 400.00 600.00 300.00 0.00",
      "2030-04 100.00 0.00 1300.00 0.00",
    ]);
    expect(
      (await customerJournal(suite.tenant.admin, "2030-03", rolling.customerId)).lines.filter((line) =>
        line.startsWith("breakage"),
      ),
    ).toEqual(["breakage_revenue - 600.00 -"]);
  });

  it("is a 404 for a contract that does not exist", async () => {
    const response = await suite.tenant.admin.get("/v1/contracts/ctr_unknown/revenue-schedule");
    expect(response.status).toBe(404);
  });
});
