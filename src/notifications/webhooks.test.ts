// Outgoing webhooks end to end: endpoints made through the API, events
// published in a transaction, deliveries sent by the real job worker to a
// real HTTP server on this machine, on a clock the test moves forward.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { expectProblem, expectRefusedAt } from "../../test/support/responses.ts";
import { appForFile, type TestTenant } from "../../test/support/test-app.ts";
import { TestClock } from "../../test/support/test-clock.ts";
import { waitFor } from "../../test/support/wait-for.ts";
import { signatureHeaders, WebhookReceiver } from "../../test/support/webhook-receiver.ts";
import { type Customer, customerUpdated } from "../customers/index.ts";
import { createJobWorker, type JobWorker } from "../platform/jobs/job-worker.ts";
import { webhookDeliveryJobHandler, webhookRetryDelaysSeconds } from "./webhook-delivery.ts";
import { publishEvent } from "./webhook-events.ts";
import { webhookDeliveryJobKind } from "./webhook-job-payload.ts";

/** A port nothing listens on: one the system just handed out and took back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

// The test's clock runs a day ahead of the database's, whose now() dates the jobs queued
// "at once", so that those are due on the test's clock from the start.
const start = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 24 * 3_600_000);
const clock = new TestClock(start);
/** The instant `seconds` after `instant`, as the API writes it. */
const secondsLater = (instant: Date, seconds: number) =>
  new Date(instant.getTime() + seconds * 1000).toISOString();
const suite = appForFile({ clock, allowPrivateTargets: true });
let tenant: TestTenant;
let receiver: WebhookReceiver;
let worker: JobWorker;

beforeAll(async () => {
  tenant = await suite.testApp.newTenant("Webhooks");
  receiver = new WebhookReceiver();
  await receiver.start();
  worker = deliveryWorker();
});
function deliveryWorker(): JobWorker {
  return createJobWorker({
    database: suite.testApp.handle.database,
    clock,
    logger: { info() {}, warn() {}, error() {}, debug() {} },
    handlers: {
      [webhookDeliveryJobKind]: webhookDeliveryJobHandler({ database: suite.testApp.handle.database, clock }),
    },
  });
}
afterAll(async () => {
  await receiver?.stop();
});
afterEach(() => {
  receiver.statuses = [200];
  receiver.delayMilliseconds = 0;
});

async function createEndpoint(path: string, eventTypes: string[], extra: Record<string, unknown> = {}) {
  const response = await tenant.admin.post("/v1/webhook-endpoints", {
    url: receiver.url(path),
    event_types: eventTypes,
    ...extra,
  });
  expect(response.status).toBe(201);
  return response.body as { endpoint: { id: string }; secret: string };
}

/** A customer as the API shows it, made up: the payload of the customer.updated events these tests publish. */
function customer(id: string): Customer {
  return {
    id,
    external_id: `external-${id}`,
    name: "Acme Corp",
    email: "billing@acme.example",
    billing_address: null,
    country: "DE",
    tax_ids: [],
    currency: "EUR",
    timezone: "Europe/Berlin",
    locale: "de-DE",
    invoice_settings: {},
    metadata: {},
    parent_customer_id: null,
    child_billing: "separate",
    archived_at: null,
    created_at: start.toISOString(),
    updated_at: start.toISOString(),
  };
}

/** Publishes customer.updated for a made-up customer, as a use case would in its transaction. */
async function publish(customerId: string) {
  const context = tenant.context();
  return suite.testApp.handle.database
    .transaction()
    .execute((transaction) => publishEvent(transaction, context, customerUpdated, customer(customerId)));
}

describe("webhook endpoints", () => {
  it("shows the signing secret on create and on rotate only", async () => {
    const created = await createEndpoint("/crud", ["invoice.paid", "payment.failed"], {
      description: "Accounting system",
    });
    expect(created.endpoint.id).toMatch(/^whe_/);
    expect(created.secret).toMatch(/^whsec_/);
    const read = await tenant.admin.get(`/v1/webhook-endpoints/${created.endpoint.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      url: receiver.url("/crud"),
      description: "Accounting system",
      event_types: ["invoice.paid", "payment.failed"],
      enabled: true,
    });
    expect(JSON.stringify(read.body)).not.toContain("whsec_");
    const listed = await tenant.admin.get("/v1/webhook-endpoints");
    expect(JSON.stringify(listed.body)).not.toContain("whsec_");
    expect(listed.body.data.map((endpoint: { id: string }) => endpoint.id)).toContain(created.endpoint.id);

    const rotated = await tenant.admin.post(`/v1/webhook-endpoints/${created.endpoint.id}/rotate-secret`, {});
    expect(rotated.status).toBe(201);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(created.secret);

    const audit = await tenant.admin.get(`/v1/audit-events?object_id=${created.endpoint.id}`);
    const actions = audit.body.data.map((entry: { action: string }) => entry.action);
    expect(actions).toEqual(
      expect.arrayContaining(["webhook_endpoint.created", "webhook_endpoint.secret_rotated"]),
    );
    expect(JSON.stringify(audit.body)).not.toContain("whsec_");
  });

  it("refuses a URL that is not http or https, and unknown event types, by field", async () => {
    const ftp = await tenant.admin.post("/v1/webhook-endpoints", {
      url: "ftp://example.com/hook",
      event_types: ["*"],
    });
    expect(ftp.status).toBe(400);
    expect(ftp.body.errors).toEqual([{ path: "$.url", message: "must start with https:// or http://" }]);
    const unknownType = await tenant.admin.post("/v1/webhook-endpoints", {
      url: receiver.url("/x"),
      event_types: ["invoice.exploded"],
    });
    expectRefusedAt(unknownType, "$.event_types[0]");
  });

  it("lets only keys that may manage webhooks change endpoints", async () => {
    const billingOps = await tenant.client("billing_ops");
    const refused = await billingOps.post("/v1/webhook-endpoints", {
      url: receiver.url("/x"),
      event_types: ["*"],
    });
    expect(refused.status).toBe(403);
    const viewer = await tenant.client("viewer");
    expect((await viewer.get("/v1/webhook-endpoints")).status).toBe(200);
    expect((await viewer.get("/v1/webhook-events")).status).toBe(200);
  });
});

describe("webhook delivery", () => {
  // A tenant per test: each test's endpoints see only its own events.
  beforeEach(async () => {
    tenant = await suite.testApp.newTenant("Webhook deliveries");
  });

  it("retries a failing endpoint with backoff until its answer is 200, logging every attempt", async () => {
    const { endpoint, secret } = await createEndpoint("/flaky", ["customer.updated"]);
    receiver.statuses = [500, 500, 500, 200];
    receiver.delayMilliseconds = 15;
    const publishedAt = clock.now();
    const event = await publish("cus_123");
    expect(event.deliveries).toBe(1);

    expect(await worker.runDueJobs()).toBe(1);
    expect(receiver.to("/flaky")).toHaveLength(1);
    // Nothing more is due until the first retry delay (5 s) has passed.
    expect(await worker.runDueJobs()).toBe(0);
    clock.advanceSeconds(4);
    expect(await worker.runDueJobs()).toBe(0);
    clock.advanceSeconds(1);
    expect(await worker.runDueJobs()).toBe(1);
    clock.advanceSeconds(webhookRetryDelaysSeconds[1]!);
    expect(await worker.runDueJobs()).toBe(1);
    const pending = await tenant.admin.get(`/v1/webhook-endpoints/${endpoint.id}/deliveries`);
    expect(pending.body.data[0]).toMatchObject({ status: "pending", attempt_count: 3 });
    expect(pending.body.data[0].next_attempt_at).toBe(
      new Date(clock.now().getTime() + webhookRetryDelaysSeconds[2]! * 1000).toISOString(),
    );
    clock.advanceSeconds(webhookRetryDelaysSeconds[2]!);
    expect(await worker.runDueJobs()).toBe(1);
    // Delivered: no further attempt is ever due.
    clock.advanceSeconds(48 * 3600);
    expect(await worker.runDueJobs()).toBe(0);

    const requests = receiver.to("/flaky");
    expect(requests).toHaveLength(4);
    for (const request of requests) {
      expect(request.headers["webhook-id"]).toBe(event.id);
      expect(new Webhook(secret).verify(request.body, signatureHeaders(request))).toEqual({
        id: event.id,
        type: "customer.updated",
        timestamp: publishedAt.toISOString(),
        data: customer("cus_123"),
      });
    }

    const log = await tenant.admin.get(`/v1/webhook-endpoints/${endpoint.id}/deliveries`);
    expect(log.status).toBe(200);
    expect(log.body.data).toHaveLength(1);
    const delivery = log.body.data[0];
    expect(delivery).toMatchObject({
      event_id: event.id,
      event_type: "customer.updated",
      status: "succeeded",
      attempt_count: 4,
      next_attempt_at: null,
      last_response_status: 200,
    });
    expect(delivery.attempts.map((attempt: { response_status: number }) => attempt.response_status)).toEqual([
      500, 500, 500, 200,
    ]);
    expect(delivery.attempts.map((attempt: { status: string }) => attempt.status)).toEqual([
      "failed",
      "failed",
      "failed",
      "succeeded",
    ]);
    expect(delivery.attempts.map((attempt: { started_at: string }) => attempt.started_at)).toEqual([
      secondsLater(publishedAt, 0),
      secondsLater(publishedAt, 5),
      secondsLater(publishedAt, 5 + 300),
      secondsLater(publishedAt, 5 + 300 + 1800),
    ]);
    for (const attempt of delivery.attempts) {
      expect(attempt.latency_ms).toBeGreaterThanOrEqual(15);
      expect(attempt.trigger).toBe("automatic");
    }
    expect(delivery.attempts[0]).toMatchObject({
      response_body_excerpt: "receiver error 500",
      error: "the endpoint answered 500",
    });
    expect(delivery.attempts[3]).toMatchObject({ response_body_excerpt: "ok", error: null });

    const detail = await tenant.admin.get(`/v1/webhook-events/${event.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ id: event.id, type: "customer.updated", data: customer("cus_123") });
    expect(detail.body.deliveries).toEqual([delivery]);
  });

  it("gives up after retrying for more than 24 hours, and delivers again when asked", async () => {
    const { endpoint } = await createEndpoint("/down", ["customer.updated"]);
    receiver.statuses = [503];
    const event = await publish("cus_1");
    let elapsedSeconds = 0;
    await worker.runDueJobs();
    for (const delay of webhookRetryDelaysSeconds) {
      clock.advanceSeconds(delay);
      elapsedSeconds += delay;
      expect(await worker.runDueJobs()).toBe(1);
    }
    expect(elapsedSeconds).toBeGreaterThanOrEqual(24 * 3600);
    const failed = (await tenant.admin.get(`/v1/webhook-events/${event.id}`)).body.deliveries[0];
    expect(failed).toMatchObject({ status: "failed", attempt_count: 8, next_attempt_at: null });
    clock.advanceSeconds(7 * 24 * 3600);
    expect(await worker.runDueJobs()).toBe(0);

    receiver.statuses = [200];
    const redelivered = await tenant.admin.post(`/v1/webhook-deliveries/${failed.id}/redeliver`, {});
    expect(redelivered.status).toBe(202);
    expect(await worker.runDueJobs()).toBe(1);
    const log = await tenant.admin.get(`/v1/webhook-endpoints/${endpoint.id}/deliveries?status=succeeded`);
    expect(log.body.data).toHaveLength(1);
    expect(log.body.data[0].attempt_count).toBe(9);
    expect(log.body.data[0].attempts.at(-1)).toMatchObject({
      attempt_number: 9,
      trigger: "manual",
      status: "succeeded",
      response_status: 200,
    });
    expect(receiver.to("/down")).toHaveLength(9);
  });

  it("sends each event only to the enabled endpoints whose filters match", async () => {
    await createEndpoint("/customers", ["customer.created", "customer.updated"]);
    await createEndpoint("/everything", ["*"]);
    await createEndpoint("/payments", ["payment.failed"]);
    await createEndpoint("/disabled", ["*"], { enabled: false });
    const before = receiver.requests.length;
    const event = await publish("cus_9");
    expect(event.deliveries).toBe(2);
    await worker.runDueJobs();
    const paths = receiver.requests.slice(before).map((request) => request.path);
    expect(paths.sort()).toEqual(["/customers", "/everything"]);

    const listed = await tenant.admin.get("/v1/webhook-events?type=customer.updated");
    expect(listed.body.data.map((listedEvent: { id: string }) => listedEvent.id)).toEqual([event.id]);
  });

  it("does not deliver to an endpoint disabled after the event, and refuses to redeliver to it", async () => {
    const { endpoint } = await createEndpoint("/switched-off", ["customer.updated"]);
    const event = await publish("cus_1");
    const disabled = await tenant.admin.patch(`/v1/webhook-endpoints/${endpoint.id}`, { enabled: false });
    expect(disabled.body.enabled).toBe(false);
    await worker.runDueJobs();
    expect(receiver.to("/switched-off")).toHaveLength(0);
    const delivery = (await tenant.admin.get(`/v1/webhook-events/${event.id}`)).body.deliveries[0];
    expect(delivery).toMatchObject({ status: "canceled", attempt_count: 0, attempts: [] });
    const refused = await tenant.admin.post(`/v1/webhook-deliveries/${delivery.id}/redeliver`, {});
    expectProblem(refused, 409, "webhook_endpoint_disabled");

    await tenant.admin.patch(`/v1/webhook-endpoints/${endpoint.id}`, { enabled: true });
    expect((await tenant.admin.post(`/v1/webhook-deliveries/${delivery.id}/redeliver`, {})).status).toBe(202);
    await worker.runDueJobs();
    expect(receiver.to("/switched-off")).toHaveLength(1);
  });

  it("deletes an endpoint: nothing more is sent to it", async () => {
    const { endpoint } = await createEndpoint("/deleted", ["customer.updated"]);
    const deleted = await tenant.admin.delete(`/v1/webhook-endpoints/${endpoint.id}`);
    expect(deleted.status).toBe(200);
    expect((await tenant.admin.get(`/v1/webhook-endpoints/${endpoint.id}`)).status).toBe(404);
    const event = await publish("cus_1");
    expect(event.deliveries).toBe(0);
  });

  it("signs with the old and the new secret while a rotated secret is honoured", async () => {
    const { endpoint, secret: oldSecret } = await createEndpoint("/rotating", ["customer.updated"]);
    const rotated = await tenant.admin.post(`/v1/webhook-endpoints/${endpoint.id}/rotate-secret`, {
      previous_secret_valid_for_seconds: 3600,
    });
    const newSecret: string = rotated.body.secret;
    await publish("cus_1");
    await worker.runDueJobs();
    const [request] = receiver.to("/rotating");
    expect(String(request?.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    expect(new Webhook(newSecret).verify(request!.body, signatureHeaders(request!))).toBeTruthy();
    expect(new Webhook(oldSecret).verify(request!.body, signatureHeaders(request!))).toBeTruthy();

    clock.advanceSeconds(3601);
    await publish("cus_2");
    await worker.runDueJobs();
    const later = receiver.to("/rotating")[1]!;
    expect(String(later.headers["webhook-signature"]).split(" ")).toHaveLength(1);
    expect(new Webhook(newSecret).verify(later.body, signatureHeaders(later))).toBeTruthy();
    expect(() => new Webhook(oldSecret).verify(later.body, signatureHeaders(later))).toThrow();
  });

  it("records an endpoint that does not answer in time, and one that refuses the connection", async () => {
    const impatientWorker = createJobWorker({
      database: suite.testApp.handle.database,
      clock,
      logger: { info() {}, warn() {}, error() {}, debug() {} },
      handlers: {
        [webhookDeliveryJobKind]: webhookDeliveryJobHandler({
          database: suite.testApp.handle.database,
          clock,
          // Long enough that a refused connection is told apart from a timeout on a loaded machine.
          timeoutMilliseconds: 400,
        }),
      },
    });
    const slow = await createEndpoint("/slow", ["customer.updated"]);
    receiver.delayMilliseconds = 5000;
    const refusing = await tenant.admin.post("/v1/webhook-endpoints", {
      url: `http://127.0.0.1:${await closedPort()}/closed`,
      event_types: ["customer.updated"],
    });
    await publish("cus_1");
    expect(await impatientWorker.runDueJobs()).toBe(2);

    const slowLog = await tenant.admin.get(`/v1/webhook-endpoints/${slow.endpoint.id}/deliveries`);
    expect(slowLog.body.data[0]).toMatchObject({ status: "pending", last_response_status: null });
    expect(slowLog.body.data[0].attempts[0]).toMatchObject({
      status: "failed",
      response_status: null,
      error: "no answer within 400 ms",
    });
    expect(slowLog.body.data[0].attempts[0].latency_ms).toBeGreaterThanOrEqual(400);
    const refusedLog = await tenant.admin.get(
      `/v1/webhook-endpoints/${refusing.body.endpoint.id}/deliveries`,
    );
    expect(refusedLog.body.data[0].attempts[0].error).toMatch(/ECONNREFUSED/);

    // Deleting the endpoints cancels their retries.
    await tenant.admin.delete(`/v1/webhook-endpoints/${slow.endpoint.id}`);
    await tenant.admin.delete(`/v1/webhook-endpoints/${refusing.body.endpoint.id}`);
    const canceled = await tenant.admin.get(`/v1/webhook-endpoints/${slow.endpoint.id}/deliveries`);
    expect(canceled.status).toBe(404);
    clock.advanceSeconds(webhookRetryDelaysSeconds[0]!);
    expect(await impatientWorker.runDueJobs()).toBe(2);
    expect(receiver.to("/slow")).toHaveLength(1);
  });

  it("keeps each environment's events and deliveries to itself", async () => {
    const other = await suite.testApp.newTenant("Other webhooks");
    const event = await publish("cus_1");
    expect((await other.admin.get(`/v1/webhook-events/${event.id}`)).status).toBe(404);
    expect((await other.admin.get("/v1/webhook-events")).body.data).toEqual([]);
    const live = await tenant.client("admin", "live");
    expect((await live.get(`/v1/webhook-events/${event.id}`)).status).toBe(404);
  });
});

describe("an attempt whose worker died", () => {
  it("shows in the delivery log as abandoned, beside the attempt that sent the event again", async () => {
    const { endpoint } = await createEndpoint("/dies", ["customer.updated"]);
    await publish("cus_dies");
    // The first worker sends and never hears back: its process is gone, its lease runs out.
    receiver.delayMilliseconds = 600_000;
    const diedRun = worker.runDueJobs();
    await waitFor(
      "the first attempt to reach the receiver",
      () => (receiver.to("/dies").length === 1 ? true : undefined),
      {
        seconds: 20,
      },
    );
    const during = await tenant.admin.get(`/v1/webhook-endpoints/${endpoint.id}/deliveries`);
    expect(during.body.data[0].attempts).toEqual([
      expect.objectContaining({ attempt_number: 1, status: "in_progress", latency_ms: 0 }),
    ]);

    receiver.delayMilliseconds = 0;
    clock.advanceSeconds(120);
    // Another worker (another process) claims the job once the lease ran out, and runs it again.
    expect(await deliveryWorker().runDueJobs(clock.now())).toBe(1);
    const after = await tenant.admin.get(`/v1/webhook-endpoints/${endpoint.id}/deliveries`);
    const [delivery] = after.body.data;
    expect(delivery).toMatchObject({ status: "succeeded", attempt_count: 2, last_response_status: 200 });
    expect(delivery.attempts).toEqual([
      expect.objectContaining({
        attempt_number: 1,
        status: "abandoned",
        response_status: null,
        error: expect.stringMatching(/stopped before the endpoint answered/),
      }),
      expect.objectContaining({ attempt_number: 2, status: "succeeded", response_status: 200 }),
    ]);
    expect(delivery.attempts[0].latency_ms).toBeGreaterThanOrEqual(120_000);
    // Both requests carried the one event id, as a receiver deduplicates them.
    const sent = receiver.to("/dies").map((request) => request.headers["webhook-id"]);
    expect(sent).toHaveLength(2);
    expect(new Set(sent).size).toBe(1);

    // The first worker's answer never counts: the attempt stays abandoned beside the one that succeeded.
    receiver.closeConnections();
    await diedRun;
    const settled = await tenant.admin.get(`/v1/webhook-endpoints/${endpoint.id}/deliveries`);
    expect(settled.body.data[0].attempts.map((attempt: { status: string }) => attempt.status)).toEqual([
      "abandoned",
      "succeeded",
    ]);
  });
});
