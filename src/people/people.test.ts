// People end to end through the real app: the first admin from the one-time
// link, sign-in with cookies (HttpOnly, Secure, SameSite) and CSRF-checked
// writes, sessions listed and revoked, lockout after failed sign-ins, the
// TOTP second factor (required by the organization, then at sign-in),
// invitations and password resets by email through a real SMTP server, and
// four-eyes between persons across sessions and keys.
import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectProblem, expectRefusedAt } from "../../test/support/responses.ts";
import { appForFile, type TestTenant } from "../../test/support/test-app.ts";
import { TestClock } from "../../test/support/test-clock.ts";
import { firstAdminLink } from "./first-admin.ts";
import { totpCode } from "./second-factor.ts";

type Response = {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: a test's view of JSON it is about to assert on.
  body: any;
  headers: Record<string, unknown>;
  cookies: { name: string; value: string; httpOnly?: boolean; secure?: boolean; sameSite?: string }[];
};

const clock = new TestClock(new Date());
const suite = appForFile({ clock });
let dataDirectory: string;

beforeAll(async () => {
  dataDirectory = await mkdtemp(join(tmpdir(), "fairbill-people-"));
});
afterAll(async () => {
  if (dataDirectory) await rm(dataDirectory, { recursive: true, force: true });
});

async function send(
  method: "GET" | "POST" | "PATCH",
  path: string,
  payload?: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  const response = await suite.testApp.app.inject({
    method,
    url: path,
    headers,
    ...(payload === undefined ? {} : { payload: payload as string }),
  });
  const body = String(response.headers["content-type"] ?? "").includes("json")
    ? response.json()
    : response.body;
  return {
    status: response.statusCode,
    body,
    headers: response.headers,
    cookies: response.cookies as Response["cookies"],
  };
}

/** A browser signed in as a person: it sends the session cookie, and the CSRF token on writes. */
type Browser = {
  sessionId: string;
  csrfToken: string;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  post(path: string, payload?: unknown, headers?: Record<string, string>): Promise<Response>;
  patch(path: string, payload?: unknown, headers?: Record<string, string>): Promise<Response>;
};

async function signIn(email: string, password: string, totp?: string): Promise<Browser> {
  const response = await send("POST", "/v1/sign-in", {
    email,
    password,
    ...(totp === undefined ? {} : { totp_code: totp }),
  });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return browserOf(response);
}

function browserOf(signedIn: Response): Browser {
  const token = signedIn.cookies.find((cookie) => cookie.name === "fairbill_session")?.value ?? "";
  const csrfToken: string = signedIn.body.csrf_token;
  const cookie = `fairbill_session=${token}; fairbill_csrf=${csrfToken}`;
  return {
    sessionId: signedIn.body.me.credential.id,
    csrfToken,
    get: (path, headers = {}) => send("GET", path, undefined, { cookie, ...headers }),
    post: (path, payload = {}, headers = {}) =>
      send("POST", path, payload, { cookie, "x-csrf-token": csrfToken, ...headers }),
    patch: (path, payload = {}, headers = {}) =>
      send("PATCH", path, payload, { cookie, "x-csrf-token": csrfToken, ...headers }),
  };
}

let emailCount = 0;
function newEmail(): string {
  emailCount += 1;
  return `person-${process.pid}-${emailCount}@example.com`;
}

/** The link of the tenant's first start (its first admin not made yet), to the console at `consoleUrl`. */
function firstStartLink(tenant: TestTenant, consoleUrl: string): Promise<string | undefined> {
  return firstAdminLink(suite.testApp.handle.database, clock, tenant.organization.id, consoleUrl);
}

/** A new organization and its first admin, created with the first start's link, signed in. */
async function organizationWithAdmin(): Promise<{ tenant: TestTenant; admin: Browser; email: string }> {
  const tenant = await suite.testApp.newTenant("People");
  const link = await firstStartLink(tenant, "http://localhost:8080");
  const token = new URL(link ?? "").searchParams.get("token");
  const email = newEmail();
  const created = await send("POST", "/v1/first-admin", {
    token,
    email,
    name: "Ada Lovelace",
    password: "correct horse battery staple",
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return { tenant, admin: await signIn(email, "correct horse battery staple"), email };
}

/** A real SMTP server on this machine that keeps what it receives. */
async function startSmtpServer(): Promise<{ server: SMTPServer; url: string; received: ParsedMail[] }> {
  const received: ParsedMail[] = [];
  const server = new SMTPServer({
    logger: false,
    disabledCommands: ["STARTTLS", "AUTH"],
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          received.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  return { server, url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`, received };
}

/** Sends the queued emails through the SMTP server and returns the link's token of the one sent to `to`. */
async function tokenEmailedTo(smtp: { url: string; received: ParsedMail[] }, to: string): Promise<string> {
  await suite.testApp.runJobs({
    email: { smtpUrl: smtp.url, emailFrom: "Fairbill <people@localhost>", dataDirectory },
  });
  const mail = smtp.received.findLast(
    (candidate) => candidate.to && JSON.stringify(candidate.to).includes(to),
  );
  expect(mail, `an email to ${to}`).toBeDefined();
  const token = /token=([A-Za-z0-9_-]+)/.exec(mail?.text ?? "")?.[1];
  expect(token).toBeDefined();
  return token ?? "";
}

describe("the first admin and sessions", () => {
  it("creates the first admin once, and signs in with secure cookies and CSRF-checked writes", async () => {
    const tenant = await suite.testApp.newTenant("First start");
    const link = await firstStartLink(tenant, "https://billing.example.com");
    expect(link).toMatch(/^https:\/\/billing\.example\.com\/first-admin\?token=/);
    const token = new URL(link ?? "").searchParams.get("token");
    const email = newEmail();
    const weak = await send("POST", "/v1/first-admin", { token, email, name: "Ada", password: "short" });
    expect(weak.status).toBe(400);
    expect(weak.body.errors).toEqual([
      { path: "$.password", message: "must be at least 12 characters long" },
    ]);
    const body = { token, email, name: "Ada Lovelace", password: "correct horse battery staple" };
    expect((await send("POST", "/v1/first-admin", body)).status).toBe(201);
    const again = await send("POST", "/v1/first-admin", { ...body, email: newEmail() });
    expect(again.body.code).toBe("token_invalid");
    expect(await firstStartLink(tenant, "https://x.example")).toBeUndefined();

    const signedIn = await send("POST", "/v1/sign-in", {
      email: email.toUpperCase(),
      password: body.password,
    });
    expect(signedIn.status).toBe(200);
    const sessionCookie = signedIn.cookies.find((cookie) => cookie.name === "fairbill_session");
    expect(sessionCookie).toMatchObject({ httpOnly: true, secure: true, sameSite: "Lax", path: "/" });
    expect(signedIn.body.me).toMatchObject({
      user: { name: "Ada Lovelace", email, kind: "person", role: "admin", email_verified: false },
      roles: { test: "admin", live: "admin" },
      environment: "live",
      credential: { type: "session" },
    });
    const browser = browserOf(signedIn);
    expect((await browser.get("/v1/me", { "fairbill-environment": "test" })).body.environment).toBe("test");

    // A write with the cookie but without the CSRF token is refused: another site could have sent it.
    const cookie = `fairbill_session=${sessionCookie?.value}`;
    const forged = await send("POST", "/v1/customers", { external_id: "forged" }, { cookie });
    expectProblem(forged, 403, "csrf_token_invalid");
    expect(forged.body.errors).toEqual([{ path: "header.x-csrf-token", message: "is required" }]);
    const created = await browser.post("/v1/customers", { external_id: "by-a-person" });
    expect(created.status).toBe(201);

    // The audit entry names the person and the session.
    const audit = await browser.get("/v1/audit-events?object_type=customer");
    expect(audit.body.data[0].actor).toMatchObject({
      type: "session",
      id: browser.sessionId,
      person: { name: "Ada Lovelace" },
    });
  });

  it("lists one's sessions and revokes one, which then stops working", async () => {
    const { admin, email } = await organizationWithAdmin();
    const laptop = await signIn(email, "correct horse battery staple");
    const sessions = await admin.get("/v1/sessions");
    expect(
      sessions.body.data.map((session: { id: string; current: boolean }) => [session.id, session.current]),
    ).toEqual([
      [laptop.sessionId, false],
      [admin.sessionId, true],
    ]);
    expect((await admin.post(`/v1/sessions/${laptop.sessionId}/revoke`)).status).toBe(200);
    const revoked = await laptop.get("/v1/me");
    expectProblem(revoked, 401, "session_expired");
    const signedOut = await admin.post("/v1/sign-out");
    expect(signedOut.status).toBe(200);
    expect((await admin.get("/v1/me")).status).toBe(401);
  });

  it("slows down failed sign-ins and locks the account after five in a row", async () => {
    const { email } = await organizationWithAdmin();
    const wrong = { email, password: "not the right password" };
    const first = await send("POST", "/v1/sign-in", wrong);
    expectProblem(first, 401, "sign_in_failed");
    const tooSoon = await send("POST", "/v1/sign-in", wrong);
    expectProblem(tooSoon, 429, "sign_in_throttled");
    for (const delay of [1, 2, 4, 8]) {
      clock.advanceSeconds(delay);
      expect((await send("POST", "/v1/sign-in", wrong)).status).toBe(401);
    }
    clock.advanceSeconds(60);
    const locked = await send("POST", "/v1/sign-in", { email, password: "correct horse battery staple" });
    expectProblem(locked, 429, "account_locked");
    clock.advanceSeconds(15 * 60);
    const signedIn = await send("POST", "/v1/sign-in", { email, password: "correct horse battery staple" });
    expect(signedIn.status).toBe(200);

    // Each attempt on the account is in the audit log with the person: four failures, the lockout, the sign-in.
    const admin = browserOf(signedIn);
    const trail = await admin.get(`/v1/audit-events?object_type=user&person_id=${signedIn.body.me.user.id}`);
    expect(
      trail.body.data
        .filter(
          (entry: { action: string }) => entry.action.startsWith("user.s") || entry.action === "user.locked",
        )
        .map((entry: { action: string; actor: { person: { name: string } } }) => [
          entry.action,
          entry.actor.person.name,
        ]),
    ).toEqual([
      ["user.signed_in", "Ada Lovelace"],
      ["user.locked", "Ada Lovelace"],
      ["user.sign_in_failed", "Ada Lovelace"],
      ["user.sign_in_failed", "Ada Lovelace"],
      ["user.sign_in_failed", "Ada Lovelace"],
      ["user.sign_in_failed", "Ada Lovelace"],
      ["user.signed_in", "Ada Lovelace"],
    ]);
  });
});

describe("the second factor", () => {
  it("is required by the organization, set up with a first code, then asked at every sign-in", async () => {
    const { admin, email } = await organizationWithAdmin();
    expect((await admin.patch("/v1/sign-in-settings", { require_second_factor: true })).status).toBe(200);

    // A person without a second factor now gets a session that can only set one up.
    const restricted = await signIn(email, "correct horse battery staple");
    expect((await restricted.get("/v1/me")).body.second_factor_enrolment_required).toBe(true);
    const blocked = await restricted.get("/v1/customers");
    expectProblem(blocked, 403, "second_factor_enrolment_required");
    const enrolment = await restricted.post("/v1/me/second-factor");
    expect(enrolment.body.otpauth_uri).toMatch(/^otpauth:\/\/totp\/Fairbill:/);
    const wrongCode = await restricted.post("/v1/me/second-factor/confirm", { code: "000000" });
    expectRefusedAt(wrongCode, "$.code");
    const confirmingCode = totpCode(enrolment.body.secret, clock.now());
    const confirmed = await restricted.post("/v1/me/second-factor/confirm", { code: confirmingCode });
    expect(confirmed.body.user.second_factor_enabled).toBe(true);
    expect((await restricted.get("/v1/customers")).status).toBe(200);

    const withoutCode = await send("POST", "/v1/sign-in", {
      email,
      password: "correct horse battery staple",
    });
    expectProblem(withoutCode, 401, "second_factor_required");
    expect(withoutCode.body.errors).toMatchObject([
      { path: "$.totp_code", message: "is required for this account" },
    ]);
    const badCode = await send("POST", "/v1/sign-in", {
      email,
      password: "correct horse battery staple",
      totp_code: "123456",
    });
    expect(badCode.body.code).toBe("second_factor_invalid");
    // The code that confirmed the set-up cannot sign in again within its window, nor can a code used to sign in.
    // (The same code, not one computed 2 s later: that one belongs to the next 30 s step whenever the
    // clock started in the last 2 s of a step, and is rightly accepted.)
    clock.advanceSeconds(2);
    const replayed = await send("POST", "/v1/sign-in", {
      email,
      password: "correct horse battery staple",
      totp_code: confirmingCode,
    });
    expectProblem(replayed, 401, "second_factor_invalid");
    clock.advanceSeconds(30 + 60);
    const code = totpCode(enrolment.body.secret, clock.now());
    await signIn(email, "correct horse battery staple", code);
    clock.advanceSeconds(2);
    const again = await send("POST", "/v1/sign-in", {
      email,
      password: "correct horse battery staple",
      totp_code: code,
    });
    expect(again.body.code).toBe("second_factor_invalid");
  });
});

describe("invitations and password resets by email", () => {
  it("invites a person who accepts through the emailed link, and resets a forgotten password", async () => {
    const smtp = await startSmtpServer();
    try {
      const { admin } = await organizationWithAdmin();
      const email = newEmail();
      const invited = await admin.post(
        "/v1/invitations",
        { email, name: "Grace Hopper", role: "billing_ops" },
        { "fairbill-environment": "test" },
      );
      expect(invited.status, JSON.stringify(invited.body)).toBe(201);
      expect(invited.body).toMatchObject({
        status: "pending",
        role: "billing_ops",
        environment: "test",
        invited_by: { name: "Ada Lovelace" },
      });
      const token = await tokenEmailedTo(smtp, email);
      const mail = smtp.received.findLast((candidate) => JSON.stringify(candidate.to).includes(email));
      expect(mail?.subject).toBe("Ada Lovelace invited you to People on Fairbill");
      expect(
        (await send("POST", "/v1/invitations/accept", { token, password: "grace's long password" })).status,
      ).toBe(201);
      const grace = await signIn(email, "grace's long password");
      expect((await grace.get("/v1/me")).body).toMatchObject({
        environment: "test",
        roles: { test: "billing_ops", live: null },
        user: { email_verified: true },
      });
      const live = await grace.get("/v1/customers", { "fairbill-environment": "live" });
      expectProblem(live, 403, "no_role_in_environment");
      const people = await admin.get("/v1/users?kind=person", { "fairbill-environment": "test" });
      expect(people.body.data.map((user: { name: string; role: string }) => [user.name, user.role])).toEqual([
        ["Grace Hopper", "billing_ops"],
        ["Ada Lovelace", "admin"],
      ]);

      // Grace forgets her password: the reset link sets a new one and ends her sessions.
      expect((await send("POST", "/v1/password-reset", { email })).status).toBe(202);
      expect((await send("POST", "/v1/password-reset", { email: "nobody@example.com" })).status).toBe(202);
      const resetToken = await tokenEmailedTo(smtp, email);
      expect(
        smtp.received.findLast((candidate) => JSON.stringify(candidate.to).includes(email))?.subject,
      ).toBe("Reset your Fairbill password");
      const reset = await send("POST", "/v1/password-reset/confirm", {
        token: resetToken,
        password: "a brand new password",
      });
      expect(reset.status).toBe(200);
      expect((await grace.get("/v1/me")).status).toBe(401);
      await signIn(email, "a brand new password");
    } finally {
      await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
    }
  });
});

describe("four-eyes between persons, with sessions and keys", () => {
  it("refuses a person approving their own change through a key they made, and names both persons", async () => {
    const { tenant, admin } = await organizationWithAdmin();
    const test = { "fairbill-environment": "test" };
    expect(
      (await admin.patch("/v1/catalog/approval-policy", { publish_requires_approval: true }, test)).status,
    ).toBe(200);
    const plan = await admin.post(
      "/v1/plans",
      {
        code: "reviewed",
        name: "Reviewed",
        version: {
          currency: "USD",
          interval: "month",
          charges: [{ id: "base", type: "fixed", amount: "9.00" }],
        },
      },
      test,
    );
    expect(plan.status).toBe(201);
    expect((await admin.post(`/v1/plans/${plan.body.id}/versions/1/submit`, {}, test)).status).toBe(200);

    const key = await admin.post("/v1/api-keys", { name: "Ada's script", role: "admin" }, test);
    expect(key.status).toBe(201);
    const own = suite.testApp.rawClient(`Bearer ${key.body.secret}`);
    const refused = await own.post(`/v1/plans/${plan.body.id}/versions/1/approve`, {});
    expectProblem(refused, 403, "approver_is_author");
    expect(refused.body.detail).toContain("Ada Lovelace");

    // A service account Ada owns is Ada too.
    const robot = await admin.post("/v1/service-accounts", { name: "deploy robot", role: "admin" }, test);
    const robotKey = await admin.post(
      `/v1/service-accounts/${robot.body.id}/api-keys`,
      { name: "ci", role: "admin" },
      test,
    );
    expect(robotKey.status).toBe(201);
    const viaRobot = await suite.testApp
      .rawClient(`Bearer ${robotKey.body.secret}`)
      .post(`/v1/plans/${plan.body.id}/versions/1/approve`, {});
    expect(viaRobot.body.code).toBe("approver_is_author");

    // Keys are listed with their owner: the person, or the service account and the person behind it.
    const keys = await admin.get("/v1/api-keys?limit=100", test);
    const ownerOf = (id: string) => keys.body.data.find((listed: { id: string }) => listed.id === id)?.owner;
    expect(ownerOf(key.body.api_key.id)).toMatchObject({ kind: "person", name: "Ada Lovelace" });
    expect(ownerOf(robotKey.body.api_key.id)).toMatchObject({
      kind: "service_account",
      name: "deploy robot",
      person: { name: "Ada Lovelace" },
    });

    const approved = await tenant.admin.post(`/v1/plans/${plan.body.id}/versions/1/approve`, {});
    expect(approved.status).toBe(200);
    const review = await admin.get(`/v1/plans/${plan.body.id}/versions/1/review`, test);
    expect(
      review.body.data.map((step: { actor: { type: string; person: { name: string } } }) => [
        step.actor.type,
        step.actor.person.name,
      ]),
    ).toEqual([
      ["session", "Ada Lovelace"],
      ["api_key", "admin test key"],
    ]);
  });

  it("lets only an admin break glass, with a reason, told to every admin and marked in the audit log", async () => {
    const { tenant, admin } = await organizationWithAdmin();
    const test = { "fairbill-environment": "test" };
    await admin.patch("/v1/catalog/approval-policy", { publish_requires_approval: true }, test);
    const plan = await admin.post(
      "/v1/plans",
      {
        code: "urgent",
        name: "Urgent",
        version: {
          currency: "USD",
          interval: "month",
          charges: [{ id: "base", type: "fixed", amount: "19.00" }],
        },
      },
      test,
    );
    const publish = `/v1/plans/${plan.body.id}/versions/1/publish`;
    const plain = await admin.post(publish, {}, test);
    expect(plain.body.code).toBe("approval_required");
    const billingOps = await tenant.client("billing_ops");
    const notAdmin = await billingOps.post(publish, { break_glass: true, reason: "launch" });
    expect(notAdmin.body.code).toBe("break_glass_not_allowed");
    const noReason = await admin.post(publish, { break_glass: true }, test);
    expectRefusedAt(noReason, "$.reason");
    const published = await admin.post(
      publish,
      { break_glass: true, reason: "the launch price page is live and the approver is away" },
      test,
    );
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect(published.body.state).toBe("published");

    const audit = await admin.get("/v1/audit-events?action=plan_version.break_glass_published", test);
    expect(audit.body.data[0]).toMatchObject({
      actor: { type: "session", person: { name: "Ada Lovelace" } },
      reason: "the launch price page is live and the approver is away",
    });
    const emails = await admin.get("/v1/emails?template=break_glass_publish", test);
    expect(emails.body.data).toHaveLength(1);
    expect(emails.body.data[0].subject).toBe(
      "Break-glass: Ada Lovelace published version 1 of plan urgent without approval",
    );
  });
});
