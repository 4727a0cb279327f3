// A closed month keeps the exchange rates it was closed with: January's
// journal and revenue report in the reporting currency (USD) were read at the
// EUR→USD rate of 31 December (1.10) when January was locked; a rate dated
// inside January entered afterwards would convert January's EUR entries again
// (100.00 EUR at 1.30 = 130.00 instead of 110.00), so it is refused (409
// period_locked at $.date), like replacing a rate of a locked month. A rate
// dated in the open month, or for a pair the locked month never converted
// with, is stored.
import { beforeAll, describe, expect, it } from "vitest";
import { createPlan, subscribeNewCustomer } from "../../test/support/builders.ts";
import { closeMonthOverridingChecklist, enterExchangeRate } from "../../test/support/finance-steps.ts";
import { expectOk } from "../../test/support/responses.ts";
import { testAppForFile } from "../../test/support/test-app.ts";
import { advanceTestClock, freezeTestClock } from "../../test/support/test-clock-api.ts";

const suite = testAppForFile({ tenantName: "Closed month rates" });

/** January's reports in USD, without the instant each was generated at. */
async function januaryInUsd(): Promise<unknown[]> {
  const journal = await expectOk(suite.tenant.admin.get("/v1/journal?period=2026-01"));
  const report = await expectOk(suite.tenant.admin.get("/v1/revenue-report?from=2026-01&to=2026-01"));
  const kpis = await expectOk(suite.tenant.admin.get("/v1/kpis?from=2026-01&to=2026-01"));
  return [journal.reporting, report.reporting, kpis.reporting];
}

beforeAll(async () => {
  await freezeTestClock(suite.tenant.admin, "2026-01-01T00:00:00Z");
  await expectOk(suite.tenant.admin.put("/v1/finance-settings", { reporting_currency: "USD" }));
  const plan = await createPlan(suite.tenant.admin, {
    code: "monthly-eur",
    version: {
      currency: "EUR",
      interval: "month",
      charges: [{ id: "fee", type: "fixed", amount: "100.00", timing: "in_advance" }],
    },
  });
  await subscribeNewCustomer(suite.tenant.admin, plan.id, {
    customer: { currency: "EUR" },
    subscription: { start_at: "2026-01-01T00:00:00Z", billing: "calendar" },
  });
  await enterExchangeRate(suite.tenant.admin, {
    base: "EUR",
    quote: "USD",
    date: "2025-12-31",
    rate: "1.10",
  });
  await advanceTestClock(suite.tenant.admin, "2026-02-05T12:00:00Z");
  await closeMonthOverridingChecklist(suite.tenant.admin, "2026-01", "rates test");
});

describe("exchange rates of a closed month", () => {
  it("refuses a new rate dated inside a locked month that would convert it again, and January reads as closed", async () => {
    const atLock = await januaryInUsd();
    const receivable = (atLock[0] as { lines: { account_role: string; debit: string }[] }).lines.find(
      (line) => line.account_role === "accounts_receivable" && line.debit !== "",
    );
    expect(receivable?.debit).toBe("110.00");

    for (const rate of [
      { base: "EUR", quote: "USD", date: "2026-01-15", rate: "1.30" },
      // The inverse pair, more recent, would be used in its place.
      { base: "USD", quote: "EUR", date: "2026-01-20", rate: "0.75" },
    ]) {
      const response = await suite.tenant.admin.post("/v1/exchange-rates", rate);
      expect([response.status, response.body.code], JSON.stringify(rate)).toEqual([409, "period_locked"]);
      expect(response.body.errors).toEqual([expect.objectContaining({ path: "$.date" })]);
    }
    expect(await januaryInUsd()).toEqual(atLock);
  });

  it("stores a rate of the open month, and one of a pair the locked month never converted with", async () => {
    await enterExchangeRate(suite.tenant.admin, {
      base: "EUR",
      quote: "USD",
      date: "2026-02-01",
      rate: "1.20",
    });
    await enterExchangeRate(suite.tenant.admin, {
      base: "GBP",
      quote: "USD",
      date: "2026-01-15",
      rate: "1.25",
    });
    const journal = await expectOk(suite.tenant.admin.get("/v1/journal?period=2026-02"));
    const receivable = (journal.reporting.lines as { account_role: string; debit: string }[]).find(
      (line) => line.account_role === "accounts_receivable" && line.debit !== "",
    );
    expect(receivable?.debit).toBe("120.00");
  });
});
