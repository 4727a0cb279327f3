// What `fairbill serve` runs: the application with its background job
// worker, on real time, delivers a published event (a new customer's) to a
// webhook endpoint and writes a queued email to the outbox folder, with
// nothing driving the queue by hand.
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../test/support/test-database.ts";
import { waitFor } from "../../test/support/wait-for.ts";
import { buildApplication } from "../app.ts";
import { createOrganization } from "../organizations/index.ts";
import { createServiceAccountKey } from "../people/index.ts";
import { systemClock } from "../platform/clock.ts";
import { type RequestContext, systemContext } from "../platform/context.ts";
import type { DatabaseHandle } from "../platform/database/database.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import { queueEmail } from "./emails.ts";

let handle: DatabaseHandle;
let app: FairbillApp;
let dataDirectory: string;
let context: RequestContext;
let adminKey: string;

beforeAll(async () => {
  handle = await openTestDatabase();
  dataDirectory = await mkdtemp(join(tmpdir(), "fairbill-background-"));
  app = await buildApplication({
    handle,
    background: true,
    allowPrivateTargets: true,
    email: { smtpUrl: undefined, emailFrom: "Billing <billing@example.com>", dataDirectory },
  });
  await app.ready();
  const organization = await createOrganization(handle.database, "Background", systemClock);
  context = systemContext({
    organizationId: organization.id,
    environmentId: organization.environments.test,
    database: handle.database,
    clock: systemClock,
    actorName: "test",
  });
  adminKey = (await createServiceAccountKey(context, { name: "admin", role: "admin" })).secret;
});
afterAll(async () => {
  await app?.close();
  await handle?.close();
  if (dataDirectory) await rm(dataDirectory, { recursive: true, force: true });
});

describe("the background worker of fairbill serve", () => {
  it("delivers webhooks and sends emails on its own", async () => {
    const received: IncomingHttpHeaders[] = [];
    const receiver = createServer((request, response) => {
      received.push(request.headers);
      request.resume();
      response.end("ok");
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    try {
      const port = (receiver.address() as AddressInfo).port;
      const created = await app.inject({
        method: "POST",
        url: "/v1/webhook-endpoints",
        headers: { authorization: `Bearer ${adminKey}` },
        payload: { url: `http://127.0.0.1:${port}/hook`, event_types: ["*"] },
      });
      expect(created.statusCode).toBe(201);

      // Making a customer publishes customer.created, in the transaction that makes it.
      const customer = await app.inject({
        method: "POST",
        url: "/v1/customers",
        headers: { authorization: `Bearer ${adminKey}` },
        payload: { external_id: "acme" },
      });
      expect(customer.statusCode).toBe(201);
      const events = await app.inject({
        method: "GET",
        url: "/v1/webhook-events?type=customer.created",
        headers: { authorization: `Bearer ${adminKey}` },
      });
      const [event] = events.json().data as { id: string }[];
      if (event === undefined) throw new Error("No customer.created event was published.");
      const email = await handle.database.transaction().execute((transaction) =>
        queueEmail(transaction, context, {
          template: "credit_balance_low",
          to: "ops@example.com",
          data: {
            customer: { name: "Acme", email: "ops@example.com" },
            credit: { balance: "10.00", threshold: "50.00", unit: "credits" },
          },
        }),
      );

      const headers = await waitFor("the webhook", () => received[0], { seconds: 20 });
      expect(headers["webhook-id"]).toBe(event.id);
      const files = await waitFor(
        "the email",
        async () => {
          const names = await readdir(join(dataDirectory, "outbox")).catch((): string[] => []);
          return names.includes(`${email.id}.eml`) ? names : undefined;
        },
        { seconds: 20 },
      );
      expect(files).toContain(`${email.id}.eml`);
    } finally {
      receiver.closeAllConnections();
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  });
});
