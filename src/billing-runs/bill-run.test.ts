// Bill runs against the real database: progress as customers are billed, a
// customer that cannot be billed recorded while the run goes on, the test
// clock billing months in one call, and the scheduler's tick through the job
// queue billing each environment at its own "now".
import { describe, expect, it } from "vitest";
import { feeAndPerCall } from "../../test/support/pricing-fixtures.ts";
import { appForFile, type TestTenant } from "../../test/support/test-app.ts";
import { frozenClock } from "../organizations/index.ts";
import { systemClock } from "../platform/clock.ts";
import type { Logger } from "../platform/context.ts";
import { createJobWorker } from "../platform/jobs/job-worker.ts";
import { type BillRunProgress, runBillRun } from "./bill-run.ts";
import { billRunJobHandlers, billRunTickKind, createBillRunScheduler } from "./bill-run-scheduler.ts";

const quietLogger: Logger = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} };

const suite = appForFile();

async function call(tenant: TestTenant, method: "get" | "post", path: string, body?: unknown) {
  const response = method === "get" ? await tenant.admin.get(path) : await tenant.admin.post(path, body);
  if (response.status >= 300)
    throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** A tenant whose test clock reads `start`, with a published monthly plan: 20.00 in advance and 0.10 a call. */
async function tenantWithPlan(start: string): Promise<{ tenant: TestTenant; planId: string }> {
  const tenant = await suite.testApp.newTenant();
  await call(tenant, "post", "/v1/test-clock", { frozen_at: start });
  await call(tenant, "post", "/v1/meters", {
    code: "calls",
    name: "Calls",
    event_name: "call",
    aggregation: "count",
  });
  const plan = await call(tenant, "post", "/v1/plans", {
    code: "monthly",
    name: "Monthly",
    version: {
      currency: "USD",
      interval: "month",
      charges: feeAndPerCall("20.00", "0.10"),
    },
  });
  await call(tenant, "post", `/v1/plans/${plan.id}/versions/1/publish`, {});
  return { tenant, planId: plan.id };
}

async function subscribe(
  tenant: TestTenant,
  planId: string,
  externalId: string,
  start: string,
  email?: string,
): Promise<string> {
  const customer = await call(tenant, "post", "/v1/customers", {
    external_id: externalId,
    currency: "USD",
    timezone: "UTC",
    ...(email === undefined ? {} : { email }),
  });
  await call(tenant, "post", "/v1/subscriptions", {
    customer_id: customer.id,
    plan_id: planId,
    start_at: start,
  });
  return customer.id;
}

async function invoicesOf(tenant: TestTenant) {
  return suite.testApp.handle.database
    .selectFrom("invoices")
    .select(["customer_id", "issued_at", "total", "number", "status"])
    .where("environment_id", "=", tenant.organization.environments.test)
    .orderBy("number")
    .execute();
}

describe("a bill run", () => {
  it("bills every due customer, reporting progress after each, and keeps its record", async () => {
    const start = "2032-01-01T00:00:00Z";
    const { tenant, planId } = await tenantWithPlan(start);
    const customers: string[] = [];
    for (const name of ["ada", "grace", "edsger"])
      customers.push(await subscribe(tenant, planId, name, start));
    await call(tenant, "post", "/v1/test-clock", { frozen_at: "2032-01-10T00:00:00Z" });
    await call(tenant, "post", "/v1/events/batch", {
      events: Array.from({ length: 5 }, (_, index) => ({
        id: `ada-${index}`,
        customer: "ada",
        name: "call",
        timestamp: "2032-01-09T00:00:00Z",
      })),
    });

    const at = new Date("2032-02-01T00:00:00Z");
    const progress: BillRunProgress[] = [];
    const context = { ...tenant.context("test"), clock: frozenClock(at) };
    const run = await runBillRun(context, { at, trigger: "cli", onProgress: (step) => progress.push(step) });

    expect(progress.map((step) => [step.customersTotal, step.customersDone])).toEqual([
      [3, 1],
      [3, 2],
      [3, 3],
    ]);
    expect(run).toMatchObject({
      status: "completed",
      trigger: "cli",
      at,
      customersTotal: 3,
      customersDone: 3,
      invoicesIssued: 6,
      invoicesFinalized: 6,
      errors: 0,
      failure: null,
    });
    expect(run.finishedAt).not.toBeNull();
    const invoices = await invoicesOf(tenant);
    expect(invoices).toHaveLength(6);
    const adaFebruary = invoices.find(
      (invoice) =>
        invoice.customer_id === customers[0] &&
        new Date(invoice.issued_at).toISOString() === at.toISOString(),
    );
    expect(adaFebruary?.total).toMatch(/^20\.50*$/);

    const listed = await tenant.admin.get("/v1/bill-runs");
    expect(listed.body.data).toHaveLength(1);
    expect(listed.body.data[0]).toMatchObject({
      id: run.id,
      status: "completed",
      customers_total: 3,
      customers_done: 3,
      invoices_issued: 6,
      errors: 0,
    });

    // Run again at the same instant: nothing is due any more, nothing is issued twice.
    const again = await runBillRun(context, { at, trigger: "cli" });
    expect(again).toMatchObject({ customersTotal: 0, invoicesIssued: 0, status: "completed" });
    expect(await invoicesOf(tenant)).toHaveLength(6);
  });

  it("queues the invoice email of every invoice it issues to a customer with an address, with a send job each", async () => {
    const start = "2032-01-01T00:00:00Z";
    const { tenant, planId } = await tenantWithPlan(start);
    const ada = await subscribe(tenant, planId, "ada", start, "ada@example.com");
    const grace = await subscribe(tenant, planId, "grace", start);
    const edsger = await subscribe(tenant, planId, "edsger", start, "edsger@example.com");

    const at = new Date("2032-02-01T00:00:00Z");
    const run = await runBillRun(
      { ...tenant.context("test"), clock: frozenClock(at) },
      { at, trigger: "cli" },
    );
    expect(run).toMatchObject({ status: "completed", invoicesIssued: 6, errors: 0 });

    const invoices = await invoicesOf(tenant);
    const emails = await suite.testApp.handle.database
      .selectFrom("email_messages")
      .select(["id", "recipient", "customer_id", "template", "status", "subject", "text_body"])
      .where("environment_id", "=", tenant.organization.environments.test)
      .execute();
    expect(
      emails.map((email) => [email.customer_id, email.recipient, email.template, email.status]).sort(),
    ).toEqual(
      [
        [ada, "ada@example.com", "invoice_issued", "queued"],
        [ada, "ada@example.com", "invoice_issued", "queued"],
        [edsger, "edsger@example.com", "invoice_issued", "queued"],
        [edsger, "edsger@example.com", "invoice_issued", "queued"],
      ].sort(),
    );
    // Each email names its own invoice.
    const numbersOf = (customerId: string) =>
      invoices
        .filter((invoice) => invoice.customer_id === customerId)
        .map((invoice) => invoice.number as string);
    for (const customerId of [ada, edsger]) {
      const texts = emails
        .filter((email) => email.customer_id === customerId)
        .map((email) => email.text_body);
      for (const number of numbersOf(customerId)) {
        expect(texts.filter((text) => text.includes(number))).toHaveLength(1);
      }
    }
    expect(numbersOf(grace)).toHaveLength(2);
    const sendJobs = await suite.testApp.handle.database
      .selectFrom("jobs")
      .select("unique_key")
      .where(
        "unique_key",
        "in",
        emails.map((email) => `email-send:${email.id}`),
      )
      .execute();
    expect(sendJobs).toHaveLength(4);
  });

  it("records a customer it cannot bill and goes on with the others", async () => {
    const start = "2032-01-01T00:00:00Z";
    const { tenant, planId } = await tenantWithPlan(start);
    const healthy = await subscribe(tenant, planId, "healthy", start);
    const broken = await subscribe(tenant, planId, "broken", start);
    const alsoHealthy = await subscribe(tenant, planId, "also-healthy", start);
    // Damage the broken customer's subscription behind the API's back: a time zone no calendar knows.
    await suite.testApp.handle.database
      .updateTable("subscriptions")
      .set({ timezone: "Mars/Olympus_Mons" })
      .where("customer_id", "=", broken)
      .execute();

    const at = new Date("2032-01-15T00:00:00Z");
    const run = await runBillRun(
      { ...tenant.context("test"), clock: frozenClock(at) },
      { at, trigger: "cli" },
    );

    expect(run).toMatchObject({
      status: "completed",
      customersTotal: 3,
      customersDone: 3,
      errors: 1,
      invoicesIssued: 2,
    });
    const billed = new Set((await invoicesOf(tenant)).map((invoice) => invoice.customer_id));
    expect(billed).toEqual(new Set([healthy, alsoHealthy]));
    const detail = await tenant.admin.get(`/v1/bill-runs/${run.id}`);
    expect(detail.body.errors).toBe(1);
    expect(detail.body.customer_errors).toEqual([
      {
        customer_id: broken,
        code: expect.any(String),
        message: expect.any(String),
        occurred_at: expect.any(String),
      },
    ]);
  });

  it("bills months of a subscription when the test clock is advanced", async () => {
    const start = "2032-03-01T00:00:00Z";
    const { tenant, planId } = await tenantWithPlan(start);
    await subscribe(tenant, planId, "months", start);
    const advanced = await call(tenant, "post", "/v1/test-clock/advance", { to: "2032-06-15T00:00:00Z" });
    expect(advanced.bill_run).toMatchObject({
      trigger: "test_clock",
      status: "completed",
      customers_total: 1,
      invoices_issued: 4,
    });
    const issued = (await invoicesOf(tenant)).map((invoice) => new Date(invoice.issued_at).toISOString());
    expect(issued.sort()).toEqual([
      "2032-03-01T00:00:00.000Z",
      "2032-04-01T00:00:00.000Z",
      "2032-05-01T00:00:00.000Z",
      "2032-06-01T00:00:00.000Z",
    ]);
  });
});

describe("the bill run's schedule", () => {
  it("enqueues one tick per environment and minute, which bills the environment at its own clock", async () => {
    const start = "2032-07-01T00:00:00Z";
    const { tenant, planId } = await tenantWithPlan(start);
    await subscribe(tenant, planId, "scheduled", start);
    await call(tenant, "post", "/v1/test-clock", { frozen_at: "2032-08-01T00:00:01Z" });
    const quiet = await suite.testApp.newTenant();

    const now = new Date();
    const scheduler = createBillRunScheduler({
      database: suite.testApp.handle.database,
      clock: systemClock,
      logger: quietLogger,
    });
    expect(await scheduler.enqueueTicks(now)).toBeGreaterThanOrEqual(4);
    expect(await scheduler.enqueueTicks(now)).toBe(0);
    const ticks = await suite.testApp.handle.database
      .selectFrom("jobs")
      .select(["environment_id", "run_at"])
      .where("kind", "=", billRunTickKind)
      .where("environment_id", "in", [
        tenant.organization.environments.test,
        quiet.organization.environments.live,
      ])
      .execute();
    expect(ticks).toHaveLength(2);

    const worker = createJobWorker({
      database: suite.testApp.handle.database,
      clock: systemClock,
      logger: quietLogger,
      handlers: billRunJobHandlers({
        database: suite.testApp.handle.database,
        clock: systemClock,
        logger: quietLogger,
      }),
    });
    expect(await worker.runDueJobs(now)).toBeGreaterThanOrEqual(4);

    const runs = await suite.testApp.handle.database
      .selectFrom("bill_runs")
      .selectAll()
      .where("environment_id", "in", [
        tenant.organization.environments.test,
        quiet.organization.environments.test,
      ])
      .execute();
    // Only the environment with something due got a run, at its test clock's instant.
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ trigger: "schedule", status: "completed", invoices_issued: 2 });
    expect(new Date(runs[0]?.at ?? 0).toISOString()).toBe("2032-08-01T00:00:01.000Z");
    const failed = await suite.testApp.handle.database
      .selectFrom("jobs")
      .select("last_error")
      .where("kind", "=", billRunTickKind)
      .where("status", "!=", "succeeded")
      .execute();
    expect(failed).toEqual([]);
  });
});
