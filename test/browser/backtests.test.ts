// The backtest page in a real Chromium. Two customers paid 20.00 a month in
// January and February; a draft version 2 would charge 24.00. A billing
// operator backtests the draft on everyone billed on the plan over those two
// months, follows the job to its end, reads the distribution (both customers
// +20%), the movers table (40.00 billed, 48.00 would be, +8.00, driven by the
// base fee) and downloads the CSV.
// The same operator then brings two more customers over from CSV files (a
// third row with a bad email is left for a person, naming its row and
// column) with subscriptions since January on a plan billed in arrears, and
// a file of past usage events (its second line refused, naming the field),
// runs a parallel run over January and February: the old system billed one
// February fee at 26.00 where Fairbill bills 25.00, so 3 of 4 invoices
// match and the one difference is a unit price of -1.00, seen side by side.
import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ConsoleHarness, laptop, signIn, startConsoleHarness } from "./browser-harness.ts";

const year = new Date().getUTCFullYear() + 1;

let harness: ConsoleHarness;
let operator: Page;
let draftVersionId: string;

beforeAll(async () => {
  harness = await startConsoleHarness({ background: true });
  const charges = (amount: string) => [{ id: "base", type: "fixed", amount, timing: "in_advance" }];
  const plan = (await harness.api("POST", "/v1/plans", {
    code: "monthly",
    name: "Monthly",
    version: { currency: "USD", interval: "month", charges: charges("20.00") },
  })) as { id: string };
  await harness.api("POST", `/v1/plans/${plan.id}/versions/1/publish`, {});
  // The plan of the customers the second test imports, published before they start.
  const team = (await harness.api("POST", "/v1/plans", {
    code: "team",
    name: "Team",
    version: {
      currency: "USD",
      interval: "month",
      charges: [{ id: "base", type: "fixed", amount: "25.00", timing: "in_arrears" }],
    },
  })) as { id: string };
  await harness.api("POST", `/v1/plans/${team.id}/versions/1/publish`, {});
  await harness.api("POST", "/v1/test-clock", { frozen_at: `${year}-01-01T00:00:00Z` });
  for (const name of ["backtest-one", "backtest-two"]) {
    const customer = (await harness.api("POST", "/v1/customers", { external_id: name, name })) as {
      id: string;
    };
    await harness.api("POST", "/v1/subscriptions", { customer_id: customer.id, plan_id: plan.id });
  }
  await harness.api("POST", "/v1/test-clock/advance", { to: `${year}-03-01T00:00:01Z` });
  const draft = (await harness.api("POST", `/v1/plans/${plan.id}/versions`, {
    currency: "USD",
    interval: "month",
    charges: charges("24.00"),
  })) as { id: string };
  draftVersionId = draft.id;
  const operatorKey = await harness.newKey("billing_ops", "Billing operator");
  operator = await harness.newPage(laptop);
  await signIn(operator, harness.baseUrl, operatorKey.secret, "/backtests");
});
afterAll(async () => harness?.close());

describe("the backtest page", () => {
  it("runs a backtest of a draft and shows its distribution, movers and CSV", async () => {
    await operator.getByRole("heading", { level: 1, name: "Backtests" }).waitFor();
    const form = operator.getByRole("region", { name: "New backtest" });
    await form.getByLabel("Plan version id").fill(draftVersionId);
    await form.getByLabel("Population").selectOption("everyone");
    await form.getByLabel("From").fill(`${year}-01-01T00:00`);
    await form.getByLabel("To").fill(`${year}-03-01T00:00`);
    await form.getByRole("button", { name: "Run the backtest" }).click();

    const result = operator.getByRole("region", { name: /^Backtest btk_/ });
    await result.getByText("2 customers, 4 invoices compared.").waitFor({ timeout: 60_000 });
    await result
      .getByRole("img", { name: /Customers by the change of what they pay\..*: 2 customers/ })
      .waitFor();
    const movers = result.getByRole("region", { name: "Largest movers in USD" });
    const rows = movers.getByRole("row", { name: /\$40\.00 \$48\.00 \$8\.00 \(20(\.00)?%\) base: \$4\.00/ });
    await expect.poll(() => rows.count()).toBe(2);
    await harness.screenshot(operator, "backtest");

    const [download] = await Promise.all([
      operator.waitForEvent("download"),
      result.getByRole("button", { name: "Download CSV" }).click(),
    ]);
    const csv = await readFile((await download.path()) as string, "utf8");
    expect(csv.split("\n")[0]).toContain("difference");
    expect(csv).toContain("24.00");
    expect(harness.consoleErrors).toEqual([]);
  }, 240_000);
});

/** Starts an import of `text` in the given template, and waits for its report to say `summary`. */
async function importCsv(template: string, text: string, summary: string): Promise<void> {
  const form = operator.getByRole("region", { name: "New import" });
  await form.getByLabel("Template").selectOption(template);
  await form
    .getByLabel("CSV file")
    .setInputFiles({ name: `${template}.csv`, mimeType: "text/csv", buffer: Buffer.from(text) });
  await form.getByLabel("Atomic: import nothing if any row has a problem").uncheck();
  await form.getByRole("button", { name: "Start the import" }).click();
  await operator
    .getByRole("region", { name: /^Import imp_/ })
    .getByText(summary)
    .waitFor({ timeout: 60_000 });
}

describe("the imports and parallel-run pages", () => {
  it("imports customers and subscriptions from CSV, then compares the old invoices with Fairbill's", async () => {
    await operator
      .getByRole("navigation", { name: "Console sections" })
      .getByRole("link", { name: "Imports" })
      .click();
    await operator.getByRole("heading", { level: 1, name: "Imports" }).waitFor();
    await importCsv(
      "customers",
      "external_id,name,email,currency\nimp-one,Import One,one@import.example,USD\nimp-two,Import Two,two@import.example,USD\nimp-bad,Import Bad,not-an-email,USD\n",
      "Completed: 2 created, 0 skipped, 1 left for a person.",
    );
    const report = operator.getByRole("region", { name: "Report" });
    await report.getByLabel("Show").selectOption("refused");
    await report
      .getByRole("row", { name: /customers\.csv row 4 refused .*row 4, column email: must match format/ })
      .waitFor();
    await importCsv(
      "subscriptions",
      `external_id,customer_external_id,plan_code,start_at\nimp-one-main,imp-one,team,${year}-01-01T00:00:00Z\nimp-two-main,imp-two,team,${year}-01-01T00:00:00Z\n`,
      "Completed: 2 created, 0 skipped, 0 left for a person.",
    );
    const usage = operator.getByRole("region", { name: "New import" });
    await usage.getByLabel("Import from").selectOption("usage");
    await usage.getByLabel("Events file").setInputFiles({
      name: "events.ndjson",
      mimeType: "application/x-ndjson",
      buffer: Buffer.from(
        `{"id":"imp-call-1","customer":"imp-one","name":"api_call","timestamp":"${year}-01-05T10:00:00Z"}\n{"id":"imp-call-2"}\n`,
      ),
    });
    await usage.getByRole("button", { name: "Start the import" }).click();
    const usageReport = operator.getByRole("region", { name: /^Import imp_/ });
    await usageReport
      .getByText("Completed: 1 created, 0 skipped, 1 left for a person.")
      .waitFor({ timeout: 60_000 });
    await usageReport.getByRole("row", { name: /^events\.ndjson line 2 refused / }).waitFor();
    await usageReport.getByText(/^line 2, field customer: is required/).waitFor();
    await harness.screenshot(operator, "imports");

    await operator
      .getByRole("navigation", { name: "Console sections" })
      .getByRole("link", { name: "Parallel runs" })
      .click();
    await operator.getByRole("heading", { level: 1, name: "Parallel runs" }).waitFor();
    const rows = [
      "customer_external_id,invoice_number,period_start,period_end,charge_code,quantity,unit_price,amount",
    ];
    for (const [customer, number] of [
      ["imp-one", 10],
      ["imp-two", 20],
    ] as const) {
      for (const month of [1, 2]) {
        const start = `${year}-0${month}-01T00:00:00Z`;
        const end = `${year}-0${month + 1}-01T00:00:00Z`;
        const fee = customer === "imp-two" && month === 2 ? "26.00" : "25.00";
        rows.push(`${customer},OLD-${number + month},${start},${end},base,1,${fee},${fee}`);
      }
    }
    const form = operator.getByRole("region", { name: "New parallel run" });
    await form
      .getByLabel("Old invoices (CSV)")
      .setInputFiles({ name: "old.csv", mimeType: "text/csv", buffer: Buffer.from(`${rows.join("\n")}\n`) });
    await form.getByRole("button", { name: "Compare the invoices" }).click();
    const run = operator.getByRole("region", { name: /^Parallel run prl_/ });
    await run.getByText(/^3 of 4 invoices match to the cent \(75(\.0+)?%\)\.$/).waitFor({ timeout: 60_000 });
    await run
      .getByRole("region", { name: "Differences" })
      .getByRole("row", { name: /imp-two OLD-22 .* base Unit price \$26\.00 \$25\.00 -\$1\.00/ })
      .waitFor();
    await run.getByRole("button", { name: "Compare OLD-22" }).click();
    await run
      .getByRole("region", { name: "Invoice OLD-22 side by side" })
      .getByRole("row", { name: /base 1 × \$26\.00 = \$26\.00 1 × \$25\.00 = \$25\.00 -\$1\.00 Unit price/ })
      .waitFor();
    await harness.screenshot(operator, "parallel-run");
    expect(harness.consoleErrors).toEqual([]);
  }, 240_000);
});
