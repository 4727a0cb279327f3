// The console's pages by path. A page's path parameters are decoded here, once.

export type Route =
  | { page: "home" }
  | { page: "customers" }
  | { page: "customer-new" }
  | { page: "customer"; customerId: string }
  | { page: "customer-edit"; customerId: string }
  | { page: "meters" }
  | { page: "meter-new" }
  | { page: "events" }
  | { page: "audit-log" }
  | { page: "api-keys" }
  | { page: "users" }
  | { page: "account" }
  | { page: "simulator" }
  | { page: "products" }
  | { page: "features" }
  | { page: "plans" }
  | { page: "plan-new" }
  | { page: "plan"; planId: string }
  | { page: "plan-diff"; planId: string }
  | { page: "plan-version"; planId: string; version: number }
  | { page: "plan-version-edit"; planId: string; version: number }
  | { page: "approvals" }
  | { page: "subscriptions" }
  | { page: "coupons" }
  | { page: "contracts" }
  | { page: "invoices" }
  | { page: "bill-runs" }
  | { page: "webhooks" }
  | { page: "reconciliation" }
  | { page: "kpis" }
  | { page: "webhook"; endpointId: string }
  | { page: "invoice-new" }
  | { page: "invoice"; invoiceId: string }
  | { page: "subscription-new" }
  | { page: "subscription"; subscriptionId: string }
  | { page: "backtests" }
  | { page: "experiments" }
  | { page: "experiment"; experimentId: string }
  | { page: "rollouts" }
  | { page: "held-drafts" }
  | { page: "partner"; partnerId: string }
  // Every page without parameters, as one member: TypeScript compares an
  // object with a union property against at most 25 members one by one.
  | { page: SinglePage }
  | { page: "not-found"; path: string };

export type SinglePage =
  | "meters"
  | "events"
  | "audit-log"
  | "api-keys"
  | "users"
  | "account"
  | "simulator"
  | "products"
  | "features"
  | "plans"
  | "approvals"
  | "subscriptions"
  | "coupons"
  | "contracts"
  | "invoices"
  | "bill-runs"
  | "webhooks"
  | "reconciliation"
  | "kpis"
  | "backtests"
  | "experiments"
  | "rollouts"
  | "held-drafts"
  | "payments"
  | "revenue"
  | "search"
  | "credit-notes"
  | "disputes"
  | "tax-rates"
  | "journal"
  | "integrations"
  | "imports"
  | "parallel-runs"
  | "cut-over"
  | "settings"
  | "dunning-campaigns"
  | "email-templates"
  | "partners";

// A Map, so that a path such as /constructor finds nothing inherited.
const singlePages = new Map<string, SinglePage>([
  ["meters", "meters"],
  ["events", "events"],
  ["audit-log", "audit-log"],
  ["api-keys", "api-keys"],
  ["users", "users"],
  ["account", "account"],
  ["simulator", "simulator"],
  ["products", "products"],
  ["features", "features"],
  ["plans", "plans"],
  ["approvals", "approvals"],
  ["subscriptions", "subscriptions"],
  ["coupons", "coupons"],
  ["contracts", "contracts"],
  ["invoices", "invoices"],
  ["bill-runs", "bill-runs"],
  ["webhooks", "webhooks"],
  ["reconciliation", "reconciliation"],
  ["kpis", "kpis"],
  ["backtests", "backtests"],
  ["experiments", "experiments"],
  ["rollouts", "rollouts"],
  ["held-drafts", "held-drafts"],
  ["payments", "payments"],
  ["revenue", "revenue"],
  ["integrations", "integrations"],
  ["search", "search"],
  ["credit-notes", "credit-notes"],
  ["disputes", "disputes"],
  ["tax-rates", "tax-rates"],
  ["journal", "journal"],
  ["imports", "imports"],
  ["parallel-runs", "parallel-runs"],
  ["cut-over", "cut-over"],
  ["settings", "settings"],
  ["dunning-campaigns", "dunning-campaigns"],
  ["email-templates", "email-templates"],
  ["partners", "partners"],
]);

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function versionNumber(segment: string | undefined): number | undefined {
  if (segment === undefined || !/^[1-9]\d{0,6}$/.test(segment)) return undefined;
  return Number(segment);
}

function customerRoute(rest: string[]): Route | undefined {
  const [second, third, ...more] = rest;
  if (more.length > 0) return undefined;
  if (second === "new" && third === undefined) return { page: "customer-new" };
  const customerId = second === undefined ? undefined : decodeSegment(second);
  if (customerId === undefined) return undefined;
  if (third === undefined) return { page: "customer", customerId };
  if (third === "edit") return { page: "customer-edit", customerId };
  return undefined;
}

function planRoute(rest: string[]): Route | undefined {
  const [second, third, fourth, fifth, ...more] = rest;
  if (more.length > 0) return undefined;
  if (second === "new" && third === undefined) return { page: "plan-new" };
  const planId = second === undefined ? undefined : decodeSegment(second);
  if (planId === undefined) return undefined;
  if (third === undefined) return { page: "plan", planId };
  if (third === "diff" && fourth === undefined) return { page: "plan-diff", planId };
  const version = versionNumber(fourth);
  if (third !== "versions" || version === undefined) return undefined;
  if (fifth === undefined) return { page: "plan-version", planId, version };
  if (fifth === "edit") return { page: "plan-version-edit", planId, version };
  return undefined;
}

function subscriptionRoute(segment: string): Route | undefined {
  if (segment === "new") return { page: "subscription-new" };
  const subscriptionId = decodeSegment(segment);
  return subscriptionId === undefined ? undefined : { page: "subscription", subscriptionId };
}

function invoiceRoute(segment: string): Route | undefined {
  if (segment === "new") return { page: "invoice-new" };
  const invoiceId = decodeSegment(segment);
  return invoiceId === undefined ? undefined : { page: "invoice", invoiceId };
}

export function matchRoute(path: string): Route {
  const segments = path.split("/").filter((segment) => segment !== "");
  const [first, ...rest] = segments;
  if (first === undefined) return { page: "home" };
  let route: Route | undefined;
  if (first === "customers" && rest.length > 0) route = customerRoute(rest);
  else if (first === "plans" && rest.length > 0) route = planRoute(rest);
  else if (first === "meters" && rest.length === 1 && rest[0] === "new") route = { page: "meter-new" };
  else if (first === "subscriptions" && rest.length === 1) route = subscriptionRoute(rest[0]!);
  else if (first === "invoices" && rest.length === 1) route = invoiceRoute(rest[0]!);
  else if (first === "experiments" && rest.length === 1) {
    const experimentId = decodeSegment(rest[0]!);
    if (experimentId !== undefined) route = { page: "experiment", experimentId };
  } else if (first === "partners" && rest.length === 1) {
    const partnerId = decodeSegment(rest[0]!);
    if (partnerId !== undefined) route = { page: "partner", partnerId };
  } else if (first === "webhooks" && rest.length === 1) {
    const endpointId = decodeSegment(rest[0]!);
    if (endpointId !== undefined) route = { page: "webhook", endpointId };
  } else if (first === "customers" && rest.length === 0) route = { page: "customers" };
  else if (rest.length === 0) {
    const page = singlePages.get(first);
    if (page) route = { page };
  }
  return route ?? { page: "not-found", path };
}

export function customerPath(customerId: string): string {
  return `/customers/${encodeURIComponent(customerId)}`;
}

export function planPath(planId: string): string {
  return `/plans/${encodeURIComponent(planId)}`;
}

export function planVersionPath(planId: string, version: number): string {
  return `${planPath(planId)}/versions/${version}`;
}

export function planDiffPath(planId: string, from: number, to: number): string {
  return `${planPath(planId)}/diff?from=${from}&to=${to}`;
}

export function subscriptionPath(subscriptionId: string): string {
  return `/subscriptions/${encodeURIComponent(subscriptionId)}`;
}

export function invoicePath(invoiceId: string): string {
  return `/invoices/${encodeURIComponent(invoiceId)}`;
}

export function partnerPath(partnerId: string): string {
  return `/partners/${encodeURIComponent(partnerId)}`;
}

export function webhookPath(endpointId: string): string {
  return `/webhooks/${encodeURIComponent(endpointId)}`;
}

export function experimentPath(experimentId: string): string {
  return `/experiments/${encodeURIComponent(experimentId)}`;
}
