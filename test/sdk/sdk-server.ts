// A Fairbill server for the SDKs' tests: `fairbill serve` as a child process
// on its own PGlite folder and a fixed port, so that it can be killed
// (SIGKILL, mid-request) and started again at the same address while a
// client keeps sending. It holds a count meter, a customer with a granted
// feature, and a webhook endpoint pointing at a receiver in the test.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { printedAdminKey, type ServeProcess, startServeProcess } from "../support/serve-process.ts";
import { type ReceivedRequest, WebhookReceiver } from "../support/webhook-receiver.ts";

export const meterCode = "sdk_calls";
export const eventName = "sdk_call";
export const featureCode = "exports";

/**
 * Events each kill-and-restart run sends: 10,000 inside `npm test` (two kills
 * land in the middle of the stream either way); `npm run test:sdks` sends
 * 100,000 (FAIRBILL_SDK_EVENTS), about 90 s through the TypeScript SDK and
 * 105 s through the Python one at load 20 on 2 cores.
 */
export const eventsPerRun = Number(process.env.FAIRBILL_SDK_EVENTS ?? 10_000);

export class SdkServer {
  readonly dataDirectory = mkdtempSync(join(tmpdir(), "fairbill-sdk-"));
  readonly receiver = new WebhookReceiver();
  server: ServeProcess | undefined;
  adminKey = "";
  customerId = "";
  webhookSecret = "";
  restarts = 0;

  get url(): string {
    if (!this.server) throw new Error("not started");
    return this.server.url;
  }

  private environment(): Record<string, string> {
    return {
      FAIRBILL_DATA_DIR: this.dataDirectory,
      LOG_LEVEL: "silent",
      FAIRBILL_ALLOW_PRIVATE_TARGETS: "true",
    };
  }

  /** Starts the server and fills it: meter, feature, webhook endpoint, customer (whose customer.created is delivered). */
  async start(): Promise<void> {
    await this.receiver.start();
    this.server = await startServeProcess({ environment: this.environment() });
    const key = printedAdminKey(this.server);
    if (key === undefined) throw new Error(`no admin key printed:\n${this.server.output()}`);
    this.adminKey = key;
    await this.api("POST", "/v1/meters", {
      code: meterCode,
      name: "SDK calls",
      event_name: eventName,
      aggregation: "count",
    });
    await this.api("POST", "/v1/features", { code: featureCode, name: "Exports", kind: "boolean" });
    const endpoint = await this.api("POST", "/v1/webhook-endpoints", {
      url: this.receiver.url("/hooks"),
      event_types: ["customer.created"],
    });
    this.webhookSecret = endpoint.secret;
    const customer = await this.api("POST", "/v1/customers", {
      external_id: "sdk-customer",
      currency: "USD",
      timezone: "UTC",
    });
    this.customerId = customer.id;
  }

  // biome-ignore lint/suspicious/noExplicitAny: the answers' shapes are the API's, read by field.
  async api(method: "GET" | "POST" | "DELETE", path: string, body?: unknown): Promise<any> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.adminKey}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const answer = await response.json();
    if (response.status >= 300)
      throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(answer)}`);
    return answer;
  }

  /** SIGKILL, then `fairbill serve` again on the same folder and port, with `settings` added to its environment. */
  async killAndRestart(settings: Record<string, string> = {}): Promise<void> {
    const port = this.server?.port;
    await this.server?.kill();
    this.server = await startServeProcess({
      environment: { ...this.environment(), ...settings },
      ...(port ? { port } : {}),
    });
    this.restarts++;
  }

  /** The customer's count of sdk_call events by the usage API, for the customer's external id. */
  async usageTotal(): Promise<number> {
    const from = new Date(Date.now() - 2 * 86_400_000).toISOString();
    const to = new Date(Date.now() + 86_400_000).toISOString();
    const query = new URLSearchParams({ customer: "sdk-customer", meter: meterCode, from, to });
    const report = await this.api("GET", `/v1/usage?${query}`);
    return report.windows.reduce((sum: number, window: { value: string }) => sum + Number(window.value), 0);
  }

  /** Waits until the usage total reaches `count` (the server is killed there). */
  async untilUsage(count: number): Promise<void> {
    for (;;) {
      const total = await this.usageTotal().catch(() => 0);
      if (total >= count) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /** The first customer.created delivery the receiver got. */
  async delivery(): Promise<ReceivedRequest> {
    for (;;) {
      const request = this.receiver.to("/hooks")[0];
      if (request) return request;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async stop(): Promise<void> {
    await this.server?.kill();
    await this.receiver.stop().catch(() => {});
    rmSync(this.dataDirectory, { recursive: true, force: true });
  }
}

/** The delivery's headers as a receiver framework hands them over. */
export function deliveryHeaders(request: ReceivedRequest): Record<string, string> {
  return {
    "webhook-id": String(request.headers["webhook-id"]),
    "webhook-timestamp": String(request.headers["webhook-timestamp"]),
    "webhook-signature": String(request.headers["webhook-signature"]),
  };
}
