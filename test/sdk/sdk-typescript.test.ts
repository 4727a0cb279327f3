// The TypeScript SDK against a running Fairbill: events sent through the
// ingestion client while the server is killed (SIGKILL) and restarted twice
// are each counted exactly once; the events a killed process left in its
// spool are sent by the next client, and events sent again from a spool are
// acknowledged as duplicates;
// the entitlement check answers from its cache; a delivered webhook verifies
// and a tampered one is refused; the typed client calls operations by path
// and by operationId.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FileSpool } from "../../packages/sdk-typescript/src/file-spool.ts";
import {
  createFairbillClient,
  EntitlementChecker,
  IngestionClient,
  RetryableError,
  verifyWebhook,
  WebhookVerificationError,
} from "../../packages/sdk-typescript/src/index.ts";
import { testDatabaseKind } from "../support/test-database.ts";
import { deliveryHeaders, eventName, eventsPerRun, featureCode, SdkServer } from "./sdk-server.ts";

const fairbill = new SdkServer();
const producerScript = new URL("./crashing-producer.ts", import.meta.url).pathname;
const spoolFolder = mkdtempSync(join(tmpdir(), "fairbill-sdk-spool-"));

// One server process of its own on PGlite: run once, in the pglite project.
describe.skipIf(testDatabaseKind !== "pglite")("the TypeScript SDK against a running Fairbill", () => {
  beforeAll(() => fairbill.start(), 180_000);
  afterAll(async () => {
    await fairbill.stop();
    rmSync(spoolFolder, { recursive: true, force: true });
  });

  it(`counts each of ${eventsPerRun.toLocaleString("en")} events once while the server is killed and restarted twice`, {
    timeout: 900_000,
  }, async () => {
    const retries: number[] = [];
    const ingestion = new IngestionClient({
      baseUrl: fairbill.url,
      apiKey: fairbill.adminKey,
      batchSize: 1000,
      concurrency: 2,
      flushIntervalMs: 200,
      retryDelayMs: 100,
      maxRetryDelayMs: 1000,
      spool: new FileSpool(join(spoolFolder, "kill.spool")),
      onRetry: (_error, attempt) => retries.push(attempt),
    });
    const sending = (async () => {
      for (let index = 0; index < eventsPerRun; index++) {
        ingestion.track({ customer: "sdk-customer", name: eventName, properties: { index } });
        // Let batches go out while events are still being tracked.
        if (index % 1000 === 999) await new Promise((resolve) => setImmediate(resolve));
      }
      await ingestion.close();
    })();
    await fairbill.untilUsage(Math.floor(eventsPerRun / 3));
    await fairbill.killAndRestart();
    await fairbill.untilUsage(Math.floor((eventsPerRun * 2) / 3));
    await fairbill.killAndRestart();
    await sending;

    expect(fairbill.restarts).toBe(2);
    expect(await fairbill.usageTotal()).toBe(eventsPerRun);
    expect(ingestion.counts.sent).toBe(eventsPerRun);
    expect(ingestion.counts.rejected).toBe(0);
    // Every event the spool wrote down was crossed out.
    expect(readFileSync(join(spoolFolder, "kill.spool"), "utf8")).toBe("");
    process.stdout.write(
      `TypeScript SDK: ${eventsPerRun} events, 2 restarts, ${retries.length} retried sends, ` +
        `${ingestion.counts.duplicates} duplicates acknowledged, usage ${eventsPerRun}\n`,
    );
  });

  it("sends the events of a killed process from its spool, each counted once", async () => {
    const before = await fairbill.usageTotal();
    const spoolPath = join(spoolFolder, "crash.spool");
    const producer = spawn(
      process.execPath,
      [producerScript, fairbill.url, fairbill.adminKey, "500", spoolPath, "sdk-customer", eventName],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    // Killed once it has sent 500 events and written 500 more down without sending them.
    await new Promise<void>((resolve) => producer.stdout.on("data", () => resolve()));
    producer.kill("SIGKILL");
    await new Promise((resolve) => producer.once("exit", resolve));

    const next = new IngestionClient({
      baseUrl: fairbill.url,
      apiKey: fairbill.adminKey,
      spool: new FileSpool(spoolPath),
    });
    expect(next.pendingCount).toBe(500);
    await next.close();
    expect(await fairbill.usageTotal()).toBe(before + 1000);
    expect(readFileSync(spoolPath, "utf8")).toBe("");
  });

  it("acknowledges events sent again from a spool as duplicates, not counted twice", async () => {
    const before = await fairbill.usageTotal();
    const spoolPath = join(spoolFolder, "resend.spool");
    const first = new IngestionClient({ baseUrl: fairbill.url, apiKey: fairbill.adminKey });
    const events = Array.from({ length: 100 }, (_, index) => ({
      id: `resend-${index}`,
      customer: "sdk-customer",
      name: eventName,
      timestamp: new Date().toISOString(),
    }));
    for (const event of events) first.track(event);
    await first.close();
    // A process killed after the server stored its batch and before it crossed the events out.
    writeFileSync(spoolPath, events.map((event) => `${JSON.stringify({ event })}\n`).join(""));
    const next = new IngestionClient({
      baseUrl: fairbill.url,
      apiKey: fairbill.adminKey,
      spool: new FileSpool(spoolPath),
    });
    await next.close();
    expect(next.counts.duplicates).toBe(100);
    expect(await fairbill.usageTotal()).toBe(before + 100);
  });

  it("lets a process exit while Fairbill is unreachable, its events kept in its spool", async () => {
    const spoolPath = join(spoolFolder, "exit.spool");
    const sdk = new URL("../../packages/sdk-typescript/src/", import.meta.url).pathname;
    const program = `
      import { IngestionClient } from "${sdk}index.ts";
      import { FileSpool } from "${sdk}file-spool.ts";
      const client = new IngestionClient({
        baseUrl: "http://127.0.0.1:9", apiKey: "key", exitTimeoutMs: 1000, spool: new FileSpool(${JSON.stringify(spoolPath)}),
      });
      client.track({ id: "kept", customer: "acme", name: "api_call" });`;
    const child = spawn(process.execPath, ["--input-type=module", "-e", program], { stdio: "inherit" });
    const code = await new Promise((resolve) => child.once("exit", resolve));
    expect(code).toBe(0);
    const spool = new FileSpool(spoolPath);
    expect(spool.pending().map((event) => event.id)).toEqual(["kept"]);
    spool.close();
  });

  it("checks an entitlement and answers again from its cache", async () => {
    let now = 1_000_000;
    const checker = new EntitlementChecker({
      baseUrl: fairbill.url,
      apiKey: fairbill.adminKey,
      ttlMs: 30_000,
      now: () => now,
    });
    expect(await checker.allowed(fairbill.customerId, featureCode)).toBe(false);
    await fairbill.api("POST", `/v1/customers/${fairbill.customerId}/entitlements`, { feature: featureCode });
    // Still the cached answer within the time to live.
    expect(await checker.allowed(fairbill.customerId, featureCode)).toBe(false);
    expect(checker.requests).toBe(1);
    now += 30_001;
    expect(await checker.allowed(fairbill.customerId, featureCode)).toBe(true);
    expect(checker.requests).toBe(2);
  });

  it("verifies a delivered webhook and refuses a tampered or stale one", async () => {
    const delivery = await fairbill.delivery();
    const headers = deliveryHeaders(delivery);
    const event = await verifyWebhook({ secret: fairbill.webhookSecret, headers, body: delivery.body });
    expect(event.type).toBe("customer.created");
    expect(event.id).toBe(headers["webhook-id"]);

    const tampered = delivery.body.replace("sdk-customer", "sdk-customeR");
    expect(tampered).not.toBe(delivery.body);
    await expect(verifyWebhook({ secret: fairbill.webhookSecret, headers, body: tampered })).rejects.toThrow(
      WebhookVerificationError,
    );
    const sentAt = Number(headers["webhook-timestamp"]) * 1000;
    await expect(
      verifyWebhook({ secret: fairbill.webhookSecret, headers, body: delivery.body, now: sentAt + 301_000 }),
    ).rejects.toThrow(/300 s/);
    await expect(
      verifyWebhook({
        secret: "whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        headers,
        body: delivery.body,
      }),
    ).rejects.toThrow(WebhookVerificationError);
  });

  it("calls operations by path and by operationId", async () => {
    const client = createFairbillClient({ baseUrl: fairbill.url, apiKey: fairbill.adminKey });
    const { data, error } = await client.GET("/v1/customers/{id}", {
      params: { path: { id: fairbill.customerId } },
    });
    expect(error).toBeUndefined();
    expect(data?.external_id).toBe("sdk-customer");
    const entitlements = await client.call("getCustomerEntitlements", {
      params: { path: { id: fairbill.customerId } },
    });
    expect(entitlements.data.map((entitlement) => entitlement.feature)).toContain(featureCode);
    await expect(
      client.call("getCustomer", { params: { path: { id: "cus_missing" } } }),
    ).rejects.toMatchObject({
      status: 404,
    });
  });

  // Last: the server it leaves allows each key three requests in 5 seconds.
  it("waits out a 429's Retry-After and sends every event", { timeout: 300_000 }, async () => {
    const limited = await fairbill.api("POST", "/v1/api-keys", { name: "sdk-limited", role: "ingest" });
    // Three requests in 5 s for each key: the fourth batch is answered 429 with Retry-After (whole seconds).
    await fairbill.killAndRestart({ RATE_LIMIT_PER_KEY: "3", RATE_LIMIT_WINDOW_SECONDS: "5" });
    const before = await fairbill.usageTotal();
    const waits: { retryAfterMs: number | undefined; delayMs: number }[] = [];
    const ingestion = new IngestionClient({
      baseUrl: fairbill.url,
      apiKey: limited.secret,
      batchSize: 10,
      flushIntervalMs: 3_600_000,
      onRetry: (error, _attempt, delayMs) =>
        waits.push({
          retryAfterMs: error instanceof RetryableError ? error.retryAfterMs : undefined,
          delayMs,
        }),
    });
    for (let index = 0; index < 50; index++) ingestion.track({ customer: "sdk-customer", name: eventName });
    await ingestion.close();
    expect(await fairbill.usageTotal()).toBe(before + 50);
    expect(ingestion.counts.sent).toBe(50);
    expect(waits.length).toBeGreaterThan(0);
    for (const wait of waits) {
      expect(wait.retryAfterMs).toBeGreaterThanOrEqual(1000);
      expect(wait.delayMs).toBeGreaterThanOrEqual(wait.retryAfterMs ?? 0);
    }
  });
});
