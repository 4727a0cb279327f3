// Several nodes on one PostgreSQL, one killed at a time: three `fairbill
// serve` processes start together on an empty database (one organization,
// one admin key printed), the environment's test clock jumps two
// months ahead, and the node running the bill run is killed with SIGKILL
// midway, then the node delivering a webhook. Every invoice must exist once
// with gapless numbers, every invoice.finalized webhook must arrive (at least
// once, under one event id), and the bill runs' records must add up to what
// was issued. Kept small so it runs in `npm test`; PostgreSQL only (PGlite is
// one process's database).
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { printedAdminKey, type ServeProcess, startServeProcess } from "../../test/support/serve-process.ts";
import {
  createSeparateDatabase,
  type SeparateDatabase,
  testDatabaseKind,
} from "../../test/support/test-database.ts";
import { waitFor } from "../../test/support/wait-for.ts";
import { WebhookReceiver } from "../../test/support/webhook-receiver.ts";

const customerCount = 40;
const periods = 3;
const expectedInvoices = customerCount * periods;

const receiver = new WebhookReceiver();
const nodes: ServeProcess[] = [];
let database: SeparateDatabase | undefined;
let client: pg.Client | undefined;

afterAll(async () => {
  await Promise.all(nodes.map((node) => node.kill()));
  await client?.end();
  await receiver.stop().catch(() => {});
  await database?.remove();
});

async function rows<Row>(text: string, values: unknown[] = []): Promise<Row[]> {
  if (!client) throw new Error("not connected");
  return (await client.query(text, values)).rows as Row[];
}

/** The node whose worker holds an unfinished attempt that `attemptsQuery` lists (by its `worker`), once one does. */
function nodeHolding(what: string, attemptsQuery: string, alive: ServeProcess[]): Promise<ServeProcess> {
  return waitFor(
    what,
    async () => {
      const running = await rows<{ worker: string }>(attemptsQuery);
      const pids = running.map((row) => Number(row.worker.split(":").at(-1)));
      return alive.find((node) => pids.includes(node.child.pid ?? -1));
    },
    { seconds: 45, pollMilliseconds: 20 },
  );
}

const unfinishedAttempts = `select job_attempts.worker from job_attempts join jobs on jobs.id = job_attempts.job_id
  where job_attempts.finished_at is null`;

describe.skipIf(testDatabaseKind !== "postgres")(
  "three nodes, one killed during a bill run and one during delivery",
  () => {
    it("issues every invoice once with gapless numbers and delivers every webhook", {
      timeout: 240_000,
    }, async () => {
      database = await createSeparateDatabase("several-nodes");
      client = new pg.Client({ connectionString: database.childEnvironment.DATABASE_URL });
      await client.connect();
      await receiver.start();
      receiver.delayMilliseconds = 150;
      const environment = {
        ...database.childEnvironment,
        LOG_LEVEL: "silent",
        JOB_LEASE_SECONDS: "5",
        BILL_RUN_TICK_SECONDS: "1",
        // The webhook receiver is this test, on this machine.
        FAIRBILL_ALLOW_PRIVATE_TARGETS: "true",
      };
      nodes.push(...(await Promise.all([1, 2, 3].map(() => startServeProcess({ environment })))));
      // Started together on an empty database, they made one organization: one node printed its key.
      const printedKeys = nodes.map(printedAdminKey).filter((key) => key !== undefined);
      expect(printedKeys).toHaveLength(1);
      expect(await rows("select id from organizations")).toHaveLength(1);
      const adminKey = printedKeys[0];
      const api = async (method: "POST", path: string, body: unknown) => {
        const response = await fetch(`${nodes[0]?.url}${path}`, {
          method,
          headers: { authorization: `Bearer ${adminKey}`, "content-type": "application/json" },
          body: JSON.stringify(body),
        });
        // biome-ignore lint/suspicious/noExplicitAny: the answers' shapes are the API's, read by field.
        const answer: any = await response.json();
        if (response.status >= 300)
          throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(answer)}`);
        return answer;
      };

      await api("POST", "/v1/test-clock", { frozen_at: "2030-12-15T00:00:00Z" });
      await api("POST", "/v1/webhook-endpoints", {
        url: receiver.url("/hooks"),
        event_types: ["invoice.finalized"],
      });
      const plan = await api("POST", "/v1/plans", {
        code: "nodes",
        name: "Nodes",
        version: {
          currency: "USD",
          interval: "month",
          charges: [{ id: "base", type: "fixed", amount: "10.00", timing: "in_advance" }],
        },
      });
      await api("POST", `/v1/plans/${plan.id}/versions/1/publish`, {});
      for (let index = 0; index < customerCount; index++) {
        const customer = await api("POST", "/v1/customers", {
          external_id: `node-${index}`,
          currency: "USD",
          timezone: "UTC",
        });
        await api("POST", "/v1/subscriptions", {
          customer_id: customer.id,
          plan_id: plan.id,
          start_at: "2031-01-01T00:00:00Z",
        });
      }
      // January, February and March fall due at once; the nodes' ticks find them.
      await api("POST", "/v1/test-clock", { frozen_at: "2031-03-01T06:00:00Z" });

      // The node whose tick is running the bill run, once it has issued some invoices.
      const billing = await nodeHolding(
        "a node midway through the bill run",
        `${unfinishedAttempts} and jobs.kind = 'bill_run.tick'
         and exists (select 1 from bill_runs where bill_runs.environment_id = jobs.environment_id
                     and bill_runs.status = 'running')
         and exists (select 1 from invoices where invoices.environment_id = jobs.environment_id)`,
        nodes,
      );
      await billing.kill();
      const delivering = await nodeHolding(
        "a node delivering a webhook",
        `${unfinishedAttempts} and jobs.kind = 'notifications.webhook_delivery'`,
        nodes.filter((node) => node !== billing),
      );
      await delivering.kill();

      const invoices = await waitFor(
        "every invoice and every delivery",
        async () => {
          const issued = await rows<{ customer: string; issued_at: Date; number: string | null; id: string }>(
            `select customers.external_id as customer, invoices.issued_at, invoices.number, invoices.id
         from invoices join customers on customers.id = invoices.customer_id`,
          );
          const pending = await rows<{ id: string }>(
            "select id from webhook_deliveries where status <> 'succeeded'",
          );
          return issued.length >= expectedInvoices && pending.length === 0 ? issued : undefined;
        },
        { seconds: 90, pollMilliseconds: 20 },
      );

      // Every invoice once, numbered 1..N without a gap.
      expect(invoices).toHaveLength(expectedInvoices);
      expect(
        new Set(invoices.map((invoice) => `${invoice.customer} ${invoice.issued_at.toISOString()}`)).size,
      ).toBe(expectedInvoices);
      const numbers = invoices.map((invoice) => Number(/-(\d+)$/.exec(invoice.number ?? "")?.[1]));
      expect(numbers.sort((left, right) => left - right)).toEqual(
        Array.from({ length: expectedInvoices }, (_, index) => index + 1),
      );
      // Every invoice.finalized arrived, at least once, each invoice under one event id.
      const received = receiver.to("/hooks").map((request) => JSON.parse(request.body));
      const eventIdsByInvoice = new Map<string, Set<string>>();
      for (const event of received) {
        const ids = eventIdsByInvoice.get(event.data.id) ?? new Set<string>();
        ids.add(event.id);
        eventIdsByInvoice.set(event.data.id, ids);
      }
      expect([...eventIdsByInvoice.keys()].sort()).toEqual(invoices.map((invoice) => invoice.id).sort());
      expect([...eventIdsByInvoice.values()].every((ids) => ids.size === 1)).toBe(true);

      // The killed attempts are on record as abandoned, and the bill runs' records add up to what was issued.
      const abandoned = await rows<{ kind: string }>(
        `select distinct jobs.kind from job_attempts join jobs on jobs.id = job_attempts.job_id
       where job_attempts.outcome = 'abandoned'`,
      );
      expect(abandoned.map((row) => row.kind)).toEqual(
        expect.arrayContaining(["bill_run.tick", "notifications.webhook_delivery"]),
      );
      const runs = await waitFor(
        "the killed run closed as failed",
        async () => {
          const all = await rows<{ status: string; invoices_issued: number }>(
            "select status, invoices_issued from bill_runs",
          );
          return all.some((run) => run.status === "running") ? undefined : all;
        },
        { seconds: 60, pollMilliseconds: 20 },
      );
      expect(runs.some((run) => run.status === "failed")).toBe(true);
      expect(runs.reduce((sum, run) => sum + run.invoices_issued, 0)).toBe(expectedInvoices);
    });
  },
);
