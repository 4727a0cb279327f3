// The API key the console signed in with. Kept in sessionStorage: it lives as
// long as the browser tab, is not sent anywhere but the Authorization header,
// and is gone when the tab closes.
const storageKey = "fairbill.apiKey";

export function storedApiKey(): string | undefined {
  return sessionStorage.getItem(storageKey) ?? undefined;
}

export function storeApiKey(apiKey: string): void {
  sessionStorage.setItem(storageKey, apiKey);
}

export function forgetApiKey(): void {
  sessionStorage.removeItem(storageKey);
}
