// The portal's session: the token a portal link carries in its fragment
// (#token=…&return_url=…). It is read once, kept in this tab's sessionStorage
// so a reload keeps working, and taken out of the address bar so that it is
// not copied along with the address or left in the history.

export type PortalSession = { token: string; returnUrl: string | undefined };

const storageKey = "fairbill.portal-session";

// A sandboxed frame may refuse storage; the session then lives as long as the page.
let memorySession: PortalSession | undefined;

function readStored(): PortalSession | undefined {
  try {
    const text = window.sessionStorage.getItem(storageKey);
    return text === null ? memorySession : (JSON.parse(text) as PortalSession);
  } catch {
    return memorySession;
  }
}

function store(session: PortalSession): void {
  memorySession = session;
  try {
    window.sessionStorage.setItem(storageKey, JSON.stringify(session));
  } catch {
    // Kept in memory only.
  }
}

/** A back link only to a web address, never a javascript: one. */
function safeReturnUrl(text: string | null): string | undefined {
  if (text === null) return undefined;
  try {
    const url = new URL(text);
    return url.protocol === "https:" || url.protocol === "http:" ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

/** The session of a link just opened, else the one this tab already holds. */
export function takePortalSession(): PortalSession | undefined {
  const fragment = new URLSearchParams(window.location.hash.slice(1));
  const token = fragment.get("token");
  if (token !== null && token !== "") {
    store({ token, returnUrl: safeReturnUrl(fragment.get("return_url")) });
    window.history.replaceState(null, "", `${window.location.pathname}${window.location.search}`);
  }
  return readStored();
}
