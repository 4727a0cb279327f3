// The fault suite, embedded side: `fairbill serve` on a PGlite folder is
// killed with SIGKILL while it finalizes invoices, then while it records
// payments, then while a second person approves plan versions, and started
// again on the same folder and port each time (one server, four starts). Every write it acknowledged must be there after the
// restart, none half-written: an invoice is a draft without a number or
// finalized with one, the numbers run 1..N with no gap; a payment sent again
// with its Idempotency-Key, as a client does when its request went
// unanswered, is recorded once; a plan version is pending approval or active,
// never approved without being published. (Events killed mid-ingestion:
// src/metering/crash-recovery.test.ts; PostgreSQL's ended connections:
// postgres-connections-ended.test.ts.)
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { printedAdminKey, type ServeProcess, startServeProcess } from "../support/serve-process.ts";
import { createSeparateDatabase, type SeparateDatabase, testDatabaseKind } from "../support/test-database.ts";

let database: SeparateDatabase | undefined;
let server: ServeProcess | undefined;
afterAll(async () => {
  await server?.stop();
  await database?.remove();
});

type Answer = { status: number; body: Record<string, unknown> };

function client(key: string) {
  const send = async (
    method: "GET" | "POST",
    path: string,
    body?: unknown,
    headers = {},
  ): Promise<Answer> => {
    const response = await fetch(`${server?.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  return {
    get: (path: string) => send("GET", path),
    post: (path: string, body: unknown, headers: Record<string, string> = {}) =>
      send("POST", path, body, headers),
  };
}

/**
 * Sends `write(item)` for every item, four at a time, and kills the server
 * with SIGKILL once `killAfter` of them are acknowledged, with more in flight.
 * Returns the items whose write was acknowledged (2xx) before the kill.
 */
async function writeUntilKilled<Item>(
  items: Item[],
  killAfter: number,
  write: (item: Item) => Promise<Answer>,
): Promise<Item[]> {
  const acknowledged: Item[] = [];
  let next = 0;
  let killed = false;
  const worker = async () => {
    while (!killed && next < items.length) {
      const item = items[next++] as Item;
      const answer = await write(item).catch(() => undefined);
      if (answer === undefined) return;
      if (answer.status >= 300)
        throw new Error(`a write answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      if (!killed) acknowledged.push(item);
    }
  };
  const workers = Array.from({ length: 4 }, worker);
  while (acknowledged.length < killAfter) {
    if (next >= items.length) throw new Error("every write was acknowledged before the kill");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  killed = true;
  await server?.kill();
  await Promise.all(workers);
  return acknowledged;
}

const invoiceCount = 24;
const planCount = 12;
const cli = new URL("../../bin/fairbill.js", import.meta.url).pathname;

describe.skipIf(testDatabaseKind !== "pglite")("the embedded server killed during writes", () => {
  it("keeps every acknowledged finalization, payment and approval, none half-written or doubled", {
    timeout: 480_000,
  }, async () => {
    database = await createSeparateDatabase("killed-writes");
    server = await startServeProcess({ environment: database.childEnvironment });
    const port = server.port;
    const key = printedAdminKey(server);
    if (key === undefined) throw new Error(`no admin key in the output of serve:\n${server.output()}`);
    const api = client(key);
    const restart = async () => {
      server = await startServeProcess({ environment: database?.childEnvironment ?? {}, port });
    };

    const customer = await api.post("/v1/customers", { external_id: "killed", currency: "USD" });
    expect(customer.status).toBe(201);
    const invoiceIds: string[] = [];
    for (let index = 0; index < invoiceCount; index++) {
      const draft = await api.post("/v1/invoices", {
        customer_id: customer.body.id,
        currency: "USD",
        lines: [{ description: `Work ${index}`, quantity: "1", unit_amount: `${index + 1}.00` }],
      });
      expect(draft.status, JSON.stringify(draft.body)).toBe(201);
      invoiceIds.push(draft.body.id as string);
    }
    const invoices = async () =>
      Promise.all(invoiceIds.map(async (id) => (await api.get(`/v1/invoices/${id}`)).body));
    const numbersOf = (found: Record<string, unknown>[]) =>
      found
        .map((invoice) => Number(/-(\d+)$/.exec(String(invoice.number))?.[1]))
        .sort((left, right) => left - right);

    // Killed while finalizing: each invoice is a draft without a number or finalized with one.
    const finalized = await writeUntilKilled(invoiceIds, 6, (id) =>
      api.post(`/v1/invoices/${id}/finalize`, {}),
    );
    await restart();
    const afterKill = await invoices();
    for (const invoice of afterKill) {
      if (finalized.includes(invoice.id as string)) expect(invoice.status).toBe("open");
      if (invoice.status === "draft") expect(invoice.number).toBeNull();
      else expect(invoice.number).toMatch(/-\d+$/);
    }
    const finalizedAfterKill = afterKill.filter((invoice) => invoice.status !== "draft");
    expect(numbersOf(finalizedAfterKill)).toEqual(
      Array.from({ length: finalizedAfterKill.length }, (_, index) => index + 1),
    );
    for (const invoice of afterKill.filter((found) => found.status === "draft")) {
      expect((await api.post(`/v1/invoices/${invoice.id}/finalize`, {})).status).toBe(200);
    }
    expect(numbersOf(await invoices())).toEqual(
      Array.from({ length: invoiceCount }, (_, index) => index + 1),
    );

    // Killed while recording payments: sent again with their keys, each is recorded once.
    const pay = (id: string) =>
      api.post(
        `/v1/invoices/${id}/payments`,
        { amount: `${invoiceIds.indexOf(id) + 1}.00`, method: "bank_transfer" },
        { "idempotency-key": `pay-${id}` },
      );
    const paid = await writeUntilKilled(invoiceIds, 6, pay);
    await restart();
    for (const id of paid) {
      const payments = await api.get(`/v1/payments?invoice_id=${id}`);
      expect((payments.body.data as unknown[]).length, `payments of acknowledged ${id}`).toBe(1);
    }
    for (const id of invoiceIds) expect((await pay(id)).status).toBe(201);
    for (const [index, id] of invoiceIds.entries()) {
      const payments = await api.get(`/v1/payments?invoice_id=${id}`);
      expect((payments.body.data as unknown[]).length, `payments of ${id}`).toBe(1);
      const invoice = (await api.get(`/v1/invoices/${id}`)).body;
      expect(invoice.status).toBe("paid");
      expect(Number(invoice.amount_paid)).toBe(index + 1);
    }

    // Killed while a second person approves plan versions: each is pending or active, never between.
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [cli, "keys", "create", "--role", "admin"],
      {
        env: { ...process.env, ...database.childEnvironment, DATABASE_URL: "" },
      },
    );
    const approver = client(stdout.trim().split("\n").at(-1) ?? "");
    const planIds: string[] = [];
    for (let index = 0; index < planCount; index++) {
      const plan = await api.post("/v1/plans", {
        code: `killed-${index}`,
        name: `Killed ${index}`,
        version: {
          currency: "USD",
          interval: "month",
          charges: [{ id: "base", type: "fixed", amount: `${index + 1}.00`, timing: "in_advance" }],
        },
      });
      expect(plan.status, JSON.stringify(plan.body)).toBe(201);
      const submitted = await api.post(`/v1/plans/${plan.body.id}/versions/1/submit`, {});
      expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
      planIds.push(plan.body.id as string);
    }
    const approve = (id: string) => approver.post(`/v1/plans/${id}/versions/1/approve`, {});
    const approved = await writeUntilKilled(planIds, 3, approve);
    await restart();
    const statusOf = async (id: string) => (await api.get(`/v1/plans/${id}/versions/1`)).body.status;
    for (const id of planIds) {
      const status = await statusOf(id);
      if (approved.includes(id)) expect(status, `acknowledged approval of ${id}`).toBe("active");
      else expect(["pending_approval", "active"]).toContain(status);
    }
    for (const id of planIds)
      if ((await statusOf(id)) === "pending_approval") expect((await approve(id)).status).toBe(200);
    for (const id of planIds) expect(await statusOf(id)).toBe("active");
    process.stdout.write(
      `${JSON.stringify({ invoices: invoiceCount, finalizedBeforeKill: finalized.length, paidBeforeKill: paid.length, plans: planCount, approvedBeforeKill: approved.length })}\n`,
    );
  });
});
