import { describe, expect, it } from "vitest";
import { claimValues, rolesFromClaims } from "./role-mapping.ts";
import type { RoleMapping } from "./tables.ts";

const mappings: RoleMapping[] = [
  { claim_value: "fairbill-admins", environment: "live", role: "admin" },
  { claim_value: "fairbill-admins", environment: "test", role: "admin" },
  { claim_value: "billing", environment: "live", role: "billing_ops" },
  { claim_value: "billing", environment: "test", role: "billing_ops" },
  { claim_value: "finance", environment: "live", role: "finance" },
  { claim_value: "everyone", environment: "live", role: "viewer" },
];

describe("roles from claims", () => {
  it("gives each environment the role of the first mapping whose value the claim holds", () => {
    expect(rolesFromClaims({ groups: ["everyone", "finance"] }, "groups", mappings)).toEqual({
      live: "finance",
    });
    expect(rolesFromClaims({ groups: ["billing", "fairbill-admins"] }, "groups", mappings)).toEqual({
      live: "admin",
      test: "admin",
    });
    expect(rolesFromClaims({ groups: "billing" }, "groups", mappings)).toEqual({
      live: "billing_ops",
      test: "billing_ops",
    });
  });

  it("gives no role when the claim is missing, of another type, or holds no mapped value", () => {
    expect(rolesFromClaims({}, "groups", mappings)).toEqual({});
    expect(rolesFromClaims({ groups: 7 }, "groups", mappings)).toEqual({});
    expect(rolesFromClaims({ groups: ["strangers"] }, "groups", mappings)).toEqual({});
  });

  it("reads a claim nested in others by a dotted path, and only its strings", () => {
    const claims = { realm_access: { roles: ["finance", 3, null] } };
    expect(claimValues(claims, "realm_access.roles")).toEqual(["finance"]);
    expect(claimValues(claims, "realm_access.roles.more")).toEqual([]);
    expect(rolesFromClaims(claims, "realm_access.roles", mappings)).toEqual({ live: "finance" });
  });
});
