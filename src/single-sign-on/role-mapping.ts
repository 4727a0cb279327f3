// A person's roles, read from the claims their identity provider released:
// the connection names the claim (`groups`, or a path into nested claims such
// as `realm_access.roles`) and maps its values to a role per environment. The
// first mapping that matches wins in each environment, so an admin orders
// them from the most to the least powerful.
import type { Role } from "../platform/auth/roles.ts";
import type { RoleMapping } from "./tables.ts";

export type RolesByEnvironment = Partial<Record<"test" | "live", Role>>;

export function rolesFromClaims(
  claims: Record<string, unknown>,
  roleClaim: string,
  mappings: readonly RoleMapping[],
): RolesByEnvironment {
  const values = new Set(claimValues(claims, roleClaim));
  const roles: RolesByEnvironment = {};
  for (const mapping of mappings) {
    if (roles[mapping.environment] === undefined && values.has(mapping.claim_value)) {
      roles[mapping.environment] = mapping.role;
    }
  }
  return roles;
}

/** The string values of a claim (a string, or an array of strings), found by a dotted path. */
export function claimValues(claims: Record<string, unknown>, path: string): string[] {
  let value: unknown = claims;
  for (const name of path.split(".")) {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return [];
    value = (value as Record<string, unknown>)[name];
  }
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === "string");
  return [];
}
