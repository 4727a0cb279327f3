// Row types of the customer portal's tables, for the typed query builder.
import type { Json, Timestamp } from "../platform/database/schema.ts";

declare module "../platform/database/schema.ts" {
  interface DatabaseSchema {
    portal_secrets: PortalSecretTable;
    portal_frame_policies: PortalFramePolicyTable;
    portal_self_serve_settings: PortalSelfServeSettingsTable;
  }
}

export type PortalSecretTable = {
  environment_id: string;
  organization_id: string;
  /** Hex of 32 random bytes, sealed (envelope.ts): the HMAC-SHA256 key of the environment's portal links. */
  secret: string;
  created_at: Timestamp;
  rotated_at: Timestamp | null;
};

export type PortalFramePolicyTable = {
  organization_id: string;
  /** The origins that may frame the portal page; empty: none. */
  frame_ancestors: Json<string[]>;
  updated_at: Timestamp;
};

export type PortalSelfServeSettingsTable = {
  environment_id: string;
  organization_id: string;
  /** The codes of the plans a customer may switch its subscriptions to. */
  plan_codes: Json<string[]>;
  cancellation: PortalCancellation;
  updated_at: Timestamp;
};

/** Whether a customer may cancel its subscriptions itself: never, or at the end of the period. */
export type PortalCancellation = "not_allowed" | "at_period_end";
