// A 2xx means durable: the server process is killed with SIGKILL while
// batches are in flight, restarted on the same data, and every event it
// acknowledged must be there exactly once, with usage that counts each stored
// event once (nothing half-committed). Runs `fairbill serve` as a child
// process on a fresh PGlite folder, or a fresh PostgreSQL database.
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSeparateDatabase, type SeparateDatabase } from "../../test/support/test-database.ts";

const mainScript = join(import.meta.dirname, "..", "cli", "main.ts");
let database: SeparateDatabase;

beforeAll(async () => {
  database = await createSeparateDatabase("crash");
});
afterAll(async () => database?.remove());

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

type Server = { process: ChildProcess; baseUrl: string; output: string; adminKey: string | undefined };

/** Starts `fairbill serve` and waits until it listens; the first start prints the admin key. */
async function startServer(): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, [mainScript, "serve"], {
    env: {
      ...process.env,
      ...database.childEnvironment,
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "silent",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const server: Server = {
    process: child,
    baseUrl: `http://127.0.0.1:${port}`,
    output: "",
    adminKey: undefined,
  };
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${server.output}`)), 90_000);
    const collect = (chunk: Buffer) => {
      server.output += chunk.toString();
      if (server.output.includes("Fairbill is serving")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", collect);
    child.stderr?.on("data", collect);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}:\n${server.output}`));
    });
  });
  server.adminKey = /^\s{4}(\S+)$/m.exec(server.output)?.[1];
  return server;
}

async function killHard(server: Server): Promise<void> {
  const exited = new Promise((resolve) => server.process.once("exit", resolve));
  server.process.kill("SIGKILL");
  await exited;
}

async function stop(server: Server): Promise<void> {
  const exited = new Promise((resolve) => server.process.once("exit", resolve));
  server.process.kill("SIGTERM");
  await exited;
}

type Event = { id: string; customer: string; name: string; properties: { units: number } };

async function send(server: Server, key: string, path: string, body: unknown) {
  const response = await fetch(`${server.baseUrl}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("crash recovery", () => {
  it("keeps every acknowledged event exactly once after SIGKILL during ingestion", {
    timeout: 240_000,
  }, async () => {
    const first = await startServer();
    const key = first.adminKey;
    if (key === undefined) throw new Error(`no admin key in the output of serve:\n${first.output}`);
    expect((await send(first, key, "/v1/customers", { external_id: "crash" })).status).toBe(201);
    const meter = await send(first, key, "/v1/meters", {
      code: "crash-units",
      name: "Units",
      event_name: "unit",
      aggregation: "sum",
      property: "units",
    });
    expect(meter.status).toBe(201);

    const acknowledged: Event[] = [];
    const unacknowledged: Event[] = [];
    let acknowledgedBatches = 0;
    let stopSending = false;
    const sender = async (senderIndex: number) => {
      for (let batchIndex = 0; !stopSending; batchIndex++) {
        const events = Array.from({ length: 200 }, (_, index) => ({
          id: `crash-${senderIndex}-${batchIndex}-${index}`,
          customer: "crash",
          name: "unit",
          properties: { units: (index % 5) + 1 },
        }));
        try {
          const response = await send(first, key, "/v1/events/batch", { events });
          if (response.status !== 200) throw new Error(`status ${response.status}`);
          acknowledged.push(...events);
          acknowledgedBatches += 1;
        } catch {
          unacknowledged.push(...events);
          return;
        }
      }
    };
    const senders = Array.from({ length: 4 }, (_, index) => sender(index));
    // Kill once some batches went through, with the next ones in flight.
    while (acknowledgedBatches < 12) await new Promise((resolve) => setTimeout(resolve, 20));
    await killHard(first);
    stopSending = true;
    await Promise.all(senders);
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(unacknowledged.length).toBeGreaterThan(0);

    const second = await startServer();
    try {
      // Every acknowledged event is stored: sent again, each is a duplicate.
      for (let offset = 0; offset < acknowledged.length; offset += 1000) {
        const slice = acknowledged.slice(offset, offset + 1000);
        const again = await send(second, key, "/v1/events/batch", { events: slice });
        expect(again.status).toBe(200);
        expect(again.body.accepted).toBe(0);
        expect((again.body.duplicates as unknown[]).length).toBe(slice.length);
      }
      // Batches in flight at the kill either committed whole or not at all; sending them again completes them.
      for (let offset = 0; offset < unacknowledged.length; offset += 1000) {
        const again = await send(second, key, "/v1/events/batch", {
          events: unacknowledged.slice(offset, offset + 1000),
        });
        expect(again.status).toBe(200);
      }
      const everything = [...acknowledged, ...unacknowledged];
      const expectedUnits = everything.reduce((total, event) => total + event.properties.units, 0);
      const query = new URLSearchParams({
        customer: "crash",
        meter: "crash-units",
        from: new Date(Date.now() - 86_400_000).toISOString(),
        to: new Date(Date.now() + 60_000).toISOString(),
      });
      const usage = await fetch(`${second.baseUrl}/v1/usage?${query}`, {
        headers: { authorization: `Bearer ${key}` },
      });
      const report = (await usage.json()) as { windows: { value: string; event_count: number }[] };
      expect(report.windows[0]?.event_count).toBe(everything.length);
      expect(report.windows[0]?.value).toBe(String(expectedUnits));
    } finally {
      await stop(second);
    }
  });
});
