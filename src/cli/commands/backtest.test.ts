// `fairbill backtest` as a real process on its own data folder: a published
// plan billed for two months on the test clock, then its draft priced against
// those invoices; the backtest as JSON on stdout, the CSV written, the
// progress on stderr, and a bad request refused with the field's path.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import {
  dataFolderForFile,
  runFairbill,
  withDefaultOrganization,
} from "../../../test/support/fairbill-cli.ts";
import { feeAndPerCall } from "../../../test/support/pricing-fixtures.ts";
import { testDatabaseKind } from "../../../test/support/test-database.ts";
import { buildApplication } from "../../app.ts";
import { createServiceAccountKey } from "../../people/index.ts";
import { systemClock } from "../../platform/clock.ts";
import { systemContext } from "../../platform/context.ts";

const { dataDirectory, environment, cliDescribe } = dataFolderForFile("backtest");
let draftVersionId = "";

beforeAll(async () => {
  if (testDatabaseKind !== "pglite") return;
  await withDefaultOrganization(dataDirectory, systemClock, async (handle, organization) => {
    const scope = { organizationId: organization.id, environmentId: organization.environments.test };
    const { secret } = await createServiceAccountKey(
      systemContext({ ...scope, database: handle.database, clock: systemClock, actorName: "test" }),
      { name: "setup", role: "admin" },
    );
    const app = await buildApplication({ handle, logger: false });
    const call = async (url: string, payload: unknown) => {
      const response = await app.inject({
        method: "POST",
        url,
        headers: { authorization: `Bearer ${secret}` },
        payload: payload as object,
      });
      expect(response.statusCode, response.body).toBeLessThan(300);
      return response.json() as { id: string };
    };
    await call("/v1/test-clock", { frozen_at: "2031-01-01T00:00:00Z" });
    await call("/v1/meters", { code: "calls", name: "Calls", event_name: "call", aggregation: "count" });
    const plan = await call("/v1/plans", {
      code: "monthly",
      name: "Monthly",
      version: {
        currency: "USD",
        interval: "month",
        charges: feeAndPerCall("10.00", "0.50"),
      },
    });
    await call(`/v1/plans/${plan.id}/versions/1/publish`, {});
    draftVersionId = (
      await call(`/v1/plans/${plan.id}/versions`, {
        charges: feeAndPerCall("12.00", "0.60"),
      })
    ).id;
    for (const index of [0, 1]) {
      const customer = await call("/v1/customers", { external_id: `cli-${index}`, currency: "USD" });
      await call("/v1/subscriptions", {
        customer_id: customer.id,
        plan_id: plan.id,
        start_at: "2031-01-01T00:00:00Z",
      });
    }
    await call("/v1/test-clock/advance", { to: "2031-01-20T00:00:00Z" });
    await call("/v1/events/batch", {
      events: [0, 1, 2].map((index) => ({
        id: `cli-call-${index}`,
        customer: `cli-${index % 2}`,
        name: "call",
        timestamp: "2031-01-10T00:00:00Z",
      })),
    });
    await call("/v1/test-clock/advance", { to: "2031-02-01T01:00:00Z" });
    await app.close();
  });
}, 120_000);

cliDescribe("fairbill backtest", () => {
  it("prints the completed backtest as JSON and writes its CSV", async () => {
    const csv = join(dataDirectory, "backtest.csv");
    const { stdout, stderr } = await runFairbill(
      [
        "backtest",
        "--plan-version",
        draftVersionId,
        "--from",
        "2031-01-01T00:00:00Z",
        "--to",
        "2031-02-01T01:00:00Z",
        "--csv",
        csv,
      ],
      { env: environment },
    );
    const backtest = JSON.parse(stdout);
    // Two invoices each: January's fee in advance, then January's calls with February's fee.
    expect(backtest).toMatchObject({ status: "completed", customers_total: 2, invoices_compared: 4 });
    expect(backtest.summary.currencies[0]).toMatchObject({
      currency: "USD",
      billed: "41.50",
      would_be: "49.80",
      change: "8.30",
      change_percent: "20.00",
    });
    expect(stderr).toContain("Backtesting");
    const rows = readFileSync(csv, "utf8").trim().split("\r\n");
    expect(rows[0]).toMatch(/^customer_id,invoice_id,/);
    expect(rows.filter((row) => row.includes(",subtotal,"))).toHaveLength(4);
  }, 60_000);

  it("refuses a request without what to price, naming the field, with exit code 1", async () => {
    const failed = await runFairbill(
      ["backtest", "--from", "2031-01-01T00:00:00Z", "--to", "2031-02-01T00:00:00Z"],
      { env: environment },
    ).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stderr: string }).stderr).toContain("$.plan_version_id");
  }, 60_000);
});
