// Row types of the governance domain's tables (besides the audit log, declared
// in audit-log.ts), for the typed query builder.
import type {
  DefaultedTimestamp,
  Generated,
  Json,
  TenantRowColumns,
  Timestamp,
} from "../platform/database/schema.ts";
import type { ApprovalRequestKind, ApprovalRequiredFor } from "./governance-schemas.ts";

declare module "../platform/database/schema.ts" {
  interface DatabaseSchema {
    approval_policies: ApprovalPolicyTable;
    approvals: ApprovalTable;
    approval_policy_changes: ApprovalPolicyChangeTable;
    approval_requests: ApprovalRequestTable;
  }
}

export type ApprovalPolicyTable = {
  environment_id: string;
  organization_id: string;
  publish_requires_approval: boolean;
  /** Null until set: nothing besides plan versions needs approval. */
  approval_required_for: Json<ApprovalRequiredFor> | null;
  updated_at: DefaultedTimestamp;
};

export type ApprovalAction = "submitted" | "approved" | "rejected" | "commented";

export type ApprovalTable = TenantRowColumns & {
  position: Generated<string>;
  object_type: string;
  object_id: string;
  action: ApprovalAction;
  actor_type: string;
  actor_id: string;
  actor_role: string | null;
  actor_person_id: string | null;
  actor_person_name: string | null;
  comment: string | null;
  created_at: Timestamp;
};

export type ApprovalPolicyChangeTable = TenantRowColumns & {
  publish_requires_approval: boolean;
  approval_required_for: Json<ApprovalRequiredFor> | null;
  state: "pending" | "applied" | "rejected";
  proposed_by_actor_id: string;
  proposed_by_person_id: string | null;
  proposed_by_person_name: string | null;
  reason: string | null;
  decided_by_person_id: string | null;
  decided_by_person_name: string | null;
  created_at: Timestamp;
  decided_at: Timestamp | null;
};

export type ApprovalRequestState = "pending" | "approved" | "rejected" | "used";

export type ApprovalRequestTable = TenantRowColumns & {
  kind: ApprovalRequestKind;
  state: ApprovalRequestState;
  summary: string;
  target_id: string | null;
  request: Json<Record<string, unknown>>;
  fingerprint: string;
  requested_by_actor_id: string;
  requested_by_person_id: string | null;
  requested_by_person_name: string | null;
  reason: string | null;
  decided_by_actor_id: string | null;
  decided_by_person_id: string | null;
  decided_by_person_name: string | null;
  decision_comment: string | null;
  decided_at: Timestamp | null;
  used_for_object_id: string | null;
  used_at: Timestamp | null;
  created_at: Timestamp;
};
