// The console's sections, each shown only to keys whose role can use it.
import type { Permission } from "../session/session-context.tsx";

export type Section = { path: string; label: string; permission: Permission };

export const sections: Section[] = [
  { path: "/", label: "Home", permission: "billing:read" },
  { path: "/customers", label: "Customers", permission: "customers:read" },
  { path: "/subscriptions", label: "Subscriptions", permission: "billing:read" },
  { path: "/invoices", label: "Invoices", permission: "billing:read" },
  { path: "/payments", label: "Payments", permission: "billing:read" },
  { path: "/credit-notes", label: "Credit notes", permission: "billing:read" },
  { path: "/disputes", label: "Disputes", permission: "finance:read" },
  { path: "/coupons", label: "Coupons", permission: "billing:read" },
  { path: "/contracts", label: "Contracts", permission: "billing:read" },
  { path: "/partners", label: "Partners", permission: "billing:read" },
  { path: "/bill-runs", label: "Bill runs", permission: "billing:read" },
  { path: "/held-drafts", label: "Held drafts", permission: "billing:read" },
  { path: "/backtests", label: "Backtests", permission: "catalog:read" },
  { path: "/experiments", label: "Experiments", permission: "billing:read" },
  { path: "/rollouts", label: "Rollouts", permission: "billing:read" },
  { path: "/plans", label: "Plans", permission: "catalog:read" },
  { path: "/approvals", label: "Approvals", permission: "catalog:read" },
  { path: "/products", label: "Products", permission: "catalog:read" },
  { path: "/features", label: "Features", permission: "catalog:read" },
  { path: "/meters", label: "Meters", permission: "meters:read" },
  { path: "/events", label: "Events", permission: "events:read" },
  { path: "/simulator", label: "Simulator", permission: "simulations:run" },
  { path: "/webhooks", label: "Webhooks", permission: "billing:read" },
  { path: "/reconciliation", label: "Reconciliation", permission: "finance:read" },
  { path: "/kpis", label: "KPIs", permission: "finance:read" },
  { path: "/revenue", label: "Revenue", permission: "finance:read" },
  { path: "/journal", label: "Journal", permission: "finance:read" },
  { path: "/tax-rates", label: "Tax rates", permission: "finance:read" },
  { path: "/integrations", label: "Integrations", permission: "finance:read" },
  { path: "/imports", label: "Imports", permission: "billing:read" },
  { path: "/parallel-runs", label: "Parallel runs", permission: "billing:read" },
  { path: "/cut-over", label: "Cut-over", permission: "billing:read" },
  { path: "/settings", label: "Settings", permission: "billing:read" },
  { path: "/dunning-campaigns", label: "Dunning", permission: "billing:read" },
  { path: "/email-templates", label: "Email templates", permission: "billing:read" },
  { path: "/audit-log", label: "Audit log", permission: "audit:read" },
  { path: "/api-keys", label: "API keys", permission: "keys:manage" },
  { path: "/users", label: "People", permission: "people:manage" },
];

export const roleLabels: Record<string, string> = {
  admin: "Admin",
  billing_ops: "Billing operations",
  finance: "Finance",
  viewer: "Viewer",
  ingest: "Ingest",
};

/** The section a path belongs to, for aria-current. */
export function sectionOf(path: string): Section | undefined {
  return sections.find((section) => path === section.path || path.startsWith(`${section.path}/`));
}
