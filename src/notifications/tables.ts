// Row types of the notifications tables (webhooks and customer emails), for
// the typed query builder.
import type { ColumnType } from "kysely";
import type { DefaultedTimestamp, Json, TenantRowColumns, Timestamp } from "../platform/database/schema.ts";

declare module "../platform/database/schema.ts" {
  interface DatabaseSchema {
    webhook_endpoints: WebhookEndpointTable;
    webhook_events: WebhookEventTable;
    webhook_deliveries: WebhookDeliveryTable;
    webhook_delivery_attempts: WebhookDeliveryAttemptTable;
    email_templates: EmailTemplateTable;
    email_messages: EmailMessageTable;
  }
}

/** A count that starts at its database default (0) and is then set by the application. */
type Counter = ColumnType<number, number | undefined, number>;

export type WebhookEndpointTable = TenantRowColumns & {
  url: string;
  description: string | null;
  event_types: Json<string[]>;
  enabled: boolean;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Timestamp | null;
  deleted_at: Timestamp | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
};

export type WebhookEventTable = TenantRowColumns & {
  type: string;
  data: Json<Record<string, unknown>>;
  created_at: DefaultedTimestamp;
};

export type WebhookDeliveryStatus = "pending" | "succeeded" | "failed" | "canceled";

export type WebhookDeliveryTable = TenantRowColumns & {
  event_id: string;
  endpoint_id: string;
  status: WebhookDeliveryStatus;
  attempt_count: Counter;
  next_attempt_at: Timestamp | null;
  last_attempt_at: Timestamp | null;
  last_response_status: number | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
};

export type WebhookAttemptTrigger = "automatic" | "manual";

export type WebhookDeliveryAttemptTable = {
  delivery_id: string;
  attempt_number: number;
  organization_id: string;
  environment_id: string;
  trigger: WebhookAttemptTrigger;
  /** in_progress until the answer comes; abandoned when its worker died before. */
  status: "in_progress" | "succeeded" | "failed" | "abandoned";
  started_at: Timestamp;
  latency_milliseconds: number;
  response_status: number | null;
  response_body_excerpt: string | null;
  error: string | null;
  job_id: string;
};

export type EmailTemplateTable = TenantRowColumns & {
  template: string;
  version: number;
  subject: string;
  html_body: string;
  text_body: string;
  created_at: DefaultedTimestamp;
};

export type EmailMessageStatus = "queued" | "sent" | "failed";

export type EmailMessageTable = TenantRowColumns & {
  template: string;
  template_version: number;
  customer_id: string | null;
  recipient: string;
  subject: string;
  html_body: string;
  text_body: string;
  status: EmailMessageStatus;
  attempt_count: Counter;
  last_error: string | null;
  transport: "smtp" | "folder" | null;
  sent_at: Timestamp | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
};
