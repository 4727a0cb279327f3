// Row types of the people domain's tables, for the typed query builder.
import type { ColumnType } from "kysely";
import type { Role } from "../platform/auth/roles.ts";
import type { DefaultedTimestamp, TenantRowColumns, Timestamp } from "../platform/database/schema.ts";

declare module "../platform/database/schema.ts" {
  interface DatabaseSchema {
    users: UserTable;
    memberships: MembershipTable;
    sessions: SessionTable;
    account_tokens: AccountTokenTable;
    invitations: InvitationTable;
    people_settings: PeopleSettingsTable;
  }
}

export type UserKind = "person" | "service_account";

export type UserTable = {
  id: string;
  organization_id: string;
  kind: UserKind;
  email: string | null;
  display_name: string;
  password_hash: string | null;
  email_verified_at: Timestamp | null;
  owner_user_id: string | null;
  /** The TOTP secret (base32), sealed with the organization's data key (envelope.ts). */
  totp_secret: string | null;
  totp_enabled_at: Timestamp | null;
  /** A secret set up but not yet confirmed by a first code, sealed like totp_secret. */
  pending_totp_secret: string | null;
  /** The time step (Unix seconds / 30) of the last TOTP code accepted: that code and older ones are refused. */
  totp_last_used_step: ColumnType<number | null, number | null | undefined, number | null>;
  failed_sign_ins: ColumnType<number, number | undefined, number>;
  last_failed_sign_in_at: Timestamp | null;
  locked_until: Timestamp | null;
  disabled_at: Timestamp | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
};

export type MembershipTable = {
  environment_id: string;
  user_id: string;
  organization_id: string;
  role: Role;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
};

export type SessionTable = {
  id: string;
  organization_id: string;
  user_id: string;
  token_hash: string;
  csrf_token_hash: string;
  second_factor_enrolment_required: boolean;
  user_agent: string | null;
  ip_address: string | null;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
};

export type AccountTokenPurpose = "email_verification" | "password_reset" | "first_admin";

export type AccountTokenTable = {
  id: string;
  organization_id: string;
  user_id: string | null;
  purpose: AccountTokenPurpose;
  token_hash: string;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_at: Timestamp;
};

export type InvitationTable = TenantRowColumns & {
  email: string;
  display_name: string;
  role: Role;
  invited_by_user_id: string;
  token_hash: string;
  expires_at: Timestamp;
  accepted_at: Timestamp | null;
  accepted_user_id: string | null;
  revoked_at: Timestamp | null;
  created_at: Timestamp;
};

export type PeopleSettingsTable = {
  organization_id: string;
  require_second_factor: boolean;
  updated_at: DefaultedTimestamp;
};
