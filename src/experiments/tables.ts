// Row types of the experiments domain's tables (staged rollouts, experiments), for the typed query builder.
import type { Json, TenantRowColumns, Timestamp } from "../platform/database/schema.ts";

declare module "../platform/database/schema.ts" {
  interface DatabaseSchema {
    rollouts: RolloutTable;
    rollout_stages: RolloutStageTable;
    experiments: ExperimentTable;
    experiment_arms: ExperimentArmTable;
    experiment_assignments: ExperimentAssignmentTable;
  }
}

/** A rollout's guardrails as stored: decimal strings, a rule left null is not checked. */
export type StoredGuardrails = {
  customer_change_percent: string | null;
  zero_or_negative: boolean;
  moved_share: { change_percent: string; maximum_share_percent: string } | null;
  payment_problems_over_control_points: string | null;
};

/** A guardrail breach in words, with the figures behind it. */
export type StoredBreach = { rule: string; customer_id: string | null; message: string };

export type RolloutStatus = "running" | "completed" | "rolled_back" | "canceled";

export type RolloutTable = TenantRowColumns & {
  plan_id: string;
  from_version_id: string;
  to_version_id: string;
  salt: string;
  guardrails: Json<StoredGuardrails>;
  history_invoices: number;
  notify_email: string | null;
  status: RolloutStatus;
  breaches: Json<StoredBreach[]>;
  created_by: string;
  reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type StageStart = "now" | "at" | "after_previous_clean";
export type StageStatus = "pending" | "watching" | "clean" | "breached" | "skipped" | "canceled";

export type RolloutStageTable = TenantRowColumns & {
  rollout_id: string;
  position: number;
  /** numeric, read as a string: the share of the population on the new version once this stage has started. */
  percent: string;
  start: StageStart;
  starts_at: Timestamp | null;
  status: StageStatus;
  migration_id: string | null;
  rollback_migration_id: string | null;
  subscription_ids: string[];
  customer_ids: string[];
  started_at: Timestamp | null;
  evaluated_at: Timestamp | null;
  breaches: Json<StoredBreach[]>;
};

export type ExperimentStatus = "running" | "promoted" | "stopped";

export type ExperimentTable = TenantRowColumns & {
  name: string;
  plan_id: string;
  salt: string;
  assignment: "hash" | "lists";
  segment_key: string | null;
  audience: "new_signups" | "existing_next_period";
  starts_at: Timestamp;
  ends_at: Timestamp;
  status: ExperimentStatus;
  decision: Json<Record<string, unknown> | null> | null;
  created_by: string;
  reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type ExperimentArmTable = TenantRowColumns & {
  experiment_id: string;
  position: number;
  name: string;
  role: "control" | "variant";
  version_id: string;
  /** numeric, read as a string. */
  weight: string;
  customer_ids: string[];
};

export type ExperimentAssignmentTable = {
  organization_id: string;
  environment_id: string;
  experiment_id: string;
  customer_id: string;
  subscription_id: string;
  arm_id: string;
  stratum: string;
  migration_id: string | null;
  assigned_at: Timestamp;
};
