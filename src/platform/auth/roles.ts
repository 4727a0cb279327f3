// Roles a key can carry, and what each may do. A route names the one
// permission it needs; this table is the only place that says which roles
// have it.

export const roles = ["admin", "billing_ops", "finance", "viewer", "ingest"] as const;
export type Role = (typeof roles)[number];

export const permissions = [
  "keys:manage",
  "customers:read",
  "customers:write",
  "events:read",
  "events:write",
  "meters:read",
  "meters:write",
  "catalog:read",
  "catalog:write",
  "catalog:approve",
  "billing:read",
  "billing:write",
  "finance:read",
  "finance:write",
  "audit:read",
  "simulations:run",
  "webhooks:manage",
] as const;
export type Permission = (typeof permissions)[number];

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
    "meters:write",
    "catalog:write",
    "billing:write",
  ]),
  finance: new Set<Permission>([...readEverything, "finance:write", "billing:write"]),
  viewer: new Set<Permission>(readEverything),
  ingest: new Set<Permission>(["events:read", "events:write"]),
};

export function roleAllows(role: Role, permission: Permission): boolean {
  return grants[role].has(permission);
}

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}
