// HubSpot and Salesforce, end to end, each against a local server that
// speaks its OAuth 2 and the REST API its official SDK calls
// (@hubspot/api-client, jsforce): a connection consented to by OAuth 2;
// companies or accounts and customers linked both ways; a won deal or
// opportunity with line items becomes a draft contract in the approval
// queue that a billing operator approves, then a subscription and a
// contract with the negotiated price; the MRR and usage appear on the CRM
// account; a rerun makes nothing new; a 429 is retried to success.
import { describe, expect, it } from "vitest";
import { createCustomer, createPlan } from "../../test/support/builders.ts";
import { localCrmsForFile } from "../../test/support/local-crms.ts";
import type { LocalHubSpot } from "../../test/support/local-hubspot-server.ts";
import type { LocalSalesforce } from "../../test/support/local-salesforce-server.ts";
import { type TestTenant, testAppForFile } from "../../test/support/test-app.ts";

// A fresh database takes a minute or more on a busy machine.
const suite = testAppForFile({ allowPrivateTargets: true, timeout: 180_000 });
const servers = localCrmsForFile();

/** A tenant selling the enterprise plan (1,000.00 a month), connected to the CRM by OAuth 2, with its products mapped. */
async function connectedTenant(
  name: string,
  connect: Record<string, string>,
  server: LocalHubSpot | LocalSalesforce,
  products: [string, string][],
) {
  const tenant = await suite.testApp.newTenant(name);
  await createPlan(tenant.admin, {
    code: "enterprise",
    version: { charges: [{ id: "platform", type: "fixed", amount: "1000.00" }] },
  });
  const created = await tenant.admin.post("/v1/integrations/connections", {
    client_id: server.clientId,
    client_secret: server.clientSecret,
    redirect_uri: "https://console.example.com/integrations/callback",
    ...connect,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const connectionId: string = created.body.id;
  for (const [fairbillKey, productId] of products) {
    const mapped = await tenant.admin.put(`/v1/integrations/connections/${connectionId}/mappings`, {
      kind: "product",
      fairbill_key: fairbillKey,
      external_key: productId,
    });
    expect(mapped.status).toBe(200);
  }
  return { tenant, connectionId, consentUrl: created.body.consent_url as string };
}

async function authorize(
  tenant: TestTenant,
  connectionId: string,
  server: LocalHubSpot | LocalSalesforce,
  consentUrl: string,
) {
  const { code, state } = await server.consent(consentUrl);
  const connected = await tenant.admin.post(`/v1/integrations/connections/${connectionId}/authorization`, {
    code,
    state,
  });
  expect(connected.status, JSON.stringify(connected.body)).toBe(200);
  return connected.body;
}

/** The pending draft contract a deal became, approved by the billing operator. */
async function approveDraftContract(tenant: TestTenant, dealName: string) {
  const pending = await tenant.admin.get("/v1/approval-requests?state=pending&kind=contract&limit=100");
  const drafts = pending.body.data.filter((request: { summary: string }) =>
    request.summary.includes(dealName),
  );
  expect(drafts).toHaveLength(1);
  const approved = await tenant.admin.post(`/v1/approval-requests/${drafts[0].id}/approve`, {});
  expect(approved.status, JSON.stringify(approved.body)).toBe(200);
  return drafts[0];
}

describe("the CRM integrations", () => {
  it("turns a closed-won HubSpot deal into a draft contract that a billing operator approves; MRR and usage appear on the company", async () => {
    const { tenant, connectionId, consentUrl } = await connectedTenant(
      "HubSpot CRM",
      {
        system: "hubspot",
        authorize_url: servers.hubSpot.authorizeUrl,
        token_url: servers.hubSpot.tokenUrl,
        connections_url: servers.hubSpot.accessTokensUrl,
        api_base_url: servers.hubSpot.apiBaseUrl,
      },
      servers.hubSpot,
      [
        ["enterprise", "hs-product-enterprise"],
        ["enterprise:platform:discount_percent", "hs-product-volume-discount"],
      ],
    );
    const existing = await createCustomer(tenant.admin, { name: "Existing Co", currency: "USD" });
    const acme = servers.hubSpot.addCompany({ name: "Acme Robotics" });
    const won = servers.hubSpot.addDeal(
      {
        dealname: "Acme 2030 renewal",
        dealstage: "closedwon",
        closedate: "2030-01-01T00:00:00.000Z",
        amount: "10800.00",
      },
      acme.id,
      [
        {
          name: "Enterprise",
          hs_product_id: "hs-product-enterprise",
          quantity: "1",
          price: "1000.00",
          hs_recurring_billing_period: "P12M",
        },
        {
          name: "Volume discount",
          hs_product_id: "hs-product-volume-discount",
          quantity: "1",
          price: "0",
          hs_discount_percentage: "10",
        },
      ],
    );
    servers.hubSpot.addDeal(
      { dealname: "Acme lost", dealstage: "closedlost", closedate: "2030-01-01T00:00:00.000Z" },
      acme.id,
      [],
    );
    // The first call of the sync is refused for a rate limit: it is retried, and goes through.
    servers.hubSpot.failNext([{ status: 429, retryAfter: "0" }]);

    const connection = await authorize(tenant, connectionId, servers.hubSpot, consentUrl);
    expect(connection).toMatchObject({
      system: "hubspot",
      status: "connected",
      external_tenant_id: String(servers.hubSpot.hubId),
    });
    await suite.testApp.runJobsUntilIdle(); // the sync queued by the consent
    expect(servers.hubSpot.requests.filter((request) => request.status === 429)).toHaveLength(1);

    // Both ways: Acme became a customer, Existing Co a company; each linked by its customer id.
    const customers = await tenant.admin.get(`/v1/customers?external_id=hubspot:${acme.id}`);
    expect(customers.body.data).toHaveLength(1);
    const acmeCustomerId: string = customers.body.data[0].id;
    expect(acme.properties.fairbill_customer_id).toBe(acmeCustomerId);
    const pushed = servers.hubSpot.companies.filter(
      (company) => company.properties.fairbill_customer_id === existing.id,
    );
    expect(pushed.map((company) => company.properties.name)).toEqual(["Existing Co"]);

    // The won deal waits as a draft contract; nothing binds before the approval.
    const draft = await approveDraftContract(tenant, "Acme 2030 renewal");
    expect(draft.request).toMatchObject({
      customer_id: acmeCustomerId,
      plan: "enterprise",
      start: "2030-01-01T00:00:00.000Z",
      end: "2031-01-01T00:00:00.000Z",
    });
    expect((await tenant.admin.get(`/v1/contracts?customer_id=${acmeCustomerId}`)).body.data).toHaveLength(0);

    expect(
      (await tenant.admin.post(`/v1/integrations/connections/${connectionId}/crm-syncs`, {})).status,
    ).toBe(202);
    await suite.testApp.runJobsUntilIdle();
    const contracts = (await tenant.admin.get(`/v1/contracts?customer_id=${acmeCustomerId}`)).body.data;
    expect(contracts).toHaveLength(1);
    expect(contracts[0]).toMatchObject({
      start: "2030-01-01T00:00:00.000Z",
      end: "2031-01-01T00:00:00.000Z",
      phases: [{ plan: "enterprise" }],
      rate_card: [{ plan: "enterprise", charge: "platform", discount_percent: "10" }],
    });
    // The deal as the console lists it: its amount, the draft contract it became, then the contract.
    const deals = await tenant.admin.get(`/v1/integrations/connections/${connectionId}/crm-deals`);
    expect(deals.status).toBe(200);
    expect(deals.body.data).toEqual([
      expect.objectContaining({
        external_id: won.id,
        name: "Acme 2030 renewal",
        amount: "10800.00",
        state: "contracted",
        customer_id: acmeCustomerId,
        draft_contract: {
          plan: "enterprise",
          start: "2030-01-01T00:00:00.000Z",
          end: "2031-01-01T00:00:00.000Z",
          rate_card_entries: 1,
        },
        approval_request_id: draft.id,
        contract_id: contracts[0].id,
      }),
    ]);
    const links = await tenant.admin.get(
      `/v1/integrations/external-links?object_type=customer&object_id=${acmeCustomerId}`,
    );
    expect(links.body.data).toEqual([
      expect.objectContaining({
        system: "hubspot",
        external_id: acme.id,
        state: "synced",
        url: `https://app.hubspot.com/contacts/${servers.hubSpot.hubId}/record/0-2/${acme.id}`,
      }),
    ]);
    expect(acme.properties).toMatchObject({
      fairbill_mrr: "900.00",
      fairbill_usage_to_date: "0.00",
      fairbill_open_balance: "0.00",
      fairbill_currency: "USD",
    });

    // A rerun makes nothing new, here or there.
    const companiesBefore = servers.hubSpot.companies.length;
    const customersBefore = (await tenant.admin.get("/v1/customers?limit=100")).body.data.length;
    expect(
      (await tenant.admin.post(`/v1/integrations/connections/${connectionId}/crm-syncs`, {})).status,
    ).toBe(202);
    await suite.testApp.runJobsUntilIdle();
    expect(servers.hubSpot.companies).toHaveLength(companiesBefore);
    expect((await tenant.admin.get("/v1/customers?limit=100")).body.data).toHaveLength(customersBefore);
    expect((await tenant.admin.get(`/v1/contracts?customer_id=${acmeCustomerId}`)).body.data).toHaveLength(1);
    const requests = await tenant.admin.get("/v1/approval-requests?kind=contract&limit=100");
    expect(requests.body.data).toHaveLength(1);
  }, 120_000); // two syncs, an approval and the contract: a minute on a busy machine

  it("turns a won Salesforce opportunity into a draft contract that a billing operator approves; MRR appears on the account", async () => {
    const { tenant, connectionId, consentUrl } = await connectedTenant(
      "Salesforce CRM",
      {
        system: "salesforce",
        authorize_url: servers.salesforce.authorizeUrl,
        token_url: servers.salesforce.tokenUrl,
      },
      servers.salesforce,
      [
        ["enterprise", "01t000000000001AAA"],
        ["enterprise:platform:amount", "01t000000000002AAA"],
      ],
    );
    const globex = servers.salesforce.addAccount({ Name: "Globex" });
    servers.salesforce.addWonOpportunity(
      { Name: "Globex platform", CloseDate: "2030-03-01", Amount: 10200 },
      globex.Id,
      [
        { Name: "Enterprise", Product2Id: "01t000000000001AAA", Quantity: 1, UnitPrice: 0, Discount: null },
        {
          Name: "Negotiated platform fee",
          Product2Id: "01t000000000002AAA",
          Quantity: 1,
          UnitPrice: 850,
          Discount: null,
        },
      ],
    );
    const connection = await authorize(tenant, connectionId, servers.salesforce, consentUrl);
    expect(connection).toMatchObject({
      system: "salesforce",
      external_tenant_id: servers.salesforce.organizationId,
      api_base_url: servers.salesforce.url,
    });
    await suite.testApp.runJobsUntilIdle();
    const globexCustomerId = globex.Fairbill_Customer_Id__c as string;
    expect(globexCustomerId).toMatch(/^cus_/);

    await approveDraftContract(tenant, "Globex platform");
    expect(
      (await tenant.admin.post(`/v1/integrations/connections/${connectionId}/crm-syncs`, {})).status,
    ).toBe(202);
    await suite.testApp.runJobsUntilIdle();
    const contracts = (await tenant.admin.get(`/v1/contracts?customer_id=${globexCustomerId}`)).body.data;
    expect(contracts).toHaveLength(1);
    expect(contracts[0]).toMatchObject({
      start: "2030-03-01T00:00:00.000Z",
      rate_card: [{ plan: "enterprise", charge: "platform", amount: "850" }],
    });
    const deals = await tenant.admin.get(
      `/v1/integrations/connections/${connectionId}/crm-deals?state=contracted`,
    );
    expect(deals.body.data).toEqual([
      expect.objectContaining({ name: "Globex platform", amount: "10200", contract_id: contracts[0].id }),
    ]);
    const links = await tenant.admin.get(
      `/v1/integrations/external-links?object_type=customer&object_id=${globexCustomerId}`,
    );
    expect(links.body.data).toEqual([
      expect.objectContaining({
        system: "salesforce",
        external_id: globex.Id,
        url: `${servers.salesforce.url}/lightning/r/Account/${globex.Id}/view`,
      }),
    ]);
    expect(globex).toMatchObject({
      Fairbill_MRR__c: 850,
      Fairbill_Usage_To_Date__c: 0,
      Fairbill_Currency__c: "USD",
    });
    expect(servers.salesforce.objects.Account).toHaveLength(1);
  }, 120_000);
});
