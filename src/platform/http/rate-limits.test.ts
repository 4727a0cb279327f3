// Rate limits per key and per address, and the backoff after failed
// authentication (issue 18, finding 10: 3,000 requests in 10.5 s from one
// viewer key, 1,000 wrong keys with no slowdown), on the whole application.
import { describe, expect, it } from "vitest";
import { testAppForFile } from "../../../test/support/test-app.ts";

const suite = testAppForFile({
  rateLimits: {
    perKeyPerWindow: 5,
    perAddressPerWindow: 12,
    windowSeconds: 60,
    failedAuthenticationsBeforeBackoff: 3,
  },
  tenantName: "Rate limits",
});

function get(path: string, remoteAddress: string, authorization?: string) {
  return suite.testApp.app.inject({
    method: "GET",
    url: path,
    remoteAddress,
    headers: authorization === undefined ? {} : { authorization },
  });
}

describe("rate limits", () => {
  it("answers 429 with Retry-After past the requests a minute of one key, whatever the address", async () => {
    const viewer = await suite.tenant.client("viewer");
    const statuses: number[] = [];
    for (let index = 0; index < 6; index += 1) {
      statuses.push(
        (await get("/v1/customers", `198.51.100.${index + 1}`, `Bearer ${viewer.key}`)).statusCode,
      );
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await get("/v1/customers", "198.51.100.9", `Bearer ${viewer.key}`);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    expect(limited.json()).toMatchObject({ code: "rate_limited" });
    // Another key is counted on its own.
    const other = await suite.tenant.client("viewer");
    expect((await get("/v1/customers", "198.51.100.9", `Bearer ${other.key}`)).statusCode).toBe(200);
  });

  it("answers 429 past the requests a minute of one address, whatever the key", async () => {
    const viewers = [];
    for (let index = 0; index < 4; index += 1) viewers.push(await suite.tenant.client("viewer"));
    const statuses: number[] = [];
    for (let index = 0; index < 13; index += 1) {
      expect((await get("/healthz", "203.0.113.7")).statusCode).toBe(200);
      const key = viewers[index % viewers.length]?.key;
      statuses.push((await get("/v1/customers", "203.0.113.7", `Bearer ${key}`)).statusCode);
    }
    // Each key made at most 4 requests; the address's 13th API request is one too many (/healthz is not counted).
    expect(statuses).toEqual([...Array(12).fill(200), 429]);
  });
});

describe("backoff after failed authentication", () => {
  it("makes an address that sends wrong keys wait, longer each time, with Retry-After", async () => {
    const address = "192.0.2.44";
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect((await get("/v1/customers", address, `Bearer fb_test_wrong${attempt}`)).statusCode).toBe(401);
    }
    // The fourth failure is past the allowance: the address waits 1 s, then 2 s after the next.
    expect((await get("/v1/customers", address, "Bearer fb_test_wrong3")).statusCode).toBe(401);
    const waiting = await get("/v1/customers", address, `Bearer ${suite.tenant.admin.key}`);
    expect(waiting.statusCode).toBe(429);
    expect(waiting.json()).toMatchObject({ code: "too_many_failed_authentications" });
    expect(waiting.headers["retry-after"]).toBe("1");
    // Another address is not slowed.
    expect((await get("/v1/customers", "192.0.2.45", `Bearer ${suite.tenant.admin.key}`)).statusCode).toBe(
      200,
    );
  });

  it("counts wrong passwords at sign-in too", async () => {
    const address = "192.0.2.60";
    const signIn = () =>
      suite.testApp.app.inject({
        method: "POST",
        url: "/v1/sign-in",
        remoteAddress: address,
        payload: { email: `nobody-${Math.random()}@example.com`, password: "not the password" },
      });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 5; attempt += 1) statuses.push((await signIn()).statusCode);
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses[4]).toBe(429);
  });
});
