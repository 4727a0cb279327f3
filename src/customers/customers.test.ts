import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMeter, createPlan, ingestEvents, subscribeNewCustomer } from "../../test/support/builders.ts";
import { invoiceIssuedAt } from "../../test/support/customer-invoices.ts";
import { expectProblem, expectRefusedAt, expectRefusedFields } from "../../test/support/responses.ts";
import { testAppForFile } from "../../test/support/test-app.ts";
import { advanceTestClock, freezeTestClock } from "../../test/support/test-clock-api.ts";
import { WebhookReceiver } from "../../test/support/webhook-receiver.ts";

const suite = testAppForFile({ allowPrivateTargets: true });
const receiver = new WebhookReceiver();

beforeAll(async () => {
  await receiver.start();
});
afterAll(async () => {
  await receiver.stop();
});

describe("customers", () => {
  it("creates a customer and reads it back by id and by external id", async () => {
    const created = await suite.tenant.admin.post("/v1/customers", {
      external_id: "acme-1",
      name: "Acme",
      email: "billing@acme.example",
      currency: "EUR",
      timezone: "Europe/Berlin",
      billing_address: { line1: "Main 1", city: "Berlin", country: "DE" },
      tax_ids: [{ type: "eu_vat", value: "DE123456789" }],
      metadata: { crm: "42" },
    });
    expect(created.status).toBe(201);
    expect(created.body.id).toMatch(/^cus_[0-9A-Z]{26}$/);
    expect(created.body).toMatchObject({ external_id: "acme-1", currency: "EUR", timezone: "Europe/Berlin" });

    const byId = await suite.tenant.admin.get(`/v1/customers/${created.body.id}`);
    expect(byId.status).toBe(200);
    expect(byId.body).toEqual(created.body);

    const byExternalId = await suite.tenant.admin.get("/v1/customers/lookup?external_id=acme-1");
    expect(byExternalId.body.id).toBe(created.body.id);
  });

  it("refuses a second customer with the same external id, naming the field", async () => {
    await suite.tenant.admin.post("/v1/customers", { external_id: "dup" });
    const second = await suite.tenant.admin.post("/v1/customers", { external_id: "dup" });
    expectProblem(second, 409, "customer_external_id_taken");
    expect(second.body.errors).toEqual([
      { path: "$.external_id", message: "is already used by another customer" },
    ]);
  });

  it("reports every bad field at once, by path, as problem+json", async () => {
    const response = await suite.tenant.admin.post("/v1/customers", {
      external_id: "bad",
      currency: "XYZ",
      timezone: "Mars/Olympus",
      country: "ZZ",
    });
    expect(response.status).toBe(400);
    expect(String(response.headers["content-type"])).toContain("application/problem+json");
    expect(response.body.errors.map((error: { path: string }) => error.path).sort()).toEqual([
      "$.country",
      "$.currency",
      "$.timezone",
    ]);
  });

  it("rejects unknown fields and wrong types from the schema", async () => {
    const paths = await expectRefusedFields(
      suite.tenant.admin.post("/v1/customers", { external_id: 7, surprise: true }),
    );
    expect(paths).toContain("$.external_id");
    expect(paths).toContain("$.surprise");
  });

  it("updates fields, clears with null, and records before and after in the audit log", async () => {
    const created = await suite.tenant.admin.post("/v1/customers", {
      external_id: "upd",
      name: "Old",
      email: "a@b.example",
    });
    const updated = await suite.tenant.admin.patch(
      `/v1/customers/${created.body.id}`,
      { name: "New", email: null },
      { "fairbill-reason": "renamed after merger" },
    );
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ name: "New", email: null });

    const entries = await suite.testApp.handle.database
      .selectFrom("audit_events")
      .selectAll()
      .where("object_id", "=", created.body.id)
      .orderBy("sequence")
      .execute();
    expect(entries.map((entry) => entry.action)).toEqual(["customer.created", "customer.updated"]);
    expect(entries[1]?.reason).toBe("renamed after merger");
    expect(entries[1]?.before).toMatchObject({ name: "Old" });
    expect(entries[1]?.after).toMatchObject({ name: "New", email: null });
  });

  it("refuses a parent that does not exist or that would make a cycle", async () => {
    const parent = await suite.tenant.admin.post("/v1/customers", { external_id: "parent" });
    const child = await suite.tenant.admin.post("/v1/customers", {
      external_id: "child",
      parent_customer_id: parent.body.id,
    });
    expect(child.status).toBe(201);
    const cycle = await suite.tenant.admin.patch(`/v1/customers/${parent.body.id}`, {
      parent_customer_id: child.body.id,
    });
    expectRefusedAt(cycle, "$.parent_customer_id");
    const missing = await suite.tenant.admin.post("/v1/customers", {
      external_id: "orphan",
      parent_customer_id: "cus_00000000000000000000000000",
    });
    expect(missing.status).toBe(400);
  });

  it("lists with filters and cursor pagination, newest first, and hides archived customers", async () => {
    const other = await suite.testApp.newTenant("Listing tenant");
    const ids: string[] = [];
    for (let index = 0; index < 5; index++) {
      const response = await other.admin.post("/v1/customers", {
        external_id: `list-${index}`,
        name: `Customer ${index}`,
        country: index % 2 === 0 ? "FR" : "IT",
      });
      ids.push(response.body.id);
    }
    const firstPage = await other.admin.get("/v1/customers?limit=2");
    expect(firstPage.body.data.map((customer: { id: string }) => customer.id)).toEqual([ids[4], ids[3]]);
    const secondPage = await other.admin.get(`/v1/customers?limit=2&cursor=${firstPage.body.next_cursor}`);
    expect(secondPage.body.data.map((customer: { id: string }) => customer.id)).toEqual([ids[2], ids[1]]);
    const lastPage = await other.admin.get(`/v1/customers?limit=2&cursor=${secondPage.body.next_cursor}`);
    expect(lastPage.body.next_cursor).toBeNull();

    const french = await other.admin.get("/v1/customers?country=FR");
    expect(french.body.data).toHaveLength(3);
    const searched = await other.admin.get("/v1/customers?search=customer%203");
    expect(searched.body.data.map((customer: { id: string }) => customer.id)).toEqual([ids[3]]);

    await other.admin.post(`/v1/customers/${ids[0]}/archive`);
    const active = await other.admin.get("/v1/customers?limit=100");
    expect(active.body.data).toHaveLength(4);
    const archived = await other.admin.get("/v1/customers?archived=true");
    expect(archived.body.data.map((customer: { id: string }) => customer.id)).toEqual([ids[0]]);

    const badCursor = await other.admin.get("/v1/customers?cursor=nonsense");
    expectRefusedAt(badCursor, "query.cursor");
  });
});

describe("the external id that usage is billed by", () => {
  it("cannot change once events were sent under it, which would leave them out of the invoice", async () => {
    const tenant = await suite.testApp.newTenant("external id usage");
    const client = tenant.admin;
    await freezeTestClock(client, "2026-01-01T00:00:00Z");
    await createMeter(client, { code: "calls", event_name: "call" });
    const plan = await createPlan(client, {
      version: {
        currency: "USD",
        charges: [{ id: "calls", type: "usage", meter: "calls", model: "per_unit", unit_price: "1.00" }],
      },
    });
    const { customer } = await subscribeNewCustomer(client, plan.id, {
      customer: { external_id: "acme-old", currency: "USD", timezone: "UTC" },
      subscription: { start_at: "2026-01-01T00:00:00Z", billing: "calendar" },
    });
    // Before any event, the external id is only a name: it may change.
    const renamed = await client.patch(`/v1/customers/${customer.id}`, { external_id: "acme" });
    expect(renamed.status).toBe(200);
    await freezeTestClock(client, "2026-01-20T00:00:00Z");
    await ingestEvents(client, [
      { id: "call-1", customer: "acme", name: "call", timestamp: "2026-01-05T00:00:00Z" },
      { id: "call-2", customer: "acme", name: "call", timestamp: "2026-01-06T00:00:00Z" },
    ]);

    const refused = await client.patch(`/v1/customers/${customer.id}`, { external_id: "acme-new" });
    expectProblem(refused, 409, "customer_external_id_has_usage");
    expect(refused.body.errors.map((error: { path: string }) => error.path)).toEqual(["$.external_id"]);
    // The two calls stay the customer's: January's invoice bills them.
    await advanceTestClock(client, "2026-02-01T00:01:00Z");
    const invoice = await invoiceIssuedAt(client, customer.id, "2026-02-01T00:00:00.000Z");
    expect(invoice.total).toBe("2.00");
    // Other fields still change.
    expect((await client.patch(`/v1/customers/${customer.id}`, { name: "Acme Inc" })).status).toBe(200);
  });
});

describe("customer webhooks", () => {
  it("sends customer.created and customer.updated with the customer as the API shows it", async () => {
    const webhooks = await suite.testApp.newTenant("Customer webhooks");
    const endpoint = await webhooks.admin.post("/v1/webhook-endpoints", {
      url: receiver.url("/customers"),
      event_types: ["customer.created", "customer.updated"],
    });
    expect(endpoint.status).toBe(201);
    const created = await webhooks.admin.post("/v1/customers", {
      external_id: "hooked-1",
      name: "Hooked Ltd",
      email: "billing@hooked.example",
      metadata: { crm: "7" },
    });
    expect(created.status).toBe(201);
    const updated = await webhooks.admin.patch(`/v1/customers/${created.body.id}`, {
      email: "finance@hooked.example",
      tax_ids: [{ type: "gb_vat", value: "GB123456789" }],
    });
    expect(updated.status).toBe(200);
    const archived = await webhooks.admin.post(`/v1/customers/${created.body.id}/archive`, {});
    expect(archived.status).toBe(200);
    // A refused change sends nothing: the event is written in the change's transaction.
    const refused = await webhooks.admin.patch(`/v1/customers/${created.body.id}`, {
      parent_customer_id: created.body.id,
    });
    expect(refused.status).toBe(400);

    await suite.testApp.runJobs();
    const delivered = receiver.verified("/customers", endpoint.body.secret);
    expect(delivered).toHaveLength(3);
    const sent = [
      ["customer.created", created.body],
      ["customer.updated", updated.body],
      ["customer.updated", archived.body],
    ] as const;
    for (const [type, customer] of sent) {
      expect(delivered).toContainEqual({
        id: expect.any(String),
        type,
        timestamp: expect.any(String),
        data: customer,
      });
    }
    expect(archived.body.archived_at).not.toBeNull();
    // The delivery's id is the event's, as the event log shows it.
    const log = await webhooks.admin.get("/v1/webhook-events?type=customer.created");
    expect(log.body.data.map((event: { id: string }) => event.id)).toEqual(
      delivered.filter((event) => event.type === "customer.created").map((event) => event.id),
    );
  });
});

describe("bad input", () => {
  it("names every bad field at once: a malformed currency and an unknown time zone", async () => {
    const response = await suite.tenant.admin.post("/v1/customers", {
      external_id: "x",
      currency: "EURO",
      timezone: "Mars/Olympus",
    });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      { path: "$.currency", message: "must be an ISO 4217 code such as USD" },
      { path: "$.timezone", message: "must be an IANA time zone such as Europe/Berlin" },
    ]);
  });

  it("says a limit once: must be <= 100, not must be must be", async () => {
    const response = await suite.tenant.admin.get("/v1/customers?limit=1000");
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ path: "query.limit", message: "must be <= 100" }]);
  });
});

describe("nullable fields", () => {
  it("report one error for an invalid value, not one per branch of the union", async () => {
    const response = await suite.tenant.admin.post("/v1/customers", {
      external_id: "nullable",
      email: "not-an-email",
    });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ path: "$.email", message: "must be a valid email" }]);
  });
});
