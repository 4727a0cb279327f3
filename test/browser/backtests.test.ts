// The backtest page in a real Chromium. Two customers paid 20.00 a month in
// January and February; a draft version 2 would charge 24.00. A billing
// operator backtests the draft on everyone billed on the plan over those two
// months, follows the job to its end, reads the distribution (both customers
// +20%), the movers table (40.00 billed, 48.00 would be, +8.00, driven by the
// base fee) and downloads the CSV.
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
