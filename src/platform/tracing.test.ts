// Traces, off by default, on with the standard OpenTelemetry variables: a
// `fairbill serve` process sends its spans over OTLP/HTTP to a collector this
// test runs (a local server that reads the OTLP JSON the exporter posts to
// /v1/traces): an ingestion with its counts, a bill run with its figures, a
// webhook delivery job and its outgoing call.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ServeProcess, startServeProcess } from "../../test/support/serve-process.ts";
import { waitFor } from "../../test/support/wait-for.ts";
import { tracingRequested } from "./tracing.ts";

type OtlpValue = { stringValue?: string; intValue?: string | number; boolValue?: boolean };
type ReceivedSpan = { name: string; kind: number; attributes: Record<string, string | number | boolean> };

/** A collector that keeps every span it is sent, and the service that sent it. */
function startCollector(): Promise<{
  server: Server;
  url: string;
  spans: ReceivedSpan[];
  services: Set<string>;
}> {
  const spans: ReceivedSpan[] = [];
  const services = new Set<string>();
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => {
      body += chunk.toString("utf8");
    });
    request.on("end", () => {
      if (request.url === "/v1/traces") {
        const payload = JSON.parse(body) as {
          resourceSpans: {
            resource: { attributes: { key: string; value: OtlpValue }[] };
            scopeSpans: {
              spans: { name: string; kind: number; attributes?: { key: string; value: OtlpValue }[] }[];
            }[];
          }[];
        };
        for (const resourceSpans of payload.resourceSpans) {
          const service = resourceSpans.resource.attributes.find(({ key }) => key === "service.name");
          if (service?.value.stringValue) services.add(service.value.stringValue);
          for (const scope of resourceSpans.scopeSpans) {
            for (const span of scope.spans) {
              spans.push({
                name: span.name,
                kind: span.kind,
                attributes: Object.fromEntries(
                  (span.attributes ?? []).map(({ key, value }) => [
                    key,
                    value.stringValue ??
                      (value.intValue === undefined ? value.boolValue : Number(value.intValue)) ??
                      "",
                  ]),
                ),
              });
            }
          }
        }
      }
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans, services }),
    ),
  );
}

/** A webhook target that answers 200 to everything. */
function startReceiver(): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () => response.writeHead(200).end("ok"));
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks` }),
    ),
  );
}

describe("which settings turn traces on", () => {
  it("is off by default and with OTEL_SDK_DISABLED or OTEL_TRACES_EXPORTER=none", () => {
    expect(tracingRequested({})).toBe(false);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" })).toBe(true);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://collector:4318/v1/traces" })).toBe(
      true,
    );
    expect(tracingRequested({ OTEL_TRACES_EXPORTER: "otlp" })).toBe(true);
    expect(
      tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318", OTEL_SDK_DISABLED: "true" }),
    ).toBe(false);
    expect(
      tracingRequested({
        OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318",
        OTEL_TRACES_EXPORTER: "none",
      }),
    ).toBe(false);
  });
});

describe("fairbill serve with OTEL_EXPORTER_OTLP_ENDPOINT", () => {
  const dataDirectory = mkdtempSync(join(tmpdir(), "fairbill-tracing-"));
  let collector: Awaited<ReturnType<typeof startCollector>>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let server: ServeProcess;
  let key: string;

  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const answer = (await response.json()) as Record<string, unknown>;
    if (response.status >= 400)
      throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(answer)}`);
    return answer;
  };

  beforeAll(async () => {
    collector = await startCollector();
    receiver = await startReceiver();
    server = await startServeProcess({
      environment: {
        FAIRBILL_DATA_DIR: dataDirectory,
        FAIRBILL_ALLOW_PRIVATE_TARGETS: "true",
        OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
        OTEL_SERVICE_NAME: "fairbill-under-test",
        // Send each batch of spans within a fifth of a second.
        OTEL_BSP_SCHEDULE_DELAY: "200",
      },
    });
    key = (server.output().match(/fb_test_[0-9A-Za-z]{32}/) ?? [""])[0];
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    collector?.server.close();
    receiver?.server.close();
    rmSync(dataDirectory, { recursive: true, force: true });
  });

  it("traces an ingestion, a bill run, and a webhook delivery with its outgoing call", async () => {
    expect(key).not.toBe("");
    await api("POST", "/v1/webhook-endpoints", { url: receiver.url, event_types: ["customer.created"] });
    await api("POST", "/v1/test-clock", { frozen_at: "2026-01-01T00:00:00Z" });
    await api("POST", "/v1/customers", { external_id: "traced", currency: "USD" });
    await api("POST", "/v1/events/batch", {
      events: [1, 2, 3].map((number) => ({
        id: `traced-${number}`,
        name: "api_call",
        customer: "traced",
        timestamp: "2026-01-01T00:00:00Z",
      })),
    });
    await api("POST", "/v1/test-clock/advance", { to: "2026-02-01T00:00:00Z" });

    const ingestion = await waitFor(
      "ingestion span",
      () => collector.spans.find((span) => span.name === "POST /v1/events/batch"),
      { seconds: 60, pollMilliseconds: 200 },
    );
    expect(ingestion.kind).toBe(2); // SERVER
    expect(ingestion.attributes).toMatchObject({
      "http.route": "/v1/events/batch",
      "http.response.status_code": 200,
      "fairbill.operation_id": expect.any(String),
      "fairbill.events.received": 3,
      "fairbill.events.accepted": 3,
      "fairbill.events.duplicates": 0,
    });

    const billRun = await waitFor(
      "bill run span",
      () => collector.spans.find((span) => span.name === "bill run"),
      { seconds: 60, pollMilliseconds: 200 },
    );
    expect(billRun.attributes).toMatchObject({
      "fairbill.bill_run.trigger": "test_clock",
      "fairbill.bill_run.at": "2026-02-01T00:00:00.000Z",
      "fairbill.bill_run.status": "completed",
      "fairbill.bill_run.errors": 0,
    });

    const delivery = await waitFor(
      "webhook delivery job span",
      () => collector.spans.find((span) => span.name.startsWith("job ") && span.name.includes("webhook")),
      { seconds: 60, pollMilliseconds: 200 },
    );
    expect(delivery.attributes["fairbill.job.attempt"]).toBe(1);
    const receiverHost = new URL(receiver.url).host;
    const outgoing = await waitFor(
      "outgoing call span",
      () => collector.spans.find((span) => span.name === `POST ${receiverHost}`),
      { seconds: 60, pollMilliseconds: 200 },
    );
    expect(outgoing.kind).toBe(3); // CLIENT
    expect(outgoing.attributes).toMatchObject({
      "http.request.method": "POST",
      "http.response.status_code": 200,
      "url.full": receiver.url,
    });
    expect([...collector.services]).toEqual(["fairbill-under-test"]);
  }, 120_000);
});
