// Request and response bodies of revenue recognition: schedules, reports,
// the journal and its exports.
import { type Static, Type } from "typebox";
import { invoiceLineReferenceFields } from "../platform/http/schema-fragments.ts";
import { Nullable, ObjectId, StringEnum } from "../platform/http/schemas.ts";
import { StrictObject } from "../platform/http/validation.ts";
import { accountKeys } from "./chart-of-accounts.ts";
import { RateUsedSchema } from "./exchange-rate-schemas.ts";

export const Period = Type.String({
  pattern: "^[0-9]{4}-(0[1-9]|1[0-2])$",
  description: "an accounting month, YYYY-MM, in the finance settings' time zone",
  examples: ["2026-10"],
});

/** An amount in finance's reports (reconciliation and KPIs use it too). */
export const Money = Type.String({ description: "an amount in the currency, as a decimal string" });

/** One amount per currency. */
export const AmountsByCurrency = Type.Array(Type.Object({ currency: Type.String(), amount: Money }));

export const RevenueScheduleQuery = StrictObject({
  invoice_id: Type.Optional(ObjectId),
  customer_id: Type.Optional(ObjectId),
});
export type RevenueScheduleFilters = Static<typeof RevenueScheduleQuery>;

const ScheduleEntrySchema = Type.Object({
  type: StringEnum(["revenue", "reversal", "credits_applied", "breakage"], {
    description:
      "revenue earned; reversal by a credit note or a void; credits_applied: prepaid credits used by an invoice, which earns them; breakage: credits lost unused",
  }),
  period: Type.String(),
  date: Type.String({ description: "the accounting date, YYYY-MM-DD" }),
  amount: Money,
  document_type: Type.String(),
  document_id: Type.String(),
  reference: Type.String(),
});

export const RevenueScheduleSchema = Type.Object({
  ...invoiceLineReferenceFields,
  credit_grant_id: Nullable(Type.String()),
  customer_id: Type.String(),
  currency: Type.String(),
  product: Nullable(Type.String()),
  description: Type.String(),
  kind: Type.String(),
  pattern: StringEnum(["ratable_by_day", "period_of_use", "point_in_time", "prepaid_credits"]),
  service_start: Nullable(Type.String()),
  service_end: Nullable(Type.String()),
  amount: { ...Money, description: "the line's revenue after discounts, credits and tax" },
  recognized_to_date: { ...Money, description: "revenue and breakage earned by now, net of reversals" },
  recognized_later: { ...Money, description: "what the schedule earns after now" },
  credits_applied_to_date: {
    ...Money,
    description: "prepaid credits: the deferred value invoices have used by now (they earn it)",
  },
  entries: Type.Array(ScheduleEntrySchema),
});
export type RevenueScheduleView = Static<typeof RevenueScheduleSchema>;

export const RevenueReportQuery = StrictObject({
  from: Period,
  to: Period,
  group_by: Type.Optional(StringEnum(["none", "product", "customer"], { description: "none by default" })),
});
export type RevenueReportInput = Static<typeof RevenueReportQuery>;

export const RevenueReportSchema = Type.Object({
  from: Type.String(),
  to: Type.String(),
  timezone: Type.String(),
  group_by: Type.String(),
  rows: Type.Array(
    Type.Object({
      period: Type.String(),
      currency: Type.String(),
      group: Nullable(Type.String({ description: "the product code or the customer id" })),
      recognized: Money,
      breakage: Money,
      deferred_balance: Money,
      unbilled_balance: Money,
    }),
  ),
  reporting: Type.Optional(
    Type.Object(
      {
        currency: Type.String(),
        rows: Type.Array(
          Type.Object({
            period: Type.String(),
            group: Nullable(Type.String()),
            recognized: Money,
            breakage: Money,
            deferred_balance: Money,
            unbilled_balance: Money,
          }),
        ),
        rates_used: Type.Array(RateUsedSchema),
      },
      {
        description:
          "every currency summed in the reporting currency (finance settings) at the rate in force on each month's last day",
      },
    ),
  ),
});

export const JournalQuery = StrictObject({
  period: Period,
  billing_entity: Type.Optional(
    Type.String({
      maxLength: 64,
      description: "one billing entity's journal (its documents only); every entity's when left out",
    }),
  ),
});

const JournalLineSchema = Type.Object({
  entry_id: Type.String(),
  date: Type.String(),
  account: Type.String(),
  account_name: Type.String(),
  account_role: StringEnum(accountKeys),
  debit: Type.String({ description: "empty on a credit line" }),
  credit: Type.String({ description: "empty on a debit line" }),
  currency: Type.String(),
  reference: Type.String(),
  document_type: Type.String(),
  document_id: Type.String(),
  customer_id: Type.String(),
  product: Nullable(Type.String()),
  memo: Type.String(),
});

const TotalsSchema = Type.Array(Type.Object({ currency: Type.String(), debit: Money, credit: Money }), {
  description: "debits and credits per currency: equal in a balanced journal",
});

const ConvertedJournalSchema = Type.Object(
  {
    currency: Type.String(),
    balanced: Type.Boolean(),
    totals: Type.Object({ debit: Money, credit: Money }),
    lines: Type.Array(
      Type.Object({
        entry_id: Type.String(),
        date: Type.String(),
        account: Type.String(),
        account_role: StringEnum(accountKeys),
        debit: Type.String({ description: "empty on a credit line" }),
        credit: Type.String({ description: "empty on a debit line" }),
        original_currency: Type.String(),
        rate: Type.String(),
      }),
    ),
    rates_used: Type.Array(RateUsedSchema),
  },
  {
    description:
      "the lines in the reporting currency (finance settings), each entry at the rate of its date and converted so that it still balances",
  },
);

export const JournalSchema = Type.Object({
  period: Type.String(),
  timezone: Type.String(),
  balanced: Type.Boolean(),
  totals: TotalsSchema,
  digest: Type.String({ description: "SHA-256 of the lines" }),
  lines: Type.Array(JournalLineSchema),
  billing_entity_id: Type.Optional(Type.String({ description: "the billing entity the journal is of" })),
  entity_currency: Type.Optional({
    ...ConvertedJournalSchema,
    description: "one billing entity's journal in its default currency, entry by entry",
  }),
  reporting: Type.Optional(ConvertedJournalSchema),
});

export const CreateJournalExportBody = StrictObject({ period: Period });

export const JournalExportSchema = Type.Object({
  id: Type.String(),
  period: Type.String(),
  timezone: Type.String(),
  entry_count: Type.Integer(),
  totals: TotalsSchema,
  digest: Type.String(),
  up_to_date: Type.Boolean({ description: "false once the month's books have changed since the export" }),
  created_by: Type.String(),
  created_at: Type.String(),
});
export type JournalExportView = Static<typeof JournalExportSchema>;

export const JournalExportDetailSchema = Type.Object({
  ...JournalExportSchema.properties,
  lines: Type.Array(JournalLineSchema),
});

export const JournalExportListQuery = StrictObject({ period: Type.Optional(Period) });
