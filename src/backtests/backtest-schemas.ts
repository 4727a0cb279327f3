// The JSON shapes of backtests on the API: the request (what to price, for
// whom, over which invoices), the backtest with its progress and summary, and
// each invoice compared line by line.
import { type Static, Type } from "typebox";
import { BodyWithReason } from "../platform/http/reason.ts";
import { queuedRunFields } from "../platform/http/schema-fragments.ts";
import {
  CountryCode,
  CurrencyCode,
  DecimalString,
  Metadata,
  NonNegativeDecimalString,
  Nullable,
  ObjectId,
  PrefixedId,
  StringEnum,
  Timestamp,
} from "../platform/http/schemas.ts";
import { StrictObject } from "../platform/http/validation.ts";
import { Code } from "../pricing/index.ts";
import { type ContractDocument, ScenarioContract } from "../simulation/index.ts";
import { PriceOverrideDocumentSchema } from "../subscriptions/index.ts";

const BacktestPriceOverrideSchema = StrictObject(
  {
    charge_id: Code,
    override: PriceOverrideDocumentSchema,
  },
  {
    title: "BacktestPriceOverride",
    description:
      "a price override on one of the plan's charges, in place of the subscriptions' own on that charge",
  },
);
export type BacktestPriceOverride = Static<typeof BacktestPriceOverrideSchema>;

/** A contract's rate card in its terms' words (docs/scenario-format-v2.md, V28). */
export type ContractRateCard = NonNullable<ContractDocument["rate_card"]>;

const BacktestPopulationSchema = StrictObject(
  {
    plan_version_id: Type.Optional({
      ...ObjectId,
      description: "only customers billed on this version of the plan in the periods",
    }),
    customer_ids: Type.Optional(
      Type.Array(ObjectId, { minItems: 1, maxItems: 10_000, description: "only these customers" }),
    ),
    metadata: Type.Optional({
      ...Metadata,
      description: "only customers whose metadata holds every one of these keys with these values",
    }),
    country: Type.Optional({ ...CountryCode, description: "only customers with this billing country" }),
    currency: Type.Optional({ ...CurrencyCode, description: "only invoices in this currency" }),
    billed_at_least: Type.Optional({
      ...NonNegativeDecimalString,
      description: "size: only customers whose invoices in the periods add up (subtotals) to at least this",
    }),
    billed_below: Type.Optional({
      ...NonNegativeDecimalString,
      description: "size: only customers whose invoices in the periods add up (subtotals) to less than this",
    }),
  },
  {
    title: "BacktestPopulation",
    description:
      "Who is backtested: the customers with an invoice of the plan in the periods, narrowed by every field given",
  },
);
export type BacktestPopulation = Static<typeof BacktestPopulationSchema>;

export const CreateBacktestBody = BodyWithReason({
  plan_version_id: Type.Optional({
    ...ObjectId,
    description: "price the plan's subscriptions on this version (a draft, pending or published one)",
  }),
  plan_id: Type.Optional({
    ...ObjectId,
    description: "with price_overrides: the plan whose subscriptions get them",
  }),
  price_overrides: Type.Optional(
    Type.Array(BacktestPriceOverrideSchema, {
      minItems: 1,
      maxItems: 100,
      description: "price the plan's subscriptions with these overrides (give plan_id, not plan_version_id)",
    }),
  ),
  contract_id: Type.Optional({
    ...ObjectId,
    description: "with rate_card: a contract change, the contract whose invoices are priced again",
  }),
  rate_card: Type.Optional({
    ...ScenarioContract.properties.rate_card,
    description:
      "with contract_id: the contract's rate card as it would be (its terms' words), in place of its own",
  }),
  population: Type.Optional(BacktestPopulationSchema),
  from: { ...Timestamp, description: "the first issue date of the invoices compared (inclusive)" },
  to: { ...Timestamp, description: "the last issue date (exclusive); not after now" },
});
export type CreateBacktestInput = Static<typeof CreateBacktestBody>;

const Amount = { ...DecimalString, description: "in the currency's minor digits" };
const Percent = Nullable(
  Type.String({ description: "to two places; null when nothing was billed", examples: ["20.00"] }),
);

const LineSideSchema = Type.Object({
  plan_version_id: Nullable(Type.String()),
  description: Type.String(),
  quantity: Type.String(),
  amount: Amount,
  details: Type.Record(Type.String(), Type.Unknown(), {
    description: "the line's explanation, as invoices show it (meter, event count, tiers, proration)",
  }),
});
export type BacktestLineSide = Static<typeof LineSideSchema>;

const BacktestLineSchema = Type.Object(
  {
    subscription_id: Nullable(Type.String()),
    charge_id: Nullable(Type.String()),
    kind: Type.String(),
    period_start: Nullable(Timestamp),
    period_end: Nullable(Timestamp),
    billed: Nullable(LineSideSchema),
    would_be: Nullable(LineSideSchema),
    difference: { ...Amount, description: "would_be minus billed (a missing side counts as zero)" },
  },
  { title: "BacktestLine" },
);
export type BacktestLine = Static<typeof BacktestLineSchema>;

export const BacktestInvoiceSchema = Type.Object(
  {
    invoice_id: Type.String(),
    invoice_number: Nullable(Type.String()),
    customer_id: Type.String(),
    currency: Type.String(),
    issued_at: Timestamp,
    billed_subtotal: Amount,
    would_be_subtotal: Amount,
    difference: Amount,
    lines: Type.Array(BacktestLineSchema),
  },
  {
    title: "BacktestInvoice",
    description: "An invoice of the backtest: as billed, as it would be, line by line, and the difference",
  },
);
export type BacktestInvoice = Static<typeof BacktestInvoiceSchema>;

const DrivingLineSchema = Type.Object({
  invoice_id: Type.String(),
  issued_at: Timestamp,
  subscription_id: Nullable(Type.String()),
  charge_id: Nullable(Type.String()),
  kind: Type.String(),
  billed: Nullable(Amount),
  would_be: Nullable(Amount),
  difference: Amount,
});
export type DrivingLine = Static<typeof DrivingLineSchema>;

const MoverSchema = Type.Object({
  customer_id: Type.String(),
  invoices: Type.Integer(),
  billed: Amount,
  would_be: Amount,
  change: Amount,
  change_percent: Percent,
  driving_line: Nullable({ ...DrivingLineSchema, description: "the line whose difference is largest" }),
});

const CurrencyTotalsSchema = Type.Object({
  currency: Type.String(),
  customers: Type.Integer(),
  invoices: Type.Integer(),
  billed: Amount,
  would_be: Amount,
  change: { ...Amount, description: "the revenue change: would_be minus billed" },
  change_percent: Percent,
  customers_paying_more: Type.Integer({ description: "the losers" }),
  customers_paying_less: Type.Integer({ description: "the winners" }),
  customers_unchanged: Type.Integer(),
  largest_increases: Type.Array(MoverSchema),
  largest_decreases: Type.Array(MoverSchema),
});

const BacktestSummarySchema = Type.Object(
  {
    customers: Type.Integer(),
    invoices: Type.Integer(),
    currencies: Type.Array(CurrencyTotalsSchema),
    histogram: Type.Array(
      Type.Object({
        label: Type.String(),
        from_percent: Nullable(Type.String({ description: "inclusive" })),
        to_percent: Nullable(Type.String({ description: "exclusive" })),
        customers: Type.Integer(),
      }),
      { description: "customers by the change of what they pay, in percent" },
    ),
  },
  { title: "BacktestSummary" },
);
export type BacktestSummary = Static<typeof BacktestSummarySchema>;

export const BacktestSchema = Type.Object(
  {
    id: PrefixedId("btk"),
    status: StringEnum(["queued", "running", "completed", "failed", "canceled"]),
    plan_id: Type.String(),
    plan_version_id: Nullable(Type.String()),
    price_overrides: Nullable(Type.Array(BacktestPriceOverrideSchema)),
    contract_id: Nullable(Type.String()),
    rate_card: Nullable(
      Type.Array(Type.Record(Type.String(), Type.Unknown()), {
        description: "a contract change's rate card",
      }),
    ),
    population: BacktestPopulationSchema,
    from: Timestamp,
    to: Timestamp,
    customers_total: Type.Integer(),
    customers_done: Type.Integer(),
    invoices_compared: Type.Integer(),
    summary: Nullable(BacktestSummarySchema),
    failure: Nullable(Type.String()),
    cancel_requested_at: Nullable(Timestamp),
    ...queuedRunFields,
  },
  {
    title: "Backtest",
    description:
      "A pricing change priced against invoices already billed: its progress, and once completed its summary",
  },
);
export type Backtest = Static<typeof BacktestSchema>;

export const BacktestListFilters = StrictObject({
  plan_id: Type.Optional(ObjectId),
});

export const BacktestInvoiceFilters = StrictObject({
  customer_id: Type.Optional(ObjectId),
});
