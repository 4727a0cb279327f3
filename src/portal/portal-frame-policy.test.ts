// Which sites may frame the customer portal, per organization (issue 18,
// finding 10): any site by default, as before; an organization's admin
// narrows it to its app's origins or to none, and the portal page its links
// open answers with that frame-ancestors. Another organization's page keeps
// its own policy. A bad origin is a 400 naming the field.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCustomer } from "../../test/support/builders.ts";
import { appForFile, type TestTenant } from "../../test/support/test-app.ts";

const consoleDirectory = mkdtempSync(join(tmpdir(), "fairbill-portal-frame-"));
const suite = appForFile({ console: { directory: consoleDirectory } });
let seller: TestTenant;
let other: TestTenant;

beforeAll(async () => {
  mkdirSync(join(consoleDirectory, "assets"));
  writeFileSync(join(consoleDirectory, "index.html"), "<!doctype html><title>Fairbill</title>");
  seller = await suite.testApp.newTenant("Framing seller");
  other = await suite.testApp.newTenant("Other seller");
});
afterAll(async () => {
  rmSync(consoleDirectory, { recursive: true, force: true });
});

/** The portal page of a fresh link of the tenant's customer: its address, and the CSP it is served with. */
async function portalPage(tenant: TestTenant, externalId: string) {
  const customer = await createCustomer(tenant.admin, { external_id: externalId, currency: "EUR" });
  const link = await tenant.admin.post(`/v1/customers/${customer.id}/portal-links`, {});
  expect(link.status).toBe(201);
  const url = new URL(link.body.url);
  const page = await suite.testApp.app.inject({ method: "GET", url: `${url.pathname}${url.search}` });
  return {
    url,
    policy: page.headers["content-security-policy"],
    frameOptions: page.headers["x-frame-options"],
  };
}

describe("the portal's frame policy", () => {
  it("lets any site frame the portal until the organization says otherwise", async () => {
    expect((await seller.admin.get("/v1/portal-frame-policy")).body).toEqual({
      frame_ancestors: null,
      updated_at: null,
    });
    const page = await portalPage(seller, "frame-default");
    expect(page.url.searchParams.get("organization")).toBe(seller.organization.id);
    expect(page.url.hash).toMatch(/^#token=/);
    expect(page.policy).toBe("frame-ancestors *");
    expect(page.frameOptions).toBeUndefined();
  });

  it("serves the page of the organization's links with the origins it lists, or none, and leaves others alone", async () => {
    const set = await seller.admin.put("/v1/portal-frame-policy", {
      frame_ancestors: ["https://app.seller.example", "https://*.seller.example:8443"],
    });
    expect(set.status).toBe(200);
    expect(set.body.frame_ancestors).toEqual(["https://app.seller.example", "https://*.seller.example:8443"]);
    expect((await portalPage(seller, "frame-listed")).policy).toBe(
      "frame-ancestors https://app.seller.example https://*.seller.example:8443",
    );
    expect((await portalPage(other, "frame-other")).policy).toBe("frame-ancestors *");

    await seller.admin.put("/v1/portal-frame-policy", { frame_ancestors: [] });
    expect((await portalPage(seller, "frame-none")).policy).toBe("frame-ancestors 'none'");

    await seller.admin.put("/v1/portal-frame-policy", { frame_ancestors: null });
    expect((await portalPage(seller, "frame-reset")).policy).toBe("frame-ancestors *");
    const audit = await seller.admin.get("/v1/audit-events?action=portal_frame_policy.updated");
    expect(audit.body.data.length).toBe(3);
  });

  it("refuses an origin that is not one, naming the field, and a viewer's change", async () => {
    for (const bad of [
      "javascript:alert(1)",
      "https://a.example/path",
      "*",
      "https://a.example; script-src *",
    ]) {
      const refused = await seller.admin.put("/v1/portal-frame-policy", { frame_ancestors: [bad] });
      expect(refused.status, bad).toBe(400);
      expect(refused.body.errors[0].path).toBe("$.frame_ancestors[0]");
    }
    const viewer = await seller.client("viewer");
    expect((await viewer.put("/v1/portal-frame-policy", { frame_ancestors: [] })).status).toBe(403);
  });
});
