// A small router over the History API: the console's pages are real paths
// (/customers/cus_…) that survive a reload and can be shared, because the
// server answers every non-API path with the console's index.html.
import { useMemo, useSyncExternalStore } from "react";

const navigationEvent = "fairbill:navigate";

function subscribe(onChange: () => void): () => void {
  window.addEventListener("popstate", onChange);
  window.addEventListener(navigationEvent, onChange);
  return () => {
    window.removeEventListener("popstate", onChange);
    window.removeEventListener(navigationEvent, onChange);
  };
}

function currentLocation(): string {
  return `${window.location.pathname}${window.location.search}`;
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === currentLocation()) return;
  if (options.replace) window.history.replaceState(null, "", to);
  else window.history.pushState(null, "", to);
  window.dispatchEvent(new Event(navigationEvent));
}

export type Location = { path: string; query: URLSearchParams };

export function useLocation(): Location {
  const location = useSyncExternalStore(subscribe, currentLocation);
  return useMemo(() => {
    const url = new URL(location, window.location.origin);
    return { path: url.pathname, query: url.searchParams };
  }, [location]);
}
