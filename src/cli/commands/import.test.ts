// `fairbill import stripe` as a real process on its own data folder, against
// the local Stripe Billing server: the import with its report written as JSON
// (one customer's subscription refused with the reason), and a key Stripe
// refuses ending in a failed import; `fairbill import usage` backfilling an
// NDJSON file, its bad line named by line and field. Dry runs and second runs are tested
// through the API (src/imports/stripe-import.test.ts).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { dataFolderForFile, runFairbill } from "../../../test/support/fairbill-cli.ts";
import {
  type LocalLago,
  lagoBillableMetric,
  lagoCharge,
  lagoCustomer,
  lagoPlan,
  lagoSubscription,
  startLocalLago,
} from "../../../test/support/local-lago-server.ts";
import {
  type LocalStripeBilling,
  startLocalStripeBilling,
  stripeCustomer,
  stripePrice,
  stripeProduct,
  stripeSubscription,
} from "../../../test/support/local-stripe-billing.ts";
import { testDatabaseKind } from "../../../test/support/test-database.ts";

const { dataDirectory, environment, cliDescribe } = dataFolderForFile("import", {
  FAIRBILL_ALLOW_PRIVATE_TARGETS: "true",
});
let stripe: LocalStripeBilling;
let lago: LocalLago;

beforeAll(async () => {
  if (testDatabaseKind !== "pglite") return;
  stripe = await startLocalStripeBilling();
  const start = new Date(Date.now() - 3 * 86_400_000).toISOString();
  const periodEnd = new Date(Date.now() + 27 * 86_400_000).toISOString();
  const flat = stripePrice({ id: "price_flat", product: "prod_base", unitAmountDecimal: "2900" });
  const seatsTiered = stripePrice({
    id: "price_seats_tiered",
    product: "prod_base",
    tiers: [
      { upTo: 5, unitAmountDecimal: "1000" },
      { upTo: null, unitAmountDecimal: "900" },
    ],
  });
  stripe.add("products", stripeProduct("prod_base", "Base"));
  stripe.add("prices", flat, seatsTiered);
  stripe.add(
    "customers",
    stripeCustomer({ id: "cus_one", name: "One", email: "one@example.com" }),
    stripeCustomer({ id: "cus_two", name: "Two", email: "two@example.com" }),
  );
  stripe.add(
    "subscriptions",
    stripeSubscription({ id: "sub_one", customer: "cus_one", start, items: [{ price: flat }] }, periodEnd),
    stripeSubscription(
      { id: "sub_two", customer: "cus_two", start, items: [{ price: seatsTiered, quantity: 7 }] },
      periodEnd,
    ),
  );
  lago = await startLocalLago();
  lago.add("billable_metrics", lagoBillableMetric({ code: "api_calls", aggregation: "count_agg" }));
  lago.add(
    "plans",
    lagoPlan({
      code: "lago_basic",
      amountCents: 990,
      charges: [lagoCharge({ metric: "api_calls", model: "standard", properties: { amount: "0.02" } })],
    }),
    lagoPlan({
      code: "lago_percent_tiers",
      amountCents: 0,
      charges: [lagoCharge({ metric: "api_calls", model: "dynamic", properties: {} })],
    }),
  );
  lago.add("customers", lagoCustomer({ externalId: "lago_one", name: "Lago One", country: "FR" }));
  lago.add(
    "subscriptions",
    lagoSubscription({
      externalId: "lago_sub_one",
      customer: "lago_one",
      plan: "lago_basic",
      startedAt: start,
      periodStart: start,
      periodEnd,
    }),
  );
});
afterAll(async () => {
  await stripe?.close();
  await lago?.close();
});

async function importStripe(...extra: string[]) {
  const { stdout, stderr } = await runFairbill(
    ["import", "stripe", "--secret-key", stripe.secretKey, "--api-base-url", stripe.url, ...extra],
    { env: environment },
  );
  return { result: JSON.parse(stdout), stderr };
}

cliDescribe("fairbill import stripe", () => {
  it("imports with a progress bar and writes the report, each refusal with its reason", async () => {
    const reportFile = join(dataDirectory, "report.json");
    const first = await importStripe("--report", reportFile);
    expect(first.result).toMatchObject({
      status: "completed",
      dry_run: false,
      created: 4,
      skipped: 0,
      refused: 2,
    });
    expect(first.stderr).toContain("Importing");
    expect(first.stderr).toContain("2 records were left for a person to decide");
    const report = JSON.parse(readFileSync(reportFile, "utf8"));
    expect(report.import.id).toBe(first.result.id);
    const refused = report.records.filter((record: { outcome: string }) => record.outcome === "refused");
    expect(
      refused.map((record: { source_id: string; reason: string }) => [record.source_id, record.reason]),
    ).toEqual([
      ["price_seats_tiered", expect.stringMatching(/tiers on a licensed quantity/)],
      ["sub_two", expect.stringMatching(/its plan \(prices price_seats_tiered\) was not imported/)],
    ]);
  }, 120_000);

  it("imports a CSV file, and in atomic mode nothing from a file with errors, naming row and column", async () => {
    const file = join(dataDirectory, "customers.csv");
    writeFileSync(file, "external_id,name,email\nkept,Kept,kept@example.com\nbad,Bad,not-an-email\n");
    const { stdout } = await runFairbill(
      ["import", "csv", "customers", file, "--atomic", "--report", `${file}.json`],
      {
        env: environment,
      },
    );
    expect(JSON.parse(stdout)).toMatchObject({
      status: "completed",
      csv_object: "customers",
      atomic: true,
      created: 0,
      refused: 1,
    });
    const report = JSON.parse(readFileSync(`${file}.json`, "utf8"));
    expect(report.records.map((record: { reason: string }) => record.reason)).toEqual([
      "not imported: the file has 1 problem and the import is atomic",
      'row 3, column email: must match format "email"',
    ]);
  }, 60_000);

  it("backfills usage from an NDJSON file, naming a bad line and field", async () => {
    const file = join(dataDirectory, "events.ndjson");
    writeFileSync(
      file,
      [
        '{"id":"cli-1","customer":"kept","name":"api_call","timestamp":"2026-01-03T10:00:00Z"}',
        '{"id":"cli-2","customer":"kept","name":"api_call","timestamp":"2026-01-04T10:00:00Z"}',
        '{"id":"cli-3","customer":"kept"}',
      ].join("\n"),
    );
    const { stdout } = await runFairbill(["import", "usage", "ndjson", file, "--report", `${file}.json`], {
      env: environment,
    });
    expect(JSON.parse(stdout)).toMatchObject({
      status: "completed",
      usage_format: "ndjson",
      created: 2,
      refused: 1,
    });
    const report = JSON.parse(readFileSync(`${file}.json`, "utf8"));
    expect(report.records.map((record: { reason: string | null }) => record.reason)).toEqual([
      expect.stringMatching(/^no meter counts/),
      expect.stringMatching(/^no meter counts/),
      "line 3, field name: is required",
    ]);
  }, 120_000);

  it("imports from Lago, leaving a charge model Fairbill lacks for a person", async () => {
    const { stdout, stderr } = await runFairbill(
      ["import", "lago", "--api-url", lago.url, "--api-key", lago.apiKey],
      { env: environment },
    );
    expect(JSON.parse(stdout)).toMatchObject({
      source: "lago",
      status: "completed",
      created: 4,
      skipped: 0,
      refused: 1,
    });
    expect(stderr).toContain("1 records were left for a person to decide");
  }, 120_000);

  it("ends a run whose key Stripe refuses as failed, saying why", async () => {
    const failed = runFairbill(
      ["import", "stripe", "--secret-key", "sk_test_wrong", "--api-base-url", stripe.url],
      {
        env: environment,
      },
    );
    await expect(failed).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining("Invalid API Key"),
    });
  }, 60_000);
});
