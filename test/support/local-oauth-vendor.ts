// What the local accounting servers of QuickBooks Online and NetSuite share:
// an HTTP server on a free local port, OAuth 2's authorization code grant
// (the consent page's redirect with the code, the state and the vendor's
// tenant parameter; the token endpoint's code and refresh token grants, the
// client authenticated by HTTP Basic), bearer tokens a test can expire, and
// failures a test injects (429 or 5xx, with a Retry-After).
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type Answer = { status: number; body: unknown; headers?: Record<string, string> };

export type InjectedFailure = { status: number; retryAfter?: string };

export type VendorRequest = { method: string; path: string; status: number };

/** What a test drives on a local vendor. */
export type LocalVendorControls = {
  url: string;
  clientId: string;
  clientSecret: string;
  tenantId: string;
  requests: VendorRequest[];
  /** The next API requests answer these, in order. */
  failNext(failures: InjectedFailure[]): void;
  /** Every API request answers this until `recover()`. */
  failAlways(failure: InjectedFailure): void;
  recover(): void;
  /** Every access token issued so far stops working: the next call must refresh. */
  expireAccessTokens(): void;
  /** Token grants answered, by grant type. */
  tokenGrants: string[];
  /** Follows the consent page as a person who consents would: the redirect's query. */
  consent(consentUrl: string): Promise<URLSearchParams>;
  close(): Promise<void>;
};

export type LocalVendorOptions = {
  paths: { authorize: string; token: string; apiPrefix: string };
  /** The redirect's parameter naming the tenant consented to (QuickBooks: realmId; NetSuite: company). */
  tenantParameter: string;
  tenantId: string;
  /** An API request's answer; `path` is after the prefix. */
  api(method: string, path: string, url: URL, body: unknown): Answer;
  /** The answer to a request without a valid token, or with a failure injected. */
  failure(status: number, why: string): unknown;
};

export async function startLocalVendor(options: LocalVendorOptions): Promise<LocalVendorControls> {
  const clientId = `client-${randomBytes(6).toString("hex")}`;
  const clientSecret = randomBytes(16).toString("hex");
  const codes = new Map<string, string>();
  const refreshTokens = new Set<string>();
  const accessTokens = new Set<string>();
  const requests: VendorRequest[] = [];
  const tokenGrants: string[] = [];
  let failures: InjectedFailure[] = [];
  let failingAlways: InjectedFailure | null = null;

  const issueTokens = () => {
    const access = randomBytes(16).toString("hex");
    const refresh = randomBytes(16).toString("hex");
    accessTokens.add(access);
    refreshTokens.add(refresh);
    return {
      access_token: access,
      refresh_token: refresh,
      token_type: "bearer",
      expires_in: 3600,
      x_refresh_token_expires_in: 8_726_400,
    };
  };

  const token = (request: IncomingMessage, text: string): Answer => {
    const expected = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}`;
    if (request.headers.authorization !== expected) return { status: 401, body: { error: "invalid_client" } };
    const form = new URLSearchParams(text);
    const grant = form.get("grant_type") ?? "";
    tokenGrants.push(grant);
    if (grant === "authorization_code") {
      const code = form.get("code") ?? "";
      const redirect = codes.get(code);
      codes.delete(code);
      if (redirect === undefined || redirect !== form.get("redirect_uri")) {
        return { status: 400, body: { error: "invalid_grant" } };
      }
      return { status: 200, body: issueTokens() };
    }
    if (grant === "refresh_token") {
      if (!refreshTokens.delete(form.get("refresh_token") ?? "")) {
        return { status: 400, body: { error: "invalid_grant" } };
      }
      return { status: 200, body: issueTokens() };
    }
    return { status: 400, body: { error: "unsupported_grant_type" } };
  };

  const api = (request: IncomingMessage, url: URL, text: string): Answer => {
    const bearer = (request.headers.authorization ?? "").replace(/^Bearer /, "");
    if (!accessTokens.has(bearer)) return { status: 401, body: options.failure(401, "AuthenticationFailed") };
    const failure = failures.shift() ?? failingAlways;
    if (failure) {
      return {
        status: failure.status,
        body: options.failure(failure.status, failure.status === 429 ? "ThrottleExceeded" : "Server error"),
        ...(failure.retryAfter === undefined ? {} : { headers: { "retry-after": failure.retryAfter } }),
      };
    }
    let body: unknown = null;
    try {
      body = text === "" ? null : JSON.parse(text);
    } catch {
      return { status: 400, body: options.failure(400, "The body is not JSON") };
    }
    return options.api(
      request.method ?? "GET",
      url.pathname.slice(options.paths.apiPrefix.length),
      url,
      body,
    );
  };

  const send = (response: ServerResponse, answer: Answer) => {
    if (answer.body === null) {
      response.writeHead(answer.status, answer.headers ?? {});
      response.end();
      return;
    }
    response.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
    response.end(JSON.stringify(answer.body));
  };

  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    const handle = async () => {
      const text = await readBody(request);
      if (url.pathname === options.paths.authorize && request.method === "GET") {
        if (url.searchParams.get("client_id") !== clientId) {
          return send(response, { status: 400, body: { error: "unauthorized_client" } });
        }
        const code = randomBytes(12).toString("hex");
        const redirectUri = url.searchParams.get("redirect_uri") ?? "";
        codes.set(code, redirectUri);
        const location = new URL(redirectUri);
        location.searchParams.set("code", code);
        location.searchParams.set("state", url.searchParams.get("state") ?? "");
        location.searchParams.set(options.tenantParameter, options.tenantId);
        response.writeHead(302, { location: location.toString() });
        return response.end();
      }
      if (url.pathname === options.paths.token && request.method === "POST") {
        return send(response, token(request, text));
      }
      if (url.pathname.startsWith(options.paths.apiPrefix)) {
        const answer = api(request, url, text);
        requests.push({
          method: request.method ?? "GET",
          path: url.pathname.slice(options.paths.apiPrefix.length),
          status: answer.status,
        });
        return send(response, answer);
      }
      send(response, { status: 404, body: { message: "Not found" } });
    };
    handle().catch((error: unknown) => send(response, { status: 500, body: { message: String(error) } }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    clientId,
    clientSecret,
    tenantId: options.tenantId,
    requests,
    tokenGrants,
    failNext: (next) => {
      failures = [...failures, ...next];
    },
    failAlways: (failure) => {
      failingAlways = failure;
    },
    recover: () => {
      failures = [];
      failingAlways = null;
    },
    expireAccessTokens: () => accessTokens.clear(),
    consent: async (consentUrl) => {
      const answer = await fetch(consentUrl, { redirect: "manual" });
      const location = answer.headers.get("location");
      if (answer.status !== 302 || location === null) {
        throw new Error(`The consent page answered ${answer.status}: ${await answer.text()}`);
      }
      return new URL(location).searchParams;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Cents of a JSON amount, for arithmetic without floating point drift. */
export const cents = (amount: unknown) => Math.round(Number(amount ?? 0) * 100);
