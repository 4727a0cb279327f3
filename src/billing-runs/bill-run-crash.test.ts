// Nothing lost, nothing twice: `fairbill bill-run` runs as a child process on
// a fresh PGlite folder (or a fresh PostgreSQL database), is killed with
// SIGKILL midway, twice, and is started again until it completes. Every
// invoice due must then exist exactly once, with the amounts the plan gives,
// and the finalized numbers must run 1..N with no gap and no repeat.
// On PostgreSQL, a second run has its connections ended again and again
// (pg_terminate_backend, as a restart or a failover does) and is run again
// until it completes: the same holds.
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createSeparateDatabase,
  type SeparateDatabase,
  testDatabaseKind,
  testPostgresUrl,
} from "../../test/support/test-database.ts";
import { buildApplication, openMigratedDatabase } from "../app.ts";
import { Decimal } from "../core/index.ts";
import { findOrCreateDefaultOrganization } from "../organizations/index.ts";
import { createServiceAccountKey } from "../people/index.ts";
import { systemClock } from "../platform/clock.ts";
import { systemContext } from "../platform/context.ts";

const mainScript = join(import.meta.dirname, "..", "cli", "main.ts");
// Enough customers that a kill lands midway on either database.
const customerCount = testDatabaseKind === "pglite" ? 36 : 90;
const start = "2031-01-01T00:00:00.000Z";
const issueInstants = ["2031-01-01T00:00:00.000Z", "2031-02-01T00:00:00.000Z", "2031-03-01T00:00:00.000Z"];
const billAt = "2031-03-01T06:00:00.000Z";
const baseFee = new Decimal("10.00");
const unitPrice = new Decimal("0.50");

let database: SeparateDatabase;
let terminatedDatabase: SeparateDatabase | undefined;

beforeAll(async () => {
  database = await createSeparateDatabase("bill-run");
});
afterAll(async () => {
  await database?.remove();
  await terminatedDatabase?.remove();
});

/** Events of customer `index` in month 1 and month 2 of its subscription. */
const eventsOf = (index: number) => ({ first: (index % 7) + 1, second: (index % 3) + 2 });

/**
 * Through the API, on the database the CLI will use: a plan with a fixed fee
 * in advance and a per-unit usage charge, customers subscribed from `start`,
 * usage in both months, and the test clock left at `billAt`.
 */
async function seed(database: SeparateDatabase, customerCount: number): Promise<void> {
  const handle = await openMigratedDatabase(database.location);
  const app = await buildApplication({ handle });
  try {
    const { organization } = await findOrCreateDefaultOrganization(handle.database, systemClock);
    const context = systemContext({
      organizationId: organization.id,
      environmentId: organization.environments.test,
      database: handle.database,
      clock: systemClock,
      actorName: "test",
    });
    const { secret } = await createServiceAccountKey(context, { name: "seed", role: "admin" });
    const call = async (method: "GET" | "POST", url: string, payload?: unknown) => {
      const response = await app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${secret}` },
        ...(payload === undefined ? {} : { payload: payload as object }),
      });
      if (response.statusCode >= 300)
        throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
      return response.json();
    };
    await call("POST", "/v1/test-clock", { frozen_at: start });
    await call("POST", "/v1/meters", {
      code: "calls",
      name: "Calls",
      event_name: "call",
      aggregation: "count",
    });
    const plan = await call("POST", "/v1/plans", {
      code: "crash-plan",
      name: "Crash plan",
      version: {
        currency: "USD",
        interval: "month",
        charges: [
          { id: "base", type: "fixed", amount: baseFee.toFixed(2), timing: "in_advance" },
          { id: "calls", type: "usage", meter: "calls", model: "per_unit", unit_price: unitPrice.toFixed(2) },
        ],
      },
    });
    await call("POST", `/v1/plans/${plan.id}/versions/1/publish`, {});
    for (let index = 0; index < customerCount; index++) {
      const customer = await call("POST", "/v1/customers", {
        external_id: `crash-${index}`,
        currency: "USD",
        timezone: "UTC",
      });
      await call("POST", "/v1/subscriptions", {
        customer_id: customer.id,
        plan_id: plan.id,
        start_at: start,
      });
    }
    const sendMonth = async (month: "first" | "second", day: string) => {
      await call("POST", "/v1/test-clock", { frozen_at: `${day}T12:00:00Z` });
      const events = [];
      for (let index = 0; index < customerCount; index++) {
        for (let event = 0; event < eventsOf(index)[month]; event++) {
          events.push({
            id: `${month}-${index}-${event}`,
            customer: `crash-${index}`,
            name: "call",
            timestamp: `${day}T10:00:00Z`,
          });
        }
      }
      for (let offset = 0; offset < events.length; offset += 500) {
        const result = await call("POST", "/v1/events/batch", { events: events.slice(offset, offset + 500) });
        expect(result.rejected).toEqual([]);
      }
    };
    await sendMonth("first", "2031-01-20");
    await sendMonth("second", "2031-02-20");
    await call("POST", "/v1/test-clock", { frozen_at: billAt });
  } finally {
    await app.close();
    await handle.close();
  }
}

type CliRun = { process: ChildProcess; stdout: string; stderr: string; exited: Promise<number | null> };

function startBillRun(database: SeparateDatabase): CliRun {
  const child = spawn(process.execPath, [mainScript, "bill-run", "--at", billAt, "--environment", "test"], {
    env: { ...process.env, ...database.childEnvironment, LOG_LEVEL: "silent" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const run: CliRun = {
    process: child,
    stdout: "",
    stderr: "",
    exited: new Promise((resolve) => child.once("exit", (code) => resolve(code))),
  };
  child.stdout?.on("data", (chunk: Buffer) => {
    run.stdout += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    run.stderr += chunk.toString();
  });
  return run;
}

/** Kills the run with SIGKILL as soon as its progress (plain lines on a pipe) reaches `percent`. */
async function killAt(run: CliRun, percent: number): Promise<void> {
  const reached = () =>
    [...run.stderr.matchAll(/^Billing: (\d+)%/gm)].some((match) => Number(match[1]) >= percent);
  let exitCode: number | null | undefined;
  void run.exited.then((code) => {
    exitCode = code;
  });
  while (!reached()) {
    if (exitCode !== undefined)
      throw new Error(`bill-run ended (${exitCode}) before ${percent}%:\n${run.stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  run.process.kill("SIGKILL");
  await run.exited;
}

type StoredInvoice = {
  customer: string;
  issued_at: Date;
  status: string;
  number: string | null;
  total: string;
};

async function storedInvoices(database: SeparateDatabase): Promise<StoredInvoice[]> {
  const handle = await openMigratedDatabase(database.location);
  try {
    return await handle.database
      .selectFrom("invoices")
      .innerJoin("customers", "customers.id", "invoices.customer_id")
      .select([
        "customers.external_id as customer",
        "invoices.issued_at",
        "invoices.status",
        "invoices.number",
        "invoices.total",
      ])
      .orderBy("invoices.number")
      .execute();
  } finally {
    await handle.close();
  }
}

describe("a bill run killed midway", () => {
  it("issues each invoice exactly once, numbered without gaps, once run again", {
    timeout: 600_000,
  }, async () => {
    await seed(database, customerCount);
    const expectedCount = customerCount * issueInstants.length;

    const first = startBillRun(database);
    await killAt(first, 25);
    const afterFirstKill = await storedInvoices(database);
    expect(afterFirstKill.length).toBeGreaterThan(0);
    expect(afterFirstKill.length).toBeLessThan(expectedCount);

    const second = startBillRun(database);
    await killAt(second, 30);
    const afterSecondKill = await storedInvoices(database);
    expect(afterSecondKill.length).toBeGreaterThan(afterFirstKill.length);
    expect(afterSecondKill.length).toBeLessThan(expectedCount);

    const last = startBillRun(database);
    expect(await last.exited, last.stderr).toBe(0);
    const summary = JSON.parse(last.stdout);
    expect(summary).toMatchObject({ status: "completed", errors: 0, trigger: "cli", at: billAt });
    // The last run found only the customers the killed runs had not finished.
    expect(summary.customers_total).toBeLessThan(customerCount);

    expectEachInvoiceOnce(await storedInvoices(database), customerCount);
  });
});

/** One invoice per customer and issue instant with the plan's amounts, all finalized, numbered 1..N. */
function expectEachInvoiceOnce(invoices: StoredInvoice[], customerCount: number): void {
  const expectedCount = customerCount * issueInstants.length;
  // None missing, none twice: one invoice per customer and issue instant, with the plan's amounts.
  const expected = new Map<string, Decimal>();
  for (let index = 0; index < customerCount; index++) {
    const usage = eventsOf(index);
    expected.set(`crash-${index} ${issueInstants[0]}`, baseFee);
    expected.set(`crash-${index} ${issueInstants[1]}`, baseFee.plus(unitPrice.times(usage.first)));
    expected.set(`crash-${index} ${issueInstants[2]}`, baseFee.plus(unitPrice.times(usage.second)));
  }
  const actual = new Map<string, Decimal>();
  for (const invoice of invoices) {
    const key = `${invoice.customer} ${new Date(invoice.issued_at).toISOString()}`;
    expect(actual.has(key), `${key} issued twice`).toBe(false);
    actual.set(key, new Decimal(invoice.total));
  }
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [key, total] of expected) expect(actual.get(key)?.toFixed(2), key).toBe(total.toFixed(2));

  // Every invoice finalized, numbered 1..N under one prefix with no gap and no repeat.
  expect(invoices.every((invoice) => invoice.status === "open")).toBe(true);
  const numbers = invoices.map((invoice) => /^(.*)-(\d+)$/.exec(invoice.number ?? ""));
  expect(new Set(numbers.map((match) => match?.[1])).size).toBe(1);
  const sequence = numbers.map((match) => Number(match?.[2])).sort((left, right) => left - right);
  expect(sequence).toEqual(Array.from({ length: expectedCount }, (_, index) => index + 1));
}

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

describe.skipIf(testDatabaseKind !== "postgres")("PostgreSQL ends a bill run's connections", () => {
  it("issues each invoice exactly once, numbered without gaps, once the run is retried", {
    timeout: 600_000,
  }, async () => {
    const terminatedCustomers = 20;
    terminatedDatabase = await createSeparateDatabase("bill-run-ended");
    await seed(terminatedDatabase, terminatedCustomers);
    const databaseName = decodeURIComponent(
      new URL(terminatedDatabase.childEnvironment.DATABASE_URL ?? "").pathname.slice(1),
    );
    const administrator = new pg.Client({ connectionString: testPostgresUrl });
    await administrator.connect();
    let connectionsEnded = 0;
    const attempts: { exitCode: number | null; stdout: string; stderr: string }[] = [];
    try {
      // The first runs have their connections ended every 150 ms until they exit; the last runs undisturbed.
      for (let attempt = 1; attempt <= 6; attempt++) {
        const run = startBillRun(terminatedDatabase);
        let running = true;
        const exited = run.exited.then((code) => {
          running = false;
          return code;
        });
        if (attempt <= 2) {
          while (running) {
            const ended = await administrator.query(
              "select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()",
              [databaseName],
            );
            connectionsEnded += ended.rowCount ?? 0;
            await sleep(150);
          }
        }
        const exitCode = await exited;
        attempts.push({ exitCode, stdout: run.stdout, stderr: run.stderr.slice(-2000) });
        if (attempt > 2 && exitCode === 0 && JSON.parse(run.stdout).status === "completed") break;
      }
    } finally {
      await administrator.end();
    }
    expect(connectionsEnded, JSON.stringify(attempts, null, 2)).toBeGreaterThan(0);
    const last = attempts.at(-1);
    expect(last?.exitCode, JSON.stringify(attempts, null, 2)).toBe(0);
    expect(JSON.parse(last?.stdout ?? "{}")).toMatchObject({ status: "completed", errors: 0 });
    expectEachInvoiceOnce(await storedInvoices(terminatedDatabase), terminatedCustomers);
    process.stdout.write(
      `${JSON.stringify({ connectionsEnded, attempts: attempts.map((attempt) => attempt.exitCode) })}\n`,
    );
  });
});
