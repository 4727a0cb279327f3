// A contract's revenue in a closed month, worked by hand: the contract of
// contract-revenue.test.ts (platform 2,000.00 a month, standalone 2,500.00;
// support 1,000.00 at 50% off, standalone 900.00; a prepaid commit of 6,000.00;
// tokens January 2,500, February 3,000, March 1,500), January closed on
// 5 February. Later invoices change the allocation, but January's journal
// stays as it stood at its lock; the difference lands in February.
import { beforeAll, describe, expect, it } from "vitest";
import { ingestEvents } from "../../test/support/builders.ts";
import {
  contractStart,
  customerJournal,
  enterpriseContractCustomer,
  journalTotals,
  scheduleLines,
  sellEnterpriseContracts,
  tokensUsed,
} from "../../test/support/contract-fixtures.ts";
import { closeMonthOverridingChecklist } from "../../test/support/finance-steps.ts";
import { expectOk } from "../../test/support/responses.ts";
import { testAppForFile } from "../../test/support/test-app.ts";
import { advanceTestClock, freezeTestClock } from "../../test/support/test-clock-api.ts";

const suite = testAppForFile({ tenantName: "Contract closed months" });
let customerId: string;
let contractId: string;
let januaryAtLock: unknown;

/** The customer's lines of the month's general journal, and whether the month balances. */
const journalOf = (period: string) => customerJournal(suite.tenant.admin, period, customerId);

beforeAll(async () => {
  const plan = await sellEnterpriseContracts(suite.tenant);
  await freezeTestClock(suite.tenant.admin, contractStart);
  const contracted = await enterpriseContractCustomer(suite.tenant.admin, plan.id, {
    commit: "6000.00",
    end: "2030-04-01T00:00:00Z",
  });
  customerId = contracted.customer.id;
  contractId = contracted.contractId;
  for (const [month, tokens] of [
    ["01", 2500],
    ["02", 3000],
    ["03", 1500],
  ] as const) {
    if (month === "02") {
      await advanceTestClock(suite.tenant.admin, "2030-02-05T00:00:00Z");
      await closeMonthOverridingChecklist(suite.tenant.admin, "2030-01", "contract book");
      januaryAtLock = await journalOf("2030-01");
    }
    await advanceTestClock(suite.tenant.admin, `2030-${month}-10T00:00:00Z`);
    await ingestEvents(suite.tenant.admin, [
      tokensUsed("tokens", contracted.customer.external_id, month, tokens),
    ]);
  }
  await advanceTestClock(suite.tenant.admin, "2030-04-01T00:00:01Z");
});

describe("a contract's revenue in a closed month", () => {
  it("keeps January as it stood at its lock", async () => {
    // At the lock, the invoices of 1 January and 1 February: platform 2 × 2,000.00, support 2 × 500.00,
    // the commit 6,000.00: 11,000.00 over standalone 5,000 + 1,800 + 6,000 = 12,800. Platform 11,000 ×
    // 5,000 / 12,800 = 4,296.875 → 4,296.87, support × 1,800 = 1,546.875 → 1,546.87, the commit × 6,000 =
    // 5,156.25; the cent left goes to the platform (remainders tied, the first): 4,296.88. January: platform
    // 4,296.88 / 2 = 2,148.44, support 1,546.87 over two → 773.44 (the first), the commit's release of
    // January's 2,500 drawn, 2,500 × 5,156.25 / 6,000 = 2,148.4375 → 2,148.44: 5,070.32 in all.
    const january = await journalOf("2030-01");
    expect(january).toEqual(januaryAtLock);
    expect(january).toEqual({
      balanced: true,
      lines: [
        "accounts_receivable 8500.00 - -",
        "deferred_revenue - 8500.00 -",
        "deferred_revenue 2148.44 - -",
        "deferred_revenue 2148.44 - -",
        "deferred_revenue 773.44 - -",
        "revenue - 2148.44 -",
        "revenue - 2148.44 platform",
        "revenue - 773.44 support",
      ],
    });
  });

  it("books the change since the lock on February's first day, so the months add up to the schedule", async () => {
    const revenue = await expectOk(suite.tenant.admin.get(`/v1/contracts/${contractId}/revenue-schedule`));
    // Now January's shares are 2,083.34, 750.00 and 2,083.33 (contract-revenue.test.ts): February catches
    // up 2,083.34 − 2,148.44 = −65.10 (platform), 750.00 − 773.44 = −23.44 (support) and 2,083.33 −
    // 2,148.44 = −65.11 (the commit), beside its own 2,083.33, 750.00 and 2,500.00.
    expect(scheduleLines(revenue.schedule)).toEqual([
      "2030-01 platform revenue 2148.44",
      "2030-01 support revenue 773.44",
      "2030-01 commit:prepaid:2030-01-01 revenue 2148.44",
      "2030-02 platform revenue 2018.23",
      "2030-02 support revenue 726.56",
      "2030-02 commit:prepaid:2030-01-01 revenue 2434.89",
      "2030-03 platform revenue 2083.33",
      "2030-03 support revenue 750.00",
      "2030-03 commit:prepaid:2030-01-01 revenue 416.67",
      "2030-03 usage variable 1000.00",
    ]);
    // Earned in all 13,500.00 + 1,000.00, as the contract's schedule without a closed month.
    expect(journalTotals(revenue.journal)).toEqual([
      "2030-01 8500.00 5070.32 3429.68 0.00 true",
      "2030-02 2500.00 5179.68 750.00 0.00 true",
      "2030-03 2500.00 4250.00 0.00 1000.00 true",
      "2030-04 1000.00 0.00 0.00 0.00 true",
    ]);
    const february = await journalOf("2030-02");
    expect(february.balanced).toBe(true);
    expect(february.lines.filter((line) => line.startsWith("revenue"))).toEqual([
      "revenue 65.11 - -",
      "revenue 65.10 - platform",
      "revenue 23.44 - support",
      "revenue - 2500.00 -",
      "revenue - 2083.33 platform",
      "revenue - 750.00 support",
    ]);
  });
});
