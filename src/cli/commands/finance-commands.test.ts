// `fairbill reconcile` and `fairbill kpis` as real processes on their own
// data folder: JSON on stdout, the progress on stderr, and --strict failing
// when events leak.
import { beforeAll, expect, it } from "vitest";
import {
  dataFolderForFile,
  runFairbill,
  withDefaultOrganization,
} from "../../../test/support/fairbill-cli.ts";
import { systemContextOf } from "../../../test/support/test-app.ts";
import { testDatabaseKind } from "../../../test/support/test-database.ts";
import { ingestEvents } from "../../metering/index.ts";

// No event store: the data the test writes lives in the embedded database alone.
const { dataDirectory, environment, cliDescribe } = dataFolderForFile("reconcile", { CLICKHOUSE_URL: "" });
const now = new Date();
const clock = { now: () => now };
const month = now.toISOString().slice(0, 7);
const lastYear = `${now.getUTCFullYear() - 1}-${month.slice(5)}`;

beforeAll(async () => {
  if (testDatabaseKind !== "pglite") return;
  // Two events of a customer nobody has, sent this month to the default organization's test environment.
  await withDefaultOrganization(dataDirectory, clock, async (handle, organization) => {
    const context = systemContextOf(organization, handle.database, { clock });
    const outcome = await ingestEvents(
      context,
      [0, 1].map((index) => ({
        id: `leak-${index}`,
        name: "api_call",
        customer: "nobody",
        timestamp: now.toISOString(),
      })),
      { atomic: true, backfill: false, pathOf: (index) => `$.events[${index}]` },
    );
    expect(outcome.accepted).toHaveLength(2);
  });
}, 60_000);

cliDescribe("fairbill reconcile", () => {
  it("prints a clean month as JSON and exits 0, even with --strict", async () => {
    const { stdout, stderr } = await runFairbill(["reconcile", "--period", lastYear, "--strict"], {
      env: environment,
    });
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ period: lastYear, clean: true, usage: { events_ingested: 0 } });
    expect(stderr).toContain("Reconciling");
  }, 60_000);

  it("names the leak, and with --strict exits 1 saying how many differences are left", async () => {
    const plain = await runFairbill(["reconcile", "--period", month], { env: environment });
    const report = JSON.parse(plain.stdout);
    expect(report.clean).toBe(false);
    expect(report.usage.differences).toMatchObject([
      { cause: "unknown_customer", customer_external_id: "nobody", events: 2 },
    ]);

    const strict = await runFairbill(["reconcile", "--period", month, "--strict"], {
      env: environment,
    }).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect("code" in strict && strict.code).toBe(1);
    expect(JSON.parse(strict.stdout).clean).toBe(false);
    expect(strict.stderr).toContain(`1 difference(s) in ${month}`);
  }, 60_000);

  it("prints the KPIs of a range as JSON, with the leaking events per 1,000", async () => {
    const { stdout } = await runFairbill(["kpis", "--from", month, "--to", month], {
      env: environment,
    });
    const kpis = JSON.parse(stdout);
    expect(kpis).toMatchObject({
      from: month,
      to: month,
      leakage: { events_ingested: 2, leaking_events: 2 },
    });
    expect(kpis.leakage.per_thousand_events).toBe("1000.00");
  }, 60_000);

  it("refuses a period that is not a month, naming the option", async () => {
    const failure = await runFairbill(["reconcile", "--period", "October"], {
      env: environment,
    }).catch((error: { code: number; stderr: string }) => error);
    expect("code" in failure && failure.code).toBe(1);
    expect((failure as { stderr: string }).stderr).toContain("--period");
  }, 60_000);
});
