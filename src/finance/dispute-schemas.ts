// Request and response bodies of billing disputes.
import { type Static, Type } from "typebox";
import { creditNoteReasons } from "../invoicing/index.ts";
import {
  NonEmptyId,
  NonNegativeDecimalString,
  Nullable,
  ObjectId,
  PrefixedId,
  StringEnum,
} from "../platform/http/schemas.ts";
import { StrictObject } from "../platform/http/validation.ts";
import type { DisputeStatus } from "./tables.ts";

const Text = (maxLength: number) =>
  Type.String({
    minLength: 1,
    maxLength,
    pattern: "^[^\\u0000]*$",
    examples: ["The customer says March's usage was counted twice."],
  });
const statuses: readonly DisputeStatus[] = ["open", "credited", "rejected"];

export const OpenDisputeBody = StrictObject({
  invoice_line_id: Type.Optional({ ...NonEmptyId, description: "dispute one line only" }),
  amount: Type.Optional({
    ...NonNegativeDecimalString,
    description: "what the customer disputes; the line's amount (or the invoice's total) when left out",
  }),
  reason: Text(2000),
});
export type OpenDisputeInput = Static<typeof OpenDisputeBody>;

export const DisputeNoteBody = StrictObject({ body: Text(5000) });

export const ResolveDisputeBody = StrictObject({
  resolution: StringEnum(["credit_note", "rejected"], {
    description: "credit_note: issue a credit note for the customer; rejected: the charge stands",
  }),
  note: Type.Optional(Text(5000)),
  credit_note: Type.Optional(
    StrictObject({
      reason: Type.Optional(StringEnum(creditNoteReasons, { description: "billing_error when left out" })),
      amount: Type.Optional({
        ...NonNegativeDecimalString,
        description: "how much to credit (before tax); the disputed amount when left out",
      }),
    }),
  ),
});
export type ResolveDisputeInput = Static<typeof ResolveDisputeBody>;

const NoteSchema = Type.Object({
  id: Type.String(),
  body: Type.String(),
  created_by: Type.String(),
  created_at: Type.String(),
});

export const DisputeSchema = Type.Object({
  id: PrefixedId("bdp"),
  customer_id: Type.String(),
  invoice_id: Type.String(),
  invoice_line_id: Nullable(Type.String()),
  currency: Type.String(),
  amount: Type.String(),
  reason: Type.String(),
  status: StringEnum(statuses),
  opened_at: Type.String(),
  opened_by: Type.String(),
  resolved_at: Nullable(Type.String()),
  resolved_by: Nullable(Type.String()),
  resolution_note: Nullable(Type.String()),
  credit_note_id: Nullable(Type.String()),
  hours_to_resolve: Nullable(Type.String({ description: "from opening to resolution, in hours" })),
  notes: Type.Array(NoteSchema),
});
export type DisputeView = Static<typeof DisputeSchema>;

export const DisputeListQuery = StrictObject({
  status: Type.Optional(StringEnum(statuses)),
  customer_id: Type.Optional(ObjectId),
  invoice_id: Type.Optional(ObjectId),
});
export type DisputeFilters = Static<typeof DisputeListQuery>;
