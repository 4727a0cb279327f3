// The OAuth 2 half that every local vendor server shares (QuickBooks Online,
// NetSuite, HubSpot, Salesforce): an HTTP server on a free local port; the
// authorization code grant (a consent page that redirects with a code, the
// state and, where the vendor names it there, the tenant consented to); a
// token endpoint with the code and refresh token grants, the client
// authenticated by HTTP Basic or in the form as the vendor wants; bearer
// tokens on API requests, which a test can expire; a log of API requests and
// of token grants; and failures a test injects (429 or 5xx with a
// Retry-After, or 401 for an expired token), on every request or on those a
// matcher picks. Each vendor's server adds its API on top.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { closeServer, listenLocally } from "./local-server.ts";

export type Answer = { status: number; body: unknown; headers?: Record<string, string> };

/** An API request, its path relative to the API's prefix. */
export type ApiRequest = {
  method: string;
  url: URL;
  path: string;
  body: unknown;
  text: string;
  headers: IncomingMessage["headers"];
};

/** Which API requests a failure is for: all when left out. */
export type RequestMatcher = { method?: string; path?: RegExp };

/**
 * What the next matching API request answers instead of the API. A 401 is an expired token: every
 * access token issued so far stops working, so the caller must refresh.
 */
export type InjectedFailure = { status: number; retryAfter?: string; body?: unknown } & RequestMatcher;

type LoggedRequest = { method: string; path: string; status: number };

/** What a test drives on a local vendor. */
export type LocalOAuthServer = {
  url: string;
  clientId: string;
  clientSecret: string;
  /** API requests answered, in order (the OAuth endpoints' are not logged here). */
  requests: LoggedRequest[];
  /** Token grants answered, by grant type. */
  tokenGrants: string[];
  /** The next matching API requests answer these, in order. */
  failNext(failures: InjectedFailure[]): void;
  /** Every matching API request answers this until `recover()`. */
  failAlways(failure: InjectedFailure): void;
  recover(): void;
  /** Every access token issued so far stops working: the next call must refresh. */
  expireAccessTokens(): void;
  /** Whether the access token is one the token endpoint issued and still honours. */
  knowsToken(token: string): boolean;
  /** Follows the consent page as a person who consents would: the redirect's code, state and query. */
  consent(consentUrl: string): Promise<{ code: string; state: string; query: URLSearchParams }>;
  close(): Promise<void>;
};

type LocalOAuthServerOptions = {
  paths: {
    authorize: string;
    token: string /** Where the API's paths start ("/" unless told). */;
    apiPrefix?: string;
  };
  /** Where the token endpoint expects the client's credentials: HTTP Basic or the form. */
  clientAuthentication: "basic" | "form";
  /** The redirect's parameter naming the tenant consented to (QuickBooks: realmId; NetSuite: company). */
  tenant?: { parameter: string; id: string };
  /** Extra fields of a token answer (Salesforce's instance_url and id), given the server's URL. */
  tokenFields?: (url: string) => Record<string, unknown>;
  expiresInSeconds?: number;
  /** Requests answered without a bearer token (HubSpot's access-token lookup); null when not one. */
  open?: (request: ApiRequest) => Answer | null;
  /** An API request's answer; null when the path is not the API's (404). */
  api: (request: ApiRequest) => Answer | null;
  /** The vendor's error body for a status (a request without a valid token, a failure injected, a 404). */
  failure: (status: number, why: string) => unknown;
};

const matches = (matcher: RequestMatcher, method: string, path: string) =>
  (matcher.method === undefined || matcher.method === method) &&
  (matcher.path === undefined || matcher.path.test(path));

export async function startLocalOAuthServer(options: LocalOAuthServerOptions): Promise<LocalOAuthServer> {
  const clientId = `client-${randomBytes(6).toString("hex")}`;
  const clientSecret = randomBytes(16).toString("hex");
  const apiPrefix = options.paths.apiPrefix ?? "/";
  const codes = new Map<string, string>();
  const refreshTokens = new Set<string>();
  const accessTokens = new Set<string>();
  const requests: LoggedRequest[] = [];
  const tokenGrants: string[] = [];
  let failures: InjectedFailure[] = [];
  let failingAlways: InjectedFailure | null = null;
  let url = "";

  const issueTokens = () => {
    const access = randomBytes(16).toString("hex");
    const refresh = randomBytes(16).toString("hex");
    accessTokens.add(access);
    refreshTokens.add(refresh);
    return {
      access_token: access,
      refresh_token: refresh,
      token_type: "bearer",
      expires_in: options.expiresInSeconds ?? 3600,
      ...options.tokenFields?.(url),
    };
  };

  const clientAuthenticated = (request: IncomingMessage, form: URLSearchParams) =>
    options.clientAuthentication === "basic"
      ? request.headers.authorization ===
        `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}`
      : form.get("client_id") === clientId && form.get("client_secret") === clientSecret;

  const token = (request: IncomingMessage, text: string): Answer => {
    const form = new URLSearchParams(text);
    if (!clientAuthenticated(request, form)) return { status: 401, body: { error: "invalid_client" } };
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
      // A refresh token is spent by its use, as the vendors rotate them.
      if (!refreshTokens.delete(form.get("refresh_token") ?? "")) {
        return { status: 400, body: { error: "invalid_grant" } };
      }
      return { status: 200, body: issueTokens() };
    }
    return { status: 400, body: { error: "unsupported_grant_type" } };
  };

  const authorize = (requestUrl: URL): Answer => {
    if (requestUrl.searchParams.get("client_id") !== clientId) {
      return { status: 400, body: { error: "unauthorized_client" } };
    }
    const code = randomBytes(12).toString("hex");
    const redirectUri = requestUrl.searchParams.get("redirect_uri") ?? "";
    codes.set(code, redirectUri);
    const location = new URL(redirectUri);
    location.searchParams.set("code", code);
    location.searchParams.set("state", requestUrl.searchParams.get("state") ?? "");
    if (options.tenant !== undefined) location.searchParams.set(options.tenant.parameter, options.tenant.id);
    return { status: 302, body: null, headers: { location: location.toString() } };
  };

  const injected = (method: string, path: string): InjectedFailure | null => {
    const index = failures.findIndex((failure) => matches(failure, method, path));
    if (index >= 0) return failures.splice(index, 1)[0] ?? null;
    return failingAlways !== null && matches(failingAlways, method, path) ? failingAlways : null;
  };

  const api = (request: IncomingMessage, requestUrl: URL, text: string): Answer => {
    const method = request.method ?? "GET";
    let body: unknown = null;
    try {
      body = text === "" ? null : JSON.parse(text);
    } catch {
      return { status: 400, body: options.failure(400, "The body is not JSON") };
    }
    const apiRequest: ApiRequest = {
      method,
      url: requestUrl,
      path: requestUrl.pathname.slice(apiPrefix.length),
      body,
      text,
      headers: request.headers,
    };
    const open = options.open?.(apiRequest);
    if (open !== undefined && open !== null) return open;
    const bearer = /^Bearer (.+)$/i.exec(request.headers.authorization ?? "")?.[1];
    if (bearer === undefined || !accessTokens.has(bearer)) {
      return { status: 401, body: options.failure(401, "The access token expired") };
    }
    const failure = injected(method, apiRequest.path);
    if (failure !== null) {
      if (failure.status === 401) accessTokens.clear();
      const why =
        failure.status === 429
          ? "Too many requests"
          : failure.status === 401
            ? "Token expired"
            : "Server error";
      return {
        status: failure.status,
        body: failure.body ?? options.failure(failure.status, why),
        ...(failure.retryAfter === undefined ? {} : { headers: { "retry-after": failure.retryAfter } }),
      };
    }
    return options.api(apiRequest) ?? { status: 404, body: options.failure(404, "Not found") };
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

  const server = createServer((request, response) => {
    const requestUrl = new URL(request.url ?? "/", url);
    const handle = async () => {
      const text = await readBody(request);
      const method = request.method ?? "GET";
      if (requestUrl.pathname === options.paths.authorize && method === "GET") {
        return send(response, authorize(requestUrl));
      }
      if (requestUrl.pathname === options.paths.token && method === "POST") {
        return send(response, token(request, text));
      }
      if (!requestUrl.pathname.startsWith(apiPrefix)) {
        return send(response, { status: 404, body: options.failure(404, "Not found") });
      }
      const answer = api(request, requestUrl, text);
      requests.push({ method, path: requestUrl.pathname.slice(apiPrefix.length), status: answer.status });
      send(response, answer);
    };
    handle().catch((error: unknown) => send(response, { status: 500, body: { message: String(error) } }));
  });
  url = await listenLocally(server);

  return {
    url,
    clientId,
    clientSecret,
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
    knowsToken: (candidate) => accessTokens.has(candidate),
    consent: async (consentUrl) => {
      const answer = await fetch(consentUrl, { redirect: "manual" });
      const location = answer.headers.get("location");
      if (answer.status !== 302 || location === null) {
        throw new Error(`The consent page answered ${answer.status}: ${await answer.text()}`);
      }
      const query = new URL(location).searchParams;
      return { code: query.get("code") ?? "", state: query.get("state") ?? "", query };
    },
    close: () => closeServer(server),
  };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Cents of a JSON amount, for arithmetic without floating point drift. */
export const cents = (amount: unknown) => Math.round(Number(amount ?? 0) * 100);
