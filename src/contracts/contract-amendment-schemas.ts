// The JSON shapes of contract amendments on the API: the changes an amendment
// makes to a contract's terms from an instant (`effective_at`), and the
// versions of the terms that amendments keep. Rate card entries, phases and
// commits are written as a contract's are (docs/scenario-format-v2.md, section 5).
import { type Static, Type } from "typebox";
import { PersonSchema } from "../audit/index.ts";
import { BodyWithReason } from "../platform/http/reason.ts";
import { NonEmptyId, Nullable, PrefixedId, StringEnum, Timestamp } from "../platform/http/schemas.ts";
import { discriminatedUnion } from "../pricing/index.ts";
import { CommitSchema, RateCardEntrySchema } from "../simulation/index.ts";
import { ContractSchema } from "./contract-schemas.ts";

const SetRate = Type.Object(
  {
    type: Type.Literal("set_rate"),
    entry: {
      ...RateCardEntrySchema,
      description:
        "a rate card entry (plan, charge, match, prices or discount_percent) in force from effective_at: it replaces the entry in force for the same charge, combination and kind, which ends at effective_at; `from` and `until` are not given",
    },
  },
  { additionalProperties: false, description: "add a negotiated price, or change one" },
);

const RemoveRate = Type.Object(
  {
    type: Type.Literal("remove_rate"),
    plan: Type.String({ minLength: 1 }),
    charge: Type.String({ minLength: 1 }),
    match: Type.Optional(
      Type.Union([Type.Literal("default"), Type.Record(Type.String(), Type.String({ minLength: 1 }))]),
    ),
  },
  {
    additionalProperties: false,
    description:
      "end every rate card entry of this charge (and combination) in force at effective_at: the list price applies again",
  },
);

const AddPhase = Type.Object(
  {
    type: Type.Literal("add_phase"),
    start: Timestamp,
    plan: Type.String({ minLength: 1, description: "the plan's code" }),
  },
  {
    additionalProperties: false,
    description: "a ramp step: the subscriptions switch to the plan at start (at or after effective_at)",
  },
);

const MovePhase = Type.Object(
  {
    type: Type.Literal("move_phase"),
    phase_start: Timestamp,
    start: Timestamp,
  },
  {
    additionalProperties: false,
    description: "move the ramp step that starts at phase_start to start; both at or after effective_at",
  },
);

const ChangeTerm = Type.Object(
  {
    type: Type.Literal("change_term"),
    end: Type.Optional(Timestamp),
    renewal: Type.Optional(StringEnum(["none", "auto"])),
  },
  {
    additionalProperties: false,
    description:
      "extend (or shorten) the term to end, after effective_at; or change the renewal. Once the contract has renewed its terms begun stay: renewal none ends it at the end of the term in progress, or at an end given with it (inside that term, or at a later term's end)",
  },
);

const SetCommit = Type.Object(
  {
    type: Type.Literal("set_commit"),
    commit: {
      ...CommitSchema,
      description:
        "a new commit, or an existing one (same id) with a new amount; a prepaid commit may grow, or shrink by no more than what is left of its balance",
    },
  },
  { additionalProperties: false, description: "add a commit, or change a commit's amount" },
);

const AddSubscription = Type.Object(
  {
    type: Type.Literal("add_subscription"),
    subscription_id: NonEmptyId,
  },
  {
    additionalProperties: false,
    description:
      "another subscription of the contract's customer, in its currency, under no other contract: its invoices draw on the contract's commits too",
  },
);

const AmendmentChange = discriminatedUnion(
  "type",
  [SetRate, RemoveRate, AddPhase, MovePhase, ChangeTerm, SetCommit, AddSubscription],
  { title: "ContractAmendmentChange" },
);
export type AmendmentChangeInput = Static<typeof AmendmentChange>;

export const CreateAmendmentBody = BodyWithReason(
  {
    effective_at: {
      ...Timestamp,
      description:
        "when the changes take effect: inside the contract's term, and not inside a period its subscriptions have already invoiced",
    },
    changes: Type.Array(AmendmentChange, { minItems: 1, maxItems: 50 }),
  },
  { description: "changes to a contract's terms from an instant" },
);
export type CreateAmendmentInput = Static<typeof CreateAmendmentBody>;

export const ContractAmendmentSchema = Type.Object(
  {
    id: PrefixedId("cam"),
    contract_id: Type.String(),
    version: Type.Integer({ description: "the version of the terms this amendment made (creation made 1)" }),
    effective_at: Timestamp,
    changes: Type.Array(Type.Record(Type.String(), Type.Unknown()), { description: "as asked" }),
    described: Type.Array(Type.String(), { description: "what each change did, in words" }),
    terms_before: Type.Record(Type.String(), Type.Unknown()),
    terms_after: Type.Record(Type.String(), Type.Unknown()),
    subscription_ids_before: Type.Array(Type.String()),
    subscription_ids_after: Type.Array(Type.String()),
    author: Type.Object(
      {
        type: Type.String({ description: "api_key, session or system" }),
        id: Type.String({ description: "the API key or session used, or the system actor's name" }),
        person: Nullable(PersonSchema),
      },
      { description: "who made the amendment" },
    ),
    approval_request_id: Nullable(
      Type.String({
        description: "the approval request another person approved, when the policy asked for one",
      }),
    ),
    reason: Nullable(Type.String()),
    created_at: Timestamp,
  },
  { title: "ContractAmendment" },
);
export type ContractAmendmentView = Static<typeof ContractAmendmentSchema>;

export const AmendedContractSchema = Type.Object(
  { contract: ContractSchema, amendment: ContractAmendmentSchema },
  { title: "AmendedContract" },
);
export type AmendedContract = Static<typeof AmendedContractSchema>;
