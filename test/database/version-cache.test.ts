// The caches of catalog and meter versions, features, API keys and test
// clocks across processes (issue 17, item 5): two applications on one
// PostgreSQL database, each with its own connections, cache and listener,
// stand for two `fairbill serve` processes. What B changes, A serves within a
// second (polled against a deadline), through LISTEN/NOTIFY; a dropped
// listener connection is opened again and what was cached is dropped. Then
// the entitlements read's round trips, counted on the wire after warm-up.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApplication } from "../../src/app.ts";
import { changeFeedOf } from "../../src/platform/database/change-notifications.ts";
import { type DatabaseHandle, openDatabase } from "../../src/platform/database/database.ts";
import type { FairbillApp } from "../../src/platform/http/server.ts";
import { createCustomer, createFeature, createMeter, createPlan, subscribe } from "../support/builders.ts";
import { expectCreated, expectOk } from "../support/responses.ts";
import { type ApiClient, startTestApp, type TestApp, type TestTenant } from "../support/test-app.ts";
import { testDatabaseKind, testPostgresUrl } from "../support/test-database.ts";
import { waitFor } from "../support/wait-for.ts";

/** A client of `app` with `key`, as test-app.ts's clients are. */
function clientOf(app: FairbillApp, key: string): ApiClient {
  const send =
    (method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE") =>
    async (url: string, payload?: unknown, headers: Record<string, string> = {}) => {
      const response = await app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${key}`, ...headers },
        ...(payload === undefined ? {} : { payload: payload as object }),
      });
      return {
        status: response.statusCode,
        headers: response.headers,
        body: response.body === "" ? undefined : JSON.parse(response.body),
      };
    };
  return {
    key,
    get: (url, headers) => send("GET")(url, undefined, headers),
    post: send("POST"),
    patch: send("PATCH"),
    put: send("PUT"),
    delete: (url, headers) => send("DELETE")(url, undefined, headers),
  } as ApiClient;
}

describe.runIf(testDatabaseKind === "postgres")("version caches across two processes on PostgreSQL", () => {
  let testApp: TestApp;
  let tenant: TestTenant;
  let otherHandle: DatabaseHandle;
  let otherApp: FairbillApp;
  /** Clients of app A (the test app) and of app B, with the same admin key. */
  let a: ApiClient;
  let b: ApiClient;

  beforeAll(async () => {
    testApp = await startTestApp();
    tenant = await testApp.newTenant("Cache");
    a = tenant.admin;
    otherHandle = await openDatabase({ kind: "postgres", connectionString: testApp.handle.location });
    otherApp = await buildApplication({ handle: otherHandle, logger: false, rateLimits: false });
    b = clientOf(otherApp, a.key);
  });

  afterAll(async () => {
    await otherApp?.close();
    await otherHandle?.close();
    await testApp?.close();
  });

  it("serves in A what B changes within a second: features, meter versions, plan versions, keys", async () => {
    const meter = await createMeter(b, {
      code: "api-calls",
      event_name: "api_call",
      aggregation: "sum",
      property: "weight",
      effective_from: "2020-01-01T00:00:00Z",
    });
    const feature = await createFeature(b, { code: "api", name: "API", kind: "metered", meter: "api-calls" });
    const customer = await createCustomer(b, { external_id: "gated" });
    await expectOk(b.post(`/v1/customers/${customer.id}/entitlements`, { feature: "api", limit: "1000" }));
    await expectOk(
      b.post("/v1/events/batch", {
        events: [
          {
            id: "e1",
            customer: "gated",
            name: "api_call",
            timestamp: new Date().toISOString(),
            properties: { weight: 2 },
          },
        ],
      }),
    );
    const entitlementsInA = async () =>
      (await expectOk(a.get(`/v1/customers/${customer.id}/entitlements`))).data as {
        feature: string;
        name: string;
        used: string | null;
      }[];
    // A reads (and caches) the features, the meter's versions, the key and the clock.
    expect(await entitlementsInA()).toEqual([
      expect.objectContaining({ feature: "api", name: "API", used: "2" }),
    ]);
    expect((await entitlementsInA())[0]?.name).toBe("API");

    // A feature renamed in B.
    await expectOk(b.patch(`/v1/features/${feature.id}`, { name: "API calls" }));
    await waitFor(
      "A to serve the feature's new name",
      async () => ((await entitlementsInA())[0]?.name === "API calls" ? true : undefined),
      { seconds: 1, pollMilliseconds: 20 },
    );

    // A meter version published in B: A's usage query knows its new dimension.
    const usageByRegion = `/v1/usage?customer=gated&meter=api-calls&from=2026-01-01T00:00:00Z&to=2030-01-01T00:00:00Z&group_by=region`;
    expect((await a.get(usageByRegion)).status).toBe(400);
    await expectCreated(
      b.post(`/v1/meters/${meter.id}/versions`, {
        group_by: ["region"],
        effective_from: "2021-01-01T00:00:00Z",
      }),
    );
    await waitFor(
      "A to know the meter's new version",
      async () => ((await a.get(usageByRegion)).status === 200 ? true : undefined),
      { seconds: 1, pollMilliseconds: 20 },
    );

    // A plan version: A caches version 1's content; B publishes version 2, and A's entries go.
    const plan = await createPlan(b, {
      code: "pro",
      version: { charges: [], entitlements: [{ feature: "api", limit: "5000" }] },
    });
    const subscribed = await createCustomer(b, { external_id: "subscribed" });
    await subscribe(b, { customer_id: subscribed.id, plan_id: plan.id });
    const planLimitInA = async () =>
      ((await expectOk(a.get(`/v1/customers/${subscribed.id}/entitlements`))).data as { limit: string }[])[0]
        ?.limit;
    expect(await planLimitInA()).toBe("5000");
    const feed = changeFeedOf(testApp.handle.database);
    const planVersions = { topic: "plan_versions", scope: tenant.organization.environments.test };
    const cachedAt = feed?.readStart("plan_versions");
    const stamp = cachedAt === undefined ? undefined : feed?.stamp(planVersions, cachedAt);
    expect(stamp).toBeDefined();
    await expectCreated(
      b.post(`/v1/plans/${plan.id}/versions`, { entitlements: [{ feature: "api", limit: "9000" }] }),
    );
    await expectOk(b.post(`/v1/plans/${plan.id}/versions/2/publish`, {}));
    await waitFor(
      "A to drop the environment's cached plan versions",
      () => (stamp !== undefined && feed?.isCurrent(planVersions, stamp) === false ? true : undefined),
      { seconds: 1, pollMilliseconds: 20 },
    );
    expect(await planLimitInA()).toBe("5000");

    // A key revoked in B (by another admin key) stops opening A at once.
    const second = await tenant.client("admin");
    const revoked = await tenant.client("admin");
    expect((await clientOf(testApp.app, revoked.key).get("/v1/features")).status).toBe(200);
    const keys = (await expectOk(a.get("/v1/api-keys?limit=100"))).data as { id: string; prefix: string }[];
    const revokedId = keys.find((key) => revoked.key.startsWith(key.prefix))?.id;
    await expectOk(clientOf(otherApp, second.key).post(`/v1/api-keys/${revokedId}/revoke`, {}));
    await waitFor(
      "A to refuse the revoked key",
      async () =>
        (await clientOf(testApp.app, revoked.key).get("/v1/features")).status === 401 ? true : undefined,
      { seconds: 1, pollMilliseconds: 20 },
    );
  });

  it("opens the listener again when its connection drops, and serves nothing cached from before", async () => {
    const customer = await createCustomer(a, { external_id: "after-drop" });
    await expectOk(a.get(`/v1/customers/${customer.id}/entitlements`));
    const feed = changeFeedOf(testApp.handle.database);
    expect(feed?.listening).toBe(true);
    const before = feed?.readStart("features");
    const change = { topic: "features", scope: tenant.organization.environments.test };
    const stamp = before === undefined ? undefined : feed?.stamp(change, before);
    expect(stamp).toBeDefined();
    // The server ends the listening connection (a restart, a failover, an administrator).
    const administrator = new pg.Client({ connectionString: testPostgresUrl });
    await administrator.connect();
    try {
      const ended = await administrator.query(
        "select pg_terminate_backend(pid) from pg_stat_activity where query = $1 and datname = $2",
        ["listen fairbill_changes", new URL(testApp.handle.location).pathname.slice(1)],
      );
      expect(ended.rowCount).toBeGreaterThanOrEqual(1);
    } finally {
      await administrator.end();
    }
    await waitFor("the listener to drop", () => (feed?.listening === false ? true : undefined), {
      seconds: 5,
      pollMilliseconds: 10,
    }).catch(() => true);
    await waitFor("the listener to come back", () => (feed?.listening === true ? true : undefined), {
      seconds: 10,
      pollMilliseconds: 20,
    });
    // Whatever was cached before the drop is stale: notifications may have been missed meanwhile.
    expect(stamp !== undefined && feed?.isCurrent(change, stamp)).toBe(false);
    // And changes are heard again.
    await createFeature(b, { code: "after-drop", name: "After the drop", kind: "boolean" });
    await expectOk(b.post(`/v1/customers/${customer.id}/entitlements`, { feature: "after-drop" }));
    await waitFor(
      "A to serve the feature made after the reconnect",
      async () => {
        const data = (await expectOk(a.get(`/v1/customers/${customer.id}/entitlements`))).data as {
          feature: string;
        }[];
        return data.some((entitlement) => entitlement.feature === "after-drop") ? true : undefined;
      },
      { seconds: 1, pollMilliseconds: 20 },
    );
  });

  it("reads a subscribed customer's entitlements in at most three round trips once warm", async () => {
    await createFeature(a, { code: "sso", name: "SSO", kind: "boolean" });
    const plan = await createPlan(a, {
      code: "team",
      version: { charges: [], entitlements: [{ feature: "sso" }, { feature: "api", limit: "100" }] },
    });
    const customer = await createCustomer(a, { external_id: "counted", timezone: "Europe/Berlin" });
    await subscribe(a, { customer_id: customer.id, plan_id: plan.id });
    await expectOk(a.post(`/v1/customers/${customer.id}/entitlements`, { feature: "after-drop" }));
    const read = () => expectOk(a.get(`/v1/customers/${customer.id}/entitlements`));
    for (let warmUp = 0; warmUp < 3; warmUp++) await read();
    const counted = await countRoundTrips(read);
    expect(counted.result.data.map((entitlement: { feature: string }) => entitlement.feature)).toEqual([
      "after-drop",
      "api",
      "sso",
    ]);
    // Four statements side by side (customer, grants, subscriptions, dunning), the subscription's timeline, the usage.
    expect(counted.statements).toBeGreaterThan(0);
    expect(counted.roundTrips).toBeLessThanOrEqual(3);
  });
});

/**
 * The statements `work` sends to PostgreSQL and its round trips: statements
 * sent while another is still in flight (on another connection) share a
 * round trip; a statement sent when none is in flight starts a new one.
 */
async function countRoundTrips<Result>(
  work: () => Promise<Result>,
): Promise<{ result: Result; statements: number; roundTrips: number }> {
  const prototype = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = prototype.query;
  let statements = 0;
  let roundTrips = 0;
  let inFlight = 0;
  prototype.query = function (this: unknown, ...args: unknown[]) {
    statements += 1;
    if (inFlight === 0) roundTrips += 1;
    inFlight += 1;
    const settled = () => {
      inFlight -= 1;
    };
    const answer = original.apply(this, args);
    if (answer instanceof Promise) answer.then(settled, settled);
    else settled();
    return answer;
  };
  try {
    const result = await work();
    return { result, statements, roundTrips };
  } finally {
    prototype.query = original;
  }
}
