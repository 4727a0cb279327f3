// Webhook endpoints may not point inside the network Fairbill runs in
// (issue 18, finding 4): refused when saved, with the field named; refused
// when sent, if the target became a refused address since; and what an
// endpoint answers is kept short and shown to admins only.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCustomer } from "../../test/support/builders.ts";
import { internalTargets } from "../../test/support/internal-targets.ts";
import { testAppForFile } from "../../test/support/test-app.ts";
import { setOutgoingRequestPolicy } from "../platform/outgoing-requests/target-policy.ts";

const suite = testAppForFile({ tenantName: "Webhook targets" });
let server: Server;
let received = 0;

beforeAll(async () => {
  server = createServer((_request, response) => {
    received += 1;
    response.writeHead(500, { "content-type": "text/plain" });
    response.end(`internal listener: ${"secret-looking text ".repeat(300)}`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
});
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

const port = () => (server.address() as AddressInfo).port;

describe("saving an endpoint", () => {
  it.each(internalTargets)("refuses %s with a 400 naming $.url", async (url) => {
    const created = await suite.tenant.admin.post("/v1/webhook-endpoints", {
      url,
      event_types: ["customer.created"],
    });
    expect(created.status).toBe(400);
    expect(created.body.errors).toEqual([expect.objectContaining({ path: "$.url" })]);
  });

  it("refuses a change of URL to an internal address", async () => {
    const created = await suite.tenant.admin.post("/v1/webhook-endpoints", {
      url: "https://hooks.example.com/fairbill",
      event_types: ["customer.created"],
    });
    expect(created.status).toBe(201);
    const changed = await suite.tenant.admin.patch(`/v1/webhook-endpoints/${created.body.endpoint.id}`, {
      url: "http://169.254.169.254/latest/meta-data/",
    });
    expect(changed.status).toBe(400);
    expect(changed.body.errors).toEqual([expect.objectContaining({ path: "$.url" })]);
    await suite.tenant.admin.delete(`/v1/webhook-endpoints/${created.body.endpoint.id}`);
  });
});

describe("sending to an endpoint", () => {
  it("refuses at send time a target that is no longer allowed, and shows answers to admins only, shortened", async () => {
    // Saved while this machine was an allowed target (as a self-hoster may allow), then no longer.
    setOutgoingRequestPolicy({ allowPrivateTargets: true });
    const endpoint = await suite.tenant.admin.post("/v1/webhook-endpoints", {
      url: `http://localhost:${port()}/hook`,
      event_types: ["customer.created"],
    });
    expect(endpoint.status).toBe(201);
    await createCustomer(suite.tenant.admin, { external_id: "answer-shown", currency: "EUR" });
    await suite.testApp.runJobs();
    expect(received).toBe(1);

    const adminLog = await suite.tenant.admin.get(
      `/v1/webhook-endpoints/${endpoint.body.endpoint.id}/deliveries`,
    );
    const excerpt: string = adminLog.body.data[0].attempts[0].response_body_excerpt;
    expect(excerpt.startsWith("internal listener:")).toBe(true);
    expect(excerpt.length).toBeLessThanOrEqual(256);
    const viewer = await suite.tenant.client("viewer");
    const viewerLog = await viewer.get(`/v1/webhook-endpoints/${endpoint.body.endpoint.id}/deliveries`);
    expect(viewerLog.status).toBe(200);
    expect(viewerLog.body.data[0].attempts[0].response_body_excerpt).toBeNull();
    const event = await viewer.get(`/v1/webhook-events/${adminLog.body.data[0].event_id}`);
    expect(JSON.stringify(event.body)).not.toContain("internal listener");

    setOutgoingRequestPolicy({ allowPrivateTargets: false });
    await createCustomer(suite.tenant.admin, { external_id: "refused-at-send", currency: "EUR" });
    await suite.testApp.runJobs();
    expect(received).toBe(1);
    const refusedLog = await suite.tenant.admin.get(
      `/v1/webhook-endpoints/${endpoint.body.endpoint.id}/deliveries`,
    );
    expect(refusedLog.body.data[0].attempts[0]).toMatchObject({
      status: "failed",
      response_status: null,
      error: expect.stringMatching(/^target_refused: http:\/\/localhost:\d+ must not point at this machine/),
    });
  });
});
