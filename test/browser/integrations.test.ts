// Integrations in a real Chromium, with the job worker running as in
// `fairbill serve`: an environment connected to a local Xero (OAuth 2 through
// the API) that keeps failing; a finalized invoice's customer lands in the
// error queue; the operator sees it on the integrations page, Xero recovers,
// the operator presses Retry and the sync log shows the invoice synced. Then
// an admin connects HubSpot from the console's form through HubSpot's local
// OAuth server; the CRM sync gives a customer a HubSpot company, and the
// customer's page links to it. When HubSpot keeps failing, the customer it
// could not create a company for waits in the error queue, and the operator
// skips it there.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalHubSpot, startLocalHubSpot } from "../support/local-hubspot-server.ts";
import { type LocalXero, startLocalXero } from "../support/local-xero-server.ts";
import { type ConsoleHarness, laptop, signIn, startConsoleHarness } from "./browser-harness.ts";

let harness: ConsoleHarness;
let admin: Page;
let xero: LocalXero;
let hubSpot: LocalHubSpot;

beforeAll(async () => {
  xero = await startLocalXero();
  hubSpot = await startLocalHubSpot();
  harness = await startConsoleHarness({ background: true, allowPrivateTargets: true });
  const connection = (await harness.api("POST", "/v1/integrations/connections", {
    system: "xero",
    client_id: xero.clientId,
    client_secret: xero.clientSecret,
    redirect_uri: `${harness.baseUrl}/integrations`,
    authorize_url: xero.authorizeUrl,
    token_url: xero.tokenUrl,
    connections_url: xero.connectionsUrl,
    api_base_url: xero.apiBaseUrl,
  })) as { id: string; consent_url: string };
  const { code, state } = await xero.consent(connection.consent_url);
  await harness.api("POST", `/v1/integrations/connections/${connection.id}/authorization`, { code, state });
  await harness.api("PUT", `/v1/integrations/connections/${connection.id}/mappings`, {
    kind: "account",
    fairbill_key: "revenue",
    external_key: "200",
  });
  admin = await harness.newPage(laptop);
}, 300_000);
afterAll(async () => {
  await harness?.close();
  await xero?.close();
  await hubSpot?.close();
});

/** Presses Refresh in the panel until `text` shows (in `times` places at least), as an operator would. */
async function refreshUntil(target: Page, panel: string, text: RegExp | string, times = 1): Promise<void> {
  const region = target.getByRole("region", { name: panel });
  for (let attempt = 0; attempt < 120; attempt += 1) {
    if ((await region.getByText(text).count()) >= times) return;
    await region.getByRole("button", { name: "Refresh" }).click();
    await target.waitForTimeout(500);
  }
  throw new Error(`The ${panel} never showed ${text}`);
}

describe("integrations in the console", () => {
  it("shows a failed sync in the error queue and retries it to success", async () => {
    xero.failAlways({ status: 503, retryAfter: "0" });
    const customer = (await harness.api("POST", "/v1/customers", {
      external_id: "browser-xero",
      name: "Browser Xero Ltd",
      currency: "USD",
    })) as { id: string };
    await harness.api("POST", "/v1/invoices", {
      customer_id: customer.id,
      currency: "USD",
      lines: [{ description: "Platform fee", quantity: "1", unit_amount: "99.00" }],
      finalize: true,
    });

    await signIn(admin, harness.baseUrl, harness.adminKey, "/integrations");
    await admin.getByRole("heading", { level: 1, name: "Integrations" }).waitFor();
    await admin.getByRole("region", { name: "Connections" }).getByText(xero.tenantId).waitFor();
    await refreshUntil(admin, "Error queue", customer.id);
    const queue = admin.getByRole("region", { name: "Error queue" });
    await queue.getByText(/Xero answered HTTP 503/).waitFor();
    await harness.screenshot(admin, "integrations-error-queue");

    xero.recover();
    await queue.getByRole("button", { name: `Retry Customer ${customer.id}` }).click();
    await queue
      .getByRole("status")
      .getByText(/queued again/)
      .waitFor();
    await refreshUntil(admin, "Error queue", "Nothing waits in the error queue.");
    // The invoice syncs after its customer, so the log may show the customer synced before the invoice is.
    await refreshUntil(admin, "Sync log", "synced", 2);
    const log = admin.getByRole("region", { name: "Sync log" });
    await log.getByText("Invoice").first().waitFor();
    expect(xero.created.Invoices).toHaveLength(1);
    await harness.screenshot(admin, "integrations-synced");
    expect(harness.consoleErrors).toEqual([]);
  });

  it("connects HubSpot from the console through its OAuth consent and links a customer to its company", async () => {
    const customer = (await harness.api("POST", "/v1/customers", {
      external_id: "browser-hubspot",
      name: "Browser HubSpot Inc",
      currency: "USD",
    })) as { id: string };
    await admin.goto(`${harness.baseUrl}/integrations`);
    const form = admin.getByRole("form", { name: "Connect a system" });
    await form.getByLabel("System").selectOption("hubspot");
    await form.getByLabel("Client ID").fill(hubSpot.clientId);
    await form.getByLabel("Client secret").fill(hubSpot.clientSecret);
    await form.getByText("HubSpot's addresses").click();
    await form.getByLabel("Consent page", { exact: true }).fill(hubSpot.authorizeUrl);
    await form.getByLabel("Token endpoint", { exact: true }).fill(hubSpot.tokenUrl);
    await form.getByLabel("Access-token endpoint", { exact: true }).fill(hubSpot.accessTokensUrl);
    await form.getByLabel("API root", { exact: true }).fill(hubSpot.apiBaseUrl);
    await form.getByRole("button", { name: "Connect HubSpot" }).click();
    // The consent page sends the browser back to the console, which completes the connection.
    await form.getByRole("link", { name: "Open the consent page of HubSpot" }).click();
    await admin.getByText(`HubSpot connected: ${hubSpot.hubId}.`).waitFor();
    await admin.getByRole("region", { name: "HubSpot deals" }).waitFor();

    // The sync the consent queued runs in the background and gives the customer a company.
    let companyId: string | undefined;
    for (let attempt = 0; attempt < 240 && companyId === undefined; attempt += 1) {
      companyId = hubSpot.companies.find(
        (company) => company.properties.fairbill_customer_id === customer.id,
      )?.id;
      if (companyId === undefined) await admin.waitForTimeout(500);
    }
    expect(companyId).toBeDefined();
    await refreshUntil(admin, "HubSpot sync log", "synced");

    await admin.goto(`${harness.baseUrl}/customers/${customer.id}`);
    const links = admin.getByRole("region", { name: "In connected systems" });
    const link = links.getByRole("link", { name: `HubSpot ${companyId}` });
    await link.waitFor();
    expect(await link.getAttribute("href")).toBe(
      `https://app.hubspot.com/contacts/${hubSpot.hubId}/record/0-2/${companyId}`,
    );
    await harness.screenshot(admin, "customer-external-links");
    expect(harness.consoleErrors).toEqual([]);
  });

  it("shows a customer HubSpot keeps refusing in the error queue, where the operator skips it", async () => {
    hubSpot.failAlways({
      status: 503,
      retryAfter: "0",
      method: "POST",
      path: /^crm\/v3\/objects\/companies$/,
    });
    const customer = (await harness.api("POST", "/v1/customers", {
      external_id: "browser-hubspot-refused",
      name: "Refused By HubSpot Ltd",
      currency: "USD",
    })) as { id: string };
    await admin.goto(`${harness.baseUrl}/integrations`);
    await admin
      .getByRole("region", { name: "HubSpot deals" })
      .getByRole("button", { name: "Sync now" })
      .click();
    await refreshUntil(admin, "Error queue", customer.id);
    const queue = admin.getByRole("region", { name: "Error queue" });
    await queue
      .getByText(/HubSpot answered HTTP 503/)
      .first()
      .waitFor();
    await harness.screenshot(admin, "integrations-crm-error-queue");

    await queue.getByRole("button", { name: `Skip Customer ${customer.id}` }).click();
    await queue.getByRole("status").getByText(`Customer ${customer.id} skipped.`).waitFor();
    hubSpot.recover();
    const skipped = (await harness.api(
      "GET",
      `/v1/integrations/syncs?object_id=${customer.id}&state=skipped`,
    )) as { data: unknown[] };
    expect(skipped.data).toHaveLength(1);
    expect(hubSpot.companies.some((company) => company.properties.fairbill_customer_id === customer.id)).toBe(
      false,
    );
    expect(harness.consoleErrors).toEqual([]);
  });
});
