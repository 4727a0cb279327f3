// Receivables by age (GET /v1/receivables/ageing): every invoice still owed
// (open or partly paid, something left to pay), summed per currency into the
// buckets of days past its due date (current, 1–30, 31–60, 61–90, over 90) at
// the environment's now; the core does the counting and the sums.
import { ageReceivables, currencyFor, Decimal, formatAmount, invoiceAmountRemaining } from "../core/index.ts";
import type { RequestContext } from "../platform/context.ts";
import { inTenant } from "../platform/database/tenant-scope.ts";
import type { ReceivablesAgeingView } from "./invoice-schemas.ts";

export async function receivablesAgeing(
  context: RequestContext,
  query: { currency?: string | undefined },
): Promise<ReceivablesAgeingView> {
  const at = context.clock.now();
  let select = context.database
    .selectFrom("invoices")
    .select(["currency", "due_at", "amount_due", "amount_paid", "amount_credited"])
    .where(inTenant(context))
    .where("status", "in", ["open", "partially_paid"]);
  if (query.currency !== undefined) select = select.where("currency", "=", query.currency);
  const rows = await select.execute();
  const ageing = ageReceivables(
    rows.map((row) => ({
      currency: row.currency,
      dueAt: row.due_at?.getTime() ?? null,
      amountRemaining: invoiceAmountRemaining({
        amountDue: new Decimal(row.amount_due),
        amountPaid: new Decimal(row.amount_paid),
        amountCredited: new Decimal(row.amount_credited),
      }),
    })),
    at.getTime(),
  );
  return {
    at: at.toISOString(),
    currencies: ageing.map((entry) => {
      const money = currencyFor(entry.currency);
      return {
        currency: entry.currency,
        invoices: entry.invoices,
        total: formatAmount(entry.total, money),
        buckets: entry.buckets.map((bucket) => ({
          bucket: bucket.bucket,
          invoices: bucket.invoices,
          amount: formatAmount(bucket.amount, money),
        })),
      };
    }),
  };
}
