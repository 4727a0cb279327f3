// The JSON shapes of draft holds on the API and in their webhook events.
import { type Static, Type } from "typebox";
import { NonEmptyId, Nullable, PrefixedId, StringEnum, Timestamp } from "../platform/http/schemas.ts";
import { StrictObject } from "../platform/http/validation.ts";

const HeldInvoiceSchema = Type.Object({
  id: PrefixedId("inv"),
  status: Type.String({ description: "draft while held; the draft's status once the hold is resolved" }),
  currency: Type.String(),
  total: Type.String(),
  issued_at: Timestamp,
  period_start: Nullable(Timestamp),
  period_end: Nullable(Timestamp),
});

export const InvoiceHoldSchema = Type.Object(
  {
    id: PrefixedId("ihd"),
    customer_id: Type.String(),
    invoice_id: Nullable({
      ...Type.String(),
      description:
        "the held draft; null while a hold placed ahead of time waits for the customer's next draft",
    }),
    invoice: Nullable(HeldInvoiceSchema),
    issued_from: Nullable({
      ...Timestamp,
      description:
        "a hold placed ahead of time takes the customer's first draft issued at or after this instant",
    }),
    source: StringEnum(["anomaly_guard", "rollout"], {
      description:
        "anomaly_guard: the bill run's standing guard; rollout: a staged rollout watching its cohort",
    }),
    source_id: Nullable({ ...Type.String(), description: "the rollout that placed it" }),
    reason: Type.String({ description: "why the draft is held, in words" }),
    details: Type.Record(Type.String(), Type.Unknown()),
    status: StringEnum(["active", "released", "discarded"]),
    created_by: Type.String(),
    created_at: Timestamp,
    held_at: Nullable(Timestamp),
    resolved_by: Nullable(Type.String()),
    resolved_at: Nullable(Timestamp),
    resolution_reason: Nullable(Type.String()),
  },
  { title: "InvoiceHold" },
);
export type InvoiceHoldView = Static<typeof InvoiceHoldSchema>;

export const InvoiceHoldListQuery = StrictObject({
  status: Type.Optional(StringEnum(["active", "released", "discarded"])),
  customer_id: Type.Optional(NonEmptyId),
  source_id: Type.Optional({ ...NonEmptyId, description: "the rollout that placed the holds" }),
});
