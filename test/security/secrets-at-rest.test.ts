// Stored secrets are encrypted at rest (issue 18, finding 8): Stripe's keys,
// webhook signing secrets, the HTTP tax provider's secret and the single
// sign-on client secret, people's second-factor (TOTP) secrets and the
// customer portal's and the partner links' signing secrets are sealed with
// their organization's data key, which the master key (outside the database) wraps. The database, read whole,
// never holds one of them readable; `fairbill secrets rotate` (rotateSecrets)
// seals them anew, also under a new master key, and everything stays readable.
import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { Secret, TOTP } from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rotateSecrets, sealPlaintextSecrets } from "../../src/app.ts";
import { firstAdminLink } from "../../src/people/index.ts";
import { systemClock } from "../../src/platform/clock.ts";
import type { Database } from "../../src/platform/database/schema.ts";
import { forgetUnwrappedDataKeys, isSealed, openSecret } from "../../src/platform/secrets/envelope.ts";
import { currentKeyRing, type KeyRing, setKeyRing } from "../../src/platform/secrets/key-ring.ts";
import { createCustomer } from "../support/builders.ts";
import { type OpenIdProvider, startOpenIdProvider } from "../support/openid-provider.ts";
import { startTestApp, type TestApp, type TestTenant } from "../support/test-app.ts";

const client = { client_id: "fairbill-vault", client_secret: `sso-${randomBytes(12).toString("hex")}` };
const stripeSecretKey = `sk_test_${randomBytes(12).toString("hex")}`;
const stripeWebhookSecret = `whsec_${randomBytes(12).toString("hex")}`;
const taxSecret = `tax-${randomBytes(12).toString("hex")}`;

let testApp: TestApp;
let tenant: TestTenant;
let provider: OpenIdProvider;
let webhookSecret: string;
let originalKeys: KeyRing;
let personEmail: string;
let totpSecret: string;
let storedPendingTotpSecret: string | null;
let portalToken: string;
let partnerToken: string;
const password = "correct horse battery staple";

/** The code an authenticator app shows for the secret at a time (SHA-1, six digits, 30 s). */
function totpCode(secretBase32: string, at: Date): string {
  return new TOTP({ secret: Secret.fromBase32(secretBase32) }).generate({ timestamp: at.getTime() });
}

/** A request with no key (sign-in, the portal), and its cookies. */
async function anonymous(method: "GET" | "POST", url: string, payload?: unknown, headers = {}) {
  const response = await testApp.app.inject({
    method,
    url,
    headers,
    ...(payload === undefined ? {} : { payload: payload as string }),
  });
  return { status: response.statusCode, body: response.json(), cookies: response.cookies };
}

/** Signs the person in with the code of the next 30 s step (the one before was spent). */
async function signInWithNextCode() {
  const code = totpCode(totpSecret, new Date(Date.now() + 30_000));
  return anonymous("POST", "/v1/sign-in", { email: personEmail, password, totp_code: code });
}

beforeAll(async () => {
  originalKeys = currentKeyRing();
  provider = await startOpenIdProvider({
    clients: [{ ...client, redirect_uris: ["http://localhost:8080/v1/sso/callback"] }],
  });
  testApp = await startTestApp({ allowPrivateTargets: true });
  tenant = await testApp.newTenant("Vault");
  const payments = await tenant.admin.put("/v1/payment-settings", {
    provider: "stripe",
    stripe: { secret_key: stripeSecretKey, webhook_secret: stripeWebhookSecret },
  });
  expect(payments.status).toBe(200);
  const endpoint = await tenant.admin.post("/v1/webhook-endpoints", {
    url: "http://127.0.0.1:9/hooks",
    event_types: ["invoice.finalized"],
  });
  expect(endpoint.status).toBe(201);
  webhookSecret = endpoint.body.secret;
  const tax = await tenant.admin.put("/v1/tax-settings", {
    tax_provider: { type: "http", url: "http://127.0.0.1:9/quote", secret: taxSecret },
  });
  expect(tax.status).toBe(200);
  const sso = await tenant.admin.put("/v1/sso-connection", {
    issuer: provider.issuer,
    ...client,
    email_domains: ["vault.test"],
    role_mappings: [],
  });
  expect(sso.status).toBe(200);

  // A person sets up a second factor: its secret is stored while pending, then once confirmed.
  const link = await firstAdminLink(
    testApp.handle.database,
    systemClock,
    tenant.organization.id,
    "http://localhost:8080",
  );
  personEmail = `vault-${randomBytes(4).toString("hex")}@vault.test`;
  const created = await anonymous("POST", "/v1/first-admin", {
    token: new URL(link ?? "").searchParams.get("token"),
    email: personEmail,
    name: "Vault Keeper",
    password,
  });
  expect(created.status).toBe(201);
  const signedIn = await anonymous("POST", "/v1/sign-in", { email: personEmail, password });
  expect(signedIn.status).toBe(200);
  const session = signedIn.cookies.find((cookie) => cookie.name === "fairbill_session")?.value;
  const csrfToken: string = signedIn.body.csrf_token;
  const browser = {
    cookie: `fairbill_session=${session}; fairbill_csrf=${csrfToken}`,
    "x-csrf-token": csrfToken,
  };
  const enrolment = await anonymous("POST", "/v1/me/second-factor", {}, browser);
  expect(enrolment.status).toBe(200);
  totpSecret = enrolment.body.secret;
  const pending = await testApp.handle.database
    .selectFrom("users")
    .select("pending_totp_secret")
    .where("email", "=", personEmail)
    .executeTakeFirstOrThrow();
  storedPendingTotpSecret = pending.pending_totp_secret;
  const confirmed = await anonymous(
    "POST",
    "/v1/me/second-factor/confirm",
    { code: totpCode(totpSecret, new Date()) },
    browser,
  );
  expect(confirmed.status).toBe(200);

  // A portal link makes the environment's portal secret.
  const customer = await createCustomer(tenant.admin, { external_id: "vault-customer" });
  const portalLink = await tenant.admin.post(`/v1/customers/${customer.id}/portal-links`, {});
  expect(portalLink.status).toBe(201);
  portalToken = portalLink.body.token;

  // A partner's statement link makes the environment's partner-link secret.
  const partner = await tenant.admin.post("/v1/partners", {
    code: "vault-partner",
    name: "Vault Partner",
    kind: "reseller",
    currency: "EUR",
  });
  expect(partner.status).toBe(201);
  const partnerLink = await tenant.admin.post(`/v1/partners/${partner.body.id}/statement-links`, {});
  expect(partnerLink.status).toBe(201);
  partnerToken = partnerLink.body.token;
}, 120_000);
afterAll(async () => {
  setKeyRing(originalKeys);
  await testApp?.close();
  await provider?.close();
});

/** Every row of every table of this database, as text. */
async function wholeDatabase(database: Database): Promise<string> {
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(database);
  const texts: string[] = [];
  for (const { table_name: table } of tables.rows) {
    const rows = await sql<{ row: string }>`select t::text as row from ${sql.table(table)} t`.execute(
      database,
    );
    texts.push(...rows.rows.map((row) => row.row));
  }
  return texts.join("\n");
}

const allSecrets = () => [
  stripeSecretKey,
  stripeWebhookSecret,
  webhookSecret,
  taxSecret,
  client.client_secret,
  totpSecret,
];

async function storedSecrets(database: Database): Promise<string[]> {
  const rows = await sql<{ value: string | null }>`
    select stripe_secret_key as value from payment_provider_settings
    union all select stripe_webhook_secret from payment_provider_settings
    union all select secret from webhook_endpoints
    union all select provider_secret from tax_settings
    union all select client_secret from sso_connections
    union all select totp_secret from users
    union all select secret from portal_secrets
    union all select secret from partner_link_secrets`.execute(database);
  return rows.rows.map((row) => row.value).filter((value): value is string => value !== null);
}

/** What the API shows of the secrets, which it reads by opening them. */
async function hints() {
  const payments = await tenant.admin.get("/v1/payment-settings");
  const sso = await tenant.admin.get("/v1/sso-connection");
  const portal = await anonymous("GET", "/v1/portal/me", undefined, {
    authorization: `Portal ${portalToken}`,
  });
  const partner = await anonymous("GET", "/v1/partner-view/me", undefined, {
    authorization: `Partner ${partnerToken}`,
  });
  return {
    portal: portal.status,
    partner: partner.status,
    stripe: payments.body.stripe?.secret_key_hint,
    stripeWebhook: payments.body.stripe?.webhook_secret_hint,
    sso: sso.body.client_secret_hint,
  };
}

const expectedHints = () => ({
  portal: 200,
  partner: 200,
  stripe: `sk_test_…${stripeSecretKey.slice(-4)}`,
  stripeWebhook: `whsec_…${stripeWebhookSecret.slice(-4)}`,
  sso: `…${client.client_secret.slice(-4)}`,
});

describe("secrets at rest", () => {
  it("keeps no stored secret readable anywhere in the database, and the API still reads them", async () => {
    expect(webhookSecret).toMatch(/^whsec_/);
    const everything = await wholeDatabase(testApp.handle.database);
    for (const secret of allSecrets()) expect(everything).not.toContain(secret);
    const stored = await storedSecrets(testApp.handle.database);
    expect(stored).toHaveLength(8);
    for (const value of stored) expect(isSealed(value)).toBe(true);
    // The second factor's secret was sealed while it waited for its first code too.
    expect(storedPendingTotpSecret).not.toBeNull();
    expect(isSealed(storedPendingTotpSecret ?? "")).toBe(true);
    expect(await hints()).toEqual(expectedHints());
  });

  it("seals every secret anew on rotation, also under a new master key, and everything stays readable", async () => {
    const database = testApp.handle.database;
    // A secret stored readable before encryption at rest is sealed by the rotation too.
    await database
      .updateTable("tax_settings")
      .set({ provider_secret: taxSecret })
      .where("environment_id", "=", tenant.organization.environments.test)
      .execute();
    const before = await storedSecrets(database);
    const first = await rotateSecrets(database);
    expect(first.secrets).toBeGreaterThanOrEqual(8);
    const afterFirst = await storedSecrets(database);
    expect(afterFirst.every(isSealed)).toBe(true);
    for (const value of afterFirst) expect(before).not.toContain(value);
    expect(await hints()).toEqual(expectedHints());

    // A new master key: listed first, the old one still able to unwrap while rotating.
    const newMaster = { id: "rotated-master", key: randomBytes(32) };
    const oldMaster = originalKeys.masterKeys;
    setKeyRing({ masterKeys: [newMaster, ...oldMaster], auditKey: originalKeys.auditKey });
    await rotateSecrets(database);
    setKeyRing({ masterKeys: [newMaster], auditKey: originalKeys.auditKey });
    forgetUnwrappedDataKeys();
    const dataKeys = await database.selectFrom("organization_data_keys").select("master_key_id").execute();
    expect(new Set(dataKeys.map((row) => row.master_key_id))).toEqual(new Set(["rotated-master"]));
    expect(await hints()).toEqual(expectedHints());
    const everything = await wholeDatabase(database);
    for (const secret of allSecrets()) expect(everything).not.toContain(secret);
    expect(everything).not.toContain(newMaster.key.toString("base64"));

    // The old master key alone reads nothing any more: the secrets moved to the new one.
    setKeyRing({ masterKeys: oldMaster, auditKey: originalKeys.auditKey });
    forgetUnwrappedDataKeys();
    const refused = await tenant.admin.get("/v1/payment-settings");
    expect(refused.status).toBe(500);
    expect(refused.body.code).toBe("secret_unreadable");
    setKeyRing({ masterKeys: [newMaster], auditKey: originalKeys.auditKey });
    forgetUnwrappedDataKeys();
    // The second factor moved with the rest: the person signs in with the next code.
    expect((await signInWithNextCode()).status).toBe(200);
  });

  it("seals the second-factor, portal and partner-link secrets stored readable before encryption at rest, at start", async () => {
    const database = testApp.handle.database;
    const organizationId = tenant.organization.id;
    const user = await database
      .selectFrom("users")
      .select(["id", "totp_secret"])
      .where("email", "=", personEmail)
      .executeTakeFirstOrThrow();
    const portal = await database
      .selectFrom("portal_secrets")
      .select("secret")
      .where("environment_id", "=", tenant.organization.environments.test)
      .executeTakeFirstOrThrow();
    const portalSecret = await openSecret(database, organizationId, portal.secret);
    const partnerLink = await database
      .selectFrom("partner_link_secrets")
      .select("secret")
      .where("environment_id", "=", tenant.organization.environments.test)
      .executeTakeFirstOrThrow();
    const partnerLinkSecret = await openSecret(database, organizationId, partnerLink.secret);
    expect(await openSecret(database, organizationId, user.totp_secret ?? "")).toBe(totpSecret);
    // As an earlier version stored them.
    await database.updateTable("users").set({ totp_secret: totpSecret }).where("id", "=", user.id).execute();
    await database
      .updateTable("portal_secrets")
      .set({ secret: portalSecret })
      .where("environment_id", "=", tenant.organization.environments.test)
      .execute();
    await database
      .updateTable("partner_link_secrets")
      .set({ secret: partnerLinkSecret })
      .where("environment_id", "=", tenant.organization.environments.test)
      .execute();
    expect(await hints()).toEqual(expectedHints());

    const sealed = await sealPlaintextSecrets(database);
    expect(sealed).toBe(3);
    const everything = await wholeDatabase(database);
    for (const secret of [totpSecret, portalSecret, partnerLinkSecret])
      expect(everything).not.toContain(secret);
    const stored = await storedSecrets(database);
    for (const value of stored) expect(isSealed(value)).toBe(true);
    const resealed = await database
      .selectFrom("users")
      .select("totp_secret")
      .where("id", "=", user.id)
      .executeTakeFirstOrThrow();
    expect(await openSecret(database, organizationId, resealed.totp_secret ?? "")).toBe(totpSecret);
    expect(await hints()).toEqual(expectedHints());
    // Nothing is left to seal: a second start changes nothing.
    expect(await sealPlaintextSecrets(database)).toBe(0);
  });

  it("deletes the tax provider's secret when the built-in table takes over", async () => {
    const switched = await tenant.admin.put("/v1/tax-settings", { tax_provider: { type: "built_in" } });
    expect(switched.status).toBe(200);
    const row = await testApp.handle.database
      .selectFrom("tax_settings")
      .select("provider_secret")
      .where("environment_id", "=", tenant.organization.environments.test)
      .executeTakeFirstOrThrow();
    expect(row.provider_secret).toBeNull();
  });
});
