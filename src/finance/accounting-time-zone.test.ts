// The accounting zone defaults to the seller entity's: a German seller's
// months run in Berlin time, so an invoice issued at 1 April 00:00 in Berlin
// (31 March 22:00 UTC) is April's, and so is its VAT (April's VAT return).
// Every finance answer names the zone; closing a month fixes it.
import { beforeAll, describe, expect, it } from "vitest";
import {
  createCustomer,
  createPlan,
  sellAsGermanCompanyWithVat,
  subscribe,
} from "../../test/support/builders.ts";
import { expectCreated, expectOk } from "../../test/support/responses.ts";
import { testAppForFile } from "../../test/support/test-app.ts";
import { advanceTestClock, freezeTestClock } from "../../test/support/test-clock-api.ts";

const suite = testAppForFile({ tenantName: "Berlin books" });

type Line = { account_role: string; debit: string; credit: string; document_id: string; date: string };

const taxCredited = (lines: Line[]) =>
  lines
    .filter((line) => line.account_role === "tax_payable" && line.credit !== "")
    .map((line) => [line.date, line.credit]);

beforeAll(async () => {
  await freezeTestClock(suite.tenant.admin, "2026-02-28T23:00:00Z");
  await sellAsGermanCompanyWithVat(suite.tenant.admin);
  const plan = await createPlan(suite.tenant.admin, {
    code: "team",
    name: "Team",
    version: {
      currency: "EUR",
      charges: [{ id: "base", type: "fixed", amount: "100.00", timing: "in_advance" }],
    },
  });
  const customer = await createCustomer(suite.tenant.admin, {
    external_id: "werkstatt",
    currency: "EUR",
    timezone: "Europe/Berlin",
    country: "DE",
  });
  await subscribe(suite.tenant.admin, {
    customer_id: customer.id,
    plan_id: plan.id,
    start_at: "2026-02-28T23:00:00Z",
    billing: "calendar",
  });
  await expectOk(suite.tenant.admin.post(`/v1/customers/${customer.id}/bill`, {}));
  // 1 April 00:00 in Berlin (summer time): April's invoice.
  await advanceTestClock(suite.tenant.admin, "2026-03-31T22:00:00Z");
  await advanceTestClock(suite.tenant.admin, "2026-04-05T10:00:00Z");
});

describe("the accounting zone", () => {
  it("is the German seller's, Europe/Berlin, and every finance answer names it", async () => {
    const settings = await expectOk(suite.tenant.admin.get("/v1/finance-settings"));
    expect(settings).toMatchObject({ timezone: "Europe/Berlin", timezone_source: "seller_country" });
    for (const path of [
      "/v1/journal?period=2026-03",
      "/v1/revenue-report?from=2026-03&to=2026-04",
      "/v1/reconciliation?period=2026-03",
      "/v1/close-checklist?period=2026-03",
      "/v1/kpis?from=2026-03&to=2026-04",
    ]) {
      expect((await expectOk(suite.tenant.admin.get(path))).timezone, path).toBe("Europe/Berlin");
    }
  });

  it("books an invoice of 1 April 00:00 in Berlin, and its VAT, in April", async () => {
    const march = await expectOk(suite.tenant.admin.get("/v1/journal?period=2026-03"));
    const april = await expectOk(suite.tenant.admin.get("/v1/journal?period=2026-04"));
    expect(march.timezone).toBe("Europe/Berlin");
    expect(taxCredited(march.lines)).toEqual([["2026-03-01", "19.00"]]);
    expect(taxCredited(april.lines)).toEqual([["2026-04-01", "19.00"]]);
  });

  it("is fixed in the settings when a month is closed", async () => {
    await expectCreated(suite.tenant.admin.post("/v1/journal-exports", { period: "2026-03" }));
    const lock = await expectCreated(suite.tenant.admin.post("/v1/period-locks", { period: "2026-03" }));
    expect(lock).toMatchObject({ timezone: "Europe/Berlin", period_start: "2026-02-28T23:00:00.000Z" });
    await expectOk(
      suite.tenant.admin.put("/v1/invoicing-settings", {
        seller: { name: "Audit Cloud SAS", country: "FR" },
      }),
    );
    const settings = await expectOk(suite.tenant.admin.get("/v1/finance-settings"));
    expect(settings).toMatchObject({ timezone: "Europe/Berlin", timezone_source: "configured" });
  });
});
