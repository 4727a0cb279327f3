// The JSON shapes of parallel runs on the API: the request (the old system's
// invoices as CSV, optionally narrowed to some customers), the run with its
// progress and its summary per currency, its invoices side by side, its
// differences, and a second person's acceptance of a difference.
import { type Static, Type } from "typebox";
import { BodyWithReason, ReasonText } from "../platform/http/reason.ts";
import { queuedRunFields } from "../platform/http/schema-fragments.ts";
import {
  DecimalString,
  IdParams,
  Nullable,
  PrefixedId,
  StringEnum,
  Timestamp,
} from "../platform/http/schemas.ts";
import { StrictObject } from "../platform/http/validation.ts";
import { reportPageFields } from "./import-schemas.ts";

const differenceCauses = [
  "only_old",
  "only_fairbill",
  "quantity",
  "price",
  "proration",
  "tax",
  "rounding",
  "amount",
] as const;

export const CreateParallelRunBody = BodyWithReason({
  old_invoices_csv: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 5_000_000,
      description:
        "the old system's invoices in the old_invoices template of docs/imports.md: one row per line, a header row first; each customer and period is compared with the invoice Fairbill would have issued at the period's end. Give this or old_invoices",
    }),
  ),
  old_invoices: Type.Optional(
    StringEnum(["imported"], {
      description:
        "imported: compare the old system's invoices imported as history (a Lago import brings them) instead of a file; the run keeps them in the old_invoices template, and a problem names its row there",
    }),
  ),
  customer_external_ids: Type.Optional(
    Type.Array(Type.String({ minLength: 1, maxLength: 255 }), {
      minItems: 1,
      maxItems: 10_000,
      description: "only these customers' invoices of the file (default: every invoice of the file)",
    }),
  ),
});
export type CreateParallelRunInput = Static<typeof CreateParallelRunBody>;

const CauseCount = Type.Object({
  cause: StringEnum(differenceCauses),
  lines: Type.Integer(),
  difference: DecimalString,
});

export const ParallelRunSchema = Type.Object(
  {
    id: PrefixedId("prl"),
    status: StringEnum(["queued", "running", "completed", "failed"], {
      description: "queued when asked for; the job compares the invoices a customer at a time",
    }),
    customers_total: Type.Integer({ description: "customers the run compares (known once it runs)" }),
    customers_done: Type.Integer({ description: "of them, those compared so far" }),
    failure: Nullable(Type.String({ description: "why the run failed (a failed run compares nothing)" })),
    invoices: Type.Integer({ description: "old invoices compared" }),
    matching: Type.Integer({ description: "of them, those Fairbill would have issued the same to the cent" }),
    matching_percent: DecimalString,
    currencies: Type.Array(
      Type.Object({
        currency: Type.String(),
        invoices: Type.Integer(),
        matching: Type.Integer(),
        matching_percent: DecimalString,
        old_total: DecimalString,
        fairbill_total: DecimalString,
        revenue_at_stake: DecimalString,
        causes: Type.Array(CauseCount, {
          description:
            "per likely cause, the lines that differ and their differences summed (Fairbill less old)",
        }),
      }),
    ),
    ...queuedRunFields,
  },
  { title: "ParallelRun" },
);
export type ParallelRun = Static<typeof ParallelRunSchema>;
export type ParallelRunCurrency = ParallelRun["currencies"][number];

const LineSide = Type.Object({
  quantity: Nullable(DecimalString),
  unit_price: Nullable(DecimalString),
  amount: DecimalString,
  tax: DecimalString,
});

const ParallelRunLineSchema = Type.Object({
  charge_code: Type.String({
    description: "the charge both lines are of; discount, credits and tax for the invoice's own",
  }),
  old: Nullable(LineSide),
  fairbill: Nullable(LineSide),
  difference: DecimalString,
  cause: Nullable(StringEnum(differenceCauses, { description: "null when the lines match to the cent" })),
});
export type ParallelRunLine = Static<typeof ParallelRunLineSchema>;

/** Which old invoice a comparison is about: its customer, number and period. */
const comparedInvoiceFields = {
  customer_id: PrefixedId("cus"),
  customer_external_id: Type.String(),
  old_invoice_number: Type.String(),
  period_start: Timestamp,
  period_end: Timestamp,
  currency: Type.String(),
};

export const ParallelRunInvoiceSchema = Type.Object(
  {
    position: Type.Integer(),
    ...comparedInvoiceFields,
    fairbill_issued_at: Type.Union([Timestamp, Type.Null()], {
      description: "when Fairbill's invoice for the period would be dated; null when it would issue none",
    }),
    old_total: DecimalString,
    fairbill_total: DecimalString,
    difference: DecimalString,
    matches: Type.Boolean(),
    lines: Type.Array(ParallelRunLineSchema),
  },
  { title: "ParallelRunInvoice" },
);
export type ParallelRunInvoice = Static<typeof ParallelRunInvoiceSchema>;

const AcceptanceSchema = Type.Object({
  reason: Type.String(),
  accepted_by: Type.String({ description: "the person (or key) who accepted it" }),
  accepted_at: Timestamp,
});

export const ParallelRunDifferenceSchema = Type.Object(
  {
    id: Type.String({
      description: "the difference's id in the run: the invoice's position and the line's, such as 3.2",
    }),
    position: Type.Integer({ description: "the invoice's position in the run" }),
    ...comparedInvoiceFields,
    charge_code: Type.String(),
    cause: StringEnum(differenceCauses),
    old: Nullable(LineSide),
    fairbill: Nullable(LineSide),
    difference: DecimalString,
    acceptance: Type.Union([AcceptanceSchema, Type.Null()], {
      description: "a second person's acceptance of the difference, with the reason; null until accepted",
    }),
  },
  { title: "ParallelRunDifference" },
);
export type ParallelRunDifference = Static<typeof ParallelRunDifferenceSchema>;

export const DifferenceParams = Type.Object({
  id: IdParams.properties.id,
  difference: Type.String({ maxLength: 50, description: "the difference's id, such as 3.2" }),
});

export const AcceptDifferenceBody = StrictObject({
  reason: ReasonText(
    "why the difference may stand at cut-over; kept with the acceptance and in the audit log",
  ),
});

export const ParallelRunPageQuery = StrictObject(reportPageFields);
export type ParallelRunPageFilters = Static<typeof ParallelRunPageQuery>;

export const ParallelRunInvoiceQuery = StrictObject({
  matches: Type.Optional(
    StringEnum(["true", "false"], { description: "only matching or only differing invoices" }),
  ),
  ...reportPageFields,
});
export type ParallelRunInvoiceFilters = Static<typeof ParallelRunInvoiceQuery>;
