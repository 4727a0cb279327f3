// Exchange rates and the reporting currency through the API: rates entered
// and fetched from an HTTP rate provider (a local server this test starts),
// bad input named by field, a clear refusal when no rate covers a date, and
// the journal, revenue report and KPIs also shown in USD for a EUR customer
// and a USD customer, with the rates used. Invoices stay in their currency.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPlan, subscribeNewCustomer } from "../../test/support/builders.ts";
import { enterExchangeRate } from "../../test/support/finance-steps.ts";
import { expectCreated, expectOk } from "../../test/support/responses.ts";
import { testAppForFile } from "../../test/support/test-app.ts";
import { advanceTestClock, freezeTestClock } from "../../test/support/test-clock-api.ts";
import { setOutgoingRequestPolicy } from "../platform/outgoing-requests/target-policy.ts";

const suite = testAppForFile({
  tenantName: "Reporting currency",
  allowPrivateTargets: true,
});
let provider: Server;
let providerUrl: string;
let euroCustomer: string;
const providerRequests: string[] = [];

beforeAll(async () => {
  // The rate provider, in the Frankfurter API's format: it knows EUR→USD on 31 January 2026 only.
  provider = createServer((request, response) => {
    providerRequests.push(request.url ?? "");
    const url = new URL(request.url ?? "/", "http://localhost");
    if (url.pathname === "/v1/2026-01-31" && url.searchParams.get("from") === "EUR") {
      response.writeHead(200, { "content-type": "application/json" });
      response.end('{"amount":1.0,"base":"EUR","date":"2026-01-31","rates":{"USD":1.0842}}');
      return;
    }
    response.writeHead(404, { "content-type": "application/json" });
    response.end('{"message":"not found"}');
  });
  await new Promise<void>((resolve) => provider.listen(0, "127.0.0.1", resolve));
  providerUrl = `http://127.0.0.1:${(provider.address() as AddressInfo).port}/v1`;

  await freezeTestClock(suite.tenant.admin, "2026-01-01T00:00:00Z");
  for (const currency of ["EUR", "USD"]) {
    const plan = await createPlan(suite.tenant.admin, {
      code: `monthly-${currency.toLowerCase()}`,
      version: {
        currency,
        interval: "month",
        charges: [
          { id: "fee", type: "fixed", amount: currency === "EUR" ? "100.00" : "50.00", timing: "in_advance" },
        ],
      },
    });
    const { customer } = await subscribeNewCustomer(suite.tenant.admin, plan.id, {
      customer: { currency },
      subscription: { start_at: "2026-01-01T00:00:00Z", billing: "calendar" },
    });
    if (currency === "EUR") euroCustomer = customer.id;
  }
  await advanceTestClock(suite.tenant.admin, "2026-02-01T00:00:00Z");
});
afterAll(async () => {
  await new Promise((resolve) => provider?.close(resolve));
});

describe("exchange rates", () => {
  it("refuses bad rates and settings, naming the field", async () => {
    const cases: [unknown, string][] = [
      [{ base: "EUR", quote: "EUR", date: "2026-01-01", rate: "1" }, "$.quote"],
      [{ base: "XYZ", quote: "USD", date: "2026-01-01", rate: "1" }, "$.base"],
      [{ base: "EUR", quote: "USD", date: "2026-02-30", rate: "1" }, "$.date"],
      [{ base: "EUR", quote: "USD", date: "2026-01-01", rate: "0" }, "$.rate"],
      [{ base: "EUR", quote: "USD", date: "2026-01-01", rate: "-1.1" }, "$.rate"],
    ];
    for (const [body, path] of cases) {
      const response = await suite.tenant.admin.post("/v1/exchange-rates", body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(response.body.errors), JSON.stringify(body)).toContain(path);
    }
    for (const [body, path] of [
      [{ reporting_currency: "XYZ" }, "$.reporting_currency"],
      [{ exchange_rate_provider_url: "ftp://rates.example" }, "$.exchange_rate_provider_url"],
      [
        { exchange_rate_provider_url: "https://user:password@rates.example/v1" },
        "$.exchange_rate_provider_url",
      ],
    ] as const) {
      const response = await suite.tenant.admin.put("/v1/finance-settings", body);
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body.errors)).toContain(path);
    }
    const withoutProvider = await suite.tenant.admin.post("/v1/exchange-rates/fetch", {
      base: "EUR",
      quote: "USD",
      date: "2026-01-31",
    });
    expect([withoutProvider.status, withoutProvider.body.code]).toEqual([409, "no_rate_provider"]);
  });

  it("fetches a rate from the HTTP provider and stores it; a date it does not know is a clear 502", async () => {
    const settings = await expectOk(
      suite.tenant.admin.put("/v1/finance-settings", {
        reporting_currency: "USD",
        exchange_rate_provider_url: providerUrl,
      }),
    );
    expect(settings).toMatchObject({ reporting_currency: "USD", exchange_rate_provider_url: providerUrl });
    const fetched = await expectCreated(
      suite.tenant.admin.post("/v1/exchange-rates/fetch", {
        base: "EUR",
        quote: "USD",
        date: "2026-01-31",
      }),
    );
    expect(fetched).toMatchObject({
      base: "EUR",
      quote: "USD",
      date: "2026-01-31",
      rate: "1.0842",
      source: "provider",
    });
    expect(providerRequests).toContain("/v1/2026-01-31?from=EUR&to=USD");
    const unknown = await suite.tenant.admin.post("/v1/exchange-rates/fetch", {
      base: "EUR",
      quote: "USD",
      date: "2025-06-30",
    });
    expect([unknown.status, unknown.body.code]).toEqual([502, "rate_provider_failed"]);
    expect(unknown.body.detail).toContain("EUR to USD rate for 2025-06-30");
  });

  it("never calls a provider at an internal address: refused when saved, and when asked", async () => {
    setOutgoingRequestPolicy({ allowPrivateTargets: false });
    try {
      const saved = await suite.tenant.admin.put("/v1/finance-settings", {
        exchange_rate_provider_url: providerUrl,
      });
      expect(saved.status).toBe(400);
      expect(saved.body.errors).toEqual([expect.objectContaining({ path: "$.exchange_rate_provider_url" })]);
      // The address saved while this machine was allowed is refused when a rate is asked for.
      const before = providerRequests.length;
      const fetched = await suite.tenant.admin.post("/v1/exchange-rates/fetch", {
        base: "EUR",
        quote: "USD",
        date: "2026-01-31",
      });
      expect([fetched.status, fetched.body.code]).toEqual([502, "rate_provider_failed"]);
      expect(providerRequests).toHaveLength(before);
    } finally {
      setOutgoingRequestPolicy({ allowPrivateTargets: true });
    }
  });

  it("refuses a report in the reporting currency when no rate covers a date, naming the pair and the date", async () => {
    // The EUR invoice of 1 January needs a EUR→USD rate on or before 2026-01-01; only 31 January's is stored.
    const response = await suite.tenant.admin.get("/v1/journal?period=2026-01");
    expect([response.status, response.body.code]).toEqual([409, "no_exchange_rate"]);
    expect(response.body.detail).toContain("No exchange rate from EUR to USD covers 2026-01-01");
  });

  it("shows the journal, the revenue report and KPIs also in USD with the rates used; invoices stay in EUR", async () => {
    await enterExchangeRate(suite.tenant.admin, {
      base: "EUR",
      quote: "USD",
      date: "2025-12-31",
      rate: "1.10",
    });

    const journal = await expectOk(suite.tenant.admin.get("/v1/journal?period=2026-01"));
    expect(journal.balanced).toBe(true);
    expect(journal.reporting.balanced).toBe(true);
    expect(journal.reporting.totals.debit).toBe(journal.reporting.totals.credit);
    // The EUR invoice's receivable: 100.00 EUR on 1 January at 1.10 (the rate of 31 December) = 110.00 USD.
    const euroReceivable = journal.reporting.lines.find(
      (line: { account_role: string; original_currency: string; debit: string }) =>
        line.account_role === "accounts_receivable" && line.original_currency === "EUR" && line.debit !== "",
    );
    expect(euroReceivable).toMatchObject({ date: "2026-01-01", debit: "110.00", rate: "1.1" });
    expect(journal.reporting.rates_used).toContainEqual({
      from: "EUR",
      to: "USD",
      on: "2026-01-01",
      rate: "1.1",
      rate_date: "2025-12-31",
      inverted: false,
    });

    // January's revenue at the rate in force on 31 January (1.0842): 100.00 EUR = 108.42 USD, plus 50.00 USD.
    const report = await expectOk(suite.tenant.admin.get("/v1/revenue-report?from=2026-01&to=2026-01"));
    expect(
      report.rows.map((row: { currency: string; recognized: string }) => [row.currency, row.recognized]),
    ).toEqual([
      ["EUR", "100.00"],
      ["USD", "50.00"],
    ]);
    expect(report.reporting).toMatchObject({
      currency: "USD",
      rows: [{ period: "2026-01", group: null, recognized: "158.42" }],
      rates_used: [{ from: "EUR", to: "USD", on: "2026-01-31", rate: "1.0842", rate_date: "2026-01-31" }],
    });

    const kpis = await expectOk(suite.tenant.admin.get("/v1/kpis?from=2026-01&to=2026-01"));
    expect(kpis.reporting.mrr).toEqual([
      expect.objectContaining({ period: "2026-01", mrr: "158.42", arr: "1901.04" }),
    ]);

    const invoices = (
      await expectOk(suite.tenant.admin.get(`/v1/invoices?customer_id=${euroCustomer}&limit=10`))
    ).data;
    expect(
      invoices.map((invoice: { currency: string; total: string }) => [invoice.currency, invoice.total]),
    ).toContainEqual(["EUR", "100.00"]);
  });
});
