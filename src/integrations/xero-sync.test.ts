// Xero, end to end, against a local server that speaks Xero's OAuth 2 and
// accounting API through xero-node's own serializer: a connection consented
// to by OAuth 2 with its secrets sealed; an invoice finalized in Fairbill
// arrives once with its customer, then its payment, a refund and a credit
// note, each once, and a rerun sends nothing; a vendor that answers 429 and
// then 500 three times is retried to success; one that keeps failing, or a
// missing mapping, lands in the error queue (with a webhook event) until it
// is fixed and retried, or skipped; the month's journal goes as manual
// journals. Jobs run through the worker `fairbill serve` runs.
import { afterAll, describe, expect, it } from "vitest";
import { createCustomer, createOneOffInvoice } from "../../test/support/builders.ts";
import { recordPayment } from "../../test/support/finance-steps.ts";
import { creditSeatsAndRefund, payHundredByBankTransfer } from "../../test/support/invoice-settlement.ts";
import { type LocalXero, startLocalXero } from "../../test/support/local-xero-server.ts";
import { expectRefusedAt } from "../../test/support/responses.ts";
import { type TestTenant, testAppForFile } from "../../test/support/test-app.ts";

// A fresh database takes a minute or more on a busy machine.
const suite = testAppForFile({ allowPrivateTargets: true, timeout: 180_000 });
/** The Xero organisation of the test running: each test connects a tenant of its own to one of its own. */
let xero: LocalXero;
const servers: LocalXero[] = [];

afterAll(async () => {
  for (const server of servers) await server.close();
});

async function connectedTenant(name: string, options: { cashAccount?: boolean } = {}) {
  xero = await startLocalXero();
  servers.push(xero);
  const tenant = await suite.testApp.newTenant(name);
  const created = await tenant.admin.post("/v1/integrations/connections", {
    system: "xero",
    client_id: xero.clientId,
    client_secret: xero.clientSecret,
    redirect_uri: "https://console.example.com/integrations/callback",
    authorize_url: xero.authorizeUrl,
    token_url: xero.tokenUrl,
    connections_url: xero.connectionsUrl,
    api_base_url: xero.apiBaseUrl,
  });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ status: "pending_authorization", external_tenant_id: null });
  const { code, state } = await xero.consent(created.body.consent_url);
  const connected = await tenant.admin.post(`/v1/integrations/connections/${created.body.id}/authorization`, {
    code,
    state,
  });
  expect(connected.status).toBe(200);
  const connectionId: string = created.body.id;
  const mappings: [string, string, string][] = [
    ["account", "revenue", "200"],
    ["account", "accounts_receivable", "610"],
    ...(options.cashAccount === false ? [] : [["account", "cash", "090"] as [string, string, string]]),
  ];
  for (const [kind, fairbillKey, externalKey] of mappings) {
    const mapped = await tenant.admin.put(`/v1/integrations/connections/${connectionId}/mappings`, {
      kind,
      fairbill_key: fairbillKey,
      external_key: externalKey,
    });
    expect(mapped.status).toBe(200);
  }
  return { tenant, connectionId, connection: connected.body };
}

async function finalizedInvoice(tenant: TestTenant, externalId: string) {
  const customer = await createCustomer(tenant.admin, {
    external_id: externalId,
    name: `Customer ${externalId}`,
    email: `${externalId}@example.com`,
    currency: "USD",
  });
  const invoice = await createOneOffInvoice(tenant.admin, customer.id, [
    { description: "Platform fee", quantity: "1", unit_amount: "100.00" },
    { description: "Seats", quantity: "3", unit_amount: "20.00" },
  ]);
  return { customerId: customer.id, invoice };
}

function createdFor(collection: keyof LocalXero["created"], field: string, value: string | null) {
  return xero.created[collection].filter((object) => object[field] === value);
}

async function syncsOf(tenant: TestTenant, query: string) {
  return (await tenant.admin.get(`/v1/integrations/syncs?${query}&limit=100`)).body.data as {
    id: string;
    object_type: string;
    object_id: string;
    state: string;
    external_id: string | null;
    attempts: number;
    last_error_code: string | null;
    last_error: string | null;
  }[];
}

describe("the Xero integration", () => {
  it("connects by OAuth 2 and keeps the secrets sealed and unreadable", async () => {
    const { tenant, connectionId, connection } = await connectedTenant("Xero OAuth");
    expect(connection).toMatchObject({
      id: connectionId,
      system: "xero",
      status: "connected",
      external_tenant_id: xero.tenantId,
      consent_url: null,
    });
    expect(JSON.stringify(connection)).not.toContain(xero.clientSecret);
    const row = await suite.testApp.handle.database
      .selectFrom("integration_connections")
      .selectAll()
      .where("id", "=", connectionId)
      .executeTakeFirstOrThrow();
    for (const column of [row.client_secret, row.access_token, row.refresh_token]) {
      expect(column).toMatch(/^fbenc1:/);
    }
    expect(row.client_secret).not.toContain(xero.clientSecret);

    const again = await tenant.admin.post("/v1/integrations/connections", {
      system: "xero",
      client_id: "other",
      client_secret: "other",
      redirect_uri: "https://console.example.com/integrations/callback",
    });
    expect(again.status).toBe(409);
    expect(again.body.errors).toEqual([
      { path: "$.system", message: "is connected already in this environment" },
    ]);

    const replayed = await tenant.admin.post(`/v1/integrations/connections/${connectionId}/authorization`, {
      code: "whatever",
      state: "not-the-state",
    });
    expectRefusedAt(replayed, "$.state");
  });

  it("sends a finalized invoice once, then its payment, refund and credit note once each; a rerun sends nothing", async () => {
    const { tenant, connectionId } = await connectedTenant("Xero end to end");
    const { customerId, invoice } = await finalizedInvoice(tenant, "xero-end-to-end");
    await suite.testApp.runJobsUntilIdle();

    const contacts = createdFor("Contacts", "contactNumber", customerId);
    expect(contacts).toHaveLength(1);
    expect(contacts[0]).toMatchObject({
      name: "Customer xero-end-to-end",
      emailAddress: "xero-end-to-end@example.com",
    });
    const invoices = createdFor("Invoices", "invoiceNumber", invoice.number);
    expect(invoices).toHaveLength(1);
    expect(invoices[0]).toMatchObject({
      reference: invoice.id,
      total: 160,
      contact: { contactID: contacts[0]?.contactID },
      lineItems: [
        { description: "Platform fee", quantity: 1, unitAmount: 100, lineAmount: 100, accountCode: "200" },
        { description: "Seats", quantity: 3, unitAmount: 20, lineAmount: 60, accountCode: "200" },
      ],
    });

    const paid = await payHundredByBankTransfer(tenant.admin, invoice.id);
    await suite.testApp.runJobsUntilIdle();
    const payments = createdFor("Payments", "reference", paid.id);
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ amount: 100, account: { code: "090" } });
    expect(invoices[0]?.amountDue).toBe(60);

    const { creditNote: credited, refund: refunded } = await creditSeatsAndRefund(
      tenant.admin,
      invoice,
      paid.id,
    );
    await suite.testApp.runJobsUntilIdle();
    const creditNotes = createdFor("CreditNotes", "creditNoteNumber", credited.number);
    expect(creditNotes).toHaveLength(1);
    expect(creditNotes[0]).toMatchObject({
      total: 40,
      lineItems: [{ lineAmount: 40, accountCode: "200" }],
      allocations: [{ amount: 40, invoice: { invoiceID: invoices[0]?.invoiceID } }],
    });
    expect(invoices[0]).toMatchObject({ amountPaid: 100, amountCredited: 40, amountDue: 20 });
    const refunds = createdFor("BankTransactions", "reference", refunded.id);
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({
      type: "SPEND",
      bankAccount: { code: "090" },
      lineItems: [{ lineAmount: 30, accountCode: "610" }],
    });

    const log = await syncsOf(tenant, `connection_id=${connectionId}`);
    expect(log.map((sync) => [sync.object_type, sync.state]).sort()).toEqual([
      ["credit_note", "synced"],
      ["customer", "synced"],
      ["invoice", "synced"],
      ["payment", "synced"],
      ["refund", "synced"],
    ]);
    expect(log.find((sync) => sync.object_type === "invoice")?.external_id).toBe(invoices[0]?.invoiceID);
    // The console's external links: each object's id in Xero and Xero's page for it (none for a payment).
    const linksOf = async (objectType: string, objectId: string) =>
      (
        await tenant.admin.get(
          `/v1/integrations/external-links?object_type=${objectType}&object_id=${objectId}`,
        )
      ).body.data;
    expect(await linksOf("invoice", invoice.id)).toEqual([
      expect.objectContaining({
        connection_id: connectionId,
        system: "xero",
        external_id: invoices[0]?.invoiceID,
        state: "synced",
        url: `https://go.xero.com/AccountsReceivable/View.aspx?InvoiceID=${invoices[0]?.invoiceID}`,
      }),
    ]);
    expect(await linksOf("customer", customerId)).toEqual([
      expect.objectContaining({ url: `https://go.xero.com/Contacts/View/${contacts[0]?.contactID}` }),
    ]);
    expect(await linksOf("payment", paid.id)).toEqual([
      expect.objectContaining({ external_id: payments[0]?.paymentID, url: null }),
    ]);
    const bad = await tenant.admin.get(
      `/v1/integrations/external-links?object_type=order&object_id=${invoice.id}`,
    );
    expectRefusedAt(bad, "query.object_type");
    // A list page's rows in one request: each link names its object; an unknown id answers none.
    const listed = await tenant.admin.get(
      `/v1/integrations/external-links?object_type=payment&object_ids=${paid.id},pay_unknown`,
    );
    expect(listed.status).toBe(200);
    expect(listed.body.data).toEqual([
      expect.objectContaining({ object_id: paid.id, external_id: payments[0]?.paymentID }),
    ]);
    const both = await tenant.admin.get(
      `/v1/integrations/external-links?object_type=payment&object_id=${paid.id}&object_ids=${paid.id}`,
    );
    expectRefusedAt(both, "query.object_id");
    const neither = await tenant.admin.get("/v1/integrations/external-links?object_type=payment");
    expect(neither.status).toBe(400);
    const tooMany = await tenant.admin.get(
      `/v1/integrations/external-links?object_type=payment&object_ids=${Array.from({ length: 101 }, (_, index) => `pay_${index}`).join(",")}`,
    );
    expectRefusedAt(tooMany, "query.object_ids");

    const creates = xero.requests.filter((request) => request.method === "PUT").length;
    const rerun = await tenant.admin.post(`/v1/integrations/connections/${connectionId}/invoice-syncs`, {
      invoice_id: invoice.id,
    });
    expect(rerun.status).toBe(202);
    await suite.testApp.runJobsUntilIdle();
    expect(xero.requests.filter((request) => request.method === "PUT").length).toBe(creates);
    expect(createdFor("Invoices", "invoiceNumber", invoice.number)).toHaveLength(1);
    expect(createdFor("Contacts", "contactNumber", customerId)).toHaveLength(1);
  });

  it("retries a vendor that answers 429 and then 500 three times, to success", async () => {
    const { tenant } = await connectedTenant("Xero retries");
    const { invoice } = await finalizedInvoice(tenant, "xero-retries");
    xero.failNext([{ status: 429, retryAfter: "1" }, { status: 500 }, { status: 500 }, { status: 500 }]);
    await suite.testApp.runJobsUntilIdle();
    expect(createdFor("Invoices", "invoiceNumber", invoice.number)).toHaveLength(1);
    const [customerSync] = await syncsOf(tenant, "object_type=customer");
    expect(customerSync).toMatchObject({ state: "synced", attempts: 5 });
  });

  it("puts what keeps failing in the error queue with a webhook event; a retry after recovery sends it once", async () => {
    const { tenant } = await connectedTenant("Xero error queue");
    const endpoint = await tenant.admin.post("/v1/webhook-endpoints", {
      url: "https://hooks.example.com/fairbill",
      event_types: ["integration.sync_failed"],
    });
    expect(endpoint.status).toBe(201);
    const { customerId, invoice } = await finalizedInvoice(tenant, "xero-error-queue");
    xero.failAlways({ status: 503, retryAfter: "0" });
    await suite.testApp.runJobs();
    await suite.testApp.runJobs();
    xero.recover();

    const queue = await syncsOf(tenant, "state=failed");
    expect(queue).toHaveLength(1);
    expect(queue[0]).toMatchObject({
      object_type: "customer",
      object_id: customerId,
      attempts: 6,
      last_error_code: "server_error",
      last_error: expect.stringContaining("HTTP 503"),
    });
    expect(createdFor("Invoices", "invoiceNumber", invoice.number)).toHaveLength(0);
    const events = await tenant.admin.get("/v1/webhook-events?type=integration.sync_failed");
    expect(events.body.data).toHaveLength(1);
    expect(events.body.data[0].data).toMatchObject({ id: queue[0]?.id, state: "failed" });

    const retried = await tenant.admin.post(`/v1/integrations/syncs/${queue[0]?.id}/retry`, {});
    expect(retried.status).toBe(202);
    expect(retried.body.state).toBe("pending");
    await suite.testApp.runJobsUntilIdle();
    expect(await syncsOf(tenant, "state=failed")).toEqual([]);
    expect(createdFor("Invoices", "invoiceNumber", invoice.number)).toHaveLength(1);
    expect(createdFor("Contacts", "contactNumber", customerId)).toHaveLength(1);

    const again = await tenant.admin.post(`/v1/integrations/syncs/${queue[0]?.id}/retry`, {});
    expect(again.status).toBe(409);
  });

  it("holds a payment whose account is not mapped until the mapping is added and it is retried, or skips it", async () => {
    const { tenant, connectionId } = await connectedTenant("Xero mappings", { cashAccount: false });
    const first = await finalizedInvoice(tenant, "xero-mapping-first");
    const paid = await recordPayment(tenant.admin, first.invoice.id, "160.00");
    await suite.testApp.runJobsUntilIdle();
    const [failed] = await syncsOf(tenant, "state=failed");
    expect(failed).toMatchObject({
      object_type: "payment",
      object_id: paid.id,
      last_error_code: "mapping_missing",
      last_error: 'No account mapping for "cash": add it under the connection\'s mappings, then retry.',
    });
    expect(createdFor("Payments", "reference", paid.id)).toHaveLength(0);

    await tenant.admin.put(`/v1/integrations/connections/${connectionId}/mappings`, {
      kind: "account",
      fairbill_key: "cash",
      external_key: "090",
    });
    await tenant.admin.post(`/v1/integrations/syncs/${failed?.id}/retry`, {});
    await suite.testApp.runJobsUntilIdle();
    expect(createdFor("Payments", "reference", paid.id)).toHaveLength(1);

    // A mapping to an account Xero does not have: Xero refuses, and a person skips it.
    await tenant.admin.put(`/v1/integrations/connections/${connectionId}/mappings`, {
      kind: "account",
      fairbill_key: "cash",
      external_key: "999",
    });
    const second = await finalizedInvoice(tenant, "xero-mapping-second");
    const secondPayment = await recordPayment(tenant.admin, second.invoice.id, "10.00", { method: "cheque" });
    await suite.testApp.runJobsUntilIdle();
    const [refused] = await syncsOf(tenant, "state=failed");
    expect(refused).toMatchObject({
      object_id: secondPayment.id,
      last_error_code: "refused",
      last_error: "Xero answered HTTP 400: Account code '999' is not a bank account.",
      attempts: 1,
    });
    const skipped = await tenant.admin.post(`/v1/integrations/syncs/${refused?.id}/skip`, {});
    expect(skipped.body.state).toBe("skipped");
    expect(await syncsOf(tenant, "state=failed")).toEqual([]);
  });

  it("sends the month's journal as balanced manual journals, once", async () => {
    const { tenant, connectionId } = await connectedTenant("Xero journal");
    await finalizedInvoice(tenant, "xero-journal");
    await suite.testApp.runJobsUntilIdle();
    const period = new Date().toISOString().slice(0, 7);
    const journal = await tenant.admin.get(`/v1/journal?period=${period}`);
    const entries = new Set(journal.body.lines.map((line: { entry_id: string }) => line.entry_id));
    expect(entries.size).toBeGreaterThan(0);
    await tenant.admin.put(`/v1/integrations/connections/${connectionId}/mappings`, {
      kind: "account",
      fairbill_key: "deferred_revenue",
      external_key: "820",
    });
    await tenant.admin.put(`/v1/integrations/connections/${connectionId}/mappings`, {
      kind: "account",
      fairbill_key: "tax_payable",
      external_key: "820",
    });
    for (let run = 0; run < 2; run += 1) {
      const queued = await tenant.admin.post(`/v1/integrations/connections/${connectionId}/journal-syncs`, {
        period,
      });
      expect(queued.status).toBe(202);
      await suite.testApp.runJobsUntilIdle();
    }
    const journals = await syncsOf(tenant, "object_type=journal_entry");
    expect(journals.map((sync) => sync.state)).toEqual(journals.map(() => "synced"));
    expect(journals).toHaveLength(entries.size);
    for (const entryId of entries) {
      expect(createdFor("ManualJournals", "narration", `Fairbill ${entryId}`)).toHaveLength(1);
    }
  });
});
