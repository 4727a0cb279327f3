// A real OpenID Connect provider for tests (the `oidc-provider` package, the
// certified implementation many identity servers are built on), listening on
// a local port: discovery, authorization with PKCE, the token endpoint, ID
// tokens signed with its own keys, userinfo. Its sign-in page is the one
// thing a test stands in for: the person typing their name is the `login`
// query parameter of the interaction page (see `signInThroughProvider`),
// and consent is given at once.
import { generateKeyPairSync } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import Provider, { type Adapter, type AdapterPayload } from "oidc-provider";
import { closeServer, listenLocally } from "./local-server.ts";

/** A person known to the provider: their subject and the claims it releases. */
export type ProviderAccount = {
  sub: string;
  email: string;
  email_verified?: boolean;
  name?: string;
  groups?: string[];
};

export type ProviderClient = { client_id: string; client_secret: string; redirect_uris: string[] };

export type OpenIdProvider = {
  issuer: string;
  /** Adds or replaces an account. */
  addAccount(account: ProviderAccount): void;
  close(): Promise<void>;
};

export async function startOpenIdProvider(options: { clients: ProviderClient[] }): Promise<OpenIdProvider> {
  const accounts = new Map<string, ProviderAccount>();
  let provider: Provider | undefined;
  const server = createServer((request, response) => {
    if (provider === undefined) {
      response.statusCode = 503;
      response.end();
      return;
    }
    if (request.url?.startsWith("/interaction/")) {
      void interact(provider, accounts, request, response).catch((error: unknown) => {
        response.statusCode = 500;
        response.end(String(error));
      });
      return;
    }
    provider.callback()(request, response);
  });
  const issuer = await listenLocally(server);
  provider = new Provider(issuer, {
    clients: options.clients.map((client) => ({
      ...client,
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
    })),
    claims: {
      openid: ["sub"],
      email: ["email", "email_verified"],
      profile: ["name"],
      groups: ["groups"],
    },
    scopes: ["openid", "email", "profile", "groups"],
    pkce: { required: () => true },
    cookies: { keys: ["openid-provider-test-cookie-key"] },
    // Its own signing key, lifetimes and store, so that it says nothing about development defaults.
    jwks: {
      keys: [generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" })],
    },
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      IdToken: 600,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
    },
    adapter: MemoryAdapter,
    features: { devInteractions: { enabled: false } },
    findAccount: (_context, id) => {
      const account = accounts.get(id);
      if (account === undefined) return undefined;
      return {
        accountId: id,
        claims: () => ({
          sub: account.sub,
          email: account.email,
          email_verified: account.email_verified ?? true,
          ...(account.name === undefined ? {} : { name: account.name }),
          ...(account.groups === undefined ? {} : { groups: account.groups }),
        }),
      };
    },
  });
  return {
    issuer,
    addAccount: (account) => accounts.set(account.sub, account),
    close: () => closeServer(server),
  };
}

/** The provider's sessions, grants, codes and tokens, kept in memory for the test's life. */
class MemoryAdapter implements Adapter {
  private static readonly store = new Map<string, AdapterPayload>();
  private readonly model: string;
  constructor(model: string) {
    this.model = model;
  }

  private key(id: string): string {
    return `${this.model}:${id}`;
  }

  async upsert(id: string, payload: AdapterPayload): Promise<void> {
    MemoryAdapter.store.set(this.key(id), payload);
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    return MemoryAdapter.store.get(this.key(id));
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    return [...MemoryAdapter.store.entries()].find(
      ([key, payload]) => key.startsWith(`${this.model}:`) && payload.uid === uid,
    )?.[1];
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    return [...MemoryAdapter.store.entries()].find(
      ([key, payload]) => key.startsWith(`${this.model}:`) && payload.userCode === userCode,
    )?.[1];
  }

  async consume(id: string): Promise<void> {
    const payload = MemoryAdapter.store.get(this.key(id));
    if (payload) payload.consumed = Math.floor(Date.now() / 1000);
  }

  async destroy(id: string): Promise<void> {
    MemoryAdapter.store.delete(this.key(id));
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    for (const [key, payload] of MemoryAdapter.store) {
      if (payload.grantId === grantId) MemoryAdapter.store.delete(key);
    }
  }
}

/**
 * The provider's sign-in and consent page: signs in the account the `login`
 * parameter names (as if the person had typed it), and grants what the client
 * asked for.
 */
async function interact(
  provider: Provider,
  accounts: Map<string, ProviderAccount>,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const details = await provider.interactionDetails(request, response);
  if (details.prompt.name === "login") {
    const login = new URL(request.url ?? "/", "http://provider").searchParams.get("login");
    if (login === null || !accounts.has(login)) {
      response.statusCode = 400;
      response.end(`No account "${login}" at this provider.`);
      return;
    }
    await provider.interactionFinished(
      request,
      response,
      { login: { accountId: login } },
      { mergeWithLastSubmission: false },
    );
    return;
  }
  const accountId = details.session?.accountId;
  const clientId = details.params.client_id;
  if (accountId === undefined || typeof clientId !== "string") throw new Error("consent without a session");
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId, clientId });
  if (grant === undefined) throw new Error("the grant went missing");
  const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(" "));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  const grantId = await grant.save();
  await provider.interactionFinished(
    request,
    response,
    { consent: { grantId } },
    { mergeWithLastSubmission: true },
  );
}

/**
 * A browser's walk through the provider: from the authorization URL, follows
 * redirects (keeping the provider's cookies) and signs in as `login` on its
 * sign-in page, until the provider sends the browser back to a URL starting
 * with `redirectBase`, which it returns (the code and state in its query).
 */
export async function signInThroughProvider(
  authorizationUrl: string,
  login: string,
  redirectBase: string,
): Promise<URL> {
  const cookies = new Map<string, string>();
  let url = new URL(authorizationUrl);
  for (let step = 0; step < 20; step += 1) {
    if (url.href.startsWith(redirectBase)) return url;
    if (url.pathname.startsWith("/interaction/")) url.searchParams.set("login", login);
    const response = await fetch(url, {
      redirect: "manual",
      headers: { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join("; ") },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const separator = pair.indexOf("=");
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      if (value === "" || /expires=Thu, 01 Jan 1970/i.test(line)) cookies.delete(name);
      else cookies.set(name, value);
    }
    const location = response.headers.get("location");
    if (location === null) {
      throw new Error(`The provider answered ${response.status} at ${url.href}: ${await response.text()}`);
    }
    url = new URL(location, url);
  }
  throw new Error("The provider redirected more than 20 times.");
}
