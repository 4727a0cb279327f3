// Response bodies of the reconciliation of a month.
import { type Static, Type } from "typebox";
import { invoiceLineReferenceFields } from "../platform/http/schema-fragments.ts";
import { Nullable, StringEnum } from "../platform/http/schemas.ts";
import { StrictObject } from "../platform/http/validation.ts";
import { AmountsByCurrency, Money, Period } from "./revenue-schemas.ts";
import { differenceCauses } from "./usage-reconciliation.ts";

export const ReconciliationQuery = StrictObject({ period: Period });

const categories = ["leakage", "mismatch", "by_design", "pending"] as const;

const UsageRowSchema = Type.Object({
  customer_external_id: Type.String(),
  customer_id: Nullable(Type.String()),
  meter: Nullable(Type.String({ description: "null for events no meter matches" })),
  event_name: Nullable(Type.String({ description: "for events no meter matches" })),
  events_ingested: Type.Integer(),
  events_attributed: Type.Integer(),
  events_matched: Type.Integer(),
  events_billed: Type.Integer(),
  events_unbilled: Type.Integer(),
  billed_lines: Type.Array(
    Type.Object({
      invoice_id: Type.String(),
      invoice_number: Nullable(Type.String()),
      invoice_line_id: Type.String(),
      status: Type.String(),
      period_start: Type.String(),
      period_end: Type.String(),
      quantity: Type.String(),
      event_count: Type.Integer(),
      amount: Money,
      currency: Type.String(),
    }),
    { description: "the usage lines of the customer and meter whose period overlaps the month" },
  ),
});

const DifferenceSchema = Type.Object({
  cause: StringEnum(Object.keys(differenceCauses) as (keyof typeof differenceCauses)[]),
  category: StringEnum(categories, {
    description:
      "leakage: revenue lost; mismatch: counts disagree; by_design: not billed by the terms; pending: billed later",
  }),
  description: Type.String(),
  customer_external_id: Type.String(),
  customer_id: Nullable(Type.String()),
  meter: Nullable(Type.String()),
  event_name: Nullable(Type.String()),
  subscription_id: Nullable(Type.String()),
  ...invoiceLineReferenceFields,
  events: Type.Integer(),
  first_event_at: Type.String(),
  last_event_at: Type.String(),
  example_event_ids: Type.Array(Type.String()),
  quantity: Nullable(Type.String({ description: "the meter's quantity the difference leaves unbilled" })),
  amount: Nullable({ ...Money, description: "what it costs at current prices; null when nothing prices it" }),
  currency: Nullable(Type.String()),
  price_basis: Type.String({ description: "which prices the amount comes from, in words" }),
});

const ReceivableFigures = {
  invoiced: Money,
  voided: Money,
  credit_notes: Money,
  payments: Money,
  refunds: Money,
  chargebacks: { ...Money, description: "disputed by the customer's bank in the month (money at risk)" },
  opening_receivable: Money,
  closing_receivable: Money,
  outstanding_now: { ...Money, description: "still owed now; in a locked month, at its lock" },
};

export const ReconciliationSchema = Type.Object({
  period: Type.String(),
  timezone: Type.String(),
  period_start: Type.String(),
  period_end: Type.String(),
  generated_at: Type.String(),
  locked_at: Nullable(
    Type.String({
      description:
        "when the month was locked: a locked month reads as it stood then; payments, voids and invoices written later count in the open month",
    }),
  ),
  clean: Type.Boolean({ description: "true when no difference of any kind is left" }),
  usage: Type.Object({
    events_ingested: Type.Integer({ description: "events that occurred in the month, voided ones excepted" }),
    events_voided: Type.Integer(),
    events_attributed: Type.Integer({ description: "events of a known customer" }),
    events_matched: Type.Integer({ description: "events at least one meter counts" }),
    events_billed: Type.Integer({
      description: "events billed on a finalized invoice under every meter counting them",
    }),
    events_by_category: Type.Object(
      Object.fromEntries(categories.map((category) => [category, Type.Integer()])) as Record<
        (typeof categories)[number],
        ReturnType<typeof Type.Integer>
      >,
    ),
    rows: Type.Array(UsageRowSchema),
    differences: Type.Array(DifferenceSchema),
  }),
  receivables: Type.Object({
    source: StringEnum(["payments", "invoices"], {
      description: "payments: from the payment records; invoices: from what invoices say was paid",
    }),
    totals: Type.Array(Type.Object({ currency: Type.String(), ...ReceivableFigures })),
    customers: Type.Array(
      Type.Object({ customer_id: Type.String(), currency: Type.String(), ...ReceivableFigures }),
    ),
    differences: Type.Array(
      Type.Object({
        cause: Type.String(),
        description: Type.String(),
        invoice_id: Type.String(),
        invoice_number: Nullable(Type.String()),
        customer_id: Type.String(),
        currency: Type.String(),
        recorded: Money,
        expected: Money,
      }),
    ),
  }),
  external_sales: Type.Object({
    unmatched: Type.Array(
      Type.Object({
        partner_id: Type.String(),
        partner_code: Type.String(),
        external_sale_id: Type.String(),
        external_id: Type.String({ description: "the transaction's id in the partner's system" }),
        occurred_at: Type.String(),
        customer_reference: Type.String(),
        customer_id: Nullable(Type.String()),
        item: Type.String({ description: "the item's code in the partner's system" }),
        amount: Money,
        currency: Type.String(),
        reason: Type.String({
          description: "unknown_customer, no_mapping, currency_differs, no_settlement_line or amount_differs",
        }),
        description: Type.String(),
        difference: Nullable(Money),
      }),
      {
        description:
          "transactions of partners' systems dated in the month that no settlement statement accounts for, with why",
      },
    ),
  }),
  leakage: Type.Object({
    events: Type.Integer({ description: "events whose revenue leaked" }),
    per_thousand_events: Type.String({ description: "leaking events per 1,000 events ingested" }),
    amounts: AmountsByCurrency,
    amounts_per_thousand_events: AmountsByCurrency,
    unpriced_events: Type.Integer({
      description: "leaking events nothing prices (no meter, or no plan charges it)",
    }),
  }),
});
export type ReconciliationView = Static<typeof ReconciliationSchema>;
