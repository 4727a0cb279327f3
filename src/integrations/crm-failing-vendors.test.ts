// HubSpot and Salesforce failing as vendors do, against their local servers:
// a call answered 500 three times, then 429 with a Retry-After, then 401 (a
// token expired before its time) is retried with backoff, the token is
// refreshed once, and the call goes through; a CRM that keeps failing puts
// the object in the error queue, from which retry and skip work. And two
// workers refreshing the same connection's token at once (as two processes
// would) spend the refresh token once and end with one valid token.
import { describe, expect, it } from "vitest";
import { createCustomer } from "../../test/support/builders.ts";
import { localCrmsForFile } from "../../test/support/local-crms.ts";
import type { LocalHubSpot } from "../../test/support/local-hubspot-server.ts";
import type { InjectedFailure, RequestMatcher } from "../../test/support/local-oauth-server.ts";
import type { LocalSalesforce } from "../../test/support/local-salesforce-server.ts";
import { type TestTenant, testAppForFile } from "../../test/support/test-app.ts";
import { findConnection, refreshAccess } from "./connections.ts";

// A fresh database takes a minute or more on a busy machine.
const suite = testAppForFile({ allowPrivateTargets: true, timeout: 180_000 });
const servers = localCrmsForFile();

type Crm = {
  system: "hubspot" | "salesforce";
  server: () => LocalHubSpot | LocalSalesforce;
  urls: () => Record<string, string>;
  /** The request that creates a company (HubSpot) or an account (Salesforce). */
  create: RequestMatcher;
  companies: () => { name: unknown; customerId: unknown }[];
};

const crms: Crm[] = [
  {
    system: "hubspot",
    server: () => servers.hubSpot,
    urls: () => ({
      authorize_url: servers.hubSpot.authorizeUrl,
      token_url: servers.hubSpot.tokenUrl,
      connections_url: servers.hubSpot.accessTokensUrl,
      api_base_url: servers.hubSpot.apiBaseUrl,
    }),
    create: { method: "POST", path: /^crm\/v3\/objects\/companies$/ },
    companies: () =>
      servers.hubSpot.companies.map((company) => ({
        name: company.properties.name,
        customerId: company.properties.fairbill_customer_id,
      })),
  },
  {
    system: "salesforce",
    server: () => servers.salesforce,
    urls: () => ({ authorize_url: servers.salesforce.authorizeUrl, token_url: servers.salesforce.tokenUrl }),
    create: { method: "POST", path: /\/sobjects\/Account$/ },
    companies: () =>
      servers.salesforce.objects.Account.map((account) => ({
        name: account.Name,
        customerId: account.Fairbill_Customer_Id__c,
      })),
  },
];

/** A tenant connected to the CRM by OAuth 2 (its first sync queued, not run). */
async function connectedTenant(
  crm: Crm,
  name: string,
): Promise<{ tenant: TestTenant; connectionId: string }> {
  const server = crm.server();
  const tenant = await suite.testApp.newTenant(name);
  const created = await tenant.admin.post("/v1/integrations/connections", {
    system: crm.system,
    client_id: server.clientId,
    client_secret: server.clientSecret,
    redirect_uri: "https://console.example.com/integrations",
    ...crm.urls(),
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const { code, state } = await server.consent(created.body.consent_url);
  const connected = await tenant.admin.post(`/v1/integrations/connections/${created.body.id}/authorization`, {
    code,
    state,
  });
  expect(connected.status, JSON.stringify(connected.body)).toBe(200);
  return { tenant, connectionId: created.body.id };
}

const grantsOf = (crm: Crm, grant: string) => crm.server().tokenGrants.filter((name) => name === grant);

describe.each(crms)("a failing $system", (crm) => {
  it("is retried through three 500s, a 429 with Retry-After and an expired token, refreshed once, to success", async () => {
    const server = crm.server();
    const { tenant, connectionId } = await connectedTenant(crm, `Failing ${crm.system}`);
    const customer = await createCustomer(tenant.admin, { name: `Patient ${crm.system}`, currency: "USD" });
    const refreshesBefore = grantsOf(crm, "refresh_token").length;
    const failures: InjectedFailure[] = [
      { status: 500 },
      { status: 500 },
      { status: 500 },
      { status: 429, retryAfter: "1" },
      { status: 401 },
    ];
    server.failNext(failures.map((failure) => ({ ...failure, ...crm.create })));

    await suite.testApp.runJobsUntilIdle(); // the sync the consent queued

    const answered = server.requests
      .filter((request) => crm.create.path?.test(request.path) && request.method === crm.create.method)
      .map((request) => request.status);
    expect(answered).toEqual([500, 500, 500, 429, 401, 201]);
    expect(grantsOf(crm, "refresh_token")).toHaveLength(refreshesBefore + 1);
    const records = await tenant.admin.get(
      `/v1/integrations/syncs?connection_id=${connectionId}&object_id=${customer.id}`,
    );
    expect(records.body.data).toHaveLength(1);
    expect(records.body.data[0]).toMatchObject({ state: "synced", attempts: 5, last_error: null });
    expect(crm.companies().filter((company) => company.customerId === customer.id)).toHaveLength(1);
  }, 120_000); // seconds of backoff, on a busy machine

  it("puts what keeps failing in the error queue, from which retry and skip work", async () => {
    const server = crm.server();
    const { tenant, connectionId } = await connectedTenant(crm, `Down ${crm.system}`);
    const retried = await createCustomer(tenant.admin, { name: `Retried ${crm.system}`, currency: "USD" });
    const skipped = await createCustomer(tenant.admin, { name: `Skipped ${crm.system}`, currency: "USD" });
    server.failAlways({ status: 503, retryAfter: "0", ...crm.create });

    await suite.testApp.runJobsUntilIdle();

    const queue = await tenant.admin.get(`/v1/integrations/syncs?connection_id=${connectionId}&state=failed`);
    expect(queue.body.data.map((sync: { object_id: string }) => sync.object_id).sort()).toEqual(
      [retried.id, skipped.id].sort(),
    );
    for (const sync of queue.body.data) {
      expect(sync).toMatchObject({ attempts: 6, last_error_code: "server_error" });
    }
    const syncOf = (customerId: string) =>
      queue.body.data.find((sync: { object_id: string }) => sync.object_id === customerId).id as string;

    server.recover();
    const retry = await tenant.admin.post(`/v1/integrations/syncs/${syncOf(retried.id)}/retry`, {});
    expect(retry.status, JSON.stringify(retry.body)).toBe(202);
    const skip = await tenant.admin.post(`/v1/integrations/syncs/${syncOf(skipped.id)}/skip`, {});
    expect(skip.body.state).toBe("skipped");
    await suite.testApp.runJobsUntilIdle();

    const after = await tenant.admin.get(`/v1/integrations/syncs?connection_id=${connectionId}`);
    const stateOf = (customerId: string) =>
      after.body.data.find((sync: { object_id: string }) => sync.object_id === customerId)?.state;
    expect(stateOf(retried.id)).toBe("synced");
    expect(stateOf(skipped.id)).toBe("skipped");
    expect(crm.companies().filter((company) => company.customerId === retried.id)).toHaveLength(1);
    expect(crm.companies().filter((company) => company.customerId === skipped.id)).toHaveLength(0);
    const failed = await tenant.admin.get(
      `/v1/integrations/syncs?connection_id=${connectionId}&state=failed`,
    );
    expect(failed.body.data).toEqual([]);
  }, 120_000); // two objects through every retry, on a busy machine
});

describe("the token refresh", () => {
  it("spends the refresh token once when two workers refresh the same connection at once", async () => {
    const crm = crms[0] as Crm;
    const { tenant, connectionId } = await connectedTenant(crm, "Two workers");
    const context = tenant.context();
    await context.database
      .updateTable("integration_connections")
      .set({ access_token_expires_at: new Date(Date.now() - 60_000) })
      .where("id", "=", connectionId)
      .execute();
    const stale = await findConnection(context.database, context, connectionId);
    const refreshesBefore = grantsOf(crm, "refresh_token").length;

    // Each worker starts from the same expired row, as two processes would.
    const [first, second] = await Promise.all([
      refreshAccess(context.database, stale, new Date(), null),
      refreshAccess(context.database, stale, new Date(), null),
    ]);

    expect(grantsOf(crm, "refresh_token")).toHaveLength(refreshesBefore + 1);
    expect(second.accessToken).toBe(first.accessToken);
    expect(servers.hubSpot.knowsToken(first.accessToken)).toBe(true);
    const stored = await refreshAccess(
      context.database,
      await findConnection(context.database, context, connectionId),
      new Date(),
      null,
    );
    expect(stored.accessToken).toBe(first.accessToken);
  });
});
