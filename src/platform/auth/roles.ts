// Roles a key can carry, and what each may do. A route names the one
// permission it needs; this table is the only place that says which roles
// have it. The README's role table is generated from it (role-table.ts), and
// test/api/role-permissions.test.ts calls every route with a key of every role
// and compares the answers with it.
//
// What each role is for:
// - billing_ops configures pricing, customers, subscriptions, credits and
//   coupons, corrects events, and approves another person's pricing changes;
// - finance records payments and refunds, issues credit notes, manages taxes,
//   periods, the journal and the close, and reads everything else;
// - ingest sends usage events and nothing else;
// - viewer reads;
// - admin manages people, keys, webhooks and settings, and may do everything.

export const roles = ["admin", "billing_ops", "finance", "viewer", "ingest"] as const;
export type Role = (typeof roles)[number];

/** Every permission, with what it lets a key do (the README's role table says it in these words). */
export const permissionDescriptions = {
  "keys:manage": "create, rotate and revoke API keys; rotate the customer portal's signing secret",
  "people:manage":
    "invite people, change their role in the environment or disable them; service accounts and their keys; the organization's sign-in settings and single sign-on",
  "settings:manage": "change the payment provider's settings and the catalog's approval policy",
  "webhooks:manage": "create, change and delete webhook endpoints, rotate their secrets, redeliver",
  "customers:read": "read customers",
  "customers:write": "create, change and archive customers",
  "events:read": "read events, unattributed events and usage",
  "events:write": "send usage events, one or a batch",
  "events:manage": "void and amend events, backfill past events",
  "meters:read": "read meters and the metering settings",
  "meters:write": "create and change meters and the metering settings",
  "catalog:read":
    "read products, features, plans, entitlements, price overrides, the approval policy, backtests and test matrices",
  "catalog:write":
    "draft, submit, publish and roll back plans; products, features, entitlements, price overrides; run and cancel backtests, save test matrices",
  "catalog:approve": "approve or reject a plan version another person submitted",
  "billing:read":
    "read subscriptions, invoices, credit notes, credits, wallets, coupons, payments, dunning, alerts, emails, webhooks, bill runs and the test clock",
  "billing:write":
    "subscriptions, plan migrations, credit grants, wallets and top-ups, coupons, one-off invoices (issue, finalize, void, bill now), payment methods, tax exemptions, dunning, alerts, email templates, portal links, the test clock",
  "finance:read":
    "read taxes, revenue, the journal, reconciliation, the close, disputes, KPIs and finance settings",
  "finance:write":
    "record payments and refunds, collect, mark uncollectible, issue credit notes, disputes, taxes, invoicing and finance settings, journal exports, period locks",
  "audit:read": "read and verify the audit log",
  "simulations:run": "run a pricing scenario through the billing engine (records nothing)",
} as const;

export type Permission = keyof typeof permissionDescriptions;
export const permissions = Object.keys(permissionDescriptions) as Permission[];

const readEverything: Permission[] = [
  "customers:read",
  "events:read",
  "meters:read",
  "catalog:read",
  "billing:read",
  "finance:read",
  "audit:read",
  "simulations:run",
];

const grants: Record<Role, ReadonlySet<Permission>> = {
  admin: new Set(permissions),
  billing_ops: new Set<Permission>([
    ...readEverything,
    "customers:write",
    "events:write",
    "events:manage",
    "meters:write",
    "catalog:write",
    "catalog:approve",
    "billing:write",
  ]),
  finance: new Set<Permission>([...readEverything, "finance:write"]),
  viewer: new Set<Permission>(readEverything),
  ingest: new Set<Permission>(["events:write"]),
};

export function roleAllows(role: Role, permission: Permission): boolean {
  return grants[role].has(permission);
}

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}
