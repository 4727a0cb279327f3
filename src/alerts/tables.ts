// Row types of the alerts tables, for the typed query builder.
import type { ColumnType } from "kysely";
import type { ActorDescription } from "../audit/index.ts";
import type { DefaultedTimestamp, Json, TenantRowColumns, Timestamp } from "../platform/database/schema.ts";

declare module "../platform/database/schema.ts" {
  interface DatabaseSchema {
    alert_rules: AlertRuleTable;
    alert_triggers: AlertTriggerTable;
    alert_evaluation_requests: AlertEvaluationRequestTable;
  }
}

export const alertKinds = ["spend", "usage", "credit_balance", "allowance"] as const;
export type AlertKind = (typeof alertKinds)[number];

export type AlertRuleTable = TenantRowColumns & {
  customer_id: string;
  subscription_id: string | null;
  kind: AlertKind;
  name: string | null;
  meter_code: string | null;
  currency: string | null;
  /** The pricing unit an allowance rule watches; null otherwise. */
  pricing_unit: ColumnType<string | null, string | null | undefined, string | null>;
  /** numeric, read as a string. */
  threshold: string;
  email_customer: boolean;
  enabled: boolean;
  below_threshold: ColumnType<boolean, boolean | undefined, boolean>;
  created_by: Json<ActorDescription>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
  deleted_at: Timestamp | null;
};

export type AlertTriggerTable = TenantRowColumns & {
  rule_id: string;
  customer_id: string;
  subscription_id: string | null;
  kind: AlertKind;
  threshold: string;
  value: string;
  currency: string | null;
  meter_code: string | null;
  pricing_unit: ColumnType<string | null, string | null | undefined, string | null>;
  period_start: Timestamp | null;
  period_end: Timestamp | null;
  webhook_event_id: string | null;
  email_message_id: string | null;
  triggered_at: Timestamp;
};

export type AlertEvaluationRequestTable = {
  environment_id: string;
  organization_id: string;
  customer_id: string;
  requested_at: DefaultedTimestamp;
};
