// The console's pages by path. A page's path parameters are decoded here, once.

export type Route =
  | { page: "home" }
  | { page: "customers" }
  | { page: "customer-new" }
  | { page: "customer"; customerId: string }
  | { page: "customer-edit"; customerId: string }
  | { page: "meters" }
  | { page: "events" }
  | { page: "audit-log" }
  | { page: "api-keys" }
  | { page: "simulator" }
  | { page: "not-found"; path: string };

// A Map, so that a path such as /constructor finds nothing inherited.
const singlePages = new Map<string, "meters" | "events" | "audit-log" | "api-keys" | "simulator">([
  ["meters", "meters"],
  ["events", "events"],
  ["audit-log", "audit-log"],
  ["api-keys", "api-keys"],
  ["simulator", "simulator"],
]);

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

export function matchRoute(path: string): Route {
  const segments = path.split("/").filter((segment) => segment !== "");
  const [first, second, third, ...rest] = segments;
  if (first === undefined) return { page: "home" };
  if (rest.length === 0) {
    if (first === "customers") {
      if (second === undefined) return { page: "customers" };
      if (second === "new" && third === undefined) return { page: "customer-new" };
      const customerId = decodeSegment(second);
      if (customerId !== undefined && third === undefined) return { page: "customer", customerId };
      if (customerId !== undefined && third === "edit") return { page: "customer-edit", customerId };
    }
    if (second === undefined) {
      const page = singlePages.get(first);
      if (page) return { page };
    }
  }
  return { page: "not-found", path };
}

export function customerPath(customerId: string): string {
  return `/customers/${encodeURIComponent(customerId)}`;
}
