// Response bodies of the bill run routes (/v1/bill-runs), and how a bill run
// is presented in the API and the CLI's summary.
import { type Static, Type } from "typebox";
import { DateTimeString, Nullable, StringEnum } from "../platform/http/schemas.ts";
import { StrictObject } from "../platform/http/validation.ts";
import type { BillRun, BillRunError } from "./bill-run.ts";

export const BillRunSchema = StrictObject({
  id: Type.String(),
  at: DateTimeString("everything due at or before this instant was billed"),
  trigger: StringEnum(["cli", "schedule", "test_clock"] as const, { description: "what started the run" }),
  status: StringEnum(["running", "completed", "failed"] as const),
  customers_total: Type.Integer({ description: "customers with something due when the run started" }),
  customers_done: Type.Integer(),
  invoices_issued: Type.Integer(),
  invoices_finalized: Type.Integer(),
  errors: Type.Integer({ description: "customers the run could not bill" }),
  failure: Nullable(Type.String({ description: "why a failed run stopped" })),
  started_at: DateTimeString("when the run started (real time)"),
  finished_at: Nullable(DateTimeString("when the run ended (real time)")),
});
export type BillRunBody = Static<typeof BillRunSchema>;

export const BillRunDetailSchema = StrictObject({
  ...BillRunSchema.properties,
  customer_errors: Type.Array(
    StrictObject({
      customer_id: Type.String(),
      code: Type.String(),
      message: Type.String(),
      occurred_at: DateTimeString("when the customer failed"),
    }),
  ),
});

export function presentBillRun(run: BillRun): BillRunBody {
  return {
    id: run.id,
    at: run.at.toISOString(),
    trigger: run.trigger,
    status: run.status,
    customers_total: run.customersTotal,
    customers_done: run.customersDone,
    invoices_issued: run.invoicesIssued,
    invoices_finalized: run.invoicesFinalized,
    errors: run.errors,
    failure: run.failure,
    started_at: run.startedAt.toISOString(),
    finished_at: run.finishedAt?.toISOString() ?? null,
  };
}

export function presentBillRunDetail(run: BillRun & { customerErrors: BillRunError[] }) {
  return {
    ...presentBillRun(run),
    customer_errors: run.customerErrors.map((error) => ({
      customer_id: error.customerId,
      code: error.code,
      message: error.message,
      occurred_at: error.occurredAt.toISOString(),
    })),
  };
}
