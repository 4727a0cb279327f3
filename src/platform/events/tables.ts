// Row types of the domain events' outbox, for the typed query builder.
import type { DefaultedTimestamp, Json, TenantRowColumns, Timestamp } from "../database/schema.ts";

declare module "../database/schema.ts" {
  interface DatabaseSchema {
    domain_events: DomainEventTable;
    domain_event_receipts: DomainEventReceiptTable;
  }
}

export type DomainEventTable = TenantRowColumns & {
  type: string;
  payload: Json<unknown>;
  occurred_at: Timestamp;
  recorded_at: DefaultedTimestamp;
};

export type DomainEventReceiptTable = {
  event_id: string;
  subscriber: string;
  handled_at: DefaultedTimestamp;
};
