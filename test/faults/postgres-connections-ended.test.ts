// The fault suite, PostgreSQL side: while `fairbill serve` ingests events,
// PostgreSQL ends every one of its connections again and again
// (pg_terminate_backend, what a restart, a failover or an administrator
// does). A batch whose connection dies is answered with an error and sent
// again by its client, as the SDKs do; when the dust settles, every event is
// stored once, none twice, and usage counts each once. PostgreSQL only: the
// embedded database has no connections to end (its faults are the killed
// process, src/metering/crash-recovery.test.ts).
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { printedAdminKey, type ServeProcess, startServeProcess } from "../support/serve-process.ts";
import {
  createSeparateDatabase,
  type SeparateDatabase,
  testDatabaseKind,
  testPostgresUrl,
} from "../support/test-database.ts";

let database: SeparateDatabase | undefined;
let server: ServeProcess | undefined;
afterAll(async () => {
  await server?.stop();
  await database?.remove();
});

type Event = { id: string; customer: string; name: string; properties: { units: number } };

async function post(
  url: string,
  key: string,
  body: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

describe.skipIf(testDatabaseKind !== "postgres")("PostgreSQL ends the server's connections", () => {
  it("during ingestion: nothing acknowledged is lost, nothing is counted twice", {
    timeout: 240_000,
  }, async () => {
    database = await createSeparateDatabase("fault-ingest");
    server = await startServeProcess({
      environment: database.childEnvironment,
      arguments: ["--role", "api"],
    });
    const key = printedAdminKey(server);
    if (key === undefined) throw new Error(`no admin key in the output of serve:\n${server.output()}`);
    const base = server.url;
    expect((await post(`${base}/v1/customers`, key, { external_id: "fault" })).status).toBe(201);
    const meter = await post(`${base}/v1/meters`, key, {
      code: "fault-units",
      name: "Units",
      event_name: "unit",
      aggregation: "sum",
      property: "units",
    });
    expect(meter.status).toBe(201);

    const databaseName = decodeURIComponent(
      new URL(database.childEnvironment.DATABASE_URL ?? "").pathname.slice(1),
    );
    const administrator = new pg.Client({ connectionString: testPostgresUrl });
    await administrator.connect();
    let connectionsEnded = 0;
    let sending = true;
    const terminator = (async () => {
      while (sending) {
        const ended = await administrator.query(
          "select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()",
          [databaseName],
        );
        connectionsEnded += ended.rowCount ?? 0;
        await sleep(400);
      }
    })();

    const sent: Event[] = [];
    let refusedSends = 0;
    const statuses = new Set<number>();
    const sender = async (senderIndex: number) => {
      for (let batchIndex = 0; batchIndex < 12; batchIndex++) {
        const events = Array.from({ length: 100 }, (_, index) => ({
          id: `fault-${senderIndex}-${batchIndex}-${index}`,
          customer: "fault",
          name: "unit",
          properties: { units: (index % 5) + 1 },
        }));
        // A client sends a batch again until it is acknowledged: ids make a second send harmless.
        for (let attempt = 1; ; attempt++) {
          const response = await post(`${base}/v1/events/batch`, key, { events }).catch(() => undefined);
          if (response?.status === 200) break;
          refusedSends += 1;
          statuses.add(response?.status ?? 0);
          if (attempt === 100)
            throw new Error(
              `batch ${senderIndex}-${batchIndex} never acknowledged (answers ${[...statuses].join(", ")}):\n${server?.output().slice(-6000)}`,
            );
          await sleep(20);
        }
        sent.push(...events);
      }
    };
    try {
      await Promise.all(Array.from({ length: 4 }, (_, index) => sender(index)));
    } finally {
      sending = false;
      await terminator;
      await administrator.end();
    }
    expect(connectionsEnded).toBeGreaterThan(0);

    // Every acknowledged event is stored: sent again, each is a duplicate.
    for (let offset = 0; offset < sent.length; offset += 1000) {
      const slice = sent.slice(offset, offset + 1000);
      const again = await post(`${base}/v1/events/batch`, key, { events: slice });
      expect(again.status).toBe(200);
      expect(again.body.accepted).toBe(0);
      expect((again.body.duplicates as unknown[]).length).toBe(slice.length);
    }
    const query = new URLSearchParams({
      customer: "fault",
      meter: "fault-units",
      from: new Date(Date.now() - 86_400_000).toISOString(),
      to: new Date(Date.now() + 60_000).toISOString(),
    });
    const usage = await fetch(`${base}/v1/usage?${query}`, { headers: { authorization: `Bearer ${key}` } });
    const report = (await usage.json()) as { windows: { value: string; event_count: number }[] };
    expect(report.windows[0]?.event_count).toBe(sent.length);
    expect(report.windows[0]?.value).toBe(
      String(sent.reduce((total, event) => total + event.properties.units, 0)),
    );
    // The figures of the run, for the report.
    process.stdout.write(
      `${JSON.stringify({ events: sent.length, connectionsEnded, refusedSends, statuses: [...statuses] })}\n`,
    );
  });
});
