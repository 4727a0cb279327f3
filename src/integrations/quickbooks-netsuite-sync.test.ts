// QuickBooks Online (through node-quickbooks and intuit-oauth) and NetSuite
// (its REST record API with OAuth 2), end to end, each against a local server
// speaking the vendor's API: a connection consented to by OAuth 2 (the realm
// or company the redirect names); an invoice finalized in Fairbill arrives
// once with its customer, then its payment, a credit note and a refund, once
// each, after the vendor answered 429 and then 500 three times; an expired
// token is refreshed before the month's journal goes as journal entries; a
// rerun sends nothing. Jobs run through the worker `fairbill serve` runs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCustomer, createOneOffInvoice } from "../../test/support/builders.ts";
import { creditSeatsAndRefund, payHundredByBankTransfer } from "../../test/support/invoice-settlement.ts";
import { type LocalNetsuite, startLocalNetsuite } from "../../test/support/local-netsuite-server.ts";
import { type LocalQuickbooks, startLocalQuickbooks } from "../../test/support/local-quickbooks-server.ts";
import { expectRefusedAt } from "../../test/support/responses.ts";
import { type TestTenant, testAppForFile } from "../../test/support/test-app.ts";

// A fresh database takes a minute or more on a busy machine.
const suite = testAppForFile({ allowPrivateTargets: true, timeout: 180_000 });
let quickbooks: LocalQuickbooks;
let netsuite: LocalNetsuite;

beforeAll(async () => {
  [quickbooks, netsuite] = await Promise.all([startLocalQuickbooks(), startLocalNetsuite()]);
});
afterAll(async () => {
  await quickbooks?.close();
  await netsuite?.close();
});

type Vendor = {
  system: "quickbooks" | "netsuite";
  server: () => LocalQuickbooks | LocalNetsuite;
  urls: () => Record<string, string>;
  /** Fairbill's account roles and the default item, in the vendor's ids. */
  mappings: [string, string, string][];
  /** Objects the vendor holds, by kind, whose field equals the value. */
  created: (
    kind: "customer" | "invoice" | "payment" | "refund" | "credit_note" | "journal_entry",
  ) => Record<string, unknown>[];
  /** Where the Fairbill id, the invoice's amount left to pay and a credit note's number are found. */
  invoiceOwes: (invoice: Record<string, unknown>) => unknown;
  findsBy: {
    customer: (object: Record<string, unknown>) => unknown;
    invoice: string;
    payment: (object: Record<string, unknown>) => unknown;
    creditNote: string;
  };
};

const vendors: Vendor[] = [
  {
    system: "quickbooks",
    server: () => quickbooks,
    urls: () => ({
      authorize_url: quickbooks.authorizeUrl,
      token_url: quickbooks.tokenUrl,
      api_base_url: quickbooks.apiBaseUrl,
    }),
    mappings: [
      ["account", "revenue", "1"],
      ["account", "cash", "35"],
      ["account", "accounts_receivable", "84"],
      ["account", "deferred_revenue", "90"],
      ["account", "tax_payable", "90"],
      ["item", "default", "1"],
    ],
    created: (kind) =>
      ({
        customer: quickbooks.created.Customer,
        invoice: quickbooks.created.Invoice,
        payment: quickbooks.created.Payment.filter((payment) => Number(payment.TotalAmt) > 0),
        refund: quickbooks.created.Purchase,
        credit_note: quickbooks.created.CreditMemo,
        journal_entry: quickbooks.created.JournalEntry,
      })[kind],
    invoiceOwes: (invoice) => invoice.Balance,
    findsBy: {
      customer: (customer) => String(customer.DisplayName).match(/\((\w+)\)$/)?.[1],
      invoice: "DocNumber",
      payment: (payment) => String(payment.PrivateNote).replace("Fairbill ", ""),
      creditNote: "DocNumber",
    },
  },
  {
    system: "netsuite",
    server: () => netsuite,
    // The token endpoint is the account's, found from its API root.
    urls: () => ({ authorize_url: netsuite.authorizeUrl, api_base_url: netsuite.apiBaseUrl }),
    mappings: [
      ["account", "revenue", "3"],
      ["account", "cash", "1"],
      ["account", "accounts_receivable", "2"],
      ["account", "deferred_revenue", "4"],
      ["account", "tax_payable", "4"],
      ["item", "default", "10"],
    ],
    created: (kind) =>
      ({
        customer: netsuite.created.customer,
        invoice: netsuite.created.invoice,
        payment: netsuite.created.customerPayment,
        refund: netsuite.created.customerRefund,
        credit_note: netsuite.created.creditMemo,
        journal_entry: netsuite.created.journalEntry,
      })[kind],
    invoiceOwes: (invoice) => invoice.amountRemaining,
    findsBy: {
      customer: (customer) => customer.externalId,
      invoice: "tranId",
      payment: (payment) => payment.externalId,
      creditNote: "tranId",
    },
  },
];

async function connectedTenant(vendor: Vendor): Promise<{ tenant: TestTenant; connectionId: string }> {
  const server = vendor.server();
  const tenant = await suite.testApp.newTenant(`Accounting ${vendor.system}`);
  const created = await tenant.admin.post("/v1/integrations/connections", {
    system: vendor.system,
    client_id: server.clientId,
    client_secret: server.clientSecret,
    redirect_uri: "https://console.example.com/integrations",
    ...vendor.urls(),
  });
  expect(created.status).toBe(201);
  const { query: redirect } = await server.consent(created.body.consent_url);
  const tenantParameter = vendor.system === "quickbooks" ? "realmId" : "company";
  const withoutTenant = await tenant.admin.post(
    `/v1/integrations/connections/${created.body.id}/authorization`,
    {
      code: redirect.get("code"),
      state: redirect.get("state"),
    },
  );
  expectRefusedAt(withoutTenant, "$.tenant_id");
  const connected = await tenant.admin.post(`/v1/integrations/connections/${created.body.id}/authorization`, {
    code: redirect.get("code"),
    state: redirect.get("state"),
    tenant_id: redirect.get(tenantParameter),
  });
  expect(connected.status).toBe(200);
  expect(connected.body).toMatchObject({
    system: vendor.system,
    status: "connected",
    external_tenant_id: server.tenantId,
  });
  expect(JSON.stringify(connected.body)).not.toContain(server.clientSecret);
  for (const [kind, fairbillKey, externalKey] of vendor.mappings) {
    const mapped = await tenant.admin.put(`/v1/integrations/connections/${created.body.id}/mappings`, {
      kind,
      fairbill_key: fairbillKey,
      external_key: externalKey,
    });
    expect(mapped.status).toBe(200);
  }
  return { tenant, connectionId: created.body.id };
}

describe.each(vendors)("the $system integration", (vendor) => {
  it("sends a finalized invoice once through 429 and 500s, then its payment, credit note and refund; refreshes an expired token; a rerun sends nothing", {
    timeout: 180_000, // a dozen job rounds and a few seconds of retries, on a machine that may be busy
  }, async () => {
    const server = vendor.server();
    const { tenant, connectionId } = await connectedTenant(vendor);
    const customer = await createCustomer(tenant.admin, {
      external_id: `${vendor.system}-customer`,
      name: `Customer of ${vendor.system}`,
      email: `${vendor.system}@example.com`,
      currency: "USD",
    });
    const invoice = await createOneOffInvoice(tenant.admin, customer.id, [
      { description: "Platform fee", quantity: "1", unit_amount: "100.00" },
      { description: "Seats", quantity: "3", unit_amount: "20.00" },
    ]);
    server.failNext([{ status: 429, retryAfter: "0" }, { status: 500 }, { status: 500 }, { status: 500 }]);
    await suite.testApp.runJobsUntilIdle();

    const byField = (kind: Parameters<Vendor["created"]>[0], field: string, value: unknown) =>
      vendor.created(kind).filter((object) => object[field] === value);
    expect(
      vendor.created("customer").filter((object) => vendor.findsBy.customer(object) === customer.id),
    ).toHaveLength(1);
    const [sent] = byField("invoice", vendor.findsBy.invoice, invoice.number);
    expect(byField("invoice", vendor.findsBy.invoice, invoice.number)).toHaveLength(1);
    expect(sent).toBeDefined();
    const [customerSync] = (await tenant.admin.get("/v1/integrations/syncs?object_type=customer")).body.data;
    // The four failures were answered and retried past (by one job, or by two that ran side by side).
    expect(customerSync.state).toBe("synced");
    expect(customerSync.attempts).toBeGreaterThan(1);
    expect(
      server.requests.filter((request) => request.status === 429 || request.status === 500),
    ).toHaveLength(4);

    const paid = await payHundredByBankTransfer(tenant.admin, invoice.id);
    await suite.testApp.runJobsUntilIdle();
    expect(
      vendor.created("payment").filter((object) => vendor.findsBy.payment(object) === paid.id),
    ).toHaveLength(1);
    expect(vendor.invoiceOwes(sent as Record<string, unknown>)).toBe(60);

    const { creditNote: credited } = await creditSeatsAndRefund(tenant.admin, invoice, paid.id);
    await suite.testApp.runJobsUntilIdle();
    expect(byField("credit_note", vendor.findsBy.creditNote, credited.number)).toHaveLength(1);
    expect(vendor.invoiceOwes(sent as Record<string, unknown>)).toBe(20);
    expect(vendor.created("refund")).toHaveLength(1);
    const log = (await tenant.admin.get(`/v1/integrations/syncs?connection_id=${connectionId}&limit=100`))
      .body.data;
    expect(
      log.map((sync: { object_type: string; state: string }) => [sync.object_type, sync.state]).sort(),
    ).toEqual([
      ["credit_note", "synced"],
      ["customer", "synced"],
      ["invoice", "synced"],
      ["payment", "synced"],
      ["refund", "synced"],
    ]);

    // The access token lapses: the next sync refreshes it first.
    server.expireAccessTokens();
    await suite.testApp.handle.database
      .updateTable("integration_connections")
      .set({ access_token_expires_at: new Date(Date.now() - 60_000) })
      .where("id", "=", connectionId)
      .execute();
    const period = new Date().toISOString().slice(0, 7);
    const entries = new Set(
      (await tenant.admin.get(`/v1/journal?period=${period}`)).body.lines.map(
        (line: { entry_id: string }) => line.entry_id,
      ),
    );
    const creates = server.requests.filter((request) => request.method === "POST").length;
    for (let run = 0; run < 2; run += 1) {
      const queued = await tenant.admin.post(`/v1/integrations/connections/${connectionId}/journal-syncs`, {
        period,
      });
      expect(queued.status).toBe(202);
      const rerun = await tenant.admin.post(`/v1/integrations/connections/${connectionId}/invoice-syncs`, {
        invoice_id: invoice.id,
      });
      expect(rerun.status).toBe(202);
      await suite.testApp.runJobsUntilIdle();
    }
    expect(server.tokenGrants).toEqual(["authorization_code", "refresh_token"]);
    const journals = (await tenant.admin.get("/v1/integrations/syncs?object_type=journal_entry&limit=100"))
      .body.data;
    expect(
      journals.map((sync: { state: string; last_error: string | null }) => sync.last_error ?? sync.state),
    ).toEqual(journals.map(() => "synced"));
    expect(journals).toHaveLength(entries.size);
    expect(vendor.created("journal_entry")).toHaveLength(entries.size);
    // The rerun of the invoice and the second journal run created nothing.
    expect(server.requests.filter((request) => request.method === "POST").length).toBe(
      creates + entries.size,
    );
    expect(vendor.created("invoice")).toHaveLength(1);
    expect(vendor.created("customer")).toHaveLength(1);
  });
});
