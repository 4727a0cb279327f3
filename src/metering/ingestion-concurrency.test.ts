// Exactly once under concurrency: 8 clients send the same 10,000 events, each
// in its own order and batch split, twice over. Every event must be stored and
// counted once. On PGlite the database serializes the batches; on PostgreSQL
// they really overlap, on the unique index and on the shared rollup rows.
import { beforeAll, describe, expect, it } from "vitest";
import type { MeterBody } from "../../test/support/api-types.ts";
import { createCustomer, createMeter } from "../../test/support/builders.ts";
import { testAppForFile } from "../../test/support/test-app.ts";

const suite = testAppForFile();

const eventCount = 10_000;
const clientCount = 8;
const batchSize = 1_000;

beforeAll(async () => {
  await createCustomer(suite.tenant.admin, { external_id: "busy" });
  const meters: Partial<MeterBody>[] = [
    { code: "c-count", aggregation: "count" },
    { code: "c-sum", aggregation: "sum", property: "units" },
    { code: "c-unique", aggregation: "unique_count", property: "user" },
  ];
  for (const meter of meters) {
    await createMeter(suite.tenant.admin, {
      ...meter,
      name: meter.code,
      event_name: "request",
      effective_from: "2020-01-01T00:00:00Z",
    });
  }
});

function shuffled<Item>(items: Item[], seed: number): Item[] {
  const copy = [...items];
  let state = seed;
  for (let index = copy.length - 1; index > 0; index--) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    const other = state % (index + 1);
    [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  }
  return copy;
}

describe("ingestion under concurrency", () => {
  it("counts each of 10,000 events once when 8 clients send them all, twice over", {
    timeout: 300_000,
  }, async () => {
    const now = Date.now();
    const events = Array.from({ length: eventCount }, (_, index) => ({
      id: `concurrent-${index}`,
      customer: "busy",
      name: "request",
      // Spread over three hours, so batches share some rollup rows and not others.
      timestamp: new Date(now - 3 * 3_600_000 + index * 1_000).toISOString(),
      properties: { units: (index % 7) + 1, user: `user-${index % 300}` },
    }));
    const clients = await Promise.all(
      Array.from({ length: clientCount }, () => suite.tenant.client("ingest")),
    );
    let accepted = 0;
    let duplicates = 0;
    const statuses = new Set<number>();
    await Promise.all(
      clients.map(async (client, clientIndex) => {
        for (let pass = 0; pass < 2; pass++) {
          const order = shuffled(events, clientIndex * 10 + pass + 1);
          for (let offset = 0; offset < order.length; offset += batchSize) {
            const response = await client.post("/v1/events/batch", {
              events: order.slice(offset, offset + batchSize),
            });
            statuses.add(response.status);
            if (response.status !== 200) throw new Error(JSON.stringify(response.body));
            expect(response.body.rejected).toEqual([]);
            accepted += response.body.accepted;
            duplicates += response.body.duplicates.length;
          }
        }
      }),
    );
    expect([...statuses]).toEqual([200]);
    expect(accepted).toBe(eventCount);
    expect(duplicates).toBe(eventCount * (clientCount * 2 - 1));

    const range = `from=${encodeURIComponent(new Date(now - 86_400_000).toISOString())}&to=${encodeURIComponent(new Date(now + 60_000).toISOString())}`;
    const expectedSum = events.reduce((total, event) => total + event.properties.units, 0);
    for (const [meter, expected] of [
      ["c-count", String(eventCount)],
      ["c-sum", String(expectedSum)],
      ["c-unique", "300"],
    ]) {
      const usage = await suite.tenant.admin.get(`/v1/usage?customer=busy&meter=${meter}&${range}`);
      expect(usage.body.windows[0].value, meter).toBe(expected);
    }
    const stored = await suite.testApp.handle.database
      .selectFrom("events")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .where("environment_id", "=", suite.tenant.organization.environments.test)
      .executeTakeFirstOrThrow();
    expect(Number(stored.count)).toBe(eventCount);
  });
});
