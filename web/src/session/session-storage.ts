// How the console authenticates, kept for this browser tab. A person signed
// in with a password or single sign-on holds an HttpOnly session cookie that
// script cannot read; the console only keeps which environment they chose,
// and sends the session's CSRF token (from the fairbill_csrf cookie) with
// each write. For development, an API key of the test environment can sign
// in instead: kept in sessionStorage, it lives as long as the tab, is sent
// nowhere but the Authorization header, and is gone when the tab closes.
const apiKeyStorageKey = "fairbill.apiKey";
const environmentStorageKey = "fairbill.environment";
const csrfCookieName = "fairbill_csrf";

export type EnvironmentKind = "test" | "live";

export function storedApiKey(): string | undefined {
  return sessionStorage.getItem(apiKeyStorageKey) ?? undefined;
}

export function storeApiKey(apiKey: string): void {
  sessionStorage.setItem(apiKeyStorageKey, apiKey);
}

export function forgetApiKey(): void {
  sessionStorage.removeItem(apiKeyStorageKey);
}

/** The environment a person's session acts in, when they chose one in this tab. */
export function chosenEnvironment(): EnvironmentKind | undefined {
  const stored = sessionStorage.getItem(environmentStorageKey);
  return stored === "test" || stored === "live" ? stored : undefined;
}

export function chooseEnvironment(environment: EnvironmentKind | undefined): void {
  if (environment === undefined) sessionStorage.removeItem(environmentStorageKey);
  else sessionStorage.setItem(environmentStorageKey, environment);
}

/** The CSRF token of the session cookie, which every write made with the cookie repeats in a header. */
export function sessionCsrfToken(): string | undefined {
  const entry = document.cookie
    .split(";")
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${csrfCookieName}=`));
  return entry === undefined ? undefined : decodeURIComponent(entry.slice(csrfCookieName.length + 1));
}
