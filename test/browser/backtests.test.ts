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
// Then the cut-over: the refused event line is resolved by a person's
// decision and the refused customer row imported again fixed, a webhook
// endpoint is added, a second person accepts the
// difference with a reason on the run's drill-down, the checklist turns ok,
// and the switch date is set: the imported subscriptions are listed for
// cancellation in the old system.
import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeDataDirectory, SmtpReceiver, temporaryDataDirectory } from "../support/mail.ts";
import { type ConsoleHarness, laptop, signIn, startConsoleHarness } from "./browser-harness.ts";

const year = new Date().getUTCFullYear() + 1;

let harness: ConsoleHarness;
let smtp: SmtpReceiver;
let dataDirectory: string;
let operator: Page;
let draftVersionId: string;

beforeAll(async () => {
  // Customer emails go to a test SMTP server: the cut-over checklist asks for one.
  smtp = new SmtpReceiver();
  await smtp.start();
  dataDirectory = await temporaryDataDirectory("fairbill-backtests-browser");
  harness = await startConsoleHarness({
    background: true,
    email: { smtpUrl: smtp.url(), emailFrom: "Fairbill <billing@localhost>", dataDirectory },
  });
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
    const customer = (await harness.api("POST", "/v1/customers", {
      external_id: name,
      name,
      email: `${name}@backtest.example`,
    })) as {
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
afterAll(async () => {
  await harness?.close();
  await smtp?.stop();
  await removeDataDirectory(dataDirectory);
});

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
    // The run is a job: the report follows it until it has compared both customers.
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

describe("the cut-over page", () => {
  it("turns the checklist ok once a second person accepts the difference, and sets the switch date", async () => {
    const sections = operator.getByRole("navigation", { name: "Console sections" });
    await sections.getByRole("link", { name: "Cut-over" }).click();
    await operator.getByRole("heading", { level: 1, name: "Cut-over" }).waitFor();
    const checklist = operator.getByRole("region", { name: "Cut-over checklist" });
    await checklist
      .getByRole("row", { name: /^Imports clean Missing .*left 1 refused record unresolved/ })
      .waitFor();
    await checklist
      .getByRole("row", { name: /^Parallel run matches.* Missing .*1 difference of 1 not accepted yet/ })
      .waitFor();
    await checklist.getByRole("row", { name: /^Webhook endpoints configured Missing / }).waitFor();
    await checklist.getByRole("row", { name: /^Customer emails configured OK / }).waitFor();
    await harness.screenshot(operator, "cut-over-missing");

    // The refused event line is resolved by a person's decision; the refused customer row is imported again fixed.
    await sections.getByRole("link", { name: "Imports" }).click();
    await operator.getByRole("heading", { level: 1, name: "Imports" }).waitFor();
    await operator
      .getByRole("region", { name: "Imports table" })
      .getByRole("row", { name: /Usage events/ })
      .getByRole("button", { name: /^imp_/ })
      .click();
    const usageReport = operator
      .getByRole("region", { name: /^Import imp_/ })
      .getByRole("region", { name: "Report" });
    await usageReport.getByLabel("Show").selectOption("refused");
    const resolve = usageReport.getByRole("form", { name: "Resolve record 1" });
    await resolve
      .getByLabel("Decision on record 1")
      .fill("A test call without a customer: not needed in Fairbill.");
    await resolve.getByRole("button", { name: "Resolve" }).click();
    await usageReport
      .getByRole("row", { name: /line 2 refused .*By .*: A test call without a customer/ })
      .waitFor();
    await importCsv(
      "customers",
      "external_id,name,email,currency\nimp-bad,Import Bad,bad@import.example,USD\n",
      "Completed: 1 created, 0 skipped, 0 left for a person.",
    );
    await harness.api("POST", "/v1/webhook-endpoints", {
      url: "https://hooks.cut-over.example/fairbill",
      event_types: ["invoice.finalized"],
    });

    // A second person accepts the difference; the operator who ran the run could not.
    const reviewerKey = await harness.newKey("billing_ops", "Second reviewer");
    const reviewer = await harness.newPage(laptop);
    await signIn(reviewer, harness.baseUrl, reviewerKey.secret, "/parallel-runs");
    await reviewer.getByRole("heading", { level: 1, name: "Parallel runs" }).waitFor();
    await reviewer
      .getByRole("region", { name: "Parallel runs table" })
      .getByRole("button", { name: /^prl_/ })
      .click();
    const differences = reviewer
      .getByRole("region", { name: /^Parallel run prl_/ })
      .getByRole("region", { name: "Differences" });
    const accept = differences.getByRole("form", { name: "Accept difference 3.0" });
    await accept
      .getByLabel("Reason to accept 3.0")
      .fill("The old system charged the February fee at the old price; refunded there.");
    await accept.getByRole("button", { name: "Accept" }).click();
    await differences.getByRole("row", { name: /imp-two OLD-22 .*By .*: The old system charged/ }).waitFor();
    await harness.screenshot(reviewer, "parallel-run-accepted");

    await reviewer
      .getByRole("navigation", { name: "Console sections" })
      .getByRole("link", { name: "Cut-over" })
      .click();
    await reviewer.getByText("Every item is ok: the switch date may be set.").waitFor();
    for (const item of [
      "Imports clean",
      "Parallel run matches",
      "Payment methods",
      "Webhook endpoints configured",
      "Customer emails configured",
    ])
      await reviewer
        .getByRole("region", { name: "Cut-over checklist" })
        .getByRole("row", { name: new RegExp(`^${item}.* OK `) })
        .waitFor();
    const form = reviewer.getByRole("region", { name: "Switch date" });
    await form.getByLabel("Date of the switch").fill(`${year}-04-01`);
    await form.getByLabel("Reason").fill("Parallel run clean");
    await form.getByRole("button", { name: "Set the switch date" }).click();
    await reviewer
      .getByText(/^Fairbill issues the invoices from .*: 2 imported subscriptions bill from then/)
      .waitFor();
    const toCancel = reviewer.getByRole("region", { name: "Old subscriptions to cancel" });
    await toCancel.getByRole("row", { name: /^csv imp-one-main sub_/ }).waitFor();
    await toCancel.getByRole("row", { name: /^csv imp-two-main sub_/ }).waitFor();
    await harness.screenshot(reviewer, "cut-over");
    expect(harness.consoleErrors).toEqual([]);
  }, 240_000);
});
