// Request and response bodies of the billing KPIs.
import { type Static, Type } from "typebox";
import { Nullable } from "../platform/http/schemas.ts";
import { StrictObject } from "../platform/http/validation.ts";
import { RateUsedSchema } from "./exchange-rate-schemas.ts";
import { AmountsByCurrency, Money, Period } from "./revenue-schemas.ts";

export const KpiQuery = StrictObject({
  from: Type.Optional({ ...Period, description: "first month; eleven months before `to` when left out" }),
  to: Type.Optional({
    ...Period,
    description: "last month; the month before the current one when left out",
  }),
  billing_entity: Type.Optional(
    Type.String({
      maxLength: 64,
      description:
        "one billing entity's MRR, retention, DSO and billing failures (its documents and customers); usage leakage and disputes stay the environment's",
    }),
  ),
});
export type KpiInput = Static<typeof KpiQuery>;

const Percent = Nullable(
  Type.String({ description: "a percentage with two decimals; null when there is no base" }),
);

export const KpiSchema = Type.Object({
  from: Type.String(),
  to: Type.String(),
  billing_entity_id: Type.Optional(Type.String()),
  timezone: Type.String(),
  generated_at: Type.String(),
  mrr: Type.Array(
    Type.Object({
      period: Type.String(),
      currency: Type.String(),
      mrr: {
        ...Money,
        description:
          "monthly recurring revenue at the end of the month (each customer's own month, in its time zone): committed recurring fees normalized to a month, at the contracted price after recurring (forever) discounts; usage, one-off items, credits and credit notes excluded. A locked month reads as at its lock",
      },
      arr: { ...Money, description: "MRR × 12" },
      customers: Type.Integer({ description: "customers with MRR" }),
      starting_mrr: Money,
      new: Money,
      expansion: Money,
      contraction: { ...Money, description: "negative" },
      churn: { ...Money, description: "negative" },
      reactivation: Money,
      usage_mrr: {
        ...Money,
        description:
          "usage-based recurring revenue: the usage revenue recognized in this month and the two before, averaged (not part of mrr)",
      },
    }),
    {
      description:
        "per month and currency: starting + new + expansion + contraction + churn + reactivation = mrr",
    },
  ),
  net_revenue_retention: Type.Array(
    Type.Object({
      currency: Type.String(),
      cohort_period: Type.String({
        description: "the month whose customers are followed (the one before `from`)",
      }),
      starting_mrr: Money,
      retained_mrr: { ...Money, description: "their MRR at the end of `to`, expansion included" },
      percent: Percent,
    }),
  ),
  dso: Type.Array(
    Type.Object({
      period: Type.String(),
      currency: Type.String(),
      receivable: { ...Money, description: "owed at the end of the month" },
      invoiced: { ...Money, description: "invoiced during the month" },
      days: Nullable(
        Type.String({ description: "days sales outstanding: receivable ÷ invoiced × days in the month" }),
      ),
    }),
  ),
  billing_failure_rate: Type.Object({
    payment_attempts: Type.Integer({
      description: "automatic charges of subscription invoices in the range",
    }),
    failed_attempts: Type.Integer(),
    attempt_failure_percent: Percent,
    invoices_charged: Type.Integer(),
    invoices_first_attempt_failed: Type.Integer(),
    invoice_failure_percent: Percent,
    bill_run_customers: Type.Integer(),
    bill_run_customer_errors: Type.Integer(),
    bill_run_error_percent: Percent,
  }),
  disputes: Type.Object({
    opened: Type.Integer(),
    resolved: Type.Integer(),
    open_now: Type.Integer(),
    median_hours_to_resolve: Nullable(Type.String()),
    average_hours_to_resolve: Nullable(Type.String()),
    chargebacks: Type.Integer({ description: "disputes the payment provider reported" }),
    chargeback_amounts: AmountsByCurrency,
    chargebacks_lost: Type.Integer({
      description: "provider disputes lost in the range (closed lost then), whenever they were opened",
    }),
    chargeback_lost_amounts: {
      ...AmountsByCurrency,
      description: "what the customers' banks took back through the disputes lost in the range",
    },
  }),
  leakage: Type.Object({
    events_ingested: Type.Integer(),
    leaking_events: Type.Integer(),
    per_thousand_events: Type.String(),
    amounts: AmountsByCurrency,
    amounts_per_thousand_events: AmountsByCurrency,
  }),
  forecast: Type.Object({
    period: Type.String({ description: "the month after `to`" }),
    customers: Type.Array(
      Type.Object({
        customer_id: Type.String(),
        currency: Type.String(),
        period: Type.String(),
        recurring: Money,
        usage: Type.Array(
          Type.Object({
            meter: Type.String(),
            charge_id: Type.String(),
            history: Type.Array(Type.Object({ period: Type.String(), quantity: Type.String() })),
            forecast_quantity: Type.String(),
            forecast_amount: Nullable(Money),
          }),
        ),
        total: Money,
        method: Type.String(),
      }),
    ),
  }),
  reporting: Type.Optional(
    Type.Object(
      {
        currency: Type.String(),
        mrr: Type.Array(
          Type.Object({
            period: Type.String(),
            mrr: Money,
            arr: Money,
            starting_mrr: Money,
            new: Money,
            expansion: Money,
            contraction: Money,
            churn: Money,
            reactivation: Money,
            usage_mrr: Money,
          }),
        ),
        rates_used: Type.Array(RateUsedSchema),
      },
      {
        description:
          "MRR and its movements, every currency summed in the reporting currency (finance settings) at each month's last day",
      },
    ),
  ),
});
export type KpiView = Static<typeof KpiSchema>;
