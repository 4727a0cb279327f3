// The JSON shapes of the audit log's API: entries with the fields each
// changed, the filters of the list, and the chain check.
import { type Static, Type } from "typebox";
import {
  DateTimeString,
  NonEmptyId,
  Nullable,
  PrefixedId,
  StringEnum,
  Timestamp,
} from "../platform/http/schemas.ts";
import { StrictObject } from "../platform/http/validation.ts";

/** The person behind a key or a session, by id and by the name they had when they acted. */
export const PersonSchema = Type.Object(
  {
    id: Type.String({ description: "the user (usr_…), or a service account (sva_…) that no person owns" }),
    name: Type.String({ examples: ["Ada Lovelace"] }),
  },
  { title: "Person" },
);

const ActorSchema = Type.Object({
  type: Type.String({ description: "api_key, session, portal or system" }),
  id: Nullable(
    Type.String({
      description: "the API key or session used, the portal customer, or the system actor's name",
    }),
  ),
  role: Nullable(Type.String()),
  person: Type.Union([PersonSchema, Type.Null()], {
    description: "who acted through the key or session (null for the portal, the system and older entries)",
  }),
});

const FieldChangeSchema = Type.Object({
  path: Type.String({ examples: ["$.charges[1].tiers[0].unit_price"] }),
  change: StringEnum(["added", "removed", "changed"]),
  before: Type.Unknown(),
  after: Type.Unknown(),
});

export const AuditEventSchema = Type.Object({
  id: PrefixedId("aud"),
  sequence: Type.Integer({ description: "position in the organization's hash chain, from 1" }),
  occurred_at: Timestamp,
  actor: ActorSchema,
  action: Type.String({ examples: ["plan_version.approved"] }),
  object_type: Type.String(),
  object_id: Type.String(),
  before: Nullable(Type.Record(Type.String(), Type.Unknown())),
  after: Nullable(Type.Record(Type.String(), Type.Unknown())),
  changes: Type.Array(FieldChangeSchema, { description: "each field the change added, removed or changed" }),
  reason: Nullable(Type.String()),
  request_id: Nullable(Type.String()),
  previous_hash: Type.String(),
  hash: Type.String(),
});
export type AuditEvent = Static<typeof AuditEventSchema>;

export const AuditEventListQuery = StrictObject({
  object_type: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  object_id: Type.Optional(NonEmptyId),
  actor_id: Type.Optional({
    ...NonEmptyId,
    description: "an API key or session id, or a system actor such as cli",
  }),
  person_id: Type.Optional({ ...NonEmptyId, description: "the person who acted, whatever key or session" }),
  action: Type.Optional(Type.String({ minLength: 1, maxLength: 100, examples: ["plan_version.published"] })),
  occurred_after: Type.Optional(DateTimeString("inclusive")),
  occurred_before: Type.Optional(DateTimeString("exclusive")),
});
export type AuditEventFilters = Static<typeof AuditEventListQuery>;

const BrokenAuditEntrySchema = Type.Object({
  id: Nullable(
    Type.String({ description: "null when entries at the end of the chain (or its head) were removed" }),
  ),
  sequence: Type.Integer(),
  problem: Type.String(),
});

export const AuditChainVerificationSchema = Type.Object({
  ok: Type.Boolean(),
  entries_checked: Type.Integer(),
  first_broken_entry: Nullable(BrokenAuditEntrySchema),
  broken_entries: Type.Array(BrokenAuditEntrySchema, {
    description: "every entry that does not match, in order (the first 1,000)",
  }),
});
