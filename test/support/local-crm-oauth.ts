// What the local HubSpot and Salesforce servers share: OAuth 2 as both speak
// it (a consent page that redirects with a code and the state, a token
// endpoint taking the client's credentials in the form, the authorization
// code and refresh token grants), bearer tokens on API requests, a log of
// requests, and failures a test injects (429 or 5xx, with a Retry-After).
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type Answer = { status: number; body: unknown; headers?: Record<string, string> };
export type InjectedFailure = { status: number; retryAfter?: string; body?: unknown };
export type LoggedRequest = { method: string; path: string; status: number };

export type ApiRequest = { method: string; url: URL; body: unknown; text: string };

export type LocalOAuthServer = {
  url: string;
  clientId: string;
  clientSecret: string;
  requests: LoggedRequest[];
  /** The next API requests answer these, in order. */
  failNext(failures: InjectedFailure[]): void;
  /** Follows the consent page as a person who consents would: the redirect's code and state. */
  consent(consentUrl: string): Promise<{ code: string; state: string }>;
  /** Whether the access token is one the token endpoint issued. */
  knowsToken(token: string): boolean;
  close(): Promise<void>;
};

export async function startLocalOAuthServer(options: {
  authorizePath: string;
  tokenPath: string;
  /** Extra fields of a token answer (Salesforce's instance_url and id). */
  tokenFields: (url: string) => Record<string, unknown>;
  /** The API: null when the path is not the API's (404). */
  api: (request: ApiRequest) => Answer | null;
  /** Requests answered without a bearer token (HubSpot's access-token lookup). */
  open?: (request: ApiRequest) => Answer | null;
  failure: (status: number) => unknown;
}): Promise<LocalOAuthServer> {
  const clientId = `client-${randomBytes(6).toString("hex")}`;
  const clientSecret = randomBytes(16).toString("hex");
  const codes = new Map<string, string>();
  const refreshTokens = new Set<string>();
  const accessTokens = new Set<string>();
  const requests: LoggedRequest[] = [];
  let failures: InjectedFailure[] = [];
  let url = "";

  const send = (response: ServerResponse, answer: Answer) => {
    response.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
    response.end(answer.status === 204 ? undefined : JSON.stringify(answer.body));
  };

  const issueTokens = () => {
    const access = randomBytes(16).toString("hex");
    const refresh = randomBytes(16).toString("hex");
    accessTokens.add(access);
    refreshTokens.add(refresh);
    return {
      access_token: access,
      refresh_token: refresh,
      expires_in: 1800,
      token_type: "bearer",
      ...options.tokenFields(url),
    };
  };

  const token = (text: string): Answer => {
    const form = new URLSearchParams(text);
    if (form.get("client_id") !== clientId || form.get("client_secret") !== clientSecret) {
      return { status: 401, body: { error: "invalid_client" } };
    }
    if (form.get("grant_type") === "authorization_code") {
      const code = form.get("code") ?? "";
      const redirect = codes.get(code);
      codes.delete(code);
      if (redirect === undefined || redirect !== form.get("redirect_uri")) {
        return { status: 400, body: { error: "invalid_grant" } };
      }
      return { status: 200, body: issueTokens() };
    }
    if (form.get("grant_type") === "refresh_token") {
      if (!refreshTokens.delete(form.get("refresh_token") ?? "")) {
        return { status: 400, body: { error: "invalid_grant" } };
      }
      return { status: 200, body: issueTokens() };
    }
    return { status: 400, body: { error: "unsupported_grant_type" } };
  };

  const server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    const requestUrl = new URL(request.url ?? "/", url);
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const method = request.method ?? "GET";
    const answer = ((): Answer => {
      if (requestUrl.pathname === options.authorizePath) {
        const redirect = requestUrl.searchParams.get("redirect_uri") ?? "";
        if (requestUrl.searchParams.get("client_id") !== clientId) {
          return { status: 400, body: { error: "invalid_client" } };
        }
        const code = randomBytes(12).toString("hex");
        codes.set(code, redirect);
        const location = new URL(redirect);
        location.searchParams.set("code", code);
        location.searchParams.set("state", requestUrl.searchParams.get("state") ?? "");
        return { status: 302, body: null, headers: { location: location.toString() } };
      }
      if (requestUrl.pathname === options.tokenPath && method === "POST") return token(text);
      let body: unknown = null;
      try {
        body = text === "" ? null : JSON.parse(text);
      } catch {
        return { status: 400, body: options.failure(400) };
      }
      const apiRequest = { method, url: requestUrl, body, text };
      const open = options.open?.(apiRequest);
      if (open !== undefined && open !== null) return open;
      const bearer = /^Bearer (.+)$/i.exec(request.headers.authorization ?? "")?.[1];
      if (bearer === undefined || !accessTokens.has(bearer))
        return { status: 401, body: options.failure(401) };
      const failure = failures.shift();
      if (failure !== undefined) {
        return {
          status: failure.status,
          body: failure.body ?? options.failure(failure.status),
          headers: failure.retryAfter === undefined ? {} : { "retry-after": failure.retryAfter },
        };
      }
      return options.api(apiRequest) ?? { status: 404, body: options.failure(404) };
    })();
    requests.push({ method, path: requestUrl.pathname, status: answer.status });
    send(response, answer);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    clientId,
    clientSecret,
    requests,
    failNext: (next) => {
      failures = [...failures, ...next];
    },
    consent: async (consentUrl) => {
      const answer = await fetch(consentUrl, { redirect: "manual" });
      const location = new URL(answer.headers.get("location") ?? "");
      return {
        code: location.searchParams.get("code") ?? "",
        state: location.searchParams.get("state") ?? "",
      };
    },
    knowsToken: (candidate) => accessTokens.has(candidate),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
