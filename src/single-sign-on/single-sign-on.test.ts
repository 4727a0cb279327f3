// Single sign-on against a real OpenID Connect provider (oidc-provider) that
// the test starts on a local port: an admin connects the organization, people
// of its domain sign in through the provider (authorization code with PKCE),
// are provisioned on their first sign-in with the roles their groups map to,
// and get a session like a password sign-in's; what must be refused is.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type OpenIdProvider,
  signInThroughProvider,
  startOpenIdProvider,
} from "../../test/support/openid-provider.ts";
import { expectProblem } from "../../test/support/responses.ts";
import { type ApiResponse, appForFile, type TestTenant } from "../../test/support/test-app.ts";

// The test app's public URL (PUBLIC_URL's default): the provider sends browsers back under it.
const publicUrl = "http://localhost:8080";
const redirectUri = `${publicUrl}/v1/sso/callback`;
const client = { client_id: "fairbill-acme", client_secret: "acme-client-secret-0123456789" };

const suite = appForFile();
let acme: TestTenant;
let provider: OpenIdProvider;

const connection = () => ({
  issuer: provider.issuer,
  client_id: client.client_id,
  client_secret: client.client_secret,
  email_domains: ["acme.test"],
  scopes: ["openid", "email", "profile", "groups"],
  role_claim: "groups",
  role_mappings: [
    { claim_value: "fairbill-admins", environment: "live", role: "admin" },
    { claim_value: "billing", environment: "live", role: "billing_ops" },
    { claim_value: "billing", environment: "test", role: "billing_ops" },
    { claim_value: "finance", environment: "live", role: "finance" },
  ],
});

beforeAll(async () => {
  provider = await startOpenIdProvider({ clients: [{ ...client, redirect_uris: [redirectUri] }] });
  acme = await suite.testApp.newTenant("Acme");
});
afterAll(async () => {
  await provider?.close();
});

type Browser = { cookies: Map<string, string> };

function cookieHeader(browser: Browser): string {
  return [...browser.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
}

function keepCookies(browser: Browser, response: ApiResponse): void {
  const header = response.headers["set-cookie"];
  for (const line of header === undefined ? [] : [header].flat()) {
    const [pair = ""] = String(line).split(";");
    const name = pair.slice(0, pair.indexOf("="));
    const value = pair.slice(pair.indexOf("=") + 1);
    if (value === "" || /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(String(line)))
      browser.cookies.delete(name);
    else browser.cookies.set(name, value);
  }
}

/** Signs in as the provider's account `login` after typing `email`; answers the callback's response. */
async function signInThroughSso(browser: Browser, email: string, login: string, returnTo = "/plans") {
  const started = await suite.testApp
    .rawClient(undefined)
    .post("/v1/sso/sign-in", { email, return_to: returnTo });
  expect(started.status, JSON.stringify(started.body)).toBe(200);
  keepCookies(browser, started);
  const answer = await signInThroughProvider(started.body.authorization_url, login, redirectUri);
  const callback = await suite.testApp
    .rawClient(undefined)
    .get(`${answer.pathname}${answer.search}`, { cookie: cookieHeader(browser) });
  keepCookies(browser, callback);
  return { callback, answer };
}

/** A request made by the signed-in browser, in the given environment. */
function asBrowser(browser: Browser, environment: "test" | "live") {
  const headers = { cookie: cookieHeader(browser), "fairbill-environment": environment };
  const raw = suite.testApp.rawClient(undefined);
  return {
    get: (path: string) => raw.get(path, headers),
    post: (path: string, body: unknown) =>
      raw.post(path, body, { ...headers, "x-csrf-token": browser.cookies.get("fairbill_csrf") ?? "" }),
  };
}

describe("an organization's single sign-on connection", () => {
  it("is an admin's to set: the issuer must answer, and other roles may not", async () => {
    const billingOps = await acme.client("billing_ops");
    expect((await billingOps.put("/v1/sso-connection", connection())).status).toBe(403);
    expect((await acme.admin.get("/v1/sso-connection")).body.code).toBe("sso_not_configured");

    const unreachable = await acme.admin.put("/v1/sso-connection", {
      ...connection(),
      issuer: "http://127.0.0.1:9",
    });
    expectProblem(unreachable, 422, "sso_issuer_unreachable");
    expect(unreachable.body.errors).toMatchObject([{ path: "$.issuer" }]);
    const plainHttp = await acme.admin.put("/v1/sso-connection", {
      ...connection(),
      issuer: "http://idp.example.com",
    });
    expect(plainHttp.body.errors).toEqual([{ path: "$.issuer", message: expect.stringContaining("https") }]);

    const saved = await acme.admin.put("/v1/sso-connection", connection());
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({
      issuer: provider.issuer,
      client_id: client.client_id,
      client_secret_hint: "…6789",
      email_domains: ["acme.test"],
      redirect_uri: redirectUri,
    });
    expect(JSON.stringify(saved.body)).not.toContain(client.client_secret);
    const { client_secret: _secret, ...withoutSecret } = connection();
    const kept = await acme.admin.put("/v1/sso-connection", withoutSecret);
    expect(kept.body.client_secret_hint).toBe("…6789");
  });

  it("routes a domain to one organization only", async () => {
    const other = await suite.testApp.newTenant("Not Acme");
    const clash = await other.admin.put("/v1/sso-connection", connection());
    expectProblem(clash, 409, "sso_domain_taken");
  });
});

describe("signing in through the identity provider", () => {
  it("provisions a person on their first sign-in with the roles their groups map to, in a session", async () => {
    provider.addAccount({
      sub: "alice",
      email: "Alice@acme.test",
      name: "Alice Martin",
      groups: ["billing"],
    });
    const browser: Browser = { cookies: new Map() };
    const { callback, answer } = await signInThroughSso(browser, "alice@acme.test", "alice");
    // The provider answered with a code for the state Fairbill sent, and its issuer (RFC 9207).
    expect(answer.searchParams.get("code")).toBeTruthy();
    expect(answer.searchParams.get("iss")).toBe(provider.issuer);
    expect(callback.status, JSON.stringify(callback.body)).toBe(303);
    expect(callback.headers.location).toBe("/plans");
    expect(browser.cookies.get("fairbill_session")).toBeTruthy();
    expect(browser.cookies.get("fairbill_csrf")).toBeTruthy();
    expect(browser.cookies.has("fairbill_sso_state")).toBe(false);

    const live = asBrowser(browser, "live");
    expect((await live.get("/v1/plans")).status).toBe(200);
    const product = await live.post("/v1/products", { code: "sso-made", name: "Made by Alice" });
    expect(product.status, JSON.stringify(product.body)).toBe(201);
    expect((await live.get("/v1/api-keys")).status).toBe(403);
    expect((await asBrowser(browser, "test").get("/v1/plans")).status).toBe(200);

    const people = await acme.admin.get("/v1/users");
    const alice = people.body.data.find((user: { email: string | null }) => user.email === "alice@acme.test");
    expect(alice).toMatchObject({ name: "Alice Martin" });
  });

  it("maps the roles again at each sign-in: a person moved from billing to finance keeps only finance", async () => {
    provider.addAccount({
      sub: "alice",
      email: "alice@acme.test",
      name: "Alice Martin",
      groups: ["finance"],
    });
    const browser: Browser = { cookies: new Map() };
    const { callback } = await signInThroughSso(browser, "alice@acme.test", "alice");
    expect(callback.status).toBe(303);
    const live = asBrowser(browser, "live");
    expect((await live.post("/v1/products", { code: "not-any-more", name: "No" })).status).toBe(403);
    expect((await live.get("/v1/journal-exports")).status).toBe(200);
    const test = await asBrowser(browser, "test").get("/v1/plans");
    expectProblem(test, 403, "no_role_in_environment");
  });

  it("refuses a person whose groups map to no role, and provisions nobody", async () => {
    provider.addAccount({ sub: "carol", email: "carol@acme.test", groups: ["strangers"] });
    const { callback } = await signInThroughSso({ cookies: new Map() }, "carol@acme.test", "carol");
    expectProblem(callback, 403, "sso_no_role");
    const people = await acme.admin.get("/v1/users");
    expect(people.body.data.map((user: { email: string | null }) => user.email)).not.toContain(
      "carol@acme.test",
    );
  });

  it("refuses an address of another domain, whatever the provider says", async () => {
    provider.addAccount({ sub: "mallory", email: "mallory@elsewhere.test", groups: ["fairbill-admins"] });
    const { callback } = await signInThroughSso({ cookies: new Map() }, "mallory@acme.test", "mallory");
    expectProblem(callback, 403, "sso_email_domain_not_covered");
  });

  it("refuses an answer in another browser than the one that started, and the same answer twice", async () => {
    provider.addAccount({ sub: "dave", email: "dave@acme.test", groups: ["billing"] });
    const started = await suite.testApp
      .rawClient(undefined)
      .post("/v1/sso/sign-in", { email: "dave@acme.test" });
    const answer = await signInThroughProvider(started.body.authorization_url, "dave", redirectUri);
    const elsewhere = await suite.testApp.rawClient(undefined).get(`${answer.pathname}${answer.search}`);
    expectProblem(elsewhere, 401, "sso_browser_mismatch");

    const browser: Browser = { cookies: new Map() };
    const first = await signInThroughSso(browser, "dave@acme.test", "dave");
    expect(first.callback.status).toBe(303);
    const again = await suite.testApp
      .rawClient(undefined)
      .get(`${first.answer.pathname}${first.answer.search}`, {
        cookie: `fairbill_sso_state=${first.answer.searchParams.get("state")}`,
      });
    expectProblem(again, 401, "sso_request_expired");
  });

  it("answers 404 for an address whose domain no organization signs in with single sign-on", async () => {
    const response = await suite.testApp
      .rawClient(undefined)
      .post("/v1/sso/sign-in", { email: "eve@nowhere.test" });
    expectProblem(response, 404, "sso_not_configured");
  });
});
