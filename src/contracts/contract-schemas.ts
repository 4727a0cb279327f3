// The JSON shapes of contracts on the API. A contract's terms are written as
// a scenario's `contract` is (docs/scenario-format-v2.md, section 5): the same
// schema checks both, plans named by code.
import { type Static, Type } from "typebox";
import { BodyWithReason } from "../platform/http/reason.ts";
import { NonEmptyId, Nullable, PrefixedId, StringEnum, Timestamp } from "../platform/http/schemas.ts";
import { ScenarioContract } from "../simulation/index.ts";

const termFields = ScenarioContract.properties;

export const CreateContractBody = BodyWithReason(
  {
    customer_id: NonEmptyId,
    subscription_id: {
      ...NonEmptyId,
      description:
        "the customer's subscription the contract holds: it starts at the contract's start, on the first phase's plan",
    },
    start: { ...termFields.start, description: "the start of the first term; the subscription's start" },
    end: { ...termFields.end, description: "the end of the first term" },
    renewal: Type.Optional({
      ...termFields.renewal,
      description:
        "none (default): the subscription ends at end; auto: a new term of the same length follows",
    }),
    phases: Type.Optional({
      ...termFields.phases,
      description: "ramps: each phase switches the subscription to its plan (by code) at its start",
    }),
    rate_card: Type.Optional({
      ...termFields.rate_card,
      description:
        "negotiated prices: each entry replaces or discounts a charge of a plan (or one combination of a dimensional charge) from `from` until `until`",
    }),
    commits: Type.Optional({
      ...termFields.commits,
      description:
        "prepaid commits (invoiced up front or in instalments, drawn down by the contract's lines, rolled over or expired) and postpaid commits (a minimum spend per term, trued up at its end)",
    }),
  },
  { description: "a contract around one subscription of a customer" },
);
export type CreateContractInput = Static<typeof CreateContractBody>;

export const ContractSchema = Type.Object(
  {
    id: PrefixedId("ctr"),
    customer_id: Type.String(),
    subscription_id: Type.String({ description: "the subscription the contract was made around" }),
    subscription_ids: Type.Array(Type.String(), {
      description:
        "every subscription the contract holds, the one it was made around first, then those amendments added, in that order",
    }),
    version: Type.Integer({ description: "the version of the terms: 1 as created, one more per amendment" }),
    currency: Type.String(),
    start: Timestamp,
    end: {
      ...Timestamp,
      description:
        "with renewal auto, the end of the first term; with none, the end of the contract (and of its subscription)",
    },
    renewal: StringEnum(["none", "auto"]),
    first_term_end: Type.Union([Timestamp, Type.Null()], {
      description:
        "set once an amendment stopped the renewal of a contract that had renewed: the first term's end, whose length its terms keep up to end (the last cut short there when end falls inside it); null otherwise",
    }),
    phases: Type.Array(
      Type.Object({ start: Timestamp, plan: Type.String(), plan_version_id: Type.String() }),
      { description: "each with the plan version it switches to" },
    ),
    rate_card: Type.Array(Type.Record(Type.String(), Type.Unknown())),
    commits: Type.Array(Type.Record(Type.String(), Type.Unknown())),
    created_at: Timestamp,
    updated_at: Timestamp,
  },
  { title: "Contract" },
);
export type ContractView = Static<typeof ContractSchema>;

export const ContractListQuery = Type.Object({ customer_id: Type.Optional(NonEmptyId) });
export type ContractListFilters = Static<typeof ContractListQuery>;

const CommitBalanceSchema = Type.Object({
  id: Type.String({ description: "the commit's id" }),
  type: StringEnum(["prepaid", "postpaid"]),
  term_start: Timestamp,
  term_end: Timestamp,
  granted: Type.String(),
  rolled_over: Type.String(),
  drawn: Type.String({ description: "what invoices drew (prepaid)" }),
  true_up: Type.String({ description: "the true-up billed at the term's end (postpaid)" }),
  expired: Type.String({ description: "breakage at the term's end" }),
  remaining: Nullable(Type.String({ description: "what can still be drawn (prepaid; null for postpaid)" })),
});

export const ContractBalancesSchema = Type.Object(
  {
    contract_id: Type.String(),
    currency: Type.String(),
    as_of: Timestamp,
    balances: Type.Array(CommitBalanceSchema, {
      description: "one entry per commit and term, by commit in the order listed, then by term",
    }),
  },
  { title: "ContractBalances" },
);
export type ContractBalances = Static<typeof ContractBalancesSchema>;
