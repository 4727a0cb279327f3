// Integrations in a real Chromium, with the job worker running as in
// `fairbill serve`: an environment connected to a local Xero (OAuth 2 through
// the API) that keeps failing; a finalized invoice's customer lands in the
// error queue; the operator sees it on the integrations page, Xero recovers,
// the operator presses Retry and the sync log shows the invoice synced.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalXero, startLocalXero } from "../support/local-xero-server.ts";
import { type ConsoleHarness, laptop, signIn, startConsoleHarness } from "./browser-harness.ts";

let harness: ConsoleHarness;
let admin: Page;
let xero: LocalXero;

beforeAll(async () => {
  xero = await startLocalXero();
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
  const consent = await xero.consent(connection.consent_url);
  await harness.api("POST", `/v1/integrations/connections/${connection.id}/authorization`, consent);
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
});

/** Presses Refresh in the panel until `text` shows, as an operator would. */
async function refreshUntil(target: Page, panel: string, text: RegExp | string): Promise<void> {
  const region = target.getByRole("region", { name: panel });
  for (let attempt = 0; attempt < 120; attempt += 1) {
    if ((await region.getByText(text).count()) > 0) return;
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
    await refreshUntil(admin, "Sync log", "Invoice");
    const log = admin.getByRole("region", { name: "Sync log" });
    expect(await log.getByText("synced").count()).toBeGreaterThanOrEqual(2);
    expect(xero.created.Invoices).toHaveLength(1);
    await harness.screenshot(admin, "integrations-synced");
    expect(harness.consoleErrors).toEqual([]);
  });
});
