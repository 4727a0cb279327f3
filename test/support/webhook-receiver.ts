// A webhook receiver for tests: a real HTTP server on this machine that
// answers each request with the next planned status and keeps what it got,
// and the Standard Webhooks verification a real receiver would do.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

export type ReceivedRequest = { path: string; headers: IncomingHttpHeaders; body: string };

/** What a delivery's body says, once its signature is verified. */
export type VerifiedEvent = { id: string; type: string; timestamp: string; data: Record<string, unknown> };

/** Answers each request with the next planned status (the last one repeats). */
export class WebhookReceiver {
  readonly requests: ReceivedRequest[] = [];
  statuses: number[] = [200];
  delayMilliseconds = 0;
  private readonly server: Server;
  constructor() {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        this.requests.push({
          path: request.url ?? "",
          headers: request.headers,
          body: Buffer.concat(chunks).toString("utf8"),
        });
        const status = this.statuses.length > 1 ? this.statuses.shift()! : (this.statuses[0] ?? 200);
        setTimeout(() => {
          response.writeHead(status, { "content-type": "text/plain" });
          response.end(status >= 300 ? `receiver error ${status}` : "ok");
        }, this.delayMilliseconds);
      });
    });
  }
  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
  }
  url(path: string): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
  }
  to(path: string): ReceivedRequest[] {
    return this.requests.filter((request) => request.path === path);
  }
  /** The events delivered to `path`, in the order they came, each verified with the endpoint's secret. */
  verified(path: string, secret: string): VerifiedEvent[] {
    return this.to(path).map((request) => verifyWebhook(request, secret));
  }
  /**
   * The verified events, each once: delivery is at least once (a slow answer can make a delivery run again),
   * so a receiver keeps the first of each event id, as a real one does.
   */
  verifiedOnce(path: string, secret: string): VerifiedEvent[] {
    const byId = new Map<string, VerifiedEvent>();
    for (const event of this.verified(path, secret)) if (!byId.has(event.id)) byId.set(event.id, event);
    return [...byId.values()];
  }
  /** Drops every open connection, as a receiver whose network went away would; requests still waiting get no answer. */
  closeConnections(): void {
    this.server.closeAllConnections();
  }
  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** The headers a receiver verifies, as standardwebhooks reads them. */
export function signatureHeaders(request: ReceivedRequest): Record<string, string> {
  return {
    "webhook-id": String(request.headers["webhook-id"]),
    "webhook-timestamp": String(request.headers["webhook-timestamp"]),
    "webhook-signature": String(request.headers["webhook-signature"]),
  };
}

/** The body, verified as Standard Webhooks' libraries do (it throws on a bad signature or an old timestamp). */
function verifyWebhook(request: ReceivedRequest, secret: string): VerifiedEvent {
  return new Webhook(secret).verify(request.body, signatureHeaders(request)) as VerifiedEvent;
}
