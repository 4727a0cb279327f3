// Row types of the single sign-on tables, for the typed query builder.
import type { Role } from "../platform/auth/roles.ts";
import type { Json, Timestamp } from "../platform/database/schema.ts";

declare module "../platform/database/schema.ts" {
  interface DatabaseSchema {
    sso_connections: SsoConnectionTable;
    sso_email_domains: SsoEmailDomainTable;
    sso_sign_in_requests: SsoSignInRequestTable;
  }
}

/** One line of a connection's role mapping: people whose role claim holds `claim_value` get `role` in `environment`. */
export type RoleMapping = { claim_value: string; environment: "test" | "live"; role: Role };

export type SsoConnectionTable = {
  id: string;
  organization_id: string;
  issuer: string;
  client_id: string;
  client_secret: string;
  scopes: string[];
  role_claim: string;
  role_mappings: Json<RoleMapping[]>;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type SsoEmailDomainTable = {
  domain: string;
  organization_id: string;
  connection_id: string;
};

export type SsoSignInRequestTable = {
  id: string;
  organization_id: string;
  connection_id: string;
  state_hash: string;
  code_verifier: string;
  nonce: string;
  return_to: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
};
