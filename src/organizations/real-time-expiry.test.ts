// Links and keys expire in real time, whatever the test clock reads (issue 18,
// finding 11): with the clock years ahead, a 60-second portal link, an
// invitation and a rotated key's grace period end by the wall clock, and a
// key inside its grace period cannot make a key that never expires.
import { beforeAll, describe, expect, it } from "vitest";
import { createCustomer } from "../../test/support/builders.ts";
import { testAppForFile } from "../../test/support/test-app.ts";
import { freezeTestClock } from "../../test/support/test-clock-api.ts";

const suite = testAppForFile({ tenantName: "Real-time expiry" });
const yearsAhead = `${new Date().getUTCFullYear() + 5}-01-01T00:00:00Z`;

beforeAll(async () => {
  await freezeTestClock(suite.tenant.admin, yearsAhead);
});

/** Seconds from the wall clock's now to `instant`. */
const secondsFromNow = (instant: string) => (new Date(instant).getTime() - Date.now()) / 1000;

/** A new admin key rotated with a grace period: its secret, and the old key as the API shows it after. */
async function keyInGrace(graceSeconds: number) {
  const created = await suite.tenant.admin.post("/v1/api-keys", { name: "Rotated in test", role: "admin" });
  const rotated = await suite.tenant.admin.post(`/v1/api-keys/${created.body.api_key.id}/rotate`, {
    previous_key_valid_for_seconds: graceSeconds,
  });
  expect(rotated.status).toBe(201);
  const old = await suite.tenant.admin.get(`/v1/api-keys/${created.body.api_key.id}`);
  return { secret: created.body.secret as string, old: old.body };
}

describe("expiry on the wall clock", () => {
  it("ends a 60-second portal link 60 seconds from now, not from the test clock", async () => {
    const customer = await createCustomer(suite.tenant.admin, {
      external_id: "portal-expiry",
      currency: "EUR",
    });
    const link = await suite.tenant.admin.post(`/v1/customers/${customer.id}/portal-links`, {
      expires_in_seconds: 60,
    });
    expect(link.status).toBe(201);
    expect(secondsFromNow(link.body.expires_at)).toBeGreaterThan(30);
    expect(secondsFromNow(link.body.expires_at)).toBeLessThanOrEqual(61);
  });

  it("ends a rotated key's grace period by the wall clock", async () => {
    const { old } = await keyInGrace(60);
    expect(secondsFromNow(old.expires_at)).toBeLessThanOrEqual(61);
  });

  it("does not let a key inside its grace period make a key that outlives it", async () => {
    const { secret, old } = await keyInGrace(120);
    const inGrace = suite.testApp.rawClient(`Bearer ${secret}`);

    const minted = await inGrace.post("/v1/api-keys", { name: "Minted in grace", role: "admin" });
    expect(minted.status).toBe(201);
    expect(minted.body.api_key.expires_at).toBe(old.expires_at);
    const later = await inGrace.post("/v1/api-keys", {
      name: "Minted to outlive",
      role: "admin",
      expires_at: `${new Date().getUTCFullYear() + 1}-01-01T00:00:00Z`,
    });
    expect(later.status).toBe(201);
    expect(later.body.api_key.expires_at).toBe(old.expires_at);
    const rotatedByGrace = await inGrace.post(`/v1/api-keys/${minted.body.api_key.id}/rotate`, {});
    expect(rotatedByGrace.body.api_key.expires_at).toBe(old.expires_at);
  });

  it("ends an invitation seven days from now by the wall clock", async () => {
    const invited = await suite.tenant.admin.post("/v1/invitations", {
      email: `grace-${Date.now()}@example.com`,
      name: "Grace",
      role: "viewer",
    });
    expect(invited.status, JSON.stringify(invited.body)).toBe(201);
    expect(secondsFromNow(invited.body.expires_at)).toBeLessThanOrEqual(7 * 24 * 3600 + 1);
  });
});
