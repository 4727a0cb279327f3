// Row types of the organizations domain's tables, for the typed query builder.

import type { Role } from "../platform/auth/roles.ts";
import type { DefaultedTimestamp, TenantRowColumns, Timestamp } from "../platform/database/schema.ts";

declare module "../platform/database/schema.ts" {
  interface DatabaseSchema {
    organizations: { id: string; name: string; created_at: DefaultedTimestamp };
    environments: {
      id: string;
      organization_id: string;
      kind: EnvironmentKind;
      created_at: DefaultedTimestamp;
    };
    api_keys: ApiKeyTable;
    test_clocks: TestClockTable;
  }
}

export type EnvironmentKind = "test" | "live";

export type ApiKeyTable = TenantRowColumns & {
  name: string;
  role: Role;
  prefix: string;
  secret_hash: string;
  created_at: DefaultedTimestamp;
  expires_at: Timestamp | null;
  revoked_at: Timestamp | null;
  last_used_at: Timestamp | null;
  rotated_from_key_id: string | null;
  /** The person or service account the key belongs to (people's users). */
  user_id: string;
};

export type TestClockTable = TenantRowColumns & {
  frozen_at: Timestamp;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
};
